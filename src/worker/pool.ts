/**
 * A pool of simulation workers: runs lists of independent jobs (a sweep over (L, T) points,
 * independent replicas) and parallel tempering, with
 *   - results in job order, identical for any pool size and completion order (each job carries
 *     its own seed; replicas get childSeed(seed, k));
 *   - progress (tasks and sweeps done, ETA), pause() / resume(), and AbortSignal cancellation
 *     that returns every finished result, marked, plus checkpoints of the unfinished ones;
 *   - fault recovery: running tasks send checkpoints back every `checkpointEveryMs`; a worker that
 *     crashes is replaced and its task re-runs from its latest checkpoint (deterministically, so
 *     the result is the same as without the crash).
 */
import { availableCores } from '#platform';
import { childSeed } from '../rng.js';
import { DisposedError, InvalidOptionError, WorkerCrashedError } from '../errors.js';
import { BACKENDS, checkCount, oneOf, type BackendChoice } from '../options.js';
import { checkFunction, checkMilliseconds, checkOptions, checkSignal } from '../validate.js';
import { isCoreSource, type CoreSource } from '../backend/loader.js';
import { validateRunJob, type JobProgress, type JobResult, type RunJob } from '../jobs/job.js';
import type { Measurement } from '../measure.js';
import { WorkerConnection } from './client.js';
import { checkWorkerSource, type WorkerSource } from './spawn.js';
import * as Comlink from 'comlink';
import { temper, type TemperingOptions, type TemperingResult } from './tempering.js';
import type { PoolInternals, PoolProgress, PoolRunControl } from './pool-types.js';

export type { PoolInternals, PoolProgress, PoolRunControl } from './pool-types.js';
import type { CrashPlan } from './simulation.worker.js';

export interface PoolOptions {
  /** Number of workers. @default the available cores (os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers) */
  size?: number;
  /** Backend for jobs whose options do not name one. @default 'auto' */
  backend?: BackendChoice;
  /** Where the worker module is. @default the built simulation.worker.js */
  worker?: WorkerSource;
  /**
   * The WebAssembly core, compiled once on this thread and sent to every worker as a
   * `WebAssembly.Module` (bytes, a URL, a Response or a Module). @default the default core (see loadCore)
   */
  core?: CoreSource;
  /** How often a running task sends a checkpoint back, ms (a crash loses at most this much work). @default 1000 */
  checkpointEveryMs?: number;
  /** Worker crashes tolerated per task before it is reported as failed. @default 2 */
  retries?: number;
}

/** What became of one job. */
export type TaskOutcome =
  | { state: 'completed'; job: RunJob; result: Measurement }
  /** Stopped by the signal: `checkpoint` continues it (undefined when it never started). */
  | { state: 'aborted'; job: RunJob; checkpoint: Uint8Array | undefined; progress?: JobProgress }
  /** Failed with an error, or crashed its worker more than `retries` times. */
  | { state: 'failed'; job: RunJob; error: Error; checkpoint: Uint8Array | undefined };

export interface PoolRunResult {
  /** 'completed' when every task completed; 'aborted' when the signal stopped the run; else 'failed'. */
  state: 'completed' | 'aborted' | 'failed';
  /** One outcome per job, in job order. */
  tasks: TaskOutcome[];
  /** Number of completed tasks. */
  completed: number;
  /** Workers replaced after a crash during this run. */
  restarts: number;
}

export interface Pool {
  /** Number of workers. */
  readonly size: number;
  /** Whether pause() is in effect. */
  readonly paused: boolean;
  /** Runs independent jobs (e.g. the points of planSweep()) in parallel. */
  run(jobs: RunJob[], control?: PoolRunControl): Promise<PoolRunResult>;
  /** Runs `count` independent replicas of `job`, replica k with seed childSeed(job.options.seed ?? 1, k). */
  replicas(job: RunJob, count: number, control?: PoolRunControl): Promise<PoolRunResult>;
  /** Parallel tempering (replica exchange) across temperatures; see TemperingOptions. */
  temper(options: TemperingOptions, control?: PoolRunControl): Promise<TemperingResult>;
  /**
   * Running tasks stop after their current chunk and wait (their checkpoints kept); no task starts
   * until resume(). Both report progress to the runs in progress at once (`paused` says which).
   */
  pause(): void;
  resume(): void;
  /** Ends every worker. */
  dispose(): Promise<void>;
  /**
   * TEST HOOK, not for applications: makes the worker in `slot` end abruptly (process.exit inside a
   * worker_thread), as a crash would, to exercise recovery: at once, or at the point of later work
   * that `plan` names (deterministic, whatever the machine's speed).
   */
  crashWorkerForTesting(slot: number, plan?: CrashPlan): Promise<void>;
}

