/**
 * Exact reference results for the 2D Ising model (`H = -J Σ_<ij> s_i s_j - h Σ_i s_i`, `J = k_B = 1`,
 * `β = 1/T`, `K = βJ`; periodic L × L lattices with `N = L²` sites and `2N` bonds; all quantities per site):
 *
 * - {@link onsagerEnergy}, {@link onsagerSpecificHeat}, {@link onsagerMagnetization}, {@link onsagerFreeEnergy}:
 *   infinite lattice, `h = 0` (Onsager / Yang).
 * - {@link finiteLatticeExact}, {@link finiteLatticeExactRect}: finite periodic lattice, `h = 0`
 *   (Kaufman / Ferdinand–Fisher), any size.
 * - {@link densityOfStates}, {@link exactMoments}, {@link boltzmannWeights}: exact enumeration of small
 *   lattices (N ≤ 30), any `(T, h)`.
 *
 * And for the q-state Potts model (`H = -J Σ_<ij> δ(s_i, s_j) - h Σ_i δ(s_i, 0)`; src/models/potts/exact.ts):
 * {@link pottsTransition} and friends (β_c, e(T_c), Baxter's latent heat), {@link pottsDensityOfStates}
 * (transfer matrix, h = 0), {@link pottsExactMoments} (any h), {@link pottsMagnetizationDistribution},
 * {@link pottsEnumerate} (brute force).
 *
 * And for the XY model (`H = -J Σ_<ij> cos(θ_i - θ_j) - h Σ_i cos θ_i`; src/models/xy/exact.ts):
 * {@link XY_BKT_TEMPERATURE} (Hasenbusch 2005), {@link xyExact2x2} (the 2 x 2 lattice by quadrature,
 * any h), {@link xyRingEnergy} (rings of n spins by the transfer integral, h = 0).
 *
 * @module
 */

export {
  CRITICAL_BETA,
  CRITICAL_TEMPERATURE,
  ellipticKE,
  onsagerEnergy,
  onsagerFreeEnergy,
  onsagerMagnetization,
  onsagerSpecificHeat,
} from './onsager.js';
export { finiteLatticeExact, finiteLatticeExactRect } from './finite.js';
export type { FiniteLatticeResult } from './finite.js';
export {
  MAX_ENUMERATION_SITES,
  boltzmannWeights,
  densityOfStates,
  dosCount,
  exactMoments,
} from './enumerate.js';
export type { BoltzmannDistribution, DensityOfStates, ExactMoments } from './enumerate.js';
export {
  MAX_POTTS_ENUMERATION,
  pottsCriticalBeta,
  pottsCriticalEnergy,
  pottsCriticalTemperature,
  pottsDensityOfStates,
  pottsEnergyDistribution,
  pottsEnergyMoments,
  pottsEnumerate,
  pottsEnumerationMoments,
  pottsExactMoments,
  pottsLatentHeat,
  pottsMagnetizationDistribution,
  pottsTransition,
} from '../models/potts/exact.js';
export type {
  PottsDensityOfStates,
  PottsEnergyDistribution,
  PottsEnergyMoments,
  PottsEnumeration,
  PottsEnumerationMoments,
  PottsExactMoments,
  PottsMagnetizationDistribution,
  PottsTransition,
} from '../models/potts/exact.js';
export { XY_BKT_TEMPERATURE, XY_BKT_TEMPERATURE_ERROR, besselI, xyExact2x2, xyRingEnergy } from '../models/xy/exact.js';
export type { XyExact } from '../models/xy/exact.js';
