import { describe, expect, it } from 'vitest';
import {
  CRITICAL_BETA,
  CRITICAL_TEMPERATURE,
  ellipticKE,
  onsagerEnergy,
  onsagerFreeEnergy,
  onsagerMagnetization,
  onsagerSpecificHeat,
} from '../src/exact/index.js';

/**
 * Independent reference: Onsager's double-integral form
 *   ln Z / N = ln 2 + (1/2π²) ∫_0^π ∫_0^π ln D dθ1 dθ2,  D = cosh² 2K - sinh 2K (cos θ1 + cos θ2),
 * differentiated analytically under the integral sign, evaluated with the midpoint rule (spectrally
 * accurate for this smooth periodic integrand away from T_c).
 */
function doubleIntegral(T: number, n = 400): { lnZ: number; e: number; c: number } {
  const K = 1 / T;
  const C = Math.cosh(2 * K);
  const S = Math.sinh(2 * K);
  const cosines = Array.from({ length: n }, (_, i) => Math.cos((Math.PI * (i + 0.5)) / n));
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  for (const c1 of cosines) {
    for (const c2 of cosines) {
      const sum = c1 + c2;
      const D = C * C - S * sum;
      const D1 = 4 * C * S - 2 * C * sum; // ∂D/∂K
      const D2 = 8 * (C * C + S * S) - 4 * S * sum; // ∂²D/∂K²
      l0 += Math.log(D);
      l1 += D1 / D;
      l2 += D2 / D - (D1 / D) ** 2;
    }
  }
  const w = 1 / (2 * n * n);
  return { lnZ: Math.LN2 + l0 * w, e: -l1 * w, c: K * K * l2 * w };
}

/** Plain midpoint-rule quadrature of ∫_0^{π/2} f (spectral for these smooth even periodic integrands). */
function quarterPeriod(f: (theta: number) => number, n = 4000): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f((Math.PI / 2) * ((i + 0.5) / n));
  return (sum * Math.PI) / 2 / n;
}

const CATALAN = 0.915965594177219015054603514932384110774;
const KC = Math.log(1 + Math.SQRT2) / 2;
/** Amplitude of the logarithmic divergence, c ≈ -(8/π) K_c² ln|1 - T/T_c|. */
const A0 = (8 / Math.PI) * KC * KC;

describe('Onsager critical point', () => {
  it('T_c = 2/ln(1+√2) solves sinh(2/T_c) = 1, and β_c = 1/T_c', () => {
    expect(CRITICAL_TEMPERATURE).toBeCloseTo(2.269185314213022, 15);
    expect(Math.abs(Math.sinh(2 / CRITICAL_TEMPERATURE) - 1)).toBeLessThan(4e-16);
    expect(Math.abs(CRITICAL_BETA * CRITICAL_TEMPERATURE - 1)).toBeLessThan(4e-16);
    expect(CRITICAL_BETA).toBeCloseTo(0.44068679350977147, 15);
  });

  it('e(T_c) = -√2 and is continuous there', () => {
    expect(Math.abs(onsagerEnergy(CRITICAL_TEMPERATURE) + Math.SQRT2)).toBeLessThan(1e-15);
    for (const d of [1e-9, -1e-9]) {
      expect(Math.abs(onsagerEnergy(CRITICAL_TEMPERATURE * (1 + d)) + Math.SQRT2)).toBeLessThan(1e-6);
    }
  });

  it('f(T_c) = -T_c (ln 2 / 2 + 2G/π) with G = Catalan', () => {
    const expected = -CRITICAL_TEMPERATURE * (Math.LN2 / 2 + (2 * CATALAN) / Math.PI);
    expect(Math.abs(onsagerFreeEnergy(CRITICAL_TEMPERATURE) - expected)).toBeLessThan(1e-14);
  });

  it('c = +Infinity at T_c and diverges as -(8/π) K_c² ln|t| on both sides', () => {
    expect(onsagerSpecificHeat(CRITICAL_TEMPERATURE)).toBe(Infinity);
    for (const side of [1, -1]) {
      const c6 = onsagerSpecificHeat(CRITICAL_TEMPERATURE * (1 + side * 1e-6));
      const c9 = onsagerSpecificHeat(CRITICAL_TEMPERATURE * (1 + side * 1e-9));
      expect(Math.abs((c9 - c6) / Math.log(1000) - A0)).toBeLessThan(1e-5);
    }
  });
});

