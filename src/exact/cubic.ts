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

/** beta_c J of the 3-state Potts model on the simple cubic lattice, a weak first-order transition (Janke and Villanova 1997). */
export const CUBIC_POTTS3_BETA = 0.550565;
export const CUBIC_POTTS3_BETA_ERROR = 1e-5;
/**
 * Latent heat of the 3-state Potts model on the simple cubic lattice at beta_c, as the jump of the
 * energy per site e = -Nb/N (H = -J sum delta(s_i, s_j)) between the disordered and ordered phases:
 * Δe = 2 l = 0.1606(5), from l = 0.08031(26) of Alves, Berg and Villanova, Phys. Rev. B 43, 5846 (1991)
 * (specific-heat analysis of L^3 lattices up to L = 36, the data Janke and Villanova 1997 analysed).
 * The factor 2 is the normalisation of l (energy counted per 2N), which we could not read from the
 * paper itself; our own double-peak separations of P(e) at beta_c (Swendsen-Wang, 2 x 10^4 to 3 x 10^4
 * steps: 0.22 at L = 16, 0.185 at L = 24, docs/cubic.md) fall with L towards 0.16, which rules out
 * reading l per bond (3 l = 0.241 per site) and makes l per site (0.080) unlikely.
 */
export const CUBIC_POTTS3_LATENT_HEAT = 0.1606;
export const CUBIC_POTTS3_LATENT_HEAT_ERROR = 5e-4;

/**
 * The transition temperature of the q-state Potts model (H = -J sum delta(s_i, s_j)) on the simple
 * cubic lattice where it is known: q = 2 is the Ising model at K_Potts = 2 K_Ising (T = T_c^Ising / 2),
 * q = 3 from Janke and Villanova; NaN for other q.
 */
export function cubicPottsTransitionTemperature(q: number): number {
  if (q === 2) return CUBIC_CRITICAL_TEMPERATURE / 2;
  if (q === 3) return 1 / CUBIC_POTTS3_BETA;
  return NaN;
}

