/**
 * A queue worker: takes point jobs off the queue and runs them with the job runner.
 *
 * A point starts from a checkpoint: the newest one in its job data when it has one (a retried,
 * stalled or drained job), else a fresh run (executeJob with a budget of 0 sweeps), its lattice
 * taken from the previous point's final state when it warm-starts. The run writes a checkpoint
 * into the job data every `checkpointEveryMs` and when the worker shuts down, so a killed worker
 * loses at most that much work; since every run is deterministic, the resumed point gives the same
 * result, bit for bit, as an uninterrupted one. The result goes into the job data too (with the
 * final lattice when a later point starts from it); a point found with its result is not run again.
 */
import { hostname } from 'node:os';
import { Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { CheckpointError, InvalidOptionError } from '../errors.js';
import { decodeCheckpoint, encodeCheckpoint } from '../checkpoint.js';
import { continueRun, executeJob, resumeSimulation, type ExecuteOptions } from '../jobs/runner.js';
import type { JobProgress, RunJob } from '../jobs/job.js';
import type { BackendChoice } from '../options.js';
import type { CoreSource } from '../backend/index.js';
import { seedState } from '../rng.js';
import { connected, connectionOptions } from './connection.js';
import {
  checkPayload,
  describePoint,
  isOutcome,
  OUTCOME_FORMAT,
  pointJobId,
  PROTOCOL_VERSION,
  type PointOutcome,
  type PointPayload,
  type PointProgress,
  type PointReturn,
  type StoredCheckpoint,
} from './protocol.js';
import { queueName, type QueueOptions } from './queue.js';
import { toWire } from './wire.js';

/** Options of {@link startWorker}. */
export interface StartWorkerOptions extends QueueOptions {
  /**
   * Points run at once by this worker. They share this thread (each runs in chunks of about 15 ms),
   * so for more cores start more worker processes (the CLI's --concurrency does). @default 1
   */
  concurrency?: number;
  /** A checkpoint goes into the job data this often while a point runs (and when the worker stops). @default 5000 */
  checkpointEveryMs?: number;
  /**
   * The lock on a running point: renewed every half of it; a worker that dies (SIGKILL, lost host)
   * has its point picked up by another worker about this long after (BullMQ stalled-job check).
   * @default 30000
   */
  lockDurationMs?: number;
  /** Times a point may be picked up again after its worker died before it fails for good. @default 3 */
  maxStalledCount?: number;
  /** Backend for points whose options do not name one. @default 'auto' */
  backend?: BackendChoice;
  /** Where to load the WebAssembly core from. @default the inlined core */
  core?: CoreSource;
  /** Worker name in logs and checkpoints. @default "<hostname>:<pid>" */
  name?: string;
  /** One line per event (point started, resumed, completed, returned to the queue, failed). @default none */
  log?: (line: string) => void;
}

/** A running worker. */
export interface ClusterWorker {
  readonly name: string;
  /**
   * Graceful stop: takes no new point, stops the running ones after their current chunk, writes
   * their checkpoints and puts them back on the queue (another worker resumes them), then closes
   * the connections. Idempotent.
   */
  close(): Promise<void>;
  /** Points completed by this worker so far. */
  readonly completed: number;
  /** The BullMQ Worker, for its events and metrics. */
  readonly bullWorker: Worker<PointPayload, PointReturn>;
}

export const WORKER_DEFAULTS = { concurrency: 1, checkpointEveryMs: 5000, lockDurationMs: 30_000, maxStalledCount: 3 } as const;

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw new InvalidOptionError(name, value, `an integer from ${min} to ${max}`);
  return value as number;
}

