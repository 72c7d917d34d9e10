/**
 * The WebAssembly backend: one core instance per simulation (its own memory and
 * generator state), driven in batches of sweeps through a narrow numeric ABI.
 */
import { CoreError, InvalidOptionError } from '../errors.js';
import { clusterLabelsOf, type LabelKind } from '../cluster/labels.js';
import { checkPottsClusterQ, type PottsClusterKernel, type PottsThresholds } from '../cluster/potts.js';
import type { ClusterAlgorithm, ClusterStep, Lattice, LocalAlgorithm } from '../vocabulary.js';
import { geometryOf, shapeOf, sitesOf, type LatticeGeometry } from '../lattice.js';
import { SERIES_CAPACITY, type ClusterSweepResult, type IsingKernel } from './types.js';
import { guarded } from './core-call.js';
import { checkCoreConstants } from './core-constants.js';
import { CLUSTER_BYTES_PER_SITE, CLUSTER_KIND } from '../cluster/step.js';

export { guarded } from './core-call.js';
import { WasmBlockSpinKernel, type RgCoreExports } from './rg-wasm.js';
import { correlationValues } from './correlation-js.js';

/** The exports of build/criticality.wasm (assembly/index.ts). */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  readonly SERIES_CAPACITY: WebAssembly.Global;
  init(size: number, dimension: number): number;
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

/** The cluster exports every cluster kernel uses (assembly/cluster.ts, assembly/cluster-engine.ts). */
type ClusterCore = Pick<
  CoreExports,
  'memory' | 'seriesPtr' | 'clusterReserve' | 'clusterParentPtr' | 'clusterWorkPtr' | 'clusterSizesPtr' | 'clusterLastKind' | 'clusterLastCount'
>;

/** The Potts cluster exports (assembly/potts-cluster.ts) with the Potts kernel's they use (assembly/potts.ts). */
export interface PottsClusterCore extends ClusterCore {
  pottsClusterSetup(bond: number, ghost: number, fieldMode: number): number;
  pottsClusterUpdate(kind: number, steps: number, clustersPerStep: number, record: number): number;
  pottsRecordsPtr(): number;
  pottsRecordCapacity(): number;
}

/** A fresh view of a core's memory (memory.grow detaches old ones). */
function coreView<T>(
  core: { memory: WebAssembly.Memory },
  Type: new (buffer: ArrayBuffer, offset: number, length: number) => T,
  ptr: number,
  length: number,
): T {
  return new Type(core.memory.buffer as ArrayBuffer, ptr, length);
}

/** Labels of the last cluster update of a core instance (src/cluster/labels.ts). */
function coreClusterLabels(core: ClusterCore, size: number, geometry: LatticeGeometry): Int32Array {
  return clusterLabelsOf(
    core.clusterLastKind() as LabelKind,
    size,
    () => coreView(core, Int32Array, core.clusterParentPtr(), sitesOf(geometry, size)),
    () => coreView(core, Int32Array, core.clusterWorkPtr(), core.clusterLastCount()),
    geometry,
  );
}

/**
 * Runs a cluster kernel call over `steps`: in one call without records, else in calls of at most
 * `records.capacity` steps, copying each call's records (`records.width` words a step) and sizes out.
 */
