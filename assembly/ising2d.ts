// The Ising model on the periodic square (L x L) and simple cubic (L x L x L) lattices, one byte
// per spin (assembly/lattice.ts: site order, neighbours and checkerboard).
//
//   H = -J sum_<ij> s_i s_j - h sum_i s_i,   J = 1, k_B = 1.
//
// The kernel keeps two exact integers up to date: the bond sum B = sum_<ij> s_i s_j
// (d N bonds: each site to its right, lower (and front) neighbour) and the magnetization
// M = sum_i s_i. Energy per site is then e = (-B - h M) / N.
//
// A sweep visits the sites of colour 0 ((x + y + z) even) plane by plane (z = 0 .. L - 1 on the
// cubic lattice, one plane on the square one) and row by row, then the sites of colour 1, and draws
// exactly one 32-bit random number per visited site, whether or not the spin changes. The
// TypeScript fallback (src/models/ising/kernel-js.ts) follows the same order. Acceptance is an integer
// comparison of that number against thresholds written by the wrapper (src/thresholds.ts:
// Metropolis index (s > 0 ? Z + 1 : 0) + (nsum + Z) / 2, heat bath (nsum + Z) / 2, Z = 2d
// neighbours), so both backends take identical decisions. The lattice of an instance is chosen once,
// by init(L, d); every kernel of the instance works on it.

import { HEATBATH_ENTRIES, METROPOLIS_ENTRIES, SERIES_CAPACITY, SERIES_RECORD_BYTES } from "./layout";
import { Cubic, Square } from "./lattice";
import { reserve } from "./memory";
import * as rng from "./rng";

let L: i32 = 0;
/** Spatial dimension d (2 square, 3 cubic) and sites N = L^d. */
let D: i32 = 2;
let N: i32 = 0;
let metropolisTable: usize = 0;
let heatBathTable: usize = 0;
let series: usize = 0;
let spins: usize = 0;
let bondSum: i32 = 0;
let magnetization: i32 = 0;

/**
 * Reserves the tables, the series and a lattice of L^d sites (L even, >= 2; d = 2 square, 3 cubic:
 * the wrapper checks both); call once per instance. Returns 0 on success, -1 when memory cannot grow
 * that far. Spins are left all +1.
 */
