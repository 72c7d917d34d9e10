/**
 * The JavaScript twin of the cluster engine (assembly/cluster-engine.ts), shared by its models, the
 * Ising model (assembly/cluster.ts; src/models/ising/clusters-js.ts) and the q-state Potts model
 * (assembly/potts-cluster.ts; src/models/potts/clusters-js.ts): the same
 * growth, labels and bookkeeping, and the same random stream, so that both backends produce the
 * same lattice bit for bit. The engine's header states the contract between engine and model and
 * the order of the draws; this twin draws one by one from the generator (the ring of the
 * WebAssembly engine is a faster way to take the same draws).
 *
 * A model supplies its bond test (`same`, `threshold`), its flips (`wolffTarget`, `swNew`), the
 * field's ghost rules and the bookkeeping of its counters; the engine keeps the work list, the
 * union-find labels and the cluster sizes. Why the ghost rules are exact: the engine's header and
 * docs/algorithms.md.
 */
import { Xoshiro128, rotl } from '../rng.js';
import { clusterLabelsOf, type LabelKind } from '../cluster/labels.js';
import { CUBIC, SQUARE, entryOfSite, forEachForwardBond, siteOfEntry, type LatticeGeometry } from '../lattice.js';

/** floor(r * n / 2^32) for a 32-bit r and n <= 2^30, exactly, in double arithmetic. */
export function scaleToSites(r: number, n: number): number {
  const high = r >>> 16;
  const low = r & 0xffff;
  return Math.floor((high * n + Math.floor((low * n) / 65536)) / 65536);
}

/** What a model supplies to the cluster engine (see assembly/cluster-engine.ts for each rule). */
export interface ClusterModel {
  /** Bond threshold: a candidate bond is active when a draw r < threshold. */
  readonly threshold: number;
  /** Ghost threshold (field). */
  readonly ghost: number;
  /** Bond test, part 1: may a site of value v bond to one of value c? */
  same(v: number, c: number): boolean;
  /** The value a Wolff cluster of value c moves to (draws from rng when the choice takes a draw). */
  wolffTarget(c: number, rng: Xoshiro128): number;
  /** Whether moving a cluster from c to t needs the ghost acceptance. */
  atRisk(c: number, t: number): boolean;
  /** A value no site takes: the mark of a site of a growing cluster of value c. */
  joined(c: number): number;
  /** Wolff bookkeeping term of one visit that saw value v. */
  term(v: number, c: number, t: number): number;
  /** Applies a moved cluster (count sites, terms summed over its visits) to the model's counters. */
  wolffDone(count: number, sum: number, c: number, t: number): void;
  /** Swendsen-Wang: may a site of value v bond to the ghost? */
  ghostCandidate(v: number): boolean;
  /** Whether clusters bonded to the ghost merge into one cluster that keeps its value. */
  readonly ghostMerges: boolean;
  /** Whether a cluster (bound to the ghost or not) takes a draw for its new value. */
  swDraws(bound: boolean): boolean;
  /** The new value of a cluster of value v from its draw r. */
  swNew(v: number, bound: boolean, r: number): number;
  bondTerm(a: number, b: number): number;
  siteTerm(v: number): number;
  /** Sets the counters after a Swendsen-Wang update (sums over the 2N bonds and the N sites). */
  swDone(bonds: number, sites: number): void;
}

/** Lattice values: Int8Array (Ising +1/-1) or Uint8Array (Potts 0..q-1). */
type Lattice = Int8Array | Uint8Array;

/** The engine's memory and labels; one per lattice. */
export class ClusterEngine {
  /** Union-find parents (parent[i] <= i); node N is the ghost; after Swendsen-Wang, parent[i] is the label of site i. */
  private readonly parent: Int32Array;
  /** Wolff: the sites of the last cluster as work entries of the geometry, in joining order; Swendsen-Wang: cluster sizes by label. */
  private readonly work: Int32Array;
  /** Swendsen-Wang: bond bits (1 below, 2 right, 4 ghost), then the new value of each cluster at its label. */
  private readonly decision: Int32Array;
  private lastKind: LabelKind = 0;
  /** Sites of the last Wolff cluster (grown before a rejection, if it was rejected). */
  lastCount = 0;
  /** Sum of |C|^2 of the last Swendsen-Wang update. */
  lastSumSquares = 0;

