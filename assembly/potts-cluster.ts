// Cluster updates of the q-state Potts model (assembly/potts.ts) on the cluster engine
// (assembly/cluster-engine.ts): the model supplies its bond test, its moves and the bookkeeping of
// Potts' exact counts (Nb and n_k, kept in assembly/potts.ts); the engine grows and labels the
// clusters and draws the random numbers (stream order: the engine's header). The lattice is the
// instance's byte lattice, one state a byte. TypeScript twin: PottsClusterModel in
// src/models/potts/clusters-js.ts.
//
//   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   J = 1, k_B = 1, 2 <= q <= 255.
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
//     which only forbids state 0. Wolff: a move to state 0 is at risk (accepted with
//     exp(-beta |h| |C|)). Swendsen-Wang: every bonded cluster takes a uniformly random state among
//     1..q-1 (one draw, none when q = 2), independently of the other bonded clusters.
//
// Records (pottsClusterUpdate with record != 0): after every step Potts' record [Nb, n_0 .. n_{q-1}]
// at step k of assembly/potts.ts's record region (width q + 1, as pottsSweep), and the cluster-size
// record in the engine's sizes region.

import { SERIES_CAPACITY } from "./layout";
import { clusterStep, drawsEnd, drawsStart, parent, scaled, sizes, stepMoved, stepSizes } from "./cluster-engine";
import { latticeDegree, latticeDimension, latticeSites, latticeSize, spinsPtr } from "./ising2d";
import { pottsBondCount, pottsCountsPtr, pottsQ, pottsRecordCapacity, pottsRecordsPtr, pottsSetBondCount } from "./potts";

/** Largest q of the cluster kernels: the byte value 255 marks the sites of a growing Wolff cluster. */
export const POTTS_CLUSTER_MAX_Q: i32 = 255;
/** The mark of a joined site (a value no state takes). */
const JOINED: i32 = 255;

let q: i32 = 0;
let counts: usize = 0;
let bondThreshold: u64 = 0;
let ghostThreshold: u64 = 0;
let fieldMode: i32 = 0;

// @ts-ignore: decorator
@inline
function countOf(s: i32): usize {
  return counts + (<usize>s << 2);
}

/** The q-state Potts model for the cluster engine: states 0..q-1 as unsigned bytes; Nb and n_k kept exact. */
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
  @inline joined(c: i32): i32 { return JOINED; }
  /** Visits that saw t (counted twice) or a state other than c and t. */
  @inline term(v: i32, c: i32, t: i32): i32 { return 2 * <i32>(v == t) + <i32>(v < q && v != c && v != t); }
  /**
   * Over the boundary bonds dNb = n_t - n_c; with the visits (engine: wolffCluster) that is
   * 2 n_t(seen) + n_other(seen) - Z |C|, Z neighbours a site (4 square, 6 cubic).
   */
  @inline wolffDone(count: i32, sum: i32, c: i32, t: i32): void {
    pottsSetBondCount(pottsBondCount() + sum - latticeDegree() * count);
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
    pottsSetBondCount(bonds);
    countStates();
  }
}

/** n_k from the lattice (Nb came with the update). */
function countStates(): void {
  memory.fill(counts, 0, <usize>q << 2);
  const spins = spinsPtr();
  const n = latticeSites();
  for (let i = 0; i < n; i++) {
    const at = countOf(<i32>load<u8>(spins + <usize>i));
    store<i32>(at, load<i32>(at) + 1);
  }
}

/**
 * Installs the cluster thresholds of the Potts model of pottsInit(q): bond for p = 1 - exp(-beta J),
 * ghost for p_h = 1 - exp(-beta |h|), mode = sign(h). Returns 0, or -1 before pottsInit or for q > 255.
 */
export function pottsClusterSetup(bond: f64, ghost: f64, mode: i32): i32 {
  const states = pottsQ();
  if (states < 2 || states > POTTS_CLUSTER_MAX_Q) return -1;
  q = states;
  counts = pottsCountsPtr();
  bondThreshold = <u64>bond;
  ghostThreshold = <u64>ghost;
  fieldMode = mode;
  return 0;
}

/**
 * Runs `steps` Potts cluster steps: `clustersPerStep` Wolff clusters (kind 0) or one Swendsen-Wang
 * update (kind 1), after clusterReserve and pottsClusterSetup. With `record`, writes the record
 * [Nb, n_0 .. n_{q-1}] and the cluster-size record after every step (steps <= the smaller of
 * pottsRecordCapacity() and SERIES_CAPACITY). Returns the sites changed, -1 if the record request
 * does not fit, -2 before clusterReserve or pottsClusterSetup.
 */
export function pottsClusterUpdate(kind: i32, steps: i32, clustersPerStep: i32, record: i32): f64 {
  if (parent == 0 || q == 0) return -2;
  if (record != 0 && (steps > SERIES_CAPACITY || steps > pottsRecordCapacity())) return -1;
  const size = latticeSize();
  const spins = spinsPtr();
  const records = pottsRecordsPtr();
  const width = <usize>(q + 1) << 2;
  let changed: f64 = 0;
  let idx = drawsStart();
  for (let k = 0; k < steps; k++) {
    idx = clusterStep<Potts>(kind, clustersPerStep, spins, size, latticeDimension(), idx);
    changed += stepMoved;
    if (record != 0) {
      const at = records + <usize>k * width;
      store<i32>(at, pottsBondCount());
      memory.copy(at + 4, counts, <usize>q << 2);
      store<f64>(sizes + (<usize>k << 3), stepSizes);
    }
  }
  drawsEnd(idx);
  return changed;
}
