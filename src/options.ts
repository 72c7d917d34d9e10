/**
 * Simulation options: documented defaults, validated and normalised once, read-only after.
 * The model's own parameters (e.g. the Potts `q`) are validated by its definition (src/models/).
 */
import { InvalidOptionError } from './errors.js';
import { CRITICAL_TEMPERATURE } from './exact/onsager.js';
import { geometryOf } from './lattice.js';
import { checkWorkerCount } from './limits.js';
import { MODEL_PARAMETER_KEYS, modelDefinition, type ModelDefinition } from './models/index.js';
import { checkCoreSource, checkCount, checkField, checkObject, checkSeed, checkSize, checkTemperature, oneOf } from './validate.js';
import {
  ALGORITHMS,
  BACKENDS,
  CLUSTER_ALGORITHMS,
  LATTICES,
  LAYOUTS,
  MODELS,
  STARTS,
  type Algorithm,
  type BackendChoice,
  type ClusterAlgorithm,
  type CoreSource,
  type Lattice,
  type Layout,
  type Model,
  type Start,
} from './vocabulary.js';

export type { Model, Lattice, LocalAlgorithm, ClusterAlgorithm, Algorithm, BackendChoice, Start, Layout } from './vocabulary.js';
export { MODELS, LATTICES, ALGORITHMS, CLUSTER_ALGORITHMS, BACKENDS, STARTS, LAYOUTS, MIN_SIZE, MAX_SIZE } from './vocabulary.js';
export { oneOf, checkPositive, checkFinite, checkSeed, checkCount, checkTemperature, checkField, checkSize } from './validate.js';

/** Options of {@link createSimulation}. Every field is optional. */
export interface SimulationOptions {
  /** Spin model. @default 'ising' */
  model?: Model;
  /**
   * Lattice geometry, periodic: `'square'` (L x L) or `'cubic'` (L x L x L: the Ising model, and the
   * Potts model with cluster updates; docs/cubic.md says what runs on it). @default 'square'
   */
  lattice?: Lattice;
  /** Linear size L: an even integer from 2 to 32766 on the square lattice, 2 to 894 on the cubic one. @default 64 */
  size?: number;
  /**
   * Temperature T > 0 in units of J / k_B. Give `temperature` or `beta`, not both.
   * @default the model's T_c on the lattice: 2.269185314213022 (Onsager) for the square Ising model, 1 / 0.221654626 on the cubic one
   */
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
  /** Number of states of the Potts or clock model (`model: 'potts'` or `'clock'` only, where it is required): an integer from 2 to 256. */
  q?: number;
  /** Over-relaxation (reflection) sweeps after each Metropolis sweep (`model: 'xy'`, `'heisenberg'` or `'phi4'` only): an integer from 0 to 64. @default 0 */
  overRelaxation?: number;
  /** Quartic coupling of the phi^4 potential V = |phi|^2 + lambda (|phi|^2 - 1)^2 (`model: 'phi4'` only): a number > 0 and <= 1e6. @default 2.1 */
  lambda?: number;
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
  /** The model's parameters (present for the models that have them: `q` for Potts). */
  readonly q?: number;
  /** Over-relaxation sweeps per Metropolis sweep (XY, Heisenberg, phi^4). */
  readonly overRelaxation?: number;
  /** The phi^4 quartic coupling. */
  readonly lambda?: number;
}

/**
 * Defaults of the common options. The default temperature is the model's critical temperature
 * (`temperature` below is the Ising one, Onsager's T_c; see each model's definition).
 */
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

/** The options every model takes; a model adds its own parameters (src/models/). */
export const COMMON_OPTION_KEYS: readonly string[] = [
  'model',
  'lattice',
  'size',
  'temperature',
  'beta',
  'field',
  'algorithm',
  'clustersPerStep',
  'hybridSweeps',
  'hybridCluster',
  'seed',
  'backend',
  'start',
  'core',
  'layout',
  'workers',
];
const KNOWN_KEYS = [...COMMON_OPTION_KEYS, ...MODEL_PARAMETER_KEYS];

/** An algorithm the model runs on the lattice (square unless named). */
export function checkAlgorithm(definition: ModelDefinition, value: unknown, lattice: Lattice = 'square'): Algorithm {
  const algorithm = oneOf('algorithm', value, ALGORITHMS);
  const allowed = definition.algorithmsOn?.(lattice) ?? definition.algorithms;
  if (!allowed.includes(algorithm)) {
    const where = allowed === definition.algorithms ? '' : ` on the ${lattice} lattice`;
    throw new InvalidOptionError('algorithm', algorithm, `one of ${allowed.map((a) => `"${a}"`).join(', ')} for model "${definition.name}"${where}`);
  }
  return algorithm;
}

