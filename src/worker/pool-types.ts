/** The shapes shared by the pool (pool.ts) and the parallel tempering it runs (tempering.ts). */
import type { BackendChoice } from '../vocabulary.js';
import type { WorkerConnection } from './client.js';

/** Progress of a pool run. */
export interface PoolProgress {
  tasksDone: number;
  tasksTotal: number;
  /** Sweeps done (thermalization and recorded) over all tasks. */
  sweepsDone: number;
  sweepsTotal: number;
  elapsedMs: number;
  /** Estimated time to completion at the speed of this run, ms (NaN before any progress). */
  etaMs: number;
  paused: boolean;
}

/** Controls of a pool run. */
export interface PoolRunControl {
  /** Stops every task after its current chunk: finished results are kept, the rest come back with checkpoints. */
  signal?: AbortSignal;
  /** Progress, at most every `progressEveryMs` (default 100) and at the end. */
  onProgress?: (progress: PoolProgress) => void;
  progressEveryMs?: number;
}

/** The pool internals that tempering uses. */
export interface PoolInternals {
  readonly size: number;
  readonly backend: BackendChoice | undefined;
  /** Runs `work` on a free worker, retrying on a fresh worker after a crash (up to `retries` times). */
  withWorker<T>(work: (connection: WorkerConnection) => Promise<T>): Promise<T>;
  /** Resolves when not paused. */
  unpaused(signal?: AbortSignal): Promise<void>;
  restarts: number;
}
