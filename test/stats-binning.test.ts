import { describe, expect, it } from 'vitest';
import {
  binMeans,
  binnedError,
  binningCurve,
  chooseBinSize,
  integratedAutocorrelationTime,
  standardError,
} from '../src/stats/index.js';
import { ar1, normals } from './helpers/random.js';

describe('binMeans', () => {
  it('averages consecutive bins and drops the incomplete tail', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(Array.from(binMeans(x, 3))).toEqual([2, 5, 8]);
    expect(Array.from(binMeans(x, 1))).toEqual(x);
    expect(binMeans(x, 11).length).toBe(0);
  });

  it('rejects non-positive or fractional bin sizes', () => {
    expect(() => binMeans([1, 2], 0)).toThrow(RangeError);
    expect(() => binMeans([1, 2], 1.5)).toThrow(RangeError);
  });

  it('standardError is the sample std (n - 1) over sqrt(m), NaN below 2 values', () => {
    // values 1..5: mean 3, sum of squares 10, s^2 = 10/4, error = sqrt(2.5/5)
    expect(standardError([1, 2, 3, 4, 5])).toBeCloseTo(Math.sqrt(0.5), 14);
    expect(Number.isNaN(standardError([1]))).toBe(true);
  });
});

describe('chooseBinSize: b = max(ceil(n/100), ceil(10 tau)), capped at floor(n/2)', () => {
  it('follows the rule', () => {
    expect(chooseBinSize(10000, 0.5)).toBe(100); // n/100 dominates
    expect(chooseBinSize(10000, 49.5)).toBe(495); // 10 tau dominates
    expect(chooseBinSize(10001, 0.5)).toBe(101); // ceil
    expect(chooseBinSize(100, 50)).toBe(50); // capped: 2 bins remain
    expect(chooseBinSize(150, 0.5)).toBe(5); // ceil(10 * 0.5) = 5 > ceil(1.5) = 2
    expect(chooseBinSize(1, 0.5)).toBe(1);
    expect(chooseBinSize(0, 0.5)).toBe(1);
    expect(() => chooseBinSize(100, NaN)).toThrow(RangeError);
  });
});

describe('binned error', () => {
  it('iid data: binned error = sigma / sqrt(n) within 15% (n = 2^16, sigma = 2, ~100 bins) and the curve is flat', () => {
    const n = 1 << 16;
    const sigma = 2;
    const x = normals(n, 5, sigma, 2024);
    const exact = sigma / Math.sqrt(n);
    const b = chooseBinSize(n, 0.5);
    const est = binnedError(x, b);
    expect(est.bins).toBe(99);
    expect(Math.abs(est.error / exact - 1)).toBeLessThan(0.15);
    const curve = binningCurve(x);
    // level 0 is the naive error s / sqrt(n): relative noise 1/sqrt(2n) ~ 0.3%, tolerance 2%
    expect(Math.abs(curve[0].error / exact - 1)).toBeLessThan(0.02);
    // every level with >= 256 bins (relative noise <= 4.4%) within 15% of sigma/sqrt(n)
    for (const lvl of curve.filter((l) => l.bins >= 256)) {
      expect(Math.abs(lvl.error / exact - 1)).toBeLessThan(0.15);
    }
  });

  it('AR(1) phi = 0.9: binned error matches the exact asymptotic sqrt(sigma_eps^2 / (1 - phi)^2 / n) within 15% (one run, n = 2^18)', () => {
    const n = 1 << 18;
    const phi = 0.9;
    const exact = Math.sqrt(1 / (1 - phi) ** 2 / n);
    const x = ar1(n, phi, 77);
    const tau = integratedAutocorrelationTime(x).tau;
    const est = binnedError(x, chooseBinSize(n, tau));
    expect(Math.abs(est.error / exact - 1)).toBeLessThan(0.15);
    // the naive error (bin size 1) is too small by sqrt(2 tau) = sqrt(19) ~ 4.4
    expect(binnedError(x, 1).error).toBeLessThan(exact / 3);
  });

  it('AR(1) phi = 0.9: binned variance of the mean averaged over 16 seeds within 8% of 1/((1-phi)^2 n) (n = 2^16)', () => {
    const n = 1 << 16;
    const phi = 0.9;
    const exactVar = 1 / (1 - phi) ** 2 / n;
    let sumVar = 0;
    const runs = 16;
    for (let r = 0; r < runs; r++) {
      const x = ar1(n, phi, 1000 + r);
      const e = binnedError(x, chooseBinSize(n, 9.5)).error;
      sumVar += e * e;
    }
    // 16 x 99 bins: relative noise of the averaged variance ~ sqrt(2/1584) ~ 3.6%
    expect(Math.abs(sumVar / runs / exactVar - 1)).toBeLessThan(0.08);
  });

  it('AR(1) phi = 0.9 binning curve: rises from the naive error and plateaus at the exact error (n = 2^20)', () => {
    const n = 1 << 20;
    const phi = 0.9;
    const exact = Math.sqrt(1 / (1 - phi) ** 2 / n);
    const curve = binningCurve(ar1(n, phi, 5150));
    expect(curve[0].binSize).toBe(1);
    expect(curve[curve.length - 1].bins).toBeGreaterThanOrEqual(32);
    expect(Math.floor(n / (curve[curve.length - 1].binSize * 2))).toBeLessThan(32);
    // strictly rising while bins are short compared with tau = 9.5
    for (let k = 0; k < 5; k++) expect(curve[k + 1].error).toBeGreaterThan(curve[k].error);
    // plateau: bins >= 1024 = 108 tau with >= 128 bins, each within 12% of the exact error
    const plateau = curve.filter((l) => l.binSize >= 1024 && l.bins >= 128);
    expect(plateau.length).toBe(4);
    for (const lvl of plateau) expect(Math.abs(lvl.error / exact - 1)).toBeLessThan(0.12);
    // tau from the curve: (plateau / naive)^2 / 2 within 15% of (1 + phi)/(2(1 - phi)) = 9.5
    const tauCurve = (plateau[0].error / curve[0].error) ** 2 / 2;
    expect(Math.abs(tauCurve / 9.5 - 1)).toBeLessThan(0.15);
  });

  it('binningCurve agrees with binMeans at every level (bin halving is exact up to rounding, 1e-12)', () => {
    const x = ar1(5000, 0.5, 3);
    const curve = binningCurve(x, 32);
    for (const lvl of curve) {
      expect(lvl.binSize).toBe(2 ** lvl.level);
      expect(lvl.bins).toBe(Math.floor(5000 / lvl.binSize));
      expect(Math.abs(lvl.error - standardError(binMeans(x, lvl.binSize)))).toBeLessThan(1e-12);
    }
    expect(curve.length).toBe(8); // 5000 / 128 = 39 bins >= 32; 5000 / 256 = 19 < 32
  });
});
