/**
 * The model seam: what a spin model supplies so that every layer (simulation, measuring run,
 * checkpoints, jobs, workers, the CLI) can run it without knowing which model it is.
 *
 * A model lives in src/models/<name>/ with one {@link ModelDefinition}: its parameters and their
 * validation, its spin codec (what `spins()` returns and how checkpoints store it), its per-step
 * record layout (the values a kernel writes after every step: exact integers, or float64 sums for
 * continuous spins), its observables with their
 * formulas, its exact and literature references, and its kernels per backend ({@link ModelKernel}).
 */
import type { CorrelationMeasurement } from '../correlation.js';
import type { Measurement, SeriesContext } from '../measure.js';
import type {
  Algorithm,
  BackendName,
  ClusterStep,
  ClusterSweepResult,
  CoreSource,
  EngineName,
  Lattice,
  Layout,
  LocalAlgorithm,
  Model,
  Start,
} from '../vocabulary.js';
import type { BlockSpinKernel } from '../backend/rg-types.js';

/**
 * What `spins()` returns: Ising spins +1 / -1 as Int8Array, Potts states 0 .. q-1 as Uint8Array,
 * the components of continuous spins as Float64Array.
 */
export type SpinArray = Int8Array | Uint8Array | Float64Array;

/**
 * How a model's per-step records and correlation samples are stored: `'int32'`, exact integer sums
 * (Ising, Potts); `'float64'`, sums of real-valued terms (continuous spins). Measuring runs,
 * checkpoints, workers and jobs allocate, copy and encode records by this type.
 */
export type RecordType = 'int32' | 'float64';
/** The records of a model: Int32Array for `'int32'`, Float64Array for `'float64'`. */
export type RecordArray = Int32Array | Float64Array;

/** A zeroed record array of `length` values of the given type. */
export function createRecords(type: RecordType, length: number): RecordArray {
  return type === 'float64' ? new Float64Array(length) : new Int32Array(length);
}

/** Whether `value` is a record array of the given type. */
export function isRecordArray(value: unknown, type: RecordType): value is RecordArray {
  return type === 'float64' ? value instanceof Float64Array : value instanceof Int32Array;
}
export type { SpinsOf } from '../vocabulary.js';

/** Parameters a model adds to the common options (`{}` for Ising, `{ q }` for Potts, `{ overRelaxation }` for XY, `{ lambda, overRelaxation }` for phi^4). */
export type ModelParameters = { readonly q?: number; readonly overRelaxation?: number; readonly lambda?: number };

/**
 * A kernel of one model on one backend: the lattice, its random stream and its updates. Every
 * method is synchronous; the WebAssembly and JavaScript kernels of a model agree bit for bit.
 */
export interface ModelKernel {
  readonly backend: BackendName;
  /** Linear size L. */
  readonly size: number;
  /** Generator state, 4 unsigned 32-bit words (a copy). */
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  /** The start configuration (a hot start draws from the stream; see the model's kernel contract). */
  fill(start: Start): void;
  /** A copy of the lattice, in site order (src/lattice.ts). */
  readSpins(): SpinArray;
  /** Replaces the lattice (already validated by the model's codec) and recounts the record. */
  writeSpins(spins: SpinArray): void;
  /** Installs beta and field: every table a kernel uses is computed here, once, in TypeScript. */
  setCouplings(beta: number, field: number): void;
  /** Runs `n` local sweeps; with `out` (length >= width * n) writes the record after every sweep. Returns sites changed. */
  sweep(algorithm: LocalAlgorithm, n: number, out?: RecordArray): number;
  /** Reserves cluster memory on first use; false when it does not fit (nothing changes then). */
  reserveClusters(): boolean;
  /** Runs `n` cluster steps; with `out` and `sizes` writes the record and the cluster-size statistic after every step. */
  clusterSweep(step: ClusterStep, n: number, out?: RecordArray, sizes?: Float64Array): ClusterSweepResult;
  /** Labels of the last cluster update (src/cluster/labels.ts): a copy. */
  clusterLabels(): Int32Array;
  /** Writes the record of the current lattice (the model's record layout) into `out`. */
  record(out: RecordArray): void;
  /** Writes one correlation sample of the current lattice (the model's correlation layout). */
  correlations(out: RecordArray): void;
  /** Block spins (RG) over this lattice, where the model and kernel have them. */
  blockSpins?(): BlockSpinKernel;
  /**
   * State of the update beyond spins and generator that checkpoints and snapshots carry: the
   * Metropolis step size of continuous-spin models (tuned during thermalization). Absent elsewhere.
   */
  stepSize?: number;
  /** The range of `stepSize` (where there is one). */
  readonly stepBounds?: { readonly min: number; readonly max: number };
  /** Releases memory; the kernel is unusable afterwards. */
  dispose(): void;
}

/** What a model's kernel factory is asked for. */
export interface KernelRequest {
  backend: 'auto' | 'wasm' | 'js';
  /** The lattice (src/lattice.ts), one of the model's `lattices`. */
  lattice: Lattice;
  size: number;
  core: CoreSource | undefined;
  layout: 'packed' | 'byte';
  workers: number;
}

/** A kernel, the engine that runs it, and why `backend: 'auto'` fell back to JavaScript (if it did). */
export interface KernelChoice {
  kernel: ModelKernel;
  engine: EngineName;
  fallbackReason?: string;
}

