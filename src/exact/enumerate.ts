/**
 * Exact enumeration of small periodic Ising lattices: the joint density of states `g(B, M)` and
 * exact thermal moments / distributions at any `(T, h)`.
 *
 * Conventions (shared by `src/exact/`): `H = -J Σ_<ij> s_i s_j - h Σ_i s_i`, `J = 1`, `k_B = 1`,
 * `β = 1/T`. The lattice is an Lx × Ly torus with `N = Lx·Ly` sites and `2N` bonds: every site is
 * bonded to its right and its down neighbour with periodic wrap (for a side of length 2 the two
 * neighbours coincide and the pair is joined by two bonds, as in {@link finiteLatticeExact}).
 *
 * - Bond sum `B = Σ_bonds s_i s_j ∈ {-2N, -2N+2, …, 2N}` (in fact `B ≡ 2N mod 4`), energy `E = -B - hM`.
 * - Magnetization `M = Σ_i s_i ∈ {-N, -N+2, …, N}`.
 * - Per site: `e = E/N`, `m = M/N`.
 *
 * @module
 */

import { requireTemperature } from './onsager.js';

/** Joint density of states `g(B, M)` of a periodic Lx × Ly lattice. */
export interface DensityOfStates {
  /** Number of columns (width). */
  readonly Lx: number;
  /** Number of rows (height). */
  readonly Ly: number;
  /** Number of sites `N = Lx·Ly`. */
  readonly N: number;
  /** Number of bonds: `2N` on the square lattice, `3N` on the cubic one (src/exact/cubic.ts). */
  readonly bonds: number;
  /** Bond-sum values `B = -bonds + 2j`, `j = 0 … bonds` (row index of `counts`). */
  readonly bValues: Int32Array;
  /** Magnetization values `M = -N + 2i`, `i = 0 … N` (column index of `counts`). */
  readonly mValues: Int32Array;
  /**
   * `counts[j * (N + 1) + i] = g(bValues[j], mValues[i])`, the number of spin configurations with that
   * bond sum and magnetization. Exact integers (stored as doubles; `2^N ≤ 2^30` fits easily).
   */
  readonly counts: Float64Array;
}

/** Maximum number of sites accepted by {@link densityOfStates} (2^(N-1) states are visited). */
export const MAX_ENUMERATION_SITES = 30;

/**
 * Number of configurations `g(B, M)` of `dos` (0 for values that are not on the grid).
 */
export function dosCount(dos: DensityOfStates, B: number, M: number): number {
  const { N, bonds } = dos;
  if (!Number.isInteger(B) || !Number.isInteger(M)) return 0;
  if (B < -bonds || B > bonds || M < -N || M > N) return 0;
  if ((B + bonds) % 2 !== 0 || (M + N) % 2 !== 0) return 0;
  return dos.counts[((B + bonds) / 2) * (N + 1) + (M + N) / 2];
}

/**
 * Neighbours of every site of the Lx × Ly torus (site `y·Lx + x`), four per site: right, left, down, up.
 * With wrap, each of the 2N bonds (i, right(i)) and (i, down(i)) appears exactly twice in this list (once
 * from each end), so for a side of length 2 the doubled pairs are counted twice, consistent with the
 * 2N-bond convention.
 * @internal
 */
export function torusNeighbours(Lx: number, Ly: number): Int32Array {
  const nb = new Int32Array(4 * Lx * Ly);
  for (let y = 0; y < Ly; y++) {
    for (let x = 0; x < Lx; x++) {
      const i = y * Lx + x;
      nb[4 * i] = y * Lx + ((x + 1) % Lx);
      nb[4 * i + 1] = y * Lx + ((x + Lx - 1) % Lx);
      nb[4 * i + 2] = ((y + 1) % Ly) * Lx + x;
      nb[4 * i + 3] = ((y + Ly - 1) % Ly) * Lx + x;
    }
  }
  return nb;
}

function requireSize(v: number, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 2) {
    throw new RangeError(`${name} must be an integer >= 2, got ${String(v)}`);
  }
}

/**
 * Exact joint density of states `g(B, M)` of the periodic Lx × Ly lattice (default square, `Ly = Lx`),
 * by a Gray-code walk over the `2^(N-1)` configurations with spin 0 fixed up (one spin flip per step,
 * `B` and `M` updated incrementally), completed by the exact symmetry `g(B, M) = g(B, -M)`.
 * Cost ~2^(N-1) steps: L = 4 takes milliseconds, L = 5 (N = 25) a fraction of a second.
 *
 * @param Lx width (integer ≥ 2)
 * @param Ly height (integer ≥ 2, defaults to Lx); `Lx·Ly ≤ 30`
 * @throws RangeError on invalid sizes
 */
