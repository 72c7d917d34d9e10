/**
 * The XY kernels' contract (assembly/xy.ts and its JavaScript twin ./kernel-js.ts agree bit for bit).
 *
 * Lattice: L x L periodic, site i = y L + x, the unit vector s_i = (cos theta_i, sin theta_i)
 * stored as its two components (float64) at [2i, 2i + 1]. H = -J sum_<ij> s_i . s_j - h sum_i s_i^x.
 * Every sin, cos and exp comes from the deterministic twins assembly/detmath.ts and src/detmath.ts;
 * every other operation is +, -, *, /, sqrt or floor, in the order written in ./kernel-js.ts.
 *
 * ## Stream contract (xoshiro128**, u = next() 2^-32 in [0, 1))
 * - Hot start: site i in row-major order draws one u: theta = 2 pi u. Cold start: (1, 0), no draws.
 * - Metropolis sweep with step size delta: the sites of colour 0 ((x + y) even) row by row, then of
 *   colour 1. Each site draws two numbers: phi = delta (2 u_1 - 1), then u_2. The proposal is the
 *   old spin rotated by phi, normalised (s / |s|); dE = -(s' - s) . H with H = sum of the 4
 *   neighbours (left, right, up, down) + (h, 0); accepted when dE <= 0 or u_2 < exp(-beta dE).
 *   Then `overRelaxation` over-relaxation sweeps (no draws; same site order): s' = 2 (s . H) H / |H|^2 - s,
 *   normalised, where |H| > 0 (the reflection of s about H: the energy does not change).
 * - Wolff step: `clusters` single clusters (Wolff 1989, embedding): the seed site floor(u N), then
 *   psi = 2 pi u, r = (cos psi, sin psi). Breadth-first growth from the seed: each site k taken in
 *   order tries its neighbours left, right, up, down; a neighbour j not yet in the cluster with
 *   (r . s_k)(r . s_j) > 0 draws u and joins when u < 1 - exp(-2 beta (r . s_k)(r . s_j)). With
 *   h != 0 the cluster then draws u and is reflected only when dE_h = 2 h r_x sum_C (r . s) <= 0 or
 *   u < exp(-beta dE_h) (the field as a Metropolis test of the whole cluster). Reflection:
 *   s -> s - 2 (r . s) r, normalised.
 *
 * ## The q-state clock model (q >= 2)
 * The same lattice with angles 2 pi k / q: each site keeps its state k (a byte) and the components
 * (cos, sin)(2 pi k / q) from a table computed once with detCos / detSin of (2 pi k) / q.
 * - Hot start: state floor(u q) per site in order; cold: state 0.
 * - Metropolis: each site draws u_1, proposes k' = (k + 1 + floor(u_1 (q - 1))) mod q, draws u_2 and
 *   accepts as above (dE from the table's components).
 * - Wolff: instead of psi = 2 pi u the step draws the mirror j = floor(u q), psi = pi j / q - pi / 2,
 *   one of the q mirror lines of the q-gon; a reflected site takes the state (j - k) mod q.
 *
 * ## Record of a step (XY_RECORD_WIDTH float64 values, sums over the sites in row-major order)
 *   [B_x, B_y, M_x, M_y, I_x, I_y, V]:
 *   B_mu = sum_i s_i . s_{i + mu} (mu = x: right neighbour, y: down neighbour), M = sum_i s_i,
 *   I_mu = sum_i (s_i x s_{i + mu})_z = sum_i sin(theta_{i + mu} - theta_i),
 *   V = sum over plaquettes (i, i + x, i + x + y, i + y) of |w|, the winding number w of the
 *   plaquette (the vortices and antivortices on the lattice).
 *   E = -(B_x + B_y) - h M_x.
 *
 * ## Vortices
 * w = (1 / 2 pi) sum over the plaquette's 4 edges of the angle difference wrapped to (-pi, pi]:
 * counted without angles, as the signed crossings of the negative x axis by the short arcs from
 * each spin to the next (+1 from y >= 0 to y < 0 with a x b > 0; -1 from y < 0 to y >= 0 with
 * a x b < 0), which is the winding of the closed path of short arcs around the origin.
 */
import { InvalidOptionError } from '../../errors.js';

