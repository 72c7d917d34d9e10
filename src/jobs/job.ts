/**
 * Jobs: plain JSON descriptions of work, validated at the boundary. A run job is one
 * simulation point: options, sweeps discarded to thermalize, then sweeps recorded (one (B, M)
 * record a sweep) and turned into a {@link Measurement} at the end.
 */
import { InvalidOptionError } from '../errors.js';
import type { Measurement } from '../measure.js';
import { normalizeOptions, type SimulationOptions } from '../options.js';
import { modelDefinition } from '../models/index.js';
import { correlationInterval, maxMeasureSweeps } from '../run.js';
import { checkCount, checkObject, rejectUnknownKeys, withPrefix } from '../validate.js';

export { checkObject, rejectUnknownKeys, withPrefix } from '../validate.js';
import type { JobProgress } from './work.js';

export type { ChunkedWork, JobProgress } from './work.js';

/** Simulation options that can travel as JSON (everything but `core`). */
export type JobOptions = Omit<SimulationOptions, 'core'>;

/** One simulation point, as plain JSON. */
export interface RunJob {
  kind: 'run';
  /** Simulation options (size, temperature or beta, field, algorithm, seed, start, backend, ...). */
  options: JobOptions;
  /** Sweeps run first and discarded. @default 0 */
  thermalize?: number;
  /** Sweeps recorded, one sample each: an integer from 2 to 2^25. */
  sweeps: number;
  /** Keep the per-sweep e and m series in the result (for histogram reweighting and finite-size scaling). @default false */
  keepSeries?: boolean;
  /** Add the histograms of the per-sweep e and m (distinct values with counts) to the result. @default false */
  histograms?: boolean;
  /** Spin correlations, as for measure(): `true` (a sample every L sweeps) or `{ every: k }`. @default false */
  correlations?: boolean | { every?: number };
}

/** A validated run job: thermalize filled in; the output flags present only when given. */
export type ValidRunJob = Required<Pick<RunJob, 'kind' | 'options' | 'thermalize' | 'sweeps'>> & Pick<RunJob, 'keepSeries' | 'histograms' | 'correlations'>;

/**
 * The outcome of running a job: completed with its measurement, or stopped early with a
 * checkpoint that continues it exactly (pass the checkpoint back to the runner).
 */
export type JobResult =
  | { state: 'completed'; result: Measurement; progress: JobProgress }
  | { state: 'paused' | 'aborted' | 'budget-exhausted'; checkpoint: Uint8Array; progress: JobProgress };

const JOB_KEYS = ['kind', 'options', 'thermalize', 'sweeps', 'keepSeries', 'histograms', 'correlations'];

/**
 * Validates a run job (throws {@link InvalidOptionError} naming the field, prefixed by `prefix`)
 * and returns a clean copy with `thermalize` filled in.
 */
export function validateRunJob(job: unknown, prefix = ''): ValidRunJob {
  const j = checkObject(prefix ? prefix.replace(/\.$/, '') : 'job', job, '{ "kind": "run", "options": { "size": 16 }, "sweeps": 10000 }');
  rejectUnknownKeys(j, JOB_KEYS, prefix);
  if (j.kind !== 'run') throw new InvalidOptionError(`${prefix}kind`, j.kind, '"run"');
  const options = checkObject(`${prefix}options`, j.options ?? {}, '{ "size": 16, "temperature": 2.3 }');
  if ('core' in options)
    throw new InvalidOptionError(`${prefix}options.core`, '(a core source)', 'no core in a job (jobs are plain JSON; pass the core to the runner)');
  const normalized = withPrefix(`${prefix}options.`, () => normalizeOptions(options));
  const thermalize = withPrefix(prefix, () => checkCount('thermalize', j.thermalize ?? 0, 0));
  const sweeps = withPrefix(prefix, () => checkCount('sweeps', j.sweeps, 2));
  const definition = modelDefinition(normalized.model);
  const most = maxMeasureSweeps(definition.recordWidth(normalized), definition.recordType);
  if (sweeps > most) throw new InvalidOptionError(`${prefix}sweeps`, sweeps, `at most ${most} recorded sweeps per job (split longer runs)`);
  const flags: Pick<RunJob, 'keepSeries' | 'histograms' | 'correlations'> = {};
  if (j.correlations !== undefined) {
    withPrefix(prefix, () => correlationInterval(j.correlations as RunJob['correlations'], sweeps, normalized.size));
    flags.correlations = typeof j.correlations === 'object' && j.correlations !== null ? { ...(j.correlations as object) } : (j.correlations as boolean);
  }
  for (const key of ['keepSeries', 'histograms'] as const) {
    if (j[key] === undefined) continue;
    if (typeof j[key] !== 'boolean') throw new InvalidOptionError(`${prefix}${key}`, j[key], 'true or false');
    flags[key] = j[key];
  }
  return { kind: 'run', options: { ...(options as JobOptions) }, thermalize, sweeps, ...flags };
}
