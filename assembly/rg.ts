// Real-space renormalization group: block-spin kernels on the byte lattice.
//
// A pyramid of block lattices is built from the simulation's lattice (level 0, the spins
// region of ising2d.ts) by coarse-graining b x b blocks (b x b x b on the simple cubic lattice),
// level after level: L -> L/b -> L/b^2 -> ... Every level is itself a byte lattice of +1/-1,
// row-major (site (z L' + y) L' + x), periodic, so the same code measures every level. The
// TypeScript twin is src/models/ising/rg-js.ts.
//
// Simple cubic lattice (dimension 3): block (X, Y, Z) covers x = bX .. bX+b-1, y = bY .., z = bZ ..;
// majority and its tie draw as below; decimation takes the corner (bX, bY, bZ). Blocks are visited
// Z outer, Y, X inner (one draw per tied block); the pattern code has bit (dz*b + dy)*b + dx set
// for a +1 spin (counted when b^3 <= 9, i.e. b = 2: 256 configurations).
//
// Rules (block (X, Y) of level k covers sites x = bX .. bX+b-1, y = bY .. bY+b-1 of level k-1):
//   majority    s' = sign(sum of the b*b spins); a tie (sum = 0, only for even b) takes one
//               32-bit number r from the RG stream and sets s' = +1 if r >>> 31 is 1, else -1.
//   decimation  s' = the spin at the block's corner (bX, bY).
// Random-stream order: levels 1, 2, ... in turn; within a level blocks in row-major order
// (Y outer, X inner); exactly one draw per tied block, none otherwise.
// The RG stream is a xoshiro128** state of its own (not the simulation's): building a
// pyramid never changes the Monte Carlo trajectory.
//
// Regions (reserved on first use by rgConfigure, after the regions of ising2d.ts; a larger
// configuration later reserves larger regions, the old ones stay unused):
//   [pyramid]   levels 1..K, level k has (L/b^k)^2 bytes, back to back
//   [operators] (K + 1) x RG_OPERATORS x f64: operator sums of every level, level-major
//   [patterns]  K x 2^(b*b) x u32 (only for b <= RG_MAX_PATTERN_BLOCK): block-configuration counts
//
// Operators (exact integer sums over the periodic L' x L' level lattice, in this order):
//   0 nn          sum_i s_i (s_i+x + s_i+y)                  nearest neighbours (even)
//   1 nnn         sum_i s_i (s_i+x+y + s_i+x-y)              next-nearest (diagonal) neighbours (even)
//   2 plaquette   sum_i s_i s_i+x s_i+y s_i+x+y              four-spin plaquettes (even)
//   3 nn3         sum_i s_i (s_i+2x + s_i+2y)                third neighbours at distance 2 (even)
//   4 magnetization sum_i s_i                                (odd)
//   5 plaquette3  sum over plaquettes of its four 3-spin products (odd)
//   6 row3        sum_i s_i (s_i-x s_i+x + s_i-y s_i+y)       three spins in a row (odd)
//
// The same seven on the simple cubic lattice (measureLevel3; sums over all three axes and planes):
//   0 nn          sum_i s_i (s_i+x + s_i+y + s_i+z)                             3 bonds a site
//   1 nnn         sum_i s_i (s_i+x+y + s_i+x-y + s_i+y+z + s_i+y-z + s_i+z+x + s_i+z-x)  face diagonals, 6 a site
//   2 plaquette   sum over the xy, yz and zx plaquettes of their four-spin products, 3 a site
//   3 nn3         sum_i s_i (s_i+x+y+z + s_i+x+y-z + s_i+x-y+z + s_i+x-y-z)     body diagonals (third neighbours), 4 a site
//   4 magnetization sum_i s_i
//   5 plaquette3  sum over the 3N plaquettes of their four 3-spin products
//   6 row3        sum_i s_i (s_i-x s_i+x + s_i-y s_i+y + s_i-z s_i+z)
//
// A packed level 0 (assembly/packed.ts) has its own reader, assembly/rg-packed.ts: it builds
// level 1 with the same block order, tie draws and pattern counts (coarsenBlockRow below, or a
// b = 2 path of its own) and measures level 0 from the packed lanes; levels >= 1 stay byte lattices.

