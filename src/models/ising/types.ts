/** The contract every backend implements for the Ising kernels, square or cubic (see assembly/ising2d.ts). */
import type { BackendName, ClusterStep, ClusterSweepResult, Lattice, LocalAlgorithm } from '../../vocabulary.js';
import type { BlockSpinKernel } from '../../backend/rg-types.js';

export type { BackendName, EngineName, ClusterStep, ClusterSweepResult } from '../../vocabulary.js';
export { SERIES_CAPACITY } from '../../vocabulary.js';

export interface IsingKernel {
  readonly backend: BackendName;
  /** Linear size L. */
  readonly size: number;
  /** The lattice (src/lattice.ts): square L x L or cubic L x L x L. */
  readonly lattice: Lattice;
  /** Bond sum B = sum over the d N bonds of s_i s_j (exact integer). */
  readonly bondSum: number;
  /** Magnetization M = sum_i s_i (exact integer). */
  readonly magnetization: number;
  /** Installs acceptance thresholds (see src/thresholds.ts). */
  setThresholds(metropolis: Float64Array, heatBath: Float64Array): void;
  /** Generator state, 4 unsigned 32-bit words (a copy). */
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  /** Next raw generator output (advances the stream). */
  nextU32(): number;
  /** Hot start draws one random number per site in site order; cold start sets every spin to +1. */
  fill(start: 'hot' | 'cold'): void;
  /** A copy of the spins in site order (src/lattice.ts), each +1 or -1. */
  readSpins(): Int8Array;
  /** Replaces the spins (length N, each +1 or -1) and recounts B and M. */
  writeSpins(spins: Int8Array): void;
  /**
   * Runs `sweeps` sweeps. With `out` (length >= 2 * sweeps), writes after every sweep the
   * pair (B, M) at out[2k], out[2k + 1]. Returns the number of spins that changed.
   */
  sweep(algorithm: LocalAlgorithm, sweeps: number, out?: Int32Array): number;
  /**
   * Reserves the cluster memory (9 bytes a site; assembly/cluster.ts) on first use.
   * Returns false when it does not fit (nothing changes then).
   */
  reserveClusters(): boolean;
  /** Installs the cluster thresholds (see src/cluster/thresholds.ts). */
  setClusterThresholds(bond: number, ghost: number, fieldSign: number): void;
  /**
   * Runs `steps` cluster steps (after reserveClusters). With `out` (length >= 2 * steps) and
   * `sizes` (length >= steps), writes after every step the pair (B, M) and the cluster-size
   * record (Wolff: sum of |C| over the step's clusters; Swendsen-Wang: sum over clusters of |C|^2).
   */
  clusterSweep(step: ClusterStep, steps: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult;
  /** Labels of the last cluster update (see src/cluster/labels.ts): a copy. */
  clusterLabels(): Int32Array;
  /**
   * Measures the spin correlations of the current lattice into `out` (length L/2 + 1 + 2L):
   * C(r) = sum_i s_i (s_{i+r x} + s_{i+r y}) for r = 0..L/2, then the L row sums, then the
   * L column sums (see assembly/correlation.ts). Exact integers, identical on both backends.
   */
  correlations(out: Int32Array): void;
  /** Releases memory; the kernel is unusable afterwards. */
  dispose(): void;
  /** Block-spin (RG) kernels over this lattice (assembly/rg.ts or its JS twin); absent on kernels that have none yet. */
  blockSpins?(): BlockSpinKernel;
}
