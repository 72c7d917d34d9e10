/**
 * createSimulation: the typed entry point. One simulation owns one lattice, one random
 * stream and one kernel (WebAssembly or JavaScript); everything is synchronous after creation.
 */
import { createKernel, type BackendName, type EngineName, type IsingKernel } from './backend/index.js';
import { encodeCheckpoint, decodeCheckpoint, simulationState } from './checkpoint.js';
import { CLUSTER_BYTES_PER_SITE, clusterStepOf, clusterWork } from './cluster/step.js';
import { clusterThresholds } from './cluster/thresholds.js';
import { CheckpointError, DisposedError, InvalidOptionError } from './errors.js';
import { measureSeries, type Measurement } from './measure.js';
import { completeMeasurement, MeasurementRun, normalizeMeasureOptions, type MeasureOptions } from './recorder.js';
import {
  checkCount,
  checkFinite,
  checkPositive,
  normalizeOptions,
  normalizeUpdateSettings,
  oneOf,
  ALGORITHMS,
  type Algorithm,
  type LocalAlgorithm,
  type NormalizedOptions,
  type SimulationOptions,
  type UpdateSettings,
} from './options.js';
import { seedState } from './rng.js';
import { heatBathThresholds, metropolisThresholds } from './thresholds.js';

export { MAX_MEASURE_SWEEPS, type MeasureOptions } from './recorder.js';

/** Everything needed to put a simulation back exactly where it was. */
export interface Snapshot {
  readonly version: 1;
  readonly model: 'ising';
  readonly size: number;
  /** Spins, row-major, each +1 or -1 (a copy). */
  readonly spins: Int8Array;
  /** xoshiro128** state, 4 words. */
  readonly rngState: Uint32Array;
  /** Sweeps run so far. */
  readonly sweeps: number;
  /** Spins changed so far. */
  readonly flips: number;
  /** Work so far in sweep equivalents (absent in snapshots from before cluster algorithms: then equal to `sweeps`). */
  readonly sweepEquivalents?: number;
}

/** What {@link Simulation.sweep} returns. */
export interface SweepResult {
  /** Sweeps run by this call. */
  sweeps: number;
  /** Spins that changed in this call. */
  flips: number;
  /** flips / (sweeps * N): the acceptance rate (for heat bath, the rate of changed spins; for cluster algorithms, of flipped spins per step). */
  acceptance: number;
  /** Work of this call in sweep equivalents (README "Work accounting"): sweeps, Swendsen-Wang updates, Wolff flipped spins / N. */
  sweepEquivalents: number;
}

