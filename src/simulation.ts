/**
 * createSimulation: the typed entry point. One simulation owns one lattice, one random stream and
 * one kernel (WebAssembly or JavaScript) of one model (src/models/); everything is synchronous
 * after creation. The model's definition supplies its parameters, spin codec, record layout,
 * observables and kernels; this class is the same for every model.
 */
import { decodeCheckpoint, encodeCheckpoint, modelParametersOf, type RunState, type SimulationState } from './checkpoint.js';
import { CLUSTER_BYTES_PER_SITE, clusterStepOf, clusterWork } from './cluster/step.js';
import { CheckpointError, DisposedError, InvalidOptionError } from './errors.js';
import type { Measurement } from './measure.js';
import { modelDefinition, type ModelDefinition, type ModelKernel, type ModelParameters } from './models/index.js';
import { createRecords, isRecordArray, type RecordArray, type RecordType } from './models/model.js';
import { checkAlgorithm, normalizeOptions, normalizeUpdateSettings, type NormalizedOptions, type SimulationOptions, type UpdateSettings } from './options.js';
import { seedState } from './rng.js';
import { MeasurementRun, normalizeMeasureOptions, type MeasureOptions, type RunHost } from './run.js';
import { checkCount, checkField, checkObject, checkTemperature, oneOf } from './validate.js';
import { geometryOf, shapeOf, sitesOf } from './lattice.js';
import {
  ALGORITHMS,
  type Algorithm,
  type Lattice,
  type BackendName,
  type ClusterStep,
  type EngineName,
  type LocalAlgorithm,
  type Model,
  type SpinsOf,
} from './vocabulary.js';

export { MAX_MEASURE_SWEEPS, type MeasureOptions } from './run.js';

