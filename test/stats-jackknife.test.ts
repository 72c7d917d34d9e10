import { describe, expect, it } from 'vitest';
import { binMeans, jackknife, standardError } from '../src/stats/index.js';
import { makeNormal } from './helpers/random.js';

function sampleVariance(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return s / (x.length - 1);
}

describe('jackknife (leave one bin out)', () => {
  it('f = mean^2 of iid N(3, 2^2): error ~ 2|mu| sigma / sqrt(n) (5%), = delta method 2|xbar| s/sqrt(n) (1%)', () => {
    const n = 10000;
    const g = makeNormal(31);
    const x = Float64Array.from({ length: n }, () => 3 + 2 * g());
    const r = jackknife([x], ([m]) => m * m);
    const xbar = x.reduce((a, b) => a + b, 0) / n;
    expect(r.value).toBeCloseTo(xbar * xbar, 12);
    expect(Math.abs(r.error / ((2 * 3 * 2) / Math.sqrt(n)) - 1)).toBeLessThan(0.05);
    expect(Math.abs(r.error / (2 * Math.abs(xbar) * Math.sqrt(sampleVariance(x) / n)) - 1)).toBeLessThan(0.01);
  });

  it('f = mean^2: bias is exactly s^2 / nb (1e-9 relative), positive, and ~ sigma^2 / n (10%)', () => {
    const n = 4000;
    const g = makeNormal(32);
    const x = Float64Array.from({ length: n }, () => 1 + 2 * g());
    const r = jackknife([x], ([m]) => m * m);
    expect(r.bias).toBeGreaterThan(0);
    expect(Math.abs(r.bias / (sampleVariance(x) / n) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.bias / (4 / n) - 1)).toBeLessThan(0.1);
  });

  it('linear f gives exactly the binned error (1e-12 relative) and zero bias', () => {
    const g = makeNormal(33);
    const x = Float64Array.from({ length: 5000 }, () => g());
    const bins = binMeans(x, 50);
    const r = jackknife([bins], ([m]) => 3 * m - 2);
    expect(Math.abs(r.error / (3 * standardError(bins)) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.bias)).toBeLessThan(1e-12);
    // two primaries: a + b has the binned error of the bins of a + b
    const y = Float64Array.from({ length: 5000 }, () => 0.5 * g());
    const by = binMeans(y, 50);
    const sum = bins.map((v, i) => v + by[i]);
    const r2 = jackknife([bins, by], ([a, b]) => a + b);
    expect(Math.abs(r2.error / standardError(sum) - 1)).toBeLessThan(1e-12);
  });

  it('ratio of correlated means: value = abar/bbar exactly, error matches the delta method within 3%', () => {
    const n = 20000;
    const g = makeNormal(34);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const common = g();
      a[i] = 2 + 0.5 * common + 0.3 * g();
      b[i] = 4 + 0.4 * common + 0.2 * g();
    }
    const r = jackknife([a, b], ([ma, mb]) => ma / mb);
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      sa += a[i];
      sb += b[i];
    }
    const ma = sa / n;
    const mb = sb / n;
    expect(r.value).toBeCloseTo(ma / mb, 14);
    // delta method: Var(R) = (Var a - 2 R Cov(a,b) + R^2 Var b) / (n bbar^2)
    let vaa = 0;
    let vbb = 0;
    let vab = 0;
    for (let i = 0; i < n; i++) {
      vaa += (a[i] - ma) ** 2;
      vbb += (b[i] - mb) ** 2;
      vab += (a[i] - ma) * (b[i] - mb);
    }
    vaa /= n - 1;
    vbb /= n - 1;
    vab /= n - 1;
    const R = ma / mb;
    const delta = Math.sqrt((vaa - 2 * R * vab + R * R * vbb) / (n * mb * mb));
    expect(Math.abs(r.error / delta - 1)).toBeLessThan(0.03);
    // ignoring the correlation would overestimate the error by far more than 3%
    const uncorrelated = Math.sqrt((vaa + R * R * vbb) / (n * mb * mb));
    expect(uncorrelated / delta).toBeGreaterThan(1.3);
  });

  it('NaN for fewer than 2 bins or no primaries; mismatched bin counts throw', () => {
    for (const r of [jackknife([[1.5]], ([m]) => m), jackknife([[]], ([m]) => m), jackknife([], () => 1)]) {
      expect(Number.isNaN(r.value)).toBe(true);
      expect(Number.isNaN(r.error)).toBe(true);
      expect(Number.isNaN(r.bias)).toBe(true);
    }
    expect(() => jackknife([[1, 2, 3], [1, 2]], ([a]) => a)).toThrow(RangeError);
  });
});