import { reserve } from "./memory";
import { spinsPtr } from "./ising2d";

/** Number of operators measured per level (see the list above). */
export const RG_OPERATORS: i32 = 7;
/** Largest block size whose b x b configurations are counted (2^9 = 512 patterns for b = 3). */
export const RG_MAX_PATTERN_BLOCK: i32 = 3;
/** Largest number of sites b^d of a block whose configurations are counted (3 x 3, or 2 x 2 x 2). */
const RG_MAX_PATTERN_CELLS: i32 = 9;
/** Rule codes of rgBuild. */
export const RG_RULE_MAJORITY: i32 = 0;
export const RG_RULE_DECIMATION: i32 = 1;

// RG stream (xoshiro128**, the step of rng.ts on a state of its own)
let g0: u32 = 1;
let g1: u32 = 0;
let g2: u32 = 0;
let g3: u32 = 0;

/** Sets the RG stream state (never all zero: the wrapper seeds it). */
export function rgSetState(a: u32, b: u32, c: u32, d: u32): void {
  g0 = a; g1 = b; g2 = c; g3 = d;
}

/** Word k (0..3) of the RG stream state. */
export function rgGetState(k: i32): u32 {
  return k == 0 ? g0 : k == 1 ? g1 : k == 2 ? g2 : g3;
}

/** Next output of the RG stream (one per majority tie). */
// @ts-ignore: decorator
@inline
export function rgNext(): u32 {
  const result = rotl<u32>(g1 * 5, 7) * 9;
  const t = g1 << 9;
  g2 ^= g0; g3 ^= g1; g1 ^= g2; g0 ^= g3; g2 ^= t; g3 = rotl<u32>(g3, 11);
  return result;
}

let size: i32 = 0;
let dim: i32 = 2;
let block: i32 = 2;
let levels: i32 = 0;
let countPatterns: bool = false;
let pyramid: usize = 0;
let pyramidCapacity: usize = 0;
let operators: usize = 0;
let operatorsCapacity: usize = 0;
let patterns: usize = 0;
let patternsCapacity: usize = 0;

/** Linear size of level k. */
// @ts-ignore: decorator
@inline
function levelSize(k: i32): i32 {
  let n = size;
  for (let i = 0; i < k; i++) n /= block;
  return n;
}

/** Number of sites n^d of a level of linear size n. */
// @ts-ignore: decorator
@inline
function sitesOf(n: i32): usize {
  const m = <usize>n;
  return dim == 3 ? m * m * m : m * m;
}

/** Number of sites b^d of a block. */
// @ts-ignore: decorator
@inline
function blockCells(): i32 {
  return dim == 3 ? block * block * block : block * block;
}

/** Address of level k (0 = the simulation's lattice). */
export function rgLevelPtr(k: i32): usize {
  if (k == 0) return spinsPtr();
  let at = pyramid;
  for (let i = 1; i < k; i++) at += sitesOf(levelSize(i));
  return at;
}

export function rgOperatorsPtr(): usize { return operators; }
export function rgPatternsPtr(): usize { return patterns; }
/** The configuration of rgConfigure (for assembly/rg-packed.ts). */
export function rgBlockSize(): i32 { return block; }
export function rgLatticeSize(): i32 { return size; }

/** Number of block patterns (2^(b^d)) counted per level (0 when the block is too large to count them). */
export function rgPatternCount(): i32 {
  return countPatterns ? 1 << blockCells() : 0;
}

// @ts-ignore: decorator
@inline
function ensure(current: usize, capacity: usize, bytes: usize): usize {
  return bytes <= capacity && current != 0 ? current : reserve(bytes > 0 ? bytes : 1);
}

/**
 * Prepares a pyramid of `count` levels of b x b blocks over the L x L lattice (dimension 2), or of
 * b x b x b blocks over the L x L x L lattice (dimension 3). The wrapper has checked that b^count
 * divides L. `withPatterns` != 0 counts block configurations (b^d <= 9: b <= 3 square, b = 2 cubic).
 * Returns 0, or -1 when memory cannot grow.
 */