/** Everything needed to put a simulation back exactly where it was. */
export interface Snapshot<M extends Model = Model> {
  readonly version: 1;
  readonly model: M;
  readonly size: number;
  /** The lattice, row-major (a copy): Ising spins +1 / -1 (Int8Array), Potts states 0 .. q-1 (Uint8Array), XY components (Float64Array). */
  readonly spins: SpinsOf<M>;
  /** xoshiro128** state, 4 words. */
  readonly rngState: Uint32Array;
  /** Sweeps run so far. */
  readonly sweeps: number;
  /** Spins changed so far. */
  readonly flips: number;
  /** Work so far in sweep equivalents (absent in snapshots from before cluster algorithms: then equal to `sweeps`). */
  readonly sweepEquivalents?: number;
  /** The Potts q (absent for models without it). */
  readonly q?: number;
  /** XY, Heisenberg, phi^4: over-relaxation sweeps per Metropolis sweep (a parameter of the simulation). */
  readonly overRelaxation?: number;
  /** phi^4: the quartic coupling lambda (a parameter of the simulation). */
  readonly lambda?: number;
  /** XY, Heisenberg, phi^4: the Metropolis step size as tuned so far (restored with the snapshot). */
  readonly stepSize?: number;
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

/**
 * A simulation of model M (`'ising'` unless the options name another): the same methods for every
 * model; `spins()`, snapshots and measurements carry the model's types.
 */
export interface Simulation<M extends Model = Model> {
  /** The normalised options (temperature, beta and field follow the setters). */
  readonly options: NormalizedOptions;
  /** The backend that actually runs. */
  readonly backend: BackendName;
  /** Why `backend: 'auto'` fell back to JavaScript, if it did. */
  readonly fallbackReason: string | undefined;
  /** The engine that runs: 'wasm-simd', 'wasm-scalar' (an engine without WebAssembly SIMD) or 'js'. */
  readonly engine: EngineName;
  /** The layout the current algorithm runs on: 'packed' (Ising Metropolis on a packed lattice) or 'byte'. */
  readonly layout: 'packed' | 'byte';
  /** Number of sites N = L^d (L * L square, L * L * L cubic). */
  readonly sites: number;
  /** Values in one per-step record (the model's record layout: Ising (B, M), 2; Potts (Nb, n_0 .. n_{q-1}), q + 1). */
  readonly recordWidth: number;
  /** How records are stored: `'int32'` (Ising, Potts: exact integers, an Int32Array) or `'float64'` (continuous spins, a Float64Array). */
  readonly recordType: RecordType;
  /** Sweeps run so far (including thermalization and measurements). */
  readonly sweeps: number;
  /** Spins changed so far. */
  readonly flips: number;
  /** Work so far in sweep equivalents (README "Work accounting"). */
  readonly sweepEquivalents: number;
  /**
   * Runs n steps (default 1) of the algorithm: sweeps (one update attempt per site, checkerboard
   * order), Wolff steps of `clustersPerStep` clusters, Swendsen-Wang updates, or hybrid steps.
   * With `records` (of the model's recordType, an Int32Array or a Float64Array, of length >=
   * recordWidth * n), writes after step k the model's
   * record at records[recordWidth * k ...]: for Ising the exact integers B = sum_<ij> s_i s_j and
   * M = sum_i s_i. With `sizes` too (a Float64Array of length >= n; cluster algorithms only) writes
   * after step k the cluster-size statistic of the improved estimators: Wolff, the summed size of the
   * step's clusters; Swendsen-Wang, the sum of the squared sizes of all its clusters.
   */
  sweep(n?: number, records?: RecordArray, sizes?: Float64Array): SweepResult;
  /** Thermalizes, then records one sample per step and returns estimates with error bars. */
  measure(options: MeasureOptions): Measurement<M>;
  /**
   * The same measurement as {@link measure}, run in slices: `run.step(k)` runs at most k more
   * steps, `run.result()` gives the estimates (partial, with a warning, before the run ends),
   * `run.checkpoint()` a run checkpoint. Given a run checkpoint instead of options, continues that
   * run exactly (the simulation takes the checkpoint's state). Do not call other methods of the
   * simulation while it runs.
   */
  startMeasurement(options: MeasureOptions | Uint8Array): MeasurementRun;
  /** Current energy per site e = E / N (the model's Hamiltonian, J = 1). */
  energy(): number;
  /** Current order parameter per site: Ising m = sum_i s_i / N; Potts |M| / N from the simplex vectors (README). */
  magnetization(): number;
  /** A copy of the lattice (row-major): Ising spins +1 / -1 as Int8Array, Potts states as Uint8Array. */
  spins(): SpinsOf<M>;
  /**
   * Cluster labels of the last cluster update (a copy, row-major): after Swendsen-Wang the smallest
   * site index of each site's cluster; after Wolff that label on the sites of the last cluster and
   * -1 elsewhere; all -1 before any cluster update (see src/cluster/labels.ts).
   */
  clusterLabels(): Int32Array;
  snapshot(): Snapshot<M>;
  /** Restores spins, generator state and counters; temperature, field and algorithm stay as set. */
  restore(snapshot: Snapshot<M>): void;
  /**
   * A checkpoint: a small, versioned, checksummed Uint8Array with the model, its parameters, the
   * lattice, generator state and counters (format in src/checkpoint.ts). {@link resume} continues exactly from it.
   */
  checkpoint(): Uint8Array;
  /**
   * Continues from a checkpoint of a simulation of the same model, parameters and size (on either
   * backend): spins, generator, counters and parameters (temperature, beta, field, algorithm, seed,
   * start) become the checkpoint's. Throws {@link CheckpointError} for a corrupt, truncated,
   * future-version, other-model or other-size checkpoint.
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

/** Which kernel runs a simulation, for analyses in this package that read the lattice in place (block spins, src/rg). */
const kernels = new WeakMap<Simulation<Model>, (method: string) => ModelKernel>();

class LatticeSimulation implements Simulation<Model>, RunHost {
  options: NormalizedOptions;
  readonly definition: ModelDefinition;
  readonly parameters: ModelParameters;
  readonly backend: BackendName;
  readonly fallbackReason: string | undefined;
  readonly engine: EngineName;
  readonly sites: number;
  readonly recordWidth: number;
  readonly recordType: RecordType;
  sweeps = 0;
  flips = 0;
  sweepEquivalents = 0;
  private kernel: ModelKernel | undefined;
  private readonly scratch: RecordArray;

