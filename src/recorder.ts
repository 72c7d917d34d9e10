/**
 * A measurement that runs in steps: thermalization, then recorded sweeps (one (B, M) record per
 * sweep) with an optional correlation sample every `every` sweeps. `Simulation.measure()` runs it
 * in one go; sweeps over many points run it in slices so they can report progress and stop on an
 * AbortSignal between slices. The same options and seed give the same numbers however the run is
 * sliced.
 */
import type { ClusterStep } from './backend/types.js';
import { improvedEstimators } from './cluster/improved.js';
import { rejectUnknownKeys } from './check.js';
import { InvalidOptionError } from './errors.js';
import { correlationValues } from './backend/correlation-js.js';
import { analyzeCorrelations } from './correlation.js';
import { measureSeries, withHistograms, type Measurement, type SeriesContext } from './measure.js';
import { checkCount } from './options.js';

/** Largest number of recorded sweeps in one measure() call (the per-sweep series is kept in memory: 8 bytes a sweep). */
export const MAX_MEASURE_SWEEPS = 1 << 25;

/** Options of {@link Simulation.measure}. */
export interface MeasureOptions {
  /** Number of sweeps recorded (one sample per sweep): an integer from 2 to 2^25. */
  sweeps: number;
  /** Sweeps run first and discarded, to equilibrate. @default 0 */
  thermalize?: number;
  /** Keep the per-sweep series of e and m in the result (needed for histogram reweighting). @default false */
  keepSeries?: boolean;
  /**
   * Measure G(r), S(0), S(k_min) and the second-moment correlation length xi_2nd
   * (see src/correlation.ts). `true` takes one correlation sample every L sweeps (one sample
   * costs about 1-3 sweeps in WebAssembly, about L/8 sweeps in JavaScript, so this keeps it
   * a small fraction of the run); `{ every: k }` every k sweeps. At least 2 samples are needed.
   * @default false
   */
  correlations?: boolean | { every?: number };
  /** Keep the histograms of the per-sweep e and m (distinct values with counts). @default false */
  histograms?: boolean;
}

/** Measure options after validation. */
export interface NormalizedMeasureOptions {
  readonly sweeps: number;
  readonly thermalize: number;
  readonly keepSeries: boolean;
  /** Sweeps between correlation samples; 0 when correlations are not measured. */
  readonly every: number;
  readonly histograms: boolean;
}

/** Default sweeps between two correlation samples for linear size L. */
export function defaultCorrelationInterval(size: number): number {
  return Math.max(1, size);
}

function checkBoolean(option: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'true or false');
  return value;
}

const MEASURE_KEYS = ['sweeps', 'thermalize', 'keepSeries', 'correlations', 'histograms'];

/** Validates measure options for an L x L lattice. Throws {@link InvalidOptionError}. */
export function normalizeMeasureOptions(options: MeasureOptions, size: number): NormalizedMeasureOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('measure options', options, 'an object like { sweeps: 10000 }');
  rejectUnknownKeys(options, MEASURE_KEYS, '', 'option');
  const sweeps = checkCount('sweeps', options.sweeps, 2);
  if (sweeps > MAX_MEASURE_SWEEPS) throw new InvalidOptionError('sweeps', sweeps, `at most ${MAX_MEASURE_SWEEPS} sweeps per measure() call (split longer runs)`);
  const thermalize = checkCount('thermalize', options.thermalize ?? 0, 0);
  const keepSeries = checkBoolean('keepSeries', options.keepSeries);
  const histograms = checkBoolean('histograms', options.histograms);
  const every = correlationInterval(options.correlations, sweeps, size);
  return { sweeps, thermalize, keepSeries, every, histograms };
}

/**
 * Sweeps between correlation samples for the `correlations` option of a run of `sweeps` recorded
 * sweeps on an L x L lattice (0: none). Throws {@link InvalidOptionError}.
 */
export function correlationInterval(c: MeasureOptions['correlations'], sweeps: number, size: number): number {
  if (c === undefined || c === false) return 0;
  let every: number;
  if (c === true) every = defaultCorrelationInterval(size);
  else if (typeof c === 'object' && c !== null && !Array.isArray(c)) {
    rejectUnknownKeys(c, ['every'], 'correlations.', 'option');
    every = c.every === undefined ? defaultCorrelationInterval(size) : checkCount('correlations.every', c.every, 1);
  }
  else throw new InvalidOptionError('correlations', c, 'true, false or { every: k }');
  if (Math.floor(sweeps / every) < 2) {
    const most = Math.floor(sweeps / 2);
    throw new InvalidOptionError('correlations.every', every, `at most ${most} so that ${sweeps} sweeps give at least 2 correlation samples`);
  }
  return every;
}

/** What a measurement holds besides the estimates of its (B, M) series, and what it is built from. */
export interface MeasurementParts {
  size: number;
  beta: number;
  field: number;
  /** The cluster step (undefined for local algorithms) and its per-step cluster sizes: improved estimators at h = 0. */
  step: ClusterStep | undefined;
  sizes?: Float64Array;
  histograms: boolean;
  /** Keep the series (the measurement was made with its series when histograms are asked for). */
  keepSeries: boolean;
  /** Correlation samples every `every` recorded sweeps (0: none), correlationValues(L) values each. */
  every: number;
  correlations?: Int32Array;
}

/**
 * Adds to a measurement of `measurement.sweeps` recorded sweeps its improved estimators, histograms
 * and correlations. Shared by measure() and the job runner, so both give identical results.
 */