export function rgConfigure(latticeSize: i32, b: i32, count: i32, withPatterns: i32, dimension: i32): i32 {
  size = latticeSize;
  dim = dimension == 3 ? 3 : 2;
  block = b;
  levels = count;
  countPatterns = withPatterns != 0 && blockCells() <= RG_MAX_PATTERN_CELLS;
  let pyramidBytes: usize = 0;
  for (let k = 1; k <= count; k++) pyramidBytes += sitesOf(levelSize(k));
  const operatorBytes = <usize>(count + 1) * <usize>RG_OPERATORS * 8;
  const patternBytes = countPatterns ? <usize>count * (<usize>1 << <usize>blockCells()) * 4 : 0;
  const p = ensure(pyramid, pyramidCapacity, pyramidBytes);
  if (p == 0) return -1;
  if (p != pyramid) { pyramid = p; pyramidCapacity = pyramidBytes; }
  const o = ensure(operators, operatorsCapacity, operatorBytes);
  if (o == 0) return -1;
  if (o != operators) { operators = o; operatorsCapacity = operatorBytes; }
  if (countPatterns) {
    const c = ensure(patterns, patternsCapacity, patternBytes);
    if (c == 0) return -1;
    if (c != patterns) { patterns = c; patternsCapacity = patternBytes; }
  }
  return 0;
}

/**
 * Coarse-grains one block row: the b rows of n spins at rowStart (row stride n) into the n/b
 * block spins at out, blocks in order X = 0, 1, ... With hist != 0 also counts each block's
 * configuration: code bit (dy*b + dx) is set when that spin is +1. With depth = b and plane = n*n
 * (the cubic lattice) a block also spans `depth` planes: b x b x b cells, code bit (dz*b + dy)*b + dx.
 * Returns the ties broken.
 */
export function coarsenBlockRow(rowStart: usize, n: i32, b: i32, out: usize, majority: bool, hist: usize, depth: i32 = 1, plane: usize = 0): i32 {
  const m = n / b;
  let ties = 0;
  for (let X = 0; X < m; X++) {
    const corner = rowStart + <usize>(X * b);
    let s: i32;
    if (majority || hist != 0) {
      let sum = 0;
      let code = 0;
      let bit = 0;
      for (let dz = 0; dz < depth; dz++) {
        for (let dy = 0; dy < b; dy++) {
          const row = corner + <usize>dz * plane + <usize>(dy * n);
          for (let dx = 0; dx < b; dx++) {
            const v = <i32>load<i8>(row + dx);
            sum += v;
            code |= ((v + 1) >> 1) << bit;
            bit++;
          }
        }
      }
      if (hist != 0) {
        const at = hist + (<usize>code << 2);
        store<u32>(at, load<u32>(at) + 1);
      }
      if (majority) {
        if (sum == 0) {
          s = (rgNext() >>> 31) != 0 ? 1 : -1;
          ties++;
        } else {
          s = sum > 0 ? 1 : -1;
        }
      } else {
        s = <i32>load<i8>(corner);
      }
    } else {
      s = <i32>load<i8>(corner);
    }
    store<i8>(out + X, <i8>s);
  }
  return ties;
}

/**
 * Coarse-grains the n x n byte lattice at src into the (n/b) x (n/b) lattice at dst, block rows
 * Y = 0, 1, ... in turn (see coarsenBlockRow); on the cubic lattice the n^3 lattice into (n/b)^3,
 * block rows Z outer, Y inner. Returns the number of ties broken.
 */
function coarsen(src: usize, n: i32, b: i32, dst: usize, majority: bool, hist: usize): i32 {
  const m = n / b;
  const plane = <usize>n * <usize>n;
  const depth = dim == 3 ? m : 1;
  let ties = 0;
  for (let Z = 0; Z < depth; Z++) {
    for (let Y = 0; Y < m; Y++) {
      const rowStart = src + <usize>(Z * b) * plane + <usize>(Y * b) * <usize>n;
      const out = dst + <usize>((Z * m + Y) * m);
      ties += dim == 3
        ? coarsenBlockRow(rowStart, n, b, out, majority, hist, b, plane)
        : coarsenBlockRow(rowStart, n, b, out, majority, hist);
    }
  }
  return ties;
}

/**
 * Clears the pattern counts (when they are counted) and returns the address of level 0's:
 * level k's follow at k * rgPatternCount() * 4 bytes; 0 when patterns are not counted.
 */
