/**
 * Improved estimators from cluster sizes (valid at h = 0, where every cluster is equally likely
 * to point up or down; Fortuin-Kasteleyn representation):
 *
 *   Swendsen-Wang:  <m^2> = < sum_C |C|^2 > / N^2           (sum over the clusters of one update)
 *   Wolff:          <m^2> = < |C| > / N                      (a Wolff cluster is a cluster picked
 *                                                             with probability |C| / N)
 *   chi' = N beta <m^2>  (the same quantity as observables.susceptibilityFull)
 *
 * The per-step record of a Wolff step is the sum of its clustersPerStep cluster sizes, so its
 * sample is that sum / (clustersPerStep N). Errors: binning with Sokal's tau_int (src/stats).
 */
import type { ImprovedEstimators } from '../measure.js';

export type { ImprovedEstimators } from '../measure.js';
import { estimateMean } from '../stats/index.js';
import type { ClusterStep } from '../vocabulary.js';

/** Improved estimators from the per-step cluster-size records, with their warnings. */
export function improvedEstimators(sizes: Float64Array, step: ClusterStep, sites: number, beta: number): { improved: ImprovedEstimators; warnings: string[] } {
  const scale = step.cluster === 'wolff' ? 1 / (step.clustersPerStep * sites) : 1 / (sites * sites);
  const samples = sizes.map((s) => s * scale);
  const m2 = estimateMean(samples);
  const chi = sites * beta;
  return {
    improved: {
      magnetization2: { mean: m2.mean, error: m2.error, tauInt: m2.tauInt },
      susceptibilityFull: { mean: chi * m2.mean, error: chi * m2.error, tauInt: m2.tauInt },
    },
    warnings: m2.warnings.map((w) => `improved magnetization2: ${w}`),
  };
}