export function densityOfStates(Lx: number, Ly: number = Lx): DensityOfStates {
  requireSize(Lx, 'Lx');
  requireSize(Ly, 'Ly');
  const N = Lx * Ly;
  if (N > MAX_ENUMERATION_SITES) {
    throw new RangeError(`Lx*Ly must be <= ${MAX_ENUMERATION_SITES} for exact enumeration, got ${N}`);
  }
  const nb = torusNeighbours(Lx, Ly);
  const stride = N + 1;
  const half = new Float64Array((2 * N + 1) * stride);
  const s = new Int32Array(N).fill(1);
  // All up: B = 2N (index 2N), M = N (index N).
  let idx = 2 * N * stride + N;
  half[idx] += 1;
  const steps = 2 ** (N - 1);
  for (let k = 1; k < steps; k++) {
    // Gray code: flip bit = number of trailing zeros of k; spin 0 stays up.
    const site = 1 + (31 - Math.clz32(k & -k));
    const si = s[site];
    const base = 4 * site;
    const local = s[nb[base]] + s[nb[base + 1]] + s[nb[base + 2]] + s[nb[base + 3]];
    // ΔB = -2 s_i Σ_nb s_j  -> Δ(B index) = -s_i * local;  ΔM = -2 s_i -> Δ(M index) = -s_i
    idx += -si * (local * stride + 1);
    s[site] = -si;
    half[idx] += 1;
  }
  const counts = new Float64Array(half.length);
  for (let j = 0; j <= 2 * N; j++) {
    for (let i = 0; i <= N; i++) {
      counts[j * stride + i] = half[j * stride + i] + half[j * stride + (N - i)];
    }
  }
  const bValues = new Int32Array(2 * N + 1);
  for (let j = 0; j <= 2 * N; j++) bValues[j] = -2 * N + 2 * j;
  const mValues = new Int32Array(N + 1);
  for (let i = 0; i <= N; i++) mValues[i] = -N + 2 * i;
  return { Lx, Ly, N, bonds: 2 * N, bValues, mValues, counts };
}

/** Exact Boltzmann distribution over `(B, M)`; see {@link boltzmannWeights}. */
export interface BoltzmannDistribution {
  /** The density of states it was built from. */
  readonly dos: DensityOfStates;
  /** Temperature. */
  readonly T: number;
  /** Field. */
  readonly h: number;
  /**
   * `probabilities[j * (N + 1) + i] = P(B_j, M_i) = g(B_j, M_i) e^{β(B_j + h M_i)} / Z`
   * (same layout as `dos.counts`; sums to 1).
   */
  readonly probabilities: Float64Array;
  /** `ln Z = ln Σ_{B,M} g(B, M) e^{β(B + hM)}` (total, not per site). */
  readonly lnZ: number;
}

/**
 * Exact probability `P(B, M)` of each (bond sum, magnetization) class at temperature `T` and field `h`:
 * `P(B, M) = g(B, M) exp(β (B + h M)) / Z`, computed with max-shifted log-weights
 * (log-sum-exp), so very low T and strong fields do not overflow.
 *
 * @param dos density of states from {@link densityOfStates}
 * @param T temperature (finite, > 0)
 * @param h external field (finite), default 0
 * @throws RangeError on invalid arguments
 */
export function boltzmannWeights(dos: DensityOfStates, T: number, h = 0): BoltzmannDistribution {
  requireTemperature(T);
  if (typeof h !== 'number' || !Number.isFinite(h)) {
    throw new RangeError(`h must be a finite number, got ${String(h)}`);
  }
  const beta = 1 / T;
  const { N, counts, bValues, mValues } = dos;
  const stride = N + 1;
  const logw = new Float64Array(counts.length).fill(-Infinity);
  let maxLog = -Infinity;
  for (let j = 0; j < bValues.length; j++) {
    for (let i = 0; i < stride; i++) {
      const g = counts[j * stride + i];
      if (g > 0) {
        const lw = Math.log(g) + beta * (bValues[j] + h * mValues[i]);
        logw[j * stride + i] = lw;
        if (lw > maxLog) maxLog = lw;
      }
    }
  }
  const probabilities = new Float64Array(counts.length);
  let sum = 0;
  for (let k = 0; k < logw.length; k++) {
    const p = logw[k] === -Infinity ? 0 : Math.exp(logw[k] - maxLog);
    probabilities[k] = p;
    sum += p;
  }
  for (let k = 0; k < probabilities.length; k++) probabilities[k] /= sum;
  return { dos, T, h, probabilities, lnZ: maxLog + Math.log(sum) };
}