/** Values in one XY record. */
export const XY_RECORD_WIDTH = 7;
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
/** Tolerance of | |s|^2 - 1 | for spins given to the simulation. */
export const XY_NORM_TOLERANCE = 1e-9;

/**
 * The tuning of the Metropolis step size (sweeps without records, i.e. thermalization): after each
 * such sweep with acceptance a = accepted / N, delta <- delta (1/2 + a), kept in [XY_MIN_STEP, pi]
 * (a = 1/2 is the fixed point). Sweeps that record use the step size as it stands (frozen), so
 * the recorded chain satisfies detailed balance.
 */
export function tunedStep(step: number, acceptance: number): number {
  const next = step * (0.5 + acceptance);
  return next > XY_MAX_STEP ? XY_MAX_STEP : next < XY_MIN_STEP ? XY_MIN_STEP : next;
}

/** A step size given by the user or read from a checkpoint. */
export function checkStepSize(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < XY_MIN_STEP || value > XY_MAX_STEP) {
    throw new InvalidOptionError(option, value, `a number from ${XY_MIN_STEP} to pi (the Metropolis step size in radians)`);
  }
  return value;
}

/** The winding contribution of the short arc from spin a to spin b (see "Vortices" above). */
export function crossing(ax: number, ay: number, bx: number, by: number): number {
  const cross = ax * by - ay * bx;
  if (ay >= 0 && by < 0) return cross > 0 ? 1 : 0;
  if (ay < 0 && by >= 0) return cross < 0 ? -1 : 0;
  return 0;
}

/** Values of one XY correlation sample for linear size L: C(0 .. L/2), then row and column sums (x, y) of M. */
export function xyCorrelationValues(size: number): number {
  return (size >> 1) + 1 + 4 * size;
}

/**
 * One correlation sample of the lattice `s` (components, row-major): C(r) = sum_i [s_i . s_{i + r x}
 * + s_i . s_{i + r y}] for r = 0 .. L/2, then the row sums (R_x(y), R_y(y)) for y = 0 .. L-1, then
 * the column sums (C_x(x), C_y(x)). Computed in TypeScript from the spins for both backends.
 */
export function xyCorrelationSample(s: Float64Array, L: number, out: Float64Array): void {
  const half = L >> 1;
  const rows = half + 1;
  const cols = rows + 2 * L;
  out.fill(0, 0, xyCorrelationValues(L));
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const i = 2 * (y * L + x);
      const ax = s[i];
      const ay = s[i + 1];
      out[rows + 2 * y] += ax;
      out[rows + 2 * y + 1] += ay;
      out[cols + 2 * x] += ax;
      out[cols + 2 * x + 1] += ay;
      for (let r = 0; r <= half; r++) {
        const j = 2 * (y * L + ((x + r) % L));
        const k = 2 * (((y + r) % L) * L + x);
        out[r] += ax * s[j] + ay * s[j + 1] + ax * s[k] + ay * s[k + 1];
      }
    }
  }
}

/** One XY kernel (either backend): see the module comment for its contract. */
export interface XyKernel {
  readonly backend: 'wasm' | 'js';
  readonly size: number;
  /** The clock model's q (0 for XY). */
  readonly q: number;
  /** Clock: the states 0 .. q-1 (a copy). */
  readStates(): Uint8Array;
  /** Clock: sets the states (and the components from the table). */
  writeStates(states: Uint8Array): void;
  /** Clock: `sweeps` Metropolis sweeps proposing a uniformly random other state; records after each when `out`. Returns accepted moves. */
  clockMetropolis(sweeps: number, out?: Float64Array): number;
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  fill(start: 'hot' | 'cold'): void;
  readSpins(): Float64Array;
  writeSpins(spins: Float64Array): void;
  setCouplings(beta: number, field: number): void;
  /** `sweeps` Metropolis sweeps (each followed by `overRelaxation` reflection sweeps); records after each when `out`. Returns accepted moves. */
  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number;
  reserveClusters(): boolean;
  /** `steps` Wolff steps of `clusters` clusters; records and summed cluster sizes after each. Returns spins reflected. */
  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number;
  /** Sites of the last cluster (in the order they joined). */
  clusterSites(): Int32Array;
  /** The record of the current lattice at out[offset ..]. */
  record(out: Float64Array, offset?: number): void;
  dispose(): void;
}
