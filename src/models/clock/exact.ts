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
import { CUBIC_CRITICAL_TEMPERATURE, CUBIC_POTTS3_BETA } from '../../exact/cubic.js';
import type { Lattice } from '../../vocabulary.js';
import { XY_BKT_TEMPERATURE, XY_CUBIC_TEMPERATURE } from '../xy/exact.js';

/** Largest q (one byte a site). */
export const CLOCK_MAX_Q = 256;

/**
 * The transition temperature the model defaults to (module comment: exact for q <= 4 on the square
 * lattice). Cubic lattice: q = 2 the 3D Ising T_c, q = 3 the 3-state Potts beta_c with J_Potts = 3J/2
 * (T = 1.5 / beta_c^Potts), q = 4 T_c(Ising) / 2, and for q >= 5 the 3D XY T_c (a default: the
 * transitions of q >= 5 lie near it, in the XY universality class, but are not equal to it).
 */
export function clockCriticalTemperature(q: number, lattice?: Lattice): number {
  if (lattice === 'cubic') {
    if (q === 2) return CUBIC_CRITICAL_TEMPERATURE;
    if (q === 3) return 1.5 / CUBIC_POTTS3_BETA;
    if (q === 4) return CUBIC_CRITICAL_TEMPERATURE / 2;
    return XY_CUBIC_TEMPERATURE;
  }
  if (q === 2) return CRITICAL_TEMPERATURE;
  if (q === 3) return 1.5 / Math.log(1 + Math.sqrt(3));
  if (q === 4) return CRITICAL_TEMPERATURE / 2;
  if (q === 6) return 0.9008;
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