/** Checks the controls of a pool run (unknown keys and mistyped values are InvalidOptionErrors). */
function checkPoolControl(control: unknown): void {
  const c = checkOptions('control', control, ['signal', 'onProgress', 'progressEveryMs']);
  if (c.signal !== undefined) checkSignal('signal', c.signal);
  if (c.onProgress !== undefined) checkFunction('onProgress', c.onProgress);
  if (c.progressEveryMs !== undefined) checkMilliseconds('progressEveryMs', c.progressEveryMs, { zero: true, infinite: true });
}

interface Slot {
  connection: WorkerConnection;
  busy: boolean;
}

class WorkerPool implements Pool, PoolInternals {
  readonly size: number;
  readonly backend: BackendChoice | undefined;
  restarts = 0;
  private readonly slots: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private pauseGate: { promise: Promise<void>; open: () => void } | undefined;
  private readonly running = new Map<number, WorkerConnection>(); // call id -> connection, for pause
  private disposed = false;

  constructor(
    size: number,
    private readonly options: PoolOptions,
  ) {
    this.size = size;
    this.backend = options.backend;
    this.slots = Array.from({ length: size }, () => ({ connection: new WorkerConnection(options.worker, options.core), busy: false }));
  }

  /** The progress reports of the runs in progress, told of pause() and resume(). */
  private readonly reporters = new Set<() => void>();

  get paused(): boolean {
    return this.pauseGate !== undefined;
  }

