/**
 * The q-state Potts model's cluster kernels, at the kernel level (the public API reaches them
 * through the model seam): the contract both backends implement (assembly/potts.ts with its
 * wrapper in src/backend/wasm.ts, and JsPottsClusters in src/backend/js-cluster.ts), and the
 * thresholds they share.
 *
 *   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   J = 1, k_B = 1, states 0..q-1.
 *
 * Counters: S = sum over the 2N bonds (each site to its right and lower neighbour) of
 * delta(s_i, s_j), and N_s, the sites in state s; energy per site e = (-S - h N_0) / N.
 */
import { InvalidOptionError } from '../errors.js';
import { threshold } from '../thresholds.js';
import type { ClusterAlgorithm } from '../options.js';

/** Largest q the kernels take (states are bytes; mirrors POTTS_MAX_STATES in assembly/potts.ts). */
export const POTTS_MAX_STATES = 127;

export interface PottsThresholds {
  /** Threshold of p = 1 - exp(-beta J): equal neighbours bond. */
  bond: number;
  /** Threshold of p_h = 1 - exp(-beta |h|): a favoured site bonds to the ghost. */
  ghost: number;
  /** sign(h): 1 favours state 0 (its sites bond to the ghost), -1 disfavours it (every other state bonds). */
  fieldMode: number;
}

/** Cluster thresholds of the Potts model at inverse temperature beta and field h. */
export function pottsThresholds(beta: number, field: number): PottsThresholds {
  return {
    bond: threshold(-Math.expm1(-beta)),
    ghost: threshold(-Math.expm1(-beta * Math.abs(field))),
    fieldMode: Math.sign(field) | 0,
  };
}

export interface PottsCounts {
  /** S = sum over the 2N bonds of delta(s_i, s_j). */
  satisfied: number;
  /** N_s for s = 0..q-1. */
  states: Int32Array;
}

/** One L x L Potts lattice with its generator; the same calls give the same lattice on both backends. */
export interface PottsClusterKernel {
  readonly backend: 'wasm' | 'js';
  readonly size: number;
  /** Generator state, 4 unsigned 32-bit words (a copy). */
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  /** Selects q (2..POTTS_MAX_STATES) and the thresholds (pottsThresholds); recounts. */
  setup(q: number, bond: number, ghost: number, fieldMode: number): void;
  /** Cold: every site in state 0; hot: site i (row-major) in state floor(r q / 2^32) of the i-th draw. */
  fill(start: 'hot' | 'cold'): void;
  /** Replaces the states (length L*L, each < q) and recounts. */
  writeStates(states: Uint8Array): void;
  /** A copy of the states, row-major. */
  readStates(): Uint8Array;
  /** The counters (a copy). */
  counts(): PottsCounts;
  /** Labels of the last cluster update, as for Ising (src/cluster/labels.ts). */
  labels(): Int32Array;
  /**
   * Runs `steps` steps of `clustersPerStep` Wolff clusters or one Swendsen-Wang update. With `out`
   * (length >= 2 steps) and `sizes` (length >= steps) writes after every step (S, N_0) and the
   * cluster-size record (Wolff: sum of |C|; Swendsen-Wang: sum over clusters of |C|^2). Returns
   * the number of sites whose state changed.
   */
  update(cluster: ClusterAlgorithm, steps: number, clustersPerStep: number, out?: Int32Array, sizes?: Float64Array): number;
}

/** Throws unless q is an integer in 2..POTTS_MAX_STATES. */
export function checkStates(q: number): void {
  if (!Number.isInteger(q) || q < 2 || q > POTTS_MAX_STATES) throw new InvalidOptionError('q', q, `an integer from 2 to ${POTTS_MAX_STATES}`);
}

/** Throws unless `states` is a Uint8Array of size^2 states, each < q. */
export function checkLattice(states: Uint8Array, size: number, q: number): void {
  if (!(states instanceof Uint8Array) || states.length !== size * size) {
    throw new InvalidOptionError('states', `${(states as unknown)?.constructor?.name ?? typeof states} of length ${(states as { length?: number })?.length}`, `a Uint8Array of ${size * size} states`);
  }
  const bad = states.findIndex((s) => s >= q);
  if (bad >= 0) throw new InvalidOptionError(`states[${bad}]`, states[bad], `a state from 0 to ${q - 1}`);
}
