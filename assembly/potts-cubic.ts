// Local updates (Metropolis and heat bath) of the q-state Potts model on the periodic L x L x L
// simple cubic lattice,
//
//   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   s_i in {0 .. q-1},  J = 1, k_B = 1,
//
// on the byte lattice of assembly/ising2d.ts (index (z L + y) L + x), with the exact counts of
// assembly/potts.ts (Nb over the 3N bonds, n_k), which pottsInit reserved and which this file keeps
// up to date. The TypeScript twin is src/models/potts/cubic-local.ts; every table comes from
// src/models/potts/kernel.ts (built for Z = 6) and is installed verbatim in both; neither does
// floating-point arithmetic in an update.
//
// Neighbours of site (x, y, z), in this order (positions 0 .. 5): left (x - 1), right (x + 1),
// up (y - 1), down (y + 1), back (z - 1), front (z + 1), periodic (at L = 2 left = right, ...: both
// bonds count). c(k) = the number of neighbours in state k.
//
// Site order of a sweep (both updates): colour 0 ((x + y + z) even), then colour 1; planes
// z = 0 .. L-1, rows y = 0 .. L-1, x = (y + z + colour) & 1, +2, ... Sites of one colour are
// independent (their neighbours have the other colour).
//
// ## Metropolis: stream contract
// Two outputs of the simulation's generator (xoshiro128**, assembly/rng.ts) a site: U, then A. The
// proposal is d = floor(U (q - 1) / 2^32), s' = (s + 1 + d) mod q (a uniformly random other state);
// it is accepted when A < t (as unsigned 64-bit integers), the threshold
// table[(c(s') - c(s) + 6) + 13 (delta(s', 0) - delta(s, 0) + 1)] (39 u64 entries,
// threshold(min(1, exp(-beta dE))) of src/thresholds.ts; t = 2^32 accepts always).
//
// ## Heat bath: stream contract
// One output r a site. The new state is k with probability proportional to
// exp(beta (c(k) + h delta(k, 0))), read from the tables of pottsHeatBathTables (Z = 6):
//   key = the partition key of the neighbours (bit j (j - 1) / 2 + i set when n_i = n_j, i < j);
//   part = partitions[key]; z = the first position whose neighbour is in state 0, 6 for none;
//   pattern = part * 7 + z; g = the number of its 7 cumulative thresholds that are <= r;
//   source = sources[pattern * 10 + g]: 0 .. 5 -> the state of that neighbour; 6 -> state 0;
//   7 -> one of the m = q - G other states (G = sources[pattern * 10 + 8] groups): with
//   T = threshold G - 1, the j-th smallest state not among the neighbours and not 0, where
//   j = floor((r - T) m / (2^32 - T)).
//
// ## Regions (pottsCubicInit, on first use; each 64-byte aligned)
//   [metropolis]   POTTS_CUBIC_METROPOLIS_ENTRIES x u64
//   [partitions]   POTTS_CUBIC_PARTITION_KEYS x u8
//   [heat bath]    POTTS_CUBIC_HEATBATH_PATTERNS x POTTS_CUBIC_HEATBATH_GROUPS x u64
//   [sources]      POTTS_CUBIC_HEATBATH_PATTERNS x POTTS_CUBIC_SOURCE_STRIDE x u8

import { reserve } from "./memory";
import * as rng from "./rng";
import { latticeDimension, latticeSize, spinsPtr } from "./ising2d";
import { pottsBondCount, pottsCountsPtr, pottsQ, pottsRecordCapacity, pottsRecordsPtr, pottsSetBondCount } from "./potts";

/** Metropolis thresholds for Z = 6: index (dc + 6) + 13 (dz + 1). */
export const POTTS_CUBIC_METROPOLIS_ENTRIES: i32 = 39;
/** Keys of the partition map: one bit per pair of the 6 neighbours, 2^15. */
export const POTTS_CUBIC_PARTITION_KEYS: i32 = 32768;
/** Heat-bath patterns: 203 set partitions of 6 positions (Bell number B6) x 7 positions of state 0. */
export const POTTS_CUBIC_HEATBATH_PATTERNS: i32 = 1421;
/** Cumulative thresholds per heat-bath pattern. */
export const POTTS_CUBIC_HEATBATH_GROUPS: i32 = 7;
/** Bytes per heat-bath pattern in the source table. */
export const POTTS_CUBIC_SOURCE_STRIDE: i32 = 10;

