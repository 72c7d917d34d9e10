/**
 * Exact thermal averages of the q-state Potts model on a periodic Lx × Ly lattice at one `(β, h)`, by a
 * site-by-site transfer matrix whose frontier states carry moments (or distributions) of the energy and
 * of the occupation numbers instead of a density of states.
 *
 * Model: `H = -J Σ_<ij> δ(s_i, s_j) - h Σ_i δ(s_i, 0)`, `J = k_B = 1`, on the torus of `src/exact/`
 * (2N bonds; a side of length 2 joins its two sites by two bonds). `n_k` = number of sites in state k;
 * order parameter from the simplex vectors, `|M|² = (q Σ_k n_k² - N²)/(q - 1)`, `m = |M|/N` (0 disordered,
 * 1 ordered). Per site: `e = E/N`, `c = N β² (<e²> - <e>²)`.
 *
 * Method. As in `./density.ts`, `Z = Σ_{σ0} Z(σ0)` over one first row per orbit of the symmetries that the
 * field leaves (colour permutations, or those fixing colour 0 when `h ≠ 0`, and the row's translations and
 * reflections). The frontier (the last L placed sites, L the shorter side) is kept as it is (q^L states),
 * because the occupation numbers need every colour by name. Each frontier state carries, summed over the
 * partial configurations that end in it with their Boltzmann weights w:
 *
 * - moments: `Σw`, `Σw ε`, `Σw ε²`, `Σw n_t`, `Σw n_t n_u`, `Σw X`, `Σw n_t X`, `Σw X²`, where ε is the
 *   energy above the ground state (so that the variance has no cancellation at low T) and
 *   `X = q Σ_k n_k² - t²` with t the number of sites placed (`X = (q-1)|M|²` at the end; no cancellation at
 *   high T). Placing a site of colour s changes `n_s → n_s + 1`, `X → X + 2q n_s + (q - 2t - 1)`, and every
 *   carried sum follows from the old ones by the binomial formula: the set is closed.
 * - or the full distribution over the occupation vector `(n_0, …, n_{q-2})` (for `<m>` and `P(m)`).
 *
 * Sums are rescaled after every site (a common factor per first row, kept as a logarithm).
 *
 * @module
 */

import { InvalidOptionError } from '../../errors.js';
import { checkQ } from './kernel.js';
import { checkBeta, checkField, checkSide, rowBonds, rowClasses } from './lattice.js';

/** Largest transfer state (q^L frontiers × carried numbers) accepted, in doubles (2^25 = 256 MB per vector). */
const MAX_PAYLOAD = 2 ** 25;

/** What a frontier state carries; slot 0 is always `Σw` (used for the rescaling). */
interface Payload {
  readonly size: number;
  /** Sets the payload of a single first row with excitation energy ε0 and occupations n. */
  init(v: Float64Array, at: number, eps0: number, n: Int32Array): void;
  /** Adds to `dst` the payload of `src` with one more site of colour s at step t, excitation dEps, weight factor f. */
  add(src: Float64Array, from: number, dst: Float64Array, to: number, s: number, t: number, dEps: number, f: number): void;
}

interface Geometry {
  q: number;
  L: number;
  M: number;
  N: number;
  beta: number;
  field: number;
}

/**
 * Runs the transfer for every first-row orbit; returns the weighted sum of the payloads (summed over the
 * final frontier states) and its log scale: the true sums are `total · e^{lnScale}`.
 */
