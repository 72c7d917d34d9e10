/**
 * The XY kernels' contract (assembly/xy.ts and its JavaScript twin ./kernel-js.ts agree bit for bit).
 *
 * Lattice: the periodic L x L square (d = 2) or L x L x L simple cubic (d = 3) lattice of
 * src/lattice.ts, site i = (z L + y) L + x, N = L^d, the unit vector s_i = (cos theta_i, sin theta_i)
 * stored as its two components (float64) at [2i, 2i + 1]. H = -J sum_<ij> s_i . s_j - h sum_i s_i^x.
 * Every sin, cos and exp comes from the deterministic twins assembly/detmath.ts and src/detmath.ts;
 * every other operation is +, -, *, /, sqrt or floor, in the order written in ./kernel-js.ts.
 *
 * ## Stream contract (xoshiro128**, u = next() 2^-32 in [0, 1))
 * - Hot start: site i in row-major order draws one u: theta = 2 pi u. Cold start: (1, 0), no draws.
 * - Metropolis sweep with step size delta (0 < delta <= pi): the sites of colour 0 ((x + y + z) even)
 *   plane by plane, row by row, then of colour 1. Draws: the sweep first seeds four lane generators
 *   (xoshiro128** each) from the main generator: 16 outputs o_0 .. o_15 through MurmurHash3's fmix32,
 *   fmix32(o_t) word t >> 2 of generator t & 3 (a generator of four zero words gets word 0 = 1; the
 *   packed Ising kernels' drawLaneSeeds, src/rng.ts). The sites of one row and colour go
 *   in groups of two, x and x + 2 (a last group of one when their count is odd); each group steps the
 *   four generators once, outputs w_0 .. w_3: the first site takes u_1 = w_0 (32 bits) and
 *   u_2 = w_2 2^-32, the second u_1 = w_1 and u_2 = w_3 2^-32 (a group of one leaves w_1, w_3 unused).
 *   The lane generators are discarded at the end of the sweep, so a run does not depend on how its
 *   sweeps are grouped into calls. The proposal rotates the spin by phi = phi_j + eps: j = u_1 >>> 22,
 *   phi_j = delta (2 j - 1023) / 1024 from a table of (cos, sin)(phi_j) (detCos, detSin; built when
 *   delta changes, entries j >= 512 the mirror images (c, -s) of 1023 - j),
 *   eps = (delta / 1024) ((2 (u_1 & 0x3fffff) + 1) 2^-22 - 1) with
 *   (cos, sin)(eps) = (detCosTiny, detSinTiny)(eps); (c, s) = (c_j c_e - s_j s_e, s_j c_e + c_j s_e).
 *   phi is uniform on (-delta, delta) (on a symmetric grid of step 2 delta 2^-32), so the proposal is
 *   symmetric. s' = (c s_x - s s_y, s s_x + c s_y) f, f = (3 - |s|^2) / 2 the Newton factor of the
 *   old spin s (which keeps |s| - 1 at the rounding level);
 *   dE = -(s' - s) . H with H = the sum of the neighbours (left, right, up, down, and on the cubic
 *   lattice front (+z), back (-z), each component summed in this order) + (h, 0); accepted when
 *   u_2 < detExpSmall(x), x = -beta dE clamped to [-708, 0] (the decisions of dE <= 0 or
 *   u_2 < exp(-beta dE): u_2 is a multiple of 2^-32 > exp(-708)). The WebAssembly core updates the two
 *   sites of a group at once as the lanes of f64x2 (the four generators as the lanes of i32x4), on
 *   both lattices, and decides most acceptances against a bracket of exp before evaluating
 *   detExpSmall (the same decisions; assembly/xy.ts).
 *   Then `overRelaxation` over-relaxation sweeps (no draws; same site order): s' = 2 (s . H) H / |H|^2 - s,
 *   normalised, where |H| > 0 (the reflection of s about H: the energy does not change).
 * - Wolff step: `clusters` single clusters (Wolff 1989, embedding): the seed site floor(u N), then
 *   psi = 2 pi u, r = (cos psi, sin psi). Breadth-first growth from the seed: each site k taken in
 *   order tries its neighbours left, right, up, down (then back (-z), front (+z) on the cubic
 *   lattice); a neighbour j not yet in the cluster with
 *   x = (-2 beta (r . s_k)) (r . s_j) < 0 draws u and joins when u < 1 - detExpSmall(max(x, -708)). With
 *   h != 0 the cluster then draws u and is reflected only when dE_h = 2 h r_x sum_C (r . s) <= 0 or
 *   u < exp(-beta dE_h) (the field as a Metropolis test of the whole cluster). Reflection:
 *   s -> s - 2 (r . s) r, renormalised by one Newton step s (3 - |s|^2) / 2.
 *
 * - Heat-bath sweep (von Mises) and Swendsen-Wang step by embedding: the contract in
 *   src/models/continuous/kernel.ts (shared with the clock and Heisenberg models).
 *
 * ## The q-state clock model (q >= 2)
 * The same lattice with angles 2 pi k / q: each site keeps its state k (a byte) and the components
 * (cos, sin)(2 pi k / q) from a table computed once with detCos / detSin of (2 pi k) / q.
 * - Hot start: state floor(u q) per site in order; cold: state 0.
 * - Metropolis: each site draws u_1, proposes k' = (k + 1 + floor(u_1 (q - 1))) mod q, draws u_2 and
 *   accepts as above (dE from the table's components).
 * - Wolff: instead of psi = 2 pi u the step draws the mirror j = floor(u q), psi = pi j / q - pi / 2,
 *   one of the q mirror lines of the q-gon; a reflected site takes the state (j - k) mod q.
 * - Heat bath (the exact discrete one over the q angles) and Swendsen-Wang by embedding (the same
 *   mirrors): src/models/continuous/kernel.ts.
 *
 * ## Record of a step (XY_RECORD_WIDTH float64 values)
 *   [B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z]:
 *   B_mu = sum_i s_i . s_{i + mu} (mu = x: right neighbour, y: down neighbour, z: front neighbour),
 *   M = sum_i s_i, I_mu = sum_i (s_i x s_{i + mu})_z = sum_i sin(theta_{i + mu} - theta_i),
 *   V = sum over plaquettes of |w|, the winding number w of the plaquette (vortices and
 *   antivortices; on the cubic lattice the segments of vortex lines piercing plaquettes).
 *   Square lattice: B_z = I_z = 0; the plaquettes (i, i + x, i + x + y, i + y), one a site; each sum
 *   is the sum over the sites of even x plus the sum over the sites of odd x, each of the two in
 *   row-major order. Cubic lattice: the plaquettes of all three orientations, three a site
 *   (xy: i, i + x, i + x + y, i + y; yz: i, i + y, i + y + z, i + z; zx: i, i + z, i + z + x, i + x);
 *   every sum in one pass over the sites in order.
 *   E = -(B_x + B_y + B_z) - h M_x.
 *
 * ## Vortices
 * w = (1 / 2 pi) sum over the plaquette's 4 edges of the angle difference wrapped to (-pi, pi]:
 * counted without angles, as the signed crossings of the negative x axis by the short arcs from
 * each spin to the next (+1 from y >= 0 to y < 0 with a x b > 0; -1 from y < 0 to y >= 0 with
 * a x b < 0), which is the winding of the closed path of short arcs around the origin.
 */
