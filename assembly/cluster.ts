// Cluster updates of the Ising model (square and cubic lattices) on the cluster engine (assembly/cluster-engine.ts):
// the model supplies its bond test, its flip and the bookkeeping of B and M; the engine grows the
// clusters, labels them and draws the random numbers (stream order: see the engine's header).
// The TypeScript twin is src/models/ising/clusters-js.ts.
//
//   H = -J sum_<ij> s_i s_j - h sum_i s_i,   J = 1, k_B = 1.
//
// Bonds. A bond between equal neighbours is active with p = 1 - exp(-2 beta J); a site whose
// spin points along the field (h s_i > 0) is bonded to the ghost spin with p_h = 1 - exp(-2 beta |h|).
// Both are integer thresholds from the wrapper (src/cluster/thresholds.ts): active when r < t.
//
// Field (ghost spin). Swendsen-Wang: the cluster bonded to the ghost keeps its spins (the ghost is
// fixed, so its cluster cannot flip); every other cluster flips with probability 1/2 (one draw,
// flipped when its top bit is set). Wolff: a cluster along the field is at risk (it flips with
// probability (1 - p_h)^|C| = exp(-2 beta |h| |C|), the Metropolis acceptance of its field energy
// dE_h = 2 h s_c |C|); a cluster against it always flips (README).
//
// Hybrid step: `localSweeps` Metropolis sweeps (assembly/ising2d.ts order), then the cluster update.

import { SERIES_CAPACITY, SERIES_RECORD_BYTES } from "./layout";
import {
  clusterStep, drawsEnd, drawsStart, engineReserve, lastCount, lastKind, parent, sizes, stepMoved, stepSizes, work,
} from "./cluster-engine";
import {
  getBondSum, getMagnetization, latticeDegree, latticeDimension, latticeSites, latticeSize, seriesPtr, setCounts, spinsPtr, sweepMetropolis,
} from "./ising2d";

/** Cluster kinds understood by clusterUpdate. */
export { CLUSTER_WOLFF, CLUSTER_SWENDSEN_WANG } from "./cluster-engine";

let bondThreshold: u64 = 0;
let ghostThreshold: u64 = 0;
let fieldSign: i32 = 0;

/** Spins flipped by cluster updates (not by the Metropolis sweeps of a hybrid) in the last clusterUpdate. */
let lastClusterFlips: f64 = 0;

/** The Ising model for the cluster engine: spins +1 / -1 as signed bytes; B and M kept exact. */
@final @unmanaged
class Ising {
  @inline value(p: usize): i32 { return <i32>load<i8>(p); }
  @inline write(p: usize, v: i32): void { store<i8>(p, <i8>v); }
  @inline same(v: i32, c: i32): bool { return v == c; }
  @inline threshold(): u64 { return bondThreshold; }
  @inline wolffTarget(c: i32, r: u32): i32 { return -c; }
  @inline wolffTargetDraws(): i32 { return 0; }
  @inline atRisk(c: i32, t: i32): bool { return fieldSign * c > 0; }
  @inline ghost(): u64 { return ghostThreshold; }
  @inline joined(c: i32): i32 { return 0; }
  /** Visits that saw t = -c: boundary bonds to opposite spins, and internal bonds seen from their later end. */
  @inline term(v: i32, c: i32, t: i32): i32 { return <i32>(v == t); }
  /**
   * dB = -2 (n_same - n_opposite) over the boundary bonds = 4 n_t - 2 Z |C| with Z neighbours a site
   * (4 n_t - 8 |C| square, 4 n_t - 12 |C| cubic; engine: wolffCluster); dM = -2 c |C|.
   */
  @inline wolffDone(count: i32, sum: i32, c: i32, t: i32): void {
    setCounts(getBondSum() + 4 * sum - 2 * latticeDegree() * count, getMagnetization() - 2 * c * count);
  }
  @inline ghostCandidate(v: i32): bool { return fieldSign * v > 0; }
  @inline ghostMerges(): bool { return true; }
  @inline swDraws(bound: bool): i32 { return <i32>!bound; }
  @inline swNew(v: i32, bound: bool, r: u32): i32 { return !bound && (r >>> 31) != 0 ? -v : v; }
  @inline bondTerm(a: i32, b: i32): i32 { return a * b; }
  @inline siteTerm(v: i32): i32 { return v; }
  @inline swDone(bonds: i32, sites: i32): void { setCounts(bonds, sites); }
}

/**
 * Reserves the cluster regions (9 bytes a site plus the size series and the draw ring). Idempotent.
 * Returns 0 on success, -1 when memory cannot grow that far.
 */
export function clusterReserve(): i32 {
  return engineReserve(latticeSites());
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
  const dimension = latticeDimension();
  const spins = spinsPtr();
  const series = seriesPtr();
  let flips: f64 = 0;
  let clusterFlipsTotal: f64 = 0;
  let idx = drawsStart();
  for (let k = 0; k < steps; k++) {
    if (localSweeps > 0) {
      drawsEnd(idx);
      flips += sweepMetropolis(localSweeps, 0);
      idx = drawsStart();
    }
    idx = clusterStep<Ising>(kind, clustersPerStep, spins, size, dimension, idx);
    flips += stepMoved;
    clusterFlipsTotal += stepMoved;
    if (record != 0) {
      const at = series + <usize>k * SERIES_RECORD_BYTES;
      store<i32>(at, getBondSum());
      store<i32>(at, getMagnetization(), 4);
      store<f64>(sizes + (<usize>k << 3), stepSizes);
    }
  }
  drawsEnd(idx);
  lastClusterFlips = clusterFlipsTotal;
  return flips;
}
