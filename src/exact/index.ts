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
 * The simple cubic lattice (src/exact/cubic.ts): {@link cubicDensityOfStates} (exact enumeration of
 * the 2 x 2 x 2 cube) and literature values of β_c, ν, η and the critical Binder ratio, with citations.
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

export { CRITICAL_BETA, CRITICAL_TEMPERATURE, ellipticKE, onsagerEnergy, onsagerFreeEnergy, onsagerMagnetization, onsagerSpecificHeat } from './onsager.js';
export { finiteLatticeExact, finiteLatticeExactRect } from './finite.js';
export type { FiniteLatticeResult } from './finite.js';
export { MAX_ENUMERATION_SITES, boltzmannWeights, densityOfStates, dosCount, exactMoments } from './enumerate.js';
export type { BoltzmannDistribution, DensityOfStates, ExactMoments } from './enumerate.js';
export {
  CUBIC_CRITICAL_BETA,
  CUBIC_CRITICAL_BETA_ERROR,
  CUBIC_CRITICAL_BINDER_RATIO,
  CUBIC_CRITICAL_BINDER_RATIO_ERROR,
  CUBIC_CRITICAL_TEMPERATURE,
  CUBIC_CRITICAL_XI_OVER_L,
  CUBIC_CRITICAL_XI_OVER_L_ERROR,
  CUBIC_SOURCES,
  CUBE4_EXACT,
  cube4Exact,
  ISING_3D_ETA,
  ISING_3D_ETA_ERROR,
  ISING_3D_GAMMA_OVER_NU,
  ISING_3D_NU,
  ISING_3D_NU_ERROR,
  CUBIC_POTTS3_BETA,
  CUBIC_POTTS3_BETA_ERROR,
  CUBIC_POTTS3_LATENT_HEAT,
  CUBIC_POTTS3_LATENT_HEAT_ERROR,
  cubicDensityOfStates,
  cubicPottsTransitionTemperature,
  POTTS_CUBE_MAX_STATES,
  pottsCubeMoments,
} from './cubic.js';
export type { Cube4Exact, PottsCubeMoments } from './cubic.js';
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
export {
  XY_BKT_TEMPERATURE,
  XY_BKT_TEMPERATURE_ERROR,
  XY_CUBIC_BETA_C,
  XY_CUBIC_BETA_C_ERROR,
  XY_CUBIC_TEMPERATURE,
  besselI,
  xyExact2x2,
  xyRingEnergy,
} from '../models/xy/exact.js';
export { HEISENBERG_CUBIC_BETA_C, HEISENBERG_CUBIC_BETA_C_ERROR, HEISENBERG_CUBIC_TEMPERATURE } from '../models/heisenberg/exact.js';
export { unitVectorCubeExact } from '../models/continuous/exact.js';
export type { CubeExact } from '../models/continuous/exact.js';
export type { XyExact } from '../models/xy/exact.js';
