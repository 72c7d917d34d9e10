import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/errors.js';
import { analyzeFirstOrder, transitionPoints } from '../src/analysis/first-order.js';
import { correlatedSamples, mixture, reweighted } from './helpers/energy-series.js';

// A known double-peaked distribution of N = 256 sites (L = 16) at beta0 = 1.4: Gaussian ordered and disordered
// peaks (total energies -410 and -256, widths 15 and 20) with weights 0.6 / 0.4 and a flat plateau of weight 0.02
// between them. Reweighting a known P(E) is exact: P_beta(E) ~ P(E) exp(-(beta - beta0) E), so every quantity of
// the analysis has an exact value (the same estimator applied to the exact family of distributions).
const N = 256;
const L = 16;
const beta0 = 1.4;
const dist = mixture(N, -520, -180, { wo: 0.6, mo: -410, so: 15, wd: 0.4, md: -256, sd: 20, wp: 0.02 });
const series = correlatedSamples(dist.energies, dist.probabilities, 150_000, 0.9, 11);
const exactFamily = (beta: number) => reweighted(dist, beta - beta0);

const z = (o: { mean: number; error: number }, exact: number) => Math.abs(o.mean - exact) / o.error;

describe('first-order analysis of a correlated series drawn from a known double-peaked distribution', () => {
  const a = analyzeFirstOrder([{ beta: beta0, energy: series }], { sites: N, size: L });
  const exact = transitionPoints(exactFamily, { betaFrom: a.betaRange.from, betaTo: a.betaRange.to, sites: N, bandwidth: a.bandwidth });

  it('resolves the double peak, with jackknife bins longer than 10 tau_int', () => {
    expect(a.verdict.doublePeak).toBe(true);
    expect(a.bins).toBeGreaterThanOrEqual(20);
    expect(a.warnings).toEqual([]);
  });

  it('equal-weight and equal-height points, peak positions and latent heat agree with the exact values within 4 errors', () => {
    const w = exact.equalWeight!;
    const h = exact.equalHeight!;
    expect(z(a.equalWeight!.beta, w.beta)).toBeLessThan(4);
    expect(z(a.equalHeight!.beta, h.beta)).toBeLessThan(4);
    expect(z(a.equalWeight!.ordered.energy, w.peaks.ordered.energy)).toBeLessThan(4);
    expect(z(a.equalWeight!.disordered.energy, w.peaks.disordered.energy)).toBeLessThan(4);
    expect(z(a.equalWeight!.ordered.mean, w.peaks.ordered.mean)).toBeLessThan(4);
    expect(z(a.latentHeat, w.peaks.disordered.energy - w.peaks.ordered.energy)).toBeLessThan(4);
    expect(z(a.latentHeatFromMeans, w.peaks.disordered.mean - w.peaks.ordered.mean)).toBeLessThan(4);
    // the estimators are what they say: equal weights at beta_w, equal heights at beta_h
    expect(a.equalWeight!.ordered.weight.mean).toBeCloseTo(0.5, 12);
    expect(a.equalHeight!.ordered.height.mean / a.equalHeight!.disordered.height.mean).toBeCloseTo(1, 10);
    // and the latent heat is the separation of the Gaussian means (to the smoothing and reweighting shifts)
    expect(a.latentHeat.mean).toBeCloseTo((-256 + 410) / N, 1);
  });

  it('Lee-Kosterlitz barrier and interface tension sigma = ln(Pmax/Pmin) / (2L) within 4 errors', () => {
    expect(z(a.equalHeight!.barrier, exact.equalHeight!.barrier)).toBeLessThan(4);
    expect(a.equalHeight!.interfaceTension.mean).toBeCloseTo(a.equalHeight!.barrier.mean / (2 * L), 14);
    expect(z(a.equalHeight!.interfaceTension, exact.equalHeight!.barrier / (2 * L))).toBeLessThan(4);
  });

  it('specific-heat maximum, V4 minimum and the latent-heat bound within 4 errors', () => {
    expect(z(a.specificHeatMaximum.value, exact.specificHeat.value)).toBeLessThan(4);
    expect(z(a.specificHeatMaximum.beta, exact.specificHeat.beta)).toBeLessThan(4);
    expect(z(a.energyCumulantMinimum.value, exact.energyCumulant.value)).toBeLessThan(4);
    expect(z(a.energyCumulantMinimum.beta, exact.energyCumulant.beta)).toBeLessThan(4);
    const bound = (2 * Math.sqrt(exact.specificHeat.value / N)) / exact.specificHeat.beta;
    expect(z(a.latentHeatBound, bound)).toBeLessThan(4);
    expect(a.latentHeatBound.mean).toBeGreaterThan(a.latentHeat.mean);
  });

  it('equal weight per phase: W_o = 3 W_d agrees with the exact point, at a larger beta than equal areas', () => {
    const k3 = analyzeFirstOrder([{ beta: beta0, energy: series }], { sites: N, size: L, orderedPhases: 3 });
    const exact3 = transitionPoints(exactFamily, { betaFrom: k3.betaRange.from, betaTo: k3.betaRange.to, sites: N, bandwidth: k3.bandwidth, orderedPhases: 3 });
    expect(k3.equalWeight!.ordered.weight.mean).toBeCloseTo(0.75, 10);
    expect(z(k3.equalWeight!.beta, exact3.equalWeight!.beta)).toBeLessThan(4);
    expect(k3.equalWeight!.beta.mean).toBeGreaterThan(a.equalWeight!.beta.mean);
    // equal height, c_max and V4 do not depend on k
    expect(k3.equalHeight!.beta.mean).toBeCloseTo(a.equalHeight!.beta.mean, 9);
  }, 60_000);

  it('runs at one beta are one series; total energies are accepted with energyUnit "total"', () => {
    const half = series.length / 2;
    const split = analyzeFirstOrder(
      [{ beta: beta0, energy: series.subarray(0, half) }, { beta: beta0, energy: series.subarray(half) }],
      { sites: N, size: L },
    );
    expect(split.equalWeight!.beta.mean).toBe(a.equalWeight!.beta.mean);
    const total = analyzeFirstOrder([{ beta: beta0, energy: Float64Array.from(series, (e) => e * N) }], { sites: N, size: L, energyUnit: 'total' });
    expect(total.equalWeight!.beta.mean).toBeCloseTo(a.equalWeight!.beta.mean, 12);
    expect(total.latentHeat.mean).toBeCloseTo(a.latentHeat.mean, 12);
  }, 60_000);
});

