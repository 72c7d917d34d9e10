// q-state Potts model on a periodic L x L square lattice: local updates, measurements, block spins.
//
//   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   s_i in {0 .. q-1},  J = 1, k_B = 1.
//
// The lattice is the byte lattice of assembly/ising2d.ts (spinsPtr(), reserved by init(L)): one
// byte a site holding the state 0 .. q-1, row-major (index y * L + x), so that every kernel of the
// instance (the cluster engine too) works on the same lattice. pottsInit(q), called once after
// init(L), reserves what Potts adds (regions below). The kernel keeps two exact counts up to date:
// Nb = sum over the 2N bonds (each site to its right and lower neighbour) of delta(s_i, s_j), and
// n_k = the number of sites in state k. The energy is E = -Nb - h n_0. The TypeScript twin is
// src/models/potts/kernel-js.ts; every table comes from src/models/potts/kernel.ts and is installed
// verbatim in both, and neither does floating-point arithmetic in an update.
//
// Neighbours of site (x, y), in this order (positions 0 .. 3): left (x - 1), right (x + 1),
// up (y - 1), down (y + 1), periodic. c(k) = the number of neighbours in state k.
//
// ## Metropolis: stream contract
// A sweep is the half-sweep of colour 0 ((x + y) even), then that of colour 1. A half-sweep of
// colour c visits the rows y = 0 .. L-1 in order. For each row:
//  1. Lane generators. The row takes the next 16 outputs o_0 .. o_15 of the simulation's generator
//     (xoshiro128**, assembly/rng.ts); fmix32(o_t) (MurmurHash3's finaliser) is word t >> 2 of lane
//     generator t & 3 (g = 0 .. 3, each a xoshiro128** state; one whose four words are all zero
//     gets word 0 = 1), exactly as the packed Ising kernel seeds its rows (assembly/packed.ts).
//  2. Chunks and planes. The row is cut into J = ceil(L / 32) chunks of 32 sites, x = 32 j + i,
//     i = 0 .. 31 (the last chunk holds the L mod 32 sites left, if any). Lane k = 0, 1, ... of a
//     chunk is its k-th site of colour c: i = 2k + p, p = (y + c) & 1 (16 lanes, fewer in a short
//     last chunk). A plane is 16 random bytes: one step of each lane generator g, whose output gives
//     bytes 4g .. 4g + 3 (byte 4g + b = bits 8b .. 8b + 7); a pair is a U-plane, then an A-plane.
//     The row first draws J pairs, pair j for chunk j.
//  3. Lane k has two uniform 32-bit numbers U and A, whose top bytes are byte k of its chunk's U-plane
//     and A-plane. It proposes d = floor(U (q - 1) / 2^32), s' = (s + 1 + d) mod q (a uniformly
//     random other state), and accepts when A < t, the threshold
//     table[(c(s') - c(s) + 4) + 9 (delta(s', 0) - delta(s, 0) + 1)] (POTTS_METROPOLIS_ENTRIES u64
//     entries, threshold(min(1, exp(-beta dE))) of src/thresholds.ts; t = 2^32 accepts always).
//     Knowing the top 8r bits P of U and Q of A, the lane is decided when
//       - d is known: r = 4, or (P (q - 1)) mod 2^(8r) + q - 1 <= 2^(8r) (every U with that prefix
//         gives the same d), and
//       - A < t is known: t = 2^32, or r = 4, or Q differs from the top 8r bits of t.
//     The decision is then exactly A < t, as a comparison of two full 32-bit numbers would give.
//     Chunks are visited in order j = 0, 1, ...; their lanes decided by the top bytes take s' when
//     accepted, the others are queued (in chunk order, then lane order).
//  4. After the last chunk, each queued lane in turn draws pairs from the row's lane generators while
//     it is undecided: byte k of the r-th pair's U-plane and A-plane are byte r + 1 of U and of A
//     (r = 1, 2, 3; after 4 bytes every lane is decided). Lanes of one colour are independent (their
//     neighbours have the other colour), so the order of their updates within a row does not matter.
// The main generator is used for nothing else in a Metropolis sweep. A lane is decided by its top
// bytes in all but about 1/256 of the cases (always, when q - 1 is a power of two, but for the 1/256
// of A whose top byte equals t's). The pairs of a row do not depend on the lattice, so a row draws
// them in one tight loop; the SIMD build then updates the 16 lanes of a chunk at once (the sites of
// colour c gathered into one v128 and scattered back) and goes lane by lane through a short last
// chunk. The scalar build, and lattices with L < 32, go lane by lane (laneByLane), with the same
// contract; queued lanes are finished by decideLane in both.
//
// ## Heat bath: stream contract
// Sites in the order of the Ising byte kernel: colour 0, rows y = 0 .. L-1, x = (y & 1), +2, ...;
// then colour 1. Exactly one output r of the simulation's generator per site. The new state is k
// with probability proportional to exp(beta (c(k) + h delta(k, 0))), read from tables:
//   key = the partition key of the neighbours (bit 0: left = right, 1: left = up, 2: right = up,
//         3: left = down, 4: right = down, 5: up = down); part = partitions[key];
//   z = the first position whose neighbour is in state 0 (0 .. 3), or 4 when none is;
//   pattern = part * 5 + z; g = the number of its 5 cumulative thresholds that are <= r;
//   source = sources[pattern * 8 + g]: 0 .. 3 -> the state of that neighbour; 4 -> state 0;
//   5 -> one of the m = q - G other states (G = sources[pattern * 8 + 6] groups): with
//   T = threshold g - 1, the j-th smallest state not among the neighbours and not 0, where
//   j = floor((r - T) m / (2^32 - T)).
// The groups are the distinct neighbour states in order of first appearance, then state 0 when no
// neighbour has it (src/models/potts/kernel.ts, pottsHeatBathTables).
//
// ## Regions (pottsInit, after init(L)'s; each 64-byte aligned)
//   [metropolis]   32 x u64   thresholds (POTTS_METROPOLIS_ENTRIES used), written by the wrapper
//   [bytes]        6 x 16 B   derived by pottsPrepare: top byte and "always" mask of every threshold
//                             (entries 0..15, 16..31), then the same for the 9 zero-field entries
//   [partitions]   POTTS_PARTITION_KEYS x u8
//   [heat bath]    POTTS_HEATBATH_PATTERNS x POTTS_HEATBATH_GROUPS x u64 cumulative thresholds
//   [sources]      POTTS_HEATBATH_PATTERNS x POTTS_SOURCE_STRIDE x u8
//   [counts]       POTTS_MAX_Q x i32: n_k
//   [scratch]      lane generators (4 x v128: word w of generators 0..3), the pair a queued lane
//                  draws (2 x 16 B), 2 x v128 (SIMD count pass; heat bath's candidate states), the RG
//                  block histogram (POTTS_MAX_Q x i32) and its list of states seen (POTTS_MAX_Q x u8)
//   [records]      POTTS_RECORD_WORDS x i32: per-sweep records [Nb, n_0 .. n_{q-1}]
//   [row planes]   ceil(L / 32) x 32 B: the current row's pairs (U-plane, A-plane)
//   [queue]        ceil(L / 32) x 16 x i32: the x of the row's queued lanes
// Reserved on first use: [correlations] (pottsCorrelations), [patterns] (pottsRgConfigure); the
// block pyramid is assembly/rg.ts's (rgConfigure), and so is the RG stream.

