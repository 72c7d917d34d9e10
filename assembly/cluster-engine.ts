// The cluster engine: Wolff single clusters and Swendsen-Wang updates for every lattice model with
// one byte per site. A model supplies only its bond test and its flip (and the bookkeeping of its
// own counters); the engine owns the growth, the labels, the random stream and the memory.
// Models today: the Ising model (assembly/cluster.ts) and the q-state Potts model
// (assembly/potts-cluster.ts, over assembly/potts.ts's lattice and counts).
// The TypeScript twin is src/backend/js-cluster.ts: same order, same draws, same lattice.
//
// WHAT A MODEL SUPPLIES (a `@final @unmanaged` class whose `@inline` methods read the model's
// parameters from its own globals; the engine calls them on changetype<M>(0), so every call is
// inlined and each model gets its own specialised copy of the engine):
//   value(p) / write(p, v)      the byte of a site (Ising i8 +1/-1, Potts u8 0..q-1)
//   same(v, c)                  bond test, part 1: may a site of value v bond to one of value c?
//                               (Ising and Potts: v == c). A candidate pair costs one draw r and
//   threshold()                 bonds when r < threshold (p = 1 - exp(-2 beta J) for Ising,
//                               1 - exp(-beta J) for Potts; a u64 <= 2^32)
//   wolffTarget(c, r)           the flip: the value a Wolff cluster of value c moves to, and
//   wolffTargetDraws()          whether that choice takes a draw r (Ising: -c, no draw; Potts: a
//                               uniformly random other state, one draw when q > 2)
//   atRisk(c, t) / ghost()      field: whether moving a cluster from c to t needs the ghost-spin
//                               acceptance, and its threshold (see "Field" below)
//   joined(c)                   Wolff: a byte value no site takes, marking the sites of a cluster
//                               of value c from joining to leaving the work list
//   term(v, c, t)               Wolff bookkeeping: summed over every visit of a neighbour (the
//   wolffDone(count, sum, c, t) value seen) and handed to the model at the end (see wolffCluster)
//   ghostCandidate(v)           SW field: may a site of value v bond to the ghost?
//   ghostMerges()               SW field: true when every site bonded to the ghost has the same
//                               (fixed) value, so clusters bonded to it merge into one cluster that
//                               keeps its value (Ising; Potts with h > 0); false when bonded
//                               clusters only lose the freedom to take the disfavoured values and
//                               choose independently among the others (Potts with h < 0)
//   swDraws(bound) / swNew(v, bound, r)
//                               SW flip: whether a cluster of value v takes a draw, and its new
//                               value (Ising: flip when the top bit of r is set; Potts: state
//                               floor(r q / 2^32), or one of the favoured states when bound)
//   bondTerm(a, b) / siteTerm(v) / swDone(bonds, sites)
//                               SW bookkeeping: summed over the 2N bonds and the N sites of the
//                               new lattice (Ising: B and M; Potts: Nb, then n_k counted)
// A model's update loop runs clusterStep<M> (Wolff clusters or one SW update) between
// drawsStart() and drawsEnd(idx), and writes its records after each step.
// A geometry (assembly/lattice.ts) supplies the neighbour walk: Square, 4 neighbours (right, left,
// down, up; work entries (y << 16) | x); Cubic, 6 (then front, back; (z << 20) | (y << 10) | x).
// Wolff's unrolled growth (growFree) is the square's; growChecked loops over g.degree() for any
// geometry. Swendsen-Wang has a square version (labels while drawing) and a cubic one
// (swendsenWangCubic: unions while drawing, labels after).
// Embedded clusters of continuous spins (Wolff's reflection for XY and Heisenberg) keep their
// spins elsewhere and let the byte hold the sign of the projection on the reflection axis; their
// bond probability depends on the pair, which is why `threshold()` is a model method (a pair
// argument is the one addition they need).
//
// FIELD (ghost spin). A site of the favoured kind (Ising: spin along h; Potts h > 0: state 0;
// Potts h < 0: any state but 0) is bonded to the ghost with p_h = 1 - exp(-beta |h| x) (x = 2 for
// Ising's +-h, 1 for Potts' h delta(s, 0)). Wolff: a move that takes a cluster from a favoured to
// a disfavoured kind is at risk: each of its sites (the seed first, then every site as it joins)
// draws its ghost bond, and the first active one rejects the move (its spins are restored, no
// further draws). The move is thus accepted with (1 - p_h)^|C| = exp(-beta dE_h), the Metropolis
// acceptance of its field energy; with the Wolff bond ratio exp(-beta dE_J) between a move and its
// reverse (and a symmetric choice of the target) that is detailed balance. Swendsen-Wang: with
// merging ghosts the ghost's cluster keeps its value and every other cluster takes a free new
// value; otherwise each bonded cluster takes a value among the favoured ones (Potts h < 0: states
// 1..q-1, uniformly) and the rest a free one: the Edwards-Sokal joint distribution with the ghost.
//
// RANDOM-STREAM ORDER (one 32-bit draw r per item, in this order):
//   Wolff cluster: seed site floor(r N / 2^32); the model's target draw if it takes one; if the
//     move is at risk, the seed's ghost draw; then sites leave the work list first in, first
//     out, and for each its neighbours in the geometry's order (right, left, down, up): a
//     neighbour that passes same(value, c) costs one bond draw and joins when r < threshold;
//     when the move is at risk a joining site then costs one ghost draw.
//   Swendsen-Wang update: sites in index order (row by row, plane by plane); for each site the
//     bond to the right, then the bond below, then (cubic) the bond to the front (one draw each when
//     same() passes), then its ghost bond (one draw when the site is a ghost candidate). Then sites
//     in index order again: at the first site of each cluster (its smallest index) one draw for
//     that cluster when swDraws() says so.
//
// THE DRAW RING. Kernels do not step the generator per draw: a ring of DRAW_RING outputs is
// refilled REFILL at a time in a tight loop (the generator state before every 8th output is kept)
// and a draw is a load, so the hot loops carry one index instead of four state words and take a
// draw without a branch (idx += taken). drawsEnd(idx) leaves the generator exactly in the state
// after the draws consumed, so the stream is the same as drawing one by one.

