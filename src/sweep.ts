/**
 * Temperature / size sweeps: every (L, T) point of a grid measured with error bars, next to
 * the exact finite-lattice values, with progress reports and cancellation.
 *
 * Order and warm starts. Sizes run in the order given; for each size the temperatures run from
 * low to high (they must be given increasing). The first point of a size starts from `start`
 * (default all spins up, the equilibrium state at low T); with `warmStart` (default) every later
 * point starts from the last lattice of the previous temperature of the same size, so it needs
 * little thermalization.
 *
 * Seeds and independence. Every point has its own seed, childSeed(seed, key(L, T)) with key a
 * stable 53-bit hash of L and the bits of T (see {@link sweepPointSeed}): its random stream
 * depends only on the sweep seed and its own (L, T), not on which other points run.
 * - With `warmStart: false` each point also starts from its own fresh lattice, so its result is
 *   bit for bit the same whichever other points run (and equals a single createSimulation +
 *   measure with that seed).
 * - With `warmStart: true` the starting lattice is inherited from the previous temperature of
 *   the same size, so the exact numbers of a point depend on the temperatures below it in its
 *   chain; its statistics do not, once `thermalize` is long compared with the autocorrelation
 *   time (the drift test warns otherwise). Points of different sizes never share anything.
 */
import { InvalidOptionError } from './errors.js';
import type { CoreSource } from './backend/loader.js';
import type { JobOptions, RunJob } from './jobs/job.js';
import type { Measurement } from './measure.js';
import {
  checkCount,
  checkPositive,
  checkTemperature,
  checkSize,
  normalizeOptions,
  oneOf,
  LATTICES,
  type Algorithm,
  type Lattice,
  type BackendChoice,
  type Model,
  type NormalizedOptions,
  type Start,
} from './options.js';
import { defaultCorrelationInterval, maxMeasureSweeps } from './run.js';
import { modelDefinition } from './models/index.js';
import { geometryOf, sitesOf } from './lattice.js';
import { exactReference, type ExactReference } from './reference.js';
import { childSeed, mix64, seedState } from './rng.js';
import { createSimulation, type Simulation } from './simulation.js';

/** Temperatures of a sweep: an increasing list, or the range from, from + step, ... up to `to` (inclusive). */
export type TemperatureSpec = readonly number[] | { readonly from: number; readonly to: number; readonly step: number };

/** Largest number of (L, T) points in one sweep. */
export const MAX_SWEEP_POINTS = 10_000;
/** Fewest recorded sweeps (and correlation samples) per point: the error analysis needs bins to work with. */
export const MIN_POINT_SAMPLES = 100;

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** Spin model. @default 'ising' */
  model?: Model;
  /** Number of Potts states (`model: 'potts'`, where it is required). */
  q?: number;
  /** Over-relaxation sweeps after each Metropolis sweep (`model: 'xy'`, `'heisenberg'`, `'phi4'`). @default 0 */
  overRelaxation?: number;
  /** The phi^4 quartic coupling (`model: 'phi4'`). @default 2.1 */
  lambda?: number;
  /** Lattice: `'square'` (L x L) or `'cubic'` (L x L x L). @default 'square' */
  lattice?: Lattice;
  /** Linear sizes, each an even integer from 2 to 32766 (894 on the cubic lattice), no repeats. */
  sizes: readonly number[];
  /** Temperatures, the same for every size or chosen per size by a function. */
  temperatures: TemperatureSpec | ((size: number) => TemperatureSpec);
  /** Magnetic field h. @default 0 */
  field?: number;
  /** @default 'metropolis' */
  algorithm?: Algorithm;
  /** Sweep seed; every point derives its own from it. @default 1 */
  seed?: number;
  /** @default 'auto' */
  backend?: BackendChoice;
  /** Where to load the WebAssembly core from. @default the inlined core */
  core?: CoreSource;
  /** Start of the first (lowest) temperature of each size, and of every point without warm starts. @default 'cold' */
  start?: Start;
  /** Start each point from the last lattice of the previous temperature of the same size. @default true */
  warmStart?: boolean;
  /** Sweeps discarded at each point before measuring. @default 1000 */
  thermalize?: number;
  /** Sweeps recorded at each point (one sample per sweep), at least 100. @default 10000 */
  sweeps?: number;
  /**
   * Measure G(r), S(k) and xi_2nd at each point: `true` takes a sample every min(L, sweeps / 100)
   * sweeps, `{ every: k }` every k sweeps (at least 100 samples per point). @default false
   */
  correlations?: boolean | { every?: number };
  /** Keep the energy and magnetization histograms of every point. @default false */
  histograms?: boolean;
  /** Keep the per-sweep e and m series of every point (for histogram reweighting). @default false */
  keepSeries?: boolean;
  /** Called after every slice of work (about 2^22 spin updates) and after every point. */
  onProgress?: (progress: SweepProgress) => void;
  /** Stops the sweep between slices; the result then holds every point finished so far. */
  signal?: AbortSignal;
}

