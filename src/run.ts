/**
 * The measuring run: thermalization, then recorded steps (one record of the model's layout per
 * step, e.g. Ising (B, M)) with an optional correlation sample every `every` steps, turned into a
 * {@link Measurement} at the end. It is the one run behind `measure()`, `startMeasurement()`, jobs,
 * the pool, workers and the serverless handler: it runs in slices of any size (`advance`, `step`),
 * serialises into a run checkpoint at any point (`checkpoint()`), continues from one exactly, and
 * gives the same numbers however it was sliced, paused or moved between backends.
 */
import { encodeCheckpoint, type RunState, type SimulationState } from './checkpoint.js';
import { improvedEstimators } from './cluster/improved.js';
import { maxStepWorkOf } from './cluster/step.js';
import { InvalidOptionError } from './errors.js';
import type { ChunkedWork, JobProgress } from './jobs/work.js';
import { withHistograms, type Measurement, type SeriesContext } from './measure.js';
import { createRecords, type ModelDefinition, type ModelParameters, type RecordArray, type RecordType } from './models/model.js';
import { phaseVisits } from './phases.js';
import { checkBoolean, checkCount, checkObject, rejectUnknownKeys } from './validate.js';
import type { ClusterStep, Lattice } from './vocabulary.js';

/**
 * Values one measurement may keep per recorded step in total (2^26 32-bit integers, 256 MiB; records
 * of float64 values count twice, so that a run's records never exceed 256 MiB): the largest run is
 * 2^26 / (record width) steps, 2^25 for the Ising model's (B, M) records.
 */
export const MAX_RECORD_VALUES = 1 << 26;

/** Largest number of recorded sweeps in one Ising measure() call (2^26 values / 2 per record). */
export const MAX_MEASURE_SWEEPS = MAX_RECORD_VALUES / 2;

/** Largest number of recorded steps of a run whose records hold `width` values each (of the given type). */
export function maxMeasureSweeps(width: number, type: RecordType = 'int32'): number {
  return Math.floor(MAX_RECORD_VALUES / (type === 'float64' ? 2 * width : width));
}

/** Options of {@link Simulation.measure}. */
export interface MeasureOptions {
  /** Number of steps recorded (one sample per step): an integer from 2 to 2^25 (Ising; 2^26 / record width in general). */
  sweeps: number;
  /** Steps run first and discarded, to equilibrate. @default 0 */
  thermalize?: number;
  /** Keep the per-step series of e and m in the result (needed for histogram reweighting). @default false */
  keepSeries?: boolean;
  /**
   * Measure G(r), S(0), S(k_min) and the second-moment correlation length xi_2nd
   * (see src/correlation.ts). `true` takes one correlation sample every L steps (one sample
   * costs about 1-3 sweeps in WebAssembly, about L/8 sweeps in JavaScript, so this keeps it
   * a small fraction of the run); `{ every: k }` every k steps. At least 2 samples are needed.
   * @default false
   */
  correlations?: boolean | { every?: number };
  /** Keep the histograms of the per-step e and m (distinct values with counts). @default false */
  histograms?: boolean;
}

const MEASURE_KEYS = ['sweeps', 'thermalize', 'keepSeries', 'correlations', 'histograms'];

/** Measure options after validation. */
export interface NormalizedMeasureOptions {
  readonly sweeps: number;
  readonly thermalize: number;
  readonly keepSeries: boolean;
  /** Steps between correlation samples; 0 when correlations are not measured. */
  readonly every: number;
  readonly histograms: boolean;
}

/** Default steps between two correlation samples for linear size L. */
export function defaultCorrelationInterval(size: number): number {
  return Math.max(1, size);
}

/**
 * Validates measure options for a lattice of linear size L whose records hold `width` values of `type`.
 * Throws {@link InvalidOptionError} (unknown keys included).
 */
export function normalizeMeasureOptions(options: MeasureOptions, size: number, width = 2, type: RecordType = 'int32'): NormalizedMeasureOptions {
  const o = checkObject('measure options', options, '{ sweeps: 10000 }');
  rejectUnknownKeys(o, MEASURE_KEYS);
  const sweeps = checkCount('sweeps', o.sweeps, 2);
  const most = maxMeasureSweeps(width, type);
  if (sweeps > most)
    throw new InvalidOptionError(
      'sweeps',
      sweeps,
      `at most ${most} recorded steps per measurement (${MAX_RECORD_VALUES} 32-bit record words, ${type === 'float64' ? 2 * width : width} ` +
        `per step; split longer runs)`,
    );
  const thermalize = checkCount('thermalize', o.thermalize === undefined ? 0 : o.thermalize, 0);
  const keepSeries = checkBoolean('keepSeries', o.keepSeries);
  const histograms = checkBoolean('histograms', o.histograms);
  const every = correlationInterval(o.correlations as MeasureOptions['correlations'], sweeps, size);
  return { sweeps, thermalize, keepSeries, every, histograms };
}

