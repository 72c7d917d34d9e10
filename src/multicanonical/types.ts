/**
 * The multicanonical kernel's interface and window (a leaf: imported by ./kernel.ts, which picks the
 * kernel, and by the two kernels ./kernel-wasm.ts and ./kernel-js.ts).
 *
 * @module
 */

/** The window of stored weights and the canonical slopes of its extensions. */
export interface MulticanonicalWindow {
  /** Lowest bond count with a stored weight (disordered edge). */
  lo: number;
  /** Highest bond count with a stored weight (ordered edge). */
  hi: number;
  /** Slope of W below lo: the inverse temperature of the disordered edge. */
  betaLo: number;
  /** Slope of W above hi: the inverse temperature of the ordered edge. */
  betaHi: number;
}

export interface MulticanonicalKernel {
  readonly backend: 'wasm' | 'js';
  /** Sets the window (0 <= lo <= hi <= 2N, checked by the caller) and the weights W(lo .. hi). */
  setWeights(window: MulticanonicalWindow, weights: Float64Array): void;
  /** A copy of W(lo .. hi). */
  weights(): Float64Array;
  /** Window levels visited since the last {@link resetVisits} (Wang-Landau sweeps only; counted from {@link visits}). */
  visited(): number;
  /** A copy of the Wang-Landau visits of the levels lo .. hi since the last {@link resetVisits}. */
  visits(): Float64Array;
  resetVisits(): void;
  /**
   * Runs `sweeps` sweeps; with lnf > 0 W(b) -= lnf after every step at a window level b (Wang-Landau);
   * with `out` (length >= (q + 1) sweeps) writes the Potts record [b, n_0 .. n_{q-1}] after every sweep.
   * Returns the number of accepted moves.
   */
  sweep(sweeps: number, lnf: number, out?: Int32Array): number;
}