import { ALIGN, SERIES_CAPACITY } from "./layout";
import { Cubic, Square } from "./lattice";
import { reserve } from "./memory";
import * as rng from "./rng";

// ---- Regions (reserved together by engineReserve) ---------------------------------------------
//   parent    i32 x (N + 1)   union-find parents, parent[i] <= i; node N is the ghost. After a
//                             Swendsen-Wang update parent[i] is the label of site i: the smallest
//                             site index of its cluster.
//   work      i32 x (N + 1)   Wolff: the last cluster's sites as work entries, in joining order
//                             (plus one spare slot for growFree's unconditional writes);
//                             Swendsen-Wang: cluster sizes, indexed by label.
//   decision  u8 x N          Swendsen-Wang: bond bits during the bond pass (1 below, 2 right,
//                             4 ghost), then the new value of each cluster at its label (in the
//                             model's byte encoding).
//   sizes     f64 x SERIES_CAPACITY   per recorded step: Wolff sum of |C| over the step's
//                             clusters, Swendsen-Wang sum over clusters of |C|^2.
//   ring      u32 x DRAW_RING, marks u32 x 4 x (DRAW_RING / 8): the draw ring.
export let parent: usize = 0;
export let work: usize = 0;
export let decision: usize = 0;
export let sizes: usize = 0;
let ring: usize = 0;
let marks: usize = 0;

/** Draw-ring entries (a power of two). */
export const DRAW_RING: i32 = 256;
/** Draws generated per refill (a multiple of 8). */
const REFILL: i32 = 32;
const RING_MASK: i32 = DRAW_RING - 1;
const MARK_MASK: i32 = DRAW_RING / 8 - 1;

/** Which labels are current: 0 none, 1 Wolff (work list), 2 Swendsen-Wang (parent). */
export let lastKind: i32 = 0;
/** Sites of the last Wolff cluster (grown before a rejection, if it was rejected). */
export let lastCount: i32 = 0;
/** Sum of |C|^2 of the last Swendsen-Wang update. */
export let lastSumSquares: f64 = 0;

/** Bytes the engine reserves for n sites. */
function regionBytes(n: u64): u64 {
  return alignUp64((n + 1) * 4) * 2 + alignUp64(n) + <u64>SERIES_CAPACITY * 8 + <u64>DRAW_RING * 4 + <u64>DRAW_RING * 2;
}