/** A short label of a point for logs: its job id, size and temperature. */
function label(job: Job, run: RunJob | undefined): string {
  return `${job.id} ${describePoint(run)}`;
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** Deterministic failures: the same payload would fail again on any worker, so retrying is pointless. */
function isPermanent(error: unknown): boolean {
  return error instanceof InvalidOptionError || error instanceof CheckpointError;
}

/**
 * Starts a worker on the queue and resolves once it is connected (a clear error if Redis cannot
 * be reached within 10 s). Stop it with close() (SIGTERM in the CLI).
 *
 * @example
 * const worker = await startWorker({ connection: 'redis://127.0.0.1:6379', log: console.error });
 * process.once('SIGTERM', () => void worker.close());
 */
export async function startWorker(options: StartWorkerOptions): Promise<ClusterWorker> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidOptionError('options', options, 'an object like { connection: "redis://127.0.0.1:6379" }');
  const concurrency = checkInteger('concurrency', options.concurrency ?? WORKER_DEFAULTS.concurrency, 1, 64);
  const checkpointEveryMs = checkInteger('checkpointEveryMs', options.checkpointEveryMs ?? WORKER_DEFAULTS.checkpointEveryMs, 10, 3_600_000);
  const lockDuration = checkInteger('lockDurationMs', options.lockDurationMs ?? WORKER_DEFAULTS.lockDurationMs, 500, 3_600_000);
  const maxStalledCount = checkInteger('maxStalledCount', options.maxStalledCount ?? WORKER_DEFAULTS.maxStalledCount, 0, 1000);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const { backend, core } = options;
  let closing = false;
  let completed = 0;
  /** Points whose lock this worker lost (it stalled, and another worker has taken them over). */
  const lost = new Set<string>();

  /** The checkpoint in the job data, if it belongs to this job; else undefined (and why, in the log). */
  const storedStart = (job: Job, payload: PointPayload): Uint8Array | undefined => {
    const stored = payload.checkpoint;
    if (!stored) return undefined;
    try {
      const bytes = fromBase64(stored.data);
      const { kind, state, run } = decodeCheckpoint(bytes);
      const o = payload.job.options;
      if (
        kind !== 'run' ||
        !run ||
        state.seed !== (o.seed ?? 1) ||
        state.size !== o.size ||
        run.sweeps !== payload.job.sweeps ||
        run.thermalize !== (payload.job.thermalize ?? 0)
      ) {
        throw new CheckpointError('header', 'a checkpoint of another run');
      }
      void job.log(`${name}: resumed from the checkpoint at sweep ${stored.sweepsDone} of ${stored.sweepsTotal} written by ${stored.worker}`);
      log(`${name}: ${label(job, payload.job)} resumed at sweep ${stored.sweepsDone}/${stored.sweepsTotal} (checkpoint by ${stored.worker})`);
      return bytes;
    } catch (error) {
      log(`${name}: ${label(job, payload.job)} ignores its stored checkpoint (${(error as Error).message}) and starts over`);
      return undefined;
    }
  };

  /** A fresh run of the point; warm-started from the previous point's final state when `warm`. */
  const freshStart = async (job: Job, payload: PointPayload): Promise<Uint8Array> => {
    const fresh = await executeJob(payload.job, { maxSweeps: 0, backend, core });
    if (fresh.state === 'completed') throw new Error('a run with a budget of 0 sweeps completed');
    if (payload.after === undefined) return fresh.checkpoint;
    const previousId = pointJobId(payload.sweep, payload.after);
    const previous = (await Job.fromId<PointPayload>(worker, previousId))?.data.outcome;
    if (typeof previous?.final !== 'string')
      throw new UnrecoverableError(`warm start needs the final state of point ${payload.after} (job ${previousId}), and it has none`);
    const start = decodeCheckpoint(fresh.checkpoint);
    const { state } = decodeCheckpoint(fromBase64(previous.final));
    // as runSweep's warm start: the previous lattice, this point's own seed, counters from zero
    start.state.spins = state.spins;
    start.state.rngState = seedState(start.state.seed);
    start.state.sweeps = 0;
    start.state.flips = 0;
    start.state.sweepEquivalents = 0;
    return encodeCheckpoint(start);
  };

  const processPoint = async (job: Job<PointPayload, PointReturn>, token?: string, signal?: AbortSignal): Promise<PointReturn> => {
    let payload: PointPayload;
    try {
      payload = checkPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError(`bad job payload: ${(error as Error).message}`);
    }
    const { checkpoint: _stored, outcome: _outcome, ...base } = payload;
    const what = label(job, payload.job);
    const done: PointReturn = { format: OUTCOME_FORMAT, version: PROTOCOL_VERSION, in: 'data.outcome' };
    if (isOutcome(payload.outcome)) {
      // completed before, but its worker died before BullMQ heard of it
      log(`${name}: ${what} already has its result`);
      return done;
    }
    const handBack = async (): Promise<never> => {
      await job.moveToWait(token);
      throw new WaitingError();
    };
    if (closing) return handBack();

    // checkpoints go into the job data one at a time; a newer one waits for none (the next timer tick writes it)
    let writing: Promise<void> | undefined;
    let written = 0;
    const save = async (bytes: Uint8Array, progress: JobProgress) => {
      const checkpoint: StoredCheckpoint = {
        data: toBase64(bytes),
        sweepsDone: progress.sweepsDone,
        sweepsTotal: progress.sweepsTotal,
        worker: name,
        writtenAt: Date.now(),
      };
      await job.updateData({ ...base, checkpoint });
      written++;
    };
    const saveInBackground = (bytes: Uint8Array, progress: JobProgress) => {
      writing ??= save(bytes, progress)
        .catch((error) => log(`${name}: ${what}: checkpoint not written (${(error as Error).message})`))
        .finally(() => (writing = undefined));
    };

    try {
      const start = storedStart(job, payload) ?? (await freshStart(job, payload));
      if (!payload.checkpoint) log(`${name}: ${what} started`);
      const sim = await resumeSimulation(start, { backend: payload.job.options.backend ?? backend, core });
      try {
        const sites = sim.sites;
        let lastProgress = 0;
        const control: ExecuteOptions = {
          shouldPause: () => closing || signal?.aborted === true,
          checkpointEveryMs,
          onCheckpoint: saveInBackground,
          progressEveryMs: 1000,
          onProgress: (p) => {
            if (p.sweepsDone === lastProgress) return;
            lastProgress = p.sweepsDone;
            const progress: PointProgress = { sweepsDone: p.sweepsDone, sweepsTotal: p.sweepsTotal, sites };
            void job.updateProgress(progress as unknown as object).catch(() => {});
          },
          // setImmediate lets timers (lock renewal) and I/O run between chunks
          yield: () => new Promise((resolve) => setImmediate(resolve)),
        };
        const t0 = performance.now();
        const r = await continueRun(sim, start, control);
        await writing;
        if (lost.has(job.id!)) {
          // the point is someone else's now: write nothing, move nothing (WaitingError makes BullMQ let go)
          log(
            `${name}: ${what} stopped at sweep ${r.progress.sweepsDone}/${r.progress.sweepsTotal}: its lock was lost (this worker stalled) ` +
              `and another worker has the point`,
          );
          throw new WaitingError();
        }
        if (r.state !== 'completed') {
          await save(r.checkpoint, r.progress);
          log(`${name}: ${what} returned to the queue at sweep ${r.progress.sweepsDone}/${r.progress.sweepsTotal} (worker stopping)`);
          return await handBack();
        }
        const outcome: PointOutcome = { format: OUTCOME_FORMAT, version: PROTOCOL_VERSION, result: toWire(r.result) };
        // the next point of a warm-start chain (this job's parent) starts from this final state
        if (job.parentKey) outcome.final = toBase64(sim.checkpoint());
        await job.updateData({ ...base, outcome });
        completed++;
        log(`${name}: ${what} completed in ${((performance.now() - t0) / 1000).toFixed(1)} s (${written} checkpoint(s) written)`);
        return done;
      } finally {
        sim.dispose();
        lost.delete(job.id!);
      }
    } catch (error) {
      if (error instanceof WaitingError || error instanceof UnrecoverableError) throw error;
      if (isPermanent(error)) throw new UnrecoverableError(`${(error as Error).name}: ${(error as Error).message}`);
      throw error;
    }
  };

  const worker = new Worker<PointPayload, PointReturn>(queueName(options), processPoint, {
    connection: connectionOptions(options.connection),
    concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount,
    name,
    autorun: true,
  });
  worker.on('error', (error) => {
    if (!error.message.startsWith('could not renew lock')) log(`${name}: queue error: ${error.message}`);
  });
  worker.on('lockRenewalFailed', (ids) => {
    for (const id of ids) {
      lost.add(id);
      worker.cancelJob(id, 'lock lost');
    }
  });
  worker.on('failed', (job, error) => {
    if (job && !(error instanceof WaitingError)) log(`${name}: ${label(job, job.data?.job)} failed (attempt ${job.attemptsMade}): ${error.message}`);
  });
  try {
    await connected(worker, options);
  } catch (error) {
    await worker.close(true);
    throw error;
  }
  log(`${name}: waiting for points on queue "${queueName(options)}" (concurrency ${concurrency})`);

  let closed: Promise<void> | undefined;
  return {
    name,
    get completed() {
      return completed;
    },
    bullWorker: worker,
    close() {
      closed ??= (async () => {
        closing = true;
        const done = worker.close();
        worker.cancelAllJobs('worker stopping');
        await done;
      })();
      return closed;
    },
  };
}
