/**
 * createSimulation: the typed entry point. One simulation owns one lattice, one random
 * stream and one kernel (WebAssembly or JavaScript); everything is synchronous after creation.
 */
import { createKernel, type BackendName, type EngineName, type IsingKernel } from './backend/index.js';
import { DisposedError, InvalidOptionError } from './errors.js';
import { measureSeries, type Measurement } from './measure.js';
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

/** Largest number of recorded sweeps in one measure() call (the per-sweep series is kept in memory: 8 bytes a sweep). */
export const MAX_MEASURE_SWEEPS = 1 << 25;

/** Options of {@link Simulation.measure}. */
export interface MeasureOptions {
  /** Number of sweeps recorded (one sample per sweep): an integer from 2 to 2^25. */
  sweeps: number;
  /** Sweeps run first and discarded, to equilibrate. @default 0 */
  thermalize?: number;
  /** Keep the per-sweep series of e and m in the result. @default false */
  keepSeries?: boolean;
}

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
  /** Runs n sweeps (default 1). A sweep is one update attempt per site, checkerboard order. */
  sweep(n?: number): SweepResult;
  /** Thermalizes, then records one sample per sweep and returns estimates with error bars. */
  measure(options: MeasureOptions): Measurement;
  /** Current energy per site e = (-sum_<ij> s_i s_j - h sum_i s_i) / N. */
  energy(): number;
  /** Current magnetization per site m = sum_i s_i / N. */
  magnetization(): number;
  /** A copy of the spins (row-major, +1 / -1). */
  spins(): Int8Array;
  snapshot(): Snapshot;
  /** Restores spins, generator state and counters; temperature, field and algorithm stay as set. */
  restore(snapshot: Snapshot): void;
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
  readonly engine: EngineName;
  readonly sites: number;
  sweeps = 0;
  flips = 0;
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
  }

  get layout(): 'packed' | 'byte' {
    return this.options.layout === 'packed' && this.options.algorithm === 'metropolis' ? 'packed' : 'byte';
  }

  private use(method: string): IsingKernel {
    if (!this.kernel) throw new DisposedError(method);
    return this.kernel;
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

  sweep(n = 1): SweepResult {
    checkCount('n', n, 0);
    const flips = this.run(n);
    return { sweeps: n, flips, acceptance: n > 0 ? flips / (n * this.sites) : NaN };
  }

  measure(options: MeasureOptions): Measurement {
    if (typeof options !== 'object' || options === null) throw new InvalidOptionError('measure options', options, 'an object like { sweeps: 10000 }');
    const sweeps = checkCount('sweeps', options.sweeps, 2);
    if (sweeps > MAX_MEASURE_SWEEPS) throw new InvalidOptionError('sweeps', sweeps, `at most ${MAX_MEASURE_SWEEPS} sweeps per measure() call (split longer runs)`);
    const thermalize = checkCount('thermalize', options.thermalize ?? 0, 0);
    this.use('measure');
    if (thermalize > 0) this.run(thermalize);
    const series = new Int32Array(2 * sweeps);
    const flips = this.run(sweeps, series);
    const { size, beta, field } = this.options;
    return measureSeries(series, {
      ...this.options,
      thermalize,
      sweeps,
      backend: this.backend,
      acceptance: flips / (sweeps * this.sites),
      keepSeries: options.keepSeries ?? false,
      sites: size * size,
      beta,
      field,
    });
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
  return new IsingSimulation(normalized, kernel, fallbackReason, engine);
}
