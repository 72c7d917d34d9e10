/**
 * Worker-pool scaling: the same temperature sweep (independent run jobs from planSweep) on a pool
 * of 1 worker and on a pool of N, wall time of the whole sweep, workers started and warmed up
 * before timing. Speed-up = time(1) / time(N), measured in the same run (median of repeats).
 * Runs the built package (workers execute dist/worker/simulation.worker.js).
 */
import { createPool, planSweep, type RunJob } from '../dist/index.js';

export interface PoolBenchOptions {
  /** Linear size of every point. */
  size: number;
  /** Number of temperature points. */
  points: number;
  /** Recorded sweeps per point (plus 10% thermalization). */
  sweeps: number;
  /** Pool sizes to compare; the first is the reference. */
  poolSizes: number[];
  repeats: number;
  log?: (line: string) => void;
}

export interface PoolBenchResult {
  size: number;
  points: number;
  sweepsPerPoint: number;
  /** Site updates in the whole sweep. */
  updates: number;
  /** Median wall time (ms) per pool size. */
  medianMs: Record<number, number>;
  /** time(first pool size) / time(this pool size). */
  speedup: Record<number, number>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export async function runPoolBench(options: PoolBenchOptions): Promise<PoolBenchResult> {
  const log = options.log ?? (() => {});
  const temperatures = Array.from({ length: options.points }, (_, i) => 2 + (0.6 * i) / Math.max(1, options.points - 1));
  const jobs: RunJob[] = planSweep({ sizes: [options.size], temperatures, seed: 1, thermalize: Math.ceil(options.sweeps / 10), sweeps: options.sweeps, options: { backend: 'wasm' } });
  const updates = jobs.reduce((sum, j) => sum + options.size ** 2 * ((j.thermalize ?? 0) + j.sweeps), 0);
  const times: Record<number, number[]> = {};
  for (const size of options.poolSizes) times[size] = [];
  const pools = await Promise.all(options.poolSizes.map((size) => createPool({ size, backend: 'wasm' })));
  try {
    // warm-up: start every worker, compile the core, run a little
    for (const pool of pools) await pool.run(Array.from({ length: pool.size }, (_, i) => ({ kind: 'run', options: { size: 16, seed: i }, sweeps: 200 })));
    for (let r = 0; r < options.repeats; r++) {
      for (const pool of pools) {
        const t0 = performance.now();
        const result = await pool.run(jobs);
        const ms = performance.now() - t0;
        if (result.state !== 'completed') throw new Error(`pool of ${pool.size}: ${result.state}`);
        times[pool.size].push(ms);
        log(`pool of ${pool.size}: ${(ms / 1000).toFixed(2)} s (${((updates / ms) * 1e-6).toFixed(3)} updates/ns)`);
      }
    }
  } finally {
    await Promise.all(pools.map((p) => p.dispose()));
  }
  const medianMs: Record<number, number> = {};
  const speedup: Record<number, number> = {};
  for (const size of options.poolSizes) medianMs[size] = median(times[size]);
  for (const size of options.poolSizes) speedup[size] = medianMs[options.poolSizes[0]] / medianMs[size];
  return { size: options.size, points: options.points, sweepsPerPoint: options.sweeps, updates, medianMs, speedup };
}

