/**
 * Exact and literature references for the q-state Potts model on the square lattice.
 *
 * Model: `H = -J Σ_<ij> δ(s_i, s_j) - h Σ_i δ(s_i, 0)`, `s_i ∈ {0 … q-1}`, `J = k_B = 1`, `β = 1/T`,
 * two bonds per site. Every energy here is per site, `e = E/N`, in units of J (so `e ∈ [-2, 0]` at h = 0);
 * a latent heat is the jump of e at the transition, per site, in units of J.
 *
 * Infinite lattice (h = 0):
 * - Transition point from self-duality (Potts 1952): `β_c = ln(1 + √q)`, `T_c = 1/ln(1 + √q)`.
 * - Energy at the transition (duality; Baxter 1973): `e(T_c) = -(1 + 1/√q)` for every q. For q ≤ 4 the
 *   transition is continuous and this is the energy at T_c; for q > 4 it is first order and this is the
 *   mean of the two coexisting energies, `(e_d + e_o)/2`.
 * - Latent heat for q > 4 (Baxter, J. Phys. C 6, L445 (1973); R. J. Baxter, Exactly Solved Models in
 *   Statistical Mechanics (1982), §12.4; F. Y. Wu, Rev. Mod. Phys. 54, 235 (1982)): with `2 cosh θ = √q`,
 *
 *   ```
 *   Δe = e_d - e_o = 2 (1 + 1/√q) tanh(θ/2) Π_{n=1}^∞ tanh²(nθ),
 *   e_d = -(1 + 1/√q) + Δe/2,   e_o = -(1 + 1/√q) - Δe/2.
 *   ```
 *
 *   Values (per site, J = 1): q = 5: 0.052919, q = 10: 0.696049 (e_d = -0.968203, e_o = -1.664252),
 *   q = 20: 1.194155; the latent heat vanishes faster than any power of q - 4 as q → 4⁺ (θ → 0). Some
 *   papers quote it per bond (half these values, e.g. 0.026 for q = 5).
 *
 * q = 2 is the Ising model: with `σ = 1 - 2s` (state 0 ↦ +1), `δ(s_i, s_j) = (1 + σ_i σ_j)/2` and
 * `δ(s_i, 0) = (1 + σ_i)/2`, so `β H_Potts = β_I H_Ising(h_I) + const` with `β_I = β/2` (`T_Ising = 2T`) and
 * `h_I = h` (the same number), and per site
 *
 * ```
 * e_Potts(T, h) = -(1 + h/2) + e_Ising(2T, h)/2,   c_Potts(T, h) = c_Ising(2T, h),   m_Potts = |m_Ising|,
 * ```
 *
 * where `e_Ising = -(1/N)(Σ σσ + h Σ σ)` and `m_Potts = |M|/N` is the simplex order parameter
 * (`|M|² = (2(n_0² + n_1²) - N²) = (n_0 - n_1)²` for q = 2). In particular `T_c(q = 2) = T_c^Ising / 2`.
 *
 * Finite lattices: `pottsDensityOfStates` (zero field, exact `g(b)`), `pottsExactMoments` (any field, e, c,
 * `<m²>`, `<m⁴>`), `pottsMagnetizationDistribution` (`P(m)` and `<m>` for small q), `pottsEnumerate`
 * (brute force, tiny lattices).
 *
 * @module
 */

import { checkQ } from './kernel.js';

export { pottsDensityOfStates, pottsEnergyDistribution, pottsEnergyMoments } from './density.js';
export type { PottsDensityOfStates, PottsEnergyDistribution, PottsEnergyMoments } from './density.js';
export { pottsExactMoments, pottsMagnetizationDistribution } from './moments.js';
export type { PottsExactMoments, PottsExactPoint, PottsMagnetizationDistribution } from './moments.js';
export { MAX_POTTS_ENUMERATION, pottsEnumerate, pottsEnumerationMoments } from './enumerate.js';
export type { PottsEnumeration, PottsEnumerationMoments } from './enumerate.js';

/** Transition inverse temperature of the square-lattice q-state Potts model, `β_c = ln(1 + √q)`. */
export function pottsCriticalBeta(q: number): number {
  checkQ(q);
  return Math.log1p(Math.sqrt(q));
}

/** Transition temperature `T_c = 1 / ln(1 + √q)` (q = 2: 1.134593…, q = 3: 0.994973…, q = 10: 0.701232…). */
export function pottsCriticalTemperature(q: number): number {
  return 1 / pottsCriticalBeta(q);
}

/**
 * Energy per site at the transition, `e(T_c) = -(1 + 1/√q)` (infinite lattice): the energy at T_c for
 * q ≤ 4, the mean of the two coexisting energies for q > 4.
 */
export function pottsCriticalEnergy(q: number): number {
  checkQ(q);
  return -(1 + 1 / Math.sqrt(q));
}

/**
 * Baxter's latent heat per site (units of J) of the square-lattice Potts model, 0 for q ≤ 4:
 * `Δe = 2 (1 + 1/√q) tanh(θ/2) Π_{n≥1} tanh²(nθ)`, `2 cosh θ = √q`. The product is taken until its
 * factors equal 1 in double precision (`tanh²(nθ) = 1 - O(e^{-2nθ})`; thousands of terms for q just above 4).
 * q = 5: 0.052919, q = 10: 0.696049.
 */
export function pottsLatentHeat(q: number): number {
  checkQ(q);
  if (q <= 4) return 0;
  const theta = Math.acosh(Math.sqrt(q) / 2);
  let product = 1;
  for (let n = 1; ; n++) {
    const t = Math.tanh(n * theta);
    if (t === 1) break;
    product *= t * t;
  }
  return 2 * (1 + 1 / Math.sqrt(q)) * Math.tanh(theta / 2) * product;
}

/** The transition of the infinite square lattice; see {@link pottsTransition}. */
export interface PottsTransition {
  readonly q: number;
  /** `'continuous'` for q ≤ 4, `'first-order'` for q > 4. */
  readonly order: 'continuous' | 'first-order';
  /** `β_c = ln(1 + √q)`. */
  readonly beta: number;
  /** `T_c = 1/β_c`. */
  readonly temperature: number;
  /** `e(T_c) = -(1 + 1/√q)`, the mean of `disorderedEnergy` and `orderedEnergy`. */
  readonly energy: number;
  /** Latent heat per site `Δe = e_d - e_o` (0 for q ≤ 4). */
  readonly latentHeat: number;
  /** Energy per site of the disordered phase at T_c, `e_d = e(T_c) + Δe/2`. */
  readonly disorderedEnergy: number;
  /** Energy per site of the ordered phase at T_c, `e_o = e(T_c) - Δe/2`. */
  readonly orderedEnergy: number;
}

/** Every infinite-lattice reference of the transition at once (formulas in the module comment). */
export function pottsTransition(q: number): PottsTransition {
  const beta = pottsCriticalBeta(q);
  const energy = pottsCriticalEnergy(q);
  const latentHeat = pottsLatentHeat(q);
  return {
    q,
    order: q > 4 ? 'first-order' : 'continuous',
    beta,
    temperature: 1 / beta,
    energy,
    latentHeat,
    disorderedEnergy: energy + latentHeat / 2,
    orderedEnergy: energy - latentHeat / 2,
  };
}