/** A progress report. */
export interface SweepProgress {
  pointsDone: number;
  pointsTotal: number;
  /** The point being measured (the last one when all are done). */
  size: number;
  temperature: number;
  /** Fraction of the total work done, weighting each point by its N = L^d sites times (thermalize + sweeps). */
  fraction: number;
  elapsedMs: number;
  /** Estimated time left: elapsed (1 - fraction) / fraction; NaN before any work is done. */
  etaMs: number;
}

/** One measured point of a sweep. */
export interface SweepPoint {
  /** 'partial' for the point that was running when the sweep was aborted (a shorter measurement, with a warning). */
  state: 'completed' | 'partial';
  size: number;
  temperature: number;
  /** This point's own seed ({@link sweepPointSeed}). */
  seed: number;
  /** True when the point started from the previous temperature's lattice. */
  warmStarted: boolean;
  measurement: Measurement;
  /** Exact values for this L and T where known (Kaufman e and c at h = 0; everything for L <= 4). */
  exact: ExactReference;
}

/** What {@link runSweep} returns; `state` says whether every point ran. */
export interface RunSweepResult {
  state: 'completed' | 'aborted' | 'errored';
  /** Points measured, in run order (sizes as given, temperatures increasing). */
  points: SweepPoint[];
  /** Every planned (L, T) without a completed point (including a partial one), in run order. */
  remaining: { size: number; temperature: number }[];
  /** The error that stopped the sweep, when state is 'errored'. */
  error?: unknown;
  /** The sweep seed. */
  seed: number;
  elapsedMs: number;
}

const KNOWN_KEYS = [
  'model',
  'q',
  'overRelaxation',
  'lambda',
  'lattice',
  'sizes',
  'temperatures',
  'field',
  'algorithm',
  'seed',
  'backend',
  'core',
  'start',
  'warmStart',
  'thermalize',
  'sweeps',
  'correlations',
  'histograms',
  'keepSeries',
  'onProgress',
  'signal',
];

const TEMPERATURE_DIGITS = 12;

/**
 * Expands and validates a temperature specification. Range points are from + k step rounded to
 * 12 significant digits (so 2.0:2.6:0.05 gives 2.15, the same double as the literal 2.15).
 * Throws {@link InvalidOptionError} naming `option`.
 */
export function expandTemperatures(spec: unknown, option = 'temperatures'): number[] {
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new InvalidOptionError(option, spec, 'at least one temperature');
    if (spec.length > MAX_SWEEP_POINTS) throw new InvalidOptionError(option, `${spec.length} temperatures`, `at most ${MAX_SWEEP_POINTS} temperatures`);
    spec.forEach((t, i) => checkTemperature(`${option}[${i}]`, t));
    for (let i = 1; i < spec.length; i++) {
      if (!(spec[i] > spec[i - 1])) {
        throw new InvalidOptionError(
          option,
          spec,
          `strictly increasing temperatures (warm starts run from low to high T), but ${spec[i]} follows ${spec[i - 1]}`,
        );
      }
    }
    return [...spec] as number[];
  }
  if (typeof spec !== 'object' || spec === null) {
    throw new InvalidOptionError(option, spec, 'an increasing list of temperatures or a range { from, to, step }');
  }
  const { from, to, step } = spec as { from: unknown; to: unknown; step: unknown };
  checkTemperature(`${option}.from`, from);
  checkTemperature(`${option}.to`, to);
  checkPositive(`${option}.step`, step);
  const lo = from as number;
  const hi = to as number;
  const dt = step as number;
  if (hi < lo) throw new InvalidOptionError(`${option}.to`, hi, `a temperature >= from = ${lo} (ranges run upwards; the range ${lo}:${hi} is empty)`);
  const count = Math.floor((hi - lo) / dt + 1e-9) + 1;
  if (!(count <= MAX_SWEEP_POINTS)) {
    throw new InvalidOptionError(`${option}.step`, dt, `a step giving at most ${MAX_SWEEP_POINTS} temperatures from ${lo} to ${hi} (this one gives ${count})`);
  }
  return Array.from({ length: count }, (_, k) => Number((lo + k * dt).toPrecision(TEMPERATURE_DIGITS)));
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * The seed of point (L, T) of a sweep with seed `seed`: childSeed(seed, key), where
 * key = top 53 bits of mix64(mix64(L) xor bits(T)) and bits(T) is the IEEE-754 pattern of T.
 */
