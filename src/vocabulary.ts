/**
 * The shared vocabulary of criticality: model, lattice, algorithm and engine names, and the limits
 * every layer checks against. A leaf module: it imports nothing, so that options validation,
 * kernels, workers and the CLI can all depend on it without depending on each other.
 */

/**
 * Spin models (src/models/<name>/):
 * - `'ising'`: H = -J sum_<ij> s_i s_j - h sum_i s_i, s_i = +1 or -1;
 * - `'potts'`: the q-state Potts model, H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),
 *   s_i in {0, ..., q - 1};
 * - `'xy'`: planar unit spins, H = -J sum_<ij> cos(theta_i - theta_j) - h sum_i cos(theta_i);
 * - `'clock'`: the q-state clock model, the XY Hamiltonian with theta_i = 2 pi k_i / q;
 * - `'heisenberg'`: unit vectors of R^3, H = -J sum_<ij> S_i . S_j - h sum_i S_i^z;
 * - `'phi4'`: the O(2) phi^4 field phi_i in R^2, weight exp(-S) with
 *   S = sum_i [-beta sum_mu phi_i . phi_{i+mu} - beta h phi_i^x + |phi_i|^2 + lambda (|phi_i|^2 - 1)^2].
 */
export type Model = 'ising' | 'potts' | 'xy' | 'clock' | 'heisenberg' | 'phi4';
/**
 * What `spins()` returns for a model: Ising spins +1 / -1 as Int8Array, Potts states 0 .. q-1 as
 * Uint8Array, XY unit vectors as a Float64Array of components (cos theta_i, sin theta_i) at [2i, 2i + 1],
 * clock states 0 .. q-1 as Uint8Array, Heisenberg unit vectors as a Float64Array of components at [3i, 3i + 2], the phi^4 field as a Float64Array of
 * components (phi_x, phi_y) at [2i, 2i + 1].
 */
export type SpinsOf<M extends Model> = M extends 'ising' ? Int8Array : M extends 'xy' | 'heisenberg' | 'phi4' ? Float64Array : Uint8Array;
/**
 * Lattices, every one periodic (src/lattice.ts states each geometry once: dimension, neighbours,
 * sites, bonds and size limits): `'square'`, the L x L square lattice (2D, 4 neighbours);
 * `'cubic'`, the L x L x L simple cubic lattice (3D, 6 neighbours).
 */
export type Lattice = 'square' | 'cubic';
/** Local update algorithms: checkerboard Metropolis or heat-bath sweeps. */
export type LocalAlgorithm = 'metropolis' | 'heat-bath';
/** Cluster algorithms: Wolff single clusters or Swendsen-Wang multi-cluster updates (src/cluster, assembly/cluster.ts). */
export type ClusterAlgorithm = 'wolff' | 'swendsen-wang';
/** Update algorithms: local sweeps, cluster updates, or `'hybrid'` (Metropolis sweeps then one cluster update). */
export type Algorithm = LocalAlgorithm | ClusterAlgorithm | 'hybrid';
/** Which engine runs the kernels. `'auto'` prefers WebAssembly and falls back to JavaScript. */
export type BackendChoice = 'auto' | 'wasm' | 'js';
/** The backend that runs. */
export type BackendName = 'wasm' | 'js';
/** The engine that runs: the WebAssembly core built with SIMD, the scalar core, or JavaScript. */
export type EngineName = 'wasm-simd' | 'wasm-scalar' | 'js';
/** Initial configuration: `'hot'` random spins (T = infinity), `'cold'` the ordered state (T = 0). */
export type Start = 'hot' | 'cold';
/**
 * Lattice storage. `'packed'`: one bit per spin, Metropolis by multi-spin coding (Ising only; L a
 * multiple of 16, up to 32752; square lattice only; heat-bath sweeps run on a byte copy); `'byte'`: one
 * byte per site.
 * `'auto'` is packed where the model and L allow it, else byte.
 */
export type Layout = 'auto' | 'packed' | 'byte';

export const MODELS: readonly Model[] = ['ising', 'potts', 'xy', 'clock', 'heisenberg', 'phi4'];
export const LATTICES: readonly Lattice[] = ['square', 'cubic'];
export const LOCAL_ALGORITHMS: readonly LocalAlgorithm[] = ['metropolis', 'heat-bath'];
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

/** The packed layout stores a row as 128-bit vectors of 8 x 16 sites: L must be a multiple of 16. */
export const PACKED_SIZE_MULTIPLE = 16;
/**
 * Largest packed L: the bond sum B = sum s_i s_j (|B| <= 2 L^2) and the magnetization stay exact
 * 32-bit integers (2 * 32752^2 < 2^31).
 */
export const MAX_PACKED_SIZE = 32752;

/**
 * Largest linear size of the cubic lattice: L^3 one-byte spins fit in 1 GiB, and the bond sum
 * |B| <= 3 L^3 stays an exact 32-bit integer: 3 * 894^3 < 2^31 <= 3 * 896^3.
 */
export const MAX_CUBIC_SIZE = 894;

/** Most worker threads sharing one lattice. */
export const MAX_WORKERS = 64;

/**
 * Range of the temperature and of beta = 1/T: both must be finite and the acceptance tables
 * representable (exp(-beta dE) and its logistic forms neither NaN nor overflowing), on every backend.
 */
export const MIN_TEMPERATURE = 1e-6;
export const MAX_TEMPERATURE = 1e6;
/** Largest |h|: energies E = -J sum ... - h sum ... stay finite and exact to float64 precision. */
export const MAX_FIELD = 1e6;

/** Largest seed: seeds are integers from 0 to 2^53 - 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Largest count of sweeps, steps or samples in one call (a signed 32-bit integer). */
export const MAX_COUNT = 0x7fffffff;

/**
 * Per-step records a kernel call may write in one go (the core's series buffer). Mirrors
 * SERIES_CAPACITY in assembly/layout.ts; checked against the core's export at instantiation.
 */
export const SERIES_CAPACITY = 4096;

/** What one step of a cluster algorithm does: `localSweeps` Metropolis sweeps (0 for none), then the cluster update. */
export interface ClusterStep {
  cluster: ClusterAlgorithm;
  /** Wolff clusters per step (ignored by Swendsen-Wang). */
  clustersPerStep: number;
  localSweeps: number;
}

/** What a cluster step did. */
export interface ClusterSweepResult {
  /** Sites changed, by local sweeps and cluster updates together. */
  flips: number;
  /** Sites changed by the cluster updates alone. */
  clusterFlips: number;
}

/**
 * Where to load the WebAssembly core from: its bytes, a URL (or its string), a fetch Response
 * (or a promise of one), or an already compiled module (what edge runtimes need).
 */
export type CoreSource = ArrayBuffer | ArrayBufferView<ArrayBuffer> | URL | string | Response | PromiseLike<Response> | WebAssembly.Module;
