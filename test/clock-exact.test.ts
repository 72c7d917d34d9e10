// The q-state clock model against exact mappings (src/models/clock/exact.ts): q = 2 is the Ising
// model, q = 4 two decoupled Ising models at coupling J/2 (e_clock(T) = e_Ising(2T), c_clock(T) =
// 2 c_Ising(2T)), both against Kaufman's finite-lattice values on L = 8, within 4 error bars, for
// Metropolis, the discrete heat bath, Wolff and Swendsen-Wang (mirror lines of the q-gon) and hybrid
// steps on both backends; and the default
// temperatures and typed errors of the model.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError, CRITICAL_TEMPERATURE, type SimulationOptions } from '../src/index.js';
import { clockIsingEquivalent } from '../src/models/clock/exact.js';
import { zScore } from './helpers/core.js';

const CASES: [2 | 4, number, SimulationOptions][] = [
  [2, 2.5, { algorithm: 'metropolis', backend: 'js' }],
  [2, 2.2, { algorithm: 'wolff', backend: 'wasm' }],
  [4, 1.2, { algorithm: 'metropolis', backend: 'wasm' }],
  [4, 1.1, { algorithm: 'wolff', backend: 'js' }],
  [4, 0.9, { algorithm: 'hybrid' }],
  [2, 2.5, { algorithm: 'heat-bath', backend: 'wasm' }],
  [4, 1.2, { algorithm: 'heat-bath', backend: 'js' }],
  [2, 2.2, { algorithm: 'swendsen-wang', backend: 'js' }],
  [4, 1.1, { algorithm: 'swendsen-wang', backend: 'wasm' }],
  [4, 0.9, { algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
];

describe('clock model: exact mappings to Ising', () => {
  for (const [q, T, options] of CASES) {
    it(`q = ${q}, T = ${T}, ${options.algorithm}${options.hybridCluster ? ` (${options.hybridCluster})` : ''}`, async () => {
      const sim = await createSimulation({ model: 'clock', q, size: 8, temperature: T, seed: 1, ...options });
      const m = sim.measure({ thermalize: 1000, sweeps: 50000 });
      const exact = clockIsingEquivalent(q, 8, T);
      expect(Math.abs(zScore(m.observables.energy, exact.energy))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.specificHeat, exact.specificHeat))).toBeLessThan(4);
      sim.dispose();
    });
  }

  it('defaults to its transition temperature and refuses bad q', async () => {
    const t = async (q: number) => (await createSimulation({ model: 'clock', q, size: 4 })).options.temperature;
    expect(await t(2)).toBe(CRITICAL_TEMPERATURE);
    expect(await t(4)).toBe(CRITICAL_TEMPERATURE / 2);
    expect(await t(3)).toBeCloseTo(1.5 / Math.log(1 + Math.sqrt(3)), 12);
    expect(await t(6)).toBe(0.9008);
    for (const q of [undefined, 1, 257, 2.5]) await expect(createSimulation({ model: 'clock', q, size: 4 })).rejects.toThrow(InvalidOptionError);
    await expect(createSimulation({ model: 'clock', q: 4, overRelaxation: 1 })).rejects.toThrow(/overRelaxation/);
    await expect(createSimulation({ model: 'clock', q: 4, algorithm: 'annealing' as never })).rejects.toThrow(/algorithm/);
    const sim = await createSimulation({ model: 'clock', q: 6, size: 4 });
    expect(() => sim.restore({ ...sim.snapshot(), spins: new Uint8Array(16).fill(6) })).toThrow(/snapshot\.spins/);
  });
});
