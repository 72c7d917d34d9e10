/**
 * Simulation options: documented defaults, validated and normalised once, read-only after.
 */
import { InvalidOptionError } from './errors.js';
import { MAX_SEED } from './rng.js';
import { CRITICAL_TEMPERATURE } from './exact/onsager.js';
import type { CoreSource } from './backend/loader.js';
import { MAX_PACKED_SIZE, PACKED_SIZE_MULTIPLE, packable } from './backend/packed.js';
import { checkWorkerCount } from './worker/limits.js';

/** Spin models. Only `'ising'` exists today; q-state Potts, XY and clock models will join this union. */
export type Model = 'ising';
/** Lattices. Only the periodic square lattice exists today; `'cubic'` (3D) will join this union. */
export type Lattice = 'square';
/** Local update algorithms: checkerboard Metropolis or heat-bath sweeps. */
export type LocalAlgorithm = 'metropolis' | 'heat-bath';
/** Cluster algorithms: Wolff single clusters or Swendsen-Wang multi-cluster updates (src/cluster, assembly/cluster.ts). */
export type ClusterAlgorithm = 'wolff' | 'swendsen-wang';
/** Update algorithms: local sweeps, cluster updates, or `'hybrid'` (Metropolis sweeps then one cluster update). */
export type Algorithm = LocalAlgorithm | ClusterAlgorithm | 'hybrid';
/** Which engine runs the kernels. `'auto'` prefers WebAssembly and falls back to JavaScript. */
export type BackendChoice = 'auto' | 'wasm' | 'js';
/** Initial configuration: `'hot'` random spins (T = infinity), `'cold'` all spins +1 (T = 0). */
export type Start = 'hot' | 'cold';
/**
 * Lattice storage. `'packed'`: one bit per spin, Metropolis by multi-spin coding (L a multiple
 * of 16, up to 32752; heat-bath sweeps run on a byte copy); `'byte'`: one byte per spin.
 * `'auto'` is packed when L allows it, else byte.
 */
export type Layout = 'auto' | 'packed' | 'byte';

export const MODELS: readonly Model[] = ['ising'];
export const LATTICES: readonly Lattice[] = ['square'];
export const ALGORITHMS: readonly Algorithm[] = ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang', 'hybrid'];
export const CLUSTER_ALGORITHMS: readonly ClusterAlgorithm[] = ['wolff', 'swendsen-wang'];
export const BACKENDS: readonly BackendChoice[] = ['auto', 'wasm', 'js'];
export const STARTS: readonly Start[] = ['hot', 'cold'];
export const LAYOUTS: readonly Layout[] = ['auto', 'packed', 'byte'];

/**
 * Smallest and largest linear size. L*L one-byte spins fit in 1 GiB, and the bond sum
 * |B| <= 2 L^2 stays an exact 32-bit integer in the kernels: 2 * 32766^2 < 2^31 <= 2 * 32768^2.
 */
export const MIN_SIZE = 2;
export const MAX_SIZE = 32766;

