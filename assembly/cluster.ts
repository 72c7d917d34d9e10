// Cluster updates for the 2D Ising model: Wolff single clusters and Swendsen-Wang
// multi-cluster updates, iterative (a work list for Wolff, union-find for Swendsen-Wang).
// The TypeScript twin is src/backend/js-cluster.ts: same site order, same random stream.
//
//   H = -J sum_<ij> s_i s_j - h sum_i s_i,   J = 1, k_B = 1.
//
// Bonds. A bond between equal neighbours is active with p = 1 - exp(-2 beta J); a site whose
// spin points along the field (h s_i > 0) is bonded to the ghost spin with p_h = 1 - exp(-2 beta |h|).
// Both are integer thresholds from the wrapper (src/cluster/thresholds.ts): active when r < t.
//
// Field (ghost spin). Swendsen-Wang: the cluster bonded to the ghost keeps its spins (the ghost is
// fixed, so its cluster cannot flip); every other cluster flips with probability 1/2. Wolff: a
// cluster bonded to the ghost is not flipped. Every site of a Wolff cluster has the same spin s_c,
// so a cluster along the field flips with probability (1 - p_h)^|C| = exp(-2 beta |h| |C|) and a
// cluster against it always flips: the Metropolis acceptance min(1, exp(-beta dE_h)) of the
// field energy dE_h = 2 h s_c |C|. Detailed balance: the bond part gives the usual Wolff ratio
// exp(-beta dE_J) between a flip and its reverse, the ghost part exp(-beta dE_h) (README).
//
// Random-stream order (one 32-bit draw r per item, in this order):
//   Wolff cluster: seed = floor(r * N / 2^32); if the seed spin is along the field, one ghost draw
//     for the seed; then sites are taken from the work list first in, first out, and for each the
//     neighbours right, left, down, up: a neighbour with the cluster's old spin costs one bond draw,
//     and when that bond is active, one ghost draw if the cluster is along the field. The first active
//     ghost bond stops the cluster and undoes it (no further draws).
//   Swendsen-Wang update: sites row by row; for each site the bond to the right, then the bond
//     below (one draw each when the two spins are equal), then its ghost bond (one draw when the
//     spin is along the field). Then sites row by row again: at the first site of each cluster
//     (its smallest index), one draw for that cluster, flipped when the top bit is set; the
//     ghost's cluster takes no draw.
//   Hybrid step: `localSweeps` Metropolis sweeps (assembly/ising2d.ts order), then the cluster update.

import { ALIGN, SERIES_CAPACITY, SERIES_RECORD_BYTES } from "./layout";
import { reserve } from "./memory";
import * as rng from "./rng";
import {
  getBondSum, getMagnetization, latticeSize, recount, seriesPtr, setCounts, spinsPtr, sweepMetropolis,
} from "./ising2d";

/** Cluster kinds understood by clusterUpdate. */
export const CLUSTER_WOLFF: i32 = 0;
export const CLUSTER_SWENDSEN_WANG: i32 = 1;

// Regions, reserved together on first use (clusterReserve):
//   parent    i32 x (N + 1)    union-find parents; node N is the ghost spin. After a Swendsen-Wang
//                             update parent[i] is the label of site i: the smallest site index of its cluster.
//   work      i32 x (N + 1)   Wolff: the sites of the last cluster, (y << 16) | x, in the order they joined
//                             (plus one spare slot for growFree's unconditional writes);
//                             Swendsen-Wang: cluster sizes, indexed by label.
//   decision  u8 x N          Swendsen-Wang: 1 when the cluster with this label flips.
//   sizes     f64 x SERIES_CAPACITY   per recorded step: Wolff sum of |C| over the step's clusters,
//                             Swendsen-Wang sum over clusters of |C|^2 (improved estimators).
let parent: usize = 0;
let work: usize = 0;
let decision: usize = 0;
let sizes: usize = 0;

let bondThreshold: u64 = 0;
let ghostThreshold: u64 = 0;
let fieldSign: i32 = 0;

