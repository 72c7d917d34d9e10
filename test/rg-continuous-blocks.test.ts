// Block spins of the continuous-spin models (src/rg/continuous.ts) against direct computations:
// the normalised block sum (XY, Heisenberg) and the block average (phi^4) from coordinates, the
// clock rule against the nearest clock angle of atan2 of the block sum, q = 2 against the Ising
// majority rule, decimation, the pyramid of a simulation against the array function, and the
// distribution of the block spin of the whole 2 x 2 clock lattice (q = 6, h = 0.5) against exact
// enumeration of its 6^4 configurations.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, coarseGrain, coarseGrainContinuous, createSimulation, InvalidOptionError, rgFlow } from '../src/index.js';
import { Xoshiro128, seedState } from '../src/rng.js';

const rng = new Xoshiro128(seedState(99));
const u = () => rng.next() * 2 ** -32;

function unitVectors(sites: number, n: 2 | 3): Float64Array {
  const s = new Float64Array(n * sites);
  for (let i = 0; i < sites; i++) {
    if (n === 2) {
      const a = 2 * Math.PI * u();
      s.set([Math.cos(a), Math.sin(a)], 2 * i);
    } else {
      const z = 2 * u() - 1;
      const a = 2 * Math.PI * u();
      const r = Math.sqrt(1 - z * z);
      s.set([r * Math.cos(a), r * Math.sin(a), z], 3 * i);
    }
  }
  return s;
}

/** Sum of the components of the b^d block (X, Y, Z) of an L^d lattice, n components a site. */
function blockSum(s: ArrayLike<number>, L: number, d: 2 | 3, b: number, n: number, X: number, Y: number, Z: number): number[] {
  const sum = new Array(n).fill(0);
  for (let dz = 0; dz < (d === 3 ? b : 1); dz++)
    for (let dy = 0; dy < b; dy++)
      for (let dx = 0; dx < b; dx++) {
        const i = ((Z * b + dz) * L + Y * b + dy) * L + X * b + dx;
        for (let a = 0; a < n; a++) sum[a] += s[n * i + a];
      }
  return sum;
}

