// Packed (multi-spin) checkerboard Metropolis for the Ising model on the simple cubic lattice:
// one bit per spin, 128 spins per 128-bit vector, six neighbours, exact acceptance by bit-serial
// comparison of random digits against the 32-bit thresholds of src/thresholds.ts (14 classes).
//
//   H = -J sum_<ij> s_i s_j - h sum_i s_i,   J = 1, k_B = 1,   L x L x L periodic.
//
// The same source builds two cores: with SIMD (v128 ops) and without (two i64 halves per
// vector). Both follow the contract below bit for bit, and so does the JavaScript twin,
// src/models/ising/packed3d-js.ts. The square kernel is assembly/packed.ts; this one stacks its lane
// layout plane by plane.
//
// ## Lane layout (L a multiple of 16, B = L / 16)
// Colour c = (x + y + z) & 1. Plane z is a square lattice whose in-plane colour c' = (x + y) & 1
// is laid out as in assembly/packed.ts: row y holds the in-plane colour-c' sites
// x = 2j + ((y + c') & 1), j = 0 .. L/2 - 1; vector V[z][c'][r][w] (r, w in 0 .. B - 1) at
//   lattice + (((z * 2 + c') * B + r) * B + w) * 16,
// bit l = 8 * by + bx (byte by, bit bx) is the site y = by * B + r, j = bx * B + w; bit 1 is s = +1.
// A site of colour c in plane z has c' = (c + z) & 1. Its four in-plane neighbours are the
// in-plane colour 1 - c' sites of plane z, found as in assembly/packed.ts; its neighbours along z
// are the sites (x, y, z -/+ 1): in-plane colour c' of planes z -/+ 1 (periodic), the same vector
// and bit.
//
// ## Random stream
// A sweep first draws 32 * L outputs o_t of the generator (src/rng.ts): 16 for each (colour c,
// plane z), in the order colour 0 planes 0 .. L - 1, then colour 1 planes 0 .. L - 1. Plane word
// t (0..15) = fmix32(o_t) is word t >> 2 of lane generator t & 3 (a generator whose four words are
// all zero gets word 0 = 1). The half-sweep of colour c visits its planes z in order, in each
// rows r in order, in each row vectors w in order, and draws from the four lane generators of
// (c, z) only (so any split of the planes over workers gives the lattice of one thread).
// For a vector, the lanes split into classes by spin s and the number a (0 .. 6) of
// antiparallel neighbours; class (s, a) has threshold t = table[s > 0 ? 13 - a : a]: certain
// accept if t = 2^32, certain reject if t = 0, undecided otherwise. A random plane is one step of
// each of the 4 lane generators (xoshiro128**), output g giving bits 32 g .. 32 g + 31 of the
// plane; lane l takes bit l. An undecided lane compares its plane bits, one plane per bit of its
// uniform number u from the top, with bits 31, 30, ... of its threshold: it is decided at the
// first bit where they differ, accepted iff there u has 0 and t has 1 (u < t), and rejected if all
// 32 bits are equal (u = t). The planes are drawn in two phases, as in assembly/packed.ts:
//   1. A vector with an undecided lane draws exactly PACKED3D_PLANES planes (bits 31 .. 32 - K).
//      Its lanes still undecided then go, in vector order, to the row's queue.
//   2. After the row's last vector, while queued lanes remain, a layer is formed: going through the
//      queue in order, it takes every remaining lane whose lane index is not yet taken by this
//      layer (first fit); the layer draws planes for bits 31 - K, 31 - K - 1, ... of its lanes until
//      they are all decided or bit 0 was compared, and its accepted lanes flip. The plane's
//      generators then go on to the next row.
// Accepted lanes flip. Every lane so compares fresh random bits with its threshold bit by bit,
// exactly as one uniform 32-bit number per site would; a half-sweep updates sites that are not
// neighbours, each with the Metropolis probability min(1, exp(-beta dE)), so
// each half-sweep satisfies detailed balance, as the byte kernel's does.