/** 0: no cluster update yet; 1: Wolff; 2: Swendsen-Wang (which labels are current). */
let lastKind: i32 = 0;
/** Sites of the last Wolff cluster (grown before a rejection, if it was rejected). */
let lastCount: i32 = 0;
/** Sum of |C|^2 of the last Swendsen-Wang update. */
let lastSumSquares: f64 = 0;
/** Spins flipped by cluster updates (not by the Metropolis sweeps of a hybrid) in the last clusterUpdate. */
let lastClusterFlips: f64 = 0;

/**
 * Reserves the cluster regions (9 bytes a site plus the size series). Idempotent.
 * Returns 0 on success, -1 when memory cannot grow that far.
 */
export function clusterReserve(): i32 {
  if (parent != 0) return 0;
  const n = <u64>latticeSize() * <u64>latticeSize();
  const workAt = alignUp64((n + 1) * 4);
  const decisionAt = workAt + alignUp64((n + 1) * 4); // one spare slot: see growFree
  const sizesAt = decisionAt + alignUp64(n);
  const total = sizesAt + <u64>SERIES_CAPACITY * 8;
  if (total >= 0xFFFF0000) return -1;
  const start = reserve(<usize>total);
  if (start == 0) return -1;
  parent = start;
  work = start + <usize>workAt;
  decision = start + <usize>decisionAt;
  sizes = start + <usize>sizesAt;
  return 0;
}

// @ts-ignore: decorator
@inline
function alignUp64(x: u64): u64 {
  return (x + <u64>ALIGN - 1) & ~(<u64>ALIGN - 1);
}

export function clusterParentPtr(): usize { return parent; }
export function clusterWorkPtr(): usize { return work; }
export function clusterSizesPtr(): usize { return sizes; }
export function clusterLastKind(): i32 { return lastKind; }
export function clusterLastCount(): i32 { return lastCount; }
export function clusterFlips(): f64 { return lastClusterFlips; }

/**
 * Installs the bond threshold (for p = 1 - exp(-2 beta J)), the ghost threshold
 * (for p_h = 1 - exp(-2 beta |h|)) and the sign of h (-1, 0, 1). Thresholds are integers <= 2^32.
 */
export function setClusterThresholds(bond: f64, ghost: f64, sign: i32): void {
  bondThreshold = <u64>bond;
  ghostThreshold = <u64>ghost;
  fieldSign = sign;
}

/** Sum of the four neighbours of the site at column x, row y. */
// @ts-ignore: decorator
@inline
function neighbourSum(spins: usize, x: i32, y: i32, size: i32): i32 {
  const row = spins + <usize>(y * size);
  return <i32>load<i8>(row + <usize>(x == size - 1 ? 0 : x + 1))
    + <i32>load<i8>(row + <usize>(x == 0 ? size - 1 : x - 1))
    + <i32>load<i8>(spins + <usize>((y == size - 1 ? 0 : y + 1) * size + x))
    + <i32>load<i8>(spins + <usize>((y == 0 ? size - 1 : y - 1) * size + x));
}

/**
 * Grows and flips one Wolff cluster. Spins are flipped as they join (so a joined site is never
 * tested again) and B, M follow each single flip exactly. The work list holds the sites as
 * (y << 16) | x (L <= 32768), which saves a division per site. Returns the number of spins
 * flipped: |C|, or 0 when a ghost bond rejected the cluster (its spins are then restored).
 */