/** Reserves the engine's regions for n sites (about 9 bytes a site). Idempotent; 0 on success, -1 when memory cannot grow. */
export function engineReserve(n: i32): i32 {
  if (parent != 0) return 0;
  const sites = <u64>n;
  const total = regionBytes(sites);
  if (total >= 0xFFFF0000) return -1;
  const start = reserve(<usize>total);
  if (start == 0) return -1;
  parent = start;
  work = parent + <usize>alignUp64((sites + 1) * 4);
  decision = work + <usize>alignUp64((sites + 1) * 4);
  sizes = decision + <usize>alignUp64(sites);
  ring = sizes + <usize>SERIES_CAPACITY * 8;
  marks = ring + <usize>DRAW_RING * 4;
  return 0;
}

// @ts-ignore: decorator
@inline
function alignUp64(x: u64): u64 {
  return (x + <u64>ALIGN - 1) & ~(<u64>ALIGN - 1);
}

// ---- The draw ring -------------------------------------------------------------------------

/** Outputs generated into the ring since drawsStart (wraps; only differences and low bits are used). */
let generated: i32 = 0;

/** Starts the ring at the generator's current state; returns the first draw index (0). */
export function drawsStart(): i32 {
  generated = 0;
  return 0;
}

/** Makes at least 8 draws available from index idx on. */
// @ts-ignore: decorator
@inline
export function ensureDraws(idx: i32): void {
  if (generated - idx < 8) refill();
}

/** Draw number idx (ensureDraws first). */
// @ts-ignore: decorator
@inline
export function draw(idx: i32): u32 {
  return load<u32>(ring + (<usize>(idx & RING_MASK) << 2));
}

/** Generates REFILL more outputs, keeping the state before every 8th. */
function refill(): void {
  let s0 = rng.s0, s1 = rng.s1, s2 = rng.s2, s3 = rng.s3;
  let g = generated;
  for (let block = 0; block < REFILL; block += 8) {
    const mark = marks + (<usize>((g >>> 3) & MARK_MASK) << 4);
    store<u32>(mark, s0);
    store<u32>(mark, s1, 4);
    store<u32>(mark, s2, 8);
    store<u32>(mark, s3, 12);
    for (let k = 0; k < 8; k++) {
      store<u32>(ring + (<usize>(g & RING_MASK) << 2), rotl<u32>(s1 * 5, 7) * 9);
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      g++;
    }
  }
  rng.s0 = s0; rng.s1 = s1; rng.s2 = s2; rng.s3 = s3;
  generated = g;
}

/** Leaves the generator in the state after exactly idx draws since drawsStart. */
export function drawsEnd(idx: i32): void {
  if (generated == 0) return; // nothing generated, nothing drawn
  if (idx == generated) {
    // every generated draw consumed: the generator is already in the state after them (refill
    // leaves it there), and block idx / 8 has no mark yet (its slot holds an older block's)
    generated = 0;
    return;
  }
  const mark = marks + (<usize>((idx >>> 3) & MARK_MASK) << 4);
  let s0 = load<u32>(mark), s1 = load<u32>(mark, 4), s2 = load<u32>(mark, 8), s3 = load<u32>(mark, 12);
  for (let k = 0; k < (idx & 7); k++) {
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
  }
  rng.s0 = s0; rng.s1 = s1; rng.s2 = s2; rng.s3 = s3;
  generated = 0;
}

/** floor(r n / 2^32): a uniform index in [0, n) from one draw. */
// @ts-ignore: decorator
@inline
export function scaled(r: u32, n: i32): i32 {
  return <i32>((<u64>r * <u64>n) >>> 32);
}

// ---- Wolff -----------------------------------------------------------------------------------

/** Sites moved by the last Wolff cluster: lastCount, or 0 when the field rejected the move. */
export let wolffMoved: i32 = 0;

/**
 * Grows and moves one Wolff cluster from draw idx on; returns the next draw index. Sets lastCount
 * (sites grown) and wolffMoved, and hands the model its bookkeeping (wolffDone) when the move is
 * taken. The unrolled growth (growFree) is the square lattice's; a cubic geometry brings its own.
 *
 * Bookkeeping without neighbour sums: a site that joins carries the model's mark m.joined(c) (a
 * value no site takes) until it leaves the work list, when it takes the target value t; every
 * visit (4 per site) hands the model the value it saw. An internal bond is then seen once with
 * value t (from its later end, when the earlier end has left the list) and once as c or joined;
 * a boundary bond once, with the outside site's value. The model derives its change from those
 * counts (Ising: dB = 4 n_t - 8 |C|, n_t the visits that saw t; see wolffDone of each model).
 */