/** The given value of `key`, or `fallback` when the key is absent or undefined (null is a value: it is refused). */
function given<T>(options: Readonly<Record<string, unknown>>, key: string, fallback: T): unknown {
  return options[key] === undefined ? fallback : options[key];
}

/** Validates every option, fills in defaults, and resolves temperature/beta. Throws {@link InvalidOptionError}. */
export function normalizeOptions(options: SimulationOptions = {}): NormalizedOptions {
  const o = checkObject('options', options, '{ size: 64, temperature: 2.3 }');
  for (const key of Object.keys(o)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new InvalidOptionError(key, o[key], `a known option (unknown option "${key}"; known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  const model = oneOf('model', given(o, 'model', DEFAULTS.model), MODELS);
  const definition = modelDefinition(model);
  for (const key of MODEL_PARAMETER_KEYS) {
    if (o[key] !== undefined && !definition.parameterKeys.includes(key)) {
      throw new InvalidOptionError(key, o[key], `no ${key} with model "${model}" (${key} is a parameter of another model)`);
    }
  }
  const parameters = definition.parameters(o);
  const lattice = oneOf('lattice', given(o, 'lattice', DEFAULTS.lattice), LATTICES);
  if (!definition.lattices.includes(lattice)) {
    throw new InvalidOptionError('lattice', lattice, `one of ${definition.lattices.map((l) => `"${l}"`).join(', ')} for model "${model}"`);
  }
  const size = checkSize(given(o, 'size', geometryOf(lattice).defaultSize), 'size', lattice);
  let temperature: number;
  let beta: number;
  if (o.temperature !== undefined && o.beta !== undefined) {
    throw new InvalidOptionError('beta', o.beta, `no beta when temperature is given (temperature = ${String(o.temperature)})`);
  }
  if (o.beta !== undefined) {
    beta = checkTemperature('beta', o.beta);
    temperature = 1 / beta;
  } else {
    const tc = o.temperature === undefined ? definition.criticalTemperature(parameters, lattice) : undefined;
    if (tc !== undefined && Number.isNaN(tc)) {
      throw new InvalidOptionError(
        'temperature',
        undefined,
        `a temperature or beta: model "${model}" with ${Object.entries(parameters)
          .map(([k, v]) => `${k} = ${String(v)}`)
          .join(', ')} has no known transition temperature on the ${lattice} lattice to default to`,
      );
    }
    temperature = checkTemperature('temperature', o.temperature === undefined ? tc : o.temperature);
    beta = 1 / temperature;
  }
  const field = checkField('field', given(o, 'field', DEFAULTS.field));
  const algorithm = checkAlgorithm(definition, given(o, 'algorithm', DEFAULTS.algorithm), lattice);
  const update = normalizeUpdateSettings(algorithm, o as UpdateSettings, DEFAULTS);
  const seed = checkSeed(given(o, 'seed', DEFAULTS.seed));
  const backend = oneOf('backend', given(o, 'backend', DEFAULTS.backend), BACKENDS);
  const start = oneOf('start', given(o, 'start', DEFAULTS.start), STARTS);
  const layout = definition.resolveLayout(oneOf('layout', given(o, 'layout', DEFAULTS.layout), LAYOUTS), size, lattice);
  const workers = checkWorkerCount(given(o, 'workers', DEFAULTS.workers), size, layout, backend, lattice);
  checkCoreSource('core', o.core);
  if (workers > 1 && o.core !== undefined) {
    throw new InvalidOptionError('core', o.core, 'no core with workers > 1 (workers run the inlined shared-memory core)');
  }
  return Object.freeze({ model, lattice, size, temperature, beta, field, algorithm, ...update, seed, backend, start, layout, workers, ...parameters });
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
  const hybridSweeps = checkCount('hybridSweeps', given.hybridSweeps === undefined ? current.hybridSweeps : given.hybridSweeps, 1);
  const hybridCluster = oneOf('hybridCluster', given.hybridCluster === undefined ? current.hybridCluster : given.hybridCluster, CLUSTER_ALGORITHMS);
  const usesWolff = algorithm === 'wolff' || (algorithm === 'hybrid' && hybridCluster === 'wolff');
  if (given.clustersPerStep !== undefined && !usesWolff) {
    const what = algorithm === 'hybrid' ? `algorithm "hybrid" with hybridCluster "${hybridCluster}"` : `algorithm "${algorithm}"`;
    throw new InvalidOptionError('clustersPerStep', given.clustersPerStep, `no clustersPerStep unless Wolff clusters are used (${what})`);
  }
  const clustersPerStep = checkCount('clustersPerStep', given.clustersPerStep === undefined ? current.clustersPerStep : given.clustersPerStep, 1);
  return { clustersPerStep, hybridSweeps, hybridCluster };
}
