/**
 * Brute-force enumeration of every configuration of a small periodic Potts lattice: the independent
 * reference that the transfer matrices are tested against.
 *
 * Model: `H = -J Σ_<ij> δ(s_i, s_j) - h Σ_i δ(s_i, 0)`, `J = k_B = 1`, on the Lx × Ly torus of `src/exact/`
 * (2N bonds; a side of length 2 joins its two sites by two bonds). With `b` the number of satisfied bonds
 * and `n_k` the number of sites in state k: `E = -b - h n_0`, `S2 = Σ_k n_k²`, and the simplex order
 * parameter `|M|² = (q S2 - N²)/(q - 1)`, `m = |M|/N`.
 *
 * @module
 */

import { InvalidOptionError } from '../../errors.js';
import { torusNeighbours } from '../../exact/enumerate.js';
import { checkQ } from './kernel.js';
import { checkBeta, checkField, checkSide } from './lattice.js';

/** Largest number of configurations `q^N` that {@link pottsEnumerate} visits. */
export const MAX_POTTS_ENUMERATION = 2 ** 26;

/** Number of configurations with each `(b, n_0, S2)`; see {@link pottsEnumerate}. */
export interface PottsEnumeration {
  readonly q: number;
  readonly Lx: number;
  readonly Ly: number;
  readonly N: number;
  /** Every occurring class: satisfied bonds b, sites in state 0, `S2 = Σ_k n_k²`, and the number of configurations. */
  readonly b: Int32Array;
  readonly n0: Int32Array;
  readonly s2: Int32Array;
  readonly count: Float64Array;
}

/**
 * Visits all q^N configurations (an odometer over the sites, updating b, the occupations and S2 at each
 * change) and counts them by `(b, n_0, S2)`, which is enough for every observable of the module comment
 * at any β and h. Up to {@link MAX_POTTS_ENUMERATION} configurations (q = 3 on 4 × 4 takes about a second).
 *
 * @throws InvalidOptionError on bad arguments or `q^N` above the limit
 */
export function pottsEnumerate(q: number, Lx: number, Ly: number = Lx): PottsEnumeration {
  checkQ(q);
  checkSide(Lx, 'Lx');
  checkSide(Ly, 'Ly');
  const N = Lx * Ly;
  if (q ** N > MAX_POTTS_ENUMERATION) {
    throw new InvalidOptionError('Lx, Ly', `${Lx} x ${Ly} with q = ${q}`, `at most ${MAX_POTTS_ENUMERATION} configurations (q^N)`);
  }
  const nb = torusNeighbours(Lx, Ly);
  const s = new Int32Array(N);
  const n = new Int32Array(q);
  n[0] = N;
  let b = 2 * N;
  let S2 = N * N;
  const stride0 = N * N + 1;
  const strideB = (N + 1) * stride0;
  const table = new Float64Array((2 * N + 1) * strideB);
  const set = (i: number, c: number) => {
    const a = s[i];
    const base = 4 * i;
    for (let k = 0; k < 4; k++) {
      const t = s[nb[base + k]];
      b += (t === c ? 1 : 0) - (t === a ? 1 : 0);
    }
    // a bond to itself cannot occur (sides >= 2), so the neighbour values above are the old ones
    S2 += 2 * (n[c] - n[a]) + 2;
    n[a]--;
    n[c]++;
    s[i] = c;
  };
  const total = q ** N;
  for (let k = 0; k < total; k++) {
    table[b * strideB + n[0] * stride0 + S2] += 1;
    let i = 0;
    while (i < N && s[i] === q - 1) {
      set(i, 0);
      i++;
    }
    if (i < N) set(i, s[i] + 1);
  }
  const out = { b: [] as number[], n0: [] as number[], s2: [] as number[], count: [] as number[] };
  for (let idx = 0; idx < table.length; idx++) {
    if (table[idx] === 0) continue;
    out.b.push(Math.floor(idx / strideB));
    out.n0.push(Math.floor((idx % strideB) / stride0));
    out.s2.push(idx % stride0);
    out.count.push(table[idx]);
  }
  return { q, Lx, Ly, N, b: Int32Array.from(out.b), n0: Int32Array.from(out.n0), s2: Int32Array.from(out.s2), count: Float64Array.from(out.count) };
}

/** Exact averages from a complete enumeration; see {@link pottsEnumerationMoments}. */
export interface PottsEnumerationMoments {
  readonly lnZ: number;
  /** `<e>`, `e = E/N`. */
  readonly energy: number;
  /** `c = N β² (<e²> - <e>²)`. */
  readonly specificHeat: number;
  /** `<m>`, `m = |M|/N`. */
  readonly absMagnetization: number;
  /** `<m²>`. */
  readonly magnetization2: number;
  /** `<m⁴>`. */
  readonly magnetization4: number;
  /** `<n_0>/N`, the mean fraction of sites in state 0. */
  readonly fraction0: number;
}

/** Exact thermal averages at `(β, h)` from {@link pottsEnumerate} (definitions in the module comment). */
export function pottsEnumerationMoments(en: PottsEnumeration, beta: number, field = 0): PottsEnumerationMoments {
  checkBeta(beta);
  checkField(field);
  const { q, N } = en;
  const K = en.count.length;
  const lw = new Float64Array(K);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    lw[k] = Math.log(en.count[k]) + beta * (en.b[k] + field * en.n0[k]);
    if (lw[k] > max) max = lw[k];
  }
  let Z = 0;
  for (let k = 0; k < K; k++) Z += Math.exp(lw[k] - max);
  let e1 = 0;
  let am = 0;
  let m2 = 0;
  let m4 = 0;
  let f0 = 0;
  for (let k = 0; k < K; k++) {
    const p = Math.exp(lw[k] - max) / Z;
    const e = -(en.b[k] + field * en.n0[k]) / N;
    const mm = Math.max(0, q * en.s2[k] - N * N) / ((q - 1) * N * N);
    e1 += p * e;
    am += p * Math.sqrt(mm);
    m2 += p * mm;
    m4 += p * mm * mm;
    f0 += (p * en.n0[k]) / N;
  }
  let variance = 0;
  for (let k = 0; k < K; k++) {
    const p = Math.exp(lw[k] - max) / Z;
    variance += p * (-(en.b[k] + field * en.n0[k]) / N - e1) ** 2;
  }
  return {
    lnZ: max + Math.log(Z),
    energy: e1,
    specificHeat: N * beta * beta * variance,
    absMagnetization: am,
    magnetization2: m2,
    magnetization4: m4,
    fraction0: f0,
  };
}