export function sweepPointSeed(seed: number, size: number, temperature: number): number {
  f64[0] = temperature;
  const key = Number(mix64(mix64(BigInt(size)) ^ u64[0]) >> 11n);
  return childSeed(seed, key);
}

function checkFlag(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'true or false');
  return value;
}

interface Plan {
  size: number;
  temperatures: number[];
  every: number;
}

/** Validates the options and expands the grid. Throws {@link InvalidOptionError}. */
function planSweep(options: RunSweepOptions) {
  if (typeof options !== 'object' || options === null)
    throw new InvalidOptionError('options', options, 'an object like { sizes: [16, 32], temperatures: { from: 2, to: 2.6, step: 0.05 } }');
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new InvalidOptionError(
        key,
        (options as unknown as Record<string, unknown>)[key],
        `a known option (unknown option "${key}"; known: ${KNOWN_KEYS.join(', ')})`,
      );
    }
  }
  const { sizes } = options;
  if (!Array.isArray(sizes) || sizes.length === 0) throw new InvalidOptionError('sizes', sizes, 'a non-empty list of even integers from 2 to 32766');
  const lattice = oneOf('lattice', options.lattice ?? 'square', LATTICES);
  sizes.forEach((L, i) => checkSize(L, `sizes[${i}]`, lattice));
  const repeated = sizes.find((L, i) => sizes.indexOf(L) !== i);
  if (repeated !== undefined) throw new InvalidOptionError('sizes', sizes, `distinct sizes (${repeated} appears twice)`);
  const thermalize = checkCount('thermalize', options.thermalize ?? 1000, 0);
  const sweeps = checkCount('sweeps', options.sweeps ?? 10000, 0);
  if (sweeps < MIN_POINT_SAMPLES) {
    throw new InvalidOptionError(
      'sweeps',
      sweeps,
      `at least ${MIN_POINT_SAMPLES} recorded sweeps per point (the error analysis cuts the series into bins; fewer samples give no error bar worth reporting)`,
    );
  }
  const base = normalizeOptions({
    model: options.model,
    ...(options.q === undefined ? {} : { q: options.q }),
    ...(options.overRelaxation === undefined ? {} : { overRelaxation: options.overRelaxation }),
    ...(options.lambda === undefined ? {} : { lambda: options.lambda }),
    lattice,
    size: sizes[0],
    temperature: 1,
    field: options.field,
    algorithm: options.algorithm,
    seed: options.seed,
    backend: options.backend,
    start: options.start ?? 'cold',
  });
  const definition = modelDefinition(base.model);
  const most = maxMeasureSweeps(definition.recordWidth(base), definition.recordType);
  if (sweeps > most) throw new InvalidOptionError('sweeps', sweeps, `at most ${most} sweeps per point`);
  const warmStart = checkFlag('warmStart', options.warmStart, true);
  const histograms = checkFlag('histograms', options.histograms, false);
  const keepSeries = checkFlag('keepSeries', options.keepSeries, false);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    throw new InvalidOptionError('onProgress', options.onProgress, 'a function');
  const signal = options.signal;
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean')) {
    throw new InvalidOptionError('signal', signal, 'an AbortSignal');
  }
  const c = options.correlations;
  let every: number | undefined;
  if (typeof c === 'object' && c !== null && c.every !== undefined) {
    every = checkCount('correlations.every', c.every, 1);
    if (Math.floor(sweeps / every) < MIN_POINT_SAMPLES) {
      throw new InvalidOptionError(
        'correlations.every',
        every,
        `at most ${Math.floor(sweeps / MIN_POINT_SAMPLES)} so that ${sweeps} sweeps give at least ${MIN_POINT_SAMPLES} correlation samples per point`,
      );
    }
  } else if (c !== undefined && typeof c !== 'boolean' && !(typeof c === 'object' && c !== null)) {
    throw new InvalidOptionError('correlations', c, 'true, false or { every: k }');
  }
  const measureCorrelations = c === true || (typeof c === 'object' && c !== null);
  const plan: Plan[] = sizes.map((size) => {
    const spec = typeof options.temperatures === 'function' ? options.temperatures(size) : options.temperatures;
    const option = typeof options.temperatures === 'function' ? `temperatures(${size})` : 'temperatures';
    const auto = Math.max(1, Math.min(defaultCorrelationInterval(size), Math.floor(sweeps / MIN_POINT_SAMPLES)));
    return { size, temperatures: expandTemperatures(spec, option), every: measureCorrelations ? (every ?? auto) : 0 };
  });
  const total = plan.reduce((n, p) => n + p.temperatures.length, 0);
  if (total > MAX_SWEEP_POINTS) throw new InvalidOptionError('temperatures', `${total} points`, `at most ${MAX_SWEEP_POINTS} (L, T) points in one sweep`);
  return { base, plan, thermalize, sweeps, warmStart, histograms, keepSeries, signal, onProgress: options.onProgress };
}