/** Options of {@link createSimulation}. Every field is optional. */
export interface SimulationOptions {
  /** Spin model. @default 'ising' */
  model?: Model;
  /** Lattice geometry (periodic boundaries). @default 'square' */
  lattice?: Lattice;
  /** Linear size L of the L x L lattice: an even integer from 2 to 32766. @default 64 */
  size?: number;
  /** Temperature T > 0 in units of J / k_B. Give `temperature` or `beta`, not both. @default 2.269185314213022 (Onsager's Tc) */
  temperature?: number;
  /** Inverse temperature beta = 1 / T > 0 (alternative to `temperature`). */
  beta?: number;
  /** Magnetic field h in H = -J sum s_i s_j - h sum s_i. @default 0 */
  field?: number;
  /**
   * Update algorithm. One step of `sweep(n)` and `measure()` is: a sweep (`'metropolis'`,
   * `'heat-bath'`); `clustersPerStep` Wolff clusters (`'wolff'`); one Swendsen-Wang update
   * (`'swendsen-wang'`); `hybridSweeps` Metropolis sweeps then one `hybridCluster` update (`'hybrid'`).
   * @default 'metropolis'
   */
  algorithm?: Algorithm;
  /** Wolff clusters per step (`'wolff'`, or `'hybrid'` with `hybridCluster: 'wolff'`): an integer >= 1. Measurements are taken every step. @default 1 */
  clustersPerStep?: number;
  /** Metropolis sweeps before each cluster update of a `'hybrid'` step: an integer >= 1. @default 1 */
  hybridSweeps?: number;
  /** Cluster update of a `'hybrid'` step. @default 'wolff' */
  hybridCluster?: ClusterAlgorithm;
  /** Seed of the random stream: an integer in [0, 2^53 - 1]. The same seed gives the same run on either backend. @default 1 */
  seed?: number;
  /** Engine. @default 'auto' */
  backend?: BackendChoice;
  /** Initial configuration. @default 'hot' */
  start?: Start;
  /** Where to load the WebAssembly core from (bytes, URL, Response or a compiled Module). @default the inlined core */
  core?: CoreSource;
  /** Lattice storage (see {@link Layout}). @default 'auto' */
  layout?: Layout;
  /**
   * Worker threads sharing one packed lattice (Metropolis sweeps; same numbers as one thread).
   * Needs SharedArrayBuffer, and a thread that may block: Node, or a Web Worker of a
   * crossOriginIsolated page. @default 1
   */
  workers?: number;
}

/** Options after validation: every field present, temperature and beta consistent. */
export interface NormalizedOptions {
  readonly model: Model;
  readonly lattice: Lattice;
  readonly size: number;
  readonly temperature: number;
  readonly beta: number;
  readonly field: number;
  readonly algorithm: Algorithm;
  readonly clustersPerStep: number;
  readonly hybridSweeps: number;
  readonly hybridCluster: ClusterAlgorithm;
  readonly seed: number;
  readonly backend: BackendChoice;
  readonly start: Start;
  /** The layout in use: 'auto' resolved for this size. */
  readonly layout: 'packed' | 'byte';
  readonly workers: number;
}

export const DEFAULTS = {
  model: 'ising',
  lattice: 'square',
  size: 64,
  temperature: CRITICAL_TEMPERATURE,
  field: 0,
  algorithm: 'metropolis',
  clustersPerStep: 1,
  hybridSweeps: 1,
  hybridCluster: 'wolff',
  seed: 1,
  backend: 'auto',
  start: 'hot',
  layout: 'auto',
  workers: 1,
} as const satisfies Omit<NormalizedOptions, 'beta' | 'layout'> & { layout: Layout };

const KNOWN_KEYS = ['model', 'lattice', 'size', 'temperature', 'beta', 'field', 'algorithm', 'clustersPerStep', 'hybridSweeps', 'hybridCluster', 'seed', 'backend', 'start', 'core', 'layout', 'workers'];

export function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidOptionError(option, value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
}

export function checkSize(value: unknown, option = 'size'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_SIZE || value > MAX_SIZE || value % 2 !== 0) {
    throw new InvalidOptionError(option, value, `an even integer from ${MIN_SIZE} to ${MAX_SIZE} (the checkerboard update needs even L)`);
  }
  return value;
}

export function checkPositive(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, value, 'a finite number > 0');
  }
  return value;
}

export function checkFinite(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError(option, value, 'a finite number');
  }
  return value;
}

export function checkSeed(value: unknown, option = 'seed'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SEED) {
    throw new InvalidOptionError(option, value, `an integer from 0 to ${MAX_SEED}`);
  }
  return value;
}

/** A count of sweeps: an integer from `min` to 2^31 - 1. */
export function checkCount(option: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 0x7fffffff) {
    throw new InvalidOptionError(option, value, `an integer from ${min} to ${0x7fffffff}`);
  }
  return value;
}

/** 'auto' becomes 'packed' where L allows it; an explicit 'packed' with an unsuitable L is an error. */
export function resolveLayout(layout: Layout, size: number): 'packed' | 'byte' {
  if (layout === 'byte') return 'byte';
  if (packable(size)) return 'packed';
  if (layout === 'auto') return 'byte';
  throw new InvalidOptionError('size', size, `a multiple of ${PACKED_SIZE_MULTIPLE} from ${PACKED_SIZE_MULTIPLE} to ${MAX_PACKED_SIZE} for layout "packed" (or layout "byte")`);
}