import { SERIES_CAPACITY } from "./layout";
import { reserve } from "./memory";
import { getBondSum, getMagnetization, metropolisTablePtr, recount, seriesPtr, spinsPtr } from "./ising2d";
import {
  clearLateSums, convertPlanes, drawLaneSeeds, finishRowScalar, finishRowSimd, lateUpSum, lateWeightedSum, sel,
  laneSum, leafPlanes, popcount4, storeGenerators, storeLanes, storeRecord, zeroFieldShape,
  Census, Fast, General, Tracked, Untracked, EVEN_BYTES64, LOW7, HIGH1, LOW1, HIGH7,
} from "./packed";

/** Threshold classes (s, a), a = 0 .. 6 antiparallel neighbours: index s > 0 ? 13 - a : a (the Metropolis table). */
const CLASSES: i32 = 14;
/** Leaf planes: 32 threshold bits (MSB first), then "certain accept", then "undecided at start". */
const PLANE_ACCEPT: i32 = 32;
const PLANE_UNDECIDED: i32 = 33;
const LEAF_PLANES: i32 = 34;
const PLANE_BYTES: usize = <usize>CLASSES * 16;
/** Leaf header: i32 fast flag, then at byte 16 + k the fast code of plane k (bits of t(a = 0), t(a = 1), t(a = 2)). */
const HEADER_BYTES: usize = 64;
/** Zero-field planes after the leaf planes: per plane k the splats t(0), t(0) ^ t(1), t(0) ^ t(2) (bit 31 - k). */
const FAST_BYTES: usize = 32 * 48;
const LEAF_BYTES: usize = HEADER_BYTES + <usize>LEAF_PLANES * PLANE_BYTES + FAST_BYTES;
/** Planes every vector with an undecided lane draws before its lanes still undecided are queued (K). */
export const PACKED3D_PLANES: i32 = 7;
/** Bytes of a row-queue entry: w (i32), then 16-byte slots: lanes of the current layer, lanes still undecided, a0, a1, a2. */
const ENTRY_BYTES: usize = 96;

/** Bytes of one seed table with its row queue (per instance: each worker has its own): 4 lane generators per (colour, plane), L / 16 entries. */
// @ts-ignore: decorator
@inline
function seedTableBytes(size: i32): usize {
  return <usize>size * 128 + <usize>(size >> 4) * ENTRY_BYTES;
}

let L: i32 = 0;
let B: i32 = 0;
let lattice: usize = 0;
let leaves: usize = 0;
let seeds: usize = 0;
let bondSum: i32 = 0;
let magnetization: i32 = 0;
let countsValid = true;
let censusUp: i32 = 0;
let censusAnti: i32 = 0;

// @ts-ignore: decorator
@inline
function planeBytes(): usize {
  return <usize>B * <usize>B * 32;
}