function transfer(g: Geometry, payload: Payload): { total: Float64Array; lnScale: number } {
  const { q, L, M, beta, field } = g;
  const S = q ** L;
  const P = payload.size;
  if (S * P > MAX_PAYLOAD) {
    throw new InvalidOptionError(
      'Lx, Ly',
      `${L} x ${M} with q = ${q}`,
      `a lattice whose transfer state (${S} frontiers x ${P} numbers) fits in ${MAX_PAYLOAD} doubles`,
    );
  }
  const digits = new Uint8Array(S * L);
  const power = Array.from({ length: L + 1 }, (_, i) => q ** i);
  for (let s = 0; s < S; s++) for (let j = 0; j < L; j++) digits[s * L + j] = Math.floor(s / power[j]) % q;
  // Excitation per site: ε = (bonds the site could satisfy) - (bonds it does) + field cost relative to the
  // ground state (all sites 0 when h > 0, else any uniform state).
  const fieldCost = (s: number) => (field > 0 ? (s === 0 ? 0 : field) : s === 0 ? -field : 0);

  const classes = rowClasses(q, L, field !== 0);
  const results: { sums: Float64Array; lnScale: number; weight: number }[] = [];
  let src = new Float64Array(S * P);
  let dst = new Float64Array(S * P);
  let active = new Uint8Array(S);
  let next = new Uint8Array(S);
  const n = new Int32Array(q);
  for (const { row, weight } of classes) {
    src.fill(0);
    active.fill(0);
    n.fill(0);
    let eps0 = L - rowBonds(row);
    let code = 0;
    for (let j = 0; j < L; j++) {
      n[row[j]]++;
      eps0 += fieldCost(row[j]);
      code += row[j] * power[j];
    }
    payload.init(src, code * P, eps0, n);
    const w0 = Math.exp(-beta * eps0);
    for (let k = 0; k < P; k++) src[code * P + k] *= w0;
    active[code] = 1;
    let lnScale = 0;
    let t = L;
    for (let r = 1; r < M; r++) {
      const last = r === M - 1;
      for (let j = 0; j < L; j++) {
        dst.fill(0);
        next.fill(0);
        const possible = 1 + (j > 0 ? 1 : 0) + (j === L - 1 ? 1 : 0) + (last ? 1 : 0);
        for (let s = 0; s < S; s++) {
          if (!active[s]) continue;
          const f0 = digits[s * L + j];
          const left = j > 0 ? digits[s * L + j - 1] : -1;
          const around = j === L - 1 ? digits[s * L] : -1;
          for (let a = 0; a < q; a++) {
            const bonds = (a === f0 ? 1 : 0) + (a === left ? 1 : 0) + (a === around ? 1 : 0) + (last && a === row[j] ? 1 : 0);
            const dEps = possible - bonds + fieldCost(a);
            const d = s + (a - f0) * power[j];
            payload.add(src, s * P, dst, d * P, a, t, dEps, Math.exp(-beta * dEps));
            next[d] = 1;
          }
        }
        t++;
        let max = 0;
        for (let s = 0; s < S; s++) if (next[s] && dst[s * P] > max) max = dst[s * P];
        if (max > 0) {
          const inv = 1 / max;
          for (let s = 0; s < S; s++) if (next[s]) for (let k = 0; k < P; k++) dst[s * P + k] *= inv;
          lnScale += Math.log(max);
        }
        [src, dst] = [dst, src];
        [active, next] = [next, active];
      }
    }
    const sums = new Float64Array(P);
    for (let s = 0; s < S; s++) if (active[s]) for (let k = 0; k < P; k++) sums[k] += src[s * P + k];
    results.push({ sums, lnScale, weight });
  }
  let top = -Infinity;
  for (const r of results) top = Math.max(top, r.lnScale + Math.log(r.weight * r.sums[0]));
  const total = new Float64Array(P);
  for (const r of results) {
    const scale = r.weight * Math.exp(r.lnScale - top);
    for (let k = 0; k < P; k++) total[k] += scale * r.sums[k];
  }
  return { total, lnScale: top };
}

/** Moment payload layout for q colours (see the module comment). */
function momentPayload(q: number): Payload & { A: number; D: number; B: number; C: number; G: number; pair: (t: number, u: number) => number } {
  const A = 3;
  const D = A + q;
  const B = D + (q * (q + 1)) / 2;
  const C = B + 1;
  const G = C + q;
  const size = G + 1;
  // index of the pair t <= u in the upper triangle
  const rowStart = Array.from({ length: q }, (_, t) => t * q - (t * (t - 1)) / 2);
  const pair = (t: number, u: number) => (t <= u ? D + rowStart[t] + (u - t) : D + rowStart[u] + (t - u));
  return {
    size,
    A,
    D,
    B,
    C,
    G,
    pair,
    init(v, at, eps0, n) {
      let S2 = 0;
      let t = 0;
      for (let k = 0; k < q; k++) {
        S2 += n[k] * n[k];
        t += n[k];
      }
      const X = q * S2 - t * t;
      v[at] = 1;
      v[at + 1] = eps0;
      v[at + 2] = eps0 * eps0;
      for (let k = 0; k < q; k++) {
        v[at + A + k] = n[k];
        for (let u = k; u < q; u++) v[at + pair(k, u)] = n[k] * n[u];
        v[at + C + k] = n[k] * X;
      }
      v[at + B] = X;
      v[at + G] = X * X;
    },
    add(x, i, y, o, s, t, de, f) {
      const W = x[i];
      const e1 = x[i + 1];
      const As = x[i + A + s];
      const Bx = x[i + B];
      const a = q - 2 * t - 1;
      y[o] += f * W;
      y[o + 1] += f * (e1 + de * W);
      y[o + 2] += f * (x[i + 2] + 2 * de * e1 + de * de * W);
      for (let k = 0; k < size - D; k++) y[o + D + k] += f * x[i + D + k];
      for (let u = 0; u < q; u++) {
        const Au = x[i + A + u];
        y[o + A + u] += f * Au;
        y[o + pair(s, u)] += f * (u === s ? 2 * As + W : Au);
        y[o + C + u] += f * (2 * q * x[i + pair(u, s)] + a * Au);
      }
      y[o + A + s] += f * W;
      const dB = 2 * q * As + a * W;
      y[o + C + s] += f * (Bx + dB);
      y[o + B] += f * dB;
      y[o + G] += f * (4 * q * x[i + C + s] + 2 * a * Bx + 4 * q * q * x[i + pair(s, s)] + 4 * q * a * As + a * a * W);
    },
  };
}