export function wolffCluster<M, G>(spins: usize, size: i32, idx: i32): i32 {
  const m = changetype<M>(0);
  const g = changetype<G>(0);
  const n = size * size * g.depth(size);
  ensureDraws(idx);
  const seed = scaled(draw(idx), n);
  idx++;
  const c = m.value(spins + <usize>seed);
  const t = m.wolffTarget(c, draw(idx));
  idx += m.wolffTargetDraws();
  const risky = m.atRisk(c, t);
  lastKind = 1;
  lastCount = 0;
  wolffMoved = 0;
  if (risky) {
    const rejected = draw(idx) < m.ghost();
    idx++;
    if (rejected) return idx;
  }
  m.write(spins + <usize>seed, m.joined(c));
  store<i32>(work, g.entryOf(seed, size));
  // risky moves draw ghosts (growChecked); the unrolled walk is the square lattice's
  const sum = risky ? growChecked<M, G>(spins, size, c, t, risky, idx) : g.degree() == 6 ? growFreeCubic<M>(spins, size, c, t, idx) : growFree<M>(spins, size, c, t, idx);
  idx = grownIdx;
  const count = lastCount;
  if (sum == REJECTED) {
    for (let k = 0; k < count; k++) m.write(spins + <usize>g.siteOf(load<i32>(work + (<usize>k << 2)), size), c);
    return idx;
  }
  wolffMoved = count;
  m.wolffDone(count, sum, c, t);
  return idx;
}

/** growFree / growChecked: the draw index after the growth (the sum of terms is their result). */
let grownIdx: i32 = 0;
/** growChecked's result when a ghost bond rejected the move. */
const REJECTED: i32 = i32.MIN_VALUE;

/**
 * The cluster of a seed already marked and listed (work[0]) when no ghost draw can occur, without
 * branches on random outcomes: every neighbour's draw is loaded and consumed only when the
 * neighbour passes the bond test (idx += same); its mark and work-list entry are written either
 * way and kept only when it joined (count += join). Square geometry, unrolled. Sets lastCount and
 * grownIdx; returns the sum of the model's terms over the visits.
 */
function growFree<M>(spins: usize, size: i32, c: i32, t: i32, idx: i32): i32 {
  const m = changetype<M>(0);
  const threshold = m.threshold();
  const joined = m.joined(c);
  const list = work;
  const draws = ring;
  const last = size - 1;
  let count = 1;
  let head = 0;
  let sum = 0;
  // every neighbour's entry is written at list[count] and kept only if it joined; once the cluster
  // holds all N sites those writes land in the spare slot N (engineReserve)
  while (head < count) {
    ensureDraws(idx);
    const entry = load<i32>(list + (<usize>head << 2));
    head++;
    const x = entry & 0xffff;
    const y = entry >>> 16;
    const xr = x == last ? 0 : x + 1;
    const xl = x == 0 ? last : x - 1;
    const yd = y == last ? 0 : y + 1;
    const yu = y == 0 ? last : y - 1;
    const row = spins + <usize>(y * size);
    const rowEntry = entry & 0xffff0000;
    m.write(row + <usize>x, t);
    // right
    let p = row + <usize>xr;
    let v = m.value(p);
    let same = <i32>m.same(v, c);
    let join = same & <i32>(<u64>load<u32>(draws + (<usize>(idx & RING_MASK) << 2)) < threshold);
    sum += m.term(v, c, t);
    m.write(p, join != 0 ? joined : v);
    store<i32>(list + (<usize>count << 2), rowEntry | xr);
    idx += same;
    count += join;
    // left
    p = row + <usize>xl;
    v = m.value(p);
    same = <i32>m.same(v, c);
    join = same & <i32>(<u64>load<u32>(draws + (<usize>(idx & RING_MASK) << 2)) < threshold);
    sum += m.term(v, c, t);
    m.write(p, join != 0 ? joined : v);
    store<i32>(list + (<usize>count << 2), rowEntry | xl);
    idx += same;
    count += join;
    // down
    p = spins + <usize>(yd * size + x);
    v = m.value(p);
    same = <i32>m.same(v, c);
    join = same & <i32>(<u64>load<u32>(draws + (<usize>(idx & RING_MASK) << 2)) < threshold);
    sum += m.term(v, c, t);
    m.write(p, join != 0 ? joined : v);
    store<i32>(list + (<usize>count << 2), (yd << 16) | x);
    idx += same;
    count += join;
    // up
    p = spins + <usize>(yu * size + x);
    v = m.value(p);
    same = <i32>m.same(v, c);
    join = same & <i32>(<u64>load<u32>(draws + (<usize>(idx & RING_MASK) << 2)) < threshold);
    sum += m.term(v, c, t);
    m.write(p, join != 0 ? joined : v);
    store<i32>(list + (<usize>count << 2), (yu << 16) | x);
    idx += same;
    count += join;
  }
  lastCount = count;
  grownIdx = idx;
  return sum;
}

