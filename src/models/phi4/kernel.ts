/**
 * The phi^4 kernels' contract (assembly/phi4.ts and its JavaScript twin ./kernel-js.ts agree bit for bit).
 *
 * Lattice: the periodic square (d = 2, N = L^2) or simple cubic (d = 3, N = L^3) lattice of
 * src/lattice.ts, site i = (z L + y) L + x, the field phi_i in R^2 stored as two float64 components
 * at [2i, 2i + 1]. Neighbour order, where a kernel walks them: +x, -x, +y, -y, +z, -z.
 *
 * Weight exp(-S), S = beta E + sum_i V(phi_i) (./index.ts):
 *   E = -sum_<ij> phi_i . phi_j - h sum_i phi_i^x,   V(phi) = |phi|^2 + lambda (|phi|^2 - 1)^2.
 * exp comes from the deterministic twins assembly/detmath.ts and src/detmath.ts (sin and cos too,
 * for the Wolff mirror); every other operation is +, -, *, / or floor, in the order written in
 * ./kernel-js.ts.
 *
 * ## Stream contract (xoshiro128**, u = next() 2^-32 in [0, 1))
 * - Hot start: site i in order draws two numbers, phi_i = (2 u_1 - 1, 2 u_2 - 1). Cold: (1, 0), no draws.
 * - Metropolis sweep with step size delta: the sites of colour 0 ((x + y + z) even) plane by plane,
 *   row by row, then of colour 1. Each site draws three numbers: the proposal
 *   phi' = phi + delta (2 u_1 - 1, 2 u_2 - 1) (uniform in a square around phi: symmetric), then u_3;
 *   with H = the sum of the 2d neighbours (+x, -x, +y, -y, +z, -z) + (h, 0),
 *   dS = [V(phi') - V(phi)] - beta (phi' - phi) . H, accepted when dS <= 0 or u_3 < exp(-dS).
 *   Then `overRelaxation` over-relaxation sweeps (no draws; same site order): where |H| > 0,
 *   phi' = 2 (phi . H) H / |H|^2 - phi, the reflection of phi through the direction of H, which keeps
 *   |phi| (so V) and phi . H (so E): S does not change.
 * - Wolff step (Brower and Tamayo 1989, Wolff's embedding): `clusters` single clusters, each: the seed
 *   floor(u N), then psi = 2 pi u, r = (cos psi, sin psi). Breadth-first growth from the seed: each
 *   site k taken in order tries its neighbours in the order above; a neighbour j not yet in the
 *   cluster with (r . phi_k)(r . phi_j) > 0 draws u and joins when
 *   u < 1 - exp(-2 beta (r . phi_k)(r . phi_j)). With h != 0 the cluster then draws u and is
 *   reflected only when dE_h = 2 h r_x sum_C (r . phi) <= 0 or u < exp(-beta dE_h). Reflection:
 *   phi -> phi - 2 (r . phi) r (it keeps |phi|: V, the part of S the embedding does not see, is unchanged).
 *
 * ## Record of a step (PHI4_RECORD_WIDTH float64 sums over the sites in order)
 *   [B_x, B_y, M_x, M_y, B_z, P_2, P_4]:
 *   B_mu = sum_i phi_i . phi_{i + mu} (B_z = 0 on the square lattice), M = sum_i phi_i,
 *   P_2 = sum_i |phi_i|^2, P_4 = sum_i |phi_i|^4.   E = -(B_x + B_y + B_z) - h M_x.
 *   (M sits at [2, 3] as in the XY record, where the Landau view reads the vector magnetization.)
 */

/** Values in one phi^4 record. */
export const PHI4_RECORD_WIDTH = 7;
/** Records one WebAssembly call can write (assembly/phi4.ts; checked at instantiation). */
export const PHI4_RECORD_CAPACITY = 4096;
/** Metropolis step size: start, and the range the tuning keeps it in (the half-width of the square proposal). */
export const PHI4_TUNING = { initial: 1, min: 1e-6, max: 10 } as const;
/** Largest over-relaxation sweeps per Metropolis sweep. */
export const PHI4_MAX_OVER_RELAXATION = 64;

/** The WebAssembly core's export prefix and record layout (assembly/phi4.ts). */
export const PHI4_CORE = { prefix: 'phi4', components: 2, width: PHI4_RECORD_WIDTH, capacity: PHI4_RECORD_CAPACITY } as const;

/** One phi^4 kernel, either backend. */
export interface Phi4Kernel {
  readonly backend: 'wasm' | 'js';
  /** Linear size L. */
  readonly size: number;
  /** Spatial dimension d (2: square, 3: cubic). */
  readonly dimension: 2 | 3;
  /** N = L^d. */
  readonly sites: number;
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  fill(start: 'hot' | 'cold'): void;
  /** A copy of the field components (phi_x, phi_y) of every site. */
  readSpins(): Float64Array;
  writeSpins(spins: Float64Array): void;
  /** Installs beta (the hopping coupling), the field h and lambda. */
  setCouplings(beta: number, field: number, lambda: number): void;
  /**
   * `sweeps` Metropolis sweeps with step size `step`, each followed by `overRelaxation` reflection sweeps; records
   * after each when `out`. Returns accepted moves.
   */
  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number;
  reserveClusters(): boolean;
  /** `steps` Wolff steps of `clusters` clusters; records and summed reflected-cluster sizes after each. Returns sites reflected. */
  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number;
  /** Sites of the last cluster (in the order they joined). */
  clusterSites(): Int32Array;
  /** Reserves the Swendsen-Wang memory (17 bytes a site; once); false when memory runs out. */
  reserveEmbedding(): boolean;
  /**
   * `steps` Swendsen-Wang steps by Brower-Tamayo embedding (src/models/continuous/kernel.ts, "Swendsen-Wang by
   * embedding", with the field's vectors not renormalised); records and sum_C |C|^2 after each. Returns sites reflected.
   */
  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number;
  /** Union-find parents of the last Swendsen-Wang step (parent[i] <= i; empty before the first). */
  clusterParents(): Int32Array;
  /** The record of the current lattice at out[offset ..]. */
  record(out: Float64Array, offset?: number): void;
  dispose(): void;
}
