/** Backend selection: WebAssembly when it can run, the JavaScript fallback otherwise (or on request). */
import { BackendUnavailableError, InvalidOptionError } from '../../errors.js';
import type { BackendChoice, Lattice } from '../../vocabulary.js';
import { JsIsingKernel } from './kernel-js.js';
import { JsPackedEngine } from './packed-js.js';
import { JsPacked3dEngine } from './packed3d-js.js';
import { loadCore, type CoreSource } from '../../backend/loader.js';
import { PackedLayoutKernel } from './packed.js';
import type { EngineName, IsingKernel } from './types.js';
import { WasmIsingKernel } from './kernel-wasm.js';
import { WasmPackedEngine } from './packed-wasm.js';
import { coreHasSimd } from '../../backend/core-instance.js';
import { checkWorkerRuntime } from '../../worker/limits.js';

export interface KernelChoice {
  kernel: IsingKernel;
  /** Why `auto` did not pick WebAssembly; undefined when it did or when the backend was explicit. */
  fallbackReason?: string;
  /** Which engine runs: the SIMD or scalar WebAssembly core, or JavaScript. */
  engine: EngineName;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function createJsKernel(size: number, layout: 'packed' | 'byte', lattice: Lattice): IsingKernel {
  try {
    const byte = new JsIsingKernel(size, lattice);
    if (layout !== 'packed') return byte;
    return new PackedLayoutKernel(byte, lattice === 'cubic' ? new JsPacked3dEngine(size) : new JsPackedEngine(size));
  } catch (error) {
    if (error instanceof RangeError) {
      throw new InvalidOptionError('size', size, `a lattice that fits in memory (${reasonOf(error)})`);
    }
    throw error;
  }
}

/**
 * Creates the kernel for `backend`, `layout` and `lattice` (square unless named); `auto` falls back
 * to JavaScript when the core cannot be compiled or instantiated. The default core is the SIMD build
 * where the engine supports SIMD, else the scalar build (src/backend/loader.ts).
 */
export async function createKernel(
  backend: BackendChoice,
  size: number,
  core?: CoreSource,
  layout: 'packed' | 'byte' = 'byte',
  workers = 1,
  lattice: Lattice = 'square',
): Promise<KernelChoice> {
  if (backend === 'js') return { kernel: createJsKernel(size, layout, lattice), engine: 'js' };
  if (workers > 1) {
    checkWorkerRuntime(workers);
    if (typeof WebAssembly !== 'object') {
      if (backend === 'wasm') throw new BackendUnavailableError('wasm', 'WebAssembly is not available in this runtime');
      return {
        kernel: createJsKernel(size, layout, lattice),
        fallbackReason: 'WebAssembly is not available in this runtime (running on one thread)',
        engine: 'js',
      };
    }
    const { createParallelKernel } = await import('../../worker/parallel.js');
    return createParallelKernel(size, workers, lattice);
  }
  let module: WebAssembly.Module;
  try {
    module = await loadCore(core);
  } catch (error) {
    if (backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: createJsKernel(size, layout, lattice), fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}`, engine: 'js' };
  }
  const byte = await WasmIsingKernel.create(module, size, undefined, lattice);
  const engine = coreHasSimd(byte.exports) ? 'wasm-simd' : 'wasm-scalar';
  if (layout === 'byte') return { kernel: byte, engine };
  return { kernel: new PackedLayoutKernel(byte, WasmPackedEngine.create(byte)), engine };
}