/** Validates every option, fills in defaults, and resolves temperature/beta. Throws {@link InvalidOptionError}. */
export function normalizeOptions(options: SimulationOptions = {}): NormalizedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', options, 'an object');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known option (unknown option "${key}"; known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  const model = oneOf('model', options.model ?? DEFAULTS.model, MODELS);
  const lattice = oneOf('lattice', options.lattice ?? DEFAULTS.lattice, LATTICES);
  const size = checkSize(options.size ?? DEFAULTS.size);
  let temperature: number;
  let beta: number;
  if (options.temperature !== undefined && options.beta !== undefined) {
    throw new InvalidOptionError('beta', options.beta, `no beta when temperature is given (temperature = ${options.temperature})`);
  }
  if (options.beta !== undefined) {
    beta = checkPositive('beta', options.beta);
    temperature = 1 / beta;
  } else {
    temperature = checkPositive('temperature', options.temperature ?? DEFAULTS.temperature);
    beta = 1 / temperature;
  }
  const field = checkFinite('field', options.field ?? DEFAULTS.field);
  const algorithm = oneOf('algorithm', options.algorithm ?? DEFAULTS.algorithm, ALGORITHMS);
  const update = normalizeUpdateSettings(algorithm, options, DEFAULTS);
  const seed = checkSeed(options.seed ?? DEFAULTS.seed);
  const backend = oneOf('backend', options.backend ?? DEFAULTS.backend, BACKENDS);
  const start = oneOf('start', options.start ?? DEFAULTS.start, STARTS);
  const layout = resolveLayout(oneOf('layout', options.layout ?? DEFAULTS.layout, LAYOUTS), size);
  const workers = checkWorkerCount(options.workers ?? DEFAULTS.workers, size, layout, backend);
  if (workers > 1 && options.core !== undefined) {
    throw new InvalidOptionError('core', options.core, 'no core with workers > 1 (workers run the inlined shared-memory core)');
  }
  return Object.freeze({ model, lattice, size, temperature, beta, field, algorithm, ...update, seed, backend, start, layout, workers });
}

/** The settings of the update algorithm: which ones apply to which algorithm. */
export interface UpdateSettings {
  clustersPerStep?: number;
  hybridSweeps?: number;
  hybridCluster?: ClusterAlgorithm;
}

/**
 * Validates the cluster and hybrid settings for `algorithm` (given ones over `current`).
 * A setting that does not apply to the algorithm is an error, never silently ignored.
 */
export function normalizeUpdateSettings(algorithm: Algorithm, given: UpdateSettings, current: Required<UpdateSettings>): Required<UpdateSettings> {
  if (given.hybridSweeps !== undefined && algorithm !== 'hybrid') {
    throw new InvalidOptionError('hybridSweeps', given.hybridSweeps, `no hybridSweeps unless algorithm is "hybrid" (algorithm is "${algorithm}")`);
  }
  if (given.hybridCluster !== undefined && algorithm !== 'hybrid') {
    throw new InvalidOptionError('hybridCluster', given.hybridCluster, `no hybridCluster unless algorithm is "hybrid" (algorithm is "${algorithm}")`);
  }
  const hybridSweeps = checkCount('hybridSweeps', given.hybridSweeps ?? current.hybridSweeps, 1);
  const hybridCluster = oneOf('hybridCluster', given.hybridCluster ?? current.hybridCluster, CLUSTER_ALGORITHMS);
  const usesWolff = algorithm === 'wolff' || (algorithm === 'hybrid' && hybridCluster === 'wolff');
  if (given.clustersPerStep !== undefined && !usesWolff) {
    const what = algorithm === 'hybrid' ? `algorithm "hybrid" with hybridCluster "${hybridCluster}"` : `algorithm "${algorithm}"`;
    throw new InvalidOptionError('clustersPerStep', given.clustersPerStep, `no clustersPerStep unless Wolff clusters are used (${what})`);
  }
  const clustersPerStep = checkCount('clustersPerStep', given.clustersPerStep ?? current.clustersPerStep, 1);
  return { clustersPerStep, hybridSweeps, hybridCluster };
}
