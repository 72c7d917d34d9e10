/** Waiting for a sweep on the queue, with progress from queue events, and merging its results. */
import { QueueEvents } from 'bullmq';
import { InvalidOptionError } from '../errors.js';
import type { RunJob } from '../jobs/job.js';
import { mergeResults, type MergedSweep } from '../jobs/plan.js';
import type { Measurement } from '../measure.js';
import { connected, connectionOptions } from './connection.js';
import { checkSweepId, describePoint, isOutcome, OUTCOME_FORMAT, pointJobId, PROTOCOL_VERSION, type PointPayload, type PointProgress } from './protocol.js';
import { openQueue, queueName, readManifest, type QueueOptions } from './queue.js';
import { fromWire } from './wire.js';

/** Progress of a sweep on the queue. */
export interface CollectProgress {
  /** Points completed. */
  pointsDone: number;
  /** Points failed for good. */
  pointsFailed: number;
  pointsTotal: number;
  /** Fraction of the work done: sweeps done x sites, summed over points, over the total. */
  fraction: number;
  /** Since collectSweep was called, ms. */
  elapsedMs: number;
  /** Estimated time left at the speed seen by this call, ms (NaN before any progress). */
  etaMs: number;
  /** The point that reported last (plan index and job). */
  latest: { index: number; job: RunJob };
}

/** Options of {@link collectSweep}. */
export interface CollectOptions extends QueueOptions {
  /** Progress, on every queue event of the sweep (throttled to `progressEveryMs`) and at the end. */
  onProgress?: (progress: CollectProgress) => void;
  /** @default 200 */
  progressEveryMs?: number;
  /** Stops waiting (the sweep goes on on the queue); the result holds what was finished. */
  signal?: AbortSignal;
  /** Stops waiting after this long, ms (the sweep goes on). @default no limit */
  timeoutMs?: number;
  /** Job states are also re-read this often, besides queue events, ms. @default 2000 */
  pollMs?: number;
}

/** A failed point. */
export interface FailedPoint {
  index: number;
  job: RunJob;
  /** Why (BullMQ's failedReason: the error of the last try, e.g. "bad job payload: Invalid option ..."). */
  error: string;
}

/** What collectSweep returns: mergeResults of the planned jobs and the completed results, and the failures. */
export interface CollectedSweep extends MergedSweep {
  id: string;
  /** Points that failed for good (they are among `missing`). */
  failed: FailedPoint[];
  /** True when every point completed or failed; false when collectSweep stopped waiting (signal or timeout). */
  finished: boolean;
}

type Status = 'pending' | 'completed' | 'failed';

/** The Measurement of a completed job (in its data). */
function decodeOutcome(payload: PointPayload | undefined, jobId: string): Measurement {
  const outcome = payload?.outcome;
  if (!isOutcome(outcome))
    throw new InvalidOptionError(
      `data.outcome of job ${jobId}`,
      outcome === undefined ? undefined : '(an outcome)',
      `a ${OUTCOME_FORMAT} version ${PROTOCOL_VERSION} result`,
    );
  return fromWire(outcome.result) as Measurement;
}

/**
 * Waits until every point of sweep `id` has completed or failed, reporting progress from queue
 * events, and returns exactly what mergeResults returns for the planned jobs and the results (in
 * plan order), with the failed points and their errors. Reads only: calling it again returns the
 * same thing (the results stay on the queue until removeSweep). Throws InvalidOptionError when the
 * queue holds no sweep `id`, and an Error when Redis cannot be reached.
 */
