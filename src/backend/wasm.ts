/**
 * The WebAssembly backend: one core instance per simulation (its own memory and
 * generator state), driven in batches of sweeps through a narrow numeric ABI.
 */
import { CoreError, InvalidOptionError } from '../errors.js';
import { clusterLabelsOf, type LabelKind } from '../cluster/labels.js';
import { checkLattice, checkStates, type PottsClusterKernel, type PottsCounts } from '../cluster/potts.js';
import type { ClusterAlgorithm } from '../options.js';
import type { LocalAlgorithm } from '../options.js';
import { SERIES_CAPACITY, type ClusterStep, type ClusterSweepResult, type IsingKernel } from './types.js';
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
  pottsSetup(q: number, bond: number, ghost: number, fieldMode: number): number;
  pottsFill(hot: number): void;
  pottsRecount(): void;
  pottsSatisfied(): number;
  pottsCountsPtr(): number;
  pottsUpdate(kind: number, steps: number, clustersPerStep: number, record: number): number;
}

/** Cluster kinds of assembly/cluster.ts. */
const CLUSTER_KIND = { wolff: 0, 'swendsen-wang': 1 } as const;

/** Reads an AssemblyScript string (UTF-16, byte length stored just before it) from memory. */
function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

/** Runs a core call and turns a trap into a {@link CoreError} that says what was being done. */
export function guarded<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      throw new CoreError(`WebAssembly core trapped in ${what} (${error.message}); this is a bug in criticality`, { cause: error });
    }
    throw error;
  }
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
    if (core.SERIES_CAPACITY.value !== SERIES_CAPACITY) {
      throw new CoreError(`core layout mismatch: SERIES_CAPACITY ${core.SERIES_CAPACITY.value}, wrapper expects ${SERIES_CAPACITY}`);
    }
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
    let clusterFlips = 0;
    const flips = this.recordedCalls(step.cluster, steps, out, sizes, (n, record) => {
      const changed = core.clusterUpdate(kind, n, step.clustersPerStep, step.localSweeps, record);
      clusterFlips += core.clusterFlips();
      return changed;
    });
    return { flips, clusterFlips };
  }

  /**
   * Runs a cluster kernel call (clusterUpdate, pottsUpdate) over `steps`: in one call without records,
   * else in calls of at most SERIES_CAPACITY steps, copying the (counter, counter) series and the sizes out.
   */
  recordedCalls(what: string, steps: number, out: Int32Array | undefined, sizes: Float64Array | undefined, call: (n: number, record: number) => number): number {
    const core = this.exports;
    const checked = (n: number, record: number): number => {
      const changed = guarded(what, () => call(n, record));
      if (changed < 0) throw new CoreError(`${what} refused (${changed}): reserve the cluster memory first, at most ${SERIES_CAPACITY} recorded steps a call`);
      return changed;
    };
    if (!out || !sizes) return checked(steps, 0);
    let changed = 0;
    for (let done = 0; done < steps; ) {
      const n = Math.min(SERIES_CAPACITY, steps - done);
      changed += checked(n, 1);
      out.set(this.view(Int32Array, core.seriesPtr(), 2 * n), 2 * done);
      sizes.set(this.view(Float64Array, core.clusterSizesPtr(), n), done);
      done += n;
    }
    return changed;
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

  /** A copy of the byte lattice (Potts states). */
  readBytes(): Uint8Array {
    return this.view(Uint8Array, this.exports.spinsPtr(), this.size * this.size).slice();
  }

  /** Writes the byte lattice (Potts states; the caller recounts). */
  writeBytes(bytes: Uint8Array): void {
    this.view(Uint8Array, this.exports.spinsPtr(), this.size * this.size).set(bytes);
  }

  /** Reads `length` i32 from the core's memory (Potts counts). */
  readInt32(ptr: number, length: number): Int32Array {
    return this.view(Int32Array, ptr, length).slice();
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

/**
 * The Potts cluster kernel (assembly/potts.ts) on a core instance of its own, at the kernel level
 * (src/cluster/potts.ts); its lattice is the instance's byte lattice, one state a byte.
 */
export class WasmPottsClusters implements PottsClusterKernel {
  readonly backend = 'wasm' as const;
  private q = 0;

  private constructor(private readonly kernel: WasmIsingKernel) {}

  get size(): number {
    return this.kernel.size;
  }

  /** A fresh core instance for an L x L Potts lattice, with the cluster memory reserved. */
  static async create(module: WebAssembly.Module, size: number): Promise<WasmPottsClusters> {
    const kernel = await WasmIsingKernel.create(module, size);
    if (!kernel.reserveClusters()) throw new InvalidOptionError('size', size, 'a lattice whose cluster memory fits in WebAssembly memory');
    return new WasmPottsClusters(kernel);
  }

  getRngState(): Uint32Array {
    return this.kernel.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.kernel.setRngState(state);
  }

  setup(q: number, bond: number, ghost: number, fieldMode: number): void {
    checkStates(q);
    const core = this.kernel.exports;
    if (guarded('pottsSetup', () => core.pottsSetup(q, bond, ghost, fieldMode)) !== 0) throw new CoreError('WebAssembly memory could not grow for the Potts counters');
    this.q = q;
    guarded('pottsRecount', () => core.pottsRecount());
  }

  private core(): CoreExports {
    if (this.q === 0) throw new Error('call setup(q, ...) first');
    return this.kernel.exports;
  }

  fill(start: 'hot' | 'cold'): void {
    const core = this.core();
    guarded('pottsFill', () => core.pottsFill(start === 'hot' ? 1 : 0));
  }

  writeStates(states: Uint8Array): void {
    const core = this.core();
    checkLattice(states, this.size, this.q);
    this.kernel.writeBytes(states);
    guarded('pottsRecount', () => core.pottsRecount());
  }

  readStates(): Uint8Array {
    return this.kernel.readBytes();
  }

  counts(): PottsCounts {
    const core = this.core();
    return { satisfied: core.pottsSatisfied(), states: this.kernel.readInt32(core.pottsCountsPtr(), this.q) };
  }

  labels(): Int32Array {
    return this.kernel.clusterLabels();
  }

  update(cluster: ClusterAlgorithm, steps: number, clustersPerStep: number, out?: Int32Array, sizes?: Float64Array): number {
    const core = this.core();
    const kind = CLUSTER_KIND[cluster];
    return this.kernel.recordedCalls(`potts ${cluster}`, steps, out, sizes, (n, record) => core.pottsUpdate(kind, n, clustersPerStep, record));
  }
}