/** One neighbour of growFreeCubic: its term, its bond draw (consumed when it passes the bond test), its mark and list entry. */
// @ts-ignore: decorator
@inline
function visitFree<M>(p: usize, next: i32, c: i32, t: i32, joined: i32, threshold: u64): void {
  const m = changetype<M>(0);
  const v = m.value(p);
  const same = <i32>m.same(v, c);
  const join = same & <i32>(<u64>load<u32>(ring + (<usize>(freeIdx & RING_MASK) << 2)) < threshold);
  freeSum += m.term(v, c, t);
  m.write(p, join != 0 ? joined : v);
  store<i32>(work + (<usize>freeCount << 2), next);
  freeIdx += same;
  freeCount += join;
}

let freeIdx: i32 = 0;
let freeCount: i32 = 0;
let freeSum: i32 = 0;

/**
 * growFree on the cubic lattice: the six neighbours (right, left, down, up, front, back) unrolled,
 * branch-free on the random outcomes, entries (z << 20) | (y << 10) | x. The same draws, marks and
 * list as growChecked without a field; sets lastCount and grownIdx, returns the sum of the terms.
 */
function growFreeCubic<M>(spins: usize, size: i32, c: i32, t: i32, idx: i32): i32 {
  const m = changetype<M>(0);
  const threshold = m.threshold();
  const joined = m.joined(c);
  const last = size - 1;
  const plane = size * size;
  let head = 0;
  freeIdx = idx;
  freeCount = 1;
  freeSum = 0;
  while (head < freeCount) {
    ensureDraws(freeIdx);
    const entry = load<i32>(work + (<usize>head << 2));
    head++;
    const x = entry & 0x3ff;
    const y = (entry >>> 10) & 0x3ff;
    const z = entry >>> 20;
    const base = spins + <usize>(z * plane);
    const row = base + <usize>(y * size);
    m.write(row + <usize>x, t);
    const yz = entry & ~0x3ff;
    const zx = entry & ~(0x3ff << 10);
    const xy = entry & 0xfffff;
    const xr = x == last ? 0 : x + 1;
    const xl = x == 0 ? last : x - 1;
    const yd = y == last ? 0 : y + 1;
    const yu = y == 0 ? last : y - 1;
    const zf = z == last ? 0 : z + 1;
    const zb = z == 0 ? last : z - 1;
    const column = spins + <usize>(y * size + x);
    visitFree<M>(row + <usize>xr, yz | xr, c, t, joined, threshold);
    visitFree<M>(row + <usize>xl, yz | xl, c, t, joined, threshold);
    visitFree<M>(base + <usize>(yd * size + x), zx | (yd << 10), c, t, joined, threshold);
    visitFree<M>(base + <usize>(yu * size + x), zx | (yu << 10), c, t, joined, threshold);
    visitFree<M>(column + <usize>(zf * plane), xy | (zf << 20), c, t, joined, threshold);
    visitFree<M>(column + <usize>(zb * plane), xy | (zb << 20), c, t, joined, threshold);
  }
  lastCount = freeCount;
  grownIdx = freeIdx;
  return freeSum;
}

/**
 * The same growth with branches, for any geometry and lattice size, and for risky moves: then
 * every joining site also draws its ghost bond, and the first active one stops the growth (no
 * further draws; the caller restores the sites). Sets lastCount and grownIdx; returns the sum of
 * the terms, or REJECTED.
 */
