/**
 * What travels through Redis between enqueueSweep, the workers and collectSweep. Plain data, no
 * BullMQ: the payload of a queue job, its progress, its return value and the sweep's manifest.
 *
 * A sweep with id S on queue Q is
 *   - a manifest at key "<prefix>:<Q>:criticality-sweep:<S>": the planned run jobs in plan order;
 *   - one queue job per point, id "<S>-<k>" for plan index k, whose data is a {@link PointPayload}.
 *     With warm starts, the points of one size form a BullMQ flow: point k is the parent of the
 *     previous point of its size and runs after it, from its final lattice.
 * A running point keeps its newest checkpoint in its own job data (`checkpoint`), so a retried,
 * stalled or drained job resumes where it stopped; a completed point keeps its result there too
 * (`outcome`), not in BullMQ's return value, which every 'completed' event would carry again in the
 * queue's event stream. Removing the job removes them.
 */
import { InvalidOptionError } from '../errors.js';
import { validateRunJob, type RunJob } from '../jobs/job.js';

/** The queue a sweep goes to when none is named. */
export const DEFAULT_QUEUE = 'criticality';
/** Name of every point job on the queue. */
export const POINT_JOB_NAME = 'point';
export const PAYLOAD_FORMAT = 'criticality-point';
export const MANIFEST_FORMAT = 'criticality-sweep';
export const OUTCOME_FORMAT = 'criticality-result';
/** Version of the payload, outcome and manifest formats: a worker refuses any other. */
export const PROTOCOL_VERSION = 1;

/** The newest checkpoint of a running point, kept in its job data. */
export interface StoredCheckpoint {
  /** A run checkpoint (encodeCheckpoint), base64. */
  data: string;
  sweepsDone: number;
  sweepsTotal: number;
  /** Name of the worker that wrote it. */
  worker: string;
  /** Date.now() when it was written. */
  writtenAt: number;
}

/** The data of one queue job: one point of a sweep. */
export interface PointPayload {
  format: typeof PAYLOAD_FORMAT;
  version: typeof PROTOCOL_VERSION;
  /** The sweep id. */
  sweep: string;
  /** Position of the point in the plan. */
  index: number;
  /** The run, as planSweep (or sweepJobs) made it; options travel untouched. */
  job: RunJob;
  /**
   * Warm start: the plan index of the point whose final lattice this one starts from (reseeded with
   * this point's own seed); that point's job is this job's one child, so it has finished first.
   */
  after?: number;
  /** The newest checkpoint while the point runs. */
  checkpoint?: StoredCheckpoint;
  /** The result, once the point has completed. */
  outcome?: PointOutcome;
}

/** What a point reports with job.updateProgress. */
export interface PointProgress {
  sweepsDone: number;
  sweepsTotal: number;
  /** Lattice sites (weights the point in the sweep's fraction done). */
  sites: number;
}

/** What a completed point keeps in its job data. */
export interface PointOutcome {
  format: typeof OUTCOME_FORMAT;
  version: typeof PROTOCOL_VERSION;
  /** The Measurement, through toWire (bit-exact). */
  result: unknown;
  /** The final state (a simulation checkpoint, base64) when a later point warm-starts from it. */
  final?: string;
}

/** The BullMQ return value of a completed point: a pointer to the outcome in its data. */
export interface PointReturn {
  format: typeof OUTCOME_FORMAT;
  version: typeof PROTOCOL_VERSION;
  in: 'data.outcome';
}

/** Whether `value` is an outcome of this protocol version. */
export function isOutcome(value: unknown): value is PointOutcome {
  const o = value as Partial<PointOutcome> | undefined;
  return typeof o === 'object' && o !== null && o.format === OUTCOME_FORMAT && o.version === PROTOCOL_VERSION && 'result' in o;
}

/** The plan of a sweep, stored once when it is enqueued. */
export interface SweepManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof PROTOCOL_VERSION;
  id: string;
  jobs: RunJob[];
  warmStart: boolean;
  createdAt: number;
}

/** The queue job id of point `index` of sweep `sweep`. */
export function pointJobId(sweep: string, index: number): string {
  return `${sweep}-${index}`;
}

/** A point for messages: "L=32 T=2.3" (or beta=...); options travel opaquely, so only what is there. */
export function describePoint(job: RunJob | undefined): string {
  const o = job?.options as { size?: number; temperature?: number; beta?: number } | undefined;
  if (!o) return 'a point';
  return `L=${o.size}${o.temperature !== undefined ? ` T=${o.temperature}` : o.beta !== undefined ? ` beta=${o.beta}` : ''}`;
}

/** A sweep id: letters, digits, '_' and '.', 1 to 64 characters (no ':' or '-': they separate key parts and job ids). */
export function checkSweepId(id: unknown, field = 'id'): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_.]{1,64}$/.test(id)) throw new InvalidOptionError(field, id, 'a sweep id of 1 to 64 letters, digits, "_" or "."');
  return id;
}

/** A queue name: 1 to 64 letters, digits, '_', '.' or '-' (BullMQ keys start with "bull:<queue>:"). */
export function checkQueueName(name: unknown = DEFAULT_QUEUE, field = 'queue'): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(name))
    throw new InvalidOptionError(field, name, 'a queue name of 1 to 64 letters, digits, "_", "." or "-"');
  return name;
}

/**
 * Checks a job payload read from the queue. A payload this build cannot run (another format or
 * version, a malformed run job, options it does not know) throws InvalidOptionError naming the field.
 */
export function checkPayload(data: unknown): PointPayload {
  if (typeof data !== 'object' || data === null) throw new InvalidOptionError('data', data, `a ${PAYLOAD_FORMAT} payload object`);
  const p = data as Partial<PointPayload>;
  if (p.format !== PAYLOAD_FORMAT) throw new InvalidOptionError('data.format', p.format, `"${PAYLOAD_FORMAT}"`);
  if (p.version !== PROTOCOL_VERSION)
    throw new InvalidOptionError('data.version', p.version, `${PROTOCOL_VERSION} (the version this worker reads; run workers and clients of the same release)`);
  checkSweepId(p.sweep, 'data.sweep');
  if (!Number.isSafeInteger(p.index) || (p.index as number) < 0) throw new InvalidOptionError('data.index', p.index, 'an integer >= 0');
  if (p.after !== undefined && (!Number.isSafeInteger(p.after) || p.after < 0 || p.after === p.index))
    throw new InvalidOptionError('data.after', p.after, 'the index of another point of the sweep');
  validateRunJob(p.job, 'data.job.');
  return p as PointPayload;
}
