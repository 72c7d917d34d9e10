/**
 * The WebAssembly backend of the Ising model: the byte kernels of assembly/ising2d.ts (Metropolis,
 * heat-bath), the cluster kernels of assembly/cluster.ts, block spins and correlations, on one core
 * instance (src/backend/core-instance.ts) per simulation, driven in batches of sweeps through a
 * narrow numeric ABI.
 */
import { CoreError } from '../../errors.js';
import type { ClusterStep, Lattice, LocalAlgorithm } from '../../vocabulary.js';
import { geometryOf, shapeOf, sitesOf } from '../../lattice.js';
import { SERIES_CAPACITY, type ClusterSweepResult, type IsingKernel } from './types.js';
import { guarded } from '../../backend/core-call.js';
import { CoreInstance } from '../../backend/core-instance.js';
import { coreClusterLabels, recordedClusterCalls, type ClusterCore } from '../../backend/wasm-cluster.js';
import { CLUSTER_KIND } from '../../cluster/step.js';
import { WasmBlockSpinKernel, type RgCoreExports } from './rg-wasm.js';
import { correlationValues } from '../../backend/correlation-js.js';

/** The exports of build/criticality.wasm (assembly/index.ts) that the Ising kernels use, with the cluster calls (ClusterCore). */
export interface CoreExports extends ClusterCore {
  readonly SERIES_CAPACITY: WebAssembly.Global;
  init(size: number, dimension: number): number;
  spinsPtr(): number;
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
  clusterFlips(): number;
  setClusterThresholds(bond: number, ghost: number, sign: number): void;
  clusterUpdate(kind: number, steps: number, clustersPerStep: number, localSweeps: number, record: number): number;
}

export class WasmIsingKernel implements IsingKernel {
  readonly backend = 'wasm' as const;
  readonly size: number;
  readonly lattice: Lattice;
  /** Sites N = L^d. */
  readonly sites: number;
  private core: CoreExports | undefined;
  private readonly instance: CoreInstance;

  private constructor(instance: CoreInstance, size: number, lattice: Lattice) {
    this.instance = instance;
    this.core = instance.exports as unknown as CoreExports;
    this.size = size;
    this.lattice = lattice;
    this.sites = sitesOf(geometryOf(lattice), size);
  }

  /**
   * Instantiates the compiled core for a lattice of linear size L (square unless named; with
   * `sharedMemory`: a shared-memory build, src/worker/).
   */
  static async create(module: WebAssembly.Module, size: number, sharedMemory?: WebAssembly.Memory, lattice: Lattice = 'square'): Promise<WasmIsingKernel> {
    return new WasmIsingKernel(await CoreInstance.create(module, size, sharedMemory, lattice), size, lattice);
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
    this.instance.dispose();
  }
}
