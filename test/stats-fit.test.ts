// Weighted mean, weighted straight-line fit, jackknife error from replicas and value counts,
// against closed forms.
import { describe, expect, it } from 'vitest';
import { jackknife, jackknifeError, linearFit, valueCounts, weightedMean } from '../src/stats/index.js';

describe('weightedMean', () => {
  it('matches the closed form 1/sigma^2 weights', () => {
    const r = weightedMean([1, 2, 4], [1, 2, 1]);
    // weights 1, 1/4, 1: mean = (1 + 0.5 + 4) / 2.25
    expect(r.mean).toBeCloseTo(5.5 / 2.25, 14);
    expect(r.error).toBeCloseTo(1 / Math.sqrt(2.25), 14);
    expect(r.chi2).toBeCloseTo((1 - r.mean) ** 2 + ((2 - r.mean) / 2) ** 2 + (4 - r.mean) ** 2, 12);
    expect(r.dof).toBe(2);
  });

  it('is NaN for a zero or missing error, never a made-up value', () => {
    expect(weightedMean([1, 2], [0, 1]).mean).toBeNaN();
    expect(weightedMean([], []).mean).toBeNaN();
    expect(() => weightedMean([1, 2], [1])).toThrow(RangeError);
  });
});

describe('linearFit', () => {
  it('recovers an exact line with chi2 = 0', () => {
    const x = [1, 2, 3, 4];
    const f = linearFit(x, x.map((v) => 0.5 + 1.75 * v), [0.1, 0.2, 0.1, 0.3]);
    expect(f.slope).toBeCloseTo(1.75, 13);
    expect(f.intercept).toBeCloseTo(0.5, 13);
    expect(f.chi2).toBeCloseTo(0, 20);
    expect(f.dof).toBe(2);
  });

  it('gives the textbook errors and covariance', () => {
    // Equal errors sigma: Var b = sigma^2 / sum (x - xbar)^2, Var a = sigma^2 (1/n + xbar^2 / Sxx), Cov = -xbar sigma^2 / Sxx.
    const x = [0, 1, 2, 3, 4];
    const y = [0.1, 0.9, 2.2, 2.8, 4.1];
    const s = 0.2;
    const f = linearFit(x, y, x.map(() => s));
    const xbar = 2;
    const Sxx = 10;
    expect(f.slopeError).toBeCloseTo(s / Math.sqrt(Sxx), 14);
    expect(f.interceptError).toBeCloseTo(s * Math.sqrt(1 / 5 + (xbar * xbar) / Sxx), 14);
    expect(f.covariance).toBeCloseTo((-xbar * s * s) / Sxx, 14);
    const b = x.reduce((acc, v, i) => acc + (v - xbar) * y[i], 0) / Sxx;
    expect(f.slope).toBeCloseTo(b, 14);
    expect(f.intercept).toBeCloseTo(y.reduce((p, q) => p + q, 0) / 5 - b * xbar, 14);
  });

  it('is NaN with fewer than two points or equal x', () => {
    expect(linearFit([1], [2], [1]).slope).toBeNaN();
    expect(linearFit([1, 1], [2, 3], [1, 1]).slope).toBeNaN();
  });
});

describe('jackknifeError', () => {
  it('equals the error of jackknife() for the same replicas', () => {
    const bins = [[1, 3, 2, 5, 4, 6]];
    const f = (m: number[]) => m[0] * m[0];
    const nb = bins[0].length;
    const sum = bins[0].reduce((a, b) => a + b, 0);
    const replicas = bins[0].map((v) => f([(sum - v) / (nb - 1)]));
    expect(jackknifeError(replicas)).toBeCloseTo(jackknife(bins, f).error, 14);
  });

  it('is the standard error for leave-one-out means', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    const n = v.length;
    const mean = v.reduce((a, b) => a + b) / n;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const replicas = v.map((x) => (n * mean - x) / (n - 1));
    expect(jackknifeError(replicas)).toBeCloseTo(sd / Math.sqrt(n), 14);
    expect(jackknifeError([1])).toBeNaN();
  });
});

describe('valueCounts', () => {
  it('counts each distinct value, sorted', () => {
    const c = valueCounts([3, -1, 3, 0.5, -1, 3]);
    expect(Array.from(c.values)).toEqual([-1, 0.5, 3]);
    expect(Array.from(c.counts)).toEqual([2, 1, 3]);
    expect(c.samples).toBe(6);
    expect(() => valueCounts([1, NaN])).toThrow(/sample 1 is NaN/);
  });
});
