import { describe, expect, it } from 'vitest';
import {
  CRITICAL_TEMPERATURE,
  finiteLatticeExact,
  finiteLatticeExactRect,
  onsagerEnergy,
  onsagerFreeEnergy,
  onsagerSpecificHeat,
} from '../src/exact/index.js';

const TC = CRITICAL_TEMPERATURE;
const KC = Math.log(1 + Math.SQRT2) / 2;

/**
 * Independent brute force: every configuration of the n × m torus (rows × columns), bond sum B over
 * the 2N bonds (right and down neighbour, periodic), histogrammed by B; then log-sum-exp for ln Z and
 * centred moments of E = -B.
 */
function bruteForce(n: number, m: number): (T: number) => { lnZ: number; e: number; c: number } {
  const N = n * m;
  const bonds: Array<[number, number]> = [];
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < m; col++) {
      const i = r * m + col;
      bonds.push([i, r * m + ((col + 1) % m)]);
      bonds.push([i, ((r + 1) % n) * m + col]);
    }
  }
  const histogram = new Map<number, number>();
  for (let state = 0; state < 2 ** N; state++) {
    let b = 0;
    for (const [i, j] of bonds) b += ((state >> i) & 1) === ((state >> j) & 1) ? 1 : -1;
    histogram.set(b, (histogram.get(b) ?? 0) + 1);
  }
  const levels = [...histogram.entries()];
  return (T: number) => {
    const K = 1 / T;
    let max = -Infinity;
    for (const [b, g] of levels) max = Math.max(max, Math.log(g) + K * b);
    const weights = levels.map(([b, g]) => Math.exp(Math.log(g) + K * b - max));
    const z = weights.reduce((a, w) => a + w, 0);
    const mean = levels.reduce((a, [b], i) => a + weights[i] * -b, 0) / z;
    const variance = levels.reduce((a, [b], i) => a + weights[i] * (-b - mean) ** 2, 0) / z;
    return { lnZ: max + Math.log(z), e: mean / N, c: (K * K * variance) / N };
  };
}

/** ln of the critical Ising torus partition function from conformal field theory, square torus (τ = i):
 *  Z = (|θ2| + |θ3| + |θ4|) / (2 |η|). Universal; the lattice ln Z at T_c is N × (bulk) + this + O(1/L²). */
function cftLnZSquareTorus(): number {
  const q = Math.exp(-Math.PI); // nome e^{iπτ}
  let t2 = 0;
  let t3 = 1;
  let t4 = 1;
  let eta = Math.exp((-2 * Math.PI) / 24);
  for (let k = 0; k < 30; k++) t2 += 2 * q ** ((k + 0.5) ** 2);
  for (let k = 1; k < 30; k++) {
    t3 += 2 * q ** (k * k);
    t4 += 2 * (k % 2 === 1 ? -1 : 1) * q ** (k * k);
    eta *= 1 - Math.exp(-2 * Math.PI * k);
  }
  return Math.log((t2 + t3 + t4) / (2 * eta));
}

const TEMPERATURES = [0.05, 0.5, 1, 1.8, 2, TC, 2.5, 3.5, 10, 100];

describe('Kaufman / Ferdinand–Fisher vs brute-force enumeration', () => {
  for (const [n, m] of [
    [2, 2],
    [4, 4],
    [3, 3],
    [2, 3],
    [3, 4],
    [4, 3],
    [2, 5],
  ] as const) {
    it(`${n} x ${m} torus: ln Z, e and c at ${TEMPERATURES.length} temperatures`, () => {
      const exact = bruteForce(n, m);
      for (const T of TEMPERATURES) {
        const ref = exact(T);
        const k = n === m ? finiteLatticeExact(n, T) : finiteLatticeExactRect(n, m, T);
        expect(Math.abs(k.lnZ - ref.lnZ)).toBeLessThan(1e-13 * Math.max(1, Math.abs(ref.lnZ)));
        expect(Math.abs(k.energy - ref.e)).toBeLessThan(1e-13);
        expect(Math.abs(k.specificHeat - ref.c)).toBeLessThan(1e-12);
        expect(Math.abs(k.freeEnergy + (T * ref.lnZ) / (n * m))).toBeLessThan(1e-13 * Math.max(1, T * Math.abs(ref.lnZ)));
      }
    });
  }

  it('is symmetric under n <-> m', () => {
    for (const T of [1, TC, 4]) {
      const a = finiteLatticeExactRect(6, 10, T);
      const b = finiteLatticeExactRect(10, 6, T);
      expect(Math.abs(a.lnZ - b.lnZ)).toBeLessThan(1e-12);
      expect(Math.abs(a.energy - b.energy)).toBeLessThan(1e-13);
      expect(Math.abs(a.specificHeat - b.specificHeat)).toBeLessThan(1e-12);
    }
  });
});