import { reserve } from "./memory";
import * as rng from "./rng";
import { latticeDimension, latticeSites, latticeSize, spinsPtr } from "./ising2d";
import { fmix32 } from "./packed";
import { rgConfigure, rgLevelPtr, rgNext } from "./rg";

/** Largest q (one byte a site). */
export const POTTS_MAX_Q: i32 = 256;
/** Metropolis thresholds: index (dc + 4) + 9 (dz + 1). */
export const POTTS_METROPOLIS_ENTRIES: i32 = 27;
/** Heat-bath patterns: 15 partitions of the 4 neighbours x 5 positions of state 0. */
export const POTTS_HEATBATH_PATTERNS: i32 = 75;
/** Cumulative thresholds per heat-bath pattern. */
export const POTTS_HEATBATH_GROUPS: i32 = 5;
/** Bytes per heat-bath pattern in the source table. */
export const POTTS_SOURCE_STRIDE: i32 = 8;
/** Keys of the partition map (one bit per pair of neighbours). */
export const POTTS_PARTITION_KEYS: i32 = 64;
/** Words of the record region: pottsRecordCapacity() = POTTS_RECORD_WORDS / (q + 1) records a call. */
export const POTTS_RECORD_WORDS: i32 = 65536;
/** Most block configurations counted per RG level (q^(b^2)). */
export const POTTS_MAX_PATTERNS: i32 = 65536;
/** Block rules of pottsRgBuild. */
export const POTTS_RG_MAJORITY: i32 = 0;
export const POTTS_RG_DECIMATION: i32 = 1;

const ALWAYS: u64 = 0x1_0000_0000;
/** Chunks between two flushes of the SIMD byte accumulators (each moves by at most 4 a chunk). */
const FLUSH_CHUNKS: i32 = 16;
/** Proposal modes: q = 2 (d = 0), q - 1 a power of two (d = top bits of U), any other q. */
const PROPOSE_BINARY: i32 = 0;
const PROPOSE_POW2: i32 = 1;
const PROPOSE_GENERAL: i32 = 2;

let L: i32 = 0;
let q: i32 = 0;
let spins: usize = 0;
let metropolis: usize = 0;
let byteTables: usize = 0;
let partitions: usize = 0;
let heatBath: usize = 0;
let sources: usize = 0;
let counts: usize = 0;
let lanes: usize = 0;
let planes: usize = 0;
let save: usize = 0;
let hist: usize = 0;
let seen: usize = 0;
let records: usize = 0;
let rowPlanes: usize = 0;
let queue: usize = 0;
let bondCount: i32 = 0;
let proposeMode: i32 = PROPOSE_GENERAL;
let proposeShift: i32 = 0;
let fieldFree: bool = false;

/**
 * Reserves the Potts regions for q states over the lattice of init(L) (call once, after init),
 * and sets every site to state 0. Returns 0, or -1 when memory cannot grow that far.
 */
export function pottsInit(states: i32): i32 {
  const m = reserve(32 * 8);
  const b = reserve(6 * 16);
  const p = reserve(<usize>POTTS_PARTITION_KEYS);
  const h = reserve(<usize>(POTTS_HEATBATH_PATTERNS * POTTS_HEATBATH_GROUPS) * 8);
  const s = reserve(<usize>(POTTS_HEATBATH_PATTERNS * POTTS_SOURCE_STRIDE));
  const c = reserve(<usize>POTTS_MAX_Q * 4);
  const x = reserve(64 + 32 + 32 + <usize>POTTS_MAX_Q * 5);
  const r = reserve(<usize>POTTS_RECORD_WORDS * 4);
  const chunks = <usize>((latticeSize() + 31) >> 5);
  const w = reserve(chunks * 32);
  const e = reserve(chunks * 16 * 4);
  if (m == 0 || b == 0 || p == 0 || h == 0 || s == 0 || c == 0 || x == 0 || r == 0 || w == 0 || e == 0) return -1;
  rowPlanes = w;
  queue = e;
  L = latticeSize();
  q = states;
  spins = spinsPtr();
  metropolis = m;
  byteTables = b;
  partitions = p;
  heatBath = h;
  sources = s;
  counts = c;
  lanes = x;
  planes = x + 64;
  save = x + 96;
  hist = x + 128;
  seen = hist + <usize>POTTS_MAX_Q * 4;
  records = r;
  const qm1 = q - 1;
  if (qm1 == 1) proposeMode = PROPOSE_BINARY;
  else if ((qm1 & (qm1 - 1)) == 0) { proposeMode = PROPOSE_POW2; proposeShift = 8 - (31 - clz<i32>(qm1)); }
  else proposeMode = PROPOSE_GENERAL;
  pottsFillCold();
  return 0;
}

export function pottsQ(): i32 { return q; }
export function pottsMetropolisPtr(): usize { return metropolis; }
export function pottsPartitionsPtr(): usize { return partitions; }
export function pottsHeatBathPtr(): usize { return heatBath; }
export function pottsSourcesPtr(): usize { return sources; }
export function pottsCountsPtr(): usize { return counts; }
export function pottsRecordsPtr(): usize { return records; }
export function pottsBondCount(): i32 { return bondCount; }
/** Records one call can write: POTTS_RECORD_WORDS / (q + 1). */
export function pottsRecordCapacity(): i32 { return POTTS_RECORD_WORDS / (q + 1); }

