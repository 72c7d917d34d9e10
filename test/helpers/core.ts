/** Test helpers: the compiled core and direct kernel access for parity tests. */
import { loadCore } from '../../src/backend/loader.js';
import { JsIsingKernel } from '../../src/models/ising/kernel-js.js';
import { WasmIsingKernel } from '../../src/models/ising/kernel-wasm.js';
import type { IsingKernel } from '../../src/models/ising/types.js';

export async function bothKernels(size: number): Promise<[IsingKernel, IsingKernel]> {
  return [await WasmIsingKernel.create(await loadCore(), size), new JsIsingKernel(size)];
}

/** z-score of a measurement against an exact value. */
export function zScore(measured: { mean: number; error: number }, exact: number): number {
  return (measured.mean - exact) / measured.error;
}
