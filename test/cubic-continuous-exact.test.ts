// XY, clock and Heisenberg on the simple cubic lattice against truth: the exact 2 x 2 x 2 references
// (the clock model by summing all q^8 states; XY and Heisenberg by integrating the odd sublattice out
// exactly and the even one numerically) checked against each other and against the Ising cube
// (q = 2 is Ising, q = 4 two Ising copies at J/2, q = 6 approaches XY); then Monte Carlo on both
// backends, every algorithm, against them; and the infinite-temperature cube (vortex density 1/3).
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationOptions } from '../src/index.js';
import { cubicDensityOfStates, exactMoments } from '../src/exact/index.js';
import { clockCubeExact } from '../src/models/clock/exact.js';
import { unitVectorCubeExact } from '../src/models/continuous/exact.js';
import { zScore } from './helpers/core.js';

describe('exact references of the 2 x 2 x 2 cube', () => {
  const ising = cubicDensityOfStates(2);

  it('clock q = 2 is the Ising cube; q = 4 is two Ising cubes at J/2 (e(T) = e_Ising(2T), c = 2 c_Ising(2T))', () => {
    for (const beta of [0.1, 0.3, 0.6]) {
      const two = clockCubeExact(2, beta, 0);
      const i = exactMoments(ising, 1 / beta);
      for (const key of ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4'] as const) {
        expect(two[key]).toBeCloseTo(i[key], 10);
      }
      const four = clockCubeExact(4, beta, 0);
      const half = exactMoments(ising, 2 / beta);
      expect(four.energy).toBeCloseTo(half.energy, 10);
      expect(four.specificHeat).toBeCloseTo(2 * half.specificHeat, 10);
    }
    // q = 2 with a field: the Ising field
    expect(clockCubeExact(2, 0.25, 0.4).energy).toBeCloseTo(exactMoments(ising, 4, 0.4).energy, 10);
  });

  it('XY by integration agrees with the 6-state clock sum up to the clock anisotropy (O(beta^6))', () => {
    const beta = 0.05;
    const xy = unitVectorCubeExact(2, beta);
    const clock = clockCubeExact(6, beta, 0);
    expect(Math.abs(xy.energy - clock.energy)).toBeLessThan(1e-7);
    expect(Math.abs(xy.specificHeat - clock.specificHeat)).toBeLessThan(1e-7);
    expect(Math.abs(xy.magnetization2 - clock.magnetization2)).toBeLessThan(1e-7);
  });

  it('the integrations converge and start from the high-temperature series e = -(6/n) beta + O(beta^3)', () => {
    expect(unitVectorCubeExact(2, 0.5, 32).energy).toBeCloseTo(unitVectorCubeExact(2, 0.5, 64).energy, 12);
    expect(unitVectorCubeExact(3, 0.7, 8).energy).toBeCloseTo(unitVectorCubeExact(3, 0.7, 10).energy, 9);
    for (const n of [2, 3] as const) {
      const { energy, magnetization2 } = unitVectorCubeExact(n, 1e-3);
      expect(energy / (-(6 / n) * 1e-3)).toBeCloseTo(1, 5);
      expect(magnetization2).toBeCloseTo(1 / 8, 2);
    }
  });
});

const CASES: [string, SimulationOptions, 'xy' | 'heisenberg' | 'clock'][] = [
  ['XY metropolis (wasm)', { model: 'xy', temperature: 2.5, backend: 'wasm' }, 'xy'],
  ['XY wolff (js)', { model: 'xy', temperature: 1.5, algorithm: 'wolff', backend: 'js' }, 'xy'],
  ['XY hybrid + over-relaxation (wasm)', { model: 'xy', temperature: 2, algorithm: 'hybrid', overRelaxation: 1, backend: 'wasm' }, 'xy'],
  ['Heisenberg metropolis + over-relaxation (js)', { model: 'heisenberg', temperature: 1.6, overRelaxation: 1, backend: 'js' }, 'heisenberg'],
  ['Heisenberg wolff (wasm)', { model: 'heisenberg', temperature: 1.2, algorithm: 'wolff', backend: 'wasm' }, 'heisenberg'],
  ['clock q = 3 metropolis, h = 0.3 (wasm)', { model: 'clock', q: 3, temperature: 2, field: 0.3, backend: 'wasm' }, 'clock'],
  ['clock q = 5 wolff (wasm)', { model: 'clock', q: 5, temperature: 1.5, algorithm: 'wolff', backend: 'wasm' }, 'clock'],
  // the heat bath and Swendsen-Wang by embedding (src/models/continuous/heat-bath.ts, embedding.ts) on the cube
  ['XY heat-bath (js)', { model: 'xy', temperature: 1.8, algorithm: 'heat-bath', backend: 'js' }, 'xy'],
  ['XY swendsen-wang (wasm)', { model: 'xy', temperature: 1.5, algorithm: 'swendsen-wang', backend: 'wasm' }, 'xy'],
  ['Heisenberg heat-bath + over-relaxation (wasm)', { model: 'heisenberg', temperature: 1.3, algorithm: 'heat-bath', overRelaxation: 1, backend: 'wasm' }, 'heisenberg'],
  ['Heisenberg swendsen-wang (js)', { model: 'heisenberg', temperature: 1.2, algorithm: 'swendsen-wang', backend: 'js' }, 'heisenberg'],
  ['clock q = 3 heat-bath, h = 0.3 (js)', { model: 'clock', q: 3, temperature: 2, field: 0.3, algorithm: 'heat-bath', backend: 'js' }, 'clock'],
  ['clock q = 5 swendsen-wang (wasm)', { model: 'clock', q: 5, temperature: 1.5, algorithm: 'swendsen-wang', backend: 'wasm' }, 'clock'],
];

