// criticality's Monte Carlo on the periodic 4 x 4 x 4 cube (64 spins, every neighbour distinct) against
// exact values: test/fixtures/cubic-exact-4x4x4.json, from scripts/reference/exact444.c (a transfer
// matrix along z over the 2^16 layer states, one spin at a time, sharing no code with criticality).
// The fixture is checked first: its 4 x 4 x 2 values (the same transfer code) against the exact density
// of states of that box (scripts/reference/dos442.c, enumeration) to rounding, and its ln Z at
// beta = 0.1 against the high-temperature expansion. Then every Ising algorithm that runs at L = 4
// (Metropolis, heat bath, Wolff, Swendsen-Wang, hybrid; the packed kernel needs L a multiple of 16),
// on both backends (independent seeds), at beta = 0.2, beta_c and 0.24, and the q = 2 Potts model
// (beta_Potts = 2 beta_Ising, e_Ising = 2 e_Potts + 3, c and m the same), every observable within 4
// binned errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, CUBE4_EXACT, exactMoments, exactReference } from '../src/index.js';
import type { ObservableName, SimulationOptions } from '../src/index.js';
import { OBSERVABLE_LABELS } from '../src/cli/format.js';
import { zScore } from './helpers/core.js';
import { dos442 } from './helpers/cubic-dos442.js';