export function completeMeasurement(measurement: Measurement, parts: MeasurementParts): Measurement {
  const n = measurement.sweeps;
  if (parts.step && parts.sizes && parts.field === 0) {
    const { improved, warnings } = improvedEstimators(parts.sizes.subarray(0, n), parts.step, parts.size * parts.size, parts.beta);
    measurement.improved = improved;
    measurement.warnings.push(...warnings);
  }
  if (parts.histograms) withHistograms(measurement, parts.keepSeries);
  const samples = parts.every > 0 ? Math.floor(n / parts.every) : 0;
  if (samples >= 2 && parts.correlations) {
    const stride = correlationValues(parts.size);
    measurement.correlations = analyzeCorrelations(parts.correlations.subarray(0, samples * stride), parts.size, samples, parts.every);
    measurement.warnings.push(...measurement.correlations.warnings.map((w) => `correlations: ${w}`));
  }
  return measurement;
}

/** What a measurement run needs from its simulation. */
export interface MeasurementDriver {
  readonly size: number;
  /** The cluster step of the algorithm (undefined for local algorithms): its cluster sizes feed improved estimators. */
  readonly clusterStep: ClusterStep | undefined;
  /**
   * Runs n steps, writing (B, M) per step into `out` and, for cluster steps, the cluster-size record
   * into `sizes` when given; returns the spins changed and the work in sweep equivalents.
   */
  run(n: number, out?: Int32Array, sizes?: Float64Array): { flips: number; work: number };
  /** Writes one correlation record of the current lattice. */
  correlations(out: Int32Array): void;
  /** The parameters to report (checked unchanged at every step). */
  context(): Omit<SeriesContext, 'thermalize' | 'sweeps' | 'acceptance' | 'keepSeries' | 'sweepEquivalents'>;
}

/** A measurement in progress; see the module comment. */
export class MeasurementRun {
  readonly options: NormalizedMeasureOptions;
  private readonly driver: MeasurementDriver;
  private readonly context: ReturnType<MeasurementDriver['context']>;
  private readonly records: Int32Array;
  private readonly correlationRecords: Int32Array;
  private readonly sizes: Float64Array | undefined;
  private thermalized = 0;
  private recorded = 0;
  private flips = 0;
  private work = 0;

  constructor(driver: MeasurementDriver, options: NormalizedMeasureOptions) {
    this.driver = driver;
    this.options = options;
    this.context = driver.context();
    this.records = new Int32Array(2 * options.sweeps);
    this.sizes = driver.clusterStep ? new Float64Array(options.sweeps) : undefined;
    const samples = options.every > 0 ? Math.floor(options.sweeps / options.every) : 0;
    this.correlationRecords = new Int32Array(samples * correlationValues(driver.size));
  }

  /** Sweeps run so far (thermalization included). */
  get done(): number {
    return this.thermalized + this.recorded;
  }

  /** Sweeps of the whole run (thermalization included). */
  get total(): number {
    return this.options.thermalize + this.options.sweeps;
  }

  get finished(): boolean {
    return this.recorded === this.options.sweeps;
  }

  /** Runs at most `budget` more sweeps (stopping at correlation samples); returns true when the run is finished. */
  step(budget = Infinity): boolean {
    const { thermalize, sweeps, every } = this.options;
    const current = this.driver.context();
    if (current.temperature !== this.context.temperature || current.field !== this.context.field || current.algorithm !== this.context.algorithm) {
      throw new InvalidOptionError('temperature', current.temperature, 'no change of temperature, field or algorithm while a measurement runs');
    }
    let left = budget;
    if (this.thermalized < thermalize && left > 0) {
      const n = Math.min(thermalize - this.thermalized, left);
      this.driver.run(n);
      this.thermalized += n;
      left -= n;
    }
    while (this.thermalized === thermalize && this.recorded < sweeps && left > 0) {
      const toSample = every > 0 ? every - (this.recorded % every) : sweeps - this.recorded;
      const n = Math.min(toSample, sweeps - this.recorded, left);
      const done = this.driver.run(n, this.records.subarray(2 * this.recorded, 2 * (this.recorded + n)), this.sizes?.subarray(this.recorded, this.recorded + n));
      this.flips += done.flips;
      this.work += done.work;
      this.recorded += n;
      left -= n;
      if (every > 0 && this.recorded % every === 0) {
        const stride = correlationValues(this.driver.size);
        const k = this.recorded / every - 1;
        if ((k + 1) * stride <= this.correlationRecords.length) this.driver.correlations(this.correlationRecords.subarray(k * stride, (k + 1) * stride));
      }
    }
    return this.finished;
  }

  /**
   * Estimates from the sweeps recorded so far. Before the run has finished this is a partial
   * measurement (`sweeps` = sweeps recorded, with a warning); it needs at least 2 recorded sweeps.
   */
  result(): Measurement {
    const { every, histograms, keepSeries } = this.options;
    const n = this.recorded;
    if (n < 2) throw new InvalidOptionError('sweeps', n, 'at least 2 recorded sweeps before a result can be formed');
    const sites = this.driver.size * this.driver.size;
    const measurement = measureSeries(this.records.subarray(0, 2 * n), {
      ...this.context,
      thermalize: this.thermalized,
      sweeps: n,
      sweepEquivalents: this.work,
      acceptance: this.flips / (n * sites),
      keepSeries: keepSeries || histograms,
    });
    completeMeasurement(measurement, {
      size: this.driver.size, beta: this.context.beta, field: this.context.field, step: this.driver.clusterStep, sizes: this.sizes,
      histograms, keepSeries, every, correlations: this.correlationRecords,
    });
    if (!this.finished) measurement.warnings.unshift(`partial measurement: stopped after ${n} of ${this.options.sweeps} recorded sweeps`);
    return measurement;
  }
}