describe('Monte Carlo on the 2 x 2 x 2 cube against the exact references', () => {
  for (const [name, options, kind] of CASES) {
    it(name, async () => {
      const sim = await createSimulation({ lattice: 'cubic', size: 2, seed: 5, ...options });
      const m = sim.measure({ thermalize: 2000, sweeps: 60000 });
      const o = m.observables as unknown as Record<string, { mean: number; error: number }>;
      const beta = m.beta;
      const exact: Record<string, number> =
        kind === 'clock'
          ? { ...clockCubeExact(options.q as number, beta, m.field) }
          : { ...unitVectorCubeExact(kind === 'xy' ? 2 : 3, beta) };
      for (const [key, value] of Object.entries(exact)) {
        expect(Math.abs(zScore(o[key], value)), `${key}: ${o[key].mean} +- ${o[key].error}, exact ${value}`).toBeLessThan(4);
      }
      sim.dispose();
    });
  }
});

describe('the clock mappings on the 4 x 4 x 4 cube (distinct +z and -z neighbours), against the Ising kernels', () => {
  const difference = (a: { mean: number; error: number }, b: { mean: number; error: number }) => (a.mean - b.mean) / Math.hypot(a.error, b.error);
  for (const [q, T] of [
    [2, 5],
    [4, 2.5],
  ] as const) {
    it(`q = ${q} at T = ${T}: e and <m^2> of ${q === 2 ? 'Ising at T' : 'two Ising copies at 2T'}`, async () => {
      const ising = await createSimulation({ model: 'ising', lattice: 'cubic', size: 4, temperature: q === 2 ? T : 2 * T, algorithm: 'wolff', seed: 8 });
      const clock = await createSimulation({ model: 'clock', q, lattice: 'cubic', size: 4, temperature: T, algorithm: 'hybrid', seed: 9 });
      const i = ising.measure({ thermalize: 1000, sweeps: 30000 }).observables;
      const c = clock.measure({ thermalize: 1000, sweeps: 30000 }).observables as unknown as Record<string, { mean: number; error: number }>;
      expect(Math.abs(difference(c.energy, i.energy))).toBeLessThan(4);
      // q = 4: s = (sigma_1 + sigma_2, sigma_1 - sigma_2) / 2, so |m|^2 = (m_1^2 + m_2^2) / 2, whose mean is one copy's <m^2>
      expect(Math.abs(difference(c.magnetization2, i.magnetization2))).toBeLessThan(4);
      ising.dispose();
      clock.dispose();
    });
  }
});

describe('the infinite-temperature cube', () => {
  it('XY at beta = 1e-6: a third of the plaquettes of every orientation hold a vortex, and no stiffness', async () => {
    const sim = await createSimulation({ model: 'xy', lattice: 'cubic', size: 4, beta: 1e-6, seed: 3 });
    const { vortexDensity, helicityModulus, energy } = sim.measure({ sweeps: 2000 }).observables as unknown as Record<string, { mean: number; error: number }>;
    expect(Math.abs(zScore(vortexDensity, 1 / 3))).toBeLessThan(4);
    expect(Math.abs(zScore(energy, 0))).toBeLessThan(4);
    expect(Math.abs(helicityModulus.mean)).toBeLessThan(4 * helicityModulus.error + 1e-3);
  });
});