function growChecked<M, G>(spins: usize, size: i32, c: i32, t: i32, risky: bool, idx: i32): i32 {
  const m = changetype<M>(0);
  const g = changetype<G>(0);
  const threshold = m.threshold();
  const ghost = m.ghost();
  const joined = m.joined(c);
  let count = 1;
  let head = 0;
  let sum = 0;
  let rejected = false;
  while (head < count && !rejected) {
    ensureDraws(idx);
    const entry = load<i32>(work + (<usize>head << 2));
    head++;
    m.write(spins + <usize>g.siteOf(entry, size), t);
    for (let d = 0; d < g.degree(); d++) {
      // a bond and a ghost draw per neighbour: 2 Z draws a site, more than the 8 of one ensureDraws on the cubic lattice
      if (g.degree() > 4) ensureDraws(idx);
      const next = g.neighbour(entry, d, size);
      const p = spins + <usize>g.siteOf(next, size);
      const v = m.value(p);
      sum += m.term(v, c, t);
      if (!m.same(v, c)) continue;
      const bonded = <u64>draw(idx) < threshold;
      idx++;
      if (!bonded) continue;
      if (risky) {
        const ghosted = <u64>draw(idx) < ghost;
        idx++;
        if (ghosted) {
          rejected = true;
          break;
        }
      }
      m.write(p, joined);
      store<i32>(work + (<usize>count << 2), next);
      count++;
    }
  }
  lastCount = count;
  grownIdx = idx;
  return rejected ? REJECTED : sum;
}

// ---- Steps -----------------------------------------------------------------------------------

/** Cluster kinds of a step (the wrapper's CLUSTER_KIND, src/cluster/step.ts). */
export const CLUSTER_WOLFF: i32 = 0;
export const CLUSTER_SWENDSEN_WANG: i32 = 1;

/** Sites moved by the last clusterStep, and its cluster-size record (Wolff: sum of |C|; Swendsen-Wang: sum of |C|^2). */
export let stepMoved: f64 = 0;
export let stepSizes: f64 = 0;

/**
 * One cluster step of the square (dimension 2) or cubic (dimension 3) lattice: `clustersPerStep`
 * Wolff clusters (kind 0) or one Swendsen-Wang update (kind 1). Returns the next draw index.
 */
// @ts-ignore: decorator
@inline
export function clusterStep<M>(kind: i32, clustersPerStep: i32, spins: usize, size: i32, dimension: i32, idx: i32): i32 {
  let moved: f64 = 0;
  let sizes2: f64 = 0;
  if (kind == CLUSTER_WOLFF) {
    for (let c = 0; c < clustersPerStep; c++) {
      idx = dimension == 3 ? wolffCluster<M, Cubic>(spins, size, idx) : wolffCluster<M, Square>(spins, size, idx);
      moved += <f64>wolffMoved;
      sizes2 += <f64>lastCount;
    }
  } else {
    idx = dimension == 3 ? swendsenWangCubic<M>(spins, size, idx) : swendsenWang<M>(spins, size, idx);
    moved = <f64>swChanged;
    sizes2 = lastSumSquares;
  }
  stepMoved = moved;
  stepSizes = sizes2;
  return idx;
}

// ---- Swendsen-Wang ---------------------------------------------------------------------------

/** Root of i's tree (its cluster's smallest index so far), halving the path on the way. */
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

/** Joins the trees of a and b under the smaller root, so a root is always its tree's smallest index and parent[i] <= i. */
function union(a: i32, b: i32): void {
  const ra = find(a);
  const rb = find(b);
  if (ra < rb) store<i32>(parent + (<usize>rb << 2), ra);
  else if (rb < ra) store<i32>(parent + (<usize>ra << 2), rb);
}

/** Sites whose value the last Swendsen-Wang update changed. */
export let swChanged: i32 = 0;

/**
 * One Swendsen-Wang update of the square lattice from draw idx on; returns the next draw index,
 * sets swChanged and lastSumSquares and leaves the labels in parent.
 *
 * Bond pass, row by row: the site's bonds to the right and below are drawn (branch-free, bits kept
 * in decision[]), and the site is labelled at once from the bonds to its left and above, which are
 * already drawn: parent = the site above if bonded, else the site to the left if bonded, else
 * itself, and a union when both are. The periodic bonds (last column to first, last row to first)
 * are joined after the pass. Every link points to a smaller index, so in the second pass, in index
 * order, parent[parent[i]] is already i's final label: no find loop. That pass draws the clusters'
 * new values at their labels, writes the lattice, the sizes and the model's counts.
 */
