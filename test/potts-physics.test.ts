// The q-state Potts model through the public API against exact results: e, c and V4 from the exact
// density of states (test/fixtures/potts-exact.json, scripts/potts-exact-fixture.ts), <m^2> and <m^4>
// where the fixture has them, for Metropolis and heat bath; |z| < 4 with binned/jackknife errors.
// q = 2 is the Ising model at twice the temperature (e_Ising = 2 e_Potts + 2 + h, |m_Ising| = m_Potts).
import { describe, expect, it } from 'vitest';
import { createSimulation, densityOfStates, exactMoments, type Algorithm } from '../src/index.js';
import { pottsEnergyMoments } from '../src/models/potts/exact.js';
import { fixtureDensity, pottsFixture } from './helpers/potts-fixture.js';
import { zScore } from './helpers/core.js';

const CASES: [number, number, number][] = [
  // q, L, T
  [3, 6, 1.0],
  [4, 4, 0.9],
  [4, 6, 0.9],
  [5, 4, 0.8],
  [5, 6, 0.8],
  [8, 4, 0.7],
  [8, 6, 0.7],
];

describe('Potts vs exact results', () => {
  for (const algorithm of ['metropolis', 'heat-bath'] as Algorithm[]) {
    it.each(CASES)(`${algorithm}: q=%d L=%d T=%d`, async (q, L, T) => {
      const sim = await createSimulation({ model: 'potts', q, size: L, temperature: T, algorithm, backend: 'wasm', seed: 11 });
      const m = sim.measure({ thermalize: 2000, sweeps: 60_000 });
      sim.dispose();
      const exact = pottsEnergyMoments(fixtureDensity(q, L), 1 / T);
      const point = pottsFixture.cases.find((c) => c.q === q && c.Lx === L)!.points.find((p) => p.temperature === T);
      const checks: [string, { mean: number; error: number }, number | undefined][] = [
        ['energy', m.observables.energy, exact.energy],
        ['specificHeat', m.observables.specificHeat, exact.specificHeat],
        ['energyCumulant', m.observables.energyCumulant, exact.energyCumulant],
        ['magnetization2', m.observables.magnetization2, point?.magnetization2],
        ['magnetization4', m.observables.magnetization4, point?.magnetization4],
      ];
      for (const [name, measured, value] of checks) {
        if (value === undefined) continue;
        expect(Math.abs(zScore(measured, value)), `${name}: ${measured.mean} +- ${measured.error}, exact ${value}`).toBeLessThan(4);
      }
      expect(m.model).toBe('potts');
      expect(m.q).toBe(q);
    });
  }
});

describe('q = 2 is the Ising model at twice the temperature', () => {
  it('matches exact enumeration of the 4 x 4 Ising model in a field, mapped', async () => {
    const [T, h] = [1.2, 0.15];
    const ising = exactMoments(densityOfStates(4), 2 * T, h);
    for (const algorithm of ['metropolis', 'heat-bath'] as const) {
      const sim = await createSimulation({ model: 'potts', q: 2, size: 4, temperature: T, field: h, algorithm, seed: 3 });
      const m = sim.measure({ thermalize: 1000, sweeps: 100_000 });
      const e = { mean: 2 * m.observables.energy.mean + 2 + h, error: 2 * m.observables.energy.error };
      expect(Math.abs(zScore(e, ising.energy))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.absMagnetization, ising.absMagnetization))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.magnetization2, ising.magnetization2))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.specificHeat, ising.specificHeat))).toBeLessThan(4);
    }
  });
});

describe('Potts on both backends', () => {
  it('gives the same measurement bit for bit', async () => {
    for (const algorithm of ['metropolis', 'heat-bath'] as const) {
      const make = (backend: 'wasm' | 'js') => createSimulation({ model: 'potts', q: 5, size: 8, temperature: 0.8, field: 0.05, algorithm, backend, seed: 2 });
      const [a, b] = [await make('wasm'), await make('js')];
      const ma = a.measure({ thermalize: 100, sweeps: 500, correlations: { every: 10 }, histograms: true });
      const mb = b.measure({ thermalize: 100, sweeps: 500, correlations: { every: 10 }, histograms: true });
      expect({ ...ma, backend: 'x' }).toEqual({ ...mb, backend: 'x' });
      expect(a.spins()).toEqual(b.spins());
      expect(a.spins()).toBeInstanceOf(Uint8Array);
    }
  });
});