const ALWAYS: u64 = 0x1_0000_0000;

let metropolis: usize = 0;
let partitions: usize = 0;
let heatBath: usize = 0;
let sources: usize = 0;

/** Reserves the cubic tables (once; the lattice must be cubic). Returns 0, or -1 when memory cannot grow or the lattice is not cubic. */
export function pottsCubicInit(): i32 {
  if (latticeDimension() != 3) return -1;
  if (metropolis != 0) return 0;
  const m = reserve(<usize>POTTS_CUBIC_METROPOLIS_ENTRIES * 8);
  const p = reserve(<usize>POTTS_CUBIC_PARTITION_KEYS);
  const h = reserve(<usize>(POTTS_CUBIC_HEATBATH_PATTERNS * POTTS_CUBIC_HEATBATH_GROUPS) * 8);
  const s = reserve(<usize>(POTTS_CUBIC_HEATBATH_PATTERNS * POTTS_CUBIC_SOURCE_STRIDE));
  if (m == 0 || p == 0 || h == 0 || s == 0) return -1;
  metropolis = m;
  partitions = p;
  heatBath = h;
  sources = s;
  return 0;
}

export function pottsCubicMetropolisPtr(): usize { return metropolis; }
export function pottsCubicPartitionsPtr(): usize { return partitions; }
export function pottsCubicHeatBathPtr(): usize { return heatBath; }
export function pottsCubicSourcesPtr(): usize { return sources; }

// @ts-ignore: decorator
@inline
function eq(a: i32, b: i32): i32 {
  return <i32>(a == b);
}

// @ts-ignore: decorator
@inline
function bump(counts: usize, from: i32, to: i32): void {
  const f = counts + (<usize>from << 2), t = counts + (<usize>to << 2);
  store<i32>(f, load<i32>(f) - 1);
  store<i32>(t, load<i32>(t) + 1);
}

