/**
 * One instance of the WebAssembly core (assembly/index.ts): its own memory and generator state,
 * initialised for a lattice. Every model's WebAssembly kernel runs on such an instance (the Ising
 * kernels, src/models/ising/kernel-wasm.ts; the Potts, continuous-spin and phi^4 kernels).
 */
import { CoreError, InvalidOptionError } from '../errors.js';
import type { Lattice } from '../vocabulary.js';
import { geometryOf, shapeOf } from '../lattice.js';
import { guarded } from './core-call.js';
import { checkCoreConstants } from './core-constants.js';

/** The exports every instance has: its memory and the lattice set-up (assembly/index.ts). */
interface CoreBase {
  readonly memory: WebAssembly.Memory;
  init(size: number, dimension: number): number;
}

/** Reads an AssemblyScript string (UTF-16, byte length stored just before it) from memory. */
function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

/** True when the compiled core was built with SIMD (its `SIMD` global is 1). */
export function coreHasSimd(exports: unknown): boolean {
  const simd = (exports as { SIMD?: WebAssembly.Global }).SIMD;
  return simd instanceof WebAssembly.Global && simd.value === 1;
}

export class CoreInstance {
  private core: WebAssembly.Exports | undefined;

  private constructor(
    core: WebAssembly.Exports,
    /** Linear size L. */
    readonly size: number,
    readonly lattice: Lattice,
  ) {
    this.core = core;
  }

  /**
   * Instantiates the compiled core for a lattice of linear size L (square unless named; with
   * `sharedMemory`: a shared-memory build, src/worker/): checks its constants (src/backend/core-constants.ts)
   * and sets up the lattice of one byte a site.
   */
  static async create(module: WebAssembly.Module, size: number, sharedMemory?: WebAssembly.Memory, lattice: Lattice = 'square'): Promise<CoreInstance> {
    let memory: WebAssembly.Memory | undefined;
    const imports = {
      env: {
        ...(sharedMemory ? { memory: sharedMemory } : {}),
        abort(message: number, file: number, line: number, column: number): never {
          const text = memory ? `${readString(memory, message)} at ${readString(memory, file)}:${line}:${column}` : 'abort';
          throw new CoreError(`WebAssembly core aborted: ${text}`);
        },
      },
    };
    const instance = await WebAssembly.instantiate(module, imports);
    const core = instance.exports as unknown as CoreBase;
    memory = core.memory;
    checkCoreConstants(instance.exports);
    const geometry = geometryOf(lattice);
    if (guarded('init', () => core.init(size, geometry.dimension)) !== 0) {
      throw new InvalidOptionError(
        'size',
        size,
        `a lattice that fits in WebAssembly memory (growing memory for a ${shapeOf(geometry, size)} lattice of one byte a site failed)`,
      );
    }
    return new CoreInstance(instance.exports, size, lattice);
  }

  /** The instance's exports (each model's kernel casts them to the exports it uses). */
  get exports(): WebAssembly.Exports {
    if (!this.core) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.core;
  }

  /** Releases the instance; `exports` throws afterwards. */
  dispose(): void {
    this.core = undefined;
  }
}