describe('a single peak (continuous transition)', () => {
  it('is not resolved: latent heat 0, and the bound is twice the standard deviation at the c maximum', () => {
    const one = mixture(N, -520, -180, { wo: 1, mo: -330, so: 25, wd: 0, md: -329, sd: 1, wp: 0 });
    const s = correlatedSamples(one.energies, one.probabilities, 60_000, 0.5, 3);
    const a = analyzeFirstOrder([{ beta: beta0, energy: s }], { sites: N, size: L });
    expect(a.verdict.doublePeak).toBe(false);
    expect(a.verdict.reason).toMatch(/no double peak/);
    expect(a.equalWeight).toBeUndefined();
    expect(a.latentHeat).toEqual({ mean: 0, error: 0 });
    // a Gaussian of width 25 in E keeps var(e) = (25/N)^2 at every beta, so the bound is 2 * 25 / (N beta) * beta
    expect(z(a.latentHeatBound, (2 * 25) / N)).toBeLessThan(4);
    const exact = transitionPoints((b) => reweighted(one, b - beta0), { betaFrom: a.betaRange.from, betaTo: a.betaRange.to, sites: N, bandwidth: a.bandwidth });
    expect(exact.equalWeight).toBeUndefined();
    expect(z(a.energyCumulantMinimum.value, exact.energyCumulant.value)).toBeLessThan(4);
  }, 60_000);
});

describe('first-order analysis input errors', () => {
  it('bad input is an InvalidOptionError naming the field', () => {
    const ok = [{ beta: 1, energy: series }];
    expect(() => analyzeFirstOrder([], { sites: N })).toThrow(InvalidOptionError);
    expect(() => analyzeFirstOrder(ok, { sites: 0 })).toThrow(/Invalid option "sites": expected an integer >= 1, got 0/);
    expect(() => analyzeFirstOrder([{ beta: -1, energy: series }], { sites: N })).toThrow(/Invalid option "runs\[0\]\.beta": expected a finite number > 0, got -1/);
    expect(() => analyzeFirstOrder(ok, { sites: N, energyUnit: 'bond' as 'site' })).toThrow(/Invalid option "energyUnit"/);
    expect(() => analyzeFirstOrder(ok, { sites: N, bandwidth: 0 })).toThrow(/Invalid option "bandwidth"/);
    expect(() => analyzeFirstOrder([{ beta: 1, energy: series.subarray(0, 1) }], { sites: N })).toThrow(/Invalid option "runs\[0\]\.energy": expected a series of at least 2 energies/);
  });
});
