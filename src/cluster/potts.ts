/**
 * The q-state Potts model's cluster kernels, at the kernel level (the public API reaches them
 * through the model seam): the contract both backends implement over a Potts kernel's lattice,
 * generator and exact counts (src/models/potts/kernel.ts) — assembly/potts-cluster.ts with its
 * wrapper WasmPottsClusters in src/models/potts/clusters-wasm.ts, and JsPottsClusters in src/models/potts/clusters-js.ts —
 * and the thresholds they share.
 *
 *   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   J = 1, k_B = 1, states 0..q-1.
 *
 * Bond p = 1 - exp(-beta J) between equal neighbours; a Wolff cluster moves to a uniformly random
 * other state, a Swendsen-Wang cluster to a uniformly random state; the field by a ghost spin
 * (assembly/potts-cluster.ts and the engine's header, assembly/cluster-engine.ts).
 */
import { InvalidOptionError } from '../errors.js';
import { threshold } from '../thresholds.js';
import type { ClusterAlgorithm } from '../vocabulary.js';

/** Largest q of the cluster kernels (mirrors POTTS_CLUSTER_MAX_Q in assembly/potts-cluster.ts: byte 255 marks a growing cluster). */
export const POTTS_CLUSTER_MAX_Q = 255;

export interface PottsThresholds {
  /** Threshold of p = 1 - exp(-beta J): equal neighbours bond. */
  bond: number;
  /** Threshold of p_h = 1 - exp(-beta |h|): a favoured site bonds to the ghost. */
  ghost: number;
  /** sign(h): 1 favours state 0 (its sites bond to the ghost), -1 disfavours it (every other state bonds). */
  fieldMode: number;
}

/** Cluster thresholds of the Potts model at inverse temperature beta and field h (-expm1 keeps small p accurate). */
export function pottsThresholds(beta: number, field: number): PottsThresholds {
  return {
    bond: threshold(-Math.expm1(-beta)),
    ghost: threshold(-Math.expm1(-beta * Math.abs(field))),
    fieldMode: Math.sign(field) | 0,
  };
}

/** Throws unless the cluster kernels take q (2..POTTS_CLUSTER_MAX_Q). */
export function checkPottsClusterQ(q: number): void {
  if (!Number.isInteger(q) || q < 2 || q > POTTS_CLUSTER_MAX_Q) {
    throw new InvalidOptionError(
      'q',
      q,
      `an integer from 2 to ${POTTS_CLUSTER_MAX_Q} for cluster updates (byte ${POTTS_CLUSTER_MAX_Q} marks a growing cluster)`,
    );
  }
}

/**
 * Cluster updates of one Potts kernel's lattice, generator and counts (Nb, n_k stay exact). The
 * same calls on the two backends give the same lattice, records and generator state.
 */
export interface PottsClusterKernel {
  readonly backend: 'wasm' | 'js';
  /** Installs the thresholds of {@link pottsThresholds}. */
  setThresholds(t: PottsThresholds): void;
  /**
   * Runs `steps` steps of `clustersPerStep` Wolff clusters or one Swendsen-Wang update. With `out`
   * (length >= (q + 1) steps) and `sizes` (length >= steps) writes after every step the Potts record
   * [Nb, n_0, ..., n_{q-1}] at out[(q + 1) k ...] and the cluster-size record (Wolff: sum of |C|;
   * Swendsen-Wang: sum over clusters of |C|^2). Returns the number of sites whose state changed.
   */
  update(cluster: ClusterAlgorithm, steps: number, clustersPerStep: number, out?: Int32Array, sizes?: Float64Array): number;
  /** Labels of the last cluster update, as for Ising (src/cluster/labels.ts). */
  labels(): Int32Array;
}
