/**
 * The WebAssembly phi^4 kernel (assembly/phi4.ts): one core instance per simulation
 * (src/backend/core-instance.ts), run in batches of steps; records are
 * copied out of WebAssembly memory. Contract: ./kernel.ts.
 */
import { CoreError, InvalidOptionError } from '../../errors.js';
import { CoreInstance } from '../../backend/core-instance.js';
import { guarded } from '../../backend/core-call.js';
import { PHI4_RECORD_CAPACITY, PHI4_RECORD_WIDTH, type Phi4Kernel } from './kernel.js';
import { embeddingParents } from '../continuous/kernel-wasm.js';

type Fn = (...args: number[]) => number;
interface Core {
  memory: WebAssembly.Memory;
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
  phi4Init: Fn;
  phi4SpinsPtr: Fn;
  phi4RecordsPtr: Fn;
  phi4SizesPtr: Fn;
  phi4QueuePtr: Fn;
  phi4LastCount: Fn;
  phi4SetCouplings: Fn;
  phi4Fill: Fn;
  phi4Metropolis: Fn;
  phi4ReserveClusters: Fn;
  phi4Wolff: Fn;
  phi4Record: Fn;
  phi4SwendsenWang: Fn;
  embeddingReserve: Fn;
  embeddingParentPtr: Fn;
}

export class WasmPhi4Kernel implements Phi4Kernel {
  readonly backend = 'wasm' as const;
  readonly sites: number;
  private base: CoreInstance | undefined;
  private readonly core_: Core;

  private constructor(
    base: CoreInstance,
    readonly size: number,
    readonly dimension: 2 | 3,
  ) {
    this.base = base;
    this.core_ = base.exports as unknown as Core;
    this.sites = size ** dimension;
  }

  /** Instantiates the compiled core for a lattice of linear size L in dimension d, cold, at beta = 0, h = 0. */
  static async create(module: WebAssembly.Module, size: number, dimension: 2 | 3): Promise<WasmPhi4Kernel> {
    const base = await CoreInstance.create(module, size);
    const exports = base.exports as unknown as Record<string, unknown>;
    for (const [name, value] of [
      ['PHI4_RECORD_WIDTH', PHI4_RECORD_WIDTH],
      ['PHI4_RECORD_CAPACITY', PHI4_RECORD_CAPACITY],
    ] as const) {
      const global = exports[name];
      if (!(global instanceof WebAssembly.Global) || global.value !== value) {
        throw new CoreError(`core layout mismatch: ${name} ${global instanceof WebAssembly.Global ? global.value : 'missing'}, wrapper expects ${value}`);
      }
    }
    const kernel = new WasmPhi4Kernel(base, size, dimension);
    if (guarded('phi4Init', () => kernel.core.phi4Init(size, dimension)) !== 0) {
      base.dispose();
      const shape = dimension === 3 ? `${size}x${size}x${size}` : `${size}x${size}`;
      throw new InvalidOptionError('size', size, `a lattice that fits in WebAssembly memory (growing memory for the field of a ${shape} lattice failed)`);
    }
    return kernel;
  }

  private get core(): Core {
    if (!this.base) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.core_;
  }

  /** The instance's exports (engine detection). */
  get exports(): unknown {
    return this.core;
  }

  private view(ptr: number, length: number): Float64Array {
    return new Float64Array(this.core.memory.buffer as ArrayBuffer, ptr, length);
  }

  getRngState(): Uint32Array {
    const core = this.core;
    return Uint32Array.from([0, 1, 2, 3], (k) => core.rngGetState(k));
  }

  setRngState(state: Uint32Array): void {
    this.core.rngSetState(state[0], state[1], state[2], state[3]);
  }

  fill(start: 'hot' | 'cold'): void {
    const core = this.core;
    guarded('fill', () => core.phi4Fill(start === 'hot' ? 1 : 0));
  }

  readSpins(): Float64Array {
    return this.view(this.core.phi4SpinsPtr(), 2 * this.sites).slice();
  }

  writeSpins(spins: Float64Array): void {
    this.view(this.core.phi4SpinsPtr(), 2 * this.sites).set(spins);
  }

  setCouplings(beta: number, field: number, lambda: number): void {
    this.core.phi4SetCouplings(beta, field, lambda);
  }

  /** Runs `steps` steps in calls of at most PHI4_RECORD_CAPACITY recorded steps, copying records (and sizes) out. */
  private batched(
    what: string,
    steps: number,
    out: Float64Array | undefined,
    sizes: Float64Array | undefined,
    call: (n: number, record: number) => number,
  ): number {
    const checked = (n: number, record: number): number => {
      const result = guarded(what, () => call(n, record));
      if (result < 0)
        throw new CoreError(`${what} refused ${n} steps (reserve the cluster memory first; at most ${PHI4_RECORD_CAPACITY} recorded steps a call)`);
      return result;
    };
    if (!out) return checked(steps, 0);
    const core = this.core;
    let total = 0;
    for (let done = 0; done < steps;) {
      const n = Math.min(PHI4_RECORD_CAPACITY, steps - done);
      total += checked(n, 1);
      out.set(this.view(core.phi4RecordsPtr(), n * PHI4_RECORD_WIDTH), done * PHI4_RECORD_WIDTH);
      sizes?.set(this.view(core.phi4SizesPtr(), n), done);
      done += n;
    }
    return total;
  }

  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    const core = this.core;
    return this.batched('metropolis', sweeps, out, undefined, (n, record) => core.phi4Metropolis(n, step, overRelaxation, record));
  }

  reserveClusters(): boolean {
    const core = this.core;
    return guarded('reserveClusters', () => core.phi4ReserveClusters()) === 0;
  }

  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number {
    const core = this.core;
    return this.batched('wolff', steps, out, sizes, (n, record) => core.phi4Wolff(n, clusters, record));
  }

  reserveEmbedding(): boolean {
    const core = this.core;
    return guarded('reserveEmbedding', () => core.embeddingReserve(this.sites)) === 0;
  }

  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number {
    const core = this.core;
    return this.batched('swendsenWang', steps, out, sizes, (n, record) => core.phi4SwendsenWang(n, record));
  }

  clusterParents(): Int32Array {
    const core = this.core;
    return embeddingParents(core.memory, core.embeddingParentPtr(), this.sites);
  }

  clusterSites(): Int32Array {
    const core = this.core;
    const ptr = core.phi4QueuePtr();
    return ptr === 0 ? new Int32Array(0) : new Int32Array(core.memory.buffer as ArrayBuffer, ptr, core.phi4LastCount()).slice();
  }

  record(out: Float64Array, offset = 0): void {
    const core = this.core;
    guarded('record', () => core.phi4Record(0));
    out.set(this.view(core.phi4RecordsPtr(), PHI4_RECORD_WIDTH), offset);
  }

  dispose(): void {
    this.base?.dispose();
    this.base = undefined;
  }
}