/**
 * Derives the SIMD byte tables from the Metropolis thresholds (call after writing them): for each
 * entry its top byte (0 when t = 2^32) and a mask 0xff when t = 2^32; and whether the table does not
 * depend on dz (zero field), when the 9 entries of dz = 0 serve every lane.
 */
export function pottsPrepare(): void {
  memory.fill(byteTables, 0, 6 * 16);
  let free = true;
  for (let e = 0; e < POTTS_METROPOLIS_ENTRIES; e++) {
    const t = load<u64>(metropolis + (<usize>e << 3));
    store<u8>(byteTables + <usize>e, t >= ALWAYS ? 0 : <u8>(t >> 24));
    store<u8>(byteTables + 32 + <usize>e, t >= ALWAYS ? 0xff : 0);
    if (e < 9) {
      const t0 = load<u64>(metropolis + (<usize>(e + 9) << 3));
      const t1 = load<u64>(metropolis + (<usize>(e + 18) << 3));
      if (t != t0 || t != t1) free = false;
      store<u8>(byteTables + 64 + <usize>e, t0 >= ALWAYS ? 0 : <u8>(t0 >> 24));
      store<u8>(byteTables + 80 + <usize>e, t0 >= ALWAYS ? 0xff : 0);
    }
  }
  fieldFree = free;
}

/** Cold start: every site in state 0. */
export function pottsFillCold(): void {
  memory.fill(spins, 0, <usize>latticeSites());
  pottsRecount();
}

/** Hot start: site i (in site order) takes the high word of r_i * q, r_i the i-th generator output. */
export function pottsFillHot(): void {
  const n = <usize>latticeSites();
  for (let i: usize = 0; i < n; i++) {
    store<u8>(spins + i, <u8>((<u64>rng.next() * <u64>q) >> 32));
  }
  pottsRecount();
}

/** Recounts Nb and n_k from the lattice (after the wrapper or another kernel wrote it). Returns the number of sites with a state >= q. */
export function pottsRecount(): i32 {
  memory.fill(counts, 0, <usize>POTTS_MAX_Q * 4);
  let b: i32 = 0;
  let bad: i32 = 0;
  // the cubic lattice (assembly/lattice.ts) adds the bond of every site to its front neighbour
  const cubic = latticeDimension() == 3;
  const depth = cubic ? L : 1;
  const plane = <usize>L * <usize>L;
  for (let z = 0; z < depth; z++) {
    const base = spins + <usize>z * plane;
    const front = spins + <usize>(z == depth - 1 ? 0 : z + 1) * plane;
    for (let y = 0; y < L; y++) {
      const row = base + <usize>(y * L);
      const below = base + <usize>((y == L - 1 ? 0 : y + 1) * L);
      const ahead = front + <usize>(y * L);
      for (let x = 0; x < L; x++) {
        const s = <i32>load<u8>(row + x);
        b += <i32>(s == <i32>load<u8>(row + (x == L - 1 ? 0 : x + 1))) + <i32>(s == <i32>load<u8>(below + x));
        if (cubic) b += <i32>(s == <i32>load<u8>(ahead + x));
        bad += <i32>(s >= q);
        const at = counts + (<usize>s << 2);
        store<i32>(at, load<i32>(at) + 1);
      }
    }
  }
  bondCount = b;
  return bad;
}

/**
 * Sets Nb after another kernel (e.g. a cluster update on this lattice) changed states and kept the
 * counts itself; n_k are at pottsCountsPtr().
 */
export function pottsSetBondCount(b: i32): void { bondCount = b; }

// @ts-ignore: decorator
@inline
function writeRecord(at: usize): void {
  store<i32>(at, bondCount);
  memory.copy(at + 4, counts, <usize>q << 2);
}

// ---------------------------------------------------------------------------------------------
// Metropolis

/** Seeds the row's lane generators from the next 16 outputs of the simulation's generator. */
function seedRow(): void {
  for (let t = 0; t < 16; t++) store<u32>(lanes + (<usize>t << 2), fmix32(rng.next()));
  for (let g = 0; g < 4; g++) {
    const w = lanes + (<usize>g << 2);
    if ((load<u32>(w) | load<u32>(w, 16) | load<u32>(w, 32) | load<u32>(w, 48)) == 0) store<u32>(w, 1);
  }
}

/** Draws one plane into `at` (16 bytes): one step of each lane generator, scalar. */
function drawPlane(at: usize): void {
  for (let g = 0; g < 4; g++) {
    const w = lanes + (<usize>g << 2);
    let x0 = load<u32>(w), x1 = load<u32>(w, 16), x2 = load<u32>(w, 32), x3 = load<u32>(w, 48);
    store<u32>(at + (<usize>g << 2), rotl<u32>(x1 * 5, 7) * 9);
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
    store<u32>(w, x0); store<u32>(w, x1, 16); store<u32>(w, x2, 32); store<u32>(w, x3, 48);
  }
}

/** Draws the row's J = ceil(L / 32) pairs into rowPlanes (pair j: U-plane at 32 j, A-plane at 32 j + 16). */
function drawRowPlanes(): void {
  const pairs = (L + 31) >> 5;
  if (ASC_FEATURE_SIMD) {
    let g0 = v128.load(lanes), g1 = v128.load(lanes, 16), g2 = v128.load(lanes, 32), g3 = v128.load(lanes, 48);
    for (let j = 0; j < 2 * pairs; j++) {
      v128.store(rowPlanes + (<usize>j << 4), planeOf(g1));
      const sh = i32x4.shl(g1, 9);
      g2 = v128.xor(g2, g0); g3 = v128.xor(g3, g1); g1 = v128.xor(g1, g2); g0 = v128.xor(g0, g3);
      g2 = v128.xor(g2, sh); g3 = v128.or(i32x4.shl(g3, 11), i32x4.shr_u(g3, 21));
    }
    v128.store(lanes, g0); v128.store(lanes, g1, 16); v128.store(lanes, g2, 32); v128.store(lanes, g3, 48);
  } else {
    // the generators are independent: one at a time, its state in locals
    for (let g = 0; g < 4; g++) {
      const w = lanes + (<usize>g << 2);
      let x0 = load<u32>(w), x1 = load<u32>(w, 16), x2 = load<u32>(w, 32), x3 = load<u32>(w, 48);
      for (let j = 0; j < 2 * pairs; j++) {
        store<u32>(rowPlanes + (<usize>j << 4) + (<usize>g << 2), rotl<u32>(x1 * 5, 7) * 9);
        const t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
      }
      store<u32>(w, x0); store<u32>(w, x1, 16); store<u32>(w, x2, 32); store<u32>(w, x3, 48);
    }
  }
}