  /** For the N sites of a lattice of this geometry (square unless named). */
  constructor(
    sites: number,
    private readonly geometry: LatticeGeometry = SQUARE,
  ) {
    this.parent = new Int32Array(sites + 1);
    this.work = new Int32Array(sites);
    this.decision = new Int32Array(sites);
  }

  labels(size: number): Int32Array {
    return clusterLabelsOf(
      this.lastKind,
      size,
      () => this.parent,
      () => this.work.subarray(0, this.lastCount),
      this.geometry,
    );
  }

  /**
   * Grows and moves one Wolff cluster; returns the sites moved (0 when the field rejected the move,
   * the sites then restored). Marks and bookkeeping as in the WebAssembly engine: a joined site
   * carries model.joined(c) until it leaves the list and takes t; every visit adds model.term.
   */
  wolff(model: ClusterModel, lattice: Lattice, size: number, rng: Xoshiro128): number {
    const geometry = this.geometry;
    const n = lattice.length;
    const seed = scaleToSites(rng.next(), n);
    const c = lattice[seed];
    const t = model.wolffTarget(c, rng);
    const risky = model.atRisk(c, t);
    this.lastKind = 1;
    this.lastCount = 0;
    if (risky && rng.next() < model.ghost) return 0;
    lattice[seed] = model.joined(c);
    this.work[0] = entryOfSite(geometry, size, seed);
    const sum = geometry.dimension === 3 ? this.growCubic(model, lattice, size, rng, c, t, risky) : this.grow(model, lattice, size, rng, c, t, risky);
    const count = this.lastCount;
    if (sum === undefined) {
      for (let k = 0; k < count; k++) lattice[siteOfEntry(geometry, size, this.work[k])] = c;
      return 0;
    }
    model.wolffDone(count, sum, c, t);
    return count;
  }

  /**
   * Grows the cluster of the listed seed, the generator state in locals: sites leave the list first
   * in, first out; each neighbour adds its term, and one of value c draws its bond and joins on an
   * active one (for a risky move after its ghost draw, the first active ghost rejecting the move).
   * Returns the sum of terms, or undefined when rejected.
   */
  private grow(model: ClusterModel, lattice: Lattice, size: number, rng: Xoshiro128, c: number, t: number, risky: boolean): number | undefined {
    const list = this.work;
    const last = size - 1;
    const threshold = model.threshold;
    const joined = model.joined(c);
    const state = rng.state;
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let s3 = state[3];
    let count = 1;
    let head = 0;
    let sum: number | undefined = 0;
    while (head < count && sum !== undefined) {
      const entry = list[head++];
      const x = entry & 0xffff;
      const y = entry >>> 16;
      const row = y * size;
      lattice[row + x] = t;
      const xr = x === last ? 0 : x + 1;
      const xl = x === 0 ? last : x - 1;
      const yd = y === last ? 0 : y + 1;
      const yu = y === 0 ? last : y - 1;
      const rowEntry = entry & 0xffff0000;
      // right, left, down, up
      for (let d = 0; d < 4; d++) {
        const j = d === 0 ? row + xr : d === 1 ? row + xl : d === 2 ? yd * size + x : yu * size + x;
        const v = lattice[j];
        sum += model.term(v, c, t);
        if (!model.same(v, c)) continue;
        // the bond draw: one step of xoshiro128** (src/rng.ts), inlined
        const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const u = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= u;
        s3 = rotl(s3, 11);
        if (r >= threshold) continue;
        if (risky) {
          // the ghost draw, from the generator itself (rare: moves in a field only)
          state[0] = s0;
          state[1] = s1;
          state[2] = s2;
          state[3] = s3;
          const ghosted = rng.next() < model.ghost;
          s0 = state[0];
          s1 = state[1];
          s2 = state[2];
          s3 = state[3];
          if (ghosted) {
            sum = undefined;
            break;
          }
        }
        lattice[j] = joined;
        list[count++] = d === 0 ? rowEntry | xr : d === 1 ? rowEntry | xl : d === 2 ? (yd << 16) | x : (yu << 16) | x;
      }
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
    this.lastCount = count;
    return sum;
  }

  /**
   * The growth of {@link grow} on the cubic lattice (assembly/cluster-engine.ts growChecked with
   * the Cubic geometry): neighbours right, left, down, up, front, back; entries
   * (z << 20) | (y << 10) | x. Draws one by one from the generator.
   */
  private growCubic(model: ClusterModel, lattice: Lattice, size: number, rng: Xoshiro128, c: number, t: number, risky: boolean): number | undefined {
    const list = this.work;
    const last = size - 1;
    const plane = size * size;
    const threshold = model.threshold;
    const joined = model.joined(c);
    const entries = new Int32Array(6);
    let count = 1;
    let head = 0;
    let sum: number | undefined = 0;
    while (head < count && sum !== undefined) {
      const entry = list[head++];
      const x = entry & 0x3ff;
      const y = (entry >>> 10) & 0x3ff;
      const z = entry >>> 20;
      lattice[(z * size + y) * size + x] = t;
      const yz = entry & ~0x3ff;
      const zx = entry & ~(0x3ff << 10);
      const xy = entry & 0xfffff;
      entries[0] = yz | (x === last ? 0 : x + 1);
      entries[1] = yz | (x === 0 ? last : x - 1);
      entries[2] = zx | ((y === last ? 0 : y + 1) << 10);
      entries[3] = zx | ((y === 0 ? last : y - 1) << 10);
      entries[4] = xy | ((z === last ? 0 : z + 1) << 20);
      entries[5] = xy | ((z === 0 ? last : z - 1) << 20);
      for (let d = 0; d < 6; d++) {
        const next = entries[d];
        const j = (next >>> 20) * plane + ((next >>> 10) & 0x3ff) * size + (next & 0x3ff);
        const v = lattice[j];
        sum += model.term(v, c, t);
        if (!model.same(v, c)) continue;
        if (rng.next() >= threshold) continue;
        if (risky && rng.next() < model.ghost) {
          sum = undefined;
          break;
        }
        lattice[j] = joined;
        list[count++] = next;
      }
    }
    this.lastCount = count;
    return sum;
  }

  /** Root of i's tree, halving the path on the way. */
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

  /** Joins the trees of a and b under the smaller root (parent[i] <= i stays true). */
  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }

  /**
   * One Swendsen-Wang update (labels as the WebAssembly engine: each site labelled from its bonds
   * to the left and above while the bonds are drawn, periodic bonds joined after, then labels in
   * index order); returns the sites whose value changed.
   */
  swendsenWang(model: ClusterModel, lattice: Lattice, size: number, rng: Xoshiro128): number {
    if (this.geometry.dimension === 3) return this.swendsenWangCubic(model, lattice, size, rng);
    const n = size * size;
    const last = size - 1;
    const { parent, decision } = this;
    const threshold = model.threshold;
    const ghost = model.ghost;
    const merges = model.ghostMerges;
    parent[n] = n;
    for (let y = 0; y < size; y++) {
      const row = y * size;
      const below = (y === last ? 0 : y + 1) * size;
      let leftBond = false;
      for (let x = 0; x < size; x++) {
        const i = row + x;
        const v = lattice[i];
        const right = model.same(lattice[row + (x === last ? 0 : x + 1)], v) && rng.next() < threshold;
        const down = model.same(lattice[below + x], v) && rng.next() < threshold;
        let bits = (down ? 1 : 0) | (right ? 2 : 0);
        const up = y > 0 && (decision[i - size] & 1) !== 0;
        const left = x > 0 && leftBond;
        parent[i] = up ? i - size : left ? i - 1 : i;
        if (up && left) this.union(i - 1, i - size);
        if (model.ghostCandidate(v) && rng.next() < ghost) {
          if (merges) this.union(i, n);
          else bits |= 4;
        }
        decision[i] = bits;
        leftBond = right;
      }
    }
    for (let y = 0; y < size; y++) if ((decision[y * size + last] & 2) !== 0) this.union(y * size + last, y * size);
    for (let x = 0; x < size; x++) if ((decision[last * size + x] & 1) !== 0) this.union(last * size + x, x);
    const ghostRoot = merges ? this.find(n) : n;
    if (!merges) {
      for (let i = 0; i < n; i++) {
        const r = parent[parent[i]];
        parent[i] = r;
        decision[r] |= decision[i] & 4;
      }
    }
    let changed = 0;
    let bondSum = 0;
    let siteSum = 0;
    this.lastSumSquares = 0;
    for (let y = 0; y < size; y++) {
      const row = y * size;
      for (let x = 0; x < size; x++) {
        const i = row + x;
        const r = parent[parent[i]];
        parent[i] = r;
        const v = lattice[i];
        const nv = this.newValue(model, lattice, rng, i, r, merges ? i === ghostRoot : (decision[i] & 4) !== 0);
        if (nv !== v) changed++;
        siteSum += model.siteTerm(nv);
        if (x > 0) bondSum += model.bondTerm(nv, lattice[i - 1]);
        if (y > 0) bondSum += model.bondTerm(nv, lattice[i - size]);
      }
    }
    for (let y = 0; y < size; y++) bondSum += model.bondTerm(lattice[y * size + last], lattice[y * size]);
    for (let x = 0; x < size; x++) bondSum += model.bondTerm(lattice[last * size + x], lattice[x]);
    model.swDone(bondSum, siteSum);
    this.lastKind = 2;
    return changed;
  }