/** Points this instance at packed regions (the owner's after packed3dInit, or a worker's view of shared memory). */
export function packed3dAttach(size: i32, latticeAt: usize, leavesAt: usize, seedsAt: usize): void {
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
 * Reserves the packed lattice (L^3 / 8 bytes), the leaf table and one seed table for an
 * L x L x L lattice (L a multiple of 16; init(L, 3) first). Returns 0, or -1 when memory cannot grow that far.
 */
export function packed3dInit(size: i32): i32 {
  const lat = reserve((<usize>size * <usize>size * <usize>size) >> 3);
  const lv = reserve(LEAF_BYTES);
  const sd = reserve(seedTableBytes(size));
  if (lat == 0 || lv == 0 || sd == 0) return -1;
  packed3dAttach(size, lat, lv, sd);
  return 0;
}

/** Reserves one more seed table (for a worker); returns its address or 0. */
export function packed3dReserveSeeds(): usize {
  return reserve(seedTableBytes(L));
}

export function packed3dLatticePtr(): usize { return lattice; }
export function packed3dLeavesPtr(): usize { return leaves; }
export function packed3dSeedsPtr(): usize { return seeds; }
export function getPacked3dBondSum(): i32 { if (!countsValid) packed3dRecount(); return bondSum; }
export function getPacked3dMagnetization(): i32 { if (!countsValid) packed3dRecount(); return magnetization; }
export function setPacked3dCounts(b: i32, m: i32): void { bondSum = b; magnetization = m; countsValid = true; }
export function packed3dInvalidateCounts(): void { countsValid = false; }

/** Packs the byte lattice (assembly/ising2d.ts, initialised cubic) and copies its counters. */
export function pack3dFromBytes(): void {
  memory.fill(lattice, 0, (<usize>L * <usize>L * <usize>L) >> 3);
  convertPlanes(true, spinsPtr(), lattice, L, L);
  recount();
  bondSum = getBondSum();
  magnetization = getMagnetization();
  countsValid = true;
}

/** Unpacks into the byte lattice and recounts its bond sum and magnetization. */
export function unpack3dToBytes(): void {
  convertPlanes(false, spinsPtr(), lattice, L, L);
  recount();
}

/**
 * Builds the leaf table from the Metropolis thresholds (14 entries; call after they change). Sets
 * the fast flag when the table has the zero-field shape: t(s, a) independent of s, a >= 3 certain
 * accept, a <= 2 undecided; the fast code of plane k then holds bit 31 - k of t(0), t(1), t(2).
 */
export function packed3dPrepare(): void {
  const table = metropolisTablePtr();
  const leaf = leaves + HEADER_BYTES;
  leafPlanes(table, leaf, CLASSES);
  store<i32>(leaves, zeroFieldShape(table, 6) ? 1 : 0);
  for (let k = 0; k < 32; k++) {
    let code: u32 = 0;
    for (let a = 0; a < 3; a++) code |= <u32>((load<u64>(table + (<usize>a << 3)) >> <u64>(31 - k)) & 1) << a;
    store<u8>(leaves + 16 + <usize>k, <u8>code);
    const at = leaf + <usize>LEAF_PLANES * PLANE_BYTES + <usize>k * 48;
    const t0: u64 = 0 - <u64>(code & 1), d1: u64 = 0 - <u64>((code ^ (code >> 1)) & 1), d2: u64 = 0 - <u64>((code ^ (code >> 2)) & 1);
    store<u64>(at, t0); store<u64>(at, t0, 8);
    store<u64>(at, d1, 16); store<u64>(at, d1, 24);
    store<u64>(at, d2, 32); store<u64>(at, d2, 40);
  }
}

/** Draws this sweep's lane-generator states (32 * L outputs of the generator) into the seed table. */
export function packed3dSeeds(): void {
  drawLaneSeeds(seeds, 2 * L);
}

/**
 * The cubic lattice's 14 threshold classes for the ends of rows (finishRowSimd, finishRowScalar of
 * assembly/packed.ts): zero-field lanes still undecided have a = 0, 1 or 2.
 */
@final @unmanaged
class CubicClasses {
  @inline planeBytes(): usize { return PLANE_BYTES; }
  @inline fixedPlanes(): i32 { return PACKED3D_PLANES; }
  @inline fastA1(): bool { return true; }
  @inline select(plane: usize, s: v128, a0: v128, a1: v128, a2: v128, fast: bool): v128 {
    return fast
      ? v128.bitselect(v128.load(plane, 2 << 4), v128.bitselect(v128.load(plane, 1 << 4), v128.load(plane), a0), a1)
      : leafSelect(plane, s, a0, a1, a2);
  }
  @inline select64(plane: usize, s: u64, a0: u64, a1: u64, a2: u64, fast: bool): u64 {
    return fast ? fastSelect64(plane, a0, a1) : leafSelect64(plane, s, a0, a1, a2);
  }
}

// ---------------------------------------------------------------------------------------------
// SIMD half-sweep

// @ts-ignore: decorator
@inline
function leafSelect(base: usize, s: v128, a0: v128, a1: v128, a2: v128): v128 {
  // class (s, a) of each lane: mux on s (index 13 - a for s = +1), then a0, a1, a2 (a <= 6)
  const v0 = v128.bitselect(v128.load(base, 13 << 4), v128.load(base, 0), s);
  const v1 = v128.bitselect(v128.load(base, 12 << 4), v128.load(base, 1 << 4), s);
  const v2 = v128.bitselect(v128.load(base, 11 << 4), v128.load(base, 2 << 4), s);
  const v3 = v128.bitselect(v128.load(base, 10 << 4), v128.load(base, 3 << 4), s);
  const v4 = v128.bitselect(v128.load(base, 9 << 4), v128.load(base, 4 << 4), s);
  const v5 = v128.bitselect(v128.load(base, 8 << 4), v128.load(base, 5 << 4), s);
  const v6 = v128.bitselect(v128.load(base, 7 << 4), v128.load(base, 6 << 4), s);
  const low = v128.bitselect(v128.bitselect(v3, v2, a0), v128.bitselect(v1, v0, a0), a1);
  const high = v128.bitselect(v6, v128.bitselect(v5, v4, a0), a1);
  return v128.bitselect(high, low, a2);
}

/**
 * Zero-field threshold plane at `fast` (t(0), t(0) ^ t(1), t(0) ^ t(2)): t(a) for a = 0, 1, 2 as
 * t(0) ^ (a0 & (t(0) ^ t(1))) ^ (a1 & (t(0) ^ t(2))) (lanes with a >= 3 are decided already).
 */
// @ts-ignore: decorator
@inline
function fastSelect(fast: usize, a0: v128, a1: v128): v128 {
  return v128.xor(v128.load(fast), v128.xor(v128.and(a0, v128.load(fast, 16)), v128.and(a1, v128.load(fast, 32))));
}

/** The SIMD half-sweep of planes z0 .. z1 - 1, compiled once per path and counter choice (assembly/packed.ts Fast, ...). */
function halfSweepSimd<Path, Counters>(colour: i32, z0: i32, z1: i32): f64 {
  const census = idof<Path>() == idof<Census>();
  const fast = idof<Path>() == idof<Fast>();
  const track = census || idof<Counters>() == idof<Tracked>();
  const b = B;
  const rowBytes = <usize>b << 4;
  const colourBytes = <usize>b * rowBytes;
  const pb = planeBytes();
  const leaf = leaves + HEADER_BYTES;
  const ALL = i32x4.splat(-1);
  const NONE = i32x4.splat(0);
  const EVEN_BYTES = i16x8.splat(0x00ff);
  const ODD_BYTES = i16x8.splat(<i16>0xff00);
  const queue = seeds + <usize>L * 128;
  let ups = NONE, asum = NONE;
  let flipCount = 0;
  clearLateSums();
  for (let z = z0; z < z1; z++) {
    const cp = (colour + z) & 1;
    const seed = seeds + (<usize>(colour * L + z) << 6);
    let g0 = v128.load(seed), g1 = v128.load(seed, 16), g2 = v128.load(seed, 32), g3 = v128.load(seed, 48);
    const plane = lattice + <usize>z * pb;
    const own = plane + <usize>cp * colourBytes;
    const other = plane + <usize>(1 - cp) * colourBytes;
    const ahead = lattice + <usize>(z == L - 1 ? 0 : z + 1) * pb + <usize>cp * colourBytes;
    const behind = lattice + <usize>(z == 0 ? L - 1 : z - 1) * pb + <usize>cp * colourBytes;
    for (let r = 0; r < b; r++) {
      let queued = 0;
      const rowAt = <usize>r * rowBytes;
      const row = own + rowAt;
      const same = other + rowAt;
      const front = ahead + rowAt;
      const back = behind + rowAt;
      const up = other + <usize>(r == 0 ? b - 1 : r - 1) * rowBytes;
      const down = other + <usize>(r == b - 1 ? 0 : r + 1) * rowBytes;
      const oddRow = ((r + cp) & 1) != 0;
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
        const x5 = v128.xor(s, v128.load(front + off));
        const x6 = v128.xor(s, v128.load(back + off));
        // a = x1 + ... + x6 (antiparallel neighbours) as bits a2 a1 a0: two full adders, then one more
        const h1 = v128.xor(x1, x2), h2 = v128.xor(x4, x5);
        const s1 = v128.xor(h1, x3), s2 = v128.xor(h2, x6);
        const c1 = v128.or(v128.and(x1, x2), v128.and(x3, h1));
        const c2 = v128.or(v128.and(x4, x5), v128.and(x6, h2));
        const a0 = v128.xor(s1, s2), k = v128.and(s1, s2);
        const cx = v128.xor(c1, c2);
        const a1 = v128.xor(cx, k);
        const a2 = v128.or(v128.and(c1, c2), v128.and(k, cx));
        let acc: v128, und: v128;
        if (census) {
          acc = ALL;
          und = NONE;
        } else if (fast) {
          acc = v128.or(a2, v128.and(a1, a0));
          und = v128.not(acc);
        } else {
          acc = leafSelect(leaf + <usize>PLANE_ACCEPT * PLANE_BYTES, s, a0, a1, a2);
          und = leafSelect(leaf + <usize>PLANE_UNDECIDED * PLANE_BYTES, s, a0, a1, a2);
        }
        if (!census && v128.any_true(und)) {
          // PACKED3D_PLANES planes, no data-dependent exit
          let plane = leaf;
          let fastPlane = leaf + <usize>LEAF_PLANES * PLANE_BYTES;
          for (let k = 0; k < PACKED3D_PLANES; k++) {
            const x = i32x4.add(g1, i32x4.shl(g1, 2));
            const y = v128.or(i32x4.shl(x, 7), i32x4.shr_u(x, 25));
            const u = i32x4.add(y, i32x4.shl(y, 3));
            const sh = i32x4.shl(g1, 9);
            g2 = v128.xor(g2, g0); g3 = v128.xor(g3, g1); g1 = v128.xor(g1, g2); g0 = v128.xor(g0, g3);
            g2 = v128.xor(g2, sh); g3 = v128.or(i32x4.shl(g3, 11), i32x4.shr_u(g3, 21));
            const code = fast ? <i32>load<u8>(leaves + 16 + <usize>k) : 1;
            if (fast && code == 0) {
              // every undecided class has a 0 here: a random 1 rejects, a 0 goes on
              und = v128.andnot(und, u);
            } else if (fast && code == 7) {
              // every undecided class has a 1 here: a random 0 accepts, a 1 goes on
              acc = v128.or(acc, v128.andnot(und, u));
              und = v128.and(und, u);
            } else {
              const t = fast ? fastSelect(fastPlane, a0, a1) : leafSelect(plane, s, a0, a1, a2);
              acc = v128.or(acc, v128.and(und, v128.andnot(t, u)));
              und = v128.andnot(und, v128.xor(u, t));
            }
            plane += PLANE_BYTES;
            fastPlane += 48;
          }
          // queue the lanes still undecided (the entry is written either way: no branch)
          const e = queue + <usize>queued * ENTRY_BYTES;
          store<i32>(e, w);
          v128.store(e, und, 32);
          v128.store(e, a0, 48);
          v128.store(e, a1, 64);
          if (!fast) v128.store(e, a2, 80);
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
        // the row's queued lanes draw from the plane's generators, which then go on to the next row
        storeGenerators(seed, g0, g1, g2, g3);
        flipCount += finishRowSimd<Path, Counters, CubicClasses>(leaf, seed, queue, queued, row);
        g0 = v128.load(seed); g1 = v128.load(seed, 16); g2 = v128.load(seed, 32); g3 = v128.load(seed, 48);
      }
    }
    storeGenerators(seed, g0, g1, g2, g3);
  }
  const up = laneSum(ups) + lateUpSum();
  const weighted = laneSum(asum) + lateWeightedSum();
  return settle(census, track, flipCount, up, weighted);
}

/**
 * Books a half-sweep's sums: a census records them; a tracked sweep applies its flips to the
 * counters (a flip of a site with a antiparallel neighbours changes B by 4a - 12; of s = +1, M by -2).
 */
// @ts-ignore: decorator
@inline
function settle(census: bool, track: bool, flips: i32, up: i32, weighted: i32): f64 {
  if (census) {
    censusUp += up;
    censusAnti += weighted;
  } else if (track) {
    bondSum += 4 * weighted - 12 * flips;
    magnetization += 2 * flips - 4 * up;
  }
  return <f64>flips;
}

// ---------------------------------------------------------------------------------------------
// Scalar half-sweep: the same vectors as two i64 halves (bytes 0-7 and 8-15)

// @ts-ignore: decorator
@inline
function leafSelect64(base: usize, s: u64, a0: u64, a1: u64, a2: u64): u64 {
  const v0 = sel(load<u64>(base, 13 << 4), load<u64>(base, 0), s);
  const v1 = sel(load<u64>(base, 12 << 4), load<u64>(base, 1 << 4), s);
  const v2 = sel(load<u64>(base, 11 << 4), load<u64>(base, 2 << 4), s);
  const v3 = sel(load<u64>(base, 10 << 4), load<u64>(base, 3 << 4), s);
  const v4 = sel(load<u64>(base, 9 << 4), load<u64>(base, 4 << 4), s);
  const v5 = sel(load<u64>(base, 8 << 4), load<u64>(base, 5 << 4), s);
  const v6 = sel(load<u64>(base, 7 << 4), load<u64>(base, 6 << 4), s);
  return sel(sel(v6, sel(v5, v4, a0), a1), sel(sel(v3, v2, a0), sel(v1, v0, a0), a1), a2);
}

/** Antiparallel-neighbour count of six neighbour words as bits (a0, a1, a2), into the globals below. */
let A0: u64 = 0, A1: u64 = 0, A2: u64 = 0;
// @ts-ignore: decorator
@inline
function count6(x1: u64, x2: u64, x3: u64, x4: u64, x5: u64, x6: u64): void {
  const h1 = x1 ^ x2, h2 = x4 ^ x5;
  const s1 = h1 ^ x3, s2 = h2 ^ x6;
  const c1 = (x1 & x2) | (x3 & h1), c2 = (x4 & x5) | (x6 & h2);
  const k = s1 & s2, cx = c1 ^ c2;
  A0 = s1 ^ s2;
  A1 = cx ^ k;
  A2 = (c1 & c2) | (k & cx);
}

/** The scalar half-sweep: the same vectors as two i64 halves, bit for bit. */
function halfSweepScalar<Path, Counters>(colour: i32, z0: i32, z1: i32): f64 {
  const census = idof<Path>() == idof<Census>();
  const fast = idof<Path>() == idof<Fast>();
  const track = census || idof<Counters>() == idof<Tracked>();
  const b = B;
  const rowBytes = <usize>b << 4;
  const colourBytes = <usize>b * rowBytes;
  const pb = planeBytes();
  const leaf = leaves + HEADER_BYTES;
  const queue = seeds + <usize>L * 128;
  let flips: i64 = 0, ups: i64 = 0, wsum: i64 = 0;
  clearLateSums();
  for (let z = z0; z < z1; z++) {
    const cp = (colour + z) & 1;
    const seed = seeds + (<usize>(colour * L + z) << 6);
    // generator g word k at seed + 16 k + 4 g
    let p0 = load<u32>(seed, 0), p1 = load<u32>(seed, 16), p2 = load<u32>(seed, 32), p3 = load<u32>(seed, 48);
    let q0 = load<u32>(seed, 4), q1 = load<u32>(seed, 20), q2 = load<u32>(seed, 36), q3 = load<u32>(seed, 52);
    let e0 = load<u32>(seed, 8), e1 = load<u32>(seed, 24), e2 = load<u32>(seed, 40), e3 = load<u32>(seed, 56);
    let f0 = load<u32>(seed, 12), f1 = load<u32>(seed, 28), f2 = load<u32>(seed, 44), f3 = load<u32>(seed, 60);
    const plane = lattice + <usize>z * pb;
    const own = plane + <usize>cp * colourBytes;
    const other = plane + <usize>(1 - cp) * colourBytes;
    const ahead = lattice + <usize>(z == L - 1 ? 0 : z + 1) * pb + <usize>cp * colourBytes;
    const behind = lattice + <usize>(z == 0 ? L - 1 : z - 1) * pb + <usize>cp * colourBytes;
    for (let r = 0; r < b; r++) {
      let queued = 0;
      const rowAt = <usize>r * rowBytes;
      const row = own + rowAt;
      const same = other + rowAt;
      const front = ahead + rowAt;
      const back = behind + rowAt;
      const up = other + <usize>(r == 0 ? b - 1 : r - 1) * rowBytes;
      const down = other + <usize>(r == b - 1 ? 0 : r + 1) * rowBytes;
      const oddRow = ((r + cp) & 1) != 0;
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
        count6(sl ^ ul, sl ^ dl, sl ^ load<u64>(same + off), sl ^ sel(pl, ml, P), sl ^ load<u64>(front + off), sl ^ load<u64>(back + off));
        const a0l = A0, a1l = A1, a2l = A2;
        count6(sh ^ uh, sh ^ dh, sh ^ load<u64>(same + off, 8), sh ^ sel(ph, mh, P), sh ^ load<u64>(front + off, 8), sh ^ load<u64>(back + off, 8));
        const a0h = A0, a1h = A1, a2h = A2;
        let accl: u64, acch: u64, undl: u64, undh: u64;
        if (census) {
          accl = ~<u64>0; acch = ~<u64>0; undl = 0; undh = 0;
        } else if (fast) {
          accl = a2l | (a1l & a0l); acch = a2h | (a1h & a0h);
          undl = ~accl; undh = ~acch;
        } else {
          accl = leafSelect64(leaf + <usize>PLANE_ACCEPT * PLANE_BYTES, sl, a0l, a1l, a2l);
          acch = leafSelect64(leaf + <usize>PLANE_ACCEPT * PLANE_BYTES, sh, a0h, a1h, a2h);
          undl = leafSelect64(leaf + <usize>PLANE_UNDECIDED * PLANE_BYTES, sl, a0l, a1l, a2l);
          undh = leafSelect64(leaf + <usize>PLANE_UNDECIDED * PLANE_BYTES, sh, a0h, a1h, a2h);
        }
        if (!census && (undl | undh) != 0) {
          // PACKED3D_PLANES planes, no data-dependent exit
          let plane = leaf;
          for (let k = 0; k < PACKED3D_PLANES; k++) {
            const o0 = rotl<u32>(p1 * 5, 7) * 9;
            let t = p1 << 9;
            p2 ^= p0; p3 ^= p1; p1 ^= p2; p0 ^= p3; p2 ^= t; p3 = rotl<u32>(p3, 11);
            const o1 = rotl<u32>(q1 * 5, 7) * 9;
            t = q1 << 9;
            q2 ^= q0; q3 ^= q1; q1 ^= q2; q0 ^= q3; q2 ^= t; q3 = rotl<u32>(q3, 11);
            const o2 = rotl<u32>(e1 * 5, 7) * 9;
            t = e1 << 9;
            e2 ^= e0; e3 ^= e1; e1 ^= e2; e0 ^= e3; e2 ^= t; e3 = rotl<u32>(e3, 11);
            const o3 = rotl<u32>(f1 * 5, 7) * 9;
            t = f1 << 9;
            f2 ^= f0; f3 ^= f1; f1 ^= f2; f0 ^= f3; f2 ^= t; f3 = rotl<u32>(f3, 11);
            const ul2 = <u64>o0 | (<u64>o1 << 32);
            const uh2 = <u64>o2 | (<u64>o3 << 32);
            const code = fast ? <i32>load<u8>(leaves + 16 + <usize>k) : 1;
            if (fast && code == 0) {
              undl &= ~ul2; undh &= ~uh2;
            } else if (fast && code == 7) {
              accl |= undl & ~ul2; acch |= undh & ~uh2;
              undl &= ul2; undh &= uh2;
            } else {
              let tl: u64, th: u64;
              if (fast) {
                tl = fastSelect64(plane, a0l, a1l);
                th = fastSelect64(plane, a0h, a1h);
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
          store<u64>(e, a1l, 64); store<u64>(e, a1h, 72);
          if (!fast) { store<u64>(e, a2l, 80); store<u64>(e, a2h, 88); }
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
        flips += finishRowScalar<Path, Counters, CubicClasses>(leaf, seed, queue, queued, row);
        p0 = load<u32>(seed, 0); p1 = load<u32>(seed, 16); p2 = load<u32>(seed, 32); p3 = load<u32>(seed, 48);
        q0 = load<u32>(seed, 4); q1 = load<u32>(seed, 20); q2 = load<u32>(seed, 36); q3 = load<u32>(seed, 52);
        e0 = load<u32>(seed, 8); e1 = load<u32>(seed, 24); e2 = load<u32>(seed, 40); e3 = load<u32>(seed, 56);
        f0 = load<u32>(seed, 12); f1 = load<u32>(seed, 28); f2 = load<u32>(seed, 44); f3 = load<u32>(seed, 60);
      }
    }
    storeLanes(seed, p0, p1, p2, p3, q0, q1, q2, q3, e0, e1, e2, e3, f0, f1, f2, f3);
  }
  return settle(census, track, <i32>flips, <i32>ups + lateUpSum(), <i32>wsum + lateWeightedSum());
}

/** The zero-field threshold bits of plane `plane` for a = 0, 1, 2 by a0 and a1 (classes 0, 1, 2). */
// @ts-ignore: decorator
@inline
function fastSelect64(plane: usize, a0: u64, a1: u64): u64 {
  return sel(load<u64>(plane, 32), sel(load<u64>(plane, 16), load<u64>(plane), a0), a1);
}

/**
 * Updates the colour-`colour` sites of planes z0 .. z1 - 1 with this sweep's seeds
 * (packed3dSeeds first). With `track` non-zero adds the changes to the packed counters (else the
 * caller marks them stale); returns the number of flips.
 */
export function packed3dHalfSweep(colour: i32, z0: i32, z1: i32, track: i32): f64 {
  const fast = load<i32>(leaves) != 0;
  if (ASC_FEATURE_SIMD) {
    if (track != 0) return fast ? halfSweepSimd<Fast, Tracked>(colour, z0, z1) : halfSweepSimd<General, Tracked>(colour, z0, z1);
    return fast ? halfSweepSimd<Fast, Untracked>(colour, z0, z1) : halfSweepSimd<General, Untracked>(colour, z0, z1);
  } else {
    if (track != 0) return fast ? halfSweepScalar<Fast, Tracked>(colour, z0, z1) : halfSweepScalar<General, Tracked>(colour, z0, z1);
    return fast ? halfSweepScalar<Fast, Untracked>(colour, z0, z1) : halfSweepScalar<General, Untracked>(colour, z0, z1);
  }
}

/**
 * Recomputes the counters from the packed lattice: M = 2 (up spins) - N, and
 * B = 3N - 2 (antiparallel bonds), every bond having exactly one colour-0 end.
 */
export function packed3dRecount(): void {
  censusUp = 0;
  censusAnti = 0;
  if (ASC_FEATURE_SIMD) {
    halfSweepSimd<Census, Tracked>(0, 0, L);
    const anti = censusAnti;
    halfSweepSimd<Census, Tracked>(1, 0, L);
    censusAnti = anti;
  } else {
    halfSweepScalar<Census, Tracked>(0, 0, L);
    const anti = censusAnti;
    halfSweepScalar<Census, Tracked>(1, 0, L);
    censusAnti = anti;
  }
  const n = L * L * L;
  magnetization = 2 * censusUp - n;
  bondSum = 3 * n - 2 * censusAnti;
  countsValid = true;
}

/**
 * Runs `sweeps` packed Metropolis sweeps on one thread. With `record` non-zero writes one
 * (bondSum, magnetization) record per sweep to the series region (sweeps <= SERIES_CAPACITY);
 * without, the counters are recounted when next read. Returns the number of flipped spins, or -1
 * if the record request does not fit.
 */
export function packed3dSweep(sweeps: i32, record: i32): f64 {
  if (record != 0 && sweeps > SERIES_CAPACITY) return -1;
  const series = seriesPtr();
  let changed: f64 = 0;
  const track = record != 0 ? 1 : 0;
  if (track != 0 && !countsValid) packed3dRecount();
  if (track == 0 && sweeps > 0) countsValid = false;
  for (let k = 0; k < sweeps; k++) {
    packed3dSeeds();
    changed += packed3dHalfSweep(0, 0, L, track);
    changed += packed3dHalfSweep(1, 0, L, track);
    if (record != 0) storeRecord(series, k, bondSum, magnetization);
  }
  return changed;
}
