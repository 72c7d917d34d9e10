/**
 * The cluster and hybrid steps of the continuous-spin and phi^4 kernels (src/models/continuous/model-kernel.ts,
 * src/models/phi4/model-kernel.ts): Wolff clusters or one Swendsen-Wang update by embedding a step,
 * after `localSweeps` Metropolis sweeps for a hybrid step, and the labels of the last cluster update.
 */
import type { ClusterAlgorithm, ClusterStep, ClusterSweepResult } from '../../vocabulary.js';
import { labelsFromParents } from './embedding.js';

/** What the steps need of a kernel (either backend). */
export interface EmbeddingClusters {
  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number;
  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number;
  clusterSites(): Int32Array;
  clusterParents(): Int32Array;
}

/**
 * n cluster steps of `width`-value records; `local(sweeps, recorded)` runs a hybrid step's Metropolis
 * sweeps (recorded steps keep the step size frozen: detailed balance; only thermalization tunes it).
 */
export function embeddedClusterSweep(
  kernel: EmbeddingClusters,
  step: ClusterStep,
  n: number,
  width: number,
  local: (sweeps: number, recorded: boolean) => number,
  records?: Float64Array,
  sizes?: Float64Array,
): ClusterSweepResult {
  const update = (steps: number, into?: Float64Array, sizesInto?: Float64Array): number =>
    step.cluster === 'swendsen-wang' ? kernel.swendsenWang(steps, into, sizesInto) : kernel.wolff(steps, step.clustersPerStep, into, sizesInto);
  if (step.localSweeps === 0) {
    const flips = update(n, records, records ? sizes : undefined);
    return { flips, clusterFlips: flips };
  }
  let flips = 0;
  let clusterFlips = 0;
  for (let k = 0; k < n; k++) {
    flips += local(step.localSweeps, records !== undefined);
    const changed = update(1, records?.subarray(width * k, width * (k + 1)), records ? sizes?.subarray(k, k + 1) : undefined);
    flips += changed;
    clusterFlips += changed;
  }
  return { flips, clusterFlips };
}

/**
 * Labels of the last cluster update (src/cluster/labels.ts): after Wolff, the last cluster's smallest
 * site on its sites and -1 elsewhere; after Swendsen-Wang, every site's cluster by its smallest site.
 */
export function embeddedClusterLabels(kernel: EmbeddingClusters, last: ClusterAlgorithm, sites: number): Int32Array {
  if (last === 'swendsen-wang') return labelsFromParents(kernel.clusterParents());
  const labels = new Int32Array(sites).fill(-1);
  const members = kernel.clusterSites();
  let label = Infinity;
  for (const s of members) label = Math.min(label, s);
  for (const s of members) labels[s] = label;
  return labels;
}
