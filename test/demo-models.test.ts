// The laboratory's models in Node (demo/src/models.ts, lattice-image.ts, analysis.ts, tour.ts):
// every model of the picker is a library model with the library's lattices and algorithms; the
// order-parameter vector the landscape view reads from a record has the library's |M| / N as its
// length (XY, clock, Heisenberg, Potts q = 3, phi^4, from real runs); vortices and antivortices are the
// windings of the angle around plaquettes; the landscape of samples on a ring is the library's
// 'ring' (the Mexican hat) with its brim at the ring, of samples in q clusters q wells; every tour
// step is an address the page reads without a problem.
import { describe, expect, it } from 'vitest';
import { createSimulation, modelDefinition, MODELS } from '../src/index.js';
import { landscapeView } from '../demo/src/analysis.js';
import { drawAngles, vortexCharges } from '../demo/src/lattice-image.js';
import { algorithmsOf, LAB_MODEL_SPECS, LAB_MODELS, latticesOf, libraryParameters, specOf } from '../demo/src/models.js';
import { parseState } from '../demo/src/state.js';
import { TOUR, tourQuery, tourStepOf } from '../demo/src/tour.js';

describe('the models of the laboratory', () => {
  it('offers the library models it has entries for, with the library lattices and algorithms', () => {
    expect(LAB_MODELS).toEqual(LAB_MODEL_SPECS.map((s) => s.name).filter((m) => MODELS.includes(m)));
    expect(LAB_MODELS).toEqual(expect.arrayContaining(['ising', 'potts', 'xy', 'clock', 'heisenberg', 'phi4']));
    for (const model of LAB_MODELS) {
      const spec = specOf(model);
      expect(latticesOf(model)).toEqual(modelDefinition(model).lattices);
      for (const lattice of latticesOf(model)) {
        expect(algorithmsOf(model, lattice).length).toBeGreaterThan(0);
        expect(spec.sizes[lattice]).toContain(spec.defaultSize[lattice]);
      }
      if (spec.q) expect(() => modelDefinition(model).parameters(libraryParameters({ model, q: spec.q!.default }))).not.toThrow();
    }
  });

  it('reads the order-parameter vector of a record with the length |M| / N of the library (real runs, both backends)', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      for (const [model, q] of [['xy', 2], ['clock', 6], ['heisenberg', 2], ['potts', 3], ['phi4', 2]] as const) {
        const parameters = libraryParameters({ model, q });
        const sim = await createSimulation({ model, ...parameters, size: 8, temperature: 0.7, seed: 3, backend });
        const definition = modelDefinition(model);
        const width = definition.recordWidth(definition.parameters(parameters));
        const records = definition.recordType === 'float64' ? new Float64Array(20 * width) : new Int32Array(20 * width);
        sim.sweep(20, records);
        const spec = specOf(model);
        const v = new Float64Array(3);
        for (let t = 0; t < 20; t++) {
          spec.landscape(records, t * width, 64, q, v);
          const length = Math.hypot(...v.subarray(0, spec.components));
          expect(length).toBeCloseTo(definition.orderParameter(records, t * width, 64, definition.parameters(parameters)), 10);
        }
        sim.dispose();
      }
    }
  });
});

describe('vortices', () => {
  it('finds the winding of the angle around every plaquette, the charges summing to zero on the torus', () => {
    // a vortex: the angle turns once around the plaquette between sites (1, 1), (2, 1), (2, 2), (1, 2)
    const size = 4;
    const angles = new Float64Array(size * size);
    angles[1 * size + 1] = 0;
    angles[1 * size + 2] = Math.PI / 2;
    angles[2 * size + 2] = Math.PI;
    angles[2 * size + 1] = (3 * Math.PI) / 2;
    const charges = vortexCharges(angles, size);
    expect(charges[1 * size + 1]).toBe(1);
    expect(charges.reduce((a, b) => a + b, 0)).toBe(0);
    const antivortices = charges.filter((c) => c < 0).length;
    expect(antivortices).toBeGreaterThan(0);
    // the mirror image is an antivortex
    const mirrored = vortexCharges(angles.map((a) => -a), size);
    expect(mirrored[1 * size + 1]).toBe(-1);
    // clock angles with even q (differences of exactly pi): still integer charges summing to zero
    const clock = Float64Array.from({ length: 256 }, (_, i) => (2 * Math.PI * ((i * 7919) % 6)) / 6);
    const c = vortexCharges(clock, 16);
    expect(c.reduce((a, b) => a + b, 0)).toBe(0);
    expect(c.some((x) => x !== 0)).toBe(true);
    // a uniform lattice has none; the picture counts what it marks
    expect(vortexCharges(new Float64Array(16).fill(1.3), 4).every((c) => c === 0)).toBe(true);
    const out = new Uint8ClampedArray(4 * 32 * 32);
    expect(drawAngles(angles, size, 8, out, charges)).toEqual({ vortices: 1, antivortices });
  });
});