/** One sweep (heat bath when heatBathFlag != 0); returns the sites changed. */
function sweepOnce(heatBathFlag: bool): i32 {
  const size = latticeSize();
  const q = pottsQ();
  const spins = spinsPtr();
  const counts = pottsCountsPtr();
  const plane = size * size;
  const last = size - 1;
  let b = pottsBondCount();
  let changed = 0;
  for (let colour = 0; colour < 2; colour++) {
    for (let z = 0; z < size; z++) {
      const base = spins + <usize>(z * plane);
      const back = spins + <usize>((z == 0 ? last : z - 1) * plane);
      const front = spins + <usize>((z == last ? 0 : z + 1) * plane);
      for (let y = 0; y < size; y++) {
        const yo = y * size;
        const row = base + <usize>yo;
        const up = base + <usize>((y == 0 ? last : y - 1) * size);
        const down = base + <usize>((y == last ? 0 : y + 1) * size);
        for (let x = (y + z + colour) & 1; x < size; x += 2) {
          const s = <i32>load<u8>(row + <usize>x);
          const n0 = <i32>load<u8>(row + <usize>(x == 0 ? last : x - 1));
          const n1 = <i32>load<u8>(row + <usize>(x == last ? 0 : x + 1));
          const n2 = <i32>load<u8>(up + <usize>x);
          const n3 = <i32>load<u8>(down + <usize>x);
          const n4 = <i32>load<u8>(back + <usize>(yo + x));
          const n5 = <i32>load<u8>(front + <usize>(yo + x));
          let sn = s;
          if (!heatBathFlag) {
            const u = rng.next();
            const a = rng.next();
            sn = s + 1 + <i32>((<u64>u * <u64>(q - 1)) >> 32);
            if (sn >= q) sn -= q;
            const dc = eq(n0, sn) + eq(n1, sn) + eq(n2, sn) + eq(n3, sn) + eq(n4, sn) + eq(n5, sn)
              - eq(n0, s) - eq(n1, s) - eq(n2, s) - eq(n3, s) - eq(n4, s) - eq(n5, s);
            const dz = eq(sn, 0) - eq(s, 0);
            const t = load<u64>(metropolis + (<usize>(dc + 6 + 13 * (dz + 1)) << 3));
            if (<u64>a < t) {
              store<u8>(row + <usize>x, <u8>sn);
              b += dc;
              bump(counts, s, sn);
              changed++;
            }
            continue;
          }
          const r = rng.next();
          const key = eq(n0, n1) | (eq(n0, n2) << 1) | (eq(n1, n2) << 2)
            | (eq(n0, n3) << 3) | (eq(n1, n3) << 4) | (eq(n2, n3) << 5)
            | (eq(n0, n4) << 6) | (eq(n1, n4) << 7) | (eq(n2, n4) << 8) | (eq(n3, n4) << 9)
            | (eq(n0, n5) << 10) | (eq(n1, n5) << 11) | (eq(n2, n5) << 12) | (eq(n3, n5) << 13) | (eq(n4, n5) << 14);
          const zero = ctz<i32>(eq(n0, 0) | (eq(n1, 0) << 1) | (eq(n2, 0) << 2) | (eq(n3, 0) << 3) | (eq(n4, 0) << 4) | (eq(n5, 0) << 5) | 64);
          const pattern = <usize>(<i32>load<u8>(partitions + <usize>key) * 7 + zero);
          const at = heatBath + pattern * 56;
          const r64 = <u64>r;
          const g = <i32>(load<u64>(at) <= r64) + <i32>(load<u64>(at, 8) <= r64) + <i32>(load<u64>(at, 16) <= r64)
            + <i32>(load<u64>(at, 24) <= r64) + <i32>(load<u64>(at, 32) <= r64) + <i32>(load<u64>(at, 40) <= r64)
            + <i32>(load<u64>(at, 48) <= r64);
          const src = <i32>load<u8>(sources + pattern * 10 + <usize>g);
          if (src == 0) sn = n0;
          else if (src == 1) sn = n1;
          else if (src == 2) sn = n2;
          else if (src == 3) sn = n3;
          else if (src == 4) sn = n4;
          else if (src == 5) sn = n5;
          else if (src == 6) sn = 0;
          else {
            // the j-th smallest state that is neither 0 nor a neighbour's (first occurrences only)
            const groups = <i32>load<u8>(sources + pattern * 10 + 8);
            const t = load<u64>(at + (<usize>(groups - 1) << 3));
            const j = <i32>(((r64 - t) * <u64>(q - groups)) / (ALWAYS - t));
            const f1 = (key & 1) == 0, f2 = (key & 6) == 0, f3 = (key & 56) == 0, f4 = (key & 0x3c0) == 0, f5 = (key & 0x7c00) == 0;
            sn = j + 1;
            for (;;) {
              const below = <i32>(n0 != 0 && n0 <= sn) + <i32>(f1 && n1 != 0 && n1 <= sn) + <i32>(f2 && n2 != 0 && n2 <= sn)
                + <i32>(f3 && n3 != 0 && n3 <= sn) + <i32>(f4 && n4 != 0 && n4 <= sn) + <i32>(f5 && n5 != 0 && n5 <= sn);
              if (j + 1 + below == sn) break;
              sn = j + 1 + below;
            }
          }
          if (sn != s) {
            store<u8>(row + <usize>x, <u8>sn);
            b += eq(n0, sn) + eq(n1, sn) + eq(n2, sn) + eq(n3, sn) + eq(n4, sn) + eq(n5, sn)
              - eq(n0, s) - eq(n1, s) - eq(n2, s) - eq(n3, s) - eq(n4, s) - eq(n5, s);
            bump(counts, s, sn);
            changed++;
          }
        }
      }
    }
  }
  pottsSetBondCount(b);
  return changed;
}

/**
 * Runs `sweeps` Metropolis (heatBath = 0) or heat-bath sweeps of the cubic lattice. With
 * `record` != 0 writes the record [Nb, n_0 .. n_{q-1}] after every sweep into the Potts record
 * region (sweeps <= pottsRecordCapacity()). Returns the number of sites changed, -1 when the
 * records do not fit, -2 before pottsCubicInit.
 */
export function pottsCubicSweep(heatBathFlag: i32, sweeps: i32, record: i32): f64 {
  if (metropolis == 0) return -2;
  if (record != 0 && sweeps > pottsRecordCapacity()) return -1;
  const q = pottsQ();
  const records = pottsRecordsPtr();
  const counts = pottsCountsPtr();
  let changed: f64 = 0;
  for (let k = 0; k < sweeps; k++) {
    changed += <f64>sweepOnce(heatBathFlag != 0);
    if (record != 0) {
      const at = records + (<usize>(k * (q + 1)) << 2);
      store<i32>(at, pottsBondCount());
      memory.copy(at + 4, counts, <usize>q << 2);
    }
  }
  return changed;
}