/** The simulation options of point (L, T): what runSweep creates it with, and what sweepJobs puts in its job. */
function pointOptions(base: NormalizedOptions, size: number, temperature: number): JobOptions {
  return {
    model: base.model,
    ...(base.q === undefined ? {} : { q: base.q }),
    ...(base.overRelaxation === undefined ? {} : { overRelaxation: base.overRelaxation }),
    ...(base.lambda === undefined ? {} : { lambda: base.lambda }),
    ...(base.lattice === 'square' ? {} : { lattice: base.lattice }),
    size,
    temperature,
    field: base.field,
    algorithm: base.algorithm,
    seed: sweepPointSeed(base.seed, size, temperature),
    backend: base.backend,
    start: base.start,
  };
}

/** The points of a sweep as run jobs (see {@link sweepJobs}). */
export interface SweepJobs {
  /** One job per point, in run order (sizes as given, temperatures increasing). */
  jobs: RunJob[];
  /** Each point after the first of its size starts from the last lattice of the previous one. */
  warmStart: boolean;
  /** The sweep seed. */
  seed: number;
}

/**
 * The points of a sweep as run jobs, each exactly the run {@link runSweep} makes of it (options,
 * seed, thermalization, sweeps, correlation interval, outputs). Without warm starts every job is
 * independent; with them, a job's run starts from the final lattice of the previous job of its size,
 * its generator reseeded with seedState(its own seed) and its counters at zero, as runSweep does.
 * Validates like runSweep (throws {@link InvalidOptionError}).
 */
export function sweepJobs(options: Omit<RunSweepOptions, 'onProgress' | 'signal' | 'core'>): SweepJobs {
  const { base, plan, thermalize, sweeps, warmStart, histograms, keepSeries } = planSweep(options);
  const jobs = plan.flatMap(({ size, temperatures, every }) =>
    temperatures.map((temperature): RunJob => ({
      kind: 'run',
      options: pointOptions(base, size, temperature),
      thermalize,
      sweeps,
      ...(every > 0 ? { correlations: { every } } : {}),
      ...(histograms ? { histograms } : {}),
      ...(keepSeries ? { keepSeries } : {}),
    })),
  );
  return { jobs, warmStart, seed: base.seed };
}

