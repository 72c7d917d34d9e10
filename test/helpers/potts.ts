/** Test helpers for the Potts kernels: both twins over the same lattice, set up alike. */
import { loadInlinedCore } from '../../src/backend/inline.js';
import type { CoreVariant } from '../../src/backend/loader.js';
import { seedState } from '../../src/rng.js';
import type { PottsKernel } from '../../src/models/potts/kernel.js';
import { JsPottsKernel } from '../../src/models/potts/kernel-js.js';
import { WasmPottsKernel } from '../../src/models/potts/kernel-wasm.js';

/** A WebAssembly kernel on the SIMD or scalar core. */
export async function wasmPotts(size: number, q: number, core: CoreVariant = 'simd'): Promise<WasmPottsKernel> {
  return WasmPottsKernel.create(await loadInlinedCore(core), size, q);
}

/** Seeds the stream, installs (beta, h) and fills the lattice. */
export function prepare<K extends PottsKernel>(kernel: K, seed: number, beta: number, field: number, start: 'hot' | 'cold' = 'hot'): K {
  kernel.setRngState(seedState(seed));
  kernel.setCouplings(beta, field);
  kernel.fill(start);
  return kernel;
}

/** The WebAssembly kernels (SIMD and scalar cores) and the JavaScript twin, prepared alike. */
export async function allPotts(size: number, q: number, seed: number, beta: number, field: number, start: 'hot' | 'cold' = 'hot'): Promise<PottsKernel[]> {
  return [
    prepare(await wasmPotts(size, q, 'simd'), seed, beta, field, start),
    prepare(await wasmPotts(size, q, 'scalar'), seed, beta, field, start),
    prepare(new JsPottsKernel(size, q), seed, beta, field, start),
  ];
}

/** The record [Nb, n_0, ..., n_{q-1}] of a lattice, counted naively from its definition. */
export function naiveRecord(states: Uint8Array, size: number, q: number): Int32Array {
  const out = new Int32Array(q + 1);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = states[y * size + x];
      out[0] += +(s === states[y * size + ((x + 1) % size)]) + +(s === states[((y + 1) % size) * size + x]);
      out[1 + s]++;
    }
  }
  return out;
}

/** Index of the first difference between two integer arrays (-1 when equal, the shorter length when one is a prefix). */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