  /**
   * Swendsen-Wang, value pass: the new value of site i of label r (drawn at the label, where
   * `bound` says whether its cluster is bonded to the ghost; copied from the label elsewhere), written
   * to the lattice and to decision[i]; counts the cluster's size and adds to lastSumSquares.
   */
  private newValue(model: ClusterModel, lattice: Lattice, rng: Xoshiro128, i: number, r: number, bound: boolean): number {
    const { work, decision } = this;
    let nv: number;
    let count: number;
    if (r === i) {
      count = 0;
      nv = model.swNew(lattice[i], bound, model.swDraws(bound) ? rng.next() : 0);
    } else {
      count = work[r];
      nv = decision[r];
    }
    work[r] = count + 1;
    this.lastSumSquares += 2 * count + 1;
    decision[i] = nv;
    lattice[i] = nv;
    return nv;
  }

  /**
   * One Swendsen-Wang update of the cubic lattice (twin of swendsenWangCubic in
   * assembly/cluster-engine.ts): bonds right, below, front and the ghost bond of each site in index
   * order, joined at once; labels (smallest index) after; then new values in index order.
   */
  private swendsenWangCubic(model: ClusterModel, lattice: Lattice, size: number, rng: Xoshiro128): number {
    const n = size * size * size;
    const { parent, decision } = this;
    const threshold = model.threshold;
    const merges = model.ghostMerges;
    for (let i = 0; i <= n; i++) parent[i] = i;
    forEachForwardBond(CUBIC, size, (i, right, below, front) => {
      const v = lattice[i];
      if (model.same(lattice[right], v) && rng.next() < threshold) this.union(i, right);
      if (model.same(lattice[below], v) && rng.next() < threshold) this.union(i, below);
      if (model.same(lattice[front], v) && rng.next() < threshold) this.union(i, front);
      let bits = 0;
      if (model.ghostCandidate(v) && rng.next() < model.ghost) {
        if (merges) this.union(i, n);
        else bits = 4;
      }
      decision[i] = bits;
    });
    const ghostRoot = merges ? this.find(n) : n;
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      parent[i] = r;
      if (!merges) decision[r] |= decision[i] & 4;
    }
    let changed = 0;
    let siteSum = 0;
    this.lastSumSquares = 0;
    for (let i = 0; i < n; i++) {
      const v = lattice[i];
      const nv = this.newValue(model, lattice, rng, i, parent[i], merges ? i === ghostRoot : (decision[i] & 4) !== 0);
      if (nv !== v) changed++;
      siteSum += model.siteTerm(nv);
    }
    let bondSum = 0;
    forEachForwardBond(CUBIC, size, (i, right, below, front) => {
      const v = lattice[i];
      bondSum += model.bondTerm(v, lattice[right]) + model.bondTerm(v, lattice[below]) + model.bondTerm(v, lattice[front]);
    });
    model.swDone(bondSum, siteSum);
    this.lastKind = 2;
    return changed;
  }
}