describe('continuous block spins', () => {
  for (const [model, n, d] of [
    ['xy', 2, 2],
    ['heisenberg', 3, 2],
    ['xy', 2, 3],
    ['heisenberg', 3, 3],
  ] as const) {
    it(`${model} on the ${d === 2 ? 'square' : 'cubic'} lattice: the normalised block sum`, () => {
      const L = d === 2 ? 12 : 6;
      const b = d === 2 ? 3 : 2;
      const spins = unitVectors(L ** d, n);
      const p = coarseGrainContinuous(model, spins, { blockSize: b, levels: 1, lattice: d === 2 ? 'square' : 'cubic' });
      const Lb = L / b;
      expect(p.lattices[1].length).toBe(n * Lb ** d);
      expect(p.ties).toBe(0);
      for (let Z = 0; Z < (d === 3 ? Lb : 1); Z++)
        for (let Y = 0; Y < Lb; Y++)
          for (let X = 0; X < Lb; X++) {
            const sum = blockSum(spins, L, d, b, n, X, Y, Z);
            const length = Math.hypot(...sum);
            const B = (Z * Lb + Y) * Lb + X;
            for (let a = 0; a < n; a++) expect(p.lattices[1][n * B + a]).toBeCloseTo(sum[a] / length, 12);
          }
    });
  }

  it('phi4: the block average, and the magnetization per site the same on every level', () => {
    const L = 8;
    const field = Float64Array.from({ length: 2 * L * L * L }, () => 3 * (u() - 0.5));
    const p = coarseGrainContinuous('phi4', field, { lattice: 'cubic', levels: 2 });
    for (let Z = 0; Z < 4; Z++)
      for (let Y = 0; Y < 4; Y++)
        for (let X = 0; X < 4; X++) {
          const sum = blockSum(field, L, 3, 2, 2, X, Y, Z);
          const B = (Z * 4 + Y) * 4 + X;
          expect(p.lattices[1][2 * B]).toBeCloseTo(sum[0] / 8, 13);
          expect(p.lattices[1][2 * B + 1]).toBeCloseTo(sum[1] / 8, 13);
        }
    const mean = (f: Float64Array, a: number) => f.filter((_, i) => i % 2 === a).reduce((s, v) => s + v, 0) / (f.length / 2);
    for (const level of p.lattices) {
      expect(mean(level, 0)).toBeCloseTo(mean(field, 0), 12);
      expect(mean(level, 1)).toBeCloseTo(mean(field, 1), 12);
    }
  });

  it('clock: the clock state nearest to the direction of the block sum; ties only where two states are equally near', () => {
    for (const q of [3, 5, 6, 8]) {
      const L = 16;
      const states = Uint8Array.from({ length: L * L }, () => Math.floor(u() * q));
      const p = coarseGrainContinuous('clock', states, { q, levels: 1 });
      let ties = 0;
      for (let Y = 0; Y < 8; Y++)
        for (let X = 0; X < 8; X++) {
          const sum = [0, 0];
          for (const [dx, dy] of [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ]) {
            const k = states[(2 * Y + dy) * L + 2 * X + dx];
            sum[0] += Math.cos((2 * Math.PI * k) / q);
            sum[1] += Math.sin((2 * Math.PI * k) / q);
          }
          const distances = Array.from({ length: q }, (_, j) => {
            const delta = Math.abs(Math.atan2(sum[1], sum[0]) - (2 * Math.PI * j) / q) % (2 * Math.PI);
            return Math.min(delta, 2 * Math.PI - delta);
          });
          const best = Math.min(...distances);
          const nearest = distances.map((v, j) => (v < best + 1e-9 ? j : -1)).filter((j) => j >= 0);
          const zero = Math.hypot(sum[0], sum[1]) < 1e-9;
          if (nearest.length > 1 || zero) ties++;
          const chosen = p.lattices[1][Y * 8 + X];
          if (!zero) expect(nearest).toContain(chosen);
        }
      expect(p.ties).toBe(ties);
    }
  });

  it('clock q = 2 is the Ising majority rule bit for bit (ties included), and decimation keeps the corner', () => {
    const L = 16;
    const states = Uint8Array.from({ length: L * L }, () => (u() < 0.5 ? 0 : 1));
    const ising = Int8Array.from(states, (k) => (k === 0 ? 1 : -1));
    const clock = coarseGrainContinuous('clock', states, { q: 2, levels: 3 });
    const majority = coarseGrain(ising, { levels: 3 });
    expect(clock.ties).toBe(majority.ties);
    expect(clock.ties).toBeGreaterThan(0);
    clock.lattices.forEach((level, k) => expect(Int8Array.from(level, (s) => (s === 0 ? 1 : -1))).toEqual(majority.lattices[k]));
    const decimated = coarseGrainContinuous('clock', states, { q: 2, levels: 1, rule: 'decimation' });
    for (let Y = 0; Y < 8; Y++) for (let X = 0; X < 8; X++) expect(decimated.lattices[1][Y * 8 + X]).toBe(states[2 * Y * L + 2 * X]);
    expect(decimated.ties).toBe(0);
  });

  it('the pyramid of a simulation is the array function of its spins, on both backends', async () => {
    for (const [model, extra] of [
      ['xy', {}],
      ['clock', { q: 6 }],
      ['heisenberg', {}],
      ['phi4', { lattice: 'cubic' }],
    ] as const) {
      const pyramids = [];
      for (const backend of ['wasm', 'js'] as const) {
        const sim = await createSimulation({ model, size: 8, temperature: 1.5, seed: 5, backend, ...extra } as never);
        sim.sweep(20);
        const p = blockSpinPyramid(sim, { levels: 2, seed: 7 });
        const q = (extra as { q?: number }).q;
        const lattice = (extra as { lattice?: 'cubic' }).lattice;
        const direct = coarseGrainContinuous(model, sim.spins() as never, { levels: 2, seed: 7, ...(q ? { q } : {}), ...(lattice ? { lattice } : {}) });
        expect(p).toEqual(direct);
        pyramids.push(p);
        sim.dispose();
      }
      expect(pyramids[0]).toEqual(pyramids[1]);
    }
  });

  it('the block spin of the whole 2 x 2 clock lattice (q = 6, T = 1, h = 0.5) has the exactly enumerated distribution', async () => {
    const q = 6;
    const T = 1;
    const h = 0.5;
    // exact: the 6^4 configurations of the periodic 2 x 2 lattice (each bond doubled by the periodic wrap)
    const exact = new Array(q).fill(0);
    let Z = 0;
    const angle = (k: number) => (2 * Math.PI * k) / q;
    for (let c = 0; c < q ** 4; c++) {
      const k = [c % q, Math.floor(c / q) % q, Math.floor(c / q ** 2) % q, Math.floor(c / q ** 3)];
      const bond = (i: number, j: number) => Math.cos(angle(k[i] - k[j]));
      const E = -2 * (bond(0, 1) + bond(2, 3) + bond(0, 2) + bond(1, 3)) - h * k.reduce((s, v) => s + Math.cos(angle(v)), 0);
      const w = Math.exp(-E / T);
      Z += w;
      const sx = k.reduce((s, v) => s + Math.cos(angle(v)), 0);
      const sy = k.reduce((s, v) => s + Math.sin(angle(v)), 0);
      const distances = Array.from({ length: q }, (_, j) => {
        const delta = Math.abs(Math.atan2(sy, sx) - angle(j)) % (2 * Math.PI);
        return Math.min(delta, 2 * Math.PI - delta);
      });
      const best = Math.min(...distances);
      const tied = Math.hypot(sx, sy) < 1e-9 ? [0, 1, 2, 3, 4, 5] : distances.map((v, j) => (v < best + 1e-9 ? j : -1)).filter((j) => j >= 0);
      for (const j of tied) exact[j] += w / tied.length;
    }
    for (let j = 0; j < q; j++) exact[j] /= Z;

    // Monte Carlo: the 2 x 2 lattice tiled into 4 x 4, blocked once: block 0 is the block spin of the whole lattice
    const sim = await createSimulation({ model: 'clock', q, size: 2, temperature: T, field: h, algorithm: 'metropolis', seed: 4 });
    sim.sweep(200);
    const batches = 20;
    const perBatch = 1000;
    const p = Array.from({ length: batches }, () => new Array(q).fill(0));
    for (let bt = 0; bt < batches; bt++) {
      for (let t = 0; t < perBatch; t++) {
        sim.sweep(3);
        const s = sim.spins();
        const tiled = Uint8Array.from({ length: 16 }, (_, i) => s[((i >> 2) % 2) * 2 + ((i & 3) % 2)]);
        const pyramid = coarseGrainContinuous('clock', tiled, { q, levels: 1, seed: bt * perBatch + t });
        p[bt][pyramid.lattices[1][0]] += 1 / perBatch;
      }
    }
    sim.dispose();
    for (let j = 0; j < q; j++) {
      const values = p.map((b) => b[j]);
      const mean = values.reduce((s, v) => s + v, 0) / batches;
      const error = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (batches * (batches - 1)));
      expect(Math.abs(mean - exact[j]) / error).toBeLessThan(4);
    }
    // the field favours state 0, the neighbours 1 and 5 equally
    expect(exact[0]).toBeGreaterThan(exact[1]);
    expect(exact[1]).toBeCloseTo(exact[5], 12);
  });

  it('refuses what it cannot coarse-grain, with typed errors naming the field', async () => {
    expect(() => coarseGrainContinuous('xy', new Float64Array(2 * 15), {})).toThrow(/Invalid option "spins"/);
    expect(() => coarseGrainContinuous('xy', Float64Array.from({ length: 32 }, () => 0.5), {})).toThrow(/unit vectors/);
    expect(() => coarseGrainContinuous('clock', new Uint8Array(16), {})).toThrow(/Invalid option "q"/);
    expect(() => coarseGrainContinuous('clock', new Uint8Array(16).fill(7), { q: 6 })).toThrow(/each 0 \.\. 5/);
    expect(() => coarseGrainContinuous('xy', new Float64Array(32), { q: 6 } as never)).toThrow(/Invalid option "q"/);
    expect(() => coarseGrainContinuous('phi4', new Float64Array(32), { lattice: 'hex' } as never)).toThrow(/Invalid option "lattice"/);
    expect(() => coarseGrainContinuous('ising' as never, new Float64Array(32) as never)).toThrow(InvalidOptionError);
    expect(() => coarseGrainContinuous('phi4', new Float64Array(32), { blocksize: 2 } as never)).toThrow(/blocksize/);
    const sim = await createSimulation({ model: 'xy', size: 8, temperature: 1, seed: 1 });
    expect(() => rgFlow(sim, { samples: 10, patterns: true })).toThrow(/Invalid option "patterns": expected false or omitted for model "xy"/);
    expect(() => rgFlow(sim, { samples: 10, blockSize: 3 })).toThrow(/Invalid option "blockSize"/);
    sim.dispose();
  });
});

