/** The contract every backend implements for the 2D Ising kernels (see assembly/ising2d.ts). */
import type { Algorithm } from '../options.js';

export type BackendName = 'wasm' | 'js';
/** The engine that runs: the WebAssembly core built with SIMD, the scalar core, or JavaScript. */
export type EngineName = 'wasm-simd' | 'wasm-scalar' | 'js';

/** Number of per-sweep records a kernel call may write. Mirrors SERIES_CAPACITY in assembly/layout.ts. */
export const SERIES_CAPACITY = 4096;

export interface IsingKernel {
  readonly backend: BackendName;
  /** Linear size L. */
  readonly size: number;
  /** Bond sum B = sum over the 2N bonds of s_i s_j (exact integer). */
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
  /** Hot start draws one random number per site in row-major order; cold start sets every spin to +1. */
  fill(start: 'hot' | 'cold'): void;
  /** A copy of the spins, row-major, each +1 or -1. */
  readSpins(): Int8Array;
  /** Replaces the spins (length L*L, each +1 or -1) and recounts B and M. */
  writeSpins(spins: Int8Array): void;
  /**
   * Runs `sweeps` sweeps. With `out` (length >= 2 * sweeps), writes after every sweep the
   * pair (B, M) at out[2k], out[2k + 1]. Returns the number of spins that changed.
   */
  sweep(algorithm: Algorithm, sweeps: number, out?: Int32Array): number;
  /** Releases memory; the kernel is unusable afterwards. */
  dispose(): void;
}
