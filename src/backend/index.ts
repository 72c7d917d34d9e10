/** Backend selection: WebAssembly when it can run, the JavaScript fallback otherwise (or on request). */
import { BackendUnavailableError, InvalidOptionError } from '../errors.js';
import type { BackendChoice } from '../options.js';
import { JsIsingKernel } from './js.js';
import { loadCore, type CoreSource } from './loader.js';
import type { IsingKernel } from './types.js';
import { WasmIsingKernel } from './wasm.js';

export interface KernelChoice {
  kernel: IsingKernel;
  /** Why `auto` did not pick WebAssembly; undefined when it did or when the backend was explicit. */
  fallbackReason?: string;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function createJsKernel(size: number): IsingKernel {
  try {
    return new JsIsingKernel(size);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new InvalidOptionError('size', size, `a lattice that fits in memory (${reasonOf(error)})`);
    }
    throw error;
  }
}

/** Creates the kernel for `backend`; `auto` falls back to JavaScript when the core cannot be compiled or instantiated. */
export async function createKernel(backend: BackendChoice, size: number, core?: CoreSource): Promise<KernelChoice> {
  if (backend === 'js') return { kernel: createJsKernel(size) };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(core);
  } catch (error) {
    if (backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: createJsKernel(size), fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}` };
  }
  return { kernel: await WasmIsingKernel.create(module, size) };
}

export { loadCore, type CoreSource } from './loader.js';
export type { BackendName, IsingKernel } from './types.js';
