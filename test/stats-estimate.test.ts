import { describe, expect, it } from 'vitest';
import {
  analyzeSeries,
  binMeans,
  binnedError,
  chooseBinSize,
  driftTest,
  estimateMean,
  integratedAutocorrelationTime,
  standardError,
} from '../src/stats/index.js';
import { makeNormal, ar1 } from './helpers/random.js';

describe('estimateMean', () => {
  it('long stationary AR(1) (phi = 0.5, n = 2^17): no warnings, consistent fields, error within 15% of exact', () => {
    const n = 1 << 17;
    const x = ar1(n, 0.5, 501);
    const e = estimateMean(x);
    expect(e.warnings).toEqual([]);
    expect(e.samples).toBe(n);
    expect(Math.abs(e.tauInt / 1.5 - 1)).toBeLessThan(0.05);
    expect(e.binSize).toBe(chooseBinSize(n, e.tauInt));
    expect(e.bins).toBe(Math.floor(n / e.binSize));
    expect(e.effectiveSamples).toBeCloseTo(n / (2 * e.tauInt), 9);
    expect(e.error).toBe(binnedError(x, e.binSize).error);
    // exact sqrt(sigma_eps^2 / (1 - phi)^2 / n) = 2 / sqrt(n); ~100 bins give ~7% noise
    expect(Math.abs(e.error / (2 / Math.sqrt(n)) - 1)).toBeLessThan(0.15);
    expect(Math.abs(e.mean)).toBeLessThan(4 * e.error);
  });

  it('short run (phi = 0.98, n = 1000 < 50 tau_int): warning names the numbers', () => {
    const e = estimateMean(ar1(1000, 0.98, 502));
    const w = e.warnings.find((s) => s.includes('shorter than 50 tau_int'));
    expect(w).toBeDefined();
    expect(w).toContain('run of 1000 samples');
    expect(w).toContain('errors are unreliable');
    expect(Number.isFinite(e.error)).toBe(true);
  });

  it('drifting series (relaxation 5 exp(-t/2000) on AR(1), n = 2^16): equilibration warning with |z| > 4', () => {
    const n = 1 << 16;
    const x = ar1(n, 0.5, 503);
    for (let i = 0; i < n; i++) x[i] += 5 * Math.exp(-i / 2000);
    const e = estimateMean(x);
    expect(e.warnings.some((s) => s.startsWith('equilibration looks incomplete'))).toBe(true);
    const d = driftTest(x, e.binSize);
    expect(Math.abs(d.z)).toBeGreaterThan(4);
    // the transient inflates the first quarter's own binned error, so only the stationary
    // reference error (from the last half) exposes it
    expect(Math.abs(d.zReference)).toBeGreaterThan(10);
    expect(Math.abs(d.zSeparate)).toBeLessThan(4);
    // the same series without the relaxation does not trigger it
    const clean = estimateMean(ar1(n, 0.5, 503));
    expect(clean.warnings.some((s) => s.startsWith('equilibration'))).toBe(false);
    expect(Math.abs(driftTest(ar1(n, 0.5, 503), clean.binSize).z)).toBeLessThan(4);
  });

  it('steady linear drift of 1 sigma_x over the run (n = 2^16) is caught by both statistics', () => {
    const n = 1 << 16;
    const x = ar1(n, 0.5, 505);
    const sigmaX = 1 / Math.sqrt(1 - 0.25);
    for (let i = 0; i < n; i++) x[i] += (sigmaX * i) / n;
    const e = estimateMean(x);
    expect(e.warnings.some((s) => s.startsWith('equilibration looks incomplete'))).toBe(true);
    const d = driftTest(x, e.binSize);
    expect(Math.abs(d.zSeparate)).toBeGreaterThan(4);
    expect(Math.abs(d.zReference)).toBeGreaterThan(4);
  });

  it('a trend dominating the fluctuations (7.6 sigma_x over the run): window does not converge, warnings say so', () => {
    const n = 1 << 16;
    const x = ar1(n, 0.5, 505);
    for (let i = 0; i < n; i++) x[i] += (7.6 * 1.1547 * i) / n;
    const e = estimateMean(x);
    expect(e.warnings.some((s) => s.startsWith('automatic window did not converge'))).toBe(true);
    expect(e.warnings.some((s) => s.includes('errors are unreliable'))).toBe(true);
  });

  it('too few bins in the last half: drift test reports NaN and a "could not be checked" warning', () => {
    const x = ar1(4096, 0.98, 506); // bins of ~10 tau = 495: the last half holds 4 bins
    const e = estimateMean(x);
    const d = driftTest(x, e.binSize);
    expect(d.lastHalfBins).toBeLessThan(10);
    expect(Number.isNaN(d.z)).toBe(true);
    expect(e.warnings.some((s) => s.startsWith('equilibration could not be checked'))).toBe(true);
  });

  it('empty series: NaN values and a warning', () => {
    const e = estimateMean([]);
    expect(Number.isNaN(e.mean)).toBe(true);
    expect(Number.isNaN(e.error)).toBe(true);
    expect(Number.isNaN(e.tauInt)).toBe(true);
    expect(e.samples).toBe(0);
    expect(e.bins).toBe(0);
    expect(e.warnings.length).toBeGreaterThan(0);
  });

  it('fewer than 2 bins: NaN error and a warning, never 0', () => {
    const one = estimateMean([4.2]);
    expect(Number.isNaN(one.error)).toBe(true);
    expect(one.warnings.some((s) => s.includes('bin'))).toBe(true);
    const forced = estimateMean([1, 2, 3, 4, 5], { binSize: 4 });
    expect(forced.bins).toBe(1);
    expect(Number.isNaN(forced.error)).toBe(true);
    expect(forced.warnings.some((s) => s.includes('only 1 bin'))).toBe(true);
  });

  it('non-finite samples: NaN and a warning', () => {
    const e = estimateMean([1, 2, NaN, 4]);
    expect(Number.isNaN(e.mean)).toBe(true);
    expect(e.warnings[0]).toContain('NaN or infinite');
  });

  it('constant series: tau_int NaN, flagged by a warning', () => {
    const e = estimateMean(new Float64Array(1000).fill(1));
    expect(e.mean).toBe(1);
    expect(Number.isNaN(e.tauInt)).toBe(true);
    expect(Number.isNaN(e.effectiveSamples)).toBe(true);
    expect(e.warnings.some((s) => s.includes('constant'))).toBe(true);
  });
});

