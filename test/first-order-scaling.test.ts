import { describe, expect, it } from 'vitest';
import { analyzeFirstOrder, energyCumulantLimit, firstOrderScaling, transitionPoints } from '../src/analysis/first-order.js';
import { linearFit } from '../src/stats/index.js';
import { correlatedSamples, mixture, reweighted } from './helpers/energy-series.js';

// Families of known distributions over sizes L (N = L^2 sites), sampled as correlated series at beta0.
// First order: peaks at e_o = -1.6 and e_d = -1.0 per site with widths 1/L per site (sigma_E = L) and a plateau
// whose density is exp(-2 sigma L) times the peak height with sigma = 0.1, so ln(Pmax/Pmin) grows like 2 sigma L.
// No latent heat: one Gaussian peak per size, per-site width 0.6 L^-0.8 (a specific heat c ~ L^0.4 as for q = 3).
const beta0 = 1.4;
const SIZES = [8, 12, 16, 24];

function firstOrderFamily(L: number) {
  const N = L * L;
  const mo = -1.6 * N;
  const md = -1.0 * N;
  const height = 0.5 / (L * Math.sqrt(2 * Math.PI));
  const wp = (md - mo) * height * Math.exp(-2 * 0.1 * L);
  return mixture(N, Math.round(mo - 6 * L), Math.round(md + 6 * L), { wo: 0.5, mo, so: L, wd: 0.5, md, sd: L, wp });
}

function continuousFamily(L: number) {
  const N = L * L;
  const s = 0.6 * L ** -0.8 * N;
  return mixture(N, Math.round(-1.3 * N - 6 * s), Math.round(-1.3 * N + 6 * s), { wo: 1, mo: -1.3 * N, so: s, wd: 0, md: 0, sd: 1, wp: 0 });
}

function analyse(family: (L: number) => ReturnType<typeof mixture>, seed: number) {
  return SIZES.map((L, i) => {
    const dist = family(L);
    const series = correlatedSamples(dist.energies, dist.probabilities, 120_000, 0.8, seed + i);
    const a = analyzeFirstOrder([{ beta: beta0, energy: series }], { sites: L * L, size: L });
    const exact = transitionPoints((b) => reweighted(dist, b - beta0), { betaFrom: a.betaRange.from, betaTo: a.betaRange.to, sites: L * L, bandwidth: a.bandwidth });
    return { L, a, exact };
  });
}

describe('finite-size scaling of the first-order analysis', () => {
  it('first order: tension, latent heat and V4* extrapolate like the exact estimators; verdict first-order', () => {
    const runs = analyse(firstOrderFamily, 100);
    for (const { a } of runs) expect(a.verdict.doublePeak, `L=${a.size}: ${a.verdict.reason}`).toBe(true);
    const scaling = firstOrderScaling(runs.map((r) => r.a));
    expect(scaling.verdict.kind).toBe('first-order');
    expect(scaling.sizes).toEqual(SIZES);
    // the same fits through the exact estimator values, weighted by the Monte Carlo errors
    const exactFit = (x: number[], y: number[], errors: number[]) => linearFit(x, y, errors).intercept;
    const sigma = exactFit(SIZES.map((L) => 1 / L), runs.map((r) => r.exact.equalHeight!.barrier / (2 * r.L)), runs.map((r) => r.a.equalHeight!.interfaceTension.error));
    const t = scaling.interfaceTension!;
    expect(Math.abs(t.limit.mean - sigma) / t.limit.error).toBeLessThan(4);
    // the plateau was built with sigma = 0.1; the estimator's own finite-size terms are in the 1/L slope
    expect(t.limit.mean).toBeCloseTo(0.1, 1);
    const dE = exactFit(SIZES.map((L) => L ** -2), runs.map((r) => r.exact.equalWeight!.peaks.disordered.energy - r.exact.equalWeight!.peaks.ordered.energy), runs.map((r) => r.a.latentHeat.error));
    expect(Math.abs(scaling.latentHeat!.limit.mean - dE) / scaling.latentHeat!.limit.error).toBeLessThan(4);
    expect(scaling.latentHeat!.limit.mean).toBeCloseTo(0.6, 2);
    // V4 minimum -> 2/3 - (e_d^2 - e_o^2)^2 / (12 e_d^2 e_o^2) as the peaks sharpen (Challa, Landau and Binder)
    const v4 = scaling.energyCumulant!;
    expect(Math.abs(v4.limit.mean - energyCumulantLimit(-1.0, -1.6)) / v4.limit.error).toBeLessThan(4);
    expect(v4.distanceFrom2over3).toBeGreaterThan(10);
    // c_max / N tends to a constant: c_max ~ L^d
    expect(scaling.specificHeatExponent!.exponent.mean).toBeCloseTo(2, 0);
  }, 120_000);

  it('no latent heat: no double peak at any size, the latent-heat bound falls with L, V4* consistent with 2/3', () => {
    const runs = analyse(continuousFamily, 200);
    for (const { a } of runs) {
      expect(a.verdict.doublePeak).toBe(false);
      expect(a.latentHeat.mean).toBe(0);
    }
    const bounds = runs.map((r) => r.a.latentHeatBound.mean);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeLessThan(bounds[i - 1]);
    const scaling = firstOrderScaling(runs.map((r) => r.a));
    expect(scaling.verdict.kind).toBe('no-latent-heat');
    expect(scaling.interfaceTension).toBeUndefined();
    // c_max ~ L^(2 - 1.6) = L^0.4, far below L^d: the specific heat per site vanishes
    const y = scaling.specificHeatExponent!.exponent;
    expect(Math.abs(y.mean - 0.4) / y.error).toBeLessThan(4);
    expect(Math.abs(scaling.energyCumulant!.distanceFrom2over3)).toBeLessThan(4);
  }, 120_000);
});