  private acquire(): Promise<Slot> {
    if (this.disposed) return Promise.reject(new DisposedError('pool'));
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  async withWorker<T>(work: (connection: WorkerConnection) => Promise<T>): Promise<T> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const slot = await this.acquire();
      try {
        return await work(slot.connection);
      } catch (error) {
        if (!(error instanceof WorkerCrashedError) || this.disposed) throw error;
        // replace the dead worker; the task runs again from its latest checkpoint
        void slot.connection.terminate();
        slot.connection = new WorkerConnection(this.options.worker, this.options.core);
        this.restarts++;
        if (attempt >= retries) throw error;
      } finally {
        this.release(slot);
      }
    }
  }

  unpaused(signal?: AbortSignal): Promise<void> {
    if (!this.pauseGate || signal?.aborted) return Promise.resolve();
    const gate = this.pauseGate.promise;
    if (!signal) return gate;
    return Promise.race([gate, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
  }

  pause(): void {
    if (this.pauseGate) return;
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.pauseGate = { promise, open };
    for (const [id, connection] of this.running) void connection.pause(id);
    for (const report of this.reporters) report();
  }

  resume(): void {
    const gate = this.pauseGate;
    this.pauseGate = undefined;
    gate?.open();
    if (gate) for (const report of this.reporters) report();
  }

  async run(jobs: RunJob[], control: PoolRunControl = {}): Promise<PoolRunResult> {
    checkPoolControl(control);
    if (!Array.isArray(jobs)) throw new InvalidOptionError('jobs', jobs, 'an array of run jobs');
    const valid = jobs.map((job, i) => validateRunJob(job, `jobs[${i}].`));
    const { signal } = control;
    const t0 = Date.now();
    const restartsBefore = this.restarts;
    const done = valid.map(() => 0);
    const totals = valid.map((j) => j.thermalize + j.sweeps);
    const sweepsTotal = totals.reduce((a, b) => a + b, 0);
    let tasksDone = 0;
    let lastReport = 0;
    const report = (force = false) => {
      const now = Date.now();
      if (!control.onProgress || (!force && now - lastReport < (control.progressEveryMs ?? 100))) return;
      lastReport = now;
      const sweepsDone = done.reduce((a, b) => a + b, 0);
      const elapsedMs = now - t0;
      control.onProgress({
        tasksDone,
        tasksTotal: valid.length,
        sweepsDone,
        sweepsTotal,
        elapsedMs,
        etaMs: sweepsDone > 0 ? ((sweepsTotal - sweepsDone) * elapsedMs) / sweepsDone : NaN,
        paused: this.paused,
      });
    };

    const onPauseOrResume = () => report(true);
    this.reporters.add(onPauseOrResume);

    const runOne = async (job: RunJob, index: number): Promise<TaskOutcome> => {
      let checkpoint: Uint8Array | undefined;
      for (;;) {
        await this.unpaused(signal);
        if (signal?.aborted) return { state: 'aborted', job, checkpoint };
        let result: JobResult | undefined;
        try {
          result = await this.withWorker((connection) =>
            signal?.aborted
              ? Promise.resolve(undefined)
              : connection.call(
                  'run',
                  (remote, id) =>
                    (
                      remote.run(
                        checkpoint ?? job,
                        id,
                        { checkpointEveryMs: this.options.checkpointEveryMs ?? 1000, backend: this.backend, aborted: signal?.aborted },
                        Comlink.proxy((p: JobProgress) => {
                          done[index] = p.sweepsDone;
                          report();
                        }),
                        Comlink.proxy((bytes: Uint8Array) => (checkpoint = bytes)),
                      ) as Promise<JobResult>
                    ).finally(() => this.running.delete(id)),
                  signal,
                  (id) => {
                    this.running.set(id, connection);
                    if (this.paused) void connection.pause(id);
                  },
                ),
          );
        } catch (error) {
          return { state: 'failed', job, error: error instanceof Error ? error : new Error(String(error)), checkpoint };
        }
        if (!result) return { state: 'aborted', job, checkpoint };
        if (result.state === 'completed') {
          done[index] = totals[index];
          tasksDone++;
          report();
          return { state: 'completed', job, result: result.result };
        }
        checkpoint = result.checkpoint;
        done[index] = result.progress.sweepsDone;
        if (result.state === 'aborted') return { state: 'aborted', job, checkpoint, progress: result.progress };
        // 'paused': wait for resume() at the top of the loop, then continue from the checkpoint
      }
    };

    const tasks = await Promise.all(valid.map(runOne)).finally(() => this.reporters.delete(onPauseOrResume));
    report(true);
    const completed = tasks.filter((t) => t.state === 'completed').length;
    return {
      state: completed === tasks.length ? 'completed' : tasks.some((t) => t.state === 'aborted') ? 'aborted' : 'failed',
      tasks,
      completed,
      restarts: this.restarts - restartsBefore,
    };
  }

  replicas(job: RunJob, count: number, control?: PoolRunControl): Promise<PoolRunResult> {
    checkCount('count', count, 1);
    const base = validateRunJob(job);
    const seed = base.options.seed ?? 1;
    return this.run(
      Array.from({ length: count }, (_, k) => ({ ...base, options: { ...base.options, seed: childSeed(seed, k) } })),
      control,
    );
  }

  temper(options: TemperingOptions, control?: PoolRunControl): Promise<TemperingResult> {
    checkPoolControl(control);
    return temper(this, options, control);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.resume();
    await Promise.all(this.slots.map((s) => s.connection.close()));
  }

  async crashWorkerForTesting(slot: number, plan?: CrashPlan): Promise<void> {
    const connection = this.slots[slot]?.connection;
    if (!connection) throw new InvalidOptionError('slot', slot, `a slot from 0 to ${this.size - 1}`);
    await connection.call('crashForTesting', (remote) => remote.crashForTesting(3, plan)).catch(() => {});
  }
}

/**
 * Creates a pool of workers (started lazily, on the first task each gets).
 *
 * @example
 * const pool = await createPool({ size: 2 });
 * const { tasks } = await pool.run(planSweep({ sizes: [16, 32], temperatures: [2.2, 2.3], sweeps: 10_000, seed: 1 }));
 * await pool.dispose();
 */
export async function createPool(options: PoolOptions = {}): Promise<Pool> {
  checkOptions('options', options, ['size', 'backend', 'worker', 'core', 'checkpointEveryMs', 'retries']);
  const size = options.size === undefined ? availableCores() : checkCount('size', options.size, 1);
  if (options.backend !== undefined) oneOf('backend', options.backend, BACKENDS);
  if (options.worker !== undefined) checkWorkerSource(options.worker);
  if (options.core !== undefined && !isCoreSource(options.core))
    throw new InvalidOptionError('core', options.core, 'bytes, a URL, a Response or a WebAssembly.Module');
  if (options.retries !== undefined) checkCount('retries', options.retries, 0);
  if (options.checkpointEveryMs !== undefined) checkCount('checkpointEveryMs', options.checkpointEveryMs, 1);
  return new WorkerPool(size, options);
}
