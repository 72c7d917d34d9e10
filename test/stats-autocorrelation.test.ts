import { describe, expect, it } from 'vitest';
import {
  autocorrelation,
  autocovariance,
  fftInPlace,
  integratedAutocorrelationTime,
  tauFromAutocorrelation,
} from '../src/stats/index.js';
import { makeNormal, ar1 } from './helpers/random.js';

/** Direct O(n W) reference: rho(t) = C(t)/C(0), C(t) = 1/(n-t) sum (x_i - m)(x_{i+t} - m). */
function directRho(x: ArrayLike<number>, maxLag: number): number[] {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  const c: number[] = [];
  for (let t = 0; t <= maxLag; t++) {
    let s = 0;
    for (let i = 0; i + t < n; i++) s += (x[i] - m) * (x[i + t] - m);
    c.push(s / (n - t));
  }
  return c.map((v) => v / c[0]);
}

describe('FFT', () => {
  it('matches a direct DFT to 1e-12 and inverts', () => {
    const n = 16;
    const g = makeNormal(7);
    const re = new Float64Array(n).map(() => g());
    const im = new Float64Array(n).map(() => g());
    const re0 = re.slice();
    const im0 = im.slice();
    fftInPlace(re, im);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        sr += re0[j] * Math.cos(a) - im0[j] * Math.sin(a);
        si += re0[j] * Math.sin(a) + im0[j] * Math.cos(a);
      }
      expect(Math.abs(re[k] - sr)).toBeLessThan(1e-12);
      expect(Math.abs(im[k] - si)).toBeLessThan(1e-12);
    }
    fftInPlace(re, im, true);
    for (let j = 0; j < n; j++) {
      expect(Math.abs(re[j] - re0[j])).toBeLessThan(1e-13);
      expect(Math.abs(im[j] - im0[j])).toBeLessThan(1e-13);
    }
  });

  it('rejects lengths that are not a power of two', () => {
    expect(() => fftInPlace(new Float64Array(12), new Float64Array(12))).toThrow(RangeError);
  });
});

describe('autocorrelation by FFT', () => {
  it('matches the direct O(nW) computation to 1e-10 (n = 1000 and n = 777, all lags up to 300)', () => {
    for (const n of [1000, 777]) {
      const x = ar1(n, 0.8, 11 + n);
      for (let i = 0; i < n; i++) x[i] += 3; // nonzero mean must be removed
      const rho = autocorrelation(x, 300);
      const ref = directRho(x, 300);
      expect(rho.length).toBe(301);
      for (let t = 0; t <= 300; t++) expect(Math.abs(rho[t] - ref[t])).toBeLessThan(1e-10);
    }
  });

  it('all lags n-1 are free of circular wrap-around (tolerance 1e-10 relative to C(0))', () => {
    const x = ar1(100, 0.5, 3);
    const c = autocovariance(x);
    const ref = directRho(x, 99);
    expect(c.length).toBe(100);
    for (let t = 0; t < 100; t++) expect(Math.abs(c[t] / c[0] - ref[t])).toBeLessThan(1e-10);
  });

  it('rho(t) of AR(1) with phi = 0.9 follows phi^t for t <= 10 within 0.02 (n = 2^18)', () => {
    const rho = autocorrelation(ar1(1 << 18, 0.9, 5), 10);
    for (let t = 0; t <= 10; t++) expect(Math.abs(rho[t] - 0.9 ** t)).toBeLessThan(0.02);
  });

  it('constant series: rho and tau are NaN, flagged constant', () => {
    const x = new Float64Array(64).fill(2.5);
    expect(Array.from(autocorrelation(x, 4)).every(Number.isNaN)).toBe(true);
    const r = integratedAutocorrelationTime(x);
    expect(r.constant).toBe(true);
    expect(Number.isNaN(r.tau)).toBe(true);
    expect(Number.isNaN(r.error)).toBe(true);
  });
});

describe('integrated autocorrelation time (Sokal windowing, c = 6)', () => {
  const n = 1 << 20;
  // exact tau_int = (1 + phi) / (2 (1 - phi)); tolerance relative
  const cases: Array<[phi: number, relTol: number]> = [
    [0.0, 0.05],
    [0.5, 0.05],
    [0.9, 0.05],
    [0.98, 0.1],
  ];
  for (const [phi, relTol] of cases) {
    it(`AR(1) phi = ${phi}: tau_int within ${relTol * 100}% of (1+phi)/(2(1-phi)) and within 3 stated errors (n = 2^20)`, () => {
      const exact = (1 + phi) / (2 * (1 - phi));
      const r = integratedAutocorrelationTime(ar1(n, phi, 1234 + Math.round(phi * 100)));
      expect(r.converged).toBe(true);
      expect(Math.abs(r.tau / exact - 1)).toBeLessThan(relTol);
      expect(Math.abs(r.tau - exact)).toBeLessThan(3 * r.error);
      // window: smallest W with W >= 6 tau
      expect(r.window).toBeGreaterThanOrEqual(6 * r.tau);
      expect(r.window - 1).toBeLessThan(6 * exact * 1.2 + 1);
      // Madras-Sokal error formula
      expect(r.error).toBeCloseTo(Math.sqrt((2 * (2 * r.window + 1)) / n) * r.tau, 12);
    });
  }

  it('the padding-room first pass gives the same W and tau as a full search (n = 100000, 1e-12)', () => {
    const n = 100000; // next power of two 131072 leaves lags up to 31072 for free
    const x = ar1(n, 0.95, 17);
    const fast = integratedAutocorrelationTime(x);
    const full = tauFromAutocorrelation(autocorrelation(x, n / 2), n);
    expect(fast.window).toBe(full.window);
    expect(Math.abs(fast.tau / full.tau - 1)).toBeLessThan(1e-12);
    expect(fast.converged).toBe(true);
  });

  it('the window constant c is an option: larger c gives a larger window', () => {
    const x = ar1(1 << 16, 0.9, 99);
    const r6 = integratedAutocorrelationTime(x);
    const r10 = integratedAutocorrelationTime(x, { c: 10 });
    expect(r10.window).toBeGreaterThan(r6.window);
    expect(r10.window).toBeGreaterThanOrEqual(10 * r10.tau);
  });

  it('flags a window that does not converge: linear trend (n = 200) and a too small maxWindow', () => {
    const ramp = Float64Array.from({ length: 200 }, (_, i) => i);
    const r = integratedAutocorrelationTime(ramp);
    expect(r.converged).toBe(false);
    expect(r.window).toBe(100); // default maxWindow = n/2
    const capped = integratedAutocorrelationTime(ar1(1 << 14, 0.9, 8), { maxWindow: 20 });
    expect(capped.converged).toBe(false);
    expect(capped.window).toBe(20);
    expect(capped.tau).toBeLessThan(9.5); // truncated sum underestimates the exact 9.5
  });

  it('handles n = 2^20 (FFT path) and agrees with the estimate on its first 2^16 samples', () => {
    // Speed is a benchmark matter, not a test: this only checks the large-n path works.
    const x = ar1(n, 0.9, 42);
    const all = integratedAutocorrelationTime(x);
    expect(Math.abs(all.tau - 9.5) / 9.5).toBeLessThan(0.05);
    const part = integratedAutocorrelationTime(x.subarray(0, 1 << 16));
    expect(Math.abs(all.tau - part.tau)).toBeLessThan(4 * part.error);
  });
});
