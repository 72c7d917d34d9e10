/**
 * Exact references of the q-state clock model (H = -J sum cos(theta_i - theta_j) - h sum cos theta_i,
 * theta = 2 pi k / q).
 *
 * - q = 2 is the Ising model: e_clock(T) = e_Ising(T) at h = 0, T_c = 2 / ln(1 + sqrt 2).
 * - q = 3: cos(2 pi (k - k') / 3) = (3/2) delta(k, k') - 1/2, the 3-state Potts model with
 *   J_Potts = 3J/2: T_c = (3/2) / ln(1 + sqrt 3).
 * - q = 4: two decoupled Ising models at coupling J/2: e_clock(T) = e_Ising(2T), c_clock(T) =
 *   2 c_Ising(2T) (per site, h = 0), T_c = T_c(Ising) / 2 (clockIsingEquivalent).
 * - q >= 5: the upper BKT transition; for q = 6 T_2 = 0.9008(6) (Tomita and Okabe 2002); for
 *   other q >= 5 this module gives the XY model's T_BKT = 0.8929 (Hasenbusch 2005), which the upper
 *   transition approaches from above as q grows (a default temperature, not an exact value).
 */
import { CRITICAL_TEMPERATURE, finiteLatticeExact } from '../../exact/index.js';
import { XY_BKT_TEMPERATURE } from '../xy/exact.js';

/** A literature value with its error and source. */
export interface LiteratureValue {
  readonly value: number;
  readonly error: number;
  readonly citation: string;
}

/**
 * The two BKT transitions of the 2D six-state clock model (J = k_B = 1): T_1 between the ordered
 * phase (six-fold symmetry broken) and the intermediate phase with an emergent U(1) symmetry (eta =
 * 4/q^2 = 1/9 there), T_2 between that phase and the disordered one (eta = 1/4, the helicity modulus
 * jumps from 2 T / pi to 0 as in the XY model). Monte Carlo with finite-size scaling of the KT form of
 * the correlation length: Y. Tomita and Y. Okabe, Phys. Rev. B 65, 184405 (2002). The jump of the
 * helicity modulus at T_2: S. K. Baek, P. Minnhagen and B. J. Kim, arXiv:1005.4836 (2010); the helicity
 * modulus under a twist quantized to 2 pi / q, which confirms the two BKT transitions: Y. Kumano, K. Hukushima, Y. Tomita and M. Oshikawa, Phys. Rev. B 88,
 * 104427 (2013). scripts/validate-clock6.ts shows both transitions from this engine (docs/models.md).
 */
export const CLOCK6_T1: LiteratureValue = Object.freeze({
  value: 0.7014,
  error: 0.0011,
  citation: 'Y. Tomita and Y. Okabe, Phys. Rev. B 65, 184405 (2002)',
});
export const CLOCK6_T2: LiteratureValue = Object.freeze({
  value: 0.9008,
  error: 0.0006,
  citation: 'Y. Tomita and Y. Okabe, Phys. Rev. B 65, 184405 (2002)',
});

/** Largest q (one byte a site). */
export const CLOCK_MAX_Q = 256;

/** The transition temperature the model defaults to (module comment: exact for q <= 4). */
export function clockCriticalTemperature(q: number): number {
  if (q === 2) return CRITICAL_TEMPERATURE;
  if (q === 3) return 1.5 / Math.log(1 + Math.sqrt(3));
  if (q === 4) return CRITICAL_TEMPERATURE / 2;
  if (q === 6) return CLOCK6_T2.value;
  return XY_BKT_TEMPERATURE;
}

/**
 * Exact e and c per site of the q = 2 or q = 4 clock model on the periodic L x L lattice at h = 0,
 * from the Ising model (Kaufman / Ferdinand-Fisher): q = 2 at T, q = 4 as two Ising copies at 2T.
 */
export function clockIsingEquivalent(q: 2 | 4, size: number, temperature: number): { energy: number; specificHeat: number } {
  if (q === 2) {
    const x = finiteLatticeExact(size, temperature);
    return { energy: x.energy, specificHeat: x.specificHeat };
  }
  const x = finiteLatticeExact(size, 2 * temperature);
  return { energy: x.energy, specificHeat: 2 * x.specificHeat };
}
