/**
 * The WebAssembly backend: one core instance per simulation (its own memory and
 * generator state), driven in batches of sweeps through a narrow numeric ABI.
 */
import { CoreError, InvalidOptionError } from '../errors.js';
import { clusterLabelsOf, type LabelKind } from '../cluster/labels.js';
import type { ClusterStep, LocalAlgorithm } from '../vocabulary.js';
import { SERIES_CAPACITY, type ClusterSweepResult, type IsingKernel } from './types.js';
import { guarded } from './core-call.js';
import { checkCoreConstants } from './core-constants.js';
import { CLUSTER_KIND } from '../cluster/step.js';

export { guarded } from './core-call.js';
import { WasmBlockSpinKernel, type RgCoreExports } from './rg-wasm.js';
import { correlationValues } from './correlation-js.js';

/** The exports of build/criticality.wasm (assembly/index.ts). */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  readonly SERIES_CAPACITY: WebAssembly.Global;
  init(size: number): number;
  spinsPtr(): number;
  seriesPtr(): number;
  metropolisTablePtr(): number;
  heatBathTablePtr(): number;
  getBondSum(): number;
  getMagnetization(): number;
  fillCold(): void;
  fillHot(): void;
  recount(): void;
  sweepMetropolis(sweeps: number, record: number): number;
  sweepHeatBath(sweeps: number, record: number): number;
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
  rngNext(): number;
  measureCorrelations(size: number): number;
  correlationsPtr(): number;
  clusterReserve(): number;
  clusterParentPtr(): number;
  clusterWorkPtr(): number;
  clusterSizesPtr(): number;
  clusterLastKind(): number;
  clusterLastCount(): number;
  clusterFlips(): number;
  setClusterThresholds(bond: number, ghost: number, sign: number): void;
  clusterUpdate(kind: number, steps: number, clustersPerStep: number, localSweeps: number, record: number): number;
}


/** Reads an AssemblyScript string (UTF-16, byte length stored just before it) from memory. */
function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

export class WasmIsingKernel implements IsingKernel {
  readonly backend = 'wasm' as const;
  readonly size: number;
  private core: CoreExports | undefined;

  private constructor(core: CoreExports, size: number) {
    this.core = core;
    this.size = size;
  }

  /** Instantiates the compiled core for an L x L lattice (with `sharedMemory`: a shared-memory build, src/worker/). */
  static async create(module: WebAssembly.Module, size: number, sharedMemory?: WebAssembly.Memory): Promise<WasmIsingKernel> {
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
    const core = instance.exports as unknown as CoreExports;
    memory = core.memory;
    checkCoreConstants(instance.exports);
    if (guarded('init', () => core.init(size)) !== 0) {
      throw new InvalidOptionError('size', size, `a lattice that fits in WebAssembly memory (growing memory to ${size}x${size} bytes failed)`);
    }
    return new WasmIsingKernel(core, size);
  }

  /** The instance's exports (kernels that share this instance, e.g. the packed one, use them). */
  get exports(): CoreExports {
    if (!this.core) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.core;
  }

  get bondSum(): number {
    return this.exports.getBondSum();
  }

  get magnetization(): number {
    return this.exports.getMagnetization();
  }

  /** A fresh view (memory.grow detaches old ones). */
  private view<T>(Type: new (buffer: ArrayBuffer, offset: number, length: number) => T, ptr: number, length: number): T {
    return new Type(this.exports.memory.buffer, ptr, length);
  }

  setThresholds(metropolis: Float64Array, heatBath: Float64Array): void {
    const core = this.exports;
    const toU64 = (table: Float64Array) => BigUint64Array.from(table, (t) => BigInt(t));
    this.view(BigUint64Array, core.metropolisTablePtr(), metropolis.length).set(toU64(metropolis));
    this.view(BigUint64Array, core.heatBathTablePtr(), heatBath.length).set(toU64(heatBath));
  }