export interface Simulation {
  /** The normalised options (temperature, beta and field follow the setters). */
  readonly options: NormalizedOptions;
  /** The backend that actually runs. */
  readonly backend: BackendName;
  /** Why `backend: 'auto'` fell back to JavaScript, if it did. */
  readonly fallbackReason: string | undefined;
  /** The engine that runs: 'wasm-simd', 'wasm-scalar' (an engine without WebAssembly SIMD) or 'js'. */
  readonly engine: EngineName;
  /** The layout the current algorithm runs on: 'packed' (Metropolis on a packed lattice) or 'byte'. */
  readonly layout: 'packed' | 'byte';
  /** Number of sites N = L * L. */
  readonly sites: number;
  /** Sweeps run so far (including thermalization and measurements). */
  readonly sweeps: number;
  /** Spins changed so far. */
  readonly flips: number;
  /** Work so far in sweep equivalents (README "Work accounting"). */
  readonly sweepEquivalents: number;
  /**
   * Runs n steps (default 1) of the algorithm: sweeps (one update attempt per site, checkerboard
   * order), Wolff steps of `clustersPerStep` clusters, Swendsen-Wang updates, or hybrid steps.
   * With `records` (an Int32Array of length >= 2n), writes after step k the exact integers
   * B = sum_<ij> s_i s_j at records[2k] and M = sum_i s_i at records[2k + 1]. With `sizes` too (a
   * Float64Array of length >= n; cluster algorithms only) writes after step k the cluster-size
   * statistic of the improved estimators: Wolff, the summed size of the step's clusters;
   * Swendsen-Wang, the sum of the squared sizes of all its clusters.
   */
  sweep(n?: number, records?: Int32Array, sizes?: Float64Array): SweepResult;
  /** Thermalizes, then records one sample per sweep and returns estimates with error bars. */
  measure(options: MeasureOptions): Measurement;
  /**
   * The same measurement as {@link measure}, run in slices: `run.step(k)` runs at most k more
   * sweeps, `run.result()` gives the estimates (partial, with a warning, before the run ends).
   * Do not call other methods of the simulation while it runs.
   */
  startMeasurement(options: MeasureOptions): MeasurementRun;
  /** Current energy per site e = (-sum_<ij> s_i s_j - h sum_i s_i) / N. */
  energy(): number;
  /** Current magnetization per site m = sum_i s_i / N. */
  magnetization(): number;
  /** A copy of the spins (row-major, +1 / -1). */
  spins(): Int8Array;
  /**
   * Cluster labels of the last cluster update (a copy, row-major): after Swendsen-Wang the smallest
   * site index of each site's cluster; after Wolff that label on the sites of the last cluster and
   * -1 elsewhere; all -1 before any cluster update (see src/cluster/labels.ts).
   */
  clusterLabels(): Int32Array;
  snapshot(): Snapshot;
  /** Restores spins, generator state and counters; temperature, field and algorithm stay as set. */
  restore(snapshot: Snapshot): void;
  /**
   * A checkpoint: a small, versioned, checksummed Uint8Array with the parameters, packed spins,
   * generator state and counters (format in src/checkpoint.ts). {@link resume} continues exactly from it.
   */
  checkpoint(): Uint8Array;
  /**
   * Continues from a checkpoint of a simulation of the same size (on either backend): spins, generator,
   * counters and parameters (temperature, beta, field, algorithm, seed, start) become the checkpoint's.
   * Throws {@link CheckpointError} for a corrupt, truncated, future-version, other-model or other-size checkpoint.
   */
  resume(checkpoint: Uint8Array): void;
  setTemperature(temperature: number): void;
  setBeta(beta: number): void;
  setField(field: number): void;
  /** Changes the algorithm, with its settings (clustersPerStep, hybridSweeps, hybridCluster) where they apply. */
  setAlgorithm(algorithm: Algorithm, settings?: UpdateSettings): void;
  /** Frees the lattice; any later call throws. */
  dispose(): void;
}

class IsingSimulation implements Simulation {
  options: NormalizedOptions;
  readonly backend: BackendName;
  readonly fallbackReason: string | undefined;
  readonly engine: EngineName;
  readonly sites: number;
  sweeps = 0;
  flips = 0;
  sweepEquivalents = 0;
  private kernel: IsingKernel | undefined;

  constructor(options: NormalizedOptions, kernel: IsingKernel, fallbackReason: string | undefined, engine: EngineName) {
    this.options = options;
    this.kernel = kernel;
    this.backend = kernel.backend;
    this.fallbackReason = fallbackReason;
    this.engine = engine;
    this.sites = options.size * options.size;
    kernel.setRngState(seedState(options.seed));
    kernel.fill(options.start);
    this.updateThresholds();
    this.reserveClustersFor(options.algorithm);
  }

  /** Cluster memory is reserved when a cluster algorithm is chosen, so that a later step cannot fail. */
  private reserveClustersFor(algorithm: Algorithm): void {
    if (algorithm !== 'wolff' && algorithm !== 'swendsen-wang' && algorithm !== 'hybrid') return;
    if (this.use('setAlgorithm').reserveClusters()) return;
    const { size } = this.options;
    const mib = ((CLUSTER_BYTES_PER_SITE * size * size) / 2 ** 20).toFixed(0);
    throw new InvalidOptionError('algorithm', algorithm, `an algorithm that fits in memory: cluster updates of a ${size} x ${size} lattice need ${mib} MiB more (${CLUSTER_BYTES_PER_SITE} bytes a site), which the ${this.backend} backend could not allocate; use a smaller size or a local algorithm`);
  }

