// Memory layout of one core instance: the contract with src/models/ising/kernel-wasm.ts.
//
// Every instance owns its memory. Regions are reserved in this order by `init(L, d)`
// (assembly/memory.ts: 64-byte aligned, after the static data); kernels that need more
// (cluster labels, packed lattices, block spins) reserve their regions after these on first use:
//
//   [metropolis thresholds]  METROPOLIS_ENTRIES x u64
//   [heat-bath thresholds]   HEATBATH_ENTRIES x u64
//   [series]                 SERIES_CAPACITY records of (i32 bondSum, i32 magnetization)
//   [spins]                  N = L^d x i8, each +1 or -1, in site order (index = (z*L + y)*L + x)
//
// Reserved on first use by other kernels:
//   [correlations]           (L/2 + 1 + 2L) x i32, then a 2L-byte row buffer (assembly/correlation.ts)
// Reserved on first use of a cluster algorithm (assembly/cluster-engine.ts, engineReserve, one reservation):
//   [parent] (N+1) x i32, [work] (N+1) x i32, [decision] N x u8, [sizes] SERIES_CAPACITY x f64,
//   [draw ring] 256 x u32, [ring marks] 32 x 4 x u32
//
// The wrapper reads the offsets through the exported getters, never by recomputing them.

/**
 * Room for the Metropolis thresholds: index = (s > 0 ? Z + 1 : 0) + (nsum + Z) / 2, 2 (Z + 1) entries
 * (10 square, 14 cubic); accept a flip when u32 r < threshold.
 */
export const METROPOLIS_ENTRIES: i32 = 14;
/** Room for the heat-bath thresholds: index = (nsum + Z) / 2, Z + 1 entries; new spin is +1 when u32 r < threshold. */
export const HEATBATH_ENTRIES: i32 = 7;
/** Number of per-sweep records one call can write. */
export const SERIES_CAPACITY: i32 = 4096;
/** Bytes per series record: i32 bond sum, i32 magnetization. */
export const SERIES_RECORD_BYTES: i32 = 8;

export const ALIGN: usize = 64;
export const PAGE_BYTES: usize = 65536;

// @ts-ignore: decorator
@inline
export function alignUp(x: usize): usize {
  return (x + ALIGN - 1) & ~(ALIGN - 1);
}
