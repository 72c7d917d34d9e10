/**
 * One lattice across workers: the packed lattice lives in a shared WebAssembly memory; the
 * workers (src/worker/packed-worker.ts) update blocks of vector rows (square lattice) or of planes
 * (cubic lattice), about BLOCKS_PER_WORKER a worker in each half-sweep, each taking the next block
 * when done with one (so that a worker whose core runs slower for a while takes fewer), with a
 * barrier after each checkerboard half-sweep. Every
 * vector row (every plane) draws from its own lane generators, seeded from the main stream in a
 * fixed order (assembly/packed.ts, assembly/packed3d.ts), so the
 * lattice, the series and the generator state are identical to the one-thread packed run for
 * the same seed, whatever the number of workers.
 *
 * The calling thread blocks (Atomics.wait) while the workers sweep, so that the Simulation API
 * stays synchronous: that is allowed in Node and in Web Workers, not on a browser's main
 * thread. Workers need SharedArrayBuffer (Node; browsers when the page is crossOriginIsolated).
 */
import { startThread, threadEntry, usesThreads } from '#platform';
import { CoreError, InvalidOptionError } from '../errors.js';
import { loadCore, simdSupported } from '../backend/loader.js';
import { PackedLayoutKernel } from '../models/ising/packed.js';
import { SERIES_CAPACITY, type EngineName, type IsingKernel } from '../models/ising/types.js';
import { WasmIsingKernel } from '../models/ising/kernel-wasm.js';
import { WasmPackedEngine, type PackedCoreExports } from '../models/ising/packed-wasm.js';
import { packedUnits } from '../models/ising/packed-exports.js';
import type { Lattice } from '../vocabulary.js';
import {
  controlViews,
  readError,
  BOND_OUT,
  CMD,
  CONTROL_BYTES,
  DONE,
  ERROR,
  MAG_OUT,
  NEXT,
  RECORD,
  STATE,
  STATE_OUT,
  STOP,
  SWEEPS,
  type Control,
} from './control.js';
import type { WorkerInit } from './packed-worker.js';

import { MAX_PAGES, sharedMemoryBytes } from './limits.js';

/** Blocks of rows (planes) per worker in a half-sweep: small enough to even out cores of unequal speed, large enough that taking one costs nothing. */
const BLOCKS_PER_WORKER = 8;

/** The handle the coordinator keeps of a worker: Node's Worker or a Web Worker. */
interface WorkerHandle {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

let compiled: Partial<Record<'simd' | 'scalar', Promise<WebAssembly.Module>>> = {};

/**
 * The shared-memory build of the core: the shipped file only (no inlined copy), written out
 * literally so that bundlers emit it. Where a bundler cannot emit it, it cannot emit the worker
 * entry either.
 */
function sharedCoreUrl(variant: 'simd' | 'scalar'): URL {
  return variant === 'simd'
    ? new URL('../../build/criticality-shared.wasm', import.meta.url)
    : new URL('../../build/criticality-shared-scalar.wasm', import.meta.url);
}

function sharedCore(variant: 'simd' | 'scalar'): Promise<WebAssembly.Module> {
  compiled[variant] ??= loadCore(sharedCoreUrl(variant)).catch((error: unknown) => {
    compiled = {};
    throw new CoreError(`could not load the shared-memory core: ${error instanceof Error ? error.message : String(error)}`);
  });
  return compiled[variant]!;
}

async function spawn(init: WorkerInit): Promise<WorkerHandle> {
  let handle: WorkerHandle;
  let started: (() => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'ready') resolve();
      else reject(new CoreError(`a worker could not start: ${message.message}`));
    };
    const start = () => {
      if (usesThreads()) {
        const thread = startThread(threadEntry('packed'));
        thread.onMessage((message) => onMessage(message as { type: string; message?: string }));
        thread.onError(reject);
        // started, it must not keep the process alive: unref once it is ready
        started = () => thread.unref();
        handle = { postMessage: (message) => thread.postMessage(message), terminate: () => thread.terminate() };
      } else {
        // written out in full so that bundlers (Vite, webpack) find and bundle the worker entry
        const worker = new Worker(new URL('./packed-worker.js', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<{ type: string; message?: string }>) => onMessage(event.data);
        worker.onerror = (event) => reject(new CoreError(`a worker could not start: ${event.message}`));
        handle = worker;
      }
      handle.postMessage(init);
    };
    try {
      start();
    } catch (error) {
      reject(error);
    }
  });
  await ready;
  started?.();
  return handle!;
}

/** A packed engine whose sweeps run on worker threads sharing the lattice (conversions and counters as on one thread). */
export class ParallelPackedEngine extends WasmPackedEngine {
  private workers: WorkerHandle[] = [];
  private readonly control: Control;
  private readonly records: Int32Array;

  private constructor(core: PackedCoreExports, controlBuffer: SharedArrayBuffer, recordsBuffer: SharedArrayBuffer) {
    super(core);
    this.control = controlViews(controlBuffer);
    this.records = new Int32Array(recordsBuffer);
  }