/**
 * Decides lane k (site x of `row`) from the top r bytes u of U and a of A (the contract above).
 * Returns 1 when the move is accepted (and applies it: lattice, Nb, n_k), 0 when it is rejected,
 * -1 when the lane is still undecided.
 */
function decideLane(row: usize, up: usize, down: usize, x: i32, u: u64, a: u64, r: i32): i32 {
  const qm1 = <u64>(q - 1);
  const bits = <u64>(r << 3);
  const xq = u * qm1;
  if (r < 4 && (xq & ((<u64>1 << bits) - 1)) + qm1 > (<u64>1 << bits)) return -1;
  const s = <i32>load<u8>(row + <usize>x);
  const nl = <i32>load<u8>(row + <usize>(x == 0 ? L - 1 : x - 1));
  const nr = <i32>load<u8>(row + <usize>(x == L - 1 ? 0 : x + 1));
  const nu = <i32>load<u8>(up + <usize>x);
  const nd = <i32>load<u8>(down + <usize>x);
  let sn = s + 1 + <i32>(xq >> bits);
  if (sn >= q) sn -= q;
  const dc = <i32>(nl == sn) + <i32>(nr == sn) + <i32>(nu == sn) + <i32>(nd == sn)
    - <i32>(nl == s) - <i32>(nr == s) - <i32>(nu == s) - <i32>(nd == s);
  const dz = <i32>(sn == 0) - <i32>(s == 0);
  const t = load<u64>(metropolis + (<usize>(dc + 13 + 9 * dz) << 3));
  if (t < ALWAYS) {
    const tp = t >> (32 - bits);
    if (r < 4 && a == tp) return -1;
    if (a >= tp) return 0;
  }
  store<u8>(row + <usize>x, <u8>sn);
  bondCount += dc;
  const from = counts + (<usize>s << 2), to = counts + (<usize>sn << 2);
  store<i32>(from, load<i32>(from) - 1);
  store<i32>(to, load<i32>(to) + 1);
  return 1;
}

/** Finishes the row's queued lanes (step 4 of the contract); returns the sites changed. */
function finishQueue(row: usize, up: usize, down: usize, queued: i32): i32 {
  let changed = 0;
  for (let e = 0; e < queued; e++) {
    const x = load<i32>(queue + (<usize>e << 2));
    const k = (x >> 1) & 15;
    const at = rowPlanes + (<usize>(x >> 5) << 5) + <usize>k;
    let u = <u64>load<u8>(at);
    let a = <u64>load<u8>(at, 16);
    for (let r = 2; ; r++) {
      drawPlane(planes);
      drawPlane(planes + 16);
      u = (u << 8) | <u64>load<u8>(planes + <usize>k);
      a = (a << 8) | <u64>load<u8>(planes + 16 + <usize>k);
      const decided = decideLane(row, up, down, x, u, a, r);
      if (decided >= 0) { changed += decided; break; }
    }
  }
  return changed;
}

/** Lanes queued in the current row (laneByLane and rowSimd append; finishQueue empties). */
let queued: i32 = 0;

/**
 * The lanes x = from, from + 2, ... < L of a row by their top bytes (step 3 of the contract): decided
 * lanes updated without a data-dependent branch, the others queued. Returns the sites changed.
 */
function laneByLane(row: usize, up: usize, down: usize, from: i32): i32 {
  const size = L;
  const states = q;
  const qm1 = states - 1;
  const top = byteTables;
  const always = byteTables + 32;
  let b = 0;
  let changed = 0;
  for (let x = from; x < size; x += 2) {
    const at = rowPlanes + (<usize>(x >> 5) << 5) + <usize>((x >> 1) & 15);
    const xq = <i32>load<u8>(at) * qm1;
    const a = <i32>load<u8>(at, 16);
    const s = <i32>load<u8>(row + <usize>x);
    const nl = <i32>load<u8>(row + <usize>(x == 0 ? size - 1 : x - 1));
    const nr = <i32>load<u8>(row + <usize>(x == size - 1 ? 0 : x + 1));
    const nu = <i32>load<u8>(up + <usize>x);
    const nd = <i32>load<u8>(down + <usize>x);
    let sn = s + 1 + (xq >> 8);
    sn = select(sn - states, sn, sn >= states);
    const dc = <i32>(nl == sn) + <i32>(nr == sn) + <i32>(nu == sn) + <i32>(nd == sn)
      - <i32>(nl == s) - <i32>(nr == s) - <i32>(nu == s) - <i32>(nd == s);
    const idx = <usize>(dc + 13 + 9 * (<i32>(sn == 0) - <i32>(s == 0)));
    // the threshold's top byte, 256 when it accepts always
    const t = <i32>load<u8>(top + idx) | ((<i32>load<u8>(always + idx) << 1) & 256);
    if (((xq & 255) + qm1 > 256) | (a == t)) {
      store<i32>(queue + (<usize>queued << 2), x);
      queued++;
      continue;
    }
    const accept = <i32>(a < t);
    store<u8>(row + <usize>x, <u8>select(sn, s, accept));
    b += dc & -accept;
    const from = counts + (<usize>s << 2), to = counts + (<usize>sn << 2);
    store<i32>(from, load<i32>(from) - accept);
    store<i32>(to, load<i32>(to) + accept);
    changed += accept;
  }
  bondCount += b;
  return changed;
}

/** A row of colour c, lane by lane (scalar build, or L < 32); pairs already drawn. */
function rowScalar(colour: i32, y: i32): i32 {
  const row = spins + <usize>(y * L);
  const up = spins + <usize>((y == 0 ? L - 1 : y - 1) * L);
  const down = spins + <usize>((y == L - 1 ? 0 : y + 1) * L);
  queued = 0;
  const changed = laneByLane(row, up, down, (y + colour) & 1);
  return changed + finishQueue(row, up, down, queued);
}