/** Exact per-site thermal averages of a finite lattice; see {@link exactMoments}. */
export interface ExactMoments {
  /** `ln Z` (total). */
  readonly lnZ: number;
  /** `<e>`, `e = E/N = -(B + hM)/N`. */
  readonly energy: number;
  /** `<e²>`. */
  readonly energy2: number;
  /** `c = N β² (<e²> - <e>²) = β² (<E²> - <E>²)/N`. */
  readonly specificHeat: number;
  /** `<|m|>`, `m = M/N`. */
  readonly absMagnetization: number;
  /** `<m>` (0 at h = 0 by symmetry). */
  readonly magnetization: number;
  /** `<m²>`. */
  readonly magnetization2: number;
  /** `<m⁴>`. */
  readonly magnetization4: number;
  /** Binder cumulant `U4 = 1 - <m⁴> / (3 <m²>²)` (→ 2/3 ordered, → 0 for a Gaussian). */
  readonly binder: number;
  /** Binder ratio `Q = <m⁴> / <m²>²` (→ 1 ordered, → 3 for a Gaussian). */
  readonly binderRatio: number;
  /** `χ = N β (<m²> - <|m|>²)` (the usual finite-size estimator at h = 0). */
  readonly susceptibility: number;
  /** `χ_full = N β <m²>`. */
  readonly susceptibilityFull: number;
  /** Connected `χ_conn = N β (<m²> - <m>²) = ∂<m>/∂h` (equals χ_full at h = 0). */
  readonly susceptibilityConnected: number;
}

/**
 * Exact per-site moments at temperature `T` and field `h` from a density of states. Definitions
 * (`e = E/N`, `m = M/N`, `E = -B - hM`, averages over `P(B, M)` of {@link boltzmannWeights}):
 *
 * - `energy = <e>`, `energy2 = <e²>`, `specificHeat = N β² (<e²> - <e>²)`
 * - `absMagnetization = <|m|>`, `magnetization = <m>`, `magnetization2 = <m²>`, `magnetization4 = <m⁴>`
 * - `binder = U4 = 1 - <m⁴> / (3 <m²>²)`, `binderRatio = <m⁴> / <m²>²`
 * - `susceptibility = χ = N β (<m²> - <|m|>²)`, `susceptibilityFull = N β <m²>`,
 *   `susceptibilityConnected = N β (<m²> - <m>²)`
 *
 * Variances are accumulated about the mean (no cancellation at low T).
 *
 * @param dos density of states from {@link densityOfStates}
 * @param T temperature (finite, > 0)
 * @param h external field (finite), default 0
 * @throws RangeError on invalid arguments
 */
export function exactMoments(dos: DensityOfStates, T: number, h = 0): ExactMoments {
  const dist = boltzmannWeights(dos, T, h);
  const beta = 1 / T;
  const { N, bValues, mValues } = dos;
  const P = dist.probabilities;
  const stride = N + 1;
  let e1 = 0;
  let e2 = 0;
  let am = 0;
  let m1 = 0;
  let m2 = 0;
  let m4 = 0;
  for (let j = 0; j < bValues.length; j++) {
    for (let i = 0; i < stride; i++) {
      const p = P[j * stride + i];
      if (p === 0) continue;
      const m = mValues[i] / N;
      const e = -(bValues[j] + h * mValues[i]) / N;
      e1 += p * e;
      e2 += p * e * e;
      am += p * Math.abs(m);
      m1 += p * m;
      const mm = m * m;
      m2 += p * mm;
      m4 += p * mm * mm;
    }
  }
  let varE = 0;
  let varAbsM = 0;
  let varM = 0;
  for (let j = 0; j < bValues.length; j++) {
    for (let i = 0; i < stride; i++) {
      const p = P[j * stride + i];
      if (p === 0) continue;
      const m = mValues[i] / N;
      const de = -(bValues[j] + h * mValues[i]) / N - e1;
      const dam = Math.abs(m) - am;
      const dm = m - m1;
      varE += p * de * de;
      varAbsM += p * dam * dam;
      varM += p * dm * dm;
    }
  }
  return {
    lnZ: dist.lnZ,
    energy: e1,
    energy2: e2,
    specificHeat: N * beta * beta * varE,
    absMagnetization: am,
    magnetization: m1,
    magnetization2: m2,
    magnetization4: m4,
    binder: 1 - m4 / (3 * m2 * m2),
    binderRatio: m4 / (m2 * m2),
    susceptibility: N * beta * varAbsM,
    susceptibilityFull: N * beta * m2,
    susceptibilityConnected: N * beta * varM,
  };
}