  static async start(byte: WasmIsingKernel, module: WebAssembly.Module, memory: WebAssembly.Memory, count: number): Promise<ParallelPackedEngine> {
    const core = WasmPackedEngine.reserve(byte);
    const size = byte.size;
    const seeds = Array.from({ length: count }, () => core.packedReserveSeeds());
    if (seeds.includes(0)) throw new InvalidOptionError('size', size, 'a lattice that fits in WebAssembly memory (seed tables for the workers)');
    const controlBuffer = new SharedArrayBuffer(CONTROL_BYTES);
    const recordsBuffer = new SharedArrayBuffer(count * SERIES_CAPACITY * 8);
    const engine = new ParallelPackedEngine(core, controlBuffer, recordsBuffer);
    const rows = packedUnits(size, byte.lattice);
    try {
      for (let index = 0; index < count; index++) {
        engine.workers.push(
          await spawn({
            module,
            memory,
            control: controlBuffer,
            records: recordsBuffer,
            capacity: SERIES_CAPACITY,
            size,
            geometry: byte.lattice,
            lattice: core.packedLatticePtr(),
            leaves: core.packedLeavesPtr(),
            seeds: seeds[index],
            index,
            workers: count,
            command: Atomics.load(engine.control.ints, CMD),
            units: rows,
            block: Math.max(1, Math.floor(rows / (BLOCKS_PER_WORKER * count))),
          }),
        );
      }
    } catch (error) {
      engine.dispose();
      throw error;
    }
    return engine;
  }

  /**
   * One command: `sweeps` sweeps on every worker; blocks until all are done. Recorded sweeps
   * track the counters (each worker's change of B and M, exact modulo 2^32 and so is their
   * sum); others leave them stale, to be recounted when read.
   */
  private command(byte: IsingKernel, sweeps: number, record: boolean): number {
    const { ints, flips } = this.control;
    const count = this.workers.length;
    const bond = record ? this.core.getPackedBondSum() : 0;
    const mag = record ? this.core.getPackedMagnetization() : 0;
    const state = byte.getRngState();
    for (let k = 0; k < 4; k++) ints[STATE + k] = state[k];
    ints[SWEEPS] = sweeps;
    ints[RECORD] = record ? 1 : 0;
    Atomics.store(ints, DONE, 0);
    Atomics.store(ints, NEXT, 0);
    Atomics.add(ints, CMD, 1);
    Atomics.notify(ints, CMD);
    for (let done = Atomics.load(ints, DONE); done < count; done = Atomics.load(ints, DONE)) Atomics.wait(ints, DONE, done);
    if (Atomics.load(ints, ERROR) !== 0) throw new CoreError(`a worker failed: ${readError(this.control)}`);
    byte.setRngState(Uint32Array.from([0, 1, 2, 3], (k) => ints[STATE_OUT + k]));
    let changed = 0;
    for (let w = 0; w < count; w++) changed += flips[w];
    if (!record) {
      this.core.packedInvalidateCounts();
      return changed;
    }
    let b = bond,
      m = mag;
    for (let w = 0; w < count; w++) {
      b = (b + ints[BOND_OUT + w]) | 0;
      m = (m + ints[MAG_OUT + w]) | 0;
    }
    this.core.setPackedCounts(b, m);
    return changed;
  }

  override run(byte: IsingKernel, sweeps: number, out?: Int32Array): number {
    if (this.workers.length === 0) throw new CoreError('the worker threads have been disposed');
    if (!out) return sweeps > 0 ? this.command(byte, sweeps, false) : 0;
    let changed = 0;
    for (let done = 0; done < sweeps;) {
      const n = Math.min(SERIES_CAPACITY, sweeps - done);
      const bond = this.core.getPackedBondSum();
      const mag = this.core.getPackedMagnetization();
      changed += this.command(byte, n, true);
      for (let k = 0; k < n; k++) {
        let b = bond,
          m = mag;
        for (let w = 0; w < this.workers.length; w++) {
          b = (b + this.records[(w * SERIES_CAPACITY + k) * 2]) | 0;
          m = (m + this.records[(w * SERIES_CAPACITY + k) * 2 + 1]) | 0;
        }
        out[2 * (done + k)] = b;
        out[2 * (done + k) + 1] = m;
      }
      done += n;
    }
    return changed;
  }

  dispose(): void {
    const { ints } = this.control;
    Atomics.store(ints, STOP, 1);
    Atomics.add(ints, CMD, 1);
    Atomics.notify(ints, CMD);
    for (const worker of this.workers) void worker.terminate();
    this.workers = [];
  }
}

/**
 * Creates a packed kernel whose Metropolis sweeps run on `workers` worker threads (heat-bath
 * sweeps and conversions run on the calling thread). Validate with checkWorkers (./limits.ts) first.
 */
export async function createParallelKernel(size: number, workers: number, lattice: Lattice = 'square'): Promise<{ kernel: IsingKernel; engine: EngineName }> {
  const variant = simdSupported() ? 'simd' : 'scalar';
  const module = await sharedCore(variant);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(sharedMemoryBytes(size, workers, lattice) / 65536), maximum: MAX_PAGES, shared: true });
  const byte = await WasmIsingKernel.create(module, size, memory, lattice);
  const engine = await ParallelPackedEngine.start(byte, module, memory, workers);
  return { kernel: new PackedLayoutKernel(byte, engine), engine: variant === 'simd' ? 'wasm-simd' : 'wasm-scalar' };
}