/** Sum of the 16 signed bytes of v. */
// @ts-ignore: decorator
@inline
function sumBytes(v: v128): i32 {
  const w = i32x4.extadd_pairwise_i16x8_s(i16x8.extadd_pairwise_i8x16_s(v));
  return i32x4.extract_lane(w, 0) + i32x4.extract_lane(w, 1) + i32x4.extract_lane(w, 2) + i32x4.extract_lane(w, 3);
}

/** One xoshiro128** step of the four lane generators: the plane (their outputs). */
// @ts-ignore: decorator
@inline
function planeOf(g1: v128): v128 {
  const f = i32x4.mul(g1, i32x4.splat(5));
  return i32x4.mul(v128.or(i32x4.shl(f, 7), i32x4.shr_u(f, 25)), i32x4.splat(9));
}

/** Even bytes of a then b (16 bytes: a0, a2, ..., a14, b0, ..., b14). */
// @ts-ignore: decorator
@inline
function evens(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
}

/** Odd bytes of a then b. */
// @ts-ignore: decorator
@inline
function odds(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
}

/** Compile-time choices of rowSimd: the threshold index with dz (a field) or without; lanes on even or odd x. */
class WithField {}
class NoField {}
class EvenSites {}
class OddSites {}

/**
 * A row of colour c, 32 sites a chunk, the 16 sites of colour c gathered into one v128 (SIMD build,
 * L >= 32), pairs already drawn; a short last chunk lane by lane. Lanes undecided by their top bytes are queued. Nb, n_k and the
 * changes are summed in byte lanes and flushed every FLUSH_CHUNKS chunks (n_k in lanes for q <= 4;
 * for larger q the changed lanes are counted one by one).
 */
