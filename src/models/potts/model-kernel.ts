/**
 * The Potts kernels (./kernel-js.ts and ./kernel-wasm.ts over assembly/potts.ts) given the model
 * seam's contract, and the choice of backend: WebAssembly where it loads, JavaScript otherwise.
 */
import { BackendUnavailableError, InvalidOptionError } from '../../errors.js';
import { loadCore } from '../../backend/loader.js';
import { coreHasSimd } from '../../backend/core-instance.js';
import type { ClusterStep, ClusterSweepResult, Lattice, LocalAlgorithm, Start } from '../../vocabulary.js';
import { geometryOf, sitesOf } from '../../lattice.js';
import type { KernelChoice, KernelRequest, ModelKernel } from '../model.js';
import type { PottsKernel } from './kernel.js';
import { JsPottsKernel } from './kernel-js.js';
import { WasmPottsKernel } from './kernel-wasm.js';
import { pottsThresholds, type PottsClusterKernel, type PottsThresholds } from '../../cluster/potts.js';
import { JsPottsClusters } from './clusters-js.js';
import { WasmPottsClusters } from './clusters-wasm.js';

export class PottsModelKernel implements ModelKernel {
  /** The cluster kernels over this lattice (made by reserveClusters; src/cluster/potts.ts). */
  private clusters: PottsClusterKernel | undefined;
  private thresholds: PottsThresholds = pottsThresholds(0, 0);

  /** `potts` is the Potts kernel itself (tests and benchmarks reach it through kernelOf(sim).potts). */
  constructor(readonly potts: PottsKernel) {}

  get backend() {
    return this.potts.backend;
  }

  get size(): number {
    return this.potts.size;
  }

  getRngState(): Uint32Array {
    return this.potts.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.potts.setRngState(state);
  }

  fill(start: Start): void {
    this.potts.fill(start);
  }

  readSpins(): Uint8Array {
    return this.potts.readSpins();
  }

  writeSpins(spins: Uint8Array): void {
    this.potts.writeSpins(spins);
  }

  setCouplings(beta: number, field: number): void {
    const thresholds = pottsThresholds(beta, field);
    this.potts.setCouplings(beta, field);
    this.thresholds = thresholds;
    this.clusters?.setThresholds(thresholds);
  }

  sweep(algorithm: LocalAlgorithm, n: number, out?: Int32Array): number {
    return this.potts.sweep(algorithm, n, out);
  }

  /**
   * Makes the cluster kernels on first use (q <= 255: InvalidOptionError naming q otherwise); false
   * when their memory does not fit.
   */
  reserveClusters(): boolean {
    if (this.clusters) return true;
    try {
      this.clusters = this.potts instanceof WasmPottsKernel ? new WasmPottsClusters(this.potts) : new JsPottsClusters(this.potts as JsPottsKernel);
    } catch (error) {
      if (error instanceof InvalidOptionError && error.option === 'size') return false;
      throw error;
    }
    this.clusters.setThresholds(this.thresholds);
    return true;
  }

  /**
   * n steps: Wolff (clustersPerStep clusters) or Swendsen-Wang, each after `localSweeps` Metropolis
   * sweeps for a hybrid step; the record and the cluster-size statistic after every step.
   */
  clusterSweep(step: ClusterStep, n: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    const clusters = this.clusters;
    if (!clusters) throw new InvalidOptionError('algorithm', step.cluster, 'a simulation whose cluster memory was reserved (setAlgorithm does it)');
    if (step.localSweeps === 0) {
      const flips = clusters.update(step.cluster, n, step.clustersPerStep, out, sizes);
      return { flips, clusterFlips: flips };
    }
    const width = this.potts.q + 1;
    let flips = 0;
    let clusterFlips = 0;
    for (let k = 0; k < n; k++) {
      flips += this.potts.sweep('metropolis', step.localSweeps);
      const changed = clusters.update(step.cluster, 1, step.clustersPerStep, out?.subarray(width * k, width * (k + 1)), sizes?.subarray(k, k + 1));
      flips += changed;
      clusterFlips += changed;
    }
    return { flips, clusterFlips };
  }

  clusterLabels(): Int32Array {
    return this.clusters ? this.clusters.labels() : new Int32Array(sitesOf(geometryOf(this.potts.lattice), this.potts.size)).fill(-1);
  }

  /** (Nb, n_0, ..., n_{q-1}). */
  record(out: Int32Array): void {
    this.potts.record(out);
  }

  correlations(out: Int32Array): void {
    this.potts.correlations(out);
  }

  dispose(): void {
    this.potts.dispose();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function jsKernel(size: number, q: number, lattice: Lattice): PottsModelKernel {
  try {
    return new PottsModelKernel(new JsPottsKernel(size, q, lattice));
  } catch (error) {
    if (error instanceof RangeError && !(error instanceof InvalidOptionError))
      throw new InvalidOptionError('size', size, `a lattice that fits in memory (${reasonOf(error)})`);
    throw error;
  }
}

/** A Potts kernel on the requested backend; `auto` falls back to JavaScript when the core cannot be loaded. */
export async function createPottsKernel(request: KernelRequest, q: number): Promise<KernelChoice> {
  if (request.backend === 'js') return { kernel: jsKernel(request.size, q, request.lattice), engine: 'js' };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(request.core);
  } catch (error) {
    if (request.backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: jsKernel(request.size, q, request.lattice), engine: 'js', fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}` };
  }
  const kernel = await WasmPottsKernel.create(module, request.size, q, request.lattice);
  return { kernel: new PottsModelKernel(kernel), engine: coreHasSimd(kernel.exports) ? 'wasm-simd' : 'wasm-scalar' };
}
