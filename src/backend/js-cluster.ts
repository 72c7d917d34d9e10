/**
 * The JavaScript twin of assembly/cluster.ts: Wolff and Swendsen-Wang updates with the same
 * site order and the same random stream, so both backends produce the same lattice bit for bit.
 *
 * Random-stream order (one 32-bit draw r per item, in this order):
 *   Wolff cluster: seed = floor(r * N / 2^32); if the seed spin is along the field (h s > 0), one
 *     ghost draw for the seed; then sites are taken from the work list first in, first out, and for
 *     each the neighbours right, left, down, up: a neighbour with the cluster's old spin costs one
 *     bond draw, and when that bond is active, one ghost draw if the cluster is along the field.
 *     The first active ghost bond stops the cluster and undoes it (no further draws).
 *   Swendsen-Wang update: sites row by row; for each site the bond to the right, then the bond
 *     below (one draw each when the two spins are equal), then its ghost bond (one draw when the
 *     spin is along the field). Then sites row by row again: at the first site of each cluster
 *     (its smallest index), one draw for that cluster, flipped when the top bit is set; the
 *     ghost's cluster takes no draw.
 *   Hybrid step: `localSweeps` Metropolis sweeps (src/backend/js.ts order), then the cluster update.
 * Why the ghost rules are exact: see assembly/cluster.ts and docs/algorithms.md.
 */
import type { Xoshiro128 } from '../rng.js';
import { clusterLabelsOf, type LabelKind } from '../cluster/labels.js';
import type { ClusterStep, ClusterSweepResult } from './types.js';

/** What the cluster kernel needs from the JavaScript Ising kernel (src/backend/js.ts). */
export interface JsClusterHost {
  readonly size: number;
  readonly spins: Int8Array;
  readonly rng: Xoshiro128;
  bondSum: number;
  magnetization: number;
  recount(): void;
  sweep(algorithm: 'metropolis', sweeps: number): number;
}

/** floor(r * n / 2^32) for a 32-bit r and n <= 2^30, exactly, in double arithmetic. */
export function scaleToSites(r: number, n: number): number {
  const high = r >>> 16;
  const low = r & 0xffff;
  return Math.floor((high * n + Math.floor((low * n) / 65536)) / 65536);
}

export class JsClusters {
  /** Union-find parents; node N is the ghost spin; after Swendsen-Wang, parent[i] is the label of site i. */
  private readonly parent: Int32Array;
  /** Wolff: the sites of the last cluster, (y << 16) | x, in joining order; Swendsen-Wang: cluster sizes by label. */
  private readonly work: Int32Array;
  /** Swendsen-Wang: 1 when the cluster with this label flips. */
  private readonly decision: Uint8Array;
  private bondThreshold = 0;
  private ghostThreshold = 0;
  private fieldSign = 0;
  private lastKind: LabelKind = 0;
  private lastCount = 0;
  private lastSumSquares = 0;

  constructor(sites: number) {
    this.parent = new Int32Array(sites + 1);
    this.work = new Int32Array(sites);
    this.decision = new Uint8Array(sites);
  }

  setThresholds(bond: number, ghost: number, fieldSign: number): void {
    this.bondThreshold = bond;
    this.ghostThreshold = ghost;
    this.fieldSign = fieldSign;
  }

  labels(size: number): Int32Array {
    return clusterLabelsOf(this.lastKind, size, () => this.parent, () => this.work.subarray(0, this.lastCount));
  }