import type { ContinuousKernel } from '../continuous/kernel.js';

/** Values in one XY record. */
export const XY_RECORD_WIDTH = 9;
/** Records one WebAssembly call can write (assembly/xy.ts; checked at instantiation). */
export const XY_RECORD_CAPACITY = 4096;
/** Largest Metropolis step size (a uniform rotation in (-pi, pi)). */
export const XY_MAX_STEP = Math.PI;
/** Smallest step size the tuning reaches. */
export const XY_MIN_STEP = 1e-6;
/** Step size before any tuning. */
export const XY_INITIAL_STEP = 1;
/** Largest over-relaxation sweeps per Metropolis sweep. */
export const XY_MAX_OVER_RELAXATION = 64;

/** The winding contribution of the short arc from spin a to spin b (see "Vortices" above). */
export function crossing(ax: number, ay: number, bx: number, by: number): number {
  const cross = ax * by - ay * bx;
  if (ay >= 0 && by < 0) return cross > 0 ? 1 : 0;
  if (ay < 0 && by >= 0) return cross < 0 ? -1 : 0;
  return 0;
}

/** The XY Metropolis step size: starts at 1 rad, tuned within [1e-6, pi] (src/models/continuous/model-kernel.ts). */
export const XY_TUNING = { initial: XY_INITIAL_STEP, min: XY_MIN_STEP, max: XY_MAX_STEP } as const;

/** One XY (or clock) kernel, either backend. */
export type XyKernel = ContinuousKernel;

/** The WebAssembly core of the XY and clock models (assembly/xy.ts). */
export const XY_CORE = { prefix: 'xy', components: 2, width: XY_RECORD_WIDTH, capacity: XY_RECORD_CAPACITY } as const;