export function rgClearPatterns(): usize {
  const perLevel = <usize>rgPatternCount();
  if (perLevel == 0) return 0;
  memory.fill(patterns, 0, <usize>levels * perLevel * 4);
  return patterns;
}

/**
 * Builds levels from..K, each from the level before it (level from - 1 already built; from >= 1),
 * counting their block patterns when configured. Returns the number of ties broken.
 */
export function rgBuildFrom(rule: i32, from: i32): i32 {
  const majority = rule == RG_RULE_MAJORITY;
  const perLevel = <usize>rgPatternCount();
  let ties = 0;
  let src = rgLevelPtr(from - 1);
  let n = levelSize(from - 1);
  for (let k = from; k <= levels; k++) {
    const dst = rgLevelPtr(k);
    const hist = perLevel != 0 ? patterns + <usize>(k - 1) * perLevel * 4 : 0;
    ties += coarsen(src, n, block, dst, majority, hist);
    n /= block;
    src = dst;
  }
  return ties;
}

/**
 * Builds levels 1..K from level 0 with rule RG_RULE_MAJORITY or RG_RULE_DECIMATION; with
 * pattern counting configured, first clears and then fills the pattern counts of levels 0..K-1.
 * Returns the number of ties broken (one RG-stream draw each).
 */
export function rgBuild(rule: i32): i32 {
  rgClearPatterns();
  return rgBuildFrom(rule, 1);
}

// @ts-ignore: decorator
@inline
function wrap(i: i32, n: i32): i32 {
  return i < n ? i : i % n;
}

/** Writes the seven operator sums of one level to out, as f64 in kernel order. */
// @ts-ignore: decorator
@inline
function storeOperators(out: usize, nn: i64, nnn: i64, plaq: i64, nn3: i64, mag: i64, plaq3: i64, row3: i64): void {
  store<f64>(out, <f64>nn);
  store<f64>(out, <f64>nnn, 8);
  store<f64>(out, <f64>plaq, 16);
  store<f64>(out, <f64>nn3, 24);
  store<f64>(out, <f64>mag, 32);
  store<f64>(out, <f64>plaq3, 40);
  store<f64>(out, <f64>row3, 48);
}

/**
 * Writes the RG_OPERATORS sums of the n x n lattice at p to out (f64 each). Along a row the
 * spins slide through registers, so a site costs four loads (the sums are exact integers, so
 * the JS twin may add them in any order).
 */
function measureLevel(p: usize, n: i32, out: usize): void {
  let nn: i64 = 0, nnn: i64 = 0, plaq: i64 = 0, nn3: i64 = 0, mag: i64 = 0, plaq3: i64 = 0, row3: i64 = 0;
  for (let y = 0; y < n; y++) {
    const row = p + <usize>(y * n);
    const up = p + <usize>((y == 0 ? n - 1 : y - 1) * n);
    const down = p + <usize>(wrap(y + 1, n) * n);
    const down2 = p + <usize>(wrap(y + 2, n) * n);
    // window at x = 0: l = s(x-1), s, r = s(x+1), r2 = s(x+2); u, ur above; d, dr below
    let l = <i32>load<i8>(row + <usize>(n - 1));
    let s = <i32>load<i8>(row);
    let r = <i32>load<i8>(row + <usize>wrap(1, n));
    let r2 = <i32>load<i8>(row + <usize>wrap(2, n));
    let u = <i32>load<i8>(up);
    let ur = <i32>load<i8>(up + <usize>wrap(1, n));
    let d = <i32>load<i8>(down);
    let dr = <i32>load<i8>(down + <usize>wrap(1, n));
    let rnn = 0, rnnn = 0, rplaq = 0, rnn3 = 0, rmag = 0, rplaq3 = 0, rrow3 = 0;
    for (let x = 0; x < n; x++) {
      const p4 = s * r * d * dr;
      rmag += s;
      rnn += s * (r + d);
      rnnn += s * (dr + ur);
      rplaq += p4;
      rplaq3 += p4 * (s + r + d + dr);
      rrow3 += s * (l * r + u * d);
      rnn3 += s * (r2 + <i32>load<i8>(down2 + <usize>x));
      // slide the window one site to the right
      const x2 = <usize>wrap(x + 2, n);
      l = s; s = r; r = r2; r2 = <i32>load<i8>(row + <usize>wrap(x + 3, n));
      u = ur; ur = <i32>load<i8>(up + x2);
      d = dr; dr = <i32>load<i8>(down + x2);
    }
    nn += rnn; nnn += rnnn; plaq += rplaq; nn3 += rnn3; mag += rmag; plaq3 += rplaq3; row3 += rrow3;
  }
  storeOperators(out, nn, nnn, plaq, nn3, mag, plaq3, row3);
}