describe('the Landau free energy of the three-state Potts model', () => {
  it('is asymmetric: a significant cubic term in F(m_0), and a map of the two-component M', async () => {
    const { landau } = await import('../src/index.js');
    const sim = await createSimulation({ model: 'potts', q: 3, size: 12, temperature: 1.1, algorithm: 'heat-bath', seed: 2 });
    const f = landau(sim, { thermalize: 1000, sweeps: 60_000, bins: 25, order: 4 });
    expect(f.orderParameter).toBe('m0');
    expect(f.variable).toBe('m');
    expect(Math.abs(f.fit!.a3!.mean)).toBeGreaterThan(4 * f.fit!.a3!.error);
    expect(f.map?.F.length).toBe(25);
    const ising = await createSimulation({ model: 'potts', q: 2, size: 12, temperature: 0.7, seed: 2 });
    const g = landau(ising, { thermalize: 1000, sweeps: 20_000, bins: 25, order: 4 });
    expect(g.variable).toBe('|m|'); // q = 2 is the Ising model: symmetric at h = 0
    expect(g.fit?.a3).toBeUndefined();
  });
});

describe('Potts cluster updates through the public API', () => {
  const cases: [number, number, number, number][] = [
    // q, L, T, h
    [3, 6, 1.0, 0],
    [5, 4, 0.8, 0.05],
  ];
  it.each(cases)('Wolff, Swendsen-Wang and hybrid: q=%d L=%d T=%d h=%d against the exact moments, both backends bit for bit', async (q, L, T, h) => {
    const { pottsExactMoments } = await import('../src/models/potts/exact.js');
    const exact = pottsExactMoments(q, L, L, 1 / T, h);
    for (const algorithm of ['wolff', 'swendsen-wang', 'hybrid'] as const) {
      const make = (backend: 'wasm' | 'js') => createSimulation({ model: 'potts', q, size: L, temperature: T, field: h, algorithm, backend, seed: 9 });
      const [a, b] = [await make('wasm'), await make('js')];
      const ma = a.measure({ thermalize: 1000, sweeps: 40_000 });
      const mb = b.measure({ thermalize: 1000, sweeps: 40_000 });
      expect({ ...ma, backend: 'x' }).toEqual({ ...mb, backend: 'x' });
      expect(a.spins()).toEqual(b.spins());
      for (const [name, measured, value] of [['energy', ma.observables.energy, exact.energy], ['specificHeat', ma.observables.specificHeat, exact.specificHeat], ['magnetization2', ma.observables.magnetization2, exact.magnetization2]] as const) {
        expect(Math.abs(zScore(measured, value)), `${algorithm} ${name}`).toBeLessThan(4);
      }
      if (h === 0) expect(Math.abs(zScore(ma.improved!.magnetization2, exact.magnetization2)), `${algorithm} improved m^2`).toBeLessThan(4);
      else expect(ma.improved).toBeUndefined();
      expect(a.clusterLabels().some((label) => label >= 0)).toBe(true);
    }
  });

  it('refuses q = 256 for cluster updates, naming q (a byte marks a growing cluster)', async () => {
    await expect(createSimulation({ model: 'potts', q: 256, size: 8, algorithm: 'wolff' })).rejects.toThrow(/"q": expected an integer from 2 to 255 for cluster updates/);
    const sim = await createSimulation({ model: 'potts', q: 256, size: 8 });
    expect(() => sim.setAlgorithm('swendsen-wang')).toThrow(/"q"/);
    expect(sim.options.algorithm).toBe('metropolis');
  });
});
