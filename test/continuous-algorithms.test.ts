// The heat bath and Swendsen-Wang by embedding of the continuous-spin models against truth:
// (1) XY on the periodic 2 x 2 lattice against its quadrature (src/models/xy/exact.ts), with and without
// a field; (2) the clock model at q = 2 (Ising) and q = 4 (two Ising copies at J/2) against Kaufman's
// L = 8 values; (3) Heisenberg 2 x 2 against the ring transfer integral; (4) the spin-wave limit at
// T = 0.05, where the heat bath samples concentrations beta |H| near 80; (5) agreement with Wolff on
// L = 8 beyond the exact sizes. Every comparison within 4 error bars (binning with tau_int).
// Bit-for-bit parity of the two backends: test/xy-parity.test.ts and test/heisenberg.test.ts.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Measurement, type SimulationOptions } from '../src/index.js';
import { xyExact2x2 } from '../src/models/xy/exact.js';
import { clockIsingEquivalent } from '../src/models/clock/exact.js';
import { heisenbergRingEnergy, heisenbergRingSpecificHeat } from '../src/models/heisenberg/exact.js';
import { zScore } from './helpers/core.js';

const XY_OBSERVABLES = ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetizationX', 'helicityModulus', 'vortexDensity'] as const;

describe('XY 2 x 2 against quadrature', () => {
  const cases: [string, SimulationOptions][] = [
    ['heat-bath T=0.9 js', { temperature: 0.9, algorithm: 'heat-bath', backend: 'js' }],
    ['heat-bath + over-relaxation T=0.6 h=0.5 wasm', { temperature: 0.6, field: 0.5, algorithm: 'heat-bath', overRelaxation: 1, backend: 'wasm' }],
    ['swendsen-wang T=0.9 wasm', { temperature: 0.9, algorithm: 'swendsen-wang', backend: 'wasm' }],
    ['swendsen-wang T=0.7 h=0.3 js', { temperature: 0.7, field: 0.3, algorithm: 'swendsen-wang', backend: 'js' }],
    ['hybrid swendsen-wang T=1.1 h=0.2', { temperature: 1.1, field: 0.2, algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
  ];
  for (const [name, options] of cases) {
    it(name, async () => {
      const sim = await createSimulation({ model: 'xy', size: 2, seed: 5, ...options });
      const m = sim.measure({ thermalize: 2000, sweeps: 100000 }) as Measurement<'xy'>;
      const exact = xyExact2x2(m.beta, m.field);
      for (const key of XY_OBSERVABLES) {
        const o = m.observables[key];
        expect(Math.abs(zScore(o, exact[key])), `${key}: ${o.mean} +- ${o.error}, exact ${exact[key]}`).toBeLessThan(4);
      }
      sim.dispose();
    });
  }
});

describe('clock model against the Ising mappings (L = 8)', () => {
  const cases: [2 | 4, number, SimulationOptions][] = [
    [2, 2.5, { algorithm: 'heat-bath', backend: 'wasm' }],
    [4, 1.2, { algorithm: 'heat-bath', backend: 'js' }],
    [2, 2.2, { algorithm: 'swendsen-wang', backend: 'js' }],
    [4, 1.1, { algorithm: 'swendsen-wang', backend: 'wasm' }],
    [4, 0.9, { algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
  ];
  for (const [q, T, options] of cases) {
    it(`q = ${q}, T = ${T}, ${options.algorithm}${options.hybridCluster ? ` (${options.hybridCluster})` : ''}`, async () => {
      const sim = await createSimulation({ model: 'clock', q, size: 8, temperature: T, seed: 1, ...options });
      const m = sim.measure({ thermalize: 1000, sweeps: 50000 });
      const exact = clockIsingEquivalent(q, 8, T);
      expect(Math.abs(zScore(m.observables.energy, exact.energy))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.specificHeat, exact.specificHeat))).toBeLessThan(4);
      sim.dispose();
    });
  }
});

describe('Heisenberg 2 x 2 against the ring of 4', () => {
  const cases: [string, SimulationOptions][] = [
    ['heat-bath T=1', { temperature: 1, algorithm: 'heat-bath' }],
    ['heat-bath + over-relaxation T=0.3 js', { temperature: 0.3, algorithm: 'heat-bath', overRelaxation: 1, backend: 'js' }],
    ['swendsen-wang T=0.6', { temperature: 0.6, algorithm: 'swendsen-wang' }],
  ];
  for (const [name, options] of cases) {
    it(name, async () => {
      const sim = await createSimulation({ model: 'heisenberg', size: 2, seed: 3, ...options });
      const m = sim.measure({ thermalize: 2000, sweeps: 100000 });
      expect(Math.abs(zScore(m.observables.energy, heisenbergRingEnergy(4, 2, m.beta)))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.specificHeat, heisenbergRingSpecificHeat(4, 2, m.beta)))).toBeLessThan(4);
      sim.dispose();
    });
  }
});

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