  constructor(options: NormalizedOptions, definition: ModelDefinition, kernel: ModelKernel, fallbackReason: string | undefined, engine: EngineName) {
    this.options = options;
    this.definition = definition;
    this.parameters = definition.parameters(options);
    this.kernel = kernel;
    this.backend = kernel.backend;
    this.fallbackReason = fallbackReason;
    this.engine = engine;
    this.sites = sitesOf(geometryOf(options.lattice), options.size);
    this.recordWidth = definition.recordWidth(this.parameters);
    this.recordType = definition.recordType;
    this.scratch = createRecords(this.recordType, this.recordWidth);
    kernel.setRngState(seedState(options.seed));
    kernel.fill(options.start);
    kernel.setCouplings(options.beta, options.field);
    this.reserveClustersFor(options.algorithm);
    kernels.set(this, (method) => this.use(method));
  }

  get size(): number {
    return this.options.size;
  }

  get lattice(): Lattice {
    return this.options.lattice;
  }

  /** Cluster memory is reserved when a cluster algorithm is chosen, so that a later step cannot fail. */
  private reserveClustersFor(algorithm: Algorithm): void {
    if (algorithm !== 'wolff' && algorithm !== 'swendsen-wang' && algorithm !== 'hybrid') return;
    if (this.use('setAlgorithm').reserveClusters()) return;
    const { size, lattice } = this.options;
    const mib = ((CLUSTER_BYTES_PER_SITE * this.sites) / 2 ** 20).toFixed(0);
    throw new InvalidOptionError(
      'algorithm',
      algorithm,
      `an algorithm that fits in memory: cluster updates of a ${shapeOf(geometryOf(lattice), size)} lattice need ${mib} MiB more ` +
        `(${CLUSTER_BYTES_PER_SITE} bytes a site), which the ${this.backend} backend could not allocate; use a smaller size or a local algorithm`,
    );
  }

  get layout(): 'packed' | 'byte' {
    return this.definition.layoutOf(this.options.layout, this.options.algorithm);
  }

  private use(method: string): ModelKernel {
    if (!this.kernel) throw new DisposedError(method);
    return this.kernel;
  }

  clusterStep(): ClusterStep | undefined {
    return clusterStepOf(this.options);
  }