/** How a model's lattice is checked, copied and stored in checkpoints. */
export interface SpinCodec<P extends ModelParameters = ModelParameters> {
  /** A new lattice array of `sites` sites. */
  create(sites: number): SpinArray;
  /** Why `spins` is not a lattice of this model with `sites` sites (undefined when it is). */
  invalid(spins: unknown, sites: number, parameters: P): string | undefined;
  /** What `spins()` returns, for messages: e.g. 'an Int8Array of N spins, each +1 or -1'. */
  describe(sites: number, parameters: P): string;
  /** The checkpoint section encoding ('bits': one bit a site; 'bytes': one byte a site; 'float64le': the spin components as little-endian float64). */
  readonly encoding: 'bits' | 'bytes' | 'float64le';
  /** Values per site in `spins()` and in the checkpoint section (the spin components; absent: 1). */
  readonly components?: number;
  encode(spins: SpinArray): Uint8Array;
  /** Decodes a section; undefined when the bytes hold a value the model does not allow. */
  decode(bytes: Uint8Array, sites: number, parameters: P): SpinArray | undefined;
}

/** A reference value or formula the model cites (exact module, docs and CLI). */
export interface Reference {
  /** What it gives, e.g. 'T_c = 2 / ln(1 + sqrt 2)'. */
  what: string;
  /** Who and where, e.g. 'Onsager, Phys. Rev. 65, 117 (1944)'. */
  citation: string;
}

/**
 * The phases of a model's ordered state, for the check that a measurement sampled them (src/phases.ts):
 * which sector a record's order parameter points to, which sectors the field favours, and an estimate
 * of the weight the disfavoured phases carry in equilibrium.
 */
export interface PhaseSectors<P extends ModelParameters = ModelParameters> {
  /** What a sector is, for messages (e.g. 'the sign of M'). */
  readonly describe: string;
  /** The sector of the record at `offset`; `previous` is kept on a tie (e.g. M = 0). */
  sector(records: ArrayLike<number>, offset: number, previous: number, parameters: P): number;
  /** Whether the field favours `sector`; undefined at h = 0, where every sector is equivalent by symmetry. */
  favoured(sector: number, field: number): boolean | undefined;
  /**
   * The equilibrium weight of the disfavoured phases together, estimated from the measured order
   * (mean |m|, or the majority fraction) at beta and h on N sites (the formula is in the model's definition).
   */
  disfavouredWeight(order: number, beta: number, field: number, sites: number, parameters: P): number;
  /** The observable `disfavouredWeight` takes as `order`. */
  readonly order: 'absMagnetization' | 'majority';
}

/** One spin model: see the module comment. */
export interface ModelDefinition<P extends ModelParameters = ModelParameters> {
  readonly name: Model;
  /** Display name, e.g. 'Ising' or 'q-state Potts'. */
  readonly title: string;
  /** The Hamiltonian in plain text (J = k_B = 1). */
  readonly hamiltonian: string;
  /** Option keys this model adds (e.g. ['q']); every other model refuses them. */
  readonly parameterKeys: readonly string[];
  /** Validates and fills in this model's parameters from the options (other keys are ignored). Throws InvalidOptionError. */
  parameters(given: object): P;
  /** The update algorithms this model runs. */
  readonly algorithms: readonly Algorithm[];
  /** The lattices this model runs on (src/lattice.ts). */
  readonly lattices: readonly Lattice[];
  /** The algorithms it runs on `lattice`, when they differ from `algorithms` there. */
  algorithmsOn?(lattice: Lattice): readonly Algorithm[];
  /** The infinite-lattice critical (or transition) temperature on `lattice`, the default temperature; NaN where none is known. */
  criticalTemperature(parameters: P, lattice?: Lattice): number;
  /** Resolves the layout for size L ('auto' to what the model runs best); throws for one it cannot run. */
  resolveLayout(layout: Layout, size: number, lattice?: Lattice): 'packed' | 'byte';
  /** The layout the given algorithm runs on, for `sim.layout`. */
  layoutOf(layout: 'packed' | 'byte', algorithm: Algorithm): 'packed' | 'byte';
  /** Values in one per-step record. */
  recordWidth(parameters: P): number;
  /** How records and correlation samples are stored (exact integers, or float64 sums for continuous spins). */
  readonly recordType: RecordType;
  /** The record layout in words, for docs and messages, e.g. '(B, M)'. */
  recordLayout(parameters: P): string;
  readonly spins: SpinCodec<P>;
  createKernel(request: KernelRequest, parameters: P): Promise<KernelChoice>;
  /** Total energy E of the record starting at `offset` (J = 1); e = E / N. */
  energy(records: ArrayLike<number>, offset: number, field: number): number;
  /** The order parameter per site of that record (Ising m, which has a sign; Potts |M| / N, >= 0). */
  orderParameter(records: ArrayLike<number>, offset: number, sites: number, parameters: P): number;
  /** Every observable, with errors, from `steps` records (the model's formulas, src/measure.ts machinery). */
  analyze(records: RecordArray, context: SeriesContext, parameters: P): Measurement;
  /** Values in one correlation sample for linear size L. */
  correlationValues(size: number, parameters: P, lattice?: Lattice): number;
  /** G(r), S(0), S(k_min) and xi_2nd from correlation samples. */
  analyzeCorrelations(samples: RecordArray, size: number, count: number, every: number, parameters: P, lattice?: Lattice): CorrelationMeasurement;
  /** The phases of the ordered state (metastability check). */
  readonly phases: PhaseSectors<P>;
  /** Whether cluster sizes give improved estimators (the Fortuin-Kasteleyn identities this package implements). */
  readonly improvedEstimators: boolean;
  /** Exact and literature references. */
  readonly references: readonly Reference[];
}
