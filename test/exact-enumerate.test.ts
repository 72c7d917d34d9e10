import { describe, expect, it } from 'vitest';
import { boltzmannWeights, densityOfStates, dosCount, exactMoments } from '../src/exact/index.js';
import type { DensityOfStates } from '../src/exact/index.js';

/**
 * Independent reference: plain loop over all 2^N states of the Lx × Ly torus (site i = y·Lx + x),
 * B summed over the explicit list of 2N bonds (right and down neighbour, periodic).
 */
function naiveCounts(Lx: number, Ly: number): Map<string, number> {
  const N = Lx * Ly;
  const bonds: Array<[number, number]> = [];
  for (let y = 0; y < Ly; y++) {
    for (let x = 0; x < Lx; x++) {
      bonds.push([y * Lx + x, y * Lx + ((x + 1) % Lx)]);
      bonds.push([y * Lx + x, ((y + 1) % Ly) * Lx + x]);
    }
  }
  const counts = new Map<string, number>();
  for (let state = 0; state < 2 ** N; state++) {
    const spin = (i: number): number => (((state >> i) & 1) === 1 ? 1 : -1);
    let B = 0;
    for (const [i, j] of bonds) B += spin(i) * spin(j);
    let M = 0;
    for (let i = 0; i < N; i++) M += spin(i);
    const key = `${B},${M}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function total(dos: DensityOfStates): number {
  return dos.counts.reduce((a, b) => a + b, 0);
}

describe('densityOfStates', () => {
  for (const [Lx, Ly] of [
    [2, 2],
    [3, 3],
    [4, 4],
    [3, 2],
    [4, 3],
  ] as const) {
    it(`${Lx} x ${Ly}: identical to a naive loop over all states`, () => {
      const dos = densityOfStates(Lx, Ly);
      const ref = naiveCounts(Lx, Ly);
      expect(dos.N).toBe(Lx * Ly);
      expect(dos.bonds).toBe(2 * Lx * Ly);
      for (let j = 0; j < dos.bValues.length; j++) {
        for (let i = 0; i < dos.mValues.length; i++) {
          const key = `${dos.bValues[j]},${dos.mValues[i]}`;
          expect(dos.counts[j * (dos.N + 1) + i], key).toBe(ref.get(key) ?? 0);
        }
      }
    });
  }

  it('L = 4: ground states, lowest excitations, B ≡ 2N (mod 4), M-symmetry, total 2^N', () => {
    const dos = densityOfStates(4);
    const N = 16;
    expect(dosCount(dos, 2 * N, N)).toBe(1);
    expect(dosCount(dos, 2 * N, -N)).toBe(1);
    expect(dosCount(dos, 2 * N, 0)).toBe(0);
    expect(dosCount(dos, 2 * N - 8, N - 2)).toBe(16); // one flipped spin: 4 broken bonds
    expect(dosCount(dos, 2 * N - 12, N - 4)).toBe(32); // two neighbouring flipped spins: 6 broken bonds
    expect(dosCount(dos, 2 * N - 4, N - 2)).toBe(0);
    expect(dosCount(dos, -2 * N, 0)).toBe(2); // the two checkerboards
    expect(total(dos)).toBe(2 ** N);
    for (const B of dos.bValues) {
      for (const M of dos.mValues) {
        expect(dosCount(dos, B, M)).toBe(dosCount(dos, B, -M));
        if ((B - 2 * N) % 4 !== 0) expect(dosCount(dos, B, M)).toBe(0);
      }
    }
  });

  it('L = 2 counts each doubled neighbour pair twice (B = ±8 for the ordered and checkerboard states)', () => {
    const dos = densityOfStates(2);
    expect(dosCount(dos, 8, 4)).toBe(1);
    expect(dosCount(dos, -8, 0)).toBe(2);
    expect(total(dos)).toBe(16);
  });

  it('L = 5 (2^25 states) is enumerated and correctly normalised', () => {
    const dos = densityOfStates(5);
    expect(total(dos)).toBe(2 ** 25);
    expect(dosCount(dos, 50, 25)).toBe(1);
    expect(dosCount(dos, 50 - 8, 23)).toBe(25);
    expect(dosCount(dos, 50 - 12, 21)).toBe(50);
    for (const M of dos.mValues) expect(dosCount(dos, 42, M)).toBe(dosCount(dos, 42, -M));
  });

  it('rejects invalid sizes', () => {
    expect(() => densityOfStates(1)).toThrow(/Lx must be an integer >= 2, got 1/);
    expect(() => densityOfStates(4, 2.5)).toThrow(RangeError);
    expect(() => densityOfStates(6)).toThrow(/<= 30/);
  });
});

describe('exactMoments and boltzmannWeights', () => {
  const dos4 = densityOfStates(4);
  const dos3 = densityOfStates(3);

  it('very low T: ordered state (|m| → 1, e → -2, U4 → 2/3, c → 0), no overflow', () => {
    for (const T of [0.05, 1e-3, 1e-100]) {
      const r = exactMoments(dos4, T);
      expect(r.absMagnetization).toBe(1);
      expect(r.magnetization2).toBe(1);
      expect(r.magnetization4).toBe(1);
      expect(r.energy).toBe(-2);
      expect(r.energy2).toBe(4);
      expect(r.specificHeat).toBeLessThan(1e-60); // ~ N β² 64 e^{-8β}
      expect(r.susceptibility).toBeLessThan(1e-60);
      expect(Math.abs(r.binder - 2 / 3)).toBeLessThan(1e-15);
      expect(r.magnetization).toBe(0);
      expect(Number.isFinite(r.lnZ)).toBe(true);
    }
  });

  it('very high T: independent spins (e → 0, <m²> = 1/N, U4 = 2/(3N), N<m²> = 1)', () => {
    for (const dos of [dos3, dos4]) {
      const N = dos.N;
      const T = 1e9;
      const r = exactMoments(dos, T);
      expect(Math.abs(r.energy)).toBeLessThan(1e-8);
      expect(Math.abs(r.magnetization2 - 1 / N)).toBeLessThan(1e-8);
      expect(Math.abs(r.binder - 2 / (3 * N))).toBeLessThan(1e-8);
      expect(Math.abs(r.susceptibilityFull * T - 1)).toBeLessThan(1e-8);
      expect(Math.abs(r.lnZ - N * Math.LN2)).toBeLessThan(1e-8);
    }
  });

  it('moments are consistent with derivatives of ln Z (finite differences) at h ≠ 0', () => {
    const T = 2.4;
    const h = 0.15;
    const d = 1e-5;
    const r = exactMoments(dos4, T, h);
    const N = dos4.N;
    const lnZ = (beta: number, field: number): number => boltzmannWeights(dos4, 1 / beta, field).lnZ;
    // <E> = -∂ ln Z/∂β at fixed h;  <M> = T ∂ ln Z/∂h
    const dBeta = (lnZ(1 / T + d, h) - lnZ(1 / T - d, h)) / (2 * d);
    expect(Math.abs(-dBeta / N - r.energy)).toBeLessThan(1e-8);
    const dh = (lnZ(1 / T, h + d) - lnZ(1 / T, h - d)) / (2 * d);
    expect(Math.abs((T * dh) / N - r.magnetization)).toBeLessThan(1e-8);
    // c = ∂<e>/∂T at fixed h;  χ_conn = ∂<m>/∂h
    const dE = (exactMoments(dos4, T + d, h).energy - exactMoments(dos4, T - d, h).energy) / (2 * d);
    expect(Math.abs(dE - r.specificHeat)).toBeLessThan(1e-8);
    const dM = (exactMoments(dos4, T, h + d).magnetization - exactMoments(dos4, T, h - d).magnetization) / (2 * d);
    expect(Math.abs(dM - r.susceptibilityConnected)).toBeLessThan(1e-8);
    expect(r.magnetization).toBeGreaterThan(0);
  });

  it('definitions: binder, susceptibilities, energy2 from the distribution', () => {
    const T = 2.3;
    const r = exactMoments(dos4, T);
    const N = dos4.N;
    const P = boltzmannWeights(dos4, T).probabilities;
    let sum = 0;
    let e2 = 0;
    let am = 0;
    let m2 = 0;
    for (let j = 0; j < dos4.bValues.length; j++) {
      for (let i = 0; i < dos4.mValues.length; i++) {
        const p = P[j * (N + 1) + i];
        sum += p;
        e2 += p * (dos4.bValues[j] / N) ** 2;
        am += p * Math.abs(dos4.mValues[i] / N);
        m2 += p * (dos4.mValues[i] / N) ** 2;
        expect(p).toBe(P[j * (N + 1) + (N - i)]); // h = 0: symmetric in M
      }
    }
    expect(Math.abs(sum - 1)).toBeLessThan(1e-14);
    expect(Math.abs(r.energy2 - e2)).toBeLessThan(1e-14);
    expect(Math.abs(r.absMagnetization - am)).toBeLessThan(1e-14);
    expect(Math.abs(r.magnetization2 - m2)).toBeLessThan(1e-14);
    expect(Math.abs(r.binder - (1 - r.magnetization4 / (3 * m2 * m2)))).toBeLessThan(1e-14);
    expect(Math.abs(r.susceptibility - (N / T) * (m2 - am * am))).toBeLessThan(1e-12);
    expect(Math.abs(r.susceptibilityFull - (N / T) * m2)).toBeLessThan(1e-12);
    expect(Math.abs(r.specificHeat - (N / T ** 2) * (r.energy2 - r.energy ** 2))).toBeLessThan(1e-12);
    expect(r.susceptibilityConnected).toBe(r.susceptibilityFull); // <m> = 0 at h = 0
  });

  it('L = 2 at h = 0 matches the closed form Z = 2 e^{8K} + 12 + 2 e^{-8K}', () => {
    // 2×2 torus with doubled bonds: all equal (2 states, B = 8), checkerboards (2 states, B = -8), rest B = 0.
    const dos = densityOfStates(2);
    for (const T of [0.7, 2, 5]) {
      const K = 1 / T;
      const Z = 2 * Math.exp(8 * K) + 12 + 2 * Math.exp(-8 * K);
      const r = exactMoments(dos, T);
      expect(Math.abs(r.lnZ - Math.log(Z))).toBeLessThan(1e-14);
      const meanE = (-8 * 2 * Math.exp(8 * K) + 8 * 2 * Math.exp(-8 * K)) / Z;
      expect(Math.abs(r.energy - meanE / 4)).toBeLessThan(1e-14);
    }
  });

  it('rejects invalid temperature and field', () => {
    expect(() => exactMoments(dos3, 0)).toThrow(/T must be .*got 0/);
    expect(() => exactMoments(dos3, Number.NaN)).toThrow(RangeError);
    expect(() => boltzmannWeights(dos3, 1, Infinity)).toThrow(/h must be a finite number, got Infinity/);
  });
});