export function swendsenWang<M>(spins: usize, size: i32, idx: i32): i32 {
  const m = changetype<M>(0);
  const n = size * size;
  const last = size - 1;
  const threshold = m.threshold();
  const ghost = m.ghost();
  store<i32>(parent + (<usize>n << 2), n);
  for (let y = 0; y < size; y++) {
    const row = y * size;
    const below = (y == last ? 0 : y + 1) * size;
    let leftBond = 0;
    for (let x = 0; x < size; x++) {
      ensureDraws(idx);
      const i = row + x;
      const v = m.value(spins + <usize>i);
      const sameRight = <i32>m.same(m.value(spins + <usize>(row + (x == last ? 0 : x + 1))), v);
      const right = sameRight & <i32>(<u64>draw(idx) < threshold);
      idx += sameRight;
      const sameBelow = <i32>m.same(m.value(spins + <usize>(below + x)), v);
      const downBond = sameBelow & <i32>(<u64>draw(idx) < threshold);
      idx += sameBelow;
      let bits = downBond | (right << 1);
      const upBond = y > 0 ? <i32>load<u8>(decision + <usize>(i - size)) & 1 : 0;
      const left = x > 0 ? leftBond : 0;
      store<i32>(parent + (<usize>i << 2), upBond != 0 ? i - size : left != 0 ? i - 1 : i);
      if ((upBond & left) != 0) union(i - 1, i - size);
      if (m.ghostCandidate(v)) {
        const bonded = <u64>draw(idx) < ghost;
        idx++;
        if (bonded) {
          if (m.ghostMerges()) union(i, n);
          else bits |= 4;
        }
      }
      store<u8>(decision + <usize>i, <u8>bits);
      leftBond = right;
    }
  }
  // the periodic bonds
  for (let y = 0; y < size; y++) {
    const end = y * size + last;
    if ((load<u8>(decision + <usize>end) & 2) != 0) union(end, y * size);
  }
  const lastRow = last * size;
  for (let x = 0; x < size; x++) {
    if ((load<u8>(decision + <usize>(lastRow + x)) & 1) != 0) union(lastRow + x, x);
  }
  const merges = m.ghostMerges();
  const ghostRoot = merges ? find(n) : n;
  if (!merges) {
    // bonded clusters: a label is bound when any of its sites is bonded to the ghost
    for (let i = 0; i < n; i++) {
      const r = load<i32>(parent + (<usize>load<i32>(parent + (<usize>i << 2)) << 2));
      store<i32>(parent + (<usize>i << 2), r);
      const bound = load<u8>(decision + <usize>i) & 4;
      store<u8>(decision + <usize>r, load<u8>(decision + <usize>r) | bound);
    }
  }
  let changed = 0;
  let sumSquares: f64 = 0;
  let bondSum = 0;
  let siteSum = 0;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      ensureDraws(idx);
      const i = row + x;
      const r = load<i32>(parent + (<usize>load<i32>(parent + (<usize>i << 2)) << 2));
      store<i32>(parent + (<usize>i << 2), r);
      const root = r == i;
      const count = root ? 0 : load<i32>(work + (<usize>r << 2));
      store<i32>(work + (<usize>r << 2), count + 1);
      sumSquares += <f64>(2 * count + 1);
      const v = m.value(spins + <usize>i);
      const bound = merges ? i == ghostRoot : (load<u8>(decision + <usize>i) & 4) != 0;
      const decided = m.swNew(v, bound, draw(idx));
      idx += <i32>root & m.swDraws(bound);
      const nv = root ? decided : m.value(decision + <usize>r);
      m.write(decision + <usize>i, nv);
      m.write(spins + <usize>i, nv);
      changed += <i32>(nv != v);
      siteSum += m.siteTerm(nv);
      if (x > 0) bondSum += m.bondTerm(nv, m.value(spins + <usize>(i - 1)));
      if (y > 0) bondSum += m.bondTerm(nv, m.value(spins + <usize>(i - size)));
    }
  }
  for (let y = 0; y < size; y++) bondSum += m.bondTerm(m.value(spins + <usize>(y * size + last)), m.value(spins + <usize>(y * size)));
  for (let x = 0; x < size; x++) bondSum += m.bondTerm(m.value(spins + <usize>(last * size + x)), m.value(spins + <usize>x));
  m.swDone(bondSum, siteSum);
  lastKind = 2;
  lastSumSquares = sumSquares;
  swChanged = changed;
  return idx;
}