/**
 * Writes the RG_OPERATORS sums of the n x n x n lattice at p to out (f64 each; the cubic list in
 * the header). Exact integer sums, so the JS twin may add them in any order.
 */
function measureLevel3(p: usize, n: i32, out: usize): void {
  let nn: i64 = 0, nnn: i64 = 0, plaq: i64 = 0, nn3: i64 = 0, mag: i64 = 0, plaq3: i64 = 0, row3: i64 = 0;
  const N = <usize>n;
  const plane = N * N;
  for (let z = 0; z < n; z++) {
    const z0 = p + <usize>z * plane;
    const zp = p + <usize>wrap(z + 1, n) * plane;
    const zm = p + <usize>(z == 0 ? n - 1 : z - 1) * plane;
    for (let y = 0; y < n; y++) {
      const y0 = <usize>y * N;
      const yp = <usize>wrap(y + 1, n) * N;
      const ym = <usize>(y == 0 ? n - 1 : y - 1) * N;
      let rnn = 0, rnnn = 0, rplaq = 0, rnn3 = 0, rmag = 0, rplaq3 = 0, rrow3 = 0;
      for (let x = 0; x < n; x++) {
        const x0 = <usize>x;
        const xp = <usize>wrap(x + 1, n);
        const xm = <usize>(x == 0 ? n - 1 : x - 1);
        const s = <i32>load<i8>(z0 + y0 + x0);
        const sx = <i32>load<i8>(z0 + y0 + xp);
        const sy = <i32>load<i8>(z0 + yp + x0);
        const sz = <i32>load<i8>(zp + y0 + x0);
        const sxy = <i32>load<i8>(z0 + yp + xp);
        const syz = <i32>load<i8>(zp + yp + x0);
        const szx = <i32>load<i8>(zp + y0 + xp);
        const pxy = s * sx * sy * sxy;
        const pyz = s * sy * sz * syz;
        const pzx = s * sz * sx * szx;
        rmag += s;
        rnn += s * (sx + sy + sz);
        rnnn += s * (sxy + <i32>load<i8>(z0 + ym + xp) + syz + <i32>load<i8>(zm + yp + x0) + szx + <i32>load<i8>(zp + y0 + xm));
        rnn3 += s * (<i32>load<i8>(zp + yp + xp) + <i32>load<i8>(zm + yp + xp) + <i32>load<i8>(zp + ym + xp) + <i32>load<i8>(zm + ym + xp));
        rplaq += pxy + pyz + pzx;
        rplaq3 += pxy * (s + sx + sy + sxy) + pyz * (s + sy + sz + syz) + pzx * (s + sz + sx + szx);
        rrow3 += s * (<i32>load<i8>(z0 + y0 + xm) * sx + <i32>load<i8>(z0 + ym + x0) * sy + <i32>load<i8>(zm + y0 + x0) * sz);
      }
      nn += rnn; nnn += rnnn; plaq += rplaq; nn3 += rnn3; mag += rmag; plaq3 += rplaq3; row3 += rrow3;
    }
  }
  storeOperators(out, nn, nnn, plaq, nn3, mag, plaq3, row3);
}

/** Measures every operator on levels from..K into the operators region (call after rgBuild). */
export function rgMeasureFrom(from: i32): void {
  let n = levelSize(from);
  for (let k = from; k <= levels; k++) {
    const out = operators + <usize>(k * RG_OPERATORS) * 8;
    if (dim == 3) measureLevel3(rgLevelPtr(k), n, out);
    else measureLevel(rgLevelPtr(k), n, out);
    n /= block;
  }
}

/** Measures every operator on levels 0..K into the operators region (call after rgBuild). */
export function rgMeasure(): void {
  rgMeasureFrom(0);
}
