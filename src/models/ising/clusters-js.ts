/**
 * The Ising cluster kernel of the JavaScript backend (Wolff, Swendsen-Wang and hybrid steps): the
 * Ising model of the cluster engine (src/backend/js-cluster.ts), twin of assembly/cluster.ts.
 */
import type { Xoshiro128 } from '../../rng.js';
import type { ClusterStep, ClusterSweepResult } from '../../vocabulary.js';
import { SQUARE, type LatticeGeometry } from '../../lattice.js';
import { ClusterEngine, type ClusterModel } from '../../backend/js-cluster.js';

/** What the Ising cluster kernel needs from the JavaScript Ising kernel (./kernel-js.ts). */
export interface JsClusterHost {
  readonly size: number;
  readonly geometry: LatticeGeometry;
  readonly spins: Int8Array;
  readonly rng: Xoshiro128;
  bondSum: number;
  magnetization: number;
  recount(): void;
  sweep(algorithm: 'metropolis', sweeps: number): number;
}

/** The Ising model (twin of class Ising in assembly/cluster.ts): spins +1 / -1; B and M kept exact. */
class IsingModel implements ClusterModel {
  threshold = 0;
  ghost = 0;
  fieldSign = 0;
  readonly ghostMerges = true;
  host: JsClusterHost | undefined;

  same(v: number, c: number): boolean {
    return v === c;
  }
  wolffTarget(c: number): number {
    return -c;
  }
  atRisk(c: number): boolean {
    return this.fieldSign * c > 0;
  }
  joined(): number {
    return 0;
  }
  term(v: number, _c: number, t: number): number {
    return v === t ? 1 : 0;
  }
  /** dB = 4 n_t - 2 Z |C| over the visits, Z neighbours a site (assembly/cluster.ts); dM = -2 c |C|. */
  wolffDone(count: number, sum: number, c: number): void {
    const host = this.host!;
    host.bondSum += 4 * sum - 2 * host.geometry.neighbours * count;
    host.magnetization -= 2 * c * count;
  }
  ghostCandidate(v: number): boolean {
    return this.fieldSign * v > 0;
  }
  swDraws(bound: boolean): boolean {
    return !bound;
  }
  swNew(v: number, bound: boolean, r: number): number {
    return !bound && r >>> 31 !== 0 ? -v : v;
  }
  bondTerm(a: number, b: number): number {
    return a * b;
  }
  siteTerm(v: number): number {
    return v;
  }
  swDone(bonds: number, sites: number): void {
    this.host!.bondSum = bonds;
    this.host!.magnetization = sites;
  }
}

/** The Ising cluster kernel of the JavaScript backend (Wolff, Swendsen-Wang and hybrid steps). */
export class JsClusters {
  private readonly engine: ClusterEngine;
  private readonly model = new IsingModel();

  constructor(sites: number, geometry: LatticeGeometry = SQUARE) {
    this.engine = new ClusterEngine(sites, geometry);
  }

  setThresholds(bond: number, ghost: number, fieldSign: number): void {
    this.model.threshold = bond;
    this.model.ghost = ghost;
    this.model.fieldSign = fieldSign;
  }

  labels(size: number): Int32Array {
    return this.engine.labels(size);
  }

  run(host: JsClusterHost, step: ClusterStep, steps: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    const { engine, model } = this;
    model.host = host;
    let flips = 0;
    let clusterFlips = 0;
    for (let k = 0; k < steps; k++) {
      if (step.localSweeps > 0) flips += host.sweep('metropolis', step.localSweeps);
      let flipped = 0;
      let size2 = 0;
      if (step.cluster === 'wolff') {
        for (let c = 0; c < step.clustersPerStep; c++) {
          flipped += engine.wolff(model, host.spins, host.size, host.rng);
          size2 += engine.lastCount;
        }
      } else {
        flipped = engine.swendsenWang(model, host.spins, host.size, host.rng);
        size2 = engine.lastSumSquares;
      }
      flips += flipped;
      clusterFlips += flipped;
      if (out && sizes) {
        out[2 * k] = host.bondSum;
        out[2 * k + 1] = host.magnetization;
        sizes[k] = size2;
      }
    }
    return { flips, clusterFlips };
  }
}
