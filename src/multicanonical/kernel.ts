/**
 * The multicanonical kernel over a Potts lattice: one interface, a WebAssembly kernel
 * (./kernel-wasm.ts over assembly/multicanonical.ts) and its JavaScript twin (./kernel-js.ts), which
 * agree bit for bit (stream contract: the header of assembly/multicanonical.ts). The interface lives in
 * the leaf ./types.ts, which both kernels import (no import cycle).
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
import type { MulticanonicalKernel } from './types.js';

export type { MulticanonicalKernel, MulticanonicalWindow } from './types.js';

/** The multicanonical kernel over `potts`'s lattice, generator and counts (same backend). */
export function multicanonicalKernel(potts: PottsKernel): MulticanonicalKernel {
  if (potts instanceof WasmPottsKernel) return new WasmMulticanonicalKernel(potts);
  if (potts instanceof JsPottsKernel) return new JsMulticanonicalKernel(potts);
  throw new TypeError('multicanonicalKernel: not a Potts kernel of this package');
}
