/**
 * createSimulation: the typed entry point. One simulation owns one lattice, one random
 * stream and one kernel (WebAssembly or JavaScript); everything is synchronous after creation.
 */
import { createKernel, type BackendName, type IsingKernel } from './backend/index.js';
import { encodeCheckpoint, decodeCheckpoint, simulationState } from './checkpoint.js';
import { CheckpointError, DisposedError, InvalidOptionError } from './errors.js';
import { measureSeries, type Measurement } from './measure.js';
import { MeasurementRun, normalizeMeasureOptions, type MeasureOptions } from './recorder.js';
import {
  checkCount,
  checkFinite,
  checkPositive,
  normalizeOptions,
  oneOf,
  ALGORITHMS,
  type Algorithm,
  type NormalizedOptions,
  type SimulationOptions,
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
}

/** What {@link Simulation.sweep} returns. */
export interface SweepResult {
  /** Sweeps run by this call. */
  sweeps: number;
  /** Spins that changed in this call. */
  flips: number;
  /** flips / (sweeps * N): the acceptance rate (for heat bath, the rate of changed spins). */
  acceptance: number;
}

export interface Simulation {
  /** The normalised options (temperature, beta and field follow the setters). */
  readonly options: NormalizedOptions;
  /** The backend that actually runs. */
  readonly backend: BackendName;
  /** Why `backend: 'auto'` fell back to JavaScript, if it did. */
  readonly fallbackReason: string | undefined;
  /** Number of sites N = L * L. */
  readonly sites: number;
  /** Sweeps run so far (including thermalization and measurements). */
  readonly sweeps: number;
  /** Spins changed so far. */
  readonly flips: number;
  /**
   * Runs n sweeps (default 1). A sweep is one update attempt per site, checkerboard order.
   * With `records` (an Int32Array of length >= 2n), writes after sweep k the exact integers
   * B = sum_<ij> s_i s_j at records[2k] and M = sum_i s_i at records[2k + 1].
   */
  sweep(n?: number, records?: Int32Array): SweepResult;
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
  setAlgorithm(algorithm: Algorithm): void;
  /** Frees the lattice; any later call throws. */
  dispose(): void;
}

class IsingSimulation implements Simulation {
  options: NormalizedOptions;
  readonly backend: BackendName;
  readonly fallbackReason: string | undefined;
  readonly sites: number;
  sweeps = 0;
  flips = 0;
  private kernel: IsingKernel | undefined;

  constructor(options: NormalizedOptions, kernel: IsingKernel, fallbackReason: string | undefined) {
    this.options = options;
    this.kernel = kernel;
    this.backend = kernel.backend;
    this.fallbackReason = fallbackReason;
    this.sites = options.size * options.size;
    kernel.setRngState(seedState(options.seed));
    kernel.fill(options.start);
    this.updateThresholds();
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
    this.use('update').setThresholds(metropolisThresholds(beta, field), heatBathThresholds(beta, field));
  }

  private run(n: number, out?: Int32Array): number {
    const flips = this.use('sweep').sweep(this.options.algorithm, n, out);
    this.sweeps += n;
    this.flips += flips;
    return flips;
  }

  sweep(n = 1, records?: Int32Array): SweepResult {
    checkCount('n', n, 0);
    if (records !== undefined && (!(records instanceof Int32Array) || records.length < 2 * n)) {
      throw new InvalidOptionError('records', records, `an Int32Array of length >= ${2 * n} (2 per sweep)`);
    }
    const flips = this.run(n, records);
    return { sweeps: n, flips, acceptance: n > 0 ? flips / (n * this.sites) : NaN };
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
        run: (n, out) => this.run(n, out),
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

  snapshot(): Snapshot {
    const k = this.use('snapshot');
    return { version: 1, model: 'ising', size: this.options.size, spins: k.readSpins(), rngState: k.getRngState(), sweeps: this.sweeps, flips: this.flips };
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
    k.writeSpins(snapshot.spins);
    k.setRngState(snapshot.rngState);
    this.sweeps = snapshot.sweeps;
    this.flips = snapshot.flips;
  }

  checkpoint(): Uint8Array {
    this.use('checkpoint');
    return encodeCheckpoint({ kind: 'simulation', state: simulationState(this) });
  }

  resume(checkpoint: Uint8Array): void {
    this.use('resume');
    const { state } = decodeCheckpoint(checkpoint);
    if (state.size !== this.options.size) throw new CheckpointError('size', `a ${state.size} x ${state.size} lattice; this simulation is ${this.options.size} x ${this.options.size}`);
    this.restore({ version: 1, model: state.model, size: state.size, spins: state.spins, rngState: state.rngState, sweeps: state.sweeps, flips: state.flips });
    const { temperature, beta, field, algorithm, seed, start } = state;
    this.options = Object.freeze({ ...this.options, temperature, beta, field, algorithm, seed, start });
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

  setAlgorithm(algorithm: Algorithm): void {
    this.options = Object.freeze({ ...this.options, algorithm: oneOf('algorithm', algorithm, ALGORITHMS) });
  }

  dispose(): void {
    this.kernel?.dispose();
    this.kernel = undefined;
  }
}

/**
 * Validates the options of a resumable measure() (the job runner and workers); throws
 * InvalidOptionError. Correlations and histograms are not resumable yet: they are rejected
 * here rather than silently dropped.
 */
export function checkMeasureOptions(options: MeasureOptions, size: number): { sweeps: number; thermalize: number; keepSeries: boolean } {
  const { sweeps, thermalize, keepSeries, every, histograms } = normalizeMeasureOptions(options, size);
  if (every > 0) throw new InvalidOptionError('correlations', options.correlations, 'false in workers and jobs (correlations are measured by Simulation.measure() on the calling thread)');
  if (histograms) throw new InvalidOptionError('histograms', options.histograms, 'false in workers and jobs (build histograms from keepSeries: true)');
  return { sweeps, thermalize, keepSeries };
}

/**
 * The {@link Measurement} of `sweeps` recorded (B, M) pairs, exactly as measure() reports it
 * (used by measure() and by the resumable job runner, so both give identical results).
 */
export function measurementFromRecords(
  sim: Simulation,
  records: Int32Array,
  run: { thermalize: number; sweeps: number; flips: number; keepSeries?: boolean },
): Measurement {
  const { size, beta, field } = sim.options;
  return measureSeries(records.length === 2 * run.sweeps ? records : records.subarray(0, 2 * run.sweeps), {
    ...sim.options,
    thermalize: run.thermalize,
    sweeps: run.sweeps,
    backend: sim.backend,
    acceptance: run.flips / (run.sweeps * sim.sites),
    keepSeries: run.keepSeries ?? false,
    sites: size * size,
    beta,
    field,
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
  const { kernel, fallbackReason } = await createKernel(normalized.backend, normalized.size, options.core);
  return new IsingSimulation(normalized, kernel, fallbackReason);
}