describe('analyzeSeries', () => {
  const n = 1 << 13; // 10 tau_a = 95 > n/100 = 82, so the tau of a sets the bins
  const a = ar1(n, 0.9, 601); // tau 9.5
  const g = makeNormal(602);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = 3 + 0.3 * a[i] + g(); // correlated with a (tau ~ 3.4), positive mean
  const derived = {
    sum: (m: Record<string, number>) => m.a + m.b,
    justA: (m: Record<string, number>) => m.a,
    ratio: (m: Record<string, number>) => m.a / m.b,
  };
  const res = analyzeSeries({ a, b }, derived);

  it('shares one bin size chosen from the largest tau_int', () => {
    const tauA = integratedAutocorrelationTime(a).tau;
    const tauB = integratedAutocorrelationTime(b).tau;
    expect(res.tauMax).toBe(Math.max(tauA, tauB));
    expect(res.binSize).toBe(chooseBinSize(n, Math.max(tauA, tauB)));
    expect(res.binSize).toBeGreaterThan(chooseBinSize(n, tauB)); // b alone would get shorter bins
    expect(res.primaries.a.binSize).toBe(res.binSize);
    expect(res.primaries.b.binSize).toBe(res.binSize);
    expect(res.bins).toBe(Math.floor(n / res.binSize));
    expect(res.primaries.a.error).toBe(estimateMean(a, { binSize: res.binSize }).error);
    expect(res.warnings).toEqual([]);
  });

  it('derived quantities by jackknife are consistent with the binned errors (1e-10 relative)', () => {
    expect(res.derived.justA.mean).toBe(res.primaries.a.mean);
    expect(Math.abs(res.derived.justA.error / res.primaries.a.error - 1)).toBeLessThan(1e-10);
    const sumSeries = a.map((v, i) => v + b[i]);
    expect(res.derived.sum.mean).toBeCloseTo(res.primaries.a.mean + res.primaries.b.mean, 12);
    expect(Math.abs(res.derived.sum.error / standardError(binMeans(sumSeries, res.binSize)) - 1)).toBeLessThan(1e-10);
    // correlation kept: the error of a + b exceeds the quadrature sum of the individual errors
    expect(res.derived.sum.error).toBeGreaterThan(Math.hypot(res.primaries.a.error, res.primaries.b.error));
    expect(res.derived.ratio.mean).toBeCloseTo(res.primaries.a.mean / res.primaries.b.mean, 12);
    expect(res.derived.ratio.error).toBeGreaterThan(0);
  });

  it('unequal lengths throw; empty series give NaN and warnings', () => {
    expect(() => analyzeSeries({ a: [1, 2, 3], b: [1, 2] })).toThrow(RangeError);
    const empty = analyzeSeries({ a: [], b: [] }, { sum: (m) => m.a + m.b });
    expect(Number.isNaN(empty.primaries.a.mean)).toBe(true);
    expect(Number.isNaN(empty.derived.sum.mean)).toBe(true);
    expect(Number.isNaN(empty.derived.sum.error)).toBe(true);
    expect(empty.warnings.length).toBeGreaterThan(0);
  });

  it('short common run: warnings are prefixed with the quantity name', () => {
    const short = analyzeSeries({ slow: ar1(500, 0.98, 603), fast: ar1(500, 0.0, 604) }, { d: (m) => m.slow - m.fast });
    expect(short.warnings.some((s) => s.startsWith('slow: run of 500 samples is shorter than 50 tau_int'))).toBe(true);
    expect(short.binSize).toBe(chooseBinSize(500, short.primaries.slow.tauInt));
    expect(Number.isFinite(short.derived.d.error)).toBe(true);
  });
});