  /** Runs n steps; with `out` (and `sizes` for cluster steps) records every step. Returns flips and work. */
  advance(n: number, out?: RecordArray, sizes?: Float64Array): { flips: number; work: number } {
    const kernel = this.use('sweep');
    const step = this.clusterStep();
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

  correlations(out: RecordArray): void {
    this.use('measure').correlations(out);
  }

  context() {
    return { ...this.options, backend: this.backend, sites: this.sites };
  }

  state(): SimulationState {
    const { model, lattice, size, temperature, beta, field, algorithm, seed, start, clustersPerStep, hybridSweeps, hybridCluster, layout } = this.options;
    const kernel = this.use('checkpoint');
    return {
      model,
      lattice,
      size,
      temperature,
      beta,
      field,
      algorithm,
      seed,
      start,
      clustersPerStep,
      hybridSweeps,
      hybridCluster,
      layout,
      ...this.parameters,
      sweeps: this.sweeps,
      flips: this.flips,
      sweepEquivalents: this.sweepEquivalents,
      rngState: kernel.getRngState(),
      spins: kernel.readSpins(),
      ...(kernel.stepSize !== undefined ? { stepSize: kernel.stepSize } : {}),
    };
  }

  sweep(n = 1, records?: RecordArray, sizes?: Float64Array): SweepResult {
    checkCount('n', n, 0);
    const width = this.recordWidth;
    if (records !== undefined && (!isRecordArray(records, this.recordType) || records.length < width * n)) {
      const array = this.recordType === 'float64' ? 'a Float64Array' : 'an Int32Array';
      throw new InvalidOptionError('records', records, `${array} of length >= ${width * n} (${width} per step)`);
    }
    if (sizes !== undefined) {
      if (!this.clusterStep()) throw new InvalidOptionError('sizes', sizes, `no sizes with algorithm "${this.options.algorithm}" (cluster algorithms only)`);
      if (records === undefined) throw new InvalidOptionError('sizes', sizes, 'sizes together with records');
      if (!(sizes instanceof Float64Array) || sizes.length < n) throw new InvalidOptionError('sizes', sizes, `a Float64Array of length >= ${n} (1 per step)`);
    }
    const { flips, work } = this.advance(n, records, sizes);
    return { sweeps: n, flips, acceptance: n > 0 ? flips / (n * this.sites) : NaN, sweepEquivalents: work };
  }

  measure(options: MeasureOptions): Measurement<Model> {
    const run = this.startMeasurement(options);
    run.step();
    return run.result();
  }

  startMeasurement(options: MeasureOptions | Uint8Array): MeasurementRun {
    this.use('startMeasurement');
    if (!(options instanceof Uint8Array)) {
      return new MeasurementRun(this, normalizeMeasureOptions(options, this.options.size, this.recordWidth, this.recordType));
    }
    const { kind, run } = decodeCheckpoint(options);
    if (kind !== 'run' || !run) {
      throw new CheckpointError(
        'kind',
        'a simulation checkpoint (from checkpoint()); a run needs a run checkpoint (from a paused, aborted or budget-exhausted run)',
      );
    }
    let plan;
    try {
      plan = normalizeMeasureOptions(
        {
          thermalize: run.thermalize,
          sweeps: run.sweeps,
          keepSeries: run.keepSeries,
          histograms: run.histograms,
          correlations: run.every ? { every: run.every } : false,
        },
        this.options.size,
        this.recordWidth,
        this.recordType,
      );
    } catch (error) {
      if (error instanceof InvalidOptionError) throw new CheckpointError('header', `header.run: ${error.message}`);
      throw error;
    }
    this.resume(options);
    return new MeasurementRun(this, plan, run as RunState);
  }

  private currentRecord(method: string): RecordArray {
    this.use(method).record(this.scratch);
    return this.scratch;
  }

  energy(): number {
    return this.definition.energy(this.currentRecord('energy'), 0, this.options.field) / this.sites;
  }

  magnetization(): number {
    return this.definition.orderParameter(this.currentRecord('magnetization'), 0, this.sites, this.parameters);
  }

  spins(): SpinsOf<Model> {
    return this.use('spins').readSpins() as SpinsOf<Model>;
  }

  clusterLabels(): Int32Array {
    return this.use('clusterLabels').clusterLabels();
  }

  snapshot(): Snapshot<Model> {
    const k = this.use('snapshot');
    return {
      version: 1,
      model: this.options.model,
      size: this.options.size,
      ...this.parameters,
      spins: k.readSpins() as SpinsOf<Model>,
      rngState: k.getRngState(),
      sweeps: this.sweeps,
      flips: this.flips,
      sweepEquivalents: this.sweepEquivalents,
      ...(k.stepSize !== undefined ? { stepSize: k.stepSize } : {}),
    };
  }

  restore(snapshot: Snapshot<Model>): void {
    const k = this.use('restore');
    const s = checkObject('snapshot', snapshot, 'a snapshot from snapshot()') as unknown as Snapshot<Model>;
    if (s.version !== 1) throw new InvalidOptionError('snapshot.version', s.version, 'version 1');
    if (s.model !== this.options.model) throw new InvalidOptionError('snapshot.model', s.model, `"${this.options.model}"`);
    for (const key of this.definition.parameterKeys) {
      const here = (this.parameters as Record<string, unknown>)[key];
      const there = (s as unknown as Record<string, unknown>)[key];
      if (there !== here) throw new InvalidOptionError(`snapshot.${key}`, there, `${String(here)} (the ${key} of this simulation)`);
    }
    if (s.size !== this.options.size) throw new InvalidOptionError('snapshot.size', s.size, `${this.options.size} (the size of this simulation)`);
    if (this.definition.spins.invalid(s.spins, this.sites, this.parameters) !== undefined) {
      const spins: unknown = s.spins;
      const what =
        spins instanceof Int8Array || spins instanceof Uint8Array || spins instanceof Float64Array
          ? `${spins.constructor.name} of length ${spins.length}`
          : typeof spins;
      throw new InvalidOptionError('snapshot.spins', what, this.definition.spins.describe(this.sites, this.parameters));
    }
    if (!(s.rngState instanceof Uint32Array) || s.rngState.length !== 4 || s.rngState.every((w) => w === 0)) {
      throw new InvalidOptionError('snapshot.rngState', s.rngState, 'a Uint32Array of 4 words, not all zero');
    }
    if (!Number.isSafeInteger(s.sweeps) || s.sweeps < 0) throw new InvalidOptionError('snapshot.sweeps', s.sweeps, 'a non-negative integer');
    if (!Number.isSafeInteger(s.flips) || s.flips < 0) throw new InvalidOptionError('snapshot.flips', s.flips, 'a non-negative integer');
    const work = s.sweepEquivalents ?? s.sweeps;
    if (typeof work !== 'number' || !Number.isFinite(work) || work < 0) throw new InvalidOptionError('snapshot.sweepEquivalents', work, 'a finite number >= 0');
    if (k.stepSize !== undefined && s.stepSize !== undefined) {
      const { min, max } = k.stepBounds ?? { min: 1e-6, max: 10 };
      if (typeof s.stepSize !== 'number' || !(s.stepSize >= min && s.stepSize <= max))
        throw new InvalidOptionError('snapshot.stepSize', s.stepSize, `a number from ${min} to ${max} (the Metropolis step size of this model)`);
      k.stepSize = s.stepSize;
    }
    k.writeSpins(s.spins);
    k.setRngState(s.rngState);
    this.sweeps = s.sweeps;
    this.flips = s.flips;
    this.sweepEquivalents = work;
  }

  checkpoint(): Uint8Array {
    return encodeCheckpoint({ kind: 'simulation', state: this.state() });
  }

  resume(checkpoint: Uint8Array): void {
    this.use('resume');
    const { state } = decodeCheckpoint(checkpoint);
    const { options } = this;
    if (state.model !== options.model) throw new CheckpointError('model', `a checkpoint of model "${state.model}"; this simulation runs "${options.model}"`);
    for (const [key, value] of Object.entries(modelParametersOf(state))) {
      const here = (this.parameters as Record<string, unknown>)[key];
      if (value !== here) throw new CheckpointError('model', `a checkpoint with ${key} = ${String(value)}; this simulation has ${key} = ${String(here)}`);
    }
    if (state.lattice !== options.lattice)
      throw new CheckpointError('model', `a checkpoint of the ${state.lattice} lattice; this simulation runs on the ${options.lattice} lattice`);
    if (state.size !== options.size)
      throw new CheckpointError('size', `a ${state.size} x ${state.size} lattice; this simulation is ${options.size} x ${options.size}`);
    if (state.layout !== options.layout)
      throw new CheckpointError(
        'layout',
        `a simulation with layout "${state.layout}"; this one has layout "${options.layout}" (the layouts follow different random streams)`,
      );
    this.restore({
      version: 1,
      model: state.model,
      size: state.size,
      ...modelParametersOf(state),
      spins: state.spins as SpinsOf<Model>,
      rngState: state.rngState,
      sweeps: state.sweeps,
      flips: state.flips,
      sweepEquivalents: state.sweepEquivalents,
      ...(state.stepSize !== undefined ? { stepSize: state.stepSize } : {}),
    });
    const { temperature, beta, field, algorithm, seed, start, clustersPerStep, hybridSweeps, hybridCluster } = state;
    this.reserveClustersFor(algorithm);
    this.setCouplings(beta, field, 'resume');
    this.options = Object.freeze({ ...this.options, temperature, beta, field, algorithm, seed, start, clustersPerStep, hybridSweeps, hybridCluster });
  }

  /** Installs beta and field in the kernel (validated by the caller); a failure leaves the previous couplings installed. */
  private setCouplings(beta: number, field: number, method: string): void {
    const kernel = this.use(method);
    try {
      kernel.setCouplings(beta, field);
    } catch (error) {
      kernel.setCouplings(this.options.beta, this.options.field);
      throw error;
    }
  }

  setTemperature(temperature: number): void {
    this.use('setTemperature');
    checkTemperature('temperature', temperature);
    this.setCouplings(1 / temperature, this.options.field, 'setTemperature');
    this.options = Object.freeze({ ...this.options, temperature, beta: 1 / temperature });
  }

  setBeta(beta: number): void {
    this.use('setBeta');
    checkTemperature('beta', beta);
    this.setCouplings(beta, this.options.field, 'setBeta');
    this.options = Object.freeze({ ...this.options, beta, temperature: 1 / beta });
  }

  setField(field: number): void {
    this.use('setField');
    checkField('field', field);
    this.setCouplings(this.options.beta, field, 'setField');
    this.options = Object.freeze({ ...this.options, field });
  }

  setAlgorithm(algorithm: Algorithm, settings: UpdateSettings = {}): void {
    this.use('setAlgorithm');
    oneOf('algorithm', algorithm, ALGORITHMS);
    const given = checkObject('settings', settings, '{ clustersPerStep: 4 }');
    for (const key of Object.keys(given)) {
      if (!['clustersPerStep', 'hybridSweeps', 'hybridCluster'].includes(key)) {
        throw new InvalidOptionError(key, given[key], 'one of the algorithm settings clustersPerStep, hybridSweeps, hybridCluster');
      }
    }
    checkAlgorithm(this.definition, algorithm, this.options.lattice);
    const update = normalizeUpdateSettings(algorithm, given as UpdateSettings, this.options);
    this.reserveClustersFor(algorithm);
    this.options = Object.freeze({ ...this.options, algorithm, ...update });
  }

  dispose(): void {
    this.kernel?.dispose();
    this.kernel = undefined;
  }
}

/**
 * The kernel running `sim`, for analyses in this package that read the lattice in place (block
 * spins in src/rg). Throws {@link DisposedError} after dispose() and {@link InvalidOptionError}
 * (option `simulation`) for anything not made by createSimulation().
 * @internal
 */
export function kernelOf(sim: Simulation<Model>, method: string): ModelKernel {
  const kernel = kernels.get(sim);
  if (!kernel) throw new InvalidOptionError('simulation', sim, 'a simulation from createSimulation()');
  return kernel(method);
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
export async function createSimulation<M extends Model = 'ising'>(options: SimulationOptions & { model?: M } = {}): Promise<Simulation<M>> {
  const normalized = normalizeOptions(options);
  const definition = modelDefinition(normalized.model);
  const parameters = definition.parameters(normalized);
  const { kernel, fallbackReason, engine } = await definition.createKernel(
    {
      backend: normalized.backend,
      lattice: normalized.lattice,
      size: normalized.size,
      core: options.core,
      layout: normalized.layout,
      workers: normalized.workers,
    },
    parameters,
  );
  try {
    return new LatticeSimulation(normalized, definition, kernel, fallbackReason, engine) as unknown as Simulation<M>;
  } catch (error) {
    kernel.dispose();
    throw error;
  }
}
