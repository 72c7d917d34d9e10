/**
 * The WebAssembly XY kernel: drives assembly/xy.ts inside one core instance per simulation
 * (instantiated by the Ising byte kernel's machinery, src/backend/wasm.ts), in batches of sweeps;
 * records are copied out of WebAssembly memory.
 */
import { CoreError, InvalidOptionError } from '../../errors.js';
import { WasmIsingKernel } from '../../backend/wasm.js';
import { guarded } from '../../backend/core-call.js';
import { XY_RECORD_CAPACITY, XY_RECORD_WIDTH, type XyKernel } from './kernel.js';

/** The XY exports of build/criticality.wasm (assembly/index.ts, assembly/xy.ts). */
interface XyCoreExports {
  readonly memory: WebAssembly.Memory;
  readonly XY_RECORD_WIDTH: WebAssembly.Global;
  readonly XY_RECORD_CAPACITY: WebAssembly.Global;
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
  xyInit(size: number, q: number): number;
  xyStatesPtr(): number;
  xyClockSync(): void;
  xyClockMetropolis(sweeps: number, record: number): number;
  xySpinsPtr(): number;
  xyRecordsPtr(): number;
  xySizesPtr(): number;
  xyQueuePtr(): number;
  xyLastCount(): number;
  xySetCouplings(beta: number, field: number): void;
  xyFill(hot: number): void;
  xyMetropolis(sweeps: number, step: number, overRelaxation: number, record: number): number;
  xyReserveClusters(): number;
  xyWolff(steps: number, clusters: number, record: number): number;
  xyRecord(k: number): void;
}

/** Constants mirrored between assembly/xy.ts and ./kernel.ts, checked at instantiation. */
const MIRRORED = { XY_RECORD_WIDTH, XY_RECORD_CAPACITY } as const;

export class WasmXyKernel implements XyKernel {
  readonly backend = 'wasm' as const;
  readonly size: number;
  readonly q: number;
  private base: WasmIsingKernel | undefined;

  private constructor(base: WasmIsingKernel, size: number, q: number) {
    this.base = base;
    this.size = size;
    this.q = q;
  }

  /** Instantiates the compiled core for an L x L XY lattice (q = 0) or q-state clock lattice, cold, at beta = 0, h = 0. */
  static async create(module: WebAssembly.Module, size: number, q = 0): Promise<WasmXyKernel> {
    const base = await WasmIsingKernel.create(module, size);
    const core = base.exports as unknown as XyCoreExports;
    for (const [name, value] of Object.entries(MIRRORED)) {
      const global = (core as unknown as Record<string, WebAssembly.Global | undefined>)[name];
      if (!(global instanceof WebAssembly.Global) || global.value !== value) {
        throw new CoreError(`core layout mismatch: ${name} ${global instanceof WebAssembly.Global ? global.value : 'missing'}, wrapper expects ${value}`);
      }
    }
    if (guarded('xyInit', () => core.xyInit(size, q)) !== 0) {
      throw new InvalidOptionError('size', size, `a lattice that fits in WebAssembly memory (growing memory for the spins of a ${size}x${size} lattice failed)`);
    }
    return new WasmXyKernel(base, size, q);
  }

  private get core(): XyCoreExports {
    if (!this.base) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.base.exports as unknown as XyCoreExports;
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
    guarded('fill', () => core.xyFill(start === 'hot' ? 1 : 0));
  }

  readSpins(): Float64Array {
    return this.view(this.core.xySpinsPtr(), 2 * this.size * this.size).slice();
  }

  writeSpins(spins: Float64Array): void {
    this.view(this.core.xySpinsPtr(), 2 * this.size * this.size).set(spins);
  }

  setCouplings(beta: number, field: number): void {
    this.core.xySetCouplings(beta, field);
  }

  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    const core = this.core;
    const call = (n: number, record: number): number => {
      const accepted = guarded('metropolis', () => core.xyMetropolis(n, step, overRelaxation, record));
      if (accepted < 0) throw new CoreError(`xyMetropolis refused ${n} recorded sweeps (at most ${XY_RECORD_CAPACITY} a call)`);
      return accepted;
    };
    if (!out) return call(sweeps, 0);
    let accepted = 0;
    for (let done = 0; done < sweeps; ) {
      const n = Math.min(XY_RECORD_CAPACITY, sweeps - done);
      accepted += call(n, 1);
      out.set(this.view(core.xyRecordsPtr(), n * XY_RECORD_WIDTH), done * XY_RECORD_WIDTH);
      done += n;
    }
    return accepted;
  }

  readStates(): Uint8Array {
    const core = this.core;
    return new Uint8Array(core.memory.buffer as ArrayBuffer, core.xyStatesPtr(), this.size * this.size).slice();
  }

  writeStates(states: Uint8Array): void {
    const core = this.core;
    new Uint8Array(core.memory.buffer as ArrayBuffer, core.xyStatesPtr(), this.size * this.size).set(states);
    guarded('writeStates', () => core.xyClockSync());
  }

  clockMetropolis(sweeps: number, out?: Float64Array): number {
    const core = this.core;
    const call = (n: number, record: number): number => {
      const accepted = guarded('metropolis', () => core.xyClockMetropolis(n, record));
      if (accepted < 0) throw new CoreError(`xyClockMetropolis refused ${n} recorded sweeps (at most ${XY_RECORD_CAPACITY} a call)`);
      return accepted;
    };
    if (!out) return call(sweeps, 0);
    let accepted = 0;
    for (let done = 0; done < sweeps; ) {
      const n = Math.min(XY_RECORD_CAPACITY, sweeps - done);
      accepted += call(n, 1);
      out.set(this.view(core.xyRecordsPtr(), n * XY_RECORD_WIDTH), done * XY_RECORD_WIDTH);
      done += n;
    }
    return accepted;
  }

  reserveClusters(): boolean {
    return guarded('reserveClusters', () => this.core.xyReserveClusters()) === 0;
  }

  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number {
    const core = this.core;
    const call = (n: number, record: number): number => {
      const flipped = guarded('wolff', () => core.xyWolff(n, clusters, record));
      if (flipped < 0) throw new CoreError(`xyWolff refused (${flipped}): reserve the cluster memory first, at most ${XY_RECORD_CAPACITY} recorded steps a call`);
      return flipped;
    };
    if (!out) return call(steps, 0);
    let flipped = 0;
    for (let done = 0; done < steps; ) {
      const n = Math.min(XY_RECORD_CAPACITY, steps - done);
      flipped += call(n, 1);
      out.set(this.view(core.xyRecordsPtr(), n * XY_RECORD_WIDTH), done * XY_RECORD_WIDTH);
      sizes?.set(this.view(core.xySizesPtr(), n), done);
      done += n;
    }
    return flipped;
  }

  clusterSites(): Int32Array {
    const core = this.core;
    const ptr = core.xyQueuePtr();
    return ptr === 0 ? new Int32Array(0) : new Int32Array(core.memory.buffer as ArrayBuffer, ptr, core.xyLastCount()).slice();
  }

  record(out: Float64Array, offset = 0): void {
    const core = this.core;
    guarded('record', () => core.xyRecord(0));
    out.set(this.view(core.xyRecordsPtr(), XY_RECORD_WIDTH), offset);
  }

  dispose(): void {
    this.base?.dispose();
    this.base = undefined;
  }
}