  getRngState(): Uint32Array {
    const core = this.exports;
    return Uint32Array.from([0, 1, 2, 3], (k) => core.rngGetState(k) >>> 0);
  }

  setRngState(state: Uint32Array): void {
    this.exports.rngSetState(state[0], state[1], state[2], state[3]);
  }

  nextU32(): number {
    return this.exports.rngNext() >>> 0;
  }

  fill(start: 'hot' | 'cold'): void {
    const core = this.exports;
    guarded('fill', () => (start === 'hot' ? core.fillHot() : core.fillCold()));
  }

  readSpins(): Int8Array {
    return this.view(Int8Array, this.exports.spinsPtr(), this.size * this.size).slice();
  }

  writeSpins(spins: Int8Array): void {
    const core = this.exports;
    this.view(Int8Array, core.spinsPtr(), this.size * this.size).set(spins);
    guarded('recount', () => core.recount());
  }

  reserveClusters(): boolean {
    const core = this.exports;
    return guarded('clusterReserve', () => core.clusterReserve()) === 0;
  }

  setClusterThresholds(bond: number, ghost: number, fieldSign: number): void {
    this.exports.setClusterThresholds(bond, ghost, fieldSign);
  }

  clusterSweep(step: ClusterStep, steps: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    const core = this.exports;
    const kind = CLUSTER_KIND[step.cluster];
    const call = (n: number, record: number): number => {
      const flips = guarded(step.cluster, () => core.clusterUpdate(kind, n, step.clustersPerStep, step.localSweeps, record));
      if (flips < 0) throw new CoreError(`clusterUpdate refused (${flips}): reserveClusters first, at most ${SERIES_CAPACITY} recorded steps a call`);
      return flips;
    };
    if (!out || !sizes) {
      const flips = call(steps, 0);
      return { flips, clusterFlips: core.clusterFlips() };
    }
    let flips = 0;
    let clusterFlips = 0;
    for (let done = 0; done < steps; ) {
      const n = Math.min(SERIES_CAPACITY, steps - done);
      flips += call(n, 1);
      clusterFlips += core.clusterFlips();
      out.set(this.view(Int32Array, core.seriesPtr(), 2 * n), 2 * done);
      sizes.set(this.view(Float64Array, core.clusterSizesPtr(), n), done);
      done += n;
    }
    return { flips, clusterFlips };
  }

  clusterLabels(): Int32Array {
    const core = this.exports;
    const sites = this.size * this.size;
    return clusterLabelsOf(
      core.clusterLastKind() as LabelKind,
      this.size,
      () => this.view(Int32Array, core.clusterParentPtr(), sites),
      () => this.view(Int32Array, core.clusterWorkPtr(), core.clusterLastCount()),
    );
  }

  sweep(algorithm: LocalAlgorithm, sweeps: number, out?: Int32Array): number {
    const core = this.exports;
    const run = algorithm === 'heat-bath' ? core.sweepHeatBath : core.sweepMetropolis;
    if (!out) return guarded(algorithm, () => run(sweeps, 0));
    let changed = 0;
    for (let done = 0; done < sweeps; ) {
      const n = Math.min(SERIES_CAPACITY, sweeps - done);
      changed += guarded(algorithm, () => run(n, 1));
      out.set(this.view(Int32Array, core.seriesPtr(), 2 * n), 2 * done);
      done += n;
    }
    return changed;
  }

  blockSpins(): WasmBlockSpinKernel {
    return new WasmBlockSpinKernel(() => this.exports as unknown as RgCoreExports, this.size);
  }

  correlations(out: Int32Array): void {
    const core = this.exports;
    if (guarded('correlations', () => core.measureCorrelations(this.size)) !== 0) {
      throw new CoreError(`WebAssembly memory could not grow for the correlation buffers of a ${this.size}x${this.size} lattice`);
    }
    out.set(this.view(Int32Array, core.correlationsPtr(), correlationValues(this.size)));
  }

  dispose(): void {
    this.core = undefined;
  }
}
