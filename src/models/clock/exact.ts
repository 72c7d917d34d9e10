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
import { crossing } from '../xy/kernel.js';
import { CUBIC, neighbourSites } from '../../lattice.js';

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

/** Largest q^8 for {@link clockCubeExact} (q <= 6). */
export const CLOCK_CUBE_MAX_STATES = 6 ** 8;

/** Exact expectations of the clock model on the 2 x 2 x 2 cube (per site; the estimators of src/models/continuous/observables.ts). */
export interface ClockCubeExact {
  energy: number;
  specificHeat: number;
  absMagnetization: number;
  magnetization2: number;
  magnetization4: number;
  helicityModulus: number;
  vortexDensity: number;
}

/**
 * Exact expectations of the q-state clock model on the periodic 2 x 2 x 2 cube at beta and h by
 * summing all q^8 configurations (q <= 6), with the sums the kernels record (src/models/xy/kernel.ts):
 * B_mu = sum_i s_i . s_{i + mu} (every bond doubled at L = 2), I_mu = sum_i sin(theta_{i + mu} - theta_i)
 * (identically 0 at L = 2), V = the plaquettes of the three orientations with a vortex; then
 * e = -(B_x + B_y + B_z + h M_x) / N, Upsilon = (1 / 3N) sum_mu [<B_mu> - beta (<I_mu^2> - <I_mu>^2)] and
 * vortexDensity = <V> / 3N.
 */
export function clockCubeExact(q: number, beta: number, field: number): ClockCubeExact {
  const N = 8;
  if (!Number.isInteger(q) || q < 2 || q ** N > CLOCK_CUBE_MAX_STATES) throw new RangeError(`q must be an integer from 2 to 6, got ${String(q)}`);
  const c = Array.from({ length: q }, (_, k) => Math.cos((2 * Math.PI * k) / q));
  const sn = Array.from({ length: q }, (_, k) => Math.sin((2 * Math.PI * k) / q));
  // tables over pairs of states: s_a . s_b, (s_a x s_b)_z and the winding contribution of the arc a -> b
  const dot = new Float64Array(q * q);
  const cross = new Float64Array(q * q);
  const wind = new Int32Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      dot[a * q + b] = c[a] * c[b] + sn[a] * sn[b];
      cross[a * q + b] = c[a] * sn[b] - sn[a] * c[b];
      wind[a * q + b] = crossing(c[a], sn[a], c[b], sn[b]);
    }
  }
  // +x, +y, +z neighbours of each site (neighbour order +x, -x, +y, -y, +z, -z), and the plaquettes
  // xy, yz, zx at each site: (i, i + mu, i + mu + nu, i + nu)
  const forward = Array.from({ length: N }, (_, i) => Array.from(neighbourSites(CUBIC, 2, i)).filter((_, d) => d % 2 === 0));
  const plaquettes: number[][] = [];
  for (let i = 0; i < N; i++) {
    for (const [mu, nu] of [
      [0, 1],
      [1, 2],
      [2, 0],
    ]) {
      plaquettes.push([i, forward[i][mu], forward[forward[i][mu]][nu], forward[i][nu]]);
    }
  }
  const s = new Int32Array(N);
  const shift = beta * (3 * N + Math.abs(field) * N);
  const sum = { z: 0, e: 0, e2: 0, a: 0, m2: 0, m4: 0, bond: 0, i2: 0, v: 0 };
  for (let k = 0; k < q ** N; k++) {
    let rest = k;
    for (let i = 0; i < N; i++) {
      s[i] = rest % q;
      rest = Math.floor(rest / q);
    }
    let bond = 0;
    let mx = 0;
    let my = 0;
    let i2 = 0;
    let v = 0;
    for (let mu = 0; mu < 3; mu++) {
      let current = 0;
      for (let i = 0; i < N; i++) {
        const pair = s[i] * q + s[forward[i][mu]];
        bond += dot[pair];
        current += cross[pair];
      }
      i2 += current * current;
    }
    for (let i = 0; i < N; i++) {
      mx += c[s[i]];
      my += sn[s[i]];
    }
    for (const [a, b, d, e] of plaquettes) {
      const w = wind[s[a] * q + s[b]] + wind[s[b] * q + s[d]] + wind[s[d] * q + s[e]] + wind[s[e] * q + s[a]];
      v += w < 0 ? -w : w;
    }
    const E = -bond - field * mx;
    const weight = Math.exp(-beta * E - shift);
    const e = E / N;
    const m2 = (mx * mx + my * my) / (N * N);
    sum.z += weight;
    sum.e += weight * e;
    sum.e2 += weight * e * e;
    sum.a += weight * Math.sqrt(m2);
    sum.m2 += weight * m2;
    sum.m4 += weight * m2 * m2;
    sum.bond += (weight * bond) / (3 * N);
    sum.i2 += (weight * i2) / (3 * N);
    sum.v += (weight * v) / (3 * N);
  }
  const mean = (key: keyof typeof sum) => sum[key] / sum.z;
  const energy = mean('e');
  return {
    energy,
    specificHeat: N * beta * beta * (mean('e2') - energy * energy),
    absMagnetization: mean('a'),
    magnetization2: mean('m2'),
    magnetization4: mean('m4'),
    // <I_mu> = 0 by symmetry at L = 2 (I_mu is identically 0 there)
    helicityModulus: mean('bond') - beta * mean('i2'),
    vortexDensity: mean('v'),
  };
}