describe('continuous level sums', () => {
  /** Plaquettes with a nonzero winding, from angle differences wrapped to (-pi, pi] (an independent count). */
  function windings(s: Float64Array, L: number, d: 2 | 3): number {
    const angle = (i: number) => Math.atan2(s[2 * i + 1], s[2 * i]);
    const wrap = (x: number) => x - 2 * Math.PI * Math.round(x / (2 * Math.PI));
    const at = (x: number, y: number, z: number) => ((((z + L) % L) * L + ((y + L) % L)) * L + ((x + L) % L)) % L ** d;
    const planes: [number[], number[]][] = [[[1, 0, 0], [0, 1, 0]]];
    if (d === 3) planes.push([[0, 1, 0], [0, 0, 1]], [[0, 0, 1], [1, 0, 0]]);
    let count = 0;
    for (let z = 0; z < (d === 3 ? L : 1); z++)
      for (let y = 0; y < L; y++)
        for (let x = 0; x < L; x++)
          for (const [a, b] of planes) {
            const c = [at(x, y, z), at(x + a[0], y + a[1], z + a[2]), at(x + a[0] + b[0], y + a[1] + b[1], z + a[2] + b[2]), at(x + b[0], y + b[1], z + b[2])];
            let w = 0;
            for (let k = 0; k < 4; k++) w += wrap(angle(c[(k + 1) % 4]) - angle(c[k]));
            if (Math.abs(w) > 1) count++;
          }
    return count;
  }

  it('count vortices, nearest-neighbour and diagonal products as their definitions say', async () => {
    const { levelSums, vectorSpins } = await import('../src/rg/continuous.js');
    for (const [L, d] of [
      [8, 2],
      [5, 3],
    ] as const) {
      const s = unitVectors(L ** d, 2);
      const sums = levelSums(vectorSpins('xy'), { components: s }, L, d);
      expect(sums.vortices).toBe(windings(s, L, d));
      expect(sums.vortices).toBeGreaterThan(0);
      // nn: sum over sites and the d forward axes of s_i . s_j
      let nn = 0;
      const dot = (i: number, j: number) => s[2 * i] * s[2 * j] + s[2 * i + 1] * s[2 * j + 1];
      const at = (x: number, y: number, z: number) => (((z % L) * L + (y % L)) * L + (x % L)) % L ** d;
      for (let z = 0; z < (d === 3 ? L : 1); z++)
        for (let y = 0; y < L; y++)
          for (let x = 0; x < L; x++) {
            nn += dot(at(x, y, z), at(x + 1, y, z)) + dot(at(x, y, z), at(x, y + 1, z));
            if (d === 3) nn += dot(at(x, y, z), at(x, y, z + 1));
          }
      expect(sums.nn).toBeCloseTo(nn, 10);
      expect(sums.s2).toBeCloseTo(L ** d, 10);
    }
  });
});
