/**
 * Splitting a sweep over (L, T) points into independent run jobs, and merging their results.
 * Each point's seed is childSeed(seed, pointKey(L, T)): a point gets the same random stream
 * whatever else is in the sweep, in whatever order and on whichever machine it runs. So a
 * sweep can be fanned out over workers, processes, queue consumers or serverless invocations
 * and merged back, with results identical to running the points one by one.
 */
import { InvalidOptionError } from '../errors.js';
import type { Measurement } from '../measure.js';
import { checkPositive, checkSeed, checkSize, checkTemperature } from '../options.js';
import { childSeed, mix64 } from '../rng.js';
import { rejectUnknownKeys } from '../validate.js';
import { checkObject, validateRunJob, withPrefix, type JobOptions, type RunJob } from './job.js';

/** A sweep: every (size, temperature) point of `points`, or the grid sizes x temperatures. */
export interface SweepPlan {
  /** Linear sizes of a grid (with `temperatures`). */
  sizes?: number[];
  /** Temperatures of a grid (with `sizes`). */
  temperatures?: number[];
  /** Explicit points instead of a grid. */
  points?: { size: number; temperature: number }[];
  /** Options shared by every point (field, algorithm, start, backend); no size, temperature, beta or seed. */
  options?: JobOptions;
  /** Parent seed: point (L, T) runs with childSeed(seed, pointKey(L, T)). @default 1 */
  seed?: number;
  /** Sweeps discarded at each point. @default 0 */
  thermalize?: number;
  /** Sweeps recorded at each point. */
  sweeps: number;
  /** Every point keeps its per-sweep e and m series (for reweighting and finiteSizeScaling after mergeResults). @default false */
  keepSeries?: boolean;
  /** Every point adds the histograms of its per-sweep e and m. @default false */
  histograms?: boolean;
  /** Every point measures spin correlations, as for measure(). @default false */
  correlations?: boolean | { every?: number };
}

const PLAN_KEYS = ['sizes', 'temperatures', 'points', 'options', 'seed', 'thermalize', 'sweeps', 'keepSeries', 'histograms', 'correlations'];

const TWO_POW_64 = 1n << 64n;

/**
 * A stable 53-bit key of a point: top 53 bits of mix64(mix64(L) xor bits(T)), with bits(T) the
 * IEEE-754 binary64 pattern of T. Equal (L, T) always give the same key, on every platform.
 */
export function pointKey(size: number, temperature: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, temperature);
  const bits = view.getBigUint64(0);
  return Number(mix64((mix64(BigInt(size) % TWO_POW_64) ^ bits) % TWO_POW_64) >> 11n);
}

/** The independent run jobs of a sweep, grid order: sizes outer, temperatures inner (or the points' order). */
export function planSweep(plan: SweepPlan): RunJob[] {
  checkObject('plan', plan, '{ sizes: [16, 32], temperatures: [2.2, 2.3], sweeps: 10000 }');
  rejectUnknownKeys(plan, PLAN_KEYS, '', 'option');
  const options = checkObject('options', plan.options ?? {}, '{ "field": 0 }') as JobOptions;
  for (const key of ['size', 'temperature', 'beta', 'seed'] as const) {
    if (key in options) throw new InvalidOptionError(`options.${key}`, options[key], `no ${key} in the shared options (the plan sets it per point)`);
  }
  let points: { size: number; temperature: number }[];
  if (plan.points !== undefined) {
    if (plan.sizes !== undefined || plan.temperatures !== undefined)
      throw new InvalidOptionError('points', plan.points, 'either points or sizes and temperatures, not both');
    if (!Array.isArray(plan.points) || plan.points.length === 0)
      throw new InvalidOptionError('points', plan.points, 'a non-empty list of { size, temperature }');
    points = plan.points.map((p, i) => {
      const point = checkObject(`points[${i}]`, p, '{ "size": 16, "temperature": 2.3 }');
      rejectUnknownKeys(point, ['size', 'temperature'], `points[${i}].`);
      return {
        size: checkSize(point.size, `points[${i}].size`),
        temperature: withPrefix(`points[${i}].`, () => checkTemperature('temperature', point.temperature)),
      };
    });
  } else {
    const list = (name: 'sizes' | 'temperatures') => {
      const values = plan[name];
      if (!Array.isArray(values) || values.length === 0) throw new InvalidOptionError(name, values, `a non-empty list of ${name} (or give points)`);
      return values;
    };
    const sizes = list('sizes').map((s, i) => checkSize(s, `sizes[${i}]`));
    const temperatures = list('temperatures').map((t, i) => checkPositive(`temperatures[${i}]`, t));
    points = sizes.flatMap((size) => temperatures.map((temperature) => ({ size, temperature })));
  }
  const seed = checkSeed(plan.seed ?? 1);
  return points.map(({ size, temperature }) =>
    validateRunJob({
      kind: 'run',
      options: { ...options, size, temperature, seed: childSeed(seed, pointKey(size, temperature)) },
      thermalize: plan.thermalize ?? 0,
      sweeps: plan.sweeps,
      keepSeries: plan.keepSeries,
      histograms: plan.histograms,
      correlations: plan.correlations,
    }),
  );
}

/** The merged results of a sweep, in plan order. */
export interface MergedSweep {
  /** 'completed' when every planned job has a result. */
  state: 'completed' | 'incomplete';
  points: { job: RunJob; result: Measurement | undefined }[];
  /** The jobs without a result (run them, then merge again). */
  missing: RunJob[];
}

function sameRun(job: RunJob, m: Measurement): boolean {
  const o = job.options;
  return (
    o.size === m.size &&
    o.temperature === m.temperature &&
    (o.seed ?? 1) === m.seed &&
    (o.field ?? 0) === m.field &&
    (o.algorithm ?? 'metropolis') === m.algorithm &&
    (o.start ?? 'hot') === m.start &&
    (job.thermalize ?? 0) === m.thermalize &&
    job.sweeps === m.sweeps
  );
}

/**
 * Matches results (in any order, from anywhere; duplicates allowed if identical) to the planned
 * jobs. A result that matches no job, or two different results for one job, is an error
 * (InvalidOptionError naming `results[i]`).
 */
export function mergeResults(jobs: RunJob[], results: Measurement[]): MergedSweep {
  const found: (Measurement | undefined)[] = jobs.map(() => undefined);
  results.forEach((m, i) => {
    checkObject(`results[${i}]`, m, 'a Measurement (result of a run job)');
    const k = jobs.findIndex((job) => sameRun(job, m));
    if (k < 0)
      throw new InvalidOptionError(
        `results[${i}]`,
        `L=${m.size} T=${m.temperature} seed=${m.seed}`,
        'a result of one of the planned jobs (same size, temperature, seed, field, algorithm, start, thermalize, sweeps)',
      );
    const previous = found[k];
    if (previous && JSON.stringify(previous) !== JSON.stringify(m)) {
      throw new InvalidOptionError(
        `results[${i}]`,
        `L=${m.size} T=${m.temperature} seed=${m.seed}`,
        'one result per job (a different result for the same job was given before)',
      );
    }
    found[k] = m;
  });
  const points = jobs.map((job, k) => ({ job, result: found[k] }));
  const missing = points.filter((p) => !p.result).map((p) => p.job);
  return { state: missing.length === 0 ? 'completed' : 'incomplete', points, missing };
}
