/** The worker-pool part of bench/RESULTS.md (no runtime imports: report.ts renders it from JSON). */
import type { PoolBenchResult } from './pool.js';

/** bench/results-pool.json: a pool run with where and when it ran. */
export interface PoolReport extends PoolBenchResult {
  environment: Record<string, string | number>;
  poolSizes: number[];
}

/** The "Worker pool" section of bench/RESULTS.md. */
export function poolSection(report: PoolReport): string[] {
  const { environment: env, poolSizes } = report;
  const reference = poolSizes[0];
  return [
    '## Worker pool',
    '',
    `Written by \`npm run bench:pool\` (bench/run-pool.ts, ${env.date}, commit ${env.commit}, ${env.runtime},`,
    `${env.cpu}, ${env.cores} cores, 1-minute load average ${env.loadAverage1mBefore} before and ${env.loadAverage1mAfter} after).`,
    `A sweep of ${report.points} independent points (L = ${report.size}, ${report.sweepsPerPoint} recorded sweeps each, WebAssembly),`,
    `${(report.updates / 1e6).toFixed(0)} M site updates, on pools of different sizes; median wall time of the repeats, workers warmed up.`,
    '',
    '| workers | wall time | speed-up |',
    '|---:|---:|---:|',
    ...poolSizes.map((s) => `| ${s} | ${(report.medianMs[s] / 1000).toFixed(2)} s | ${report.speedup[s].toFixed(2)}x vs ${reference} |`),
    '',
  ];
}