  get layout(): 'packed' | 'byte' {
    return this.options.layout === 'packed' && this.options.algorithm === 'metropolis' ? 'packed' : 'byte';
  }

  private use(method: string): IsingKernel {
    if (!this.kernel) throw new DisposedError(method);
    return this.kernel;
  }

  /** The kernel, for analyses in this package that work on the lattice in place (see {@link simulationKernel}). */
  kernelFor(method: string): IsingKernel {
    return this.use(method);
  }

  private updateThresholds(): void {
    const { beta, field } = this.options;
    const kernel = this.use('update');
    kernel.setThresholds(metropolisThresholds(beta, field), heatBathThresholds(beta, field));
    const cluster = clusterThresholds(beta, field);
    kernel.setClusterThresholds(cluster.bond, cluster.ghost, cluster.fieldSign);
  }

  /** Runs n steps; with `out` (and `sizes` for cluster steps) records every step. Returns flips and work. */
  private run(n: number, out?: Int32Array, sizes?: Float64Array): { flips: number; work: number } {
    const kernel = this.use('sweep');
    const step = clusterStepOf(this.options);
    let flips: number;
    let work: number;
    if (step) {
      const result = kernel.clusterSweep(step, n, out, out ? (sizes ?? new Float64Array(n)) : undefined);
      flips = result.flips;
      work = clusterWork(step, n, result.clusterFlips, this.sites);
    } else {
      flips = kernel.sweep(this.options.algorithm as LocalAlgorithm, n, out);
      work = n;
    }
    this.sweeps += n;
    this.flips += flips;
    this.sweepEquivalents += work;
    return { flips, work };
  }

  sweep(n = 1, records?: Int32Array, sizes?: Float64Array): SweepResult {
    checkCount('n', n, 0);
    if (records !== undefined && (!(records instanceof Int32Array) || records.length < 2 * n)) {
      throw new InvalidOptionError('records', records, `an Int32Array of length >= ${2 * n} (2 per sweep)`);
    }
    if (sizes !== undefined) {
      if (!clusterStepOf(this.options)) throw new InvalidOptionError('sizes', sizes, `no sizes with algorithm "${this.options.algorithm}" (cluster algorithms only)`);
      if (records === undefined) throw new InvalidOptionError('sizes', sizes, 'sizes together with records');
      if (!(sizes instanceof Float64Array) || sizes.length < n) throw new InvalidOptionError('sizes', sizes, `a Float64Array of length >= ${n} (1 per step)`);
    }
    const { flips, work } = this.run(n, records, sizes);
    return { sweeps: n, flips, acceptance: n > 0 ? flips / (n * this.sites) : NaN, sweepEquivalents: work };
  }

  measure(options: MeasureOptions): Measurement {
    const run = this.startMeasurement(options);
    run.step();
    return run.result();
  }

  startMeasurement(options: MeasureOptions): MeasurementRun {
    const normalized = normalizeMeasureOptions(options, this.options.size);
    this.use('measure');
    return new MeasurementRun(
      {
        size: this.options.size,
        clusterStep: clusterStepOf(this.options),
        run: (n, out, sizes) => this.run(n, out, sizes),
        correlations: (out) => this.use('measure').correlations(out),
        context: () => ({ ...this.options, backend: this.backend, sites: this.sites }),
      },
      normalized,
    );
  }

  energy(): number {
    const k = this.use('energy');
    return (-k.bondSum - this.options.field * k.magnetization) / this.sites;
  }

  magnetization(): number {
    return this.use('magnetization').magnetization / this.sites;
  }

  spins(): Int8Array {
    return this.use('spins').readSpins();
  }

  clusterLabels(): Int32Array {
    return this.use('clusterLabels').clusterLabels();
  }

  snapshot(): Snapshot {
    const k = this.use('snapshot');
    return {
      version: 1, model: 'ising', size: this.options.size, spins: k.readSpins(), rngState: k.getRngState(),
      sweeps: this.sweeps, flips: this.flips, sweepEquivalents: this.sweepEquivalents,
    };
  }