/** Lets timers, I/O and abort handlers run between slices of work. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Runs every (L, T) point of a sweep; see the module comment for order, warm starts and seeds.
 * Invalid options throw {@link InvalidOptionError} before anything runs. After that the promise
 * always resolves: `state` is 'completed', 'aborted' (the signal fired; `points` holds what was
 * finished, the interrupted point as 'partial' when it had recorded at least 100 sweeps), or
 * 'errored' (`error` says why; the points finished before it are kept; an error before the
 * first point finishes is thrown instead, e.g. a size whose lattice does not fit in memory).
 *
 * @example
 * const result = await runSweep({ sizes: [8, 16], temperatures: { from: 2, to: 2.6, step: 0.1 }, sweeps: 20000 });
 * for (const p of result.points) console.log(p.size, p.temperature, p.measurement.observables.binder, p.exact.finite.energy);
 */
export async function runSweep(options: RunSweepOptions): Promise<RunSweepResult> {
  const { base, plan, thermalize, sweeps, warmStart, histograms, keepSeries, signal, onProgress } = planSweep(options);
  const started = performance.now();
  const pointsTotal = plan.reduce((n, p) => n + p.temperatures.length, 0);
  const sites = (size: number) => sitesOf(geometryOf(base.lattice), size);
  const work = (size: number) => sites(size) * (thermalize + sweeps);
  const totalWork = plan.reduce((w, p) => w + p.temperatures.length * work(p.size), 0);
  const points: SweepPoint[] = [];
  let doneWork = 0;
  let state: RunSweepResult['state'] = 'completed';
  let error: unknown;

  const report = (size: number, temperature: number, extra: number) => {
    if (!onProgress) return;
    const elapsedMs = performance.now() - started;
    const fraction = Math.min(1, (doneWork + extra) / totalWork);
    onProgress({
      pointsDone: points.filter((p) => p.state === 'completed').length,
      pointsTotal,
      size,
      temperature,
      fraction,
      elapsedMs,
      etaMs: fraction > 0 ? (elapsedMs * (1 - fraction)) / fraction : NaN,
    });
  };

  chains: for (const { size, temperatures, every } of plan) {
    let sim: Simulation | undefined;
    try {
      for (const temperature of temperatures) {
        if (signal?.aborted) {
          state = 'aborted';
          break chains;
        }
        const seed = sweepPointSeed(base.seed, size, temperature);
        const warmStarted = warmStart && sim !== undefined;
        if (sim && warmStarted) {
          sim.setTemperature(temperature);
          sim.restore({ ...sim.snapshot(), rngState: seedState(seed), sweeps: 0, flips: 0 });
        } else {
          sim?.dispose();
          sim = await createSimulation({ ...pointOptions(base, size, temperature), core: options.core });
        }
        const run = sim.startMeasurement({ thermalize, sweeps, correlations: every > 0 ? { every } : false, histograms, keepSeries });
        const slice = Math.max(1, Math.floor(2 ** 22 / sites(size)));
        report(size, temperature, 0);
        while (!run.step(slice)) {
          report(size, temperature, run.done * sites(size));
          await yieldToEventLoop();
          if (signal?.aborted) break;
        }
        const exact = exactReference(size, temperature, base.field, base);
        if (!run.finished) {
          state = 'aborted';
          if (run.done - thermalize >= MIN_POINT_SAMPLES) {
            points.push({ state: 'partial', size, temperature, seed, warmStarted, measurement: run.result(), exact });
          }
          break chains;
        }
        points.push({ state: 'completed', size, temperature, seed, warmStarted, measurement: run.result(), exact });
        doneWork += work(size);
        report(size, temperature, 0);
      }
    } catch (caught) {
      if (points.length === 0) throw caught; // nothing computed: nothing to keep
      state = 'errored';
      error = caught;
      break;
    } finally {
      sim?.dispose();
    }
  }
  const completed = new Set(points.filter((p) => p.state === 'completed').map((p) => `${p.size}:${p.temperature}`));
  const remaining = plan.flatMap(({ size, temperatures }) =>
    temperatures.filter((t) => !completed.has(`${size}:${t}`)).map((temperature) => ({ size, temperature })),
  );
  return { state, points, remaining, ...(state === 'errored' ? { error } : {}), seed: base.seed, elapsedMs: performance.now() - started };
}