describe('the landscape', () => {
  /** Samples of a planar order parameter around `centres` (radius spread 0.03), deterministic. */
  function samples(n: number, at: (t: number) => [number, number]): Float64Array[] {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let u = 12345;
    const random = () => ((u = (Math.imul(u, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < n; t++) {
      const [cx, cy] = at(t);
      x[t] = cx + 0.03 * (random() - 0.5);
      y[t] = cy + 0.03 * (random() - 0.5);
    }
    return [x, y];
  }

  it('is the Mexican hat for samples on a ring: the library says ring, the profile is lowest at the ring', () => {
    const ring = samples(20000, (t) => [0.6 * Math.cos(t * 2.399), 0.6 * Math.sin(t * 2.399)]);
    const view = landscapeView(ring, 64);
    expect(view.shape).toBe('ring');
    const seen = view.profile.x.map((x, k) => [x, view.profile.F[k]] as const).filter(([, F]) => F !== null);
    const lowest = seen.reduce((a, b) => (b[1]! < a[1]! ? b : a));
    expect(Math.abs(lowest[0] - 0.6)).toBeLessThan(0.05);
    expect(lowest[1]).toBe(0);
    // the map: lowest on the ring, nothing sampled at the centre
    const map = view.map!;
    const centre = map.x.findIndex((x) => Math.abs(x) === Math.min(...map.x.map(Math.abs)));
    expect(map.F[centre][centre]).toBeNull();
  });

  it('has q wells for samples in q clusters (a Potts or clock order parameter below T_c)', () => {
    const q = 5;
    const wells = samples(20000, (t) => [0.8 * Math.cos((2 * Math.PI * (t % q)) / q), 0.8 * Math.sin((2 * Math.PI * (t % q)) / q)]);
    const view = landscapeView(wells, 64);
    const map = view.map!;
    const minima: [number, number][] = [];
    for (let j = 0; j < map.x.length; j++) {
      for (let i = 0; i < map.x.length; i++) {
        const f = map.F[j][i];
        if (f === null) continue;
        const around = [-1, 0, 1].flatMap((dj) => [-1, 0, 1].map((di) => map.F[j + dj]?.[i + di] ?? null));
        if (around.every((g) => g === null || g >= f) && f < 1) minima.push([map.x[i], map.x[j]]);
      }
    }
    const angles = new Set(minima.map(([x, y]) => Math.round(((Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI)) / ((2 * Math.PI) / q)) % q));
    expect(angles.size).toBe(q);
  });
});

describe('the guided tour', () => {
  it('is a list of addresses the page reads without a problem, each step linkable', () => {
    expect(TOUR.length).toBeGreaterThanOrEqual(8);
    TOUR.forEach((step, k) => {
      expect(step.text.split('. ').length).toBe(1); // one sentence
      const { state, problems } = parseState(tourQuery(k + 1, `?tour=${k + 1}`));
      expect(problems, step.title).toEqual([]);
      expect(LAB_MODELS).toContain(state.model);
    });
    expect(tourStepOf('?tour=2')).toEqual({ step: 2 });
    expect(tourStepOf('?L=64')).toEqual({});
    expect(tourStepOf('?tour=99').problem).toBe(`tour = "99": expected a step from 1 to ${TOUR.length}; ignored`);
    // the address overrides the step: a shared link reproduces what was seen
    expect(parseState(tourQuery(3, '?tour=3&seed=9')).state).toMatchObject({ seed: 9, model: 'ising', size: 16 });
  });
});