describe('Onsager energy, specific heat and free energy vs the double integral', () => {
  for (const T of [0.8, 1.5, 2, 2.6, 3, 5, 20]) {
    it(`T = ${T}`, () => {
      const ref = doubleIntegral(T);
      expect(Math.abs(onsagerEnergy(T) - ref.e)).toBeLessThan(1e-12);
      expect(Math.abs(onsagerSpecificHeat(T) - ref.c)).toBeLessThan(1e-12);
      expect(Math.abs(-onsagerFreeEnergy(T) / T - ref.lnZ)).toBeLessThan(1e-13);
    });
  }

  it('high- and low-temperature limits', () => {
    // High T: ln Z/N = ln 2 + 2 ln cosh K + O(K⁴) -> e ≈ -2K, c ≈ 2K².
    const T = 1e5;
    expect(Math.abs(onsagerEnergy(T) / (-2 / T) - 1)).toBeLessThan(1e-8);
    expect(Math.abs(onsagerSpecificHeat(T) / (2 / T ** 2) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(onsagerFreeEnergy(T) / T + Math.LN2)).toBeLessThan(1e-9);
    // Low T: ln Z/N = 2K + x⁴ + 2x⁶ + O(x⁸), x = e^{-2K} (one flipped spin, two adjacent flipped spins),
    // so e = -2 + 8x⁴ + 24x⁶ + O(x⁸).
    expect(onsagerEnergy(0.01)).toBe(-2);
    expect(onsagerSpecificHeat(0.01)).toBeLessThan(1e-300);
    const x = Math.exp(-2 / 0.5);
    expect(Math.abs((onsagerEnergy(0.5) + 2) / (8 * x ** 4 + 24 * x ** 6) - 1)).toBeLessThan(3e-6);
    expect(onsagerFreeEnergy(0.01)).toBe(-2);
  });
});

describe('Onsager spontaneous magnetization', () => {
  it('matches Yang\'s form [1 - (1 - t²)⁴ / (16 t⁴)]^{1/8}, t = tanh K', () => {
    for (const T of [0.3, 1, 1.8, 2, 2.2, 2.26]) {
      const t = Math.tanh(1 / T);
      const yang = Math.pow(1 - (1 - t * t) ** 4 / (16 * t ** 4), 1 / 8);
      expect(Math.abs(onsagerMagnetization(T) - yang)).toBeLessThan(1e-13);
    }
    expect(onsagerMagnetization(2)).toBeCloseTo(0.911319377877496, 14);
  });

  it('vanishes at and above T_c, → 1 at low T, with exponent 1/8 near T_c', () => {
    expect(onsagerMagnetization(CRITICAL_TEMPERATURE)).toBe(0);
    expect(onsagerMagnetization(2.3)).toBe(0);
    expect(onsagerMagnetization(100)).toBe(0);
    expect(onsagerMagnetization(0.05)).toBe(1);
    const m8a = onsagerMagnetization(CRITICAL_TEMPERATURE * (1 - 1e-6)) ** 8;
    const m8b = onsagerMagnetization(CRITICAL_TEMPERATURE * (1 - 1e-7)) ** 8;
    expect(Math.abs(m8a / m8b - 10)).toBeLessThan(1e-4);
  });
});

describe('complete elliptic integrals by AGM', () => {
  it('match direct quadrature', () => {
    for (const k of [0, 0.3, 0.7, 0.95]) {
      const { K, E } = ellipticKE(k);
      const Kq = quarterPeriod((th) => 1 / Math.sqrt(1 - k * k * Math.sin(th) ** 2));
      const Eq = quarterPeriod((th) => Math.sqrt(1 - k * k * Math.sin(th) ** 2));
      expect(Math.abs(K / Kq - 1)).toBeLessThan(1e-14);
      expect(Math.abs(E / Eq - 1)).toBeLessThan(1e-14);
    }
  });

  it('satisfy the Legendre relation E K\' + E\' K - K K\' = π/2, including k → 1', () => {
    for (const k of [0.1, 0.5, 0.9, 0.999999, 1 - 1e-12]) {
      const kp = Math.sqrt((1 - k) * (1 + k));
      const a = ellipticKE(k, kp);
      const b = ellipticKE(kp, k);
      const lhs = a.E * b.K + b.E * a.K - a.K * b.K;
      expect(Math.abs(lhs - Math.PI / 2)).toBeLessThan(1e-13);
    }
    expect(ellipticKE(1, 0)).toEqual({ K: Infinity, E: 1 });
  });
});

describe('argument validation', () => {
  const fns = [onsagerEnergy, onsagerSpecificHeat, onsagerMagnetization, onsagerFreeEnergy];
  for (const bad of [0, -1, Number.NaN, Infinity, -Infinity]) {
    it(`T = ${bad} throws a RangeError naming T and the value`, () => {
      for (const f of fns) {
        expect(() => f(bad)).toThrow(RangeError);
        expect(() => f(bad)).toThrow(new RegExp(`T must be .*got ${String(bad)}`));
      }
    });
  }
});