/**
 * Steps between correlation samples for the `correlations` option of a run of `sweeps` recorded
 * steps on an L x L lattice (0: none). Throws {@link InvalidOptionError}.
 */
export function correlationInterval(c: MeasureOptions['correlations'], sweeps: number, size: number): number {
  if (c === undefined || c === false) return 0;
  let every: number;
  if (c === true) every = defaultCorrelationInterval(size);
  else if (typeof c === 'object' && c !== null && !Array.isArray(c)) {
    rejectUnknownKeys(c, ['every'], 'correlations.');
    every = c.every === undefined ? defaultCorrelationInterval(size) : checkCount('correlations.every', c.every, 1);
  } else throw new InvalidOptionError('correlations', c, 'true, false or { every: k }');
  if (Math.floor(sweeps / every) < 2) {
    const most = Math.floor(sweeps / 2);
    const given = typeof c === 'object' && c.every !== undefined;
    throw new InvalidOptionError(
      'correlations.every',
      every,
      `at most ${most} so that ${sweeps} sweeps give at least 2 correlation ` +
        `samples${given ? '' : ` (without "every" a sample is taken every L = ${size} steps: give { every: k } or more sweeps)`}`,
    );
  }
  return every;
}

/** What a measuring run needs from its simulation (the simulation implements it; see src/simulation.ts). */
export interface RunHost {
  readonly definition: ModelDefinition;
  readonly parameters: ModelParameters;
  readonly size: number;
  readonly sites: number;
  /** The lattice (square or cubic): the layout of a correlation sample depends on it. */
  readonly lattice: Lattice;
  /** The cluster step of the algorithm (undefined for local algorithms): its cluster sizes feed improved estimators. */
  clusterStep(): ClusterStep | undefined;
  /**
   * Runs n steps, writing the record after every step into `out` and, for cluster steps, the
   * cluster-size statistic into `sizes` when given; returns the sites changed and the work in sweep equivalents.
   */
  advance(n: number, out?: RecordArray, sizes?: Float64Array): { flips: number; work: number };
  /** Writes one correlation sample of the current lattice. */
  correlations(out: RecordArray): void;
  /** The parameters to report (checked unchanged at every step). */
  context(): Omit<SeriesContext, 'thermalize' | 'sweeps' | 'acceptance' | 'keepSeries' | 'sweepEquivalents'>;
  /** The simulation's state, for checkpoints. */
  state(): SimulationState;
}

/** A measuring run in progress; see the module comment. */
export class MeasurementRun implements RunState, ChunkedWork {
  readonly options: NormalizedMeasureOptions;
  readonly records: RecordArray;
  /** Cluster algorithms: the per-step cluster-size statistic of the improved estimators (kept when recorded from the first step). */
  readonly sizes: Float64Array | undefined;
  /** Correlation samples, `every` recorded steps apart. */
  readonly correlations: RecordArray | undefined;
  thermalized = 0;
  measured = 0;
  measureFlips = 0;
  measureWork = 0;
  /** Work of this object's steps (thermalization and measurement) in sweep equivalents (not checkpointed: for timing chunks). */
  work = 0;
  /** The most work one step can cost (ChunkedWork). */
  readonly maxStepWork: number;
  private readonly host: RunHost;
  private readonly context: ReturnType<RunHost['context']>;
  private readonly width: number;
  private readonly stride: number;

  /** A new run (`from` absent), or the continuation of a checkpoint's run on `host`, which already holds the checkpoint's state. */
  constructor(host: RunHost, options: NormalizedMeasureOptions, from?: RunState) {
    this.host = host;
    this.options = options;
    this.context = host.context();
    this.maxStepWork = maxStepWorkOf(host.clusterStep());
    this.width = host.definition.recordWidth(host.parameters);
    this.stride = options.every > 0 ? host.definition.correlationValues(host.size, host.parameters, host.lattice) : 0;
    const type = host.definition.recordType;
    this.records = createRecords(type, this.width * options.sweeps);
    // sizes are kept when the run records them from its first step (a checkpoint without them, of a
    // run already measuring, goes on without improved estimators)
    const recordsSizes = host.clusterStep() !== undefined && (!from || from.measured === 0 || from.sizes !== undefined);
    this.sizes = recordsSizes ? new Float64Array(options.sweeps) : undefined;
    this.correlations = options.every > 0 ? createRecords(type, Math.floor(options.sweeps / options.every) * this.stride) : undefined;
    if (from) {
      this.thermalized = from.thermalized;
      this.measured = from.measured;
      this.measureFlips = from.measureFlips;
      this.measureWork = from.measureWork;
      this.records.set(from.records.subarray(0, this.width * from.measured));
      if (this.sizes && from.sizes) this.sizes.set(from.sizes.subarray(0, from.measured));
      if (this.correlations && from.correlations) this.correlations.set(from.correlations.subarray(0, this.correlations.length));
    }
  }