function recordedClusterCalls(
  core: ClusterCore,
  what: string,
  steps: number,
  out: Int32Array | undefined,
  sizes: Float64Array | undefined,
  records: { ptr: number; width: number; capacity: number },
  call: (n: number, record: number) => number,
): number {
  const checked = (n: number, record: number): number => {
    const changed = guarded(what, () => call(n, record));
    if (changed < 0) throw new CoreError(`${what} refused (${changed}): reserve the cluster memory first, at most ${records.capacity} recorded steps a call`);
    return changed;
  };
  if (!out || !sizes) return checked(steps, 0);
  let changed = 0;
  for (let done = 0; done < steps;) {
    const n = Math.min(records.capacity, steps - done);
    changed += checked(n, 1);
    out.set(coreView(core, Int32Array, records.ptr, records.width * n), records.width * done);
    sizes.set(coreView(core, Float64Array, core.clusterSizesPtr(), n), done);
    done += n;
  }
  return changed;
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
  readonly lattice: Lattice;
  /** Sites N = L^d. */
  readonly sites: number;
  private core: CoreExports | undefined;

  private constructor(core: CoreExports, size: number, lattice: Lattice) {
    this.core = core;
    this.size = size;
    this.lattice = lattice;
    this.sites = sitesOf(geometryOf(lattice), size);
  }

  /**
   * Instantiates the compiled core for a lattice of linear size L (square unless named; with
   * `sharedMemory`: a shared-memory build, src/worker/).
   */
  static async create(module: WebAssembly.Module, size: number, sharedMemory?: WebAssembly.Memory, lattice: Lattice = 'square'): Promise<WasmIsingKernel> {
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
    const geometry = geometryOf(lattice);
    if (guarded('init', () => core.init(size, geometry.dimension)) !== 0) {
      throw new InvalidOptionError(
        'size',
        size,
        `a lattice that fits in WebAssembly memory (growing memory for a ${shapeOf(geometry, size)} lattice of one byte a site failed)`,
      );
    }
    return new WasmIsingKernel(core, size, lattice);
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
    return this.view(Int8Array, this.exports.spinsPtr(), this.sites).slice();
  }

  writeSpins(spins: Int8Array): void {
    const core = this.exports;
    this.view(Int8Array, core.spinsPtr(), this.sites).set(spins);
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
    const records = { ptr: core.seriesPtr(), width: 2, capacity: SERIES_CAPACITY };
    const flips = recordedClusterCalls(core, step.cluster, steps, out, sizes, records, (n, record) => {
      const changed = core.clusterUpdate(kind, n, step.clustersPerStep, step.localSweeps, record);
      clusterFlips += core.clusterFlips();
      return changed;
    });
    return { flips, clusterFlips };
  }

  clusterLabels(): Int32Array {
    return coreClusterLabels(this.exports, this.size, geometryOf(this.lattice));
  }

  sweep(algorithm: LocalAlgorithm, sweeps: number, out?: Int32Array): number {
    const core = this.exports;
    const run = algorithm === 'heat-bath' ? core.sweepHeatBath : core.sweepMetropolis;
    if (!out) return guarded(algorithm, () => run(sweeps, 0));
    let changed = 0;
    for (let done = 0; done < sweeps;) {
      const n = Math.min(SERIES_CAPACITY, sweeps - done);
      changed += guarded(algorithm, () => run(n, 1));
      out.set(this.view(Int32Array, core.seriesPtr(), 2 * n), 2 * done);
      done += n;
    }
    return changed;
  }

  blockSpins(): WasmBlockSpinKernel {
    return new WasmBlockSpinKernel(() => this.exports as unknown as RgCoreExports, this.size, geometryOf(this.lattice).dimension);
  }

  correlations(out: Int32Array): void {
    const core = this.exports;
    if (guarded('correlations', () => core.measureCorrelations(this.size)) !== 0) {
      throw new CoreError(`WebAssembly memory could not grow for the correlation buffers of a ${shapeOf(geometryOf(this.lattice), this.size)} lattice`);
    }
    out.set(this.view(Int32Array, core.correlationsPtr(), correlationValues(this.size, geometryOf(this.lattice).dimension)));
  }

  dispose(): void {
    this.core = undefined;
  }
}

/**
 * The Potts cluster kernel (assembly/potts-cluster.ts) over a WebAssembly Potts kernel's instance
 * (src/models/potts/kernel-wasm.ts): its lattice, generator and counts; kernel level
 * (src/cluster/potts.ts).
 */
export class WasmPottsClusters implements PottsClusterKernel {
  readonly backend = 'wasm' as const;

  /** Reserves the cluster memory in the Potts kernel's instance (q <= 255). */
  constructor(private readonly kernel: { readonly exports: unknown; readonly size: number; readonly q: number; readonly lattice?: Lattice }) {
    checkPottsClusterQ(kernel.q);
    if (guarded('clusterReserve', () => this.core.clusterReserve()) !== 0) {
      throw new InvalidOptionError('size', kernel.size, `a lattice whose cluster memory (${CLUSTER_BYTES_PER_SITE} bytes a site) fits in WebAssembly memory`);
    }
  }

  private get core(): PottsClusterCore {
    return this.kernel.exports as PottsClusterCore;
  }

  setThresholds(t: PottsThresholds): void {
    const core = this.core;
    if (guarded('pottsClusterSetup', () => core.pottsClusterSetup(t.bond, t.ghost, t.fieldMode)) !== 0) {
      throw new CoreError(`pottsClusterSetup refused q = ${this.kernel.q}: the instance has no Potts lattice (pottsInit)`);
    }
  }

  labels(): Int32Array {
    return coreClusterLabels(this.core, this.kernel.size, geometryOf(this.kernel.lattice));
  }

  update(cluster: ClusterAlgorithm, steps: number, clustersPerStep: number, out?: Int32Array, sizes?: Float64Array): number {
    const core = this.core;
    const kind = CLUSTER_KIND[cluster];
    const records = { ptr: core.pottsRecordsPtr(), width: this.kernel.q + 1, capacity: Math.min(SERIES_CAPACITY, core.pottsRecordCapacity()) };
    return recordedClusterCalls(core, `potts ${cluster}`, steps, out, sizes, records, (n, record) => core.pottsClusterUpdate(kind, n, clustersPerStep, record));
  }
}