/**
 * One Swendsen-Wang update of the cubic lattice from draw idx on; the same contract as
 * swendsenWang. Bond pass in index order: the site's bonds to the right, below and to the front are
 * drawn and their clusters joined at once (union under the smaller root), then its ghost bond.
 * Roots are the smallest index of their cluster (parent[i] <= i), so the value pass in index order
 * meets every cluster first at its label, where the cluster draws its new value.
 */
export function swendsenWangCubic<M>(spins: usize, size: i32, idx: i32): i32 {
  const m = changetype<M>(0);
  const plane = size * size;
  const n = plane * size;
  const last = size - 1;
  const threshold = m.threshold();
  const ghost = m.ghost();
  for (let i = 0; i <= n; i++) store<i32>(parent + (<usize>i << 2), i);
  for (let z = 0; z < size; z++) {
    const base = z * plane;
    const front = (z == last ? 0 : z + 1) * plane;
    for (let y = 0; y < size; y++) {
      const row = base + y * size;
      const below = base + (y == last ? 0 : y + 1) * size;
      const ahead = front + y * size;
      for (let x = 0; x < size; x++) {
        ensureDraws(idx);
        const i = row + x;
        const v = m.value(spins + <usize>i);
        const right = row + (x == last ? 0 : x + 1);
        if (m.same(m.value(spins + <usize>right), v)) {
          if (<u64>draw(idx) < threshold) union(i, right);
          idx++;
        }
        if (m.same(m.value(spins + <usize>(below + x)), v)) {
          if (<u64>draw(idx) < threshold) union(i, below + x);
          idx++;
        }
        if (m.same(m.value(spins + <usize>(ahead + x)), v)) {
          if (<u64>draw(idx) < threshold) union(i, ahead + x);
          idx++;
        }
        let bits = 0;
        if (m.ghostCandidate(v)) {
          const bonded = <u64>draw(idx) < ghost;
          idx++;
          if (bonded) {
            if (m.ghostMerges()) union(i, n);
            else bits = 4;
          }
        }
        store<u8>(decision + <usize>i, <u8>bits);
      }
    }
  }
  const merges = m.ghostMerges();
  const ghostRoot = merges ? find(n) : n;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    store<i32>(parent + (<usize>i << 2), r);
    // bonded clusters (ghosts that do not merge): a label is bound when any of its sites is bonded
    if (!merges) store<u8>(decision + <usize>r, load<u8>(decision + <usize>r) | (load<u8>(decision + <usize>i) & 4));
  }
  let changed = 0;
  let sumSquares: f64 = 0;
  let siteSum = 0;
  for (let i = 0; i < n; i++) {
    ensureDraws(idx);
    const r = load<i32>(parent + (<usize>i << 2));
    const root = r == i;
    const count = root ? 0 : load<i32>(work + (<usize>r << 2));
    store<i32>(work + (<usize>r << 2), count + 1);
    sumSquares += <f64>(2 * count + 1);
    const v = m.value(spins + <usize>i);
    const bound = merges ? i == ghostRoot : (load<u8>(decision + <usize>i) & 4) != 0;
    const decided = m.swNew(v, bound, draw(idx));
    idx += <i32>root & m.swDraws(bound);
    const nv = root ? decided : m.value(decision + <usize>r);
    m.write(decision + <usize>i, nv);
    m.write(spins + <usize>i, nv);
    changed += <i32>(nv != v);
    siteSum += m.siteTerm(nv);
  }
  // the bond sum of the new lattice: every site with its right, lower and front neighbour
  let bondSum = 0;
  for (let z = 0; z < size; z++) {
    const base = z * plane;
    const front = (z == last ? 0 : z + 1) * plane;
    for (let y = 0; y < size; y++) {
      const row = base + y * size;
      const below = base + (y == last ? 0 : y + 1) * size;
      const ahead = front + y * size;
      for (let x = 0; x < size; x++) {
        const v = m.value(spins + <usize>(row + x));
        bondSum += m.bondTerm(v, m.value(spins + <usize>(row + (x == last ? 0 : x + 1))));
        bondSum += m.bondTerm(v, m.value(spins + <usize>(below + x)));
        bondSum += m.bondTerm(v, m.value(spins + <usize>(ahead + x)));
      }
    }
  }
  m.swDone(bondSum, siteSum);
  lastKind = 2;
  lastSumSquares = sumSquares;
  swChanged = changed;
  return idx;
}