/** Citations, for tables and docs. */
export const CUBIC_SOURCES = {
  beta: 'Ferrenberg, Xu and Landau, Phys. Rev. E 97, 043301 (2018)',
  exponents: 'Kos, Poland, Simmons-Duffin and Vichi, JHEP 08 (2016) 036',
  binder: 'Hasenbusch, Phys. Rev. B 82, 174433 (2010)',
  potts3: 'Janke and Villanova, Nucl. Phys. B 489, 679 (1997)',
  potts3LatentHeat: 'Alves, Berg and Villanova, Phys. Rev. B 43, 5846 (1991)',
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

/** Largest q^8 for {@link pottsCubeMoments} (q <= 4). */
export const POTTS_CUBE_MAX_STATES = 65536;

/** Exact moments of the q-state Potts model on the 2 x 2 x 2 cube; see {@link pottsCubeMoments}. */
export interface PottsCubeMoments {
  /** <e>, e = E/N = -(Nb + h n_0)/N. */
  energy: number;
  /** c = N beta^2 (<e^2> - <e>^2). */
  specificHeat: number;
  /** <m>, <m^2>, <m^4> of the simplex order parameter m = |M|/N, |M|^2 = (q sum_k n_k^2 - N^2)/(q - 1). */
  absMagnetization: number;
  magnetization2: number;
  magnetization4: number;
}

/**
 * Exact moments of H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0) on the periodic
 * 2 x 2 x 2 cube (doubled bonds: Nb counts every site with its +x, +y and +z neighbour, 24 bonds,
 * two between every pair of neighbours), by summing all q^8 configurations (q^8 <= 65536).
 */
export function pottsCubeMoments(q: number, beta: number, field: number): PottsCubeMoments {
  const N = 8;
  if (!Number.isInteger(q) || q < 2 || q ** N > POTTS_CUBE_MAX_STATES) throw new RangeError(`q must be an integer from 2 to 4, got ${String(q)}`);
  const nb = Array.from({ length: N }, (_, i) => Array.from(neighbourSites(CUBIC, 2, i)).filter((_, d) => d % 2 === 0));
  const s = new Int32Array(N);
  const n = new Int32Array(q);
  const shift = beta * (3 * N + Math.abs(field) * N);
  let z = 0;
  let e1 = 0;
  let e2 = 0;
  let m1 = 0;
  let m2 = 0;
  let m4 = 0;
  for (let k = 0; k < q ** N; k++) {
    let rest = k;
    n.fill(0);
    for (let i = 0; i < N; i++) {
      s[i] = rest % q;
      rest = Math.floor(rest / q);
      n[s[i]]++;
    }
    let bonds = 0;
    for (let i = 0; i < N; i++) for (const j of nb[i]) bonds += +(s[i] === s[j]);
    const energy = -(bonds + field * n[0]) / N;
    const w = Math.exp(beta * (bonds + field * n[0]) - shift);
    let squares = 0;
    for (let a = 0; a < q; a++) squares += n[a] * n[a];
    const mm = Math.max(0, (q * squares - N * N) / (q - 1)) / (N * N);
    z += w;
    e1 += w * energy;
    e2 += w * energy * energy;
    m1 += w * Math.sqrt(mm);
    m2 += w * mm;
    m4 += w * mm * mm;
  }
  const energy = e1 / z;
  return {
    energy,
    specificHeat: N * beta * beta * (e2 / z - energy * energy),
    absMagnetization: m1 / z,
    magnetization2: m2 / z,
    magnetization4: m4 / z,
  };
}

/** Exact Ising values of the periodic 4 x 4 x 4 cube at h = 0 and one beta (J = k_B = 1, per site, m = M / N). */
export interface Cube4Exact {
  readonly beta: number;
  readonly energy: number;
  readonly specificHeat: number;
  readonly absMagnetization: number;
  readonly magnetization2: number;
  readonly magnetization4: number;
}

/**
 * The Ising model on the periodic 4 x 4 x 4 cube at h = 0, exactly, at the beta of
 * scripts/reference/exact444.c's run (a transfer matrix along z over the 2^16 layer states, self-checked
 * against enumeration of the 2 x 2 x 2, 2 x 2 x 4 and 4 x 4 x 2 boxes; test/fixtures/cubic-exact-4x4x4.json
 * holds the run, and test/cubic-exact-444.test.ts checks this table against it and every Ising
 * algorithm against this table).
 */
export const CUBE4_EXACT: readonly Cube4Exact[] = Object.freeze([
  { beta: 0.1, energy: -0.3166188406791495, specificHeat: 0.03563733220763716, absMagnetization: 0.14765278524881387, magnetization2: 0.034036723944112605, magnetization4: 0.003331053881877841 },
  { beta: 0.2, energy: -0.9326109393473087, specificHeat: 0.5283848541842568, absMagnetization: 0.3729642411983383, magnetization2: 0.18941433226065985, magnetization4: 0.07004951274753927 },
  { beta: 0.221654626, energy: -1.2932279408955307, specificHeat: 0.977534655137154, absMagnetization: 0.5221438971799143, magnetization2: 0.3312171641827188, magnetization4: 0.16627186253459528 },
  { beta: 0.24, energy: -1.6802859731670328, specificHeat: 1.2193672350284368, absMagnetization: 0.6666388435109513, magnetization2: 0.49098191557565274, magnetization4: 0.3014272595579224 },
  { beta: 0.3, energy: -2.515073462812421, specificHeat: 0.6760324577599528, absMagnetization: 0.9058072552756402, magnetization2: 0.8266077960002914, magnetization4: 0.7005804804056005 },
]);

/** The exact 4 x 4 x 4 values at `beta` when it is one of CUBE4_EXACT's (to a relative 1e-9), else undefined. */
export function cube4Exact(beta: number): Cube4Exact | undefined {
  return CUBE4_EXACT.find((p) => Math.abs(p.beta - beta) <= 1e-9 * p.beta);
}
