/**
 * Exact references of the classical Heisenberg model (H = -J sum S_i . S_j - h sum S_i^z, unit
 * vectors in R^3).
 *
 * - No order at T > 0 in 2D (Mermin and Wagner 1966), no finite-temperature transition: the
 *   correlation length grows like exp(2 pi / T) as T -> 0 (Polyakov 1975; Brezin and Zinn-Justin
 *   1976). Low-temperature spin waves: e = -2 + T per site (two transverse modes, T/2 each).
 * - Rings of n spins with coupling K_J at h = 0: Z = (4 pi)^n sum_l (2l + 1) i_l(beta K_J)^n with
 *   i_l the modified spherical Bessel functions of the first kind (the expansion
 *   exp(K s . s') = sum_l (2l + 1) i_l(K) P_l(s . s')). The periodic 2 x 2 lattice is the ring
 *   n = 4 with K_J = 2 (every bond twice): heisenbergRingEnergy and heisenbergRingSpecificHeat.
 */

/** i_l(x) = sqrt(pi / (2x)) I_{l+1/2}(x) by its power series: x^l sum_k (x^2/2)^k / (k! (2l + 2k + 1)!!). */
export function sphericalBesselI(l: number, x: number): number {
  let lead = 1;
  for (let j = 1; j <= l; j++) lead *= x / (2 * j + 1);
  let term = lead;
  let total = term;
  for (let k = 1; k < 300; k++) {
    term *= (x * x) / 2 / (k * (2 * l + 2 * k + 1));
    total += term;
    if (term < total * 1e-17) break;
  }
  return total;
}

/** ln Z (up to the constant n ln 4 pi) of a ring of n spins at K = beta K_J. */
function ringLogZ(n: number, K: number): number {
  let Z = 0;
  for (let l = 0; l < 80; l++) Z += (2 * l + 1) * sphericalBesselI(l, K) ** n;
  return Math.log(Z);
}

/** Energy per site of a ring of n Heisenberg spins with coupling K_J at beta (h = 0): -(K_J / n) d ln Z / dK (central differences of an analytic ln Z). */
export function heisenbergRingEnergy(n: number, coupling: number, beta: number): number {
  const K = beta * coupling;
  const d = 1e-4 * Math.max(K, 1e-3);
  const derivative = (-ringLogZ(n, K + 2 * d) + 8 * ringLogZ(n, K + d) - 8 * ringLogZ(n, K - d) + ringLogZ(n, K - 2 * d)) / (12 * d);
  return (-coupling * derivative) / n;
}

/** Specific heat per site of the ring: c = (K^2 / n) d^2 ln Z / dK^2. */
export function heisenbergRingSpecificHeat(n: number, coupling: number, beta: number): number {
  const K = beta * coupling;
  const d = 1e-3 * Math.max(K, 1e-2);
  const second = (-ringLogZ(n, K + 2 * d) + 16 * ringLogZ(n, K + d) - 30 * ringLogZ(n, K) + 16 * ringLogZ(n, K - d) - ringLogZ(n, K - 2 * d)) / (12 * d * d);
  return (K * K * second) / n;
}

/**
 * The critical coupling of the Heisenberg model on the simple cubic lattice, beta_c J = 0.693002(2)
 * (Campostrini, Hasenbusch, Pelissetto, Rossi and Vicari, Phys. Rev. B 65, 144520 (2002); the 3D
 * O(3) universality class).
 */
export const HEISENBERG_CUBIC_BETA_C = 0.693002;
/** Its uncertainty. */
export const HEISENBERG_CUBIC_BETA_C_ERROR = 2e-6;
/** T_c = 1 / beta_c = 1.442997... */
export const HEISENBERG_CUBIC_TEMPERATURE = 1 / HEISENBERG_CUBIC_BETA_C;
