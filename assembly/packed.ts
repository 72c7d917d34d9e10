// Packed (multi-spin) checkerboard Metropolis for the 2D Ising model: one bit per spin,
// 128 spins per 128-bit vector, exact acceptance by bit-serial comparison of random digits
// against the 32-bit thresholds of src/thresholds.ts.
//
//   H = -J sum_<ij> s_i s_j - h sum_i s_i,   J = 1, k_B = 1.
//
// The same source builds two cores: with SIMD (v128 ops) and without (two i64 halves per
// vector); ASC_FEATURE_SIMD picks the code at compile time. Both follow the contract below
// bit for bit, and so does the JavaScript twin, src/models/ising/packed-js.ts.
//
// ## Lane layout (L a multiple of 16, B = L / 16)
// Colour c = (x + y) & 1. Row y holds the colour-c sites x = 2j + ((y + c) & 1), j = 0 .. L/2 - 1.
// Colour c is an array of B x B vectors V_c[r][w] (r, w in 0 .. B - 1), 16 bytes each, at
//   lattice + ((c * B + r) * B + w) * 16.
// Bit l = 8 * by + bx of a vector (byte by in 0..15, bit bx in 0..7 of that byte, little-endian)
// is the site y = by * B + r, j = bx * B + w. Bit 1 means s = +1.
// Neighbours of a colour-c site are colour 1 - c sites: same (r, w); rows r -/+ 1 (at the
// edges the row B - 1 / 0 with bytes rotated by one); and (r, w - 1) or (r, w + 1) for sites
// with x even / odd (at the edges the vector w = B - 1 / 0 with bits rotated within each byte).
//
// ## Random stream
// A sweep first draws 32 * B outputs o_t of the generator (src/rng.ts), in the order colour 0
// rows 0..B-1, then colour 1 rows 0..B-1, 16 a row: row word t (0..15) = fmix32(o_t) is word
// t >> 2 of lane generator t & 3 (a generator whose four words are all zero gets word 0 = 1).
// The half-sweep of colour c visits its rows r in order and, within a row, vectors w in order.
// For a vector, the lanes split into classes by spin s and the number a of antiparallel
// neighbours; class (s, a) has threshold t = table[s > 0 ? 9 - a : a] (src/thresholds.ts):
// certain accept if t = 2^32, certain reject if t = 0, undecided otherwise. A plane is one step of
// each of the 4 lane generators (xoshiro128**), output g giving bits 32 g .. 32 g + 31 of the
// plane; lane l takes bit l. A lane compares its plane bits, one plane per bit of its uniform
// number u from the top, with bits 31, 30, ... of its threshold: it is decided at the first bit
// where they differ, accepted iff there u has 0 and t has 1 (u < t), and rejected if all 32 bits
// are equal (u = t). Accepted lanes flip. The planes are drawn in two phases:
//   1. A vector with an undecided lane draws exactly PACKED_PLANES planes (bits 31 .. 32 - K, with
//      K = PACKED_PLANES). Its lanes still undecided then go, in vector order, to the row's queue.
//   2. After the row's last vector, while queued lanes remain, a layer is formed: going through
//      the queue in order, it takes every remaining lane whose lane index l is not yet taken by
//      this layer (first fit); the layer draws planes for bits 31 - K, 31 - K - 1, ... of its lanes
//      until they are all decided or bit 0 was compared, and its accepted lanes flip.
// Every lane so compares fresh random bits with its threshold bit by bit, exactly as one uniform
// 32-bit number per site would. Phase 1 has no data-dependent branch (the queue is written either
// way and its length grows by 0 or 1), so vectors overlap in the processor's pipeline. At T = Tc,
// h = 0 about 57% of vectors queue 1.5 lanes on average, finished in 1.5 layers per row at L = 256
// and 2.8 at L = 1024: 7.2 to 7.4 planes per vector in all, against 8.1 for a vector that draws
// planes until its last lane is decided.
//
// Each row draws from its own lane generators, so any split of the rows of a half-sweep over
// workers gives the same lattice as one thread (src/worker/).

import { SERIES_CAPACITY, SERIES_RECORD_BYTES } from "./layout";
import { reserve } from "./memory";
import * as rng from "./rng";
import { getBondSum, getMagnetization, metropolisTablePtr, recount, seriesPtr, spinsPtr } from "./ising2d";

/** 1 when this core was built with SIMD, 0 for the scalar build. */
export const SIMD: i32 = ASC_FEATURE_SIMD ? 1 : 0;

/** Threshold classes (s, a): index s > 0 ? 9 - a : a, as in the byte kernel's Metropolis table. */
const CLASSES: i32 = 10;
/** Leaf planes: 32 threshold bits (MSB first), then "certain accept", then "undecided at start". */
const PLANE_ACCEPT: i32 = 32;
const PLANE_UNDECIDED: i32 = 33;
const LEAF_PLANES: i32 = 34;
const PLANE_BYTES: usize = <usize>CLASSES * 16;
/** Leaf region: 16-byte header (i32 fast flag), then LEAF_PLANES x CLASSES splats of 16 bytes. */
const LEAF_BYTES: usize = 16 + <usize>LEAF_PLANES * PLANE_BYTES;
/** Planes every vector with an undecided lane draws; its lanes still undecided wait for the end of the row. */
export const PACKED_PLANES: i32 = 7;
/** Bytes of a row-queue entry: w (i32), then 16-byte slots: lanes of the current layer, lanes still undecided, a0, a1, a2. */
const ENTRY_BYTES: usize = 96;
/** Bytes of one seed table with its row queue (per instance: each worker has its own): 4 generators per row, B entries. */
// @ts-ignore: decorator
@inline
function seedTableBytes(b: i32): usize {
  return <usize>b * (128 + ENTRY_BYTES);
}

let L: i32 = 0;
let B: i32 = 0;
let lattice: usize = 0;
let leaves: usize = 0;
let seeds: usize = 0;
let bondSum: i32 = 0;
let magnetization: i32 = 0;
/** False after sweeps that did not track the counters: the getters recount the lattice first. */
let countsValid = true;
/** Census results (packedRecount): up spins and antiparallel neighbour pairs seen from the visited colour. */
let censusUp: i32 = 0;
let censusAnti: i32 = 0;

/** Bytes of the packed lattice for L x L spins (both colours). */
// @ts-ignore: decorator
@inline
function latticeBytes(size: i32): usize {
  return (<usize>size * <usize>size) >> 3;
}

/** Points this instance at packed regions (the owner's after packedInit, or a worker's view of shared memory). */
export function packedAttach(size: i32, latticeAt: usize, leavesAt: usize, seedsAt: usize): void {
  L = size;
  B = size >> 4;
  lattice = latticeAt;
  leaves = leavesAt;
  seeds = seedsAt;
  bondSum = 0;
  magnetization = 0;
  countsValid = true;
}

