// 2D Ising model on a periodic L x L square lattice, one byte per spin.
//
//   H = -J sum_<ij> s_i s_j - h sum_i s_i,   J = 1, k_B = 1.
//
// The kernel keeps two exact integers up to date: the bond sum B = sum_<ij> s_i s_j
// (2N bonds: each site to its right and lower neighbour) and the magnetization
// M = sum_i s_i. Energy per site is then e = (-B - h M) / N.
//
// A sweep visits the sites of colour 0 ((x + y) even) row by row, then the sites of
// colour 1, and draws exactly one 32-bit random number per visited site, whether or not
// the spin changes. The TypeScript fallback (src/backend/js.ts) follows the same order.
// Acceptance is an integer comparison of that number against thresholds written by the
// wrapper (src/thresholds.ts), so both backends take identical decisions.

import { HEATBATH_ENTRIES, METROPOLIS_ENTRIES, SERIES_CAPACITY, SERIES_RECORD_BYTES } from "./layout";
import { reserve } from "./memory";
import * as rng from "./rng";

let L: i32 = 0;
let metropolisTable: usize = 0;
let heatBathTable: usize = 0;
let series: usize = 0;
let spins: usize = 0;
let bondSum: i32 = 0;
let magnetization: i32 = 0;

/**
 * Reserves the tables, the series and an L x L lattice (L even, >= 2); call once per instance.
 * Returns 0 on success, -1 when memory cannot grow that far. Spins are left all +1.
 */
export function init(size: i32): i32 {
  const tables = reserve(<usize>(METROPOLIS_ENTRIES + HEATBATH_ENTRIES) * 8);
  const seriesStart = reserve(<usize>SERIES_CAPACITY * SERIES_RECORD_BYTES);
  const spinsStart = reserve(<usize>size * <usize>size);
  if (tables == 0 || seriesStart == 0 || spinsStart == 0) return -1;
  L = size;
  metropolisTable = tables;
  heatBathTable = tables + <usize>METROPOLIS_ENTRIES * 8;
  series = seriesStart;
  spins = spinsStart;
  fillCold();
  return 0;
}

export function spinsPtr(): usize { return spins; }
export function seriesPtr(): usize { return series; }
export function metropolisTablePtr(): usize { return metropolisTable; }
export function heatBathTablePtr(): usize { return heatBathTable; }
export function getBondSum(): i32 { return bondSum; }
export function getMagnetization(): i32 { return magnetization; }
/** Linear size L (for other kernels, e.g. assembly/cluster.ts). */
export function latticeSize(): i32 { return L; }
/** Sets B and M after another kernel changed spins and kept the exact counts itself. */
export function setCounts(b: i32, m: i32): void { bondSum = b; magnetization = m; }

/** Cold start: every spin +1. */
export function fillCold(): void {
  memory.fill(spins, 1, <usize>L * <usize>L);
  recount();
}

/** Hot start: site i (row-major) gets +1 when the top bit of the i-th random number is set, else -1. */
export function fillHot(): void {
  const n = <usize>L * <usize>L;
  for (let i: usize = 0; i < n; i++) {
    store<i8>(spins + i, (rng.next() >>> 31) != 0 ? 1 : -1);
  }
  recount();
}

/** Recomputes the bond sum and magnetization from the spins (after the wrapper wrote spins). */
export function recount(): void {
  let b: i32 = 0;
  let m: i32 = 0;
  for (let y = 0; y < L; y++) {
    const row = spins + <usize>(y * L);
    const below = spins + <usize>((y == L - 1 ? 0 : y + 1) * L);
    for (let x = 0; x < L; x++) {
      const s = <i32>load<i8>(row + x);
      const right = <i32>load<i8>(row + (x == L - 1 ? 0 : x + 1));
      b += s * (right + <i32>load<i8>(below + x));
      m += s;
    }
  }
  bondSum = b;
  magnetization = m;
}

// @ts-ignore: decorator
@inline
function sweepWith(sweeps: i32, record: bool, heatBath: bool): f64 {
  const size = L;
  const table = heatBath ? heatBathTable : metropolisTable;
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  let b = bondSum, m = magnetization;
  let changed: i64 = 0;
  for (let k = 0; k < sweeps; k++) {
    for (let colour = 0; colour < 2; colour++) {
      for (let y = 0; y < size; y++) {
        const row = spins + <usize>(y * size);
        const above = spins + <usize>((y == 0 ? size - 1 : y - 1) * size);
        const below = spins + <usize>((y == size - 1 ? 0 : y + 1) * size);
        for (let x = (y + colour) & 1; x < size; x += 2) {
          const left = x == 0 ? size - 1 : x - 1;
          const right = x == size - 1 ? 0 : x + 1;
          const s = <i32>load<i8>(row + x);
          const nsum = <i32>load<i8>(row + left) + <i32>load<i8>(row + right)
            + <i32>load<i8>(above + x) + <i32>load<i8>(below + x);
          // xoshiro128** step, state in locals
          const r = rotl<u32>(x1 * 5, 7) * 9;
          const t = x1 << 9;
          x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
          let flip: i32;
          if (heatBath) {
            const up = <u64>r < load<u64>(table + (<usize>((nsum + 4) >> 1) << 3));
            flip = <i32>(up != (s > 0));
          } else {
            const index = (s > 0 ? 5 : 0) + ((nsum + 4) >> 1);
            flip = <i32>(<u64>r < load<u64>(table + (<usize>index << 3)));
          }
          // branch-free update: the flip decision is unpredictable near Tc
          const ds = 2 * s * flip;
          store<i8>(row + x, <i8>(s - ds));
          m -= ds;
          b -= ds * nsum;
          changed += flip;
        }
      }
    }
    if (record) {
      const at = series + <usize>k * SERIES_RECORD_BYTES;
      store<i32>(at, b);
      store<i32>(at, m, 4);
    }
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
  bondSum = b;
  magnetization = m;
  return <f64>changed;
}

/**
 * Runs `sweeps` checkerboard Metropolis sweeps. When `record` is non-zero, writes one
 * (bondSum, magnetization) record per sweep into the series region (sweeps <= SERIES_CAPACITY).
 * Returns the number of flipped spins, or -1 if the record request does not fit.
 */
export function sweepMetropolis(sweeps: i32, record: i32): f64 {
  if (record != 0) {
    if (sweeps > SERIES_CAPACITY) return -1;
    return sweepWith(sweeps, true, false);
  }
  return sweepWith(sweeps, false, false);
}

/** Heat-bath sweeps; same contract as sweepMetropolis. */
export function sweepHeatBath(sweeps: i32, record: i32): f64 {
  if (record != 0) {
    if (sweeps > SERIES_CAPACITY) return -1;
    return sweepWith(sweeps, true, true);
  }
  return sweepWith(sweeps, false, true);
}
