import { describe, expect, it } from 'vitest';
import {
  pottsDensityOfStates,
  pottsEnergyMoments,
  pottsEnumerate,
  pottsEnumerationMoments,
  pottsExactMoments,
  pottsMagnetizationDistribution,
} from '../src/models/potts/exact.js';
import { rowClasses } from '../src/models/potts/lattice.js';

/**
 * Independent reference for the tiniest lattices: a plain loop over all q^N states of the Lx × Ly torus,
 * b counted over the explicit list of 2N bonds (right and down neighbour, periodic), at one (β, h).
 */
function naive(q: number, Lx: number, Ly: number, beta: number, h: number) {
  const N = Lx * Ly;
  const bonds: Array<[number, number]> = [];
  for (let y = 0; y < Ly; y++) {
    for (let x = 0; x < Lx; x++) {
      bonds.push([y * Lx + x, y * Lx + ((x + 1) % Lx)]);
      bonds.push([y * Lx + x, ((y + 1) % Ly) * Lx + x]);
    }
  }
  let Z = 0;
  let E1 = 0;
  let E2 = 0;
  let A = 0;
  let M2 = 0;
  const s = new Array<number>(N);
  for (let state = 0; state < q ** N; state++) {
    let rest = state;
    for (let i = 0; i < N; i++) {
      s[i] = rest % q;
      rest = Math.floor(rest / q);
    }
    let E = 0;
    for (const [i, j] of bonds) if (s[i] === s[j]) E -= 1;
    const n = new Array<number>(q).fill(0);
    for (let i = 0; i < N; i++) n[s[i]]++;
    E -= h * n[0];
    // |M|^2 from the simplex vectors e_k (|e_k| = 1, e_k . e_l = -1/(q-1)): sum_kl n_k n_l e_k . e_l,
    // summed as integers (q - 1) e_k . e_l so that |M| = 0 comes out exactly 0
    let MM = 0;
    for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) MM += n[k] * n[l] * (k === l ? q - 1 : -1);
    MM /= q - 1;
    const w = Math.exp(-beta * E);
    Z += w;
    E1 += w * E;
    E2 += w * E * E;
    A += (w * Math.sqrt(Math.max(0, MM))) / N;
    M2 += (w * MM) / (N * N);
  }
  const e = E1 / Z / N;
  return { energy: e, specificHeat: (beta * beta * (E2 / Z - (E1 / Z) ** 2)) / N, absMagnetization: A / Z, magnetization2: M2 / Z };
}

describe('Potts exact: the enumerator against a naive loop (simplex vectors written out)', () => {
  for (const [q, Lx, Ly] of [[2, 2, 2], [3, 2, 2], [3, 3, 2], [4, 2, 2]] as const) {
    for (const [beta, h] of [[0.7, 0], [1.3, 0.4], [0.4, -0.8]] as const) {
      it(`q=${q} ${Lx}x${Ly} beta=${beta} h=${h}`, () => {
        const a = naive(q, Lx, Ly, beta, h);
        const b = pottsEnumerationMoments(pottsEnumerate(q, Lx, Ly), beta, h);
        expect(b.energy).toBeCloseTo(a.energy, 13);
        expect(b.specificHeat).toBeCloseTo(a.specificHeat, 12);
        expect(b.absMagnetization).toBeCloseTo(a.absMagnetization, 13);
        expect(b.magnetization2).toBeCloseTo(a.magnetization2, 13);
      });
    }
  }
});