  restore(snapshot: Snapshot): void {
    const k = this.use('restore');
    if (typeof snapshot !== 'object' || snapshot === null) throw new InvalidOptionError('snapshot', snapshot, 'a snapshot from snapshot()');
    if (snapshot.version !== 1) throw new InvalidOptionError('snapshot.version', snapshot.version, 'version 1');
    if (snapshot.model !== this.options.model) throw new InvalidOptionError('snapshot.model', snapshot.model, `"${this.options.model}"`);
    if (snapshot.size !== this.options.size) throw new InvalidOptionError('snapshot.size', snapshot.size, `${this.options.size} (the size of this simulation)`);
    if (!(snapshot.spins instanceof Int8Array) || snapshot.spins.length !== this.sites || snapshot.spins.some((s) => s !== 1 && s !== -1)) {
      throw new InvalidOptionError('snapshot.spins', `${snapshot.spins?.constructor?.name ?? typeof snapshot.spins} of length ${snapshot.spins?.length}`, `an Int8Array of ${this.sites} spins, each +1 or -1`);
    }
    if (!(snapshot.rngState instanceof Uint32Array) || snapshot.rngState.length !== 4 || snapshot.rngState.every((w) => w === 0)) {
      throw new InvalidOptionError('snapshot.rngState', snapshot.rngState, 'a Uint32Array of 4 words, not all zero');
    }
    checkCount('snapshot.sweeps', snapshot.sweeps);
    if (!Number.isSafeInteger(snapshot.flips) || snapshot.flips < 0) throw new InvalidOptionError('snapshot.flips', snapshot.flips, 'a non-negative integer');
    const work = snapshot.sweepEquivalents ?? snapshot.sweeps;
    if (typeof work !== 'number' || !Number.isFinite(work) || work < 0) throw new InvalidOptionError('snapshot.sweepEquivalents', work, 'a finite number >= 0');
    k.writeSpins(snapshot.spins);
    k.setRngState(snapshot.rngState);
    this.sweeps = snapshot.sweeps;
    this.flips = snapshot.flips;
    this.sweepEquivalents = work;
  }

  checkpoint(): Uint8Array {
    this.use('checkpoint');
    return encodeCheckpoint({ kind: 'simulation', state: simulationState(this) });
  }

  resume(checkpoint: Uint8Array): void {
    this.use('resume');
    const { state } = decodeCheckpoint(checkpoint);
    if (state.size !== this.options.size) throw new CheckpointError('size', `a ${state.size} x ${state.size} lattice; this simulation is ${this.options.size} x ${this.options.size}`);
    if (state.layout !== this.options.layout) throw new CheckpointError('layout', `a simulation with layout "${state.layout}"; this one has layout "${this.options.layout}" (the layouts follow different random streams)`);
    this.restore({
      version: 1, model: state.model, size: state.size, spins: state.spins, rngState: state.rngState,
      sweeps: state.sweeps, flips: state.flips, sweepEquivalents: state.sweepEquivalents,
    });
    const { temperature, beta, field, algorithm, seed, start, clustersPerStep, hybridSweeps, hybridCluster } = state;
    this.reserveClustersFor(algorithm);
    this.options = Object.freeze({ ...this.options, temperature, beta, field, algorithm, seed, start, clustersPerStep, hybridSweeps, hybridCluster });
    this.updateThresholds();
  }

  setTemperature(temperature: number): void {
    checkPositive('temperature', temperature);
    this.options = Object.freeze({ ...this.options, temperature, beta: 1 / temperature });
    this.updateThresholds();
  }

  setBeta(beta: number): void {
    checkPositive('beta', beta);
    this.options = Object.freeze({ ...this.options, beta, temperature: 1 / beta });
    this.updateThresholds();
  }

  setField(field: number): void {
    checkFinite('field', field);
    this.options = Object.freeze({ ...this.options, field });
    this.updateThresholds();
  }

