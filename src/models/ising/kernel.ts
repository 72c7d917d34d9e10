/**
 * The Ising kernels (this folder: the byte kernel of assembly/ising2d.ts and its JS twin, the
 * packed multi-spin kernel, the shared-lattice workers) keep their own contract, IsingKernel;
 * this adapter gives them the model seam's: couplings become the Metropolis, heat-bath and
 * cluster thresholds, and the record of a lattice is (B, M).
 */
import type { ClusterStep, ClusterSweepResult, LocalAlgorithm, Start } from '../../vocabulary.js';
import { geometryOf } from '../../lattice.js';
import type { IsingKernel } from './types.js';
import type { BlockSpinKernel } from '../../backend/rg-types.js';
import { heatBathThresholds, metropolisThresholds } from '../../thresholds.js';
import { clusterThresholds } from '../../cluster/thresholds.js';
import type { ModelKernel } from '../model.js';

export class IsingModelKernel implements ModelKernel {
  /** Block spins (RG), where the Ising kernel has them. */
  readonly blockSpins?: () => BlockSpinKernel;

  /** `ising` is the Ising kernel itself (tests and benchmarks reach it through kernelOf(sim).ising). */
  constructor(readonly ising: IsingKernel) {
    if (ising.blockSpins) this.blockSpins = () => ising.blockSpins!();
  }

  get backend() {
    return this.ising.backend;
  }

  get size(): number {
    return this.ising.size;
  }

  getRngState(): Uint32Array {
    return this.ising.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.ising.setRngState(state);
  }

  fill(start: Start): void {
    this.ising.fill(start);
  }

  readSpins(): Int8Array {
    return this.ising.readSpins();
  }

  writeSpins(spins: Int8Array): void {
    this.ising.writeSpins(spins);
  }

  setCouplings(beta: number, field: number): void {
    const { neighbours } = geometryOf(this.ising.lattice);
    this.ising.setThresholds(metropolisThresholds(beta, field, neighbours), heatBathThresholds(beta, field, neighbours));
    const cluster = clusterThresholds(beta, field);
    this.ising.setClusterThresholds(cluster.bond, cluster.ghost, cluster.fieldSign);
  }

  sweep(algorithm: LocalAlgorithm, n: number, out?: Int32Array): number {
    return this.ising.sweep(algorithm, n, out);
  }

  reserveClusters(): boolean {
    return this.ising.reserveClusters();
  }

  clusterSweep(step: ClusterStep, n: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    return this.ising.clusterSweep(step, n, out, sizes);
  }

  clusterLabels(): Int32Array {
    return this.ising.clusterLabels();
  }

  /** (B, M): the bond sum sum_<ij> s_i s_j and the magnetization sum_i s_i. */
  record(out: Int32Array): void {
    out[0] = this.ising.bondSum;
    out[1] = this.ising.magnetization;
  }

  correlations(out: Int32Array): void {
    this.ising.correlations(out);
  }

  dispose(): void {
    this.ising.dispose();
  }
}