/** The lattice and the point `(β, h)` an exact result is for. */
export interface PottsExactPoint {
  readonly q: number;
  readonly Lx: number;
  readonly Ly: number;
  readonly N: number;
  readonly beta: number;
  readonly field: number;
}

/** Exact averages at one `(β, h)`; see {@link pottsExactMoments}. */
export interface PottsExactMoments extends PottsExactPoint {
  /** `ln Z` (total). */
  readonly lnZ: number;
  /** `<e>`, `e = E/N`. */
  readonly energy: number;
  /** `<e²>`. */
  readonly energy2: number;
  /** `c = N β² (<e²> - <e>²)`. */
  readonly specificHeat: number;
  /** `<m²>`, `m = |M|/N`. */
  readonly magnetization2: number;
  /** `<m⁴>`. */
  readonly magnetization4: number;
  /** `<m⁴> / <m²>²` (1 ordered; `(q+1)/(q-1)` for a Gaussian (q-1)-component M). */
  readonly binderRatio: number;
  /** `<n_0>/N`, the mean fraction of sites in state 0 (exactly `1/q` at h = 0, by symmetry). */
  readonly fraction0: number;
}

function geometry(q: number, Lx: number, Ly: number, beta: number, field: number): Geometry {
  checkQ(q);
  checkSide(Lx, 'Lx');
  checkSide(Ly, 'Ly');
  checkBeta(beta);
  checkField(field);
  return { q, L: Math.min(Lx, Ly), M: Math.max(Lx, Ly), N: Lx * Ly, beta, field };
}

/** Energy of the ground state that ε is measured from: `-2N`, and `-h N` more when `h > 0`. */
function groundEnergy(N: number, field: number): number {
  return -2 * N - (field > 0 ? field * N : 0);
}

/**
 * Exact `<e>`, `c`, `<m²>`, `<m⁴>` and `<n_0>/N` of the q-state Potts model on the periodic Lx × Ly lattice
 * at inverse temperature β and field h, by the moment transfer matrix of the module comment. The cost is
 * about `q^(L+1) · q² · N · (number of first-row orbits)` with L the shorter side: q = 3 on 6 × 6, q = 4 on
 * 6 × 6 and q = 8 on 4 × 4 take well under a second to a few seconds; q = 8 on 6 × 6 is out of reach (use
 * the density of states of `./density.ts` for e and c at h = 0).
 *
 * @throws InvalidOptionError on bad arguments or a lattice too large for the transfer matrix
 */
export function pottsExactMoments(q: number, Lx: number, Ly: number, beta: number, field = 0): PottsExactMoments {
  const g = geometry(q, Lx, Ly, beta, field);
  const N = g.N;
  const layout = momentPayload(q);
  const { total: v, lnScale } = transfer(g, layout);
  const W = v[0];
  const eps = v[1] / W;
  const varE = Math.max(0, v[2] / W - eps * eps);
  const X = v[layout.B] / W;
  const X2 = v[layout.G] / W;
  const norm = (q - 1) * N * N;
  const m2 = X / norm;
  const m4 = X2 / (norm * norm);
  const E0 = groundEnergy(N, field);
  const energy = (eps + E0) / N;
  return {
    q,
    Lx,
    Ly,
    N,
    beta,
    field,
    // Z = Σ w with w = e^{-β E} = e^{-β (ε + E0)}
    lnZ: lnScale + Math.log(W) - beta * E0,
    energy,
    energy2: (varE + (eps + E0) ** 2) / (N * N),
    specificHeat: (beta * beta * varE) / N,
    magnetization2: m2,
    magnetization4: m4,
    binderRatio: m4 / (m2 * m2),
    // At h = 0 the first rows are colour-relabelled representatives, so only the symmetric value is exact.
    fraction0: field === 0 ? 1 / q : v[layout.A] / W / N,
  };
}

