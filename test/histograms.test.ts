// Energy and magnetization histograms: they count every recorded sweep once, reproduce the means,
// and on 4 x 4 match the exact Boltzmann probabilities of each energy and magnetization
// (|z| < 4 with binomial errors inflated by 2 tau_int).
import { describe, expect, it } from 'vitest';
import { boltzmannWeights, createSimulation, densityOfStates } from '../src/index.js';

describe('histograms', () => {
  it('4 x 4 at Tc: every energy and magnetization class has its exact probability', async () => {
    const T = 2.269185314213022;
    const sim = await createSimulation({ size: 4, temperature: T, seed: 12, backend: 'js' });
    const m = sim.measure({ thermalize: 1000, sweeps: 200_000, histograms: true });
    const { energy, magnetization } = m.histograms!;
    expect(m.series).toBeUndefined();
    expect(energy.samples).toBe(200_000);
    expect(energy.counts.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(magnetization.counts.reduce((a, b) => a + b, 0)).toBe(200_000);
    const mean = energy.values.reduce((acc, e, k) => acc + e * energy.counts[k], 0) / 200_000;
    expect(mean).toBeCloseTo(m.observables.energy.mean, 12);

    const dos = densityOfStates(4);
    const P = boltzmannWeights(dos, T).probabilities;
    const pE = new Map<number, number>();
    const pM = new Map<number, number>();
    dos.bValues.forEach((B, j) => dos.mValues.forEach((M, i) => {
      const p = P[j * 17 + i];
      if (p === 0) return;
      pE.set(-B / 16, (pE.get(-B / 16) ?? 0) + p);
      pM.set(M / 16, (pM.get(M / 16) ?? 0) + p);
    }));
    const check = (h: typeof energy, exact: Map<number, number>, tau: number, label: string) => {
      const nEff = 200_000 / (2 * tau);
      for (const [value, p] of exact) {
        const k = h.values.indexOf(value);
        const measured = k < 0 ? 0 : h.counts[k] / 200_000;
        const error = Math.sqrt((p * (1 - p)) / nEff);
        if (p > 1e-4) expect(Math.abs(measured - p) / error, `${label} ${value}: ${measured} vs ${p}`).toBeLessThan(4);
      }
      for (const v of h.values) expect(exact.has(v), `${label} ${v} is a possible value`).toBe(true);
    };
    check(energy, pE, m.observables.energy.tauInt, 'e');
    check(magnetization, pM, m.observables.magnetization2.tauInt, 'm');
  });

  it('keepSeries and histograms together keep both', async () => {
    const sim = await createSimulation({ size: 8, seed: 1 });
    const m = sim.measure({ sweeps: 500, histograms: true, keepSeries: true });
    expect(m.series!.energy).toHaveLength(500);
    expect(m.histograms!.magnetization.samples).toBe(500);
    expect(() => sim.measure({ sweeps: 500, histograms: 'yes' as never })).toThrow(/Invalid option "histograms": expected true or false, got "yes"/);
    expect(() => sim.measure({ sweeps: 500, correlations: { every: 300 } })).toThrow(/Invalid option "correlations\.every": expected at most 250 so that 500 sweeps give at least 2 correlation samples, got 300/);
  });
});