export function init(size: i32, dimension: i32): i32 {
  const sites = <u64>size * <u64>size * <u64>(dimension == 3 ? size : 1);
  if (sites >= 0x7fff_ffff) return -1;
  const tables = reserve(<usize>(METROPOLIS_ENTRIES + HEATBATH_ENTRIES) * 8);
  const seriesStart = reserve(<usize>SERIES_CAPACITY * SERIES_RECORD_BYTES);
  const spinsStart = reserve(<usize>sites);
  if (tables == 0 || seriesStart == 0 || spinsStart == 0) return -1;
  L = size;
  D = dimension == 3 ? 3 : 2;
  N = <i32>sites;
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
/** Spatial dimension d: 2 (square) or 3 (cubic). */
export function latticeDimension(): i32 { return D; }
/** Sites N = L^d. */
export function latticeSites(): i32 { return N; }
/** Neighbours of a site, Z = 2d. */
export function latticeDegree(): i32 { return 2 * D; }
/** Sets B and M after another kernel changed spins and kept the exact counts itself. */
export function setCounts(b: i32, m: i32): void { bondSum = b; magnetization = m; }

/** Cold start: every spin +1. */
export function fillCold(): void {
  memory.fill(spins, 1, <usize>N);
  recount();
}

/** Hot start: site i (in site order) gets +1 when the top bit of the i-th random number is set, else -1. */
export function fillHot(): void {
  const n = <usize>N;
  for (let i: usize = 0; i < n; i++) {
    store<i8>(spins + i, (rng.next() >>> 31) != 0 ? 1 : -1);
  }
  recount();
}

/** Recomputes the bond sum and magnetization from the spins (after the wrapper wrote spins). */
export function recount(): void {
  if (D == 3) recountWith<Cubic>();
  else recountWith<Square>();
}

// @ts-ignore: decorator
@inline
function recountWith<G>(): void {
  const g = changetype<G>(0);
  const plane = <usize>L * <usize>L;
  const depth = g.depth(L);
  let b: i32 = 0;
  let m: i32 = 0;
  for (let z = 0; z < depth; z++) {
    const base = spins + <usize>z * plane;
    const front = spins + <usize>(z == depth - 1 ? 0 : z + 1) * plane;
    for (let y = 0; y < L; y++) {
      const row = base + <usize>(y * L);
      const below = base + <usize>((y == L - 1 ? 0 : y + 1) * L);
      const ahead = front + <usize>(y * L);
      for (let x = 0; x < L; x++) {
        const s = <i32>load<i8>(row + x);
        const right = <i32>load<i8>(row + (x == L - 1 ? 0 : x + 1));
        let n = right + <i32>load<i8>(below + x);
        if (g.cubic()) n += <i32>load<i8>(ahead + x);
        b += s * n;
        m += s;
      }
    }
  }
  bondSum = b;
  magnetization = m;
}

// @ts-ignore: decorator
@inline
function sweepWith<G>(sweeps: i32, record: bool, heatBath: bool): f64 {
  const g = changetype<G>(0);
  const Z = g.degree();
  const size = L;
  const plane = <usize>size * <usize>size;
  const depth = g.depth(size);
  const table = heatBath ? heatBathTable : metropolisTable;
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  let b = bondSum, m = magnetization;
  let changed: i64 = 0;
  for (let k = 0; k < sweeps; k++) {
    for (let colour = 0; colour < 2; colour++) {
      for (let z = 0; z < depth; z++) {
        const base = spins + <usize>z * plane;
        const front = spins + <usize>(z == depth - 1 ? 0 : z + 1) * plane;
        const back = spins + <usize>(z == 0 ? depth - 1 : z - 1) * plane;
        for (let y = 0; y < size; y++) {
          const row = base + <usize>(y * size);
          const above = base + <usize>((y == 0 ? size - 1 : y - 1) * size);
          const below = base + <usize>((y == size - 1 ? 0 : y + 1) * size);
          const ahead = front + <usize>(y * size);
          const behind = back + <usize>(y * size);
          for (let x = (y + z + colour) & 1; x < size; x += 2) {
            const left = x == 0 ? size - 1 : x - 1;
            const right = x == size - 1 ? 0 : x + 1;
            const s = <i32>load<i8>(row + x);
            let nsum = <i32>load<i8>(row + left) + <i32>load<i8>(row + right)
              + <i32>load<i8>(above + x) + <i32>load<i8>(below + x);
            if (g.cubic()) nsum += <i32>load<i8>(ahead + x) + <i32>load<i8>(behind + x);
            // xoshiro128** step, state in locals
            const r = rotl<u32>(x1 * 5, 7) * 9;
            const t = x1 << 9;
            x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
            let flip: i32;
            if (heatBath) {
              const up = <u64>r < load<u64>(table + (<usize>((nsum + Z) >> 1) << 3));
              flip = <i32>(up != (s > 0));
            } else {
              const index = (s > 0 ? Z + 1 : 0) + ((nsum + Z) >> 1);
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

/** The sweeps of the instance's lattice. */
function sweepLattice(sweeps: i32, record: bool, heatBath: bool): f64 {
  if (D == 3) {
    if (record) return heatBath ? sweepWith<Cubic>(sweeps, true, true) : sweepWith<Cubic>(sweeps, true, false);
    return heatBath ? sweepWith<Cubic>(sweeps, false, true) : sweepWith<Cubic>(sweeps, false, false);
  }
  if (record) return heatBath ? sweepWith<Square>(sweeps, true, true) : sweepWith<Square>(sweeps, true, false);
  return heatBath ? sweepWith<Square>(sweeps, false, true) : sweepWith<Square>(sweeps, false, false);
}

/**
 * Runs `sweeps` checkerboard Metropolis sweeps. When `record` is non-zero, writes one
 * (bondSum, magnetization) record per sweep into the series region (sweeps <= SERIES_CAPACITY).
 * Returns the number of flipped spins, or -1 if the record request does not fit.
 */
export function sweepMetropolis(sweeps: i32, record: i32): f64 {
  if (record != 0 && sweeps > SERIES_CAPACITY) return -1;
  return sweepLattice(sweeps, record != 0, false);
}

/** Heat-bath sweeps; same contract as sweepMetropolis. */
export function sweepHeatBath(sweeps: i32, record: i32): f64 {
  if (record != 0 && sweeps > SERIES_CAPACITY) return -1;
  return sweepLattice(sweeps, record != 0, true);
}
