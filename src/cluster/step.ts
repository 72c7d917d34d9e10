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
import type { NormalizedOptions } from '../options.js';
import type { ClusterStep } from '../backend/types.js';

/** Bytes of cluster memory per site (union-find parents, work list / sizes, flip decisions). */
export const CLUSTER_BYTES_PER_SITE = 9;

/** The cluster step of the options' algorithm, or undefined for a local algorithm. */
export function clusterStepOf(options: NormalizedOptions): ClusterStep | undefined {
  const { algorithm, clustersPerStep } = options;
  if (algorithm === 'wolff' || algorithm === 'swendsen-wang') return { cluster: algorithm, clustersPerStep, localSweeps: 0 };
  if (algorithm === 'hybrid') return { cluster: options.hybridCluster, clustersPerStep, localSweeps: options.hybridSweeps };
  return undefined;
}

/** Sweep equivalents of `steps` cluster steps that flipped `clusterFlips` spins by cluster updates. */
export function clusterWork(step: ClusterStep, steps: number, clusterFlips: number, sites: number): number {
  return step.localSweeps * steps + (step.cluster === 'wolff' ? clusterFlips / sites : steps);
}