  setAlgorithm(algorithm: Algorithm, settings: UpdateSettings = {}): void {
    oneOf('algorithm', algorithm, ALGORITHMS);
    if (typeof settings !== 'object' || settings === null) throw new InvalidOptionError('settings', settings, 'an object like { clustersPerStep: 4 }');
    for (const key of Object.keys(settings)) {
      if (!['clustersPerStep', 'hybridSweeps', 'hybridCluster'].includes(key)) {
        throw new InvalidOptionError(key, (settings as Record<string, unknown>)[key], 'one of the algorithm settings clustersPerStep, hybridSweeps, hybridCluster');
      }
    }
    const update = normalizeUpdateSettings(algorithm, settings, this.options);
    this.reserveClustersFor(algorithm);
    this.options = Object.freeze({ ...this.options, algorithm, ...update });
  }

  dispose(): void {
    this.kernel?.dispose();
    this.kernel = undefined;
  }
}

/** Validates the options of a resumable measure() (the job runner and workers); throws InvalidOptionError. */
export function checkMeasureOptions(options: MeasureOptions, size: number): { sweeps: number; thermalize: number; keepSeries: boolean; histograms: boolean; every: number } {
  const { sweeps, thermalize, keepSeries, every, histograms } = normalizeMeasureOptions(options, size);
  return { sweeps, thermalize, keepSeries, histograms, every };
}

/**
 * The {@link Measurement} of `sweeps` recorded (B, M) pairs, exactly as measure() reports it
 * (used by measure() and by the resumable job runner, so both give identical results).
 */
export function measurementFromRecords(
  sim: Simulation,
  records: Int32Array,
  run: {
    thermalize: number; sweeps: number; flips: number; sweepEquivalents: number; keepSeries?: boolean; histograms?: boolean; sizes?: Float64Array;
    /** Correlation samples (correlationValues(L) values each) taken every `every` recorded sweeps. */
    correlations?: { every: number; records: Int32Array };
  },
): Measurement {
  const { size, beta, field } = sim.options;
  const measurement = measureSeries(records.length === 2 * run.sweeps ? records : records.subarray(0, 2 * run.sweeps), {
    ...sim.options,
    thermalize: run.thermalize,
    sweeps: run.sweeps,
    sweepEquivalents: run.sweepEquivalents,
    backend: sim.backend,
    acceptance: run.flips / (run.sweeps * sim.sites),
    keepSeries: (run.keepSeries ?? false) || (run.histograms ?? false),
    sites: size * size,
    beta,
    field,
  });
  return completeMeasurement(measurement, {
    size, beta, field, step: clusterStepOf(sim.options), sizes: run.sizes,
    histograms: run.histograms ?? false, keepSeries: run.keepSeries ?? false,
    every: run.correlations?.every ?? 0, correlations: run.correlations?.records,
  });
}

/**
 * The kernel running `sim`, for analyses in this package that read the lattice in place
 * (block spins in src/rg). Throws {@link DisposedError} after dispose() and
 * {@link InvalidOptionError} (option `simulation`) for anything not made by createSimulation().
 * @internal
 */
export function simulationKernel(sim: Simulation, method: string): IsingKernel {
  if (!(sim instanceof IsingSimulation)) throw new InvalidOptionError('simulation', sim, 'a simulation from createSimulation()');
  return sim.kernelFor(method);
}

/**
 * Creates a simulation. Validates every option (throws {@link InvalidOptionError}),
 * loads the core when needed, seeds the generator and prepares the start configuration.
 *
 * @example
 * const sim = await createSimulation({ size: 64, temperature: 2.3, seed: 1 });
 * const result = sim.measure({ thermalize: 1000, sweeps: 10000 });
 * console.log(result.observables.energy); // { mean, error, ... }
 */
export async function createSimulation(options: SimulationOptions = {}): Promise<Simulation> {
  const normalized = normalizeOptions(options);
  const { kernel, fallbackReason, engine } = await createKernel(normalized.backend, normalized.size, options.core, normalized.layout, normalized.workers);
  try {
    return new IsingSimulation(normalized, kernel, fallbackReason, engine);
  } catch (error) {
    kernel.dispose();
    throw error;
  }
}