function rowSimd<Field, Parity>(colour: i32, y: i32): i32 {
  const field = idof<Field>() == idof<WithField>();
  const odd = idof<Parity>() == idof<OddSites>();
  const size = L;
  const row = spins + <usize>(y * size);
  const up = spins + <usize>((y == 0 ? size - 1 : y - 1) * size);
  const down = spins + <usize>((y == size - 1 ? 0 : y + 1) * size);
  const ZERO = i8x16.splat(0);
  const ONE = i8x16.splat(1);
  const QM1 = i8x16.splat(<i8>(q - 1));
  const QB = i8x16.splat(<i8>q);
  const LOW = i16x8.splat(0x00ff);
  const LIMIT = i8x16.splat(<i8>(257 - q));
  const mode = proposeMode;
  const shift = proposeShift;
  const K = q - 1; // states 0 .. K-1 counted in lanes when q <= 4
  const laneCounts = q <= 4;
  const topLo = v128.load(byteTables), topHi = v128.load(byteTables, 16);
  const alwLo = v128.load(byteTables, 32), alwHi = v128.load(byteTables, 48);
  const top0 = v128.load(byteTables, 64), alw0 = v128.load(byteTables, 80);
  const chunks = size >> 5;
  const tail = (size & 31) != 0;
  let c0 = v128.load(row), c1 = v128.load(row, 16);
  // the other colour's sites of the previous chunk (even x: their odd sites), for the left neighbour of lane 0
  let before = odd ? ZERO : odds(v128.load(row + <usize>(size - 32)), v128.load(row + <usize>(size - 16)));
  let nbAcc = ZERO, chAcc = ZERO, n0 = ZERO, n1 = ZERO, n2 = ZERO;
  let changed = 0;
  let pending = 0;
  queued = 0;
  for (let j = 0; j < chunks; j++) {
    const off = <usize>(j << 5);
    // the next chunk (chunk 0 after the last; nothing is read past the row when a short chunk follows)
    const last = j + 1 == chunks;
    const nextOff = last ? 0 : off + 32;
    const next0 = last && tail ? ZERO : v128.load(row + nextOff);
    const next1 = last && tail ? ZERO : v128.load(row + nextOff, 16);
    let s: v128, left: v128, right: v128, other: v128;
    if (odd) {
      s = odds(c0, c1);
      other = evens(c0, c1); // x - 1
      left = other;
      // x + 1: the next even site, for lane 15 the first site of the next chunk
      const after = last && tail ? i8x16.splat(load<u8>(row + off + 32)) : evens(next0, next1);
      right = i8x16.shuffle(other, after, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    } else {
      s = evens(c0, c1);
      other = odds(c0, c1); // x + 1
      right = other;
      left = i8x16.shuffle(before, other, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
      before = other;
    }
    const u0 = v128.load(up + off), u1 = v128.load(up + off, 16);
    const d0 = v128.load(down + off), d1 = v128.load(down + off, 16);
    const vu = odd ? odds(u0, u1) : evens(u0, u1);
    const vd = odd ? odds(d0, d1) : evens(d0, d1);
    const ub = v128.load(rowPlanes + off);
    const ab = v128.load(rowPlanes + off, 16);
    // proposal d from U's top byte
    let d = ZERO;
    let und = ZERO;
    if (mode == PROPOSE_POW2) {
      d = i8x16.shr_u(ub, shift);
    } else if (mode == PROPOSE_GENERAL) {
      const lo = i16x8.extmul_low_i8x16_u(ub, QM1);
      const hi = i16x8.extmul_high_i8x16_u(ub, QM1);
      d = i8x16.narrow_i16x8_u(i16x8.shr_u(lo, 8), i16x8.shr_u(hi, 8));
      und = i8x16.gt_u(i8x16.narrow_i16x8_u(v128.and(lo, LOW), v128.and(hi, LOW)), LIMIT);
    }
    const wrap = i8x16.ge_u(d, i8x16.sub(QM1, s));
    const sn = i8x16.sub(i8x16.add(i8x16.add(s, d), ONE), v128.and(wrap, QB));
    const cold = i8x16.add(i8x16.add(i8x16.eq(left, s), i8x16.eq(right, s)), i8x16.add(i8x16.eq(vu, s), i8x16.eq(vd, s)));
    const cnew = i8x16.add(i8x16.add(i8x16.eq(left, sn), i8x16.eq(right, sn)), i8x16.add(i8x16.eq(vu, sn), i8x16.eq(vd, sn)));
    const dc = i8x16.sub(cold, cnew); // c(s') - c(s)
    let top: v128, alw: v128;
    if (field) {
      const dz = i8x16.sub(i8x16.eq(s, ZERO), i8x16.eq(sn, ZERO)); // delta(s', 0) - delta(s, 0)
      const idx = i8x16.add(i8x16.add(dc, i8x16.splat(13)), i8x16.add(i8x16.shl(dz, 3), dz));
      const idxHi = i8x16.sub(idx, i8x16.splat(16));
      top = v128.or(i8x16.swizzle(topLo, idx), i8x16.swizzle(topHi, idxHi));
      alw = v128.or(i8x16.swizzle(alwLo, idx), i8x16.swizzle(alwHi, idxHi));
    } else {
      const idx = i8x16.add(dc, i8x16.splat(4));
      top = i8x16.swizzle(top0, idx);
      alw = i8x16.swizzle(alw0, idx);
    }
    und = v128.or(und, v128.andnot(i8x16.eq(ab, top), alw));
    const m = v128.andnot(v128.or(alw, i8x16.lt_u(ab, top)), und);
    const nv = v128.bitselect(sn, s, m);
    if (odd) {
      v128.store(row + off, i8x16.shuffle(other, nv, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
      v128.store(row + off, i8x16.shuffle(other, nv, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), 16);
    } else {
      v128.store(row + off, i8x16.shuffle(nv, other, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
      v128.store(row + off, i8x16.shuffle(nv, other, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), 16);
    }
    nbAcc = i8x16.add(nbAcc, v128.and(dc, m));
    chAcc = i8x16.sub(chAcc, m);
    if (laneCounts) {
      n0 = i8x16.add(n0, i8x16.sub(i8x16.eq(s, ZERO), i8x16.eq(nv, ZERO)));
      if (K > 1) n1 = i8x16.add(n1, i8x16.sub(i8x16.eq(s, ONE), i8x16.eq(nv, ONE)));
      if (K > 2) n2 = i8x16.add(n2, i8x16.sub(i8x16.eq(s, i8x16.splat(2)), i8x16.eq(nv, i8x16.splat(2))));
    } else {
      let bits = i8x16.bitmask(m);
      if (bits != 0) {
        v128.store(save, s);
        v128.store(save, sn, 16);
        while (bits != 0) {
          const i = <usize>ctz<i32>(bits);
          bits &= bits - 1;
          const from = counts + (<usize>load<u8>(save + i) << 2), to = counts + (<usize>load<u8>(save + 16 + i) << 2);
          store<i32>(from, load<i32>(from) - 1);
          store<i32>(to, load<i32>(to) + 1);
        }
      }
    }
    if (v128.any_true(und)) {
      // lanes that need more bytes: queued for the end of the row
      let bits = i8x16.bitmask(und);
      while (bits != 0) {
        store<i32>(queue + (<usize>queued << 2), (j << 5) + 2 * ctz<i32>(bits) + (odd ? 1 : 0));
        queued++;
        bits &= bits - 1;
      }
    }
    c0 = next0;
    c1 = next1;
    if (++pending == FLUSH_CHUNKS || j == chunks - 1) {
      bondCount += sumBytes(nbAcc);
      changed += sumBytes(chAcc);
      if (laneCounts) {
        const e0 = sumBytes(n0), e1 = K > 1 ? sumBytes(n1) : 0, e2 = K > 2 ? sumBytes(n2) : 0;
        store<i32>(counts, load<i32>(counts) + e0);
        if (K > 1) store<i32>(counts, load<i32>(counts, 4) + e1, 4);
        if (K > 2) store<i32>(counts, load<i32>(counts, 8) + e2, 8);
        const last = counts + (<usize>K << 2);
        store<i32>(last, load<i32>(last) - e0 - e1 - e2);
      }
      nbAcc = ZERO; chAcc = ZERO; n0 = ZERO; n1 = ZERO; n2 = ZERO;
      pending = 0;
    }
  }
  // the short last chunk, lane by lane
  if (tail) changed += laneByLane(row, up, down, (chunks << 5) + (odd ? 1 : 0));
  return changed + finishQueue(row, up, down, queued);
}

/** One Metropolis sweep (the contract above); returns the sites changed. */
function metropolisSweep(): i32 {
  let changed = 0;
  const simd = L >= 32;
  const field = !fieldFree;
  for (let colour = 0; colour < 2; colour++) {
    for (let y = 0; y < L; y++) {
      seedRow();
      drawRowPlanes();
      if (ASC_FEATURE_SIMD) {
        if (!simd) changed += rowScalar(colour, y);
        else if (((y + colour) & 1) != 0) changed += field ? rowSimd<WithField, OddSites>(colour, y) : rowSimd<NoField, OddSites>(colour, y);
        else changed += field ? rowSimd<WithField, EvenSites>(colour, y) : rowSimd<NoField, EvenSites>(colour, y);
      } else {
        changed += rowScalar(colour, y);
      }
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Heat bath

/** One heat-bath sweep (the contract above); returns the sites changed. */
function heatBathSweep(): i32 {
  const size = L;
  const states = q;
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  let b = bondCount;
  let changed = 0;
  for (let colour = 0; colour < 2; colour++) {
    for (let y = 0; y < size; y++) {
      const row = spins + <usize>(y * size);
      const up = spins + <usize>((y == 0 ? size - 1 : y - 1) * size);
      const down = spins + <usize>((y == size - 1 ? 0 : y + 1) * size);
      for (let x = (y + colour) & 1; x < size; x += 2) {
        const s = <i32>load<u8>(row + <usize>x);
        const nl = <i32>load<u8>(row + <usize>(x == 0 ? size - 1 : x - 1));
        const nr = <i32>load<u8>(row + <usize>(x == size - 1 ? 0 : x + 1));
        const nu = <i32>load<u8>(up + <usize>x);
        const nd = <i32>load<u8>(down + <usize>x);
        const key = <i32>(nl == nr) | (<i32>(nl == nu) << 1) | (<i32>(nr == nu) << 2)
          | (<i32>(nl == nd) << 3) | (<i32>(nr == nd) << 4) | (<i32>(nu == nd) << 5);
        // the first position whose neighbour is in state 0, 4 for none (branch-free)
        const z = ctz<i32>(<i32>(nl == 0) | (<i32>(nr == 0) << 1) | (<i32>(nu == 0) << 2) | (<i32>(nd == 0) << 3) | 16);
        const pattern = <usize>(<i32>load<u8>(partitions + <usize>key) * 5 + z);
        // xoshiro128** step, state in locals
        const r = rotl<u32>(x1 * 5, 7) * 9;
        const t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
        const at = heatBath + pattern * 40;
        const r64 = <u64>r;
        const g = <i32>(load<u64>(at) <= r64) + <i32>(load<u64>(at, 8) <= r64) + <i32>(load<u64>(at, 16) <= r64)
          + <i32>(load<u64>(at, 24) <= r64) + <i32>(load<u64>(at, 32) <= r64);
        const src = <usize>load<u8>(sources + (pattern << 3) + <usize>g);
        // the candidates by source: the four neighbours' states, then state 0
        store<u32>(save, <u32>nl | (<u32>nr << 8) | (<u32>nu << 16) | (<u32>nd << 24));
        store<u8>(save, 0, 4);
        let sn = <i32>load<u8>(save + src);
        if (src == 5) {
          // the j-th smallest state that is neither 0 nor a neighbour's
          const groups = <i32>load<u8>(sources + (pattern << 3) + 6);
          const base = load<u64>(at + (<usize>(groups - 1) << 3));
          const m = <u64>(states - groups);
          const j = <i32>(((r64 - base) * m) / (ALWAYS - base));
          const f1 = (key & 1) == 0, f2 = (key & 6) == 0, f3 = (key & 56) == 0;
          sn = j + 1;
          for (;;) {
            const below = <i32>(nl != 0 && nl <= sn) + <i32>(f1 && nr != 0 && nr <= sn)
              + <i32>(f2 && nu != 0 && nu <= sn) + <i32>(f3 && nd != 0 && nd <= sn);
            if (j + 1 + below == sn) break;
            sn = j + 1 + below;
          }
        }
        // branch-free update (a site that keeps its state changes nothing)
        store<u8>(row + <usize>x, <u8>sn);
        b += <i32>(nl == sn) + <i32>(nr == sn) + <i32>(nu == sn) + <i32>(nd == sn)
          - <i32>(nl == s) - <i32>(nr == s) - <i32>(nu == s) - <i32>(nd == s);
        const from = counts + (<usize>s << 2), to = counts + (<usize>sn << 2);
        store<i32>(from, load<i32>(from) - 1);
        store<i32>(to, load<i32>(to) + 1);
        changed += <i32>(sn != s);
      }
    }
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
  bondCount = b;
  return changed;
}

/**
 * Runs `sweeps` Metropolis (heatBath = 0) or heat-bath (heatBath != 0) sweeps. With `record` != 0
 * writes the record [Nb, n_0 .. n_{q-1}] after every sweep into the record region (sweeps <=
 * pottsRecordCapacity()). Returns the number of sites changed, or -1 when the records do not fit.
 */
export function pottsSweep(heatBathFlag: i32, sweeps: i32, record: i32): f64 {
  if (record != 0 && sweeps > pottsRecordCapacity()) return -1;
  let changed: f64 = 0;
  const width = <usize>(q + 1) << 2;
  for (let k = 0; k < sweeps; k++) {
    changed += <f64>(heatBathFlag != 0 ? heatBathSweep() : metropolisSweep());
    if (record != 0) writeRecord(records + <usize>k * width);
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Correlations

let correlations: usize = 0;
let corrScratch: usize = 0;

/** Number of i32 values of one correlation sample (src/models/potts/kernel.ts, pottsCorrelationValues). */
// @ts-ignore: decorator
@inline
function correlationValues(): i32 {
  return (L >> 1) + 1 + 2 * L * q;
}

/** The number of k < n with a[k] = b[k] (bytes). */
// @ts-ignore: decorator
@inline
function equalBytes(a: usize, b: usize, n: i32): i32 {
  let sum = 0;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = i16x8.splat(0);
    for (; k + 16 <= n; k += 16) {
      acc = i16x8.sub(acc, i16x8.extadd_pairwise_i8x16_s(i8x16.eq(v128.load(a + <usize>k), v128.load(b + <usize>k))));
    }
    const w = i32x4.extadd_pairwise_i16x8_s(acc);
    sum = i32x4.extract_lane(w, 0) + i32x4.extract_lane(w, 1) + i32x4.extract_lane(w, 2) + i32x4.extract_lane(w, 3);
  }
  for (; k < n; k++) sum += <i32>(load<u8>(a + <usize>k) == load<u8>(b + <usize>k));
  return sum;
}

export function pottsCorrelationsPtr(): usize { return correlations; }

/**
 * Measures one correlation sample of the current lattice (layout: pottsCorrelationValues of
 * src/models/potts/kernel.ts): C(r) for r = 0 .. L/2, then n_k(y) for every row, then n_k(x) for
 * every column. Reserves its region on first use. Returns 0, or -1 when memory cannot grow.
 */
export function pottsCorrelations(): i32 {
  const values = correlationValues();
  if (correlations == 0) {
    const out = reserve(<usize>values * 4);
    const buf = reserve(<usize>(2 * L));
    if (out == 0 || buf == 0) return -1;
    correlations = out;
    corrScratch = buf;
  }
  const half = L >> 1;
  const rows = correlations + <usize>(half + 1) * 4;
  const cols = rows + <usize>L * <usize>q * 4;
  memory.fill(correlations, 0, <usize>values * 4);
  for (let y = 0; y < L; y++) {
    const row = spins + <usize>(y * L);
    memory.copy(corrScratch, row, <usize>L);
    memory.copy(corrScratch + <usize>L, row, <usize>L);
    for (let r = 0; r <= half; r++) {
      const yr = y + r < L ? y + r : y + r - L;
      const c = equalBytes(row, corrScratch + <usize>r, L) + equalBytes(row, spins + <usize>(yr * L), L);
      const at = correlations + (<usize>r << 2);
      store<i32>(at, load<i32>(at) + c);
    }
    const rowCounts = rows + <usize>y * <usize>q * 4;
    for (let x = 0; x < L; x++) {
      const s = <usize>load<u8>(row + <usize>x);
      const a = rowCounts + (s << 2);
      store<i32>(a, load<i32>(a) + 1);
      const c = cols + (<usize>x * <usize>q + s) * 4;
      store<i32>(c, load<i32>(c) + 1);
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Block spins (RG)
//
// Levels 1..K of b x b blocks live in assembly/rg.ts's pyramid (rgConfigure, rgLevelPtr) and
// majority ties draw from its RG stream (rgNext), a xoshiro128** state of its own. Block (X, Y) of
// level k covers the sites x = bX .. bX + b - 1, y = bY .. bY + b - 1 of level k - 1; levels are
// built in order 1, 2, ..., blocks in row-major order (Y outer, X inner). On the simple cubic
// lattice the blocks are b x b x b: block (X, Y, Z) also covers z = bZ .. bZ + b - 1, blocks go
// Z outer, Y, X inner, and a cell's place in the code is (dz b + dy) b + dx.
//   majority    the state that occurs most often in the block; when t >= 2 states tie for the most,
//               one output r of the RG stream picks the j-th smallest of them, j = floor(r t / 2^32)
//               (for q = 2: state 1 when r >>> 31 is 1, as the Ising rule picks +1).
//   decimation  the state of the block's corner (bX, bY).
// With patterns configured (q^(b^2) <= POTTS_MAX_PATTERNS) each block of levels 0..K-1 adds one count
// at code = sum over its cells of s q^(dy b + dx).

let rgBlock: i32 = 2;
let rgLevels: i32 = 0;
let patterns: usize = 0;
let patternsCapacity: usize = 0;
let patternCount: i32 = 0;

/**
 * Prepares `levels` levels of b^d blocks (b^levels divides L: the wrapper checks), counting block
 * configurations when `withPatterns` != 0 and q^(b^d) <= POTTS_MAX_PATTERNS. Returns 0 or -1 (memory).
 */
export function pottsRgConfigure(b: i32, levels: i32, withPatterns: i32): i32 {
  const d = latticeDimension();
  if (rgConfigure(L, b, levels, 0, d) != 0) return -1;
  rgBlock = b;
  rgLevels = levels;
  const cells = d == 3 ? b * b * b : b * b;
  let n: i64 = 1;
  for (let c = 0; c < cells && n <= <i64>POTTS_MAX_PATTERNS; c++) n *= <i64>q;
  patternCount = withPatterns != 0 && n <= <i64>POTTS_MAX_PATTERNS ? <i32>n : 0;
  if (patternCount > 0) {
    const bytes = <usize>levels * <usize>patternCount * 4;
    if (bytes > patternsCapacity || patterns == 0) {
      const at = reserve(bytes);
      if (at == 0) return -1;
      patterns = at;
      patternsCapacity = bytes;
    }
  }
  return 0;
}

export function pottsRgPatternCount(): i32 { return patternCount; }
export function pottsRgPatternsPtr(): usize { return patterns; }

/** Coarse-grains the n x n (n x n x n on the cubic lattice) level at src into dst; returns the ties broken. */
function coarsenPotts(src: usize, n: i32, dst: usize, majority: bool, counted: usize): i32 {
  const b = rgBlock;
  const m = n / b;
  const cubic = latticeDimension() == 3;
  const depth = cubic ? m : 1;
  const bz = cubic ? b : 1;
  const plane = <usize>n * <usize>n;
  let ties = 0;
  for (let Z = 0; Z < depth; Z++) {
  for (let Y = 0; Y < m; Y++) {
    for (let X = 0; X < m; X++) {
      const corner = src + <usize>(Z * b) * plane + <usize>(Y * b) * <usize>n + <usize>(X * b);
      let state = <i32>load<u8>(corner);
      if (majority || counted != 0) {
        let code: u32 = 0;
        let weight: u32 = 1;
        let most = 0;
        let distinct = 0;
        for (let c = 0; c < bz * b; c++) {
          const row = corner + <usize>(c / b) * plane + <usize>((c % b) * n);
          for (let dx = 0; dx < b; dx++) {
            const s = <u32>load<u8>(row + <usize>dx);
            code += s * weight;
            weight *= <u32>q;
            if (majority) {
              const at = hist + (<usize>s << 2);
              const c = load<i32>(at) + 1;
              if (c == 1) { store<u8>(seen + <usize>distinct, <u8>s); distinct++; }
              store<i32>(at, c);
              if (c > most) most = c;
            }
          }
        }
        if (counted != 0) {
          const at = counted + (<usize>code << 2);
          store<u32>(at, load<u32>(at) + 1);
        }
        if (majority) {
          let tied = 0;
          for (let e = 0; e < distinct; e++) tied += <i32>(load<i32>(hist + (<usize>load<u8>(seen + <usize>e) << 2)) == most);
          let j = 0;
          if (tied > 1) {
            j = <i32>((<u64>rgNext() * <u64>tied) >> 32);
            ties++;
          }
          // the j-th smallest of the tied states
          for (let e = 0; e < distinct; e++) {
            const u = <i32>load<u8>(seen + <usize>e);
            if (load<i32>(hist + (<usize>u << 2)) != most) continue;
            let rank = 0;
            for (let f = 0; f < distinct; f++) {
              const v = <i32>load<u8>(seen + <usize>f);
              rank += <i32>(v < u && load<i32>(hist + (<usize>v << 2)) == most);
            }
            if (rank == j) state = u;
          }
          for (let e = 0; e < distinct; e++) store<i32>(hist + (<usize>load<u8>(seen + <usize>e) << 2), 0);
        }
      }
      store<u8>(dst + <usize>((Z * m + Y) * m + X), <u8>state);
    }
  }
  }
  return ties;
}

/** Builds levels 1..K (rule POTTS_RG_MAJORITY or POTTS_RG_DECIMATION); returns the ties broken. */
export function pottsRgBuild(rule: i32): i32 {
  const majority = rule == POTTS_RG_MAJORITY;
  if (patternCount > 0) memory.fill(patterns, 0, <usize>rgLevels * <usize>patternCount * 4);
  let ties = 0;
  let n = L;
  for (let k = 1; k <= rgLevels; k++) {
    const counted = patternCount > 0 ? patterns + <usize>(k - 1) * <usize>patternCount * 4 : 0;
    ties += coarsenPotts(rgLevelPtr(k - 1), n, rgLevelPtr(k), majority, counted);
    n /= rgBlock;
  }
  return ties;
}