/**
 * Reserves the packed lattice, the leaf table and one seed table (with its row queue) for an
 * L x L lattice (L a multiple of 16; init(L) first). Returns 0, or -1 when memory cannot grow that far.
 */
export function packedInit(size: i32): i32 {
  const lat = reserve(latticeBytes(size));
  const lv = reserve(LEAF_BYTES);
  const sd = reserve(seedTableBytes(size >> 4));
  if (lat == 0 || lv == 0 || sd == 0) return -1;
  packedAttach(size, lat, lv, sd);
  return 0;
}

/** Reserves one more seed table with its row queue (for a worker); returns its address or 0. */
export function packedReserveSeeds(): usize {
  return reserve(seedTableBytes(B));
}

export function packedLatticePtr(): usize { return lattice; }
/** Linear size L of the packed lattice (for assembly/rg-packed.ts). */
export function packedSize(): i32 { return L; }
export function packedLeavesPtr(): usize { return leaves; }
export function packedSeedsPtr(): usize { return seeds; }
export function getPackedBondSum(): i32 { if (!countsValid) packedRecount(); return bondSum; }
export function getPackedMagnetization(): i32 { if (!countsValid) packedRecount(); return magnetization; }
/** Sets the packed counters (workers start from 0 and report differences). */
export function setPackedCounts(b: i32, m: i32): void { bondSum = b; magnetization = m; countsValid = true; }
/** Marks the counters stale after sweeps that did not track them (workers without records). */
export function packedInvalidateCounts(): void { countsValid = false; }

/**
 * Visits the sites of `planes` square planes of L x L sites (the square lattice: one plane; the
 * cubic lattice, assembly/packed3d.ts: L, each laid out as the square lattice) row by row, two at a
 * time (x = 2j and 2j + 1 share j, and so their vector and bit, in the two colours), without a
 * division per site. Plane z of the byte lattice `spins` (L^2 bytes) is plane z of `packed` (L^2 / 8 bytes).
 */
export function convertPlanes(toPacked: bool, spins: usize, packed: usize, size: i32, planes: i32): void {
  const b = size >> 4;
  const half = size >> 1;
  const planeBytes = (<usize>size * <usize>size) >> 3;
  for (let z = 0; z < planes; z++) {
    const base = packed + <usize>z * planeBytes;
    for (let y = 0; y < size; y++) {
      const by = y / b, r = y - by * b;
      const row = spins + (<usize>z * <usize>size + <usize>y) * <usize>size;
      const c = y & 1; // colour of the even-x site
      const even = base + ((<usize>(c * b + r) * <usize>b) << 4) + <usize>by;
      const odd = base + ((<usize>((c ^ 1) * b + r) * <usize>b) << 4) + <usize>by;
      let bx = 0, w = 0;
      for (let j = 0; j < half; j++) {
        const at = <usize>w << 4;
        const x = row + (<usize>j << 1);
        if (toPacked) {
          const bit = 1 << bx;
          if (load<i8>(x) > 0) store<u8>(even + at, <u8>(<i32>load<u8>(even + at) | bit));
          if (load<i8>(x, 1) > 0) store<u8>(odd + at, <u8>(<i32>load<u8>(odd + at) | bit));
        } else {
          store<i8>(x, <i8>(2 * ((<i32>load<u8>(even + at) >> bx) & 1) - 1));
          store<i8>(x, <i8>(2 * ((<i32>load<u8>(odd + at) >> bx) & 1) - 1), 1);
        }
        if (++w == b) { w = 0; bx++; }
      }
    }
  }
}

/** Packs the byte lattice (assembly/ising2d.ts) into the packed one and copies its counters. */
export function packFromBytes(): void {
  memory.fill(lattice, 0, latticeBytes(L));
  convertPlanes(true, spinsPtr(), lattice, L, 1);
  recount();
  bondSum = getBondSum();
  magnetization = getMagnetization();
  countsValid = true;
}

/** Unpacks into the byte lattice and recounts its bond sum and magnetization. */
export function unpackToBytes(): void {
  convertPlanes(false, spinsPtr(), lattice, L, 1);
  recount();
}

/**
 * Builds the leaf table from the Metropolis thresholds (call after they change): for each
 * plane and class a 16-byte splat of all ones or zeros. Sets the fast flag when the table has
 * the zero-field shape: t(s, a) independent of s, a >= 2 certain accept, a <= 1 undecided (0 < t < 2^32).
 */
export function packedPrepare(): void {
  const table = metropolisTablePtr();
  leafPlanes(table, leaves + 16, CLASSES);
  store<i32>(leaves, zeroFieldShape(table, 4) ? 1 : 0);
  // header bytes 4 .. 4 + PACKED_PLANES - 1: per fixed plane k, bit 31 - k of t(a = 0) | that of t(a = 1) << 1
  for (let k = 0; k < PACKED_PLANES; k++) {
    const b0 = <u8>((load<u64>(table) >> <u64>(31 - k)) & 1);
    const b1 = <u8>((load<u64>(table, 8) >> <u64>(31 - k)) & 1);
    store<u8>(leaves + 4 + <usize>k, b0 | (b1 << 1));
  }
}

/**
 * Writes the leaf planes at `leaf` from the Metropolis table (`classes` entries of u64): for each
 * plane k and class c a 16-byte splat of all ones or zeros at leaf + (k * classes + c) * 16; planes
 * 0..31 hold the threshold bits from the top, then PLANE_ACCEPT (t = 2^32) and PLANE_UNDECIDED
 * (0 < t < 2^32). Shared with assembly/packed3d.ts.
 */
// @ts-ignore: decorator
@inline
export function leafPlanes(table: usize, leaf: usize, classes: i32): void {
  const ALL: u64 = 0x1_0000_0000;
  for (let c = 0; c < classes; c++) {
    const t = load<u64>(table + (<usize>c << 3));
    for (let k = 0; k < LEAF_PLANES; k++) {
      let bit: u64;
      if (k == PLANE_ACCEPT) bit = t >= ALL ? 1 : 0;
      else if (k == PLANE_UNDECIDED) bit = t > 0 && t < ALL ? 1 : 0;
      else bit = t < ALL ? (t >> <u64>(31 - k)) & 1 : 0;
      const at = leaf + <usize>k * (<usize>classes << 4) + (<usize>c << 4);
      store<u64>(at, 0 - bit);
      store<u64>(at, 0 - bit, 8);
    }
  }
}

/**
 * Whether the Metropolis table of a lattice with `neighbours` neighbours has the zero-field shape
 * of the fast path: t(s, a) independent of s (entries a and 2 neighbours + 1 - a), a >= neighbours / 2
 * certain accept, smaller a undecided (0 < t < 2^32). Shared with assembly/packed3d.ts.
 */