describe('large lattices approach Onsager', () => {
  it('L = 256 matches the infinite lattice away from T_c', () => {
    const L = 256;
    const N = L * L;
    for (const T of [0.5, 1, 1.5, 2, 2.6, 3, 5, 10]) {
      const k = finiteLatticeExact(L, T);
      expect(Math.abs(k.energy - onsagerEnergy(T))).toBeLessThan(1e-12);
      expect(Math.abs(k.specificHeat - onsagerSpecificHeat(T))).toBeLessThan(1e-11);
      // Below T_c the torus keeps both ordered states: ln Z = N (-β f_∞) + ln 2 up to exponentially small terms.
      const degeneracy = T < TC ? Math.LN2 / N : 0;
      expect(Math.abs(k.lnZPerSite - (-onsagerFreeEnergy(T) / T + degeneracy))).toBeLessThan(1e-14);
    }
  });

  it('c(L, T_c) grows like (8/π) K_c² ln L = (2/π) ln²(1+√2) ln L', () => {
    const A0 = (8 / Math.PI) * KC * KC; // 0.4945385895...
    const sizes = [64, 128, 256, 512, 1024, 2048];
    const c = sizes.map((L) => finiteLatticeExact(L, TC).specificHeat);
    const slopes = c.slice(1).map((v, i) => (v - c[i]) / Math.LN2);
    for (let i = 1; i < slopes.length; i++) {
      expect(slopes[i]).toBeLessThan(slopes[i - 1]); // approaches A0 from above (corrections ~ ln L / L)
      expect(slopes[i]).toBeGreaterThan(A0);
    }
    expect(Math.abs(slopes[slopes.length - 1] - A0)).toBeLessThan(2e-4);
  });

  it('ln Z(L, T_c) - N (-β_c f_∞) converges to the CFT torus value as 1/L²', () => {
    const bulk = -onsagerFreeEnergy(TC) / TC;
    const cft = cftLnZSquareTorus(); // 0.63991194...
    const dev = [128, 256, 512, 1024].map((L) => finiteLatticeExact(L, TC).lnZ - L * L * bulk - cft);
    expect(Math.abs(dev[3])).toBeLessThan(2e-7);
    for (let i = 1; i < dev.length; i++) expect(Math.abs(dev[i - 1] / dev[i] - 4)).toBeLessThan(0.1);
  });

  it('e(L, T_c) → -√2 with a 1/L correction', () => {
    const d512 = finiteLatticeExact(512, TC).energy + Math.SQRT2;
    const d1024 = finiteLatticeExact(1024, TC).energy + Math.SQRT2;
    expect(Math.abs(d1024)).toBeLessThan(1e-3);
    expect(Math.abs(d512 / d1024 - 2)).toBeLessThan(1e-4);
  });
});

describe('extreme temperatures', () => {
  it('low T: ground state with degeneracy 2, continuous through the asymptotic cut-off', () => {
    for (const T of [1e-300, 1e-6, 0.015, 1 / 50.5, 1 / 49.5, 0.05]) {
      const k = finiteLatticeExact(16, T);
      expect(k.energy).toBe(-2);
      expect(Math.abs(k.specificHeat)).toBeLessThan(1e-13);
      if (T > 1e-200) expect(Math.abs(k.lnZ - (2 * 256) / T - Math.LN2)).toBeLessThan(1e-15 * (512 / T));
    }
  });

  it('high T: ln Z/N → ln 2, e ≈ -2K, c ≈ 2K² (no overflow, no cancellation)', () => {
    for (const T of [1e4, 0.99e7, 1.01e7, 1e8, 1e50, 1e150]) {
      const K = 1 / T;
      const k = finiteLatticeExact(64, T);
      expect(Math.abs(k.lnZPerSite - Math.LN2)).toBeLessThan(1e-15 + 2 * K * K);
      expect(Math.abs(k.energy / (-2 * K) - 1)).toBeLessThan(1e-7);
      expect(Math.abs(k.specificHeat / (2 * K * K) - 1)).toBeLessThan(1e-7);
    }
    const k = finiteLatticeExact(64, 1e300);
    expect([k.lnZPerSite, k.energy, k.specificHeat]).toEqual([Math.LN2, -2e-300, 0]);
  });

  it('sides of length 2 carry doubled bonds (high-T coefficient μ = 3 for 2 × m)', () => {
    const T = 1e6;
    const k = finiteLatticeExactRect(2, 7, T);
    expect(Math.abs(k.energy / (-3 / T) - 1)).toBeLessThan(1e-9);
  });
});

describe('argument validation', () => {
  it('throws RangeError for bad sizes and temperatures', () => {
    expect(() => finiteLatticeExact(1, 2)).toThrow(/L must be an integer >= 2, got 1/);
    expect(() => finiteLatticeExact(2.5, 2)).toThrow(RangeError);
    expect(() => finiteLatticeExactRect(4, Number.NaN, 2)).toThrow(/m must be/);
    expect(() => finiteLatticeExact(4, 0)).toThrow(/T must be .*got 0/);
    expect(() => finiteLatticeExact(4, -2)).toThrow(RangeError);
    expect(() => finiteLatticeExact(4, Infinity)).toThrow(RangeError);
  });
});
