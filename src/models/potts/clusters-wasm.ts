/**
 * The Potts cluster kernel of the WebAssembly backend (assembly/potts-cluster.ts); its JavaScript
 * twin is ./clusters-js.ts.
 */
import { CoreError, InvalidOptionError } from '../../errors.js';
import { checkPottsClusterQ, type PottsClusterKernel, type PottsThresholds } from '../../cluster/potts.js';
import type { ClusterAlgorithm, Lattice } from '../../vocabulary.js';
import { SERIES_CAPACITY } from '../../vocabulary.js';
import { geometryOf } from '../../lattice.js';
import { guarded } from '../../backend/core-call.js';
import { coreClusterLabels, recordedClusterCalls, type ClusterCore } from '../../backend/wasm-cluster.js';
import { CLUSTER_BYTES_PER_SITE, CLUSTER_KIND } from '../../cluster/step.js';

/** The Potts cluster exports (assembly/potts-cluster.ts) with the Potts kernel's they use (assembly/potts.ts). */
export interface PottsClusterCore extends ClusterCore {
  pottsClusterSetup(bond: number, ghost: number, fieldMode: number): number;
  pottsClusterUpdate(kind: number, steps: number, clustersPerStep: number, record: number): number;
  pottsRecordsPtr(): number;
  pottsRecordCapacity(): number;
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