export async function collectSweep(id: string, options: CollectOptions): Promise<CollectedSweep> {
  checkSweepId(id);
  if (typeof options !== 'object' || options === null)
    throw new InvalidOptionError('options', options, 'an object like { connection: "redis://127.0.0.1:6379" }');
  const pollMs = options.pollMs ?? 2000;
  const progressEveryMs = options.progressEveryMs ?? 200;
  for (const [key, value] of [
    ['pollMs', pollMs],
    ['progressEveryMs', progressEveryMs],
    ['timeoutMs', options.timeoutMs ?? 1],
  ] as const) {
    if (typeof value !== 'number' || !(value > 0)) throw new InvalidOptionError(key, value, 'a number of milliseconds > 0');
  }
  const started = performance.now();
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  const queue = await openQueue(options);
  // events first, so that nothing finishing between the first read and the subscription is missed
  const events = new QueueEvents(queueName(options), { connection: connectionOptions(options.connection) });
  events.on('error', () => {});
  try {
    await connected(events, options);
    const manifest = await readManifest(queue, id);
    if (!manifest)
      throw new InvalidOptionError(
        'id',
        id,
        `the id of a sweep on queue "${queueName(options)}" of this Redis (enqueueSweep returns it; removeSweep deletes it)`,
      );
    const { jobs } = manifest;
    const n = jobs.length;
    const index = new Map(jobs.map((_, k) => [pointJobId(id, k), k]));
    const status: Status[] = jobs.map(() => 'pending');
    const total = jobs.map((job) => (job.thermalize ?? 0) + job.sweeps);
    const done = jobs.map(() => 0);
    const sites = jobs.map((job) => (job.options.size ?? 0) ** 2);
    const startDone = { work: NaN };
    let latest = 0;
    const dirty = new Set<number>();
    let wake = () => {};

    const progress = (): CollectProgress => {
      let work = 0;
      let all = 0;
      for (let k = 0; k < n; k++) {
        all += total[k] * sites[k];
        work += (status[k] === 'completed' ? total[k] : done[k]) * sites[k];
      }
      const fraction = all > 0 ? work / all : 0;
      if (Number.isNaN(startDone.work)) startDone.work = fraction;
      const elapsedMs = performance.now() - started;
      const gained = fraction - startDone.work;
      return {
        pointsDone: status.filter((s) => s === 'completed').length,
        pointsFailed: status.filter((s) => s === 'failed').length,
        pointsTotal: n,
        fraction,
        elapsedMs,
        etaMs: fraction >= 1 ? 0 : gained > 0 ? (elapsedMs * (1 - fraction)) / gained : NaN,
        latest: { index: latest, job: jobs[latest] },
      };
    };
    let lastReport = -Infinity;
    const report = (force = false) => {
      if (!options.onProgress) return;
      const now = performance.now();
      if (!force && now - lastReport < progressEveryMs) return;
      lastReport = now;
      options.onProgress(progress());
    };

    events.on('progress', ({ jobId, data }) => {
      const k = index.get(jobId);
      const p = data as Partial<PointProgress>;
      if (k === undefined || typeof p?.sweepsDone !== 'number') return;
      done[k] = p.sweepsDone;
      if (typeof p.sites === 'number') sites[k] = p.sites;
      latest = k;
      report();
    });
    const settle = ({ jobId }: { jobId: string }) => {
      const k = index.get(jobId);
      if (k === undefined) return;
      dirty.add(k);
      wake();
    };
    events.on('completed', settle);
    events.on('failed', settle);

    /** Reads the states of points `ks` (a removed job counts as failed). */
    const refresh = async (ks: number[]) => {
      for (let i = 0; i < ks.length; i += 100) {
        const batch = ks.slice(i, i + 100);
        const states = await Promise.all(batch.map((k) => queue.getJobState(pointJobId(id, k))));
        batch.forEach((k, j) => {
          const state = states[j];
          if (state === 'completed' || state === 'failed' || state === 'unknown') {
            if (status[k] === 'pending') latest = k;
            status[k] = state === 'completed' ? 'completed' : 'failed';
          }
        });
      }
    };

    const pending = () => status.flatMap((s, k) => (s === 'pending' ? [k] : []));
    await refresh(pending());
    report(true);
    let stopped = false;
    let lastPoll = performance.now();
    while (pending().length > 0) {
      if (options.signal?.aborted || performance.now() >= deadline) {
        stopped = true;
        break;
      }
      await new Promise<void>((resolve) => {
        const wait = Math.max(0, Math.min(pollMs - (performance.now() - lastPoll), deadline - performance.now()));
        const timer = setTimeout(finish, wait);
        const onAbort = () => finish();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        function finish() {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          wake = () => {};
          resolve();
        }
        wake = finish;
        if (dirty.size > 0) finish();
      });
      if (performance.now() - lastPoll >= pollMs) {
        lastPoll = performance.now();
        await refresh(pending());
      } else {
        const ks = [...dirty];
        dirty.clear();
        await refresh(ks.filter((k) => status[k] === 'pending'));
      }
      report();
    }
    report(true);

    const results: Measurement[] = [];
    const failed: FailedPoint[] = [];
    for (let k = 0; k < n; k++) {
      if (status[k] === 'pending') continue;
      const jobId = pointJobId(id, k);
      const job = await queue.getJob(jobId);
      if (status[k] === 'completed' && job) results.push(decodeOutcome(job.data as PointPayload, jobId));
      else failed.push({ index: k, job: jobs[k], error: job ? job.failedReason || 'failed' : `job ${jobId} is no longer on the queue (removed)` });
    }
    // BullMQ's reason for a chain's later points ("child bull:<queue>:<job id> failed"), in the sweep's terms
    for (const f of failed) {
      const child = /^child \S*:([^:\s]+) failed$/.exec(f.error);
      const from = child ? index.get(child[1]) : undefined;
      if (from !== undefined) f.error = `the point it warm-starts from (${describePoint(jobs[from])}, index ${from}) failed`;
    }
    return { ...mergeResults(jobs, results), id, failed, finished: !stopped };
  } finally {
    await events.close();
    await queue.close();
  }
}