type ExactPoint = { beta: number; lnZ: number } & Record<Exclude<ObservableName, 'binderRatio'>, number>;
interface Exact444 {
  points: ExactPoint[];
  box442: { points: ExactPoint[] };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/cubic-exact-4x4x4.json', import.meta.url), 'utf8')) as Exact444;
const N = 64;
const BETA_C = 0.221654626;

function exactAt(beta: number): ExactPoint & Record<ObservableName, number> {
  const p = fixture.points.find((q) => q.beta === beta);
  if (!p) throw new Error(`no exact 4 x 4 x 4 point at beta = ${beta}`);
  return { ...p, binderRatio: p.magnetization4 / p.magnetization2 ** 2 };
}

describe('the exact 4 x 4 x 4 values', () => {
  it('the transfer code reproduces the exact 4 x 4 x 2 density of states to rounding', () => {
    const dos = dos442();
    expect(fixture.box442.points.length).toBeGreaterThanOrEqual(3);
    for (const p of fixture.box442.points) {
      const exact = exactMoments(dos, 1 / p.beta, 0);
      for (const name of ['lnZ', 'energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4', 'binder', 'susceptibility'] as const) {
        expect(Math.abs(p[name] / exact[name] - 1), `4 x 4 x 2, beta = ${p.beta}, ${name}: ${p[name]} vs ${exact[name]}`).toBeLessThan(1e-9);
      }
    }
  });

  it('ln Z / N at beta = 0.1 follows the high-temperature expansion; the cube is consistent', () => {
    // ln Z / N = ln 2 + 3 ln cosh beta + a4 t^4 + a6 t^6 + O(t^8), t = tanh beta, from the closed
    // loops of the periodic cube: a4 = 3 (the plaquettes) + 3/4 (the 48 straight lines of 4 bonds winding
    // it), a6 = 22 (the 6-polygons of the simple cubic lattice) + 18 (1152 winding loops of 6 bonds: a
    // winding line with one jog, 48 lines x 4 places x 3 lengths x 4 directions, each seen from its 2
    // lines); the t^8 remainder is 707 t^8 here
    const p = exactAt(0.1);
    const t = Math.tanh(0.1);
    const rest = p.lnZ / N - Math.log(2) - 3 * Math.log(Math.cosh(0.1)) - 3.75 * t ** 4 - 40 * t ** 6;
    expect(rest).toBeGreaterThan(0);
    expect(rest).toBeLessThan(1500 * t ** 8);
    for (const q of fixture.points) {
      expect(q.susceptibilityFull).toBeCloseTo(N * q.beta * q.magnetization2, 10);
      expect(q.binder).toBeCloseTo(1 - q.magnetization4 / (3 * q.magnetization2 ** 2), 12);
      expect(q.absMagnetization ** 2).toBeLessThan(q.magnetization2);
    }
    // ordered with increasing beta; at beta = 0.3 near the ground state e = -3
    const energies = fixture.points.map((q) => q.energy);
    for (let k = 1; k < energies.length; k++) expect(energies[k]).toBeLessThan(energies[k - 1]);
    expect(exactAt(0.3).energy).toBeLessThan(-2.5);
  });

  it("the library's table (src/exact/cubic.ts) is the fixture's run, and the CLI's exact column shows it at those beta only", () => {
    expect(CUBE4_EXACT.map((p) => p.beta)).toEqual(fixture.points.map((q) => q.beta));
    for (const p of CUBE4_EXACT) {
      const q = exactAt(p.beta);
      for (const key of ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4'] as const) expect(p[key]).toBe(q[key]);
      const ref = exactReference(4, 1 / p.beta, 0, { model: 'ising', lattice: 'cubic' });
      expect(ref.finiteMethod).toBe('transfer-matrix');
      for (const key of ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4', 'binder', 'susceptibility', 'susceptibilityFull'] as const) {
        expect(ref.finite[key]).toBeCloseTo(q[key], 12);
      }
    }
    expect(exactReference(4, 1 / 0.21, 0, { model: 'ising', lattice: 'cubic' }).finiteMethod).toBe('none');
    expect(exactReference(4, 1 / BETA_C, 0.1, { model: 'ising', lattice: 'cubic' }).finiteMethod).toBe('none');
  });
});

const BETAS = [0.2, BETA_C, 0.24];
const ALGORITHMS: [string, SimulationOptions][] = [
  ['metropolis', { algorithm: 'metropolis' }],
  ['heat-bath', { algorithm: 'heat-bath' }],
  ['wolff', { algorithm: 'wolff', clustersPerStep: 4 }],
  ['swendsen-wang', { algorithm: 'swendsen-wang' }],
  ['hybrid', { algorithm: 'hybrid' }],
];
const CHECKED = OBSERVABLE_LABELS.map(([name]) => name);

function expectExact(observables: Record<ObservableName, { mean: number; error: number }>, exact: Record<ObservableName, number>, names: ObservableName[]): void {
  for (const name of names) {
    const o = observables[name];
    expect(Math.abs(zScore(o, exact[name])), `${name}: measured ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
  }
}

describe('Ising on the 4 x 4 x 4 cube vs exact values, every algorithm, both backends', () => {
  for (const [label, algorithm] of ALGORITHMS) {
    for (const [b, backend] of (['wasm', 'js'] as const).entries()) {
      it.each(BETAS)(`${label} (${backend}): beta = %d`, async (beta) => {
        const seed = 4400 + 10 * BETAS.indexOf(beta) + b;
        const sim = await createSimulation({ ...algorithm, lattice: 'cubic', size: 4, beta, backend, seed });
        // the kernels are bit-identical twins (test/cubic-parity): JavaScript runs shorter, on its own seeds
        const m = sim.measure({ thermalize: 1000, sweeps: backend === 'wasm' ? 30_000 : 12_000 });
        expectExact(m.observables, exactAt(beta), CHECKED);
        expect(m.warnings).toEqual([]);
      });
    }
  }
});

describe('q = 2 Potts on the 4 x 4 x 4 cube vs the exact Ising values', () => {
  it.each(['metropolis', 'heat-bath', 'wolff', 'swendsen-wang'] as const)('%s at beta_Potts = 2 beta_c', async (algorithm) => {
    const sim = await createSimulation({ model: 'potts', q: 2, lattice: 'cubic', size: 4, beta: 2 * BETA_C, algorithm, backend: 'wasm', seed: 4450 });
    const m = sim.measure({ thermalize: 1000, sweeps: 30_000 });
    const ising = exactAt(BETA_C);
    // H_Ising = 2 H_Potts + 3N at K_Potts = 2 K_Ising: e_Potts = (e_Ising - 3) / 2, c and m unchanged
    const exact = { ...ising, energy: (ising.energy - 3) / 2 };
    expectExact(m.observables, exact, ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4', 'binder']);
  });
});