  run(host: JsClusterHost, step: ClusterStep, steps: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    let flips = 0;
    let clusterFlips = 0;
    for (let k = 0; k < steps; k++) {
      if (step.localSweeps > 0) flips += host.sweep('metropolis', step.localSweeps);
      let flipped = 0;
      let size2 = 0;
      if (step.cluster === 'wolff') {
        for (let c = 0; c < step.clustersPerStep; c++) {
          flipped += this.wolffCluster(host);
          size2 += this.lastCount;
        }
      } else {
        flipped = this.swendsenWang(host);
        size2 = this.lastSumSquares;
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

  /**
   * Grows and flips one Wolff cluster; returns |C|, or 0 when a ghost bond rejected it (spins
   * restored). The work list holds the sites as (y << 16) | x, as in the WebAssembly kernel.
   */
  private wolffCluster(host: JsClusterHost): number {
    const { size, spins, rng } = host;
    const n = size * size;
    const list = this.work;
    const bond = this.bondThreshold;
    const ghost = this.ghostThreshold;
    const seed = scaleToSites(rng.next(), n);
    const sc = spins[seed];
    const alongField = this.fieldSign * sc > 0;
    this.lastKind = 1;
    this.lastCount = 0;
    if (alongField && rng.next() < ghost) return 0;
    const seedY = (seed / size) | 0;
    const seedX = seed - seedY * size;
    let b = host.bondSum - 2 * sc * neighbourSum(spins, seedX, seedY, size);
    let m = host.magnetization - 2 * sc;
    spins[seed] = -sc;
    list[0] = (seedY << 16) | seedX;
    let count = 1;
    let head = 0;
    let rejected = false;
    while (head < count && !rejected) {
      const packed = list[head++];
      const x = packed & 0xffff;
      const y = packed >>> 16;
      for (let d = 0; d < 4; d++) {
        const nx = d === 0 ? (x === size - 1 ? 0 : x + 1) : d === 1 ? (x === 0 ? size - 1 : x - 1) : x;
        const ny = d === 2 ? (y === size - 1 ? 0 : y + 1) : d === 3 ? (y === 0 ? size - 1 : y - 1) : y;
        const j = ny * size + nx;
        if (spins[j] !== sc) continue;
        if (rng.next() >= bond) continue;
        if (alongField && rng.next() < ghost) {
          rejected = true;
          break;
        }
        b -= 2 * sc * neighbourSum(spins, nx, ny, size);
        m -= 2 * sc;
        spins[j] = -sc;
        list[count++] = (ny << 16) | nx;
      }
    }
    this.lastCount = count;
    if (rejected) {
      for (let k = 0; k < count; k++) spins[(list[k] >>> 16) * size + (list[k] & 0xffff)] = sc;
      return 0;
    }
    host.bondSum = b;
    host.magnetization = m;
    return count;
  }

  /** Root of i's tree (the smallest site index of its cluster), halving the path on the way. */
  private find(i: number): number {
    const parent = this.parent;
    let x = i;
    let p = parent[x];
    while (p !== x) {
      const grand = parent[p];
      parent[x] = grand;
      x = grand;
      p = parent[x];
    }
    return x;
  }

  /** Joins the trees of a and b under the smaller root. */
  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }

  /** One Swendsen-Wang update; returns the number of spins flipped. */
  private swendsenWang(host: JsClusterHost): number {
    const { size, spins, rng } = host;
    const n = size * size;
    const { parent, work, decision } = this;
    const bond = this.bondThreshold;
    const ghost = this.ghostThreshold;
    const fieldSign = this.fieldSign;
    for (let i = 0; i <= n; i++) parent[i] = i;
    for (let y = 0; y < size; y++) {
      const row = y * size;
      const below = (y === size - 1 ? 0 : y + 1) * size;
      for (let x = 0; x < size; x++) {
        const i = row + x;
        const s = spins[i];
        const right = row + (x === size - 1 ? 0 : x + 1);
        if (spins[right] === s && rng.next() < bond) this.union(i, right);
        if (spins[below + x] === s && rng.next() < bond) this.union(i, below + x);
        if (fieldSign * s > 0 && rng.next() < ghost) this.union(i, n);
      }
    }
    const ghostRoot = this.find(n);
    let flipped = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      parent[i] = r;
      if (r === i) {
        work[i] = 0;
        decision[i] = i !== ghostRoot && rng.next() >>> 31 !== 0 ? 1 : 0;
      }
      const count = work[r];
      sumSquares += 2 * count + 1;
      work[r] = count + 1;
      if (decision[r] !== 0) {
        spins[i] = -spins[i];
        flipped++;
      }
    }
    host.recount();
    this.lastKind = 2;
    this.lastSumSquares = sumSquares;
    return flipped;
  }
}

/** Sum of the four neighbours of the site at column x, row y of the periodic size x size lattice. */
function neighbourSum(spins: Int8Array, x: number, y: number, size: number): number {
  const row = y * size;
  return spins[row + (x === size - 1 ? 0 : x + 1)] + spins[row + (x === 0 ? size - 1 : x - 1)]
    + spins[(y === size - 1 ? 0 : y + 1) * size + x] + spins[(y === 0 ? size - 1 : y - 1) * size + x];
}