describe('Potts exact: transfer matrices against brute-force enumeration', () => {
  // 2x2, 3x2 and 3x3 for q = 2..4; 4x4 for q = 2, 3; 4x3 for q = 4 (4^16 states of 4x4 are too many to visit)
  const lattices: [number, number, number][] = [
    [2, 2, 2], [3, 2, 2], [4, 2, 2],
    [2, 3, 2], [3, 3, 2], [4, 3, 2],
    [2, 3, 3], [3, 3, 3], [4, 3, 3],
    [2, 4, 4], [3, 4, 4], [4, 4, 3], [5, 3, 2],
  ];
  for (const [q, Lx, Ly] of lattices) {
    it(`q=${q} ${Lx}x${Ly}: g(b) identical, and e, c, <m>, <m^2>, <m^4> at several (beta, h) to 1e-12`, () => {
      const en = pottsEnumerate(q, Lx, Ly);
      const N = Lx * Ly;
      const g = new Float64Array(2 * N + 1);
      for (let k = 0; k < en.count.length; k++) g[en.b[k]] += en.count[k];
      const dos = pottsDensityOfStates(q, Lx, Ly);
      for (let b = 0; b <= 2 * N; b++) {
        if (g[b] === 0) expect(dos.lnCounts[b], `b=${b}`).toBe(-Infinity);
        else expect(Math.exp(dos.lnCounts[b]) / g[b], `b=${b}`).toBeCloseTo(1, 12);
      }
      const cheap = q ** Math.min(Lx, Ly) * (N + 1) ** (q - 1) <= 2 ** 16;
      for (const [beta, h] of [[0.5, 0], [Math.log1p(Math.sqrt(q)), 0], [2, 0], [1.1, 0.3], [0.8, -0.5]]) {
        const ref = pottsEnumerationMoments(en, beta, h);
        const m = pottsExactMoments(q, Lx, Ly, beta, h);
        expect(m.lnZ).toBeCloseTo(ref.lnZ, 10);
        expect(m.energy).toBeCloseTo(ref.energy, 12);
        expect(m.specificHeat).toBeCloseTo(ref.specificHeat, 11);
        expect(m.magnetization2).toBeCloseTo(ref.magnetization2, 12);
        expect(m.magnetization4).toBeCloseTo(ref.magnetization4, 12);
        expect(m.fraction0).toBeCloseTo(ref.fraction0, 12);
        if (h === 0) {
          const d = pottsEnergyMoments(dos, beta);
          expect(d.energy).toBeCloseTo(ref.energy, 12);
          expect(d.specificHeat).toBeCloseTo(ref.specificHeat, 11);
          expect(d.lnZ).toBeCloseTo(ref.lnZ, 10);
        }
        if (cheap) {
          const p = pottsMagnetizationDistribution(q, Lx, Ly, beta, h);
          expect(p.absMagnetization).toBeCloseTo(ref.absMagnetization, 12);
          expect(p.magnetization4).toBeCloseTo(ref.magnetization4, 12);
        }
      }
    });
  }
});

describe('Potts exact: symmetries and counts the transfer matrices must respect', () => {
  it('first-row orbits cover all q^L rows', () => {
    for (const [q, L] of [[2, 2], [3, 4], [5, 6], [8, 5], [256, 4]]) {
      for (const fixZero of [false, true]) {
        const total = rowClasses(q, L, fixZero).reduce((s, c) => s + c.weight, 0);
        expect(total, `q=${q} L=${L} fixZero=${fixZero}`).toBe(q ** L);
      }
    }
  });

  it('the torus and its transpose have the same g(b), e and m^2 (different frontiers and first rows)', () => {
    for (const [q, Lx, Ly] of [[3, 3, 5], [5, 2, 4], [4, 3, 4]]) {
      const a = pottsDensityOfStates(q, Lx, Ly);
      const b = pottsDensityOfStates(q, Ly, Lx);
      for (let k = 0; k < a.lnCounts.length; k++) {
        if (a.lnCounts[k] === -Infinity) expect(b.lnCounts[k]).toBe(-Infinity);
        else expect(b.lnCounts[k]).toBeCloseTo(a.lnCounts[k], 11);
      }
    }
  });

  it('g sums to q^N, g(2N) = q ground states, g(2N - 4) = q (q - 1) N single-site excitations, g(2N - 1..3) = 0', () => {
    for (const [q, L] of [[3, 5], [7, 4], [256, 4], [10, 5]]) {
      const dos = pottsDensityOfStates(q, L);
      const N = L * L;
      const g = (b: number) => Math.exp(dos.lnCounts[b]);
      const lnTotal = Math.log(dos.lnCounts.reduce((s, x) => s + Math.exp(x - N * Math.log(q)), 0)) + N * Math.log(q);
      expect(lnTotal / (N * Math.log(q))).toBeCloseTo(1, 14);
      expect(g(2 * N)).toBeCloseTo(q, 9);
      expect(g(2 * N - 4) / (q * (q - 1) * N)).toBeCloseTo(1, 12);
      for (const b of [2 * N - 1, 2 * N - 2, 2 * N - 3]) expect(dos.lnCounts[b]).toBe(-Infinity);
    }
  });

  it('density of states and moment transfer matrices agree on larger lattices (q = 4 on 5x5, q = 7 on 4x4)', () => {
    for (const [q, L, beta] of [[4, 5, 1.05], [7, 4, 1.3]]) {
      const d = pottsEnergyMoments(pottsDensityOfStates(q, L), beta);
      const m = pottsExactMoments(q, L, L, beta);
      expect(m.energy).toBeCloseTo(d.energy, 12);
      expect(m.specificHeat).toBeCloseTo(d.specificHeat, 11);
      expect(m.lnZ).toBeCloseTo(d.lnZ, 10);
    }
  });
});
