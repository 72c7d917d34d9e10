// The exact density of states of the periodic 4 x 4 x 2 Ising box (32 spins, doubled bonds along
// the axis of length 2), test/fixtures/cubic-dos-4x4x2.json, from scripts/reference/dos442.c (all
// 2^32 states in Gray-code order, independent of criticality), checked here by a second method: a
// 256 x 256 transfer matrix along x (slices of 4 x 2 spins), Z = Tr A^4, built from the Hamiltonian
// alone. ln Z and <e> = -(1/N) d ln Z / d beta at h = 0 and in a field must agree with the fixture's
// g(B, M) to rounding; so do the counts the hand can check (ground states, Neel states, one flip).
import { describe, expect, it } from 'vitest';
import { dosCount, exactMoments } from '../src/index.js';
import { dos442, dos442Fixture as fixture } from './helpers/cubic-dos442.js';

/**
 * ln Z of H = -sum_<ij> s_i s_j - h sum_i s_i on the periodic 4 x 4 x 2 box by a transfer matrix along
 * x: a slice is the 8 spins (y, z), bit y + 4 z of the state (1 = up). Within a slice: the y bonds of
 * both planes and the z bonds, doubled (2 s(y,0) s(y,1)); between slices: s_a s'_a at each of the 8
 * positions. A[s][s'] = exp(beta (intra(s) + inter(s, s') + h M(s))), Z = Tr A^4 (scaled per product).
 */
function transferMatrixLnZ(beta: number, h: number): number {
  const S = 256;
  const spin = (s: number, y: number, z: number) => (((s >> (((y + 4) % 4) + 4 * z)) & 1) === 1 ? 1 : -1);
  const intra = new Float64Array(S);
  const mag = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let b = 0;
    let m = 0;
    for (let y = 0; y < 4; y++) {
      for (let z = 0; z < 2; z++) {
        b += spin(s, y, z) * spin(s, y + 1, z);
        m += spin(s, y, z);
      }
      b += 2 * spin(s, y, 0) * spin(s, y, 1);
    }
    intra[s] = b;
    mag[s] = m;
  }
  const A = new Float64Array(S * S);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < S; t++) {
      const inter = 8 - 2 * popcount(s ^ t);
      // a shift of 12 beta per slice keeps the powers in range
      A[s * S + t] = Math.exp(beta * (intra[s] + inter + h * mag[s] - 24 - 8 * Math.abs(h)));
    }
  }
  const A2 = multiply(A, A, S);
  const A4 = multiply(A2, A2, S);
  let trace = 0;
  for (let s = 0; s < S; s++) trace += A4[s * S + s];
  return Math.log(trace) + 4 * beta * (24 + 8 * Math.abs(h));
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

describe('4 x 4 x 2 exact density of states', () => {
  const dos = dos442(fixture);

  it('counts 2^32 states, symmetric under M -> -M, with the counts by hand', () => {
    expect(fixture).toMatchObject({ Lx: 4, Ly: 4, Lz: 2, N: 32, bonds: 96 });
    expect(fixture.states).toBe(2 ** 32);
    expect(dos.counts.reduce((a, b) => a + b, 0)).toBe(2 ** 32);
    for (let B = -96; B <= 96; B += 2) for (let M = -32; M <= 32; M += 2) expect(dosCount(dos, B, M)).toBe(dosCount(dos, B, -M));
    expect(dosCount(dos, 96, 32)).toBe(1);
    expect(dosCount(dos, -96, 0)).toBe(2);
    // one spin flipped breaks its 6 bond terms (4 in-plane, its z bond twice): B = 96 - 12, 32 sites
    expect(dosCount(dos, 84, 30)).toBe(32);
    // two flipped z partners break their 4 + 4 in-plane terms (their doubled z bond holds): B = 80, 16 pairs;
    // two flipped in-plane neighbours break 3 + 3 in-plane and 2 + 2 z terms: B = 76, 64 pairs (x and y);
    // any other pair breaks 12: B = 72
    expect(dosCount(dos, 80, 28)).toBe(16);
    expect(dosCount(dos, 76, 28)).toBe(64);
    expect(dosCount(dos, 72, 28)).toBe((32 * 31) / 2 - 16 - 64);
  });

  it.each([
    [0.1, 0],
    [0.2216546, 0],
    [0.35, 0],
    [0.2, 0.3],
    [0.3, -0.15],
  ])('beta = %d, h = %d: ln Z and <e> of the transfer matrix', (beta, h) => {
    const exact = exactMoments(dos, 1 / beta, h);
    expect(transferMatrixLnZ(beta, h) / exact.lnZ).toBeCloseTo(1, 12);
    // <e> = -(1/N) d ln Z / d beta at fixed h (E = -B - hM, so d/dbeta of beta (B + hM) is -E)
    const d = 1e-5;
    const energy = -(transferMatrixLnZ(beta + d, h) - transferMatrixLnZ(beta - d, h)) / (2 * d) / 32;
    expect(Math.abs(energy - exact.energy)).toBeLessThan(1e-6);
  });
});