/** Exact distribution of the order parameter at one `(β, h)`; see {@link pottsMagnetizationDistribution}. */
export interface PottsMagnetizationDistribution extends PottsExactPoint {
  /** Distinct values of `m = |M|/N`, increasing. */
  readonly values: Float64Array;
  /** `P(m)` for each value (sums to 1). */
  readonly probabilities: Float64Array;
  /** `<m>`. */
  readonly absMagnetization: number;
  /** `<m²>`. */
  readonly magnetization2: number;
  /** `<m⁴>`. */
  readonly magnetization4: number;
}

/**
 * Exact distribution `P(m)` of the simplex order parameter `m = |M|/N` and its moments `<m>`, `<m²>`, `<m⁴>`
 * at inverse temperature β and field h. The frontier states carry the full distribution over the occupation
 * vector, `(N + 1)^(q-1)` numbers each, so this covers small q only: q = 2 and 3 up to 6 × 6, q = 4 up to
 * 5 × 5, q = 5 on 3 × 3 and 4 × 3 (the limit is `q^L (N + 1)^(q-1) ≤ 2^25`).
 *
 * @throws InvalidOptionError on bad arguments or a lattice too large for the transfer matrix
 */
export function pottsMagnetizationDistribution(q: number, Lx: number, Ly: number, beta: number, field = 0): PottsMagnetizationDistribution {
  const g = geometry(q, Lx, Ly, beta, field);
  const N = g.N;
  const base = N + 1;
  const cells = base ** (q - 1);
  const stride = Array.from({ length: q }, (_, k) => (k < q - 1 ? base ** k : 0));
  const payload: Payload = {
    size: 1 + cells,
    init(v, at, _eps0, n) {
      let idx = 0;
      for (let k = 0; k < q - 1; k++) idx += n[k] * stride[k];
      v[at] = 1;
      v[at + 1 + idx] = 1;
    },
    add(x, i, y, o, s, _t, _de, f) {
      y[o] += f * x[i];
      const shift = stride[s];
      const from = i + 1;
      const to = o + 1 + shift;
      for (let k = 0; k < cells - shift; k++) y[to + k] += f * x[from + k];
    },
  };
  if (q ** g.L * payload.size > MAX_PAYLOAD) {
    throw new InvalidOptionError(
      'Lx, Ly',
      `${Lx} x ${Ly} with q = ${q}`,
      `a lattice whose occupation-vector transfer state (${q ** g.L} frontiers x ${payload.size} numbers) fits in ${MAX_PAYLOAD} doubles`,
    );
  }
  const { total } = transfer(g, payload);
  const byX = new Map<number, number>();
  const n = new Int32Array(q);
  for (let idx = 0; idx < cells; idx++) {
    const w = total[1 + idx];
    if (w === 0) continue;
    let rest = idx;
    let used = 0;
    let S2 = 0;
    for (let k = 0; k < q - 1; k++) {
      n[k] = rest % base;
      rest = Math.floor(rest / base);
      used += n[k];
      S2 += n[k] * n[k];
    }
    S2 += (N - used) * (N - used);
    const X = q * S2 - N * N;
    byX.set(X, (byX.get(X) ?? 0) + w);
  }
  const xs = [...byX.keys()].sort((a, b) => a - b);
  const norm = (q - 1) * N * N;
  const values = Float64Array.from(xs, (X) => Math.sqrt(X / norm));
  const probabilities = Float64Array.from(xs, (X) => byX.get(X)! / total[0]);
  let am = 0;
  let m2 = 0;
  let m4 = 0;
  for (let k = 0; k < xs.length; k++) {
    const mm = xs[k] / norm;
    am += probabilities[k] * Math.sqrt(mm);
    m2 += probabilities[k] * mm;
    m4 += probabilities[k] * mm * mm;
  }
  return { q, Lx, Ly, N, beta, field, values, probabilities, absMagnetization: am, magnetization2: m2, magnetization4: m4 };
}
