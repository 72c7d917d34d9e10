/**
 * The multicanonical kernel over a Potts lattice: one interface, a WebAssembly kernel
 * (./kernel-wasm.ts over assembly/multicanonical.ts) and its JavaScript twin (./kernel-js.ts), which
 * agree bit for bit (stream contract: the header of assembly/multicanonical.ts).
 *
 * The chain samples configurations with probability proportional to exp(W(b)), b the number of
 * satisfied bonds (E = -b at zero field); W is stored on the window lo <= b <= hi and extended outside
 * it with the canonical slopes betaHi (b > hi, ordered side) and betaLo (b < lo, disordered side).
 *
 * @module
 */
import { JsPottsKernel } from '../models/potts/kernel-js.js';
import type { PottsKernel } from '../models/potts/kernel.js';
import { WasmPottsKernel } from '../models/potts/kernel-wasm.js';
import { JsMulticanonicalKernel } from './kernel-js.js';
import { WasmMulticanonicalKernel } from './kernel-wasm.js';

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
  /** Window levels visited since the last {@link resetVisits} (Wang-Landau sweeps only). */
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

/** The multicanonical kernel over `potts`'s lattice, generator and counts (same backend). */
export function multicanonicalKernel(potts: PottsKernel): MulticanonicalKernel {
  if (potts instanceof WasmPottsKernel) return new WasmMulticanonicalKernel(potts);
  if (potts instanceof JsPottsKernel) return new JsMulticanonicalKernel(potts);
  throw new TypeError('multicanonicalKernel: not a Potts kernel of this package');
}
