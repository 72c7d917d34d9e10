/**
 * References for the Ising model on the periodic simple cubic lattice (L x L x L, N = L^3 sites,
 * 3N bonds, `H = -J Σ_<ij> s_i s_j - h Σ_i s_i`, `J = k_B = 1`). No exact solution exists in three
 * dimensions: the infinite-lattice values are literature values with their uncertainties, and the
 * finite-lattice reference is exact enumeration of the 2 x 2 x 2 cube.
 *
 * - β_c = 0.221654626(5): Ferrenberg, Xu and Landau, Phys. Rev. E 97, 043301 (2018).
 * - ν = 0.629971(4), η = 0.0362978(20) (so γ/ν = 2 - η): the conformal bootstrap,
 *   Kos, Poland, Simmons-Duffin and Vichi, JHEP 08 (2016) 036 (Δ_σ = 0.5181489(10),
 *   Δ_ε = 1.412625(10); ν = 1 / (3 - Δ_ε), η = 2 Δ_σ - 1).
 * - The Binder ratio at criticality of the periodic cube, Q* = <m⁴>/<m²>² = 1.6036(1)
 *   (U4* = 1 - Q* / 3 = 0.46547(3)), and the second-moment correlation length over L at criticality,
 *   (ξ_2nd / L)* = 0.6431(1): Hasenbusch, Phys. Rev. B 82, 174433 (2010).
 *
 * At L = 2 the +x and -x neighbours of a site coincide and both bonds count (doubled bonds,
 * src/lattice.ts): the 2 x 2 x 2 cube is the 3-cube graph with every edge of strength 2J.
 *
 * @module
 */
import { CUBIC, neighbourSites, sitesOf } from '../lattice.js';
import { MAX_ENUMERATION_SITES, type DensityOfStates } from './enumerate.js';

/** Critical coupling β_c J of the simple cubic Ising model (Ferrenberg, Xu and Landau 2018). */
export const CUBIC_CRITICAL_BETA = 0.221654626;
/** Its standard uncertainty. */
export const CUBIC_CRITICAL_BETA_ERROR = 5e-9;
/** T_c = 1 / β_c = 4.5115232... */
export const CUBIC_CRITICAL_TEMPERATURE = 1 / CUBIC_CRITICAL_BETA;
/** Correlation-length exponent ν of the 3D Ising universality class (conformal bootstrap, Kos et al. 2016). */
export const ISING_3D_NU = 0.629971;
export const ISING_3D_NU_ERROR = 4e-6;
/** Anomalous dimension η (Kos et al. 2016). */
export const ISING_3D_ETA = 0.0362978;
export const ISING_3D_ETA_ERROR = 2e-6;
/** γ/ν = 2 - η. */
export const ISING_3D_GAMMA_OVER_NU = 2 - ISING_3D_ETA;
/** Binder ratio Q* = <m⁴>/<m²>² at β_c for L → ∞, periodic cube (Hasenbusch 2010); U4* = 1 - Q* / 3. */
export const CUBIC_CRITICAL_BINDER_RATIO = 1.6036;
export const CUBIC_CRITICAL_BINDER_RATIO_ERROR = 1e-4;
/** ξ_2nd / L at β_c for L → ∞, periodic cube (Hasenbusch 2010). */
export const CUBIC_CRITICAL_XI_OVER_L = 0.6431;
export const CUBIC_CRITICAL_XI_OVER_L_ERROR = 1e-4;

/** Citations, for tables and docs. */
export const CUBIC_SOURCES = {
  beta: 'Ferrenberg, Xu and Landau, Phys. Rev. E 97, 043301 (2018)',
  exponents: 'Kos, Poland, Simmons-Duffin and Vichi, JHEP 08 (2016) 036',
  binder: 'Hasenbusch, Phys. Rev. B 82, 174433 (2010)',
} as const;

/**
 * Exact joint density of states g(B, M) of the periodic L x L x L Ising lattice by walking all
 * 2^N configurations in Gray-code order (one flip a step, B and M updated from the six neighbours).
 * Only L = 2 (N = 8) is small enough (N <= 30). `Lx = Ly = L`; `bonds = 3N`, B = -3N .. 3N.
 * @throws RangeError for any other L
 */
export function cubicDensityOfStates(size: number): DensityOfStates {
  const N = sitesOf(CUBIC, size);
  if (!Number.isInteger(size) || size < 2 || N > MAX_ENUMERATION_SITES) {
    throw new RangeError(`cubic exact enumeration needs L^3 <= ${MAX_ENUMERATION_SITES} (L = 2), got L = ${String(size)}`);
  }
  const bonds = 3 * N;
  const nb = new Int32Array(6 * N);
  for (let i = 0; i < N; i++) nb.set(neighbourSites(CUBIC, size, i) as Int32Array, 6 * i);
  const stride = N + 1;
  const counts = new Float64Array((bonds + 1) * stride);
  const s = new Int32Array(N).fill(1);
  // all up: B = 3N, M = N; index (B + 3N) / 2 * stride + (M + N) / 2
  let idx = bonds * stride + N;
  counts[idx] += 1;
  for (let k = 1; k < 2 ** N; k++) {
    const site = 31 - Math.clz32(k & -k);
    const si = s[site];
    let local = 0;
    for (let d = 0; d < 6; d++) local += s[nb[6 * site + d]];
    // dB = -2 s_i local -> index step -s_i local; dM = -2 s_i -> index step -s_i
    idx += -si * (local * stride + 1);
    s[site] = -si;
    counts[idx] += 1;
  }
  const bValues = new Int32Array(bonds + 1);
  for (let j = 0; j <= bonds; j++) bValues[j] = -bonds + 2 * j;
  const mValues = new Int32Array(N + 1);
  for (let i = 0; i <= N; i++) mValues[i] = -N + 2 * i;
  return { Lx: size, Ly: size, N, bonds, bValues, mValues, counts };
}
