// Cluster updates of the 2D q-state Potts model on the cluster engine (assembly/cluster-engine.ts);
// the model supplies its bond test, its moves and the bookkeeping of its counts. The lattice is the
// instance's byte lattice (spinsPtr(), L x L), one state 0..q-1 per byte. TypeScript twin:
// PottsClusterModel in src/backend/js-cluster.ts.
//
//   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   J = 1, k_B = 1, 2 <= q <= 127.
//
// Bonds. Equal neighbours bond with p = 1 - exp(-beta J). A Wolff cluster moves to a uniformly
// random OTHER state, t = (c + 1 + floor(r (q - 1) / 2^32)) mod q (one draw, none when q = 2);
// each Swendsen-Wang cluster to a uniformly random state floor(r q / 2^32).
//
// Field h delta(s, 0), by a ghost spin (the engine's header has the detailed balance):
//   h > 0 (mode 1): sites in state 0 bond to the ghost (state 0) with p_h = 1 - exp(-beta h).
//     Wolff: a cluster in state 0 is at risk (it leaves the favoured state: accepted with
//     (1 - p_h)^|C| = exp(-beta h |C|)). Swendsen-Wang: the ghost's cluster stays in state 0.
//   h < 0 (mode -1): sites in any state but 0 bond to the ghost with p_h = 1 - exp(-beta |h|),
//     which only forbids state 0. Wolff: a move to state 0 is at risk. Swendsen-Wang: every
//     bonded cluster takes a uniformly random state among 1..q-1 (one draw, none when q = 2),
//     independently of the other bonded clusters.
//
// Counters: S = sum_<ij> delta(s_i, s_j) over the 2N bonds (each site to its right and lower
// neighbour) and N_s, the number of sites in state s; e = (-S - h N_0) / N.
// Records (pottsUpdate with record != 0): (S, N_0) per step in the series region, as Ising's
// (B, M), and the cluster-size record in the engine's sizes region.

import { SERIES_CAPACITY, SERIES_RECORD_BYTES } from "./layout";
import { reserve } from "./memory";
import {
  Square, drawsEnd, drawsStart, lastCount, lastSumSquares, parent, scaled, sizes, swChanged, swendsenWang,
  wolffCluster, wolffMoved,
} from "./cluster-engine";
import { latticeSize, seriesPtr, spinsPtr } from "./ising2d";
import * as rng from "./rng";
import { CLUSTER_WOLFF } from "./cluster";

/** Largest q: states are bytes, and the engine keeps them signed-safe. */
export const POTTS_MAX_STATES: i32 = 127;

let q: i32 = 0;
let bondThreshold: u64 = 0;
let ghostThreshold: u64 = 0;
let fieldMode: i32 = 0;
let satisfied: i32 = 0;
/** i32 x POTTS_MAX_STATES: N_s. */
let counts: usize = 0;

// @ts-ignore: decorator
@inline
function countOf(s: i32): usize {
  return counts + (<usize>s << 2);
}

/** The q-state Potts model for the cluster engine: states 0..q-1 as unsigned bytes; S and N_s kept exact. */
@final @unmanaged
class Potts {
  @inline value(p: usize): i32 { return <i32>load<u8>(p); }
  @inline write(p: usize, v: i32): void { store<u8>(p, <u8>v); }
  @inline same(v: i32, c: i32): bool { return v == c; }
  @inline threshold(): u64 { return bondThreshold; }
  @inline wolffTarget(c: i32, r: u32): i32 {
    if (q == 2) return 1 - c;
    const t = c + 1 + scaled(r, q - 1);
    return t >= q ? t - q : t;
  }
  @inline wolffTargetDraws(): i32 { return <i32>(q > 2); }
  @inline atRisk(c: i32, t: i32): bool { return fieldMode > 0 ? c == 0 : fieldMode < 0 ? t == 0 : false; }
  @inline ghost(): u64 { return ghostThreshold; }
  @inline joined(c: i32): i32 { return 255; }
  /** Visits that saw t (counted twice) or a state other than c and t. */
  @inline term(v: i32, c: i32, t: i32): i32 { return 2 * <i32>(v == t) + <i32>(v < q && v != c && v != t); }
  /**
   * Over the boundary bonds dS = n_t - n_c; with the visits (engine: wolffCluster) that is
   * 2 n_t(seen) + n_other(seen) - 4 |C|.
   */
  @inline wolffDone(count: i32, sum: i32, c: i32, t: i32): void {
    satisfied += sum - 4 * count;
    store<i32>(countOf(c), load<i32>(countOf(c)) - count);
    store<i32>(countOf(t), load<i32>(countOf(t)) + count);
  }
  @inline ghostCandidate(v: i32): bool { return fieldMode > 0 ? v == 0 : fieldMode < 0 ? v != 0 : false; }
  @inline ghostMerges(): bool { return fieldMode >= 0; }
  @inline swDraws(bound: bool): i32 { return <i32>(!bound || (fieldMode < 0 && q > 2)); }
  @inline swNew(v: i32, bound: bool, r: u32): i32 {
    if (!bound) return scaled(r, q);
    return fieldMode < 0 ? 1 + scaled(r, q - 1) : v;
  }
  @inline bondTerm(a: i32, b: i32): i32 { return <i32>(a == b); }
  @inline siteTerm(v: i32): i32 { return 0; }
  @inline swDone(bonds: i32, sites: i32): void {
    satisfied = bonds;
    countStates();
  }
}

