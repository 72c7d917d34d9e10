// The heat bath and Swendsen-Wang by embedding of the continuous-spin models beyond the exact small
// lattices (those: test/xy-exact.test.ts, test/clock-exact.test.ts, test/heisenberg.test.ts; the
// independent C reference at L = 16: test/xy-reference.test.ts): the spin-wave limit at T = 0.05,
// where the heat bath samples concentrations beta |H| near 80; agreement with Wolff on L = 8 (within 4
// error bars, binning with tau_int); the Swendsen-Wang cluster labels. Bit-for-bit parity of the two
// backends: test/xy-parity.test.ts and test/heisenberg.test.ts.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Measurement, type SimulationOptions } from '../src/index.js';

describe('heat bath at large concentration: the spin-wave limit at T = 0.05 (L = 16)', () => {
  it('XY: e = -2 + T/2 and Upsilon = 1 - T/4; Heisenberg: e = -2 + T (up to T^2)', async () => {
    const T = 0.05;
    const xy = await createSimulation({ model: 'xy', size: 16, temperature: T, start: 'cold', seed: 2, algorithm: 'heat-bath' });
    const m = xy.measure({ thermalize: 500, sweeps: 4000 }) as Measurement<'xy'>;
    expect(m.acceptance).toBe(1);
    const { energy, helicityModulus } = m.observables;
    expect(Math.abs(energy.mean - (-2 + T / 2))).toBeLessThan(4 * energy.error + T * T);
    expect(Math.abs(helicityModulus.mean - (1 - T / 4))).toBeLessThan(4 * helicityModulus.error + T * T);
    const heisenberg = await createSimulation({ model: 'heisenberg', size: 16, temperature: T, start: 'cold', seed: 2, algorithm: 'heat-bath' });
    const e = heisenberg.measure({ thermalize: 500, sweeps: 4000 }).observables.energy;
    expect(Math.abs(e.mean - (-2 + T))).toBeLessThan(4 * e.error + T * T);
  });
});

describe('agreement with Wolff beyond exact sizes (L = 8, independent chains)', () => {
  const compare = async (model: 'xy' | 'heisenberg', T: number, algorithms: SimulationOptions[], keys: readonly string[]) => {
    const results = [];
    for (const options of [{ algorithm: 'wolff', clustersPerStep: 2 } as SimulationOptions, ...algorithms]) {
      const sim = await createSimulation({ model, size: 8, temperature: T, seed: 11, ...options });
      results.push(sim.measure({ thermalize: 1000, sweeps: 20000 }).observables as unknown as Record<string, { mean: number; error: number }>);
      sim.dispose();
    }
    const [wolff, ...others] = results;
    for (const other of others) {
      for (const key of keys) {
        const z = (other[key].mean - wolff[key].mean) / Math.hypot(other[key].error, wolff[key].error);
        expect(Math.abs(z), `${model} T=${T} ${key}: ${other[key].mean} +- ${other[key].error} vs Wolff ${wolff[key].mean} +- ${wolff[key].error}`).toBeLessThan(4);
      }
    }
  };
  const xyKeys = ['energy', 'absMagnetization', 'magnetization2', 'helicityModulus'] as const;
  it('XY at T = 0.7 and 1.1: heat bath (+ over-relaxation) and Swendsen-Wang', async () => {
    for (const T of [0.7, 1.1]) await compare('xy', T, [{ algorithm: 'heat-bath', overRelaxation: 1 }, { algorithm: 'swendsen-wang' }], xyKeys);
  });
  it('Heisenberg at T = 0.8: heat bath and Swendsen-Wang', async () => {
    await compare('heisenberg', 0.8, [{ algorithm: 'heat-bath' }, { algorithm: 'swendsen-wang' }], ['energy', 'magnetization2']);
  });
});

describe('Swendsen-Wang clusters', () => {
  it('label every site by its cluster (its smallest site); one cluster at T -> 0 from a cold start, many at high T', async () => {
    const labelsAt = async (T: number) => {
      const sim = await createSimulation({ model: 'xy', size: 8, temperature: T, start: 'cold', seed: 4, algorithm: 'swendsen-wang' });
      sim.sweep(1);
      const labels = sim.clusterLabels();
      sim.dispose();
      labels.forEach((l, i) => {
        expect(l).toBeLessThanOrEqual(i);
        expect(labels[l]).toBe(l);
      });
      return new Set(labels).size;
    };
    expect(await labelsAt(1e-4)).toBe(1);
    expect(await labelsAt(50)).toBeGreaterThan(32);
  });
});
