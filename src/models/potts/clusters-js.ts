/**
 * The Potts cluster kernel of the JavaScript backend: the q-state Potts model of the cluster engine
 * (src/backend/js-cluster.ts), twin of assembly/potts-cluster.ts and of ./clusters-wasm.ts.
 */
import type { Xoshiro128 } from '../../rng.js';
import { checkPottsClusterQ, POTTS_CLUSTER_MAX_Q, type PottsClusterKernel, type PottsThresholds } from '../../cluster/potts.js';
import type { ClusterAlgorithm } from '../../vocabulary.js';
import { SQUARE, type LatticeGeometry } from '../../lattice.js';
import { ClusterEngine, scaleToSites, type ClusterModel } from '../../backend/js-cluster.js';

/**
 * What the Potts cluster kernel needs from a JavaScript Potts kernel (src/models/potts/kernel-js.ts):
 * its lattice, generator and exact counts Nb and n_k.
 */
export interface JsPottsHost {
  readonly size: number;
  /** The lattice's geometry (square when absent). */
  readonly geometry?: LatticeGeometry;
  readonly q: number;
  readonly spins: Uint8Array;
  readonly rng: Xoshiro128;
  readonly counts: Int32Array;
  readonly bondCount: number;
  setBondCount(b: number): void;
}

/** The q-state Potts model (twin of class Potts in assembly/potts-cluster.ts): states 0..q-1; Nb and n_k kept exact. */
class PottsModel implements ClusterModel {
  threshold = 0;
  ghost = 0;
  fieldMode = 0;
  ghostMerges = true;

  constructor(private readonly host: JsPottsHost) {}

  same(v: number, c: number): boolean {
    return v === c;
  }
  wolffTarget(c: number, rng: Xoshiro128): number {
    const q = this.host.q;
    if (q === 2) return 1 - c;
    const t = c + 1 + scaleToSites(rng.next(), q - 1);
    return t >= q ? t - q : t;
  }
  atRisk(c: number, t: number): boolean {
    return this.fieldMode > 0 ? c === 0 : this.fieldMode < 0 ? t === 0 : false;
  }
  joined(): number {
    return POTTS_CLUSTER_MAX_Q;
  }
  term(v: number, c: number, t: number): number {
    return v === t ? 2 : v < this.host.q && v !== c ? 1 : 0;
  }
  /** dNb = 2 n_t(seen) + n_other(seen) - Z |C|, Z neighbours a site (assembly/potts-cluster.ts). */
  wolffDone(count: number, sum: number, c: number, t: number): void {
    const host = this.host;
    host.setBondCount(host.bondCount + sum - (host.geometry ?? SQUARE).neighbours * count);
    host.counts[c] -= count;
    host.counts[t] += count;
  }
  ghostCandidate(v: number): boolean {
    return this.fieldMode > 0 ? v === 0 : this.fieldMode < 0 ? v !== 0 : false;
  }
  swDraws(bound: boolean): boolean {
    return !bound || (this.fieldMode < 0 && this.host.q > 2);
  }
  swNew(v: number, bound: boolean, r: number): number {
    const q = this.host.q;
    if (!bound) return scaleToSites(r, q);
    return this.fieldMode < 0 ? 1 + scaleToSites(r, q - 1) : v;
  }
  bondTerm(a: number, b: number): number {
    return a === b ? 1 : 0;
  }
  siteTerm(): number {
    return 0;
  }
  swDone(bonds: number): void {
    const { counts, spins } = this.host;
    this.host.setBondCount(bonds);
    counts.fill(0);
    for (let i = 0; i < spins.length; i++) counts[spins[i]]++;
  }
}

/** The Potts cluster kernel over a JavaScript Potts kernel: the twin of WasmPottsClusters (./clusters-wasm.ts). */
export class JsPottsClusters implements PottsClusterKernel {
  readonly backend = 'js' as const;
  private readonly engine: ClusterEngine;
  private readonly model: PottsModel;

  constructor(private readonly host: JsPottsHost) {
    checkPottsClusterQ(host.q);
    this.engine = new ClusterEngine(host.spins.length, host.geometry ?? SQUARE);
    this.model = new PottsModel(host);
  }

  setThresholds(t: PottsThresholds): void {
    this.model.threshold = t.bond;
    this.model.ghost = t.ghost;
    this.model.fieldMode = t.fieldMode;
    this.model.ghostMerges = t.fieldMode >= 0;
  }

  labels(): Int32Array {
    return this.engine.labels(this.host.size);
  }

  update(cluster: ClusterAlgorithm, steps: number, clustersPerStep: number, out?: Int32Array, sizes?: Float64Array): number {
    const { engine, model, host } = this;
    const width = host.q + 1;
    let changed = 0;
    for (let k = 0; k < steps; k++) {
      let size2 = 0;
      if (cluster === 'wolff') {
        for (let c = 0; c < clustersPerStep; c++) {
          changed += engine.wolff(model, host.spins, host.size, host.rng);
          size2 += engine.lastCount;
        }
      } else {
        changed += engine.swendsenWang(model, host.spins, host.size, host.rng);
        size2 = engine.lastSumSquares;
      }
      if (out && sizes) {
        out[k * width] = host.bondCount;
        out.set(host.counts, k * width + 1);
        sizes[k] = size2;
      }
    }
    return changed;
  }
}
