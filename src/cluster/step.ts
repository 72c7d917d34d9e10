/**
 * What one step of a cluster or hybrid algorithm does, and what it costs in sweep equivalents.
 *
 * Work accounting (so that algorithms can be compared; docs/algorithms.md, "Work accounting"):
 *   metropolis, heat-bath   1 sweep equivalent per sweep (N update attempts)
 *   swendsen-wang           1 per update (every site and bond is visited once)
 *   wolff                   flipped spins / N (the sum of the cluster sizes over N)
 *   hybrid                  hybridSweeps per step, plus the work of its cluster update as above
 * A Wolff step is a fixed number of clusters (clustersPerStep), never a stopping rule on the
 * number of flipped spins, which would bias the measurements taken at the end of each step.
 */
import type { Algorithm, ClusterAlgorithm, ClusterStep } from '../vocabulary.js';

/** Kernel codes of the cluster algorithms (mirrors CLUSTER_WOLFF and CLUSTER_SWENDSEN_WANG in assembly/cluster.ts). */
export const CLUSTER_KIND: Readonly<Record<ClusterAlgorithm, number>> = { wolff: 0, 'swendsen-wang': 1 };

/** Bytes of cluster memory per site (union-find parents, work list / sizes, flip decisions). */
export const CLUSTER_BYTES_PER_SITE = 9;

/** The cluster step of the options' algorithm, or undefined for a local algorithm. */
export function clusterStepOf(options: {
  algorithm: Algorithm;
  clustersPerStep: number;
  hybridSweeps: number;
  hybridCluster: ClusterAlgorithm;
}): ClusterStep | undefined {
  const { algorithm, clustersPerStep } = options;
  if (algorithm === 'wolff' || algorithm === 'swendsen-wang') return { cluster: algorithm, clustersPerStep, localSweeps: 0 };
  if (algorithm === 'hybrid') return { cluster: options.hybridCluster, clustersPerStep, localSweeps: options.hybridSweeps };
  return undefined;
}

/**
 * The most sweep equivalents one step can cost: a local sweep or a Swendsen-Wang update costs 1,
 * a Wolff cluster at most N flipped spins (1), a hybrid step its local sweeps plus its cluster update.
 */
export function maxStepWorkOf(step: ClusterStep | undefined): number {
  if (!step) return 1;
  return step.localSweeps + (step.cluster === 'wolff' ? step.clustersPerStep : 1);
}

/** Sweep equivalents of `steps` cluster steps that flipped `clusterFlips` spins by cluster updates. */
export function clusterWork(step: ClusterStep, steps: number, clusterFlips: number, sites: number): number {
  return step.localSweeps * steps + (step.cluster === 'wolff' ? clusterFlips / sites : steps);
}