  get thermalize(): number {
    return this.options.thermalize;
  }

  get sweeps(): number {
    return this.options.sweeps;
  }

  get keepSeries(): boolean {
    return this.options.keepSeries;
  }

  get histograms(): boolean {
    return this.options.histograms;
  }

  get every(): number {
    return this.options.every;
  }

  /** Sites of the lattice (sizes the first chunk of a chunked run). */
  get sites(): number {
    return this.host.sites;
  }

  /** Steps run so far (thermalization included). */
  get done(): number {
    return this.thermalized + this.measured;
  }

  /** Steps of the whole run (thermalization included). */
  get total(): number {
    return this.options.thermalize + this.options.sweeps;
  }

  get finished(): boolean {
    return this.measured === this.options.sweeps;
  }

  get phase(): JobProgress['phase'] {
    return this.finished ? 'done' : this.thermalized < this.options.thermalize ? 'thermalize' : 'measure';
  }

  /** Runs up to n steps of the current phase, stopping at a correlation sample; returns how many ran. */
  advance(n: number): number {
    const current = this.host.context();
    if (current.temperature !== this.context.temperature || current.field !== this.context.field || current.algorithm !== this.context.algorithm) {
      throw new InvalidOptionError('temperature', current.temperature, 'no change of temperature, field or algorithm while a measurement runs');
    }
    const { thermalize, sweeps, every } = this.options;
    if (this.thermalized < thermalize) {
      const k = Math.min(n, thermalize - this.thermalized);
      this.work += this.host.advance(k).work;
      this.thermalized += k;
      return k;
    }
    const k = Math.min(n, sweeps - this.measured, every > 0 ? every - (this.measured % every) : Infinity);
    if (k <= 0) return 0;
    const w = this.width;
    const done = this.host.advance(
      k,
      this.records.subarray(w * this.measured, w * (this.measured + k)),
      this.sizes?.subarray(this.measured, this.measured + k),
    );
    this.measureFlips += done.flips;
    this.measureWork += done.work;
    this.work += done.work;
    this.measured += k;
    if (every > 0 && this.measured % every === 0 && this.correlations) {
      const sample = this.measured / every - 1;
      this.host.correlations(this.correlations.subarray(sample * this.stride, (sample + 1) * this.stride));
    }
    return k;
  }

  /** Runs at most `budget` more steps; returns true when the run is finished. */
  step(budget = Infinity): boolean {
    let left = budget;
    while (!this.finished && left > 0) {
      const ran = this.advance(Math.min(left, this.total));
      left -= ran;
    }
    return this.finished;
  }

  /**
   * Estimates from the steps recorded so far. Before the run has finished this is a partial
   * measurement (`sweeps` = steps recorded, with a warning); it needs at least 2 recorded steps.
   */
  result(): Measurement {
    const { every, histograms, keepSeries } = this.options;
    const n = this.measured;
    if (n < 2) throw new InvalidOptionError('sweeps', n, 'at least 2 recorded sweeps before a result can be formed');
    const { definition, parameters, sites, size, lattice } = this.host;
    const context = this.context;
    const measurement = definition.analyze(
      this.records.subarray(0, this.width * n),
      {
        ...context,
        thermalize: this.thermalized,
        sweeps: n,
        sweepEquivalents: this.measureWork,
        acceptance: this.measureFlips / (n * sites),
        keepSeries: keepSeries || histograms,
      },
      parameters,
    );
    const order = (measurement.observables as unknown as Record<string, { mean: number }>)[definition.phases.order].mean;
    const visits = phaseVisits(definition, parameters, this.records, n, { ...context, order });
    measurement.tunnelings = visits.tunnelings;
    if (visits.warning) measurement.warnings.push(visits.warning);
    const step = this.host.clusterStep();
    if (step && this.sizes && context.field === 0 && definition.improvedEstimators) {
      const { improved, warnings } = improvedEstimators(this.sizes.subarray(0, n), step, sites, context.beta);
      measurement.improved = improved;
      measurement.warnings.push(...warnings);
    }
    if (histograms) withHistograms(measurement, keepSeries);
    const samples = every > 0 ? Math.floor(n / every) : 0;
    if (samples >= 2 && this.correlations) {
      measurement.correlations = definition.analyzeCorrelations(
        this.correlations.subarray(0, samples * this.stride),
        size,
        samples,
        every,
        parameters,
        lattice,
      );
      measurement.warnings.push(...measurement.correlations.warnings.map((w) => `correlations: ${w}`));
    }
    if (!this.finished) measurement.warnings.unshift(`partial measurement: stopped after ${n} of ${this.options.sweeps} recorded sweeps`);
    return measurement;
  }

  /** A run checkpoint: the simulation's state and this run's so far; `startMeasurement(checkpoint)` continues it exactly. */
  checkpoint(): Uint8Array {
    return encodeCheckpoint({ kind: 'run', state: this.host.state(), run: this });
  }
}