function countStates(): void {
  memory.fill(counts, 0, <usize>POTTS_MAX_STATES * 4);
  const spins = spinsPtr();
  const n = latticeSize() * latticeSize();
  for (let i = 0; i < n; i++) {
    const at = countOf(<i32>load<u8>(spins + <usize>i));
    store<i32>(at, load<i32>(at) + 1);
  }
}

/**
 * Selects q (2..POTTS_MAX_STATES) and installs the thresholds: bond for p = 1 - exp(-beta J), ghost
 * for p_h = 1 - exp(-beta |h|), mode = sign(h). Returns 0, -1 for a bad q, -2 when memory cannot grow.
 * States are not checked here: write them (each < q) and call pottsRecount.
 */
export function pottsSetup(states: i32, bond: f64, ghost: f64, mode: i32): i32 {
  if (states < 2 || states > POTTS_MAX_STATES) return -1;
  if (counts == 0) {
    counts = reserve(<usize>POTTS_MAX_STATES * 4);
    if (counts == 0) return -2;
  }
  q = states;
  bondThreshold = <u64>bond;
  ghostThreshold = <u64>ghost;
  fieldMode = mode;
  return 0;
}

/** Fills the lattice: every site in state 0 (cold), or state floor(r q / 2^32) from one draw per site, row by row (hot). */
export function pottsFill(hot: i32): void {
  const spins = spinsPtr();
  const n = latticeSize() * latticeSize();
  for (let i = 0; i < n; i++) store<u8>(spins + <usize>i, hot != 0 ? <u8>scaled(rng.next(), q) : 0);
  pottsRecount();
}

/** Recounts S and N_s from the lattice (after the states were written from outside). */
export function pottsRecount(): void {
  const spins = spinsPtr();
  const size = latticeSize();
  let s = 0;
  for (let y = 0; y < size; y++) {
    const row = spins + <usize>(y * size);
    const below = spins + <usize>((y == size - 1 ? 0 : y + 1) * size);
    for (let x = 0; x < size; x++) {
      const v = load<u8>(row + <usize>x);
      s += <i32>(load<u8>(row + <usize>(x == size - 1 ? 0 : x + 1)) == v) + <i32>(load<u8>(below + <usize>x) == v);
    }
  }
  satisfied = s;
  countStates();
}

/** S = sum over the 2N bonds of delta(s_i, s_j). */
export function pottsSatisfied(): i32 { return satisfied; }
/** Address of N_s (i32 x POTTS_MAX_STATES). */
export function pottsCountsPtr(): usize { return counts; }

/**
 * Runs `steps` Potts cluster steps: `clustersPerStep` Wolff clusters (kind 0) or one Swendsen-Wang
 * update (kind 1), after clusterReserve and pottsSetup. With `record`, writes (S, N_0) and the
 * cluster-size record after every step (steps <= SERIES_CAPACITY). Returns the sites changed, -1 if
 * the record request does not fit, -2 before clusterReserve or pottsSetup.
 */
export function pottsUpdate(kind: i32, steps: i32, clustersPerStep: i32, record: i32): f64 {
  if (parent == 0 || q == 0) return -2;
  if (record != 0 && steps > SERIES_CAPACITY) return -1;
  const size = latticeSize();
  const spins = spinsPtr();
  const series = seriesPtr();
  let changed: f64 = 0;
  let idx = drawsStart();
  for (let k = 0; k < steps; k++) {
    let size2: f64 = 0;
    if (kind == CLUSTER_WOLFF) {
      for (let c = 0; c < clustersPerStep; c++) {
        idx = wolffCluster<Potts, Square>(spins, size, idx);
        changed += <f64>wolffMoved;
        size2 += <f64>lastCount;
      }
    } else {
      idx = swendsenWang<Potts>(spins, size, idx);
      changed += <f64>swChanged;
      size2 = lastSumSquares;
    }
    if (record != 0) {
      const at = series + <usize>k * SERIES_RECORD_BYTES;
      store<i32>(at, satisfied);
      store<i32>(at, load<i32>(counts), 4);
      store<f64>(sizes + (<usize>k << 3), size2);
    }
  }
  drawsEnd(idx);
  return changed;
}