// @ts-ignore: decorator
@inline
export function zeroFieldShape(table: usize, neighbours: i32): bool {
  const ALL: u64 = 0x1_0000_0000;
  const last = 2 * neighbours + 1;
  const half = neighbours >> 1;
  let fast = true;
  for (let a = 0; a < neighbours + 1; a++) {
    const minus = load<u64>(table + (<usize>a << 3));
    const plus = load<u64>(table + (<usize>(last - a) << 3));
    if (minus != plus) fast = false;
    if (a >= half && minus < ALL) fast = false;
    if (a < half && (minus >= ALL || minus == 0)) fast = false;
  }
  return fast;
}

/** MurmurHash3's 32-bit finaliser (a bijection); also seeds the Potts lane generators (assembly/potts.ts). */
// @ts-ignore: decorator
@inline
export function fmix32(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

/** Draws this sweep's lane-generator states (32 * B outputs of the generator) into the seed table. */
export function packedSeeds(): void {
  drawLaneSeeds(seeds, 2 * B);
}

/**
 * Draws `tables` sets of four lane generators from the generator (16 outputs each, through
 * fmix32; generator g word k at at + 64 q + 16 k + 4 g; a generator of four zero words gets word 0 = 1).
 */
export function drawLaneSeeds(at: usize, tables: i32): void {
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  for (let q = 0; q < tables; q++) {
    const table = at + (<usize>q << 6);
    for (let t = 0; t < 16; t++) {
      const out = rotl<u32>(x1 * 5, 7) * 9;
      const s = x1 << 9;
      x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= s; x3 = rotl<u32>(x3, 11);
      store<u32>(table + (<usize>t << 2), fmix32(out));
    }
    for (let g = 0; g < 4; g++) {
      const w = table + (<usize>g << 2);
      if ((load<u32>(w) | load<u32>(w, 16) | load<u32>(w, 32) | load<u32>(w, 48)) == 0) store<u32>(w, 1);
    }
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
}

// ---------------------------------------------------------------------------------------------
// SIMD half-sweep

// @ts-ignore: decorator
@inline
function leafSelect(base: usize, s: v128, a0: v128, a1: v128, a2: v128): v128 {
  // value of the class (s, a) for each lane: mux on s, then a0, a1, a2
  const v0 = v128.bitselect(v128.load(base, 9 << 4), v128.load(base, 0), s);
  const v1 = v128.bitselect(v128.load(base, 8 << 4), v128.load(base, 1 << 4), s);
  const v2 = v128.bitselect(v128.load(base, 7 << 4), v128.load(base, 2 << 4), s);
  const v3 = v128.bitselect(v128.load(base, 6 << 4), v128.load(base, 3 << 4), s);
  const v4 = v128.bitselect(v128.load(base, 5 << 4), v128.load(base, 4 << 4), s);
  const v01 = v128.bitselect(v1, v0, a0);
  const v23 = v128.bitselect(v3, v2, a0);
  return v128.bitselect(v4, v128.bitselect(v23, v01, a1), a2);
}

/** Set bits of each 32-bit lane. */
// @ts-ignore: decorator
@inline
export function popcount4(v: v128): v128 {
  return i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(i8x16.popcnt(v)));
}

/** Sum of the four 32-bit lanes (a half-sweep's per-lane sums). */
// @ts-ignore: decorator
@inline
export function laneSum(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/** Stores the four lane generators held in vectors (word k of the four generators at seed + 16 k). */
// @ts-ignore: decorator
@inline
export function storeGenerators(seed: usize, g0: v128, g1: v128, g2: v128, g3: v128): void {
  v128.store(seed, g0); v128.store(seed, g1, 16); v128.store(seed, g2, 32); v128.store(seed, g3, 48);
}

/** The plane of a xoshiro128** step on four lanes (the state is advanced by the caller). */
// @ts-ignore: decorator
@inline
function nextPlane(g0: v128, g1: v128, g2: v128, g3: v128): v128 {
  const x = i32x4.mul(g1, i32x4.splat(5));
  return i32x4.mul(v128.or(i32x4.shl(x, 7), i32x4.shr_u(x, 25)), i32x4.splat(9));
}

/** Up spins and a-weighted sums of the flips made at the ends of rows (finishRow*), for settle(). */
let lateUps: i32 = 0;
let lateWeighted: i32 = 0;

/**
 * Compile-time choices of a half-sweep. Path: `Fast` (zero-field table shape), `General`, or
 * `Census` (no update: counts up spins and antiparallel pairs, for packedRecount). Counters:
 * `Tracked` keeps bondSum and magnetization up to date, `Untracked` only counts flips.
 */
export class Fast {}
export class General {}
export class Census {}
export class Tracked {}
export class Untracked {}

/**
 * The threshold classes of a packed kernel, for the ends of rows (finishRowSimd, finishRowScalar):
 * the square lattice's 10 here, the cubic lattice's 14 in assembly/packed3d.ts (`@final @unmanaged`,
 * every method `@inline`, called on changetype<C>(0), as the geometries of assembly/lattice.ts).
 */
@final @unmanaged
export class SquareClasses {
  /** Bytes of one leaf plane (a splat per class). */
  @inline planeBytes(): usize { return PLANE_BYTES; }
  /** Planes every vector with an undecided lane draws before its lanes are queued. */
  @inline fixedPlanes(): i32 { return PACKED_PLANES; }
  /** Whether the zero-field path queues a1 (lanes with a = 2 undecided): not with 4 neighbours. */
  @inline fastA1(): bool { return false; }
  /** Threshold bits of leaf plane `plane` for lanes of spin s and class bits (a0, a1, a2). */
  @inline select(plane: usize, s: v128, a0: v128, a1: v128, a2: v128, fast: bool): v128 {
    return fast ? v128.bitselect(v128.load(plane, 16), v128.load(plane), a0) : leafSelect(plane, s, a0, a1, a2);
  }
  @inline select64(plane: usize, s: u64, a0: u64, a1: u64, a2: u64, fast: bool): u64 {
    return fast ? sel(load<u64>(plane, 16), load<u64>(plane), a0) : leafSelect64(plane, s, a0, a1, a2);
  }
}

/** Clears the sums of the flips made at the ends of rows (a half-sweep of assembly/packed3d.ts). */
export function clearLateSums(): void { lateUps = 0; lateWeighted = 0; }
/** Up spins among the flips made at the ends of rows since clearLateSums. */
export function lateUpSum(): i32 { return lateUps; }
/** Sum of a over the flips made at the ends of rows since clearLateSums. */
export function lateWeightedSum(): i32 { return lateWeighted; }

/** The SIMD half-sweep, compiled once per path and counter choice, so that nothing is decided per plane. */
function halfSweepSimd<Path, Counters>(colour: i32, r0: i32, r1: i32): f64 {
  const census = idof<Path>() == idof<Census>();
  const fast = idof<Path>() == idof<Fast>();
  const track = census || idof<Counters>() == idof<Tracked>();
  const b = B;
  const rowBytes = <usize>b << 4;
  const own = lattice + <usize>colour * <usize>b * rowBytes;
  const other = lattice + <usize>(1 - colour) * <usize>b * rowBytes;
  const leaf = leaves + 16;
  const queue = seeds + (<usize>b << 7);
  const ALL = i32x4.splat(-1);
  const NONE = i32x4.splat(0);
  const EVEN_BYTES = i16x8.splat(0x00ff);
  const ODD_BYTES = i16x8.splat(<i16>0xff00);
  const FIVE = i32x4.splat(5);
  const NINE = i32x4.splat(9);
  let ups = NONE, asum = NONE;
  let flipCount = 0;
  lateUps = 0;
  lateWeighted = 0;
  for (let r = r0; r < r1; r++) {
    const seed = seeds + (<usize>(colour * b + r) << 6);
    let queued = 0;
    let g0 = v128.load(seed), g1 = v128.load(seed, 16), g2 = v128.load(seed, 32), g3 = v128.load(seed, 48);
    const row = own + <usize>r * rowBytes;
    const same = other + <usize>r * rowBytes;
    const up = other + <usize>(r == 0 ? b - 1 : r - 1) * rowBytes;
    const down = other + <usize>(r == b - 1 ? 0 : r + 1) * rowBytes;
    const oddRow = ((r + colour) & 1) != 0;
    // lanes whose site has x odd: side neighbour at w + 1, else at w - 1
    const P = (b & 1) != 0 ? (oddRow ? EVEN_BYTES : ODD_BYTES) : (oddRow ? ALL : NONE);
    for (let w = 0; w < b; w++) {
      const off = <usize>w << 4;
      const s = v128.load(row + off);
      let vu = v128.load(up + off);
      if (r == 0) vu = i8x16.shuffle(vu, vu, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
      let vd = v128.load(down + off);
      if (r == b - 1) vd = i8x16.shuffle(vd, vd, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0);
      let jm: v128, jp: v128;
      if (w > 0) jm = v128.load(same + off - 16);
      else { const v = v128.load(same + rowBytes - 16); jm = v128.or(i8x16.shl(v, 1), i8x16.shr_u(v, 7)); }
      if (w < b - 1) jp = v128.load(same + off + 16);
      else { const v = v128.load(same); jp = v128.or(i8x16.shr_u(v, 1), i8x16.shl(v, 7)); }
      const x1 = v128.xor(s, vu);
      const x2 = v128.xor(s, vd);
      const x3 = v128.xor(s, v128.load(same + off));
      const x4 = v128.xor(s, v128.bitselect(jp, jm, P));
      // a = x1 + x2 + x3 + x4 (antiparallel neighbours) as bits a2 a1 a0
      const t1 = v128.xor(x1, x2), c1 = v128.and(x1, x2);
      const t2 = v128.xor(x3, x4), c2 = v128.and(x3, x4);
      const a0 = v128.xor(t1, t2), c3 = v128.and(t1, t2);
      const a1 = v128.xor(v128.xor(c1, c2), c3);
      const a2 = v128.and(c1, c2);
      let acc: v128, und: v128;
      if (census) {
        // every lane counted as if it flipped: the sums below become sum a and the up spins
        acc = ALL;
        und = NONE;
      } else if (fast) {
        acc = v128.or(a1, a2);
        und = v128.not(acc);
      } else {
        acc = leafSelect(leaf + <usize>PLANE_ACCEPT * PLANE_BYTES, s, a0, a1, a2);
        und = leafSelect(leaf + <usize>PLANE_UNDECIDED * PLANE_BYTES, s, a0, a1, a2);
      }
      if (!census && v128.any_true(und)) {
        // PACKED_PLANES planes, no data-dependent exit
        let plane = leaf;
        for (let k = 0; k < PACKED_PLANES; k++) {
          const u = nextPlane(g0, g1, g2, g3);
          const sh = i32x4.shl(g1, 9);
          g2 = v128.xor(g2, g0); g3 = v128.xor(g3, g1); g1 = v128.xor(g1, g2); g0 = v128.xor(g0, g3);
          g2 = v128.xor(g2, sh); g3 = v128.or(i32x4.shl(g3, 11), i32x4.shr_u(g3, 21));
          // fast path: the plane's threshold bits of classes a = 0 and a = 1 (leaf header code)
          const code = fast ? <i32>load<u8>(leaves + 4 + <usize>k) : 4;
          if (code == 0) {
            // both 0: a random 1 rejects, a 0 goes on
            und = v128.andnot(und, u);
          } else if (code == 3) {
            // both 1: a random 0 accepts, a 1 goes on
            acc = v128.or(acc, v128.andnot(und, u));
            und = v128.and(und, u);
          } else {
            const t = fast ? v128.bitselect(v128.load(plane, 16), v128.load(plane), a0) : leafSelect(plane, s, a0, a1, a2);
            acc = v128.or(acc, v128.and(und, v128.andnot(t, u)));
            und = v128.andnot(und, v128.xor(u, t));
          }
          plane += PLANE_BYTES;
        }
        // queue the lanes still undecided (the entry is written either way: no branch)
        const e = queue + <usize>queued * ENTRY_BYTES;
        store<i32>(e, w);
        v128.store(e, und, 32);
        v128.store(e, a0, 48);
        if (!fast) {
          v128.store(e, a1, 64);
          v128.store(e, a2, 80);
        }
        queued += <i32>v128.any_true(und);
      }
      if (!census) v128.store(row + off, v128.xor(s, acc));
      flipCount += <i32>popcnt<u64>(i64x2.extract_lane(acc, 0)) + <i32>popcnt<u64>(i64x2.extract_lane(acc, 1));
      if (track) {
        ups = i32x4.add(ups, popcount4(v128.and(acc, s)));
        const wa = i8x16.add(i8x16.popcnt(v128.and(acc, a0)),
          i8x16.add(i8x16.shl(i8x16.popcnt(v128.and(acc, a1)), 1), i8x16.shl(i8x16.popcnt(v128.and(acc, a2)), 2)));
        asum = i32x4.add(asum, i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(wa)));
      }
    }
    if (queued > 0) {
      storeGenerators(seed, g0, g1, g2, g3);
      flipCount += finishRowSimd<Path, Counters, SquareClasses>(leaf, seed, queue, queued, row);
    }
  }
  const flips = flipCount;
  const up = laneSum(ups) + lateUps;
  const weighted = laneSum(asum) + lateWeighted;
  return settle(census, track, flips, up, weighted);
}

/**
 * Finishes a row: its queued lanes (undecided after PACKED_PLANES planes, entries in vector order)
 * form layers. A layer takes, entry by entry, every remaining lane whose position is still free
 * in it, draws planes PACKED_PLANES, PACKED_PLANES + 1, ... for them until they are decided (at
 * most to plane 31; a lane equal to its threshold in all 32 bits is rejected), and applies its
 * flips; entries with lanes left keep their order for the next layer. The generators continue from
 * the state at `seed` and are left there. `leaf` is the first leaf plane, C the threshold classes
 * (SquareClasses here; assembly/packed3d.ts has its own). Returns the flips (their up spins and
 * weighted sums go to lateUps, lateWeighted).
 */
export function finishRowSimd<Path, Counters, C>(leaf: usize, seed: usize, queue: usize, n: i32, row: usize): i32 {
  const classes = changetype<C>(0);
  const fast = idof<Path>() == idof<Fast>();
  const track = idof<Counters>() == idof<Tracked>();
  const NONE = i32x4.splat(0);
  let g0 = v128.load(seed), g1 = v128.load(seed, 16), g2 = v128.load(seed, 32), g3 = v128.load(seed, 48);
  let flips = 0, ups = 0, weighted = 0;
  // layer 0
  let occ = NONE, c0 = NONE, c1 = NONE, c2 = NONE, sv = NONE;
  for (let e = 0; e < n; e++) {
    const at = queue + <usize>e * ENTRY_BYTES;
    const take = v128.andnot(v128.load(at, 32), occ);
    v128.store(at, take, 16);
    occ = v128.or(occ, take);
    c0 = v128.or(c0, v128.and(take, v128.load(at, 48)));
    if (!fast || classes.fastA1()) c1 = v128.or(c1, v128.and(take, v128.load(at, 64)));
    if (!fast) {
      c2 = v128.or(c2, v128.and(take, v128.load(at, 80)));
      sv = v128.or(sv, v128.and(take, v128.load(row + (<usize>load<i32>(at) << 4))));
    }
  }
  for (;;) {
    let und = occ, acc = NONE;
    let plane = leaf + <usize>classes.fixedPlanes() * classes.planeBytes();
    const last = leaf + <usize>32 * classes.planeBytes();
    while (v128.any_true(und) && plane != last) {
      const u = nextPlane(g0, g1, g2, g3);
      const sh = i32x4.shl(g1, 9);
      g2 = v128.xor(g2, g0); g3 = v128.xor(g3, g1); g1 = v128.xor(g1, g2); g0 = v128.xor(g0, g3);
      g2 = v128.xor(g2, sh); g3 = v128.or(i32x4.shl(g3, 11), i32x4.shr_u(g3, 21));
      const t = classes.select(plane, sv, c0, c1, c2, fast);
      acc = v128.or(acc, v128.and(und, v128.andnot(t, u)));
      und = v128.andnot(und, v128.xor(u, t));
      plane += classes.planeBytes();
    }
    // apply this layer's flips; compact the entries with lanes left and build the next layer
    occ = NONE; c0 = NONE; c1 = NONE; c2 = NONE; sv = NONE;
    let m = 0;
    for (let e = 0; e < n; e++) {
      const at = queue + <usize>e * ENTRY_BYTES;
      const w = load<i32>(at);
      const take = v128.load(at, 16);
      const left = v128.andnot(v128.load(at, 32), take);
      const b0 = v128.load(at, 48);
      const flip = v128.and(acc, take);
      const vec = row + (<usize>w << 4);
      const s = v128.load(vec);
      v128.store(vec, v128.xor(s, flip));
      flips += <i32>popcnt<u64>(i64x2.extract_lane(flip, 0)) + <i32>popcnt<u64>(i64x2.extract_lane(flip, 1));
      if (track) {
        const f = v128.and(flip, s);
        ups += <i32>popcnt<u64>(i64x2.extract_lane(f, 0)) + <i32>popcnt<u64>(i64x2.extract_lane(f, 1));
        let x = v128.and(flip, b0);
        weighted += <i32>popcnt<u64>(i64x2.extract_lane(x, 0)) + <i32>popcnt<u64>(i64x2.extract_lane(x, 1));
        if (!fast || classes.fastA1()) {
          x = v128.and(flip, v128.load(at, 64));
          weighted += 2 * (<i32>popcnt<u64>(i64x2.extract_lane(x, 0)) + <i32>popcnt<u64>(i64x2.extract_lane(x, 1)));
        }
        if (!fast) {
          x = v128.and(flip, v128.load(at, 80));
          weighted += 4 * (<i32>popcnt<u64>(i64x2.extract_lane(x, 0)) + <i32>popcnt<u64>(i64x2.extract_lane(x, 1)));
        }
      }
      // entry m (m <= e) gets this entry if it has lanes left (written either way: no branch)
      const to = queue + <usize>m * ENTRY_BYTES;
      const next = v128.andnot(left, occ);
      store<i32>(to, w);
      v128.store(to, next, 16);
      v128.store(to, left, 32);
      v128.store(to, b0, 48);
      occ = v128.or(occ, next);
      c0 = v128.or(c0, v128.and(next, b0));
      if (!fast || classes.fastA1()) {
        const b1 = v128.load(at, 64);
        v128.store(to, b1, 64);
        c1 = v128.or(c1, v128.and(next, b1));
      }
      if (!fast) {
        const b2 = v128.load(at, 80);
        v128.store(to, b2, 80);
        c2 = v128.or(c2, v128.and(next, b2));
        sv = v128.or(sv, v128.and(next, s));
      }
      m += <i32>v128.any_true(left);
    }
    if (m == 0) break;
    n = m;
  }
  // the generators go on from here (the cubic kernel's next row of the plane)
  storeGenerators(seed, g0, g1, g2, g3);
  lateUps += ups;
  lateWeighted += weighted;
  return flips;
}

/**
 * Books a half-sweep's sums: a census records them; a tracked sweep applies its flips to the
 * counters (a flip of a site with a antiparallel neighbours changes B by 4a - 8; of s = +1, M by -2).
 */
// @ts-ignore: decorator
@inline
function settle(census: bool, track: bool, flips: i32, up: i32, weighted: i32): f64 {
  if (census) {
    censusUp += up;
    censusAnti += weighted;
  } else if (track) {
    bondSum += 4 * weighted - 8 * flips;
    magnetization += 2 * flips - 4 * up;
  }
  return <f64>flips;
}

// ---------------------------------------------------------------------------------------------
// Scalar half-sweep: the same vectors as two i64 halves (bytes 0-7 and 8-15)

/** Byte masks of a 64-bit half (also used by assembly/rg-packed.ts): even bytes, bit rotations within bytes. */
export const EVEN_BYTES64: u64 = 0x00ff_00ff_00ff_00ff;
export const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
export const HIGH1: u64 = 0x8080_8080_8080_8080;
export const LOW1: u64 = 0x0101_0101_0101_0101;
export const HIGH7: u64 = 0xfefe_fefe_fefe_fefe;

/** Bitwise select: v1 where m is 1, v2 where m is 0. */
// @ts-ignore: decorator
@inline
export function sel(v1: u64, v2: u64, m: u64): u64 {
  return v2 ^ ((v1 ^ v2) & m);
}

// @ts-ignore: decorator
@inline
function leafSelect64(base: usize, s: u64, a0: u64, a1: u64, a2: u64): u64 {
  const v0 = sel(load<u64>(base, 9 << 4), load<u64>(base, 0), s);
  const v1 = sel(load<u64>(base, 8 << 4), load<u64>(base, 1 << 4), s);
  const v2 = sel(load<u64>(base, 7 << 4), load<u64>(base, 2 << 4), s);
  const v3 = sel(load<u64>(base, 6 << 4), load<u64>(base, 3 << 4), s);
  const v4 = sel(load<u64>(base, 5 << 4), load<u64>(base, 4 << 4), s);
  return sel(v4, sel(sel(v3, v2, a0), sel(v1, v0, a0), a1), a2);
}

/** The scalar half-sweep, compiled once per path and counter choice like {@link halfSweepSimd}. */
function halfSweepScalar<Path, Counters>(colour: i32, r0: i32, r1: i32): f64 {
  const census = idof<Path>() == idof<Census>();
  const fast = idof<Path>() == idof<Fast>();
  const track = census || idof<Counters>() == idof<Tracked>();
  const b = B;
  const rowBytes = <usize>b << 4;
  const own = lattice + <usize>colour * <usize>b * rowBytes;
  const other = lattice + <usize>(1 - colour) * <usize>b * rowBytes;
  const leaf = leaves + 16;
  const queue = seeds + (<usize>b << 7);
  let flips: i64 = 0, ups: i64 = 0, wsum: i64 = 0;
  lateUps = 0;
  lateWeighted = 0;
  for (let r = r0; r < r1; r++) {
    const seed = seeds + (<usize>(colour * b + r) << 6);
    let queued = 0;
    // generator g word k at seed + 16 k + 4 g
    let p0 = load<u32>(seed, 0), p1 = load<u32>(seed, 16), p2 = load<u32>(seed, 32), p3 = load<u32>(seed, 48);
    let q0 = load<u32>(seed, 4), q1 = load<u32>(seed, 20), q2 = load<u32>(seed, 36), q3 = load<u32>(seed, 52);
    let e0 = load<u32>(seed, 8), e1 = load<u32>(seed, 24), e2 = load<u32>(seed, 40), e3 = load<u32>(seed, 56);
    let f0 = load<u32>(seed, 12), f1 = load<u32>(seed, 28), f2 = load<u32>(seed, 44), f3 = load<u32>(seed, 60);
    const row = own + <usize>r * rowBytes;
    const same = other + <usize>r * rowBytes;
    const up = other + <usize>(r == 0 ? b - 1 : r - 1) * rowBytes;
    const down = other + <usize>(r == b - 1 ? 0 : r + 1) * rowBytes;
    const oddRow = ((r + colour) & 1) != 0;
    const P: u64 = (b & 1) != 0 ? (oddRow ? EVEN_BYTES64 : ~EVEN_BYTES64) : (oddRow ? ~<u64>0 : 0);
    for (let w = 0; w < b; w++) {
      const off = <usize>w << 4;
      const sl = load<u64>(row + off), sh = load<u64>(row + off, 8);
      let ul = load<u64>(up + off), uh = load<u64>(up + off, 8);
      if (r == 0) { const l = (ul << 8) | (uh >> 56); uh = (uh << 8) | (ul >> 56); ul = l; }
      let dl = load<u64>(down + off), dh = load<u64>(down + off, 8);
      if (r == b - 1) { const l = (dl >> 8) | (dh << 56); dh = (dh >> 8) | (dl << 56); dl = l; }
      let ml: u64, mh: u64, pl: u64, ph: u64;
      if (w > 0) { ml = load<u64>(same + off - 16); mh = load<u64>(same + off - 8); }
      else {
        const vl = load<u64>(same + rowBytes - 16), vh = load<u64>(same + rowBytes - 8);
        ml = ((vl << 1) & HIGH7) | ((vl >> 7) & LOW1);
        mh = ((vh << 1) & HIGH7) | ((vh >> 7) & LOW1);
      }
      if (w < b - 1) { pl = load<u64>(same + off + 16); ph = load<u64>(same + off + 24); }
      else {
        const vl = load<u64>(same), vh = load<u64>(same, 8);
        pl = ((vl >> 1) & LOW7) | ((vl << 7) & HIGH1);
        ph = ((vh >> 1) & LOW7) | ((vh << 7) & HIGH1);
      }
      // low half
      let x1 = sl ^ ul, x2 = sl ^ dl, x3 = sl ^ load<u64>(same + off), x4 = sl ^ sel(pl, ml, P);
      let t1 = x1 ^ x2, c1 = x1 & x2, t2 = x3 ^ x4, c2 = x3 & x4;
      const a0l = t1 ^ t2, a1l = c1 ^ c2 ^ (t1 & t2), a2l = c1 & c2;
      // high half
      x1 = sh ^ uh; x2 = sh ^ dh; x3 = sh ^ load<u64>(same + off, 8); x4 = sh ^ sel(ph, mh, P);
      t1 = x1 ^ x2; c1 = x1 & x2; t2 = x3 ^ x4; c2 = x3 & x4;
      const a0h = t1 ^ t2, a1h = c1 ^ c2 ^ (t1 & t2), a2h = c1 & c2;
      let accl: u64, acch: u64, undl: u64, undh: u64;
      if (census) {
        accl = ~<u64>0; acch = ~<u64>0; undl = 0; undh = 0;
      } else if (fast) {
        accl = a1l | a2l; acch = a1h | a2h;
        undl = ~accl; undh = ~acch;
      } else {
        accl = leafSelect64(leaf + <usize>PLANE_ACCEPT * PLANE_BYTES, sl, a0l, a1l, a2l);
        acch = leafSelect64(leaf + <usize>PLANE_ACCEPT * PLANE_BYTES, sh, a0h, a1h, a2h);
        undl = leafSelect64(leaf + <usize>PLANE_UNDECIDED * PLANE_BYTES, sl, a0l, a1l, a2l);
        undh = leafSelect64(leaf + <usize>PLANE_UNDECIDED * PLANE_BYTES, sh, a0h, a1h, a2h);
      }
      if (!census && (undl | undh) != 0) {
        // PACKED_PLANES planes, no data-dependent exit
        let plane = leaf;
        for (let k = 0; k < PACKED_PLANES; k++) {
          // four xoshiro128** generators, state in locals
          const o0 = rotl<u32>(p1 * 5, 7) * 9;
          let z = p1 << 9;
          p2 ^= p0; p3 ^= p1; p1 ^= p2; p0 ^= p3; p2 ^= z; p3 = rotl<u32>(p3, 11);
          const o1 = rotl<u32>(q1 * 5, 7) * 9;
          z = q1 << 9;
          q2 ^= q0; q3 ^= q1; q1 ^= q2; q0 ^= q3; q2 ^= z; q3 = rotl<u32>(q3, 11);
          const o2 = rotl<u32>(e1 * 5, 7) * 9;
          z = e1 << 9;
          e2 ^= e0; e3 ^= e1; e1 ^= e2; e0 ^= e3; e2 ^= z; e3 = rotl<u32>(e3, 11);
          const o3 = rotl<u32>(f1 * 5, 7) * 9;
          z = f1 << 9;
          f2 ^= f0; f3 ^= f1; f1 ^= f2; f0 ^= f3; f2 ^= z; f3 = rotl<u32>(f3, 11);
          const ul2 = <u64>o0 | (<u64>o1 << 32);
          const uh2 = <u64>o2 | (<u64>o3 << 32);
          // fast path: the plane's threshold bits of classes a = 0 and a = 1 (0 or all ones)
          const b0 = load<u64>(plane), b1 = load<u64>(plane, 16);
          if (fast && (b0 | b1) == 0) {
            // both 0: a random 1 rejects, a 0 goes on
            undl &= ~ul2; undh &= ~uh2;
          } else if (fast && (b0 & b1) != 0) {
            // both 1: a random 0 accepts, a 1 goes on
            accl |= undl & ~ul2; acch |= undh & ~uh2;
            undl &= ul2; undh &= uh2;
          } else {
            let tl: u64, th: u64;
            if (fast) {
              tl = sel(b1, b0, a0l);
              th = sel(b1, b0, a0h);
            } else {
              tl = leafSelect64(plane, sl, a0l, a1l, a2l);
              th = leafSelect64(plane, sh, a0h, a1h, a2h);
            }
            accl |= undl & tl & ~ul2;
            acch |= undh & th & ~uh2;
            undl &= ~(ul2 ^ tl);
            undh &= ~(uh2 ^ th);
          }
          plane += PLANE_BYTES;
        }
        // queue the lanes still undecided (the entry is written either way: no branch)
        const e = queue + <usize>queued * ENTRY_BYTES;
        store<i32>(e, w);
        store<u64>(e, undl, 32); store<u64>(e, undh, 40);
        store<u64>(e, a0l, 48); store<u64>(e, a0h, 56);
        if (!fast) {
          store<u64>(e, a1l, 64); store<u64>(e, a1h, 72);
          store<u64>(e, a2l, 80); store<u64>(e, a2h, 88);
        }
        queued += <i32>((undl | undh) != 0);
      }
      if (!census) {
        store<u64>(row + off, sl ^ accl);
        store<u64>(row + off, sh ^ acch, 8);
      }
      flips += popcnt<u64>(accl) + popcnt<u64>(acch);
      if (track) {
        ups += popcnt<u64>(accl & sl) + popcnt<u64>(acch & sh);
        wsum += popcnt<u64>(accl & a0l) + popcnt<u64>(acch & a0h)
          + 2 * (popcnt<u64>(accl & a1l) + popcnt<u64>(acch & a1h))
          + 4 * (popcnt<u64>(accl & a2l) + popcnt<u64>(acch & a2h));
      }
    }
    if (queued > 0) {
      storeLanes(seed, p0, p1, p2, p3, q0, q1, q2, q3, e0, e1, e2, e3, f0, f1, f2, f3);
      flips += finishRowScalar<Path, Counters, SquareClasses>(leaf, seed, queue, queued, row);
    }
  }
  return settle(census, track, <i32>flips, <i32>ups + lateUps, <i32>wsum + lateWeighted);
}

/** Stores the four lane generators (generator g word k at seed + 16 k + 4 g). */
// @ts-ignore: decorator
@inline
export function storeLanes(seed: usize, p0: u32, p1: u32, p2: u32, p3: u32, q0: u32, q1: u32, q2: u32, q3: u32,
  e0: u32, e1: u32, e2: u32, e3: u32, f0: u32, f1: u32, f2: u32, f3: u32): void {
  store<u32>(seed, p0, 0); store<u32>(seed, p1, 16); store<u32>(seed, p2, 32); store<u32>(seed, p3, 48);
  store<u32>(seed, q0, 4); store<u32>(seed, q1, 20); store<u32>(seed, q2, 36); store<u32>(seed, q3, 52);
  store<u32>(seed, e0, 8); store<u32>(seed, e1, 24); store<u32>(seed, e2, 40); store<u32>(seed, e3, 56);
  store<u32>(seed, f0, 12); store<u32>(seed, f1, 28); store<u32>(seed, f2, 44); store<u32>(seed, f3, 60);
}

/** Steps the four lane generators whose state is at `seed` (word k of generator g at 16 k + 4 g); returns output g. */
// @ts-ignore: decorator
@inline
export function stepLane(seed: usize, g: usize): u32 {
  const at = seed + (g << 2);
  let x0 = load<u32>(at), x1 = load<u32>(at, 16), x2 = load<u32>(at, 32), x3 = load<u32>(at, 48);
  const out = rotl<u32>(x1 * 5, 7) * 9;
  const z = x1 << 9;
  x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= z; x3 = rotl<u32>(x3, 11);
  store<u32>(at, x0); store<u32>(at, x1, 16); store<u32>(at, x2, 32); store<u32>(at, x3, 48);
  return out;
}

/** {@link finishRowSimd} on two 64-bit halves: the same layers, planes and flips. */
export function finishRowScalar<Path, Counters, C>(leaf: usize, seed: usize, queue: usize, n: i32, row: usize): i64 {
  const classes = changetype<C>(0);
  const fast = idof<Path>() == idof<Fast>();
  const track = idof<Counters>() == idof<Tracked>();
  let flips: i64 = 0, ups: i64 = 0, weighted: i64 = 0;
  // layer 0
  let ol: u64 = 0, oh: u64 = 0, c0l: u64 = 0, c0h: u64 = 0, c1l: u64 = 0, c1h: u64 = 0, c2l: u64 = 0, c2h: u64 = 0, svl: u64 = 0, svh: u64 = 0;
  for (let e = 0; e < n; e++) {
    const at = queue + <usize>e * ENTRY_BYTES;
    const tl = load<u64>(at, 32) & ~ol, th = load<u64>(at, 40) & ~oh;
    store<u64>(at, tl, 16); store<u64>(at, th, 24);
    ol |= tl; oh |= th;
    c0l |= tl & load<u64>(at, 48); c0h |= th & load<u64>(at, 56);
    if (!fast || classes.fastA1()) { c1l |= tl & load<u64>(at, 64); c1h |= th & load<u64>(at, 72); }
    if (!fast) {
      c2l |= tl & load<u64>(at, 80); c2h |= th & load<u64>(at, 88);
      const vec = row + (<usize>load<i32>(at) << 4);
      svl |= tl & load<u64>(vec); svh |= th & load<u64>(vec, 8);
    }
  }
  for (;;) {
    let ul = ol, uh = oh, al: u64 = 0, ah: u64 = 0;
    let plane = leaf + <usize>classes.fixedPlanes() * classes.planeBytes();
    const last = leaf + <usize>32 * classes.planeBytes();
    while ((ul | uh) != 0 && plane != last) {
      const xl = <u64>stepLane(seed, 0) | (<u64>stepLane(seed, 1) << 32);
      const xh = <u64>stepLane(seed, 2) | (<u64>stepLane(seed, 3) << 32);
      const tl = classes.select64(plane, svl, c0l, c1l, c2l, fast);
      const th = classes.select64(plane, svh, c0h, c1h, c2h, fast);
      al |= ul & tl & ~xl; ah |= uh & th & ~xh;
      ul &= ~(xl ^ tl); uh &= ~(xh ^ th);
      plane += classes.planeBytes();
    }
    // apply this layer's flips; compact the entries with lanes left and build the next layer
    ol = 0; oh = 0; c0l = 0; c0h = 0; c1l = 0; c1h = 0; c2l = 0; c2h = 0; svl = 0; svh = 0;
    let m = 0;
    for (let e = 0; e < n; e++) {
      const at = queue + <usize>e * ENTRY_BYTES;
      const w = load<i32>(at);
      const tl = load<u64>(at, 16), th = load<u64>(at, 24);
      const ll = load<u64>(at, 32) & ~tl, lh = load<u64>(at, 40) & ~th;
      const b0l = load<u64>(at, 48), b0h = load<u64>(at, 56);
      const fl = al & tl, fh = ah & th;
      const vec = row + (<usize>w << 4);
      const sl = load<u64>(vec), sh = load<u64>(vec, 8);
      store<u64>(vec, sl ^ fl); store<u64>(vec, sh ^ fh, 8);
      flips += popcnt<u64>(fl) + popcnt<u64>(fh);
      if (track) {
        ups += popcnt<u64>(fl & sl) + popcnt<u64>(fh & sh);
        weighted += popcnt<u64>(fl & b0l) + popcnt<u64>(fh & b0h);
        if (!fast || classes.fastA1()) weighted += 2 * (popcnt<u64>(fl & load<u64>(at, 64)) + popcnt<u64>(fh & load<u64>(at, 72)));
        if (!fast) {
          weighted += 4 * (popcnt<u64>(fl & load<u64>(at, 80)) + popcnt<u64>(fh & load<u64>(at, 88)));
        }
      }
      // entry m (m <= e) gets this entry if it has lanes left (written either way: no branch)
      const to = queue + <usize>m * ENTRY_BYTES;
      const nl = ll & ~ol, nh = lh & ~oh;
      store<i32>(to, w);
      store<u64>(to, nl, 16); store<u64>(to, nh, 24);
      store<u64>(to, ll, 32); store<u64>(to, lh, 40);
      store<u64>(to, b0l, 48); store<u64>(to, b0h, 56);
      ol |= nl; oh |= nh;
      c0l |= nl & b0l; c0h |= nh & b0h;
      if (!fast || classes.fastA1()) {
        const b1l = load<u64>(at, 64), b1h = load<u64>(at, 72);
        store<u64>(to, b1l, 64); store<u64>(to, b1h, 72);
        c1l |= nl & b1l; c1h |= nh & b1h;
      }
      if (!fast) {
        const b2l = load<u64>(at, 80), b2h = load<u64>(at, 88);
        store<u64>(to, b2l, 80); store<u64>(to, b2h, 88);
        c2l |= nl & b2l; c2h |= nh & b2h;
        svl |= nl & sl; svh |= nh & sh;
      }
      m += <i32>((ll | lh) != 0);
    }
    if (m == 0) break;
    n = m;
  }
  lateUps += <i32>ups;
  lateWeighted += <i32>weighted;
  return flips;
}

/**
 * Updates the colour-`colour` sites of vector rows r0 .. r1 - 1 with this sweep's seeds
 * (packedSeeds first). With `track` non-zero adds the changes to the packed counters (else the
 * caller marks them stale); returns the number of flips.
 */
export function packedHalfSweep(colour: i32, r0: i32, r1: i32, track: i32): f64 {
  const fast = load<i32>(leaves) != 0;
  if (ASC_FEATURE_SIMD) {
    if (track != 0) return fast ? halfSweepSimd<Fast, Tracked>(colour, r0, r1) : halfSweepSimd<General, Tracked>(colour, r0, r1);
    return fast ? halfSweepSimd<Fast, Untracked>(colour, r0, r1) : halfSweepSimd<General, Untracked>(colour, r0, r1);
  } else {
    if (track != 0) return fast ? halfSweepScalar<Fast, Tracked>(colour, r0, r1) : halfSweepScalar<General, Tracked>(colour, r0, r1);
    return fast ? halfSweepScalar<Fast, Untracked>(colour, r0, r1) : halfSweepScalar<General, Untracked>(colour, r0, r1);
  }
}

/**
 * Recomputes the counters from the packed lattice: M = 2 (up spins) - N, and
 * B = 2N - 2 (antiparallel bonds), every bond having exactly one colour-0 end.
 */
export function packedRecount(): void {
  censusUp = 0;
  censusAnti = 0;
  if (ASC_FEATURE_SIMD) {
    halfSweepSimd<Census, Tracked>(0, 0, B);
    const anti = censusAnti;
    halfSweepSimd<Census, Tracked>(1, 0, B);
    censusAnti = anti;
  } else {
    halfSweepScalar<Census, Tracked>(0, 0, B);
    const anti = censusAnti;
    halfSweepScalar<Census, Tracked>(1, 0, B);
    censusAnti = anti;
  }
  const n = L * L;
  magnetization = 2 * censusUp - n;
  bondSum = 2 * n - 2 * censusAnti;
  countsValid = true;
}

/** Writes record k of a recorded run, (bondSum, magnetization), to the series region. */
// @ts-ignore: decorator
@inline
export function storeRecord(series: usize, k: i32, b: i32, m: i32): void {
  const at = series + <usize>k * SERIES_RECORD_BYTES;
  store<i32>(at, b);
  store<i32>(at, m, 4);
}

/**
 * Runs `sweeps` packed Metropolis sweeps on one thread. With `record` non-zero writes one
 * (bondSum, magnetization) record per sweep to the series region (sweeps <= SERIES_CAPACITY);
 * without, the counters are recounted when next read. Returns the number of flipped spins, or -1
 * if the record request does not fit.
 */
export function packedSweep(sweeps: i32, record: i32): f64 {
  if (record != 0 && sweeps > SERIES_CAPACITY) return -1;
  const series = seriesPtr();
  let changed: f64 = 0;
  const track = record != 0 ? 1 : 0;
  // recorded sweeps track the counters (from exact values); others leave them to be recounted
  if (track != 0 && !countsValid) packedRecount();
  if (track == 0 && sweeps > 0) countsValid = false;
  for (let k = 0; k < sweeps; k++) {
    packedSeeds();
    changed += packedHalfSweep(0, 0, B, track);
    changed += packedHalfSweep(1, 0, B, track);
    if (record != 0) storeRecord(series, k, bondSum, magnetization);
  }
  return changed;
}