function wolffCluster(size: i32, n: i32): i32 {
  const spins = spinsPtr();
  const seed = <i32>((<u64>rng.next() * <u64>n) >>> 32);
  const sc = <i32>load<i8>(spins + <usize>seed);
  const alongField = fieldSign * sc > 0;
  lastKind = 1;
  lastCount = 0;
  if (alongField && <u64>rng.next() < ghostThreshold) return 0;
  const seedY = seed / size;
  const seedX = seed - seedY * size;
  let b = getBondSum() - 2 * sc * neighbourSum(spins, seedX, seedY, size);
  let m = getMagnetization() - 2 * sc;
  store<i8>(spins + <usize>seed, <i8>(-sc));
  store<i32>(work, (seedY << 16) | seedX);
  if (!alongField) {
    // no ghost draws: grow the cluster without data-dependent branches
    const count = growFree(spins, size, sc, b, m);
    lastCount = count;
    return count;
  }
  let count = 1;
  let head = 0;
  let rejected = false;
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  while (head < count && !rejected) {
    const packed = load<i32>(work + (<usize>head << 2));
    head++;
    const x = packed & 0xffff;
    const y = packed >>> 16;
    for (let d = 0; d < 4; d++) {
      const nx = d == 0 ? (x == size - 1 ? 0 : x + 1) : d == 1 ? (x == 0 ? size - 1 : x - 1) : x;
      const ny = d == 2 ? (y == size - 1 ? 0 : y + 1) : d == 3 ? (y == 0 ? size - 1 : y - 1) : y;
      const j = spins + <usize>(ny * size + nx);
      if (<i32>load<i8>(j) != sc) continue;
      let r = rotl<u32>(x1 * 5, 7) * 9;
      let t = x1 << 9;
      x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
      if (<u64>r >= bondThreshold) continue;
      if (alongField) {
        r = rotl<u32>(x1 * 5, 7) * 9;
        t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
        if (<u64>r < ghostThreshold) {
          rejected = true;
          break;
        }
      }
      b -= 2 * sc * neighbourSum(spins, nx, ny, size);
      m -= 2 * sc;
      store<i8>(j, <i8>(-sc));
      store<i32>(work + (<usize>count << 2), (ny << 16) | nx);
      count++;
    }
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
  lastCount = count;
  if (rejected) {
    for (let k = 0; k < count; k++) {
      const packed = load<i32>(work + (<usize>k << 2));
      store<i8>(spins + <usize>((packed >>> 16) * size + (packed & 0xffff)), <i8>sc);
    }
    return 0;
  }
  setCounts(b, m);
  return count;
}

/**
 * The Wolff cluster of a seed already flipped and queued (work[0]) when no ghost draw can
 * happen, with the same draws as the loop of wolffCluster: for every neighbour (right, left,
 * down, up) the next generator state is computed and kept only when the neighbour has the
 * cluster's old spin sc (that draw is taken), the neighbour joins when its draw is below the bond
 * threshold, and its flip, work-list entry and B, M changes are written either way, counted or
 * undone by that outcome. Without branches on random outcomes the processor does not stall on
 * mispredictions. A joining neighbour's neighbour sum is its three other neighbours plus the
 * current site, already flipped to -sc. Sets B and M; returns |C|.
 */
function growFree(spins: usize, size: i32, sc: i32, b: i32, m: i32): i32 {
  let count = 1;
  let head = 0;
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  const threshold = bondThreshold;
  const flipped = <i8>(-sc);
  const last = size - 1;
  const flip = 2 * sc;
  // every neighbour's entry is written at work[count] and kept only if it joined; once the cluster
  // holds all N sites those writes land in the spare slot N (clusterReserve)
  while (head < count) {
    const packed = load<i32>(work + (<usize>head << 2));
    head++;
    const x = packed & 0xffff;
    const y = packed >>> 16;
    const xr = x == last ? 0 : x + 1, xl = x == 0 ? last : x - 1;
    const yd = y == last ? 0 : y + 1, yu = y == 0 ? last : y - 1;
    const row = spins + <usize>(y * size), down = spins + <usize>(yd * size), up = spins + <usize>(yu * size);
    // right (xr, y): its other neighbours (xr + 1, y), (xr, yd), (xr, yu)
    let j = row + <usize>xr;
    let v = <i32>load<i8>(j);
    let same = v == sc;
    let r = rotl<u32>(x1 * 5, 7) * 9;
    let t = x1 << 9;
    let y2 = x2 ^ x0, y3 = x3 ^ x1;
    x0 = same ? x0 ^ y3 : x0; x1 = same ? x1 ^ y2 : x1; x2 = same ? y2 ^ t : x2; x3 = same ? rotl<u32>(y3, 11) : x3;
    let join = <i32>same & <i32>(<u64>r < threshold);
    let ns = <i32>load<i8>(row + <usize>(xr == last ? 0 : xr + 1)) + <i32>load<i8>(down + <usize>xr) + <i32>load<i8>(up + <usize>xr) - sc;
    b -= join * flip * ns; m -= join * flip;
    store<i8>(j, join != 0 ? flipped : <i8>v);
    store<i32>(work + (<usize>count << 2), (y << 16) | xr);
    count += join;
    // left (xl, y): (xl - 1, y), (xl, yd), (xl, yu)
    j = row + <usize>xl;
    v = <i32>load<i8>(j);
    same = v == sc;
    r = rotl<u32>(x1 * 5, 7) * 9;
    t = x1 << 9;
    y2 = x2 ^ x0; y3 = x3 ^ x1;
    x0 = same ? x0 ^ y3 : x0; x1 = same ? x1 ^ y2 : x1; x2 = same ? y2 ^ t : x2; x3 = same ? rotl<u32>(y3, 11) : x3;
    join = <i32>same & <i32>(<u64>r < threshold);
    ns = <i32>load<i8>(row + <usize>(xl == 0 ? last : xl - 1)) + <i32>load<i8>(down + <usize>xl) + <i32>load<i8>(up + <usize>xl) - sc;
    b -= join * flip * ns; m -= join * flip;
    store<i8>(j, join != 0 ? flipped : <i8>v);
    store<i32>(work + (<usize>count << 2), (y << 16) | xl);
    count += join;
    // down (x, yd): (xr, yd), (xl, yd), (x, yd + 1)
    j = down + <usize>x;
    v = <i32>load<i8>(j);
    same = v == sc;
    r = rotl<u32>(x1 * 5, 7) * 9;
    t = x1 << 9;
    y2 = x2 ^ x0; y3 = x3 ^ x1;
    x0 = same ? x0 ^ y3 : x0; x1 = same ? x1 ^ y2 : x1; x2 = same ? y2 ^ t : x2; x3 = same ? rotl<u32>(y3, 11) : x3;
    join = <i32>same & <i32>(<u64>r < threshold);
    ns = <i32>load<i8>(down + <usize>xr) + <i32>load<i8>(down + <usize>xl) + <i32>load<i8>(spins + <usize>((yd == last ? 0 : yd + 1) * size + x)) - sc;
    b -= join * flip * ns; m -= join * flip;
    store<i8>(j, join != 0 ? flipped : <i8>v);
    store<i32>(work + (<usize>count << 2), (yd << 16) | x);
    count += join;
    // up (x, yu): (xr, yu), (xl, yu), (x, yu - 1)
    j = up + <usize>x;
    v = <i32>load<i8>(j);
    same = v == sc;
    r = rotl<u32>(x1 * 5, 7) * 9;
    t = x1 << 9;
    y2 = x2 ^ x0; y3 = x3 ^ x1;
    x0 = same ? x0 ^ y3 : x0; x1 = same ? x1 ^ y2 : x1; x2 = same ? y2 ^ t : x2; x3 = same ? rotl<u32>(y3, 11) : x3;
    join = <i32>same & <i32>(<u64>r < threshold);
    ns = <i32>load<i8>(up + <usize>xr) + <i32>load<i8>(up + <usize>xl) + <i32>load<i8>(spins + <usize>((yu == 0 ? last : yu - 1) * size + x)) - sc;
    b -= join * flip * ns; m -= join * flip;
    store<i8>(j, join != 0 ? flipped : <i8>v);
    store<i32>(work + (<usize>count << 2), (yu << 16) | x);
    count += join;
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
  setCounts(b, m);
  return count;
}

/** Root of i's tree (the smallest site index of its cluster), halving the path on the way. */
// @ts-ignore: decorator
@inline
function find(i: i32): i32 {
  let x = i;
  let p = load<i32>(parent + (<usize>x << 2));
  while (p != x) {
    const grand = load<i32>(parent + (<usize>p << 2));
    store<i32>(parent + (<usize>x << 2), grand);
    x = grand;
    p = load<i32>(parent + (<usize>x << 2));
  }
  return x;
}

/** Joins the trees of a and b under the smaller root, so a root is always its cluster's smallest index. */
// @ts-ignore: decorator
@inline
function union(a: i32, b: i32): void {
  const ra = find(a);
  const rb = find(b);
  if (ra < rb) store<i32>(parent + (<usize>rb << 2), ra);
  else if (rb < ra) store<i32>(parent + (<usize>ra << 2), rb);
}

/** One Swendsen-Wang update. Returns the number of spins flipped; leaves labels in parent. */
function swendsenWang(size: i32, n: i32): i32 {
  const spins = spinsPtr();
  for (let i = 0; i <= n; i++) store<i32>(parent + (<usize>i << 2), i);
  for (let y = 0; y < size; y++) {
    const row = y * size;
    const below = (y == size - 1 ? 0 : y + 1) * size;
    for (let x = 0; x < size; x++) {
      const i = row + x;
      const s = <i32>load<i8>(spins + <usize>i);
      const right = row + (x == size - 1 ? 0 : x + 1);
      if (<i32>load<i8>(spins + <usize>right) == s && <u64>rng.next() < bondThreshold) union(i, right);
      if (<i32>load<i8>(spins + <usize>(below + x)) == s && <u64>rng.next() < bondThreshold) union(i, below + x);
      if (fieldSign * s > 0 && <u64>rng.next() < ghostThreshold) union(i, n);
    }
  }
  const ghostRoot = find(n);
  let flipped = 0;
  let sumSquares: f64 = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    store<i32>(parent + (<usize>i << 2), r);
    if (r == i) {
      store<i32>(work + (<usize>i << 2), 0);
      store<u8>(decision + <usize>i, i != ghostRoot && (rng.next() >>> 31) != 0 ? 1 : 0);
    }
    const count = load<i32>(work + (<usize>r << 2));
    sumSquares += <f64>(2 * count + 1);
    store<i32>(work + (<usize>r << 2), count + 1);
    if (load<u8>(decision + <usize>r) != 0) {
      store<i8>(spins + <usize>i, <i8>(-load<i8>(spins + <usize>i)));
      flipped++;
    }
  }
  recount();
  lastKind = 2;
  lastSumSquares = sumSquares;
  return flipped;
}

/**
 * Runs `steps` cluster steps. A step is `localSweeps` Metropolis sweeps (0 for a pure cluster
 * algorithm) followed by `clustersPerStep` Wolff clusters (kind 0) or one Swendsen-Wang update
 * (kind 1). When `record` is non-zero, writes after every step the (B, M) record into the series
 * region and the cluster-size record into the sizes region (steps <= SERIES_CAPACITY).
 * Returns the number of spins changed, -1 if the record request does not fit, -2 before clusterReserve.
 */
export function clusterUpdate(kind: i32, steps: i32, clustersPerStep: i32, localSweeps: i32, record: i32): f64 {
  if (parent == 0) return -2;
  if (record != 0 && steps > SERIES_CAPACITY) return -1;
  const size = latticeSize();
  const n = size * size;
  const series = seriesPtr();
  let flips: f64 = 0;
  let clusterFlipsTotal: f64 = 0;
  for (let k = 0; k < steps; k++) {
    if (localSweeps > 0) flips += sweepMetropolis(localSweeps, 0);
    let flipped: f64 = 0;
    let size2: f64 = 0;
    if (kind == CLUSTER_WOLFF) {
      for (let c = 0; c < clustersPerStep; c++) {
        flipped += <f64>wolffCluster(size, n);
        size2 += <f64>lastCount;
      }
    } else {
      flipped = <f64>swendsenWang(size, n);
      size2 = lastSumSquares;
    }
    flips += flipped;
    clusterFlipsTotal += flipped;
    if (record != 0) {
      const at = series + <usize>k * SERIES_RECORD_BYTES;
      store<i32>(at, getBondSum());
      store<i32>(at, getMagnetization(), 4);
      store<f64>(sizes + (<usize>k << 3), size2);
    }
  }
  lastClusterFlips = clusterFlipsTotal;
  return flips;
}
