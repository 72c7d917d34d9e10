/**
 * The Heisenberg kernels' contract (assembly/heisenberg.ts and its JavaScript twin ./kernel-js.ts
 * agree bit for bit).
 *
 * Lattice: the periodic L x L square (d = 2) or L x L x L simple cubic (d = 3) lattice of
 * src/lattice.ts, site i = (z L + y) L + x, N = L^d, the unit vector S_i stored as three float64
 * components at [3i, 3i + 2]. H = -J sum_<ij> S_i . S_j - h sum_i S_i^z. sin, cos and exp come from the
 * deterministic twins assembly/detmath.ts and src/detmath.ts; every other operation is +, -, *, /,
 * sqrt or floor, in the order written in ./kernel-js.ts.
 *
 * ## Stream contract (xoshiro128**, u = next() 2^-32)
 * - A random unit vector takes two numbers: z = 2 u_1 - 1, phi = 2 pi u_2,
 *   w = (sqrt(1 - z^2) cos phi, sqrt(1 - z^2) sin phi, z), normalised: uniform on the sphere.
 * - Hot start: one random unit vector per site, in order. Cold: (0, 0, 1).
 * - Metropolis sweep with step size delta: sites of colour 0 ((x + y + z) even) plane by plane,
 *   row by row, then of colour 1; each draws a random unit vector w, then u; proposes S' = (S + delta w) / |S + delta w|
 *   (a proposal whose density depends only on the angle between S and S': symmetric), and accepts
 *   when dE = -(S' - S) . H <= 0 or u < exp(-beta dE), H = the sum of the neighbours (left, right, up, down, then front, back
 *   on the cubic lattice, each component summed in this order) + (0, 0, h).
 *   Then `overRelaxation` reflection sweeps S' = 2 (S . H) H / |H|^2 - S (no draws).
 * - Wolff step: the seed floor(u N), then r a random unit vector; growth and the field test as in
 *   the XY contract (src/models/xy/kernel.ts: neighbours left, right, up, down, then back, front)
 *   with dE_h = 2 h r_z sum_C (r . S).
 * - Heat-bath sweep (cos of the angle to H by inversion) and Swendsen-Wang step by embedding: the
 *   contract in src/models/continuous/kernel.ts.
 *
 * ## Record of a step (HEISENBERG_RECORD_WIDTH float64 sums over the sites in order)
 *   [B_x, B_y, M_x, M_y, M_z, B_z]: B_mu = sum_i S_i . S_{i + mu} (B_z = 0 on the square lattice),
 *   M = sum_i S_i; E = -(B_x + B_y + B_z) - h M_z.
 */
import { InvalidOptionError } from '../../errors.js';
import type { ContinuousKernel } from '../continuous/kernel.js';

export const HEISENBERG_RECORD_WIDTH = 6;
export const HEISENBERG_RECORD_CAPACITY = 4096;
/** Step size bounds of the Metropolis proposal (|delta w| up to 10: nearly uniform on the sphere). */
export const HEISENBERG_MAX_STEP = 10;
export const HEISENBERG_MIN_STEP = 1e-6;
export const HEISENBERG_INITIAL_STEP = 1;
export const HEISENBERG_MAX_OVER_RELAXATION = 64;

export function checkOverRelaxation(value: unknown): number {
  const k = value === undefined ? 0 : value;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > HEISENBERG_MAX_OVER_RELAXATION) {
    throw new InvalidOptionError(
      'overRelaxation',
      value,
      `an integer from 0 to ${HEISENBERG_MAX_OVER_RELAXATION} (over-relaxation sweeps after each Metropolis sweep)`,
    );
  }
  return k;
}

/** One Heisenberg kernel, either backend (readSpins gives the components). */
export type HeisenbergKernel = ContinuousKernel;
