// Symbol sequences: the counting loops of the language statistics and the two samplers of the
// language generators (tables of integer thresholds, no floating point). The TypeScript twin is
// src/language/kernel-js.ts; both produce the same integers and the same symbols for the same
// generator state, bit for bit.
//
// ## ABI
// The wrapper (src/language/kernel-wasm.ts) reserves every region with `langReserve` and passes
// addresses; kernels only read and write the regions they are given. A text is n symbols of
// `width` bytes each (1: u8, 2: u16), contiguous. Counts are i32 and are ADDED to (the wrapper
// zeroes a region before the first call). Blocks: symbol i belongs to block floor(i / blockLen);
// a pair (i, i + r) is counted only when both ends lie in the same block (blocks are independent
// sub-texts: the statistics layer turns per-block counts into jackknife errors). The last block
// may be shorter.
//
// ## Sampling (no floating point: every probability became integer thresholds in TypeScript)
// A row of k choices is k u32 thresholds t_0 <= ... <= t_{k-1} = 0xFFFFFFFF (t_j = floor(2^32 cum_j),
// the last forced to 2^32 - 1). One draw takes u = next u32 of xoshiro128** (assembly/rng.ts) and
// picks the first j with u < t_j, or j = k - 1 when there is none (binary search).

import { reserve } from "./memory";
import * as rng from "./rng";

/** Reserves `bytes` of zeroed memory (64-byte aligned); 0 when memory cannot grow that far. */
export function langReserve(bytes: i32): usize {
  if (bytes < 0) return 0;
  return reserve(<usize>bytes);
}

// @ts-ignore: decorator
@inline
function symbolAt(text: usize, width: i32, i: i32): i32 {
  return width == 1 ? <i32>load<u8>(text + <usize>i) : <i32>load<u16>(text + (<usize>i << 1));
}

/** Number of k < len with a[k] == b[k] (a, b: width-byte symbols). */
function countEqual(a: usize, b: usize, len: i32, width: i32): i32 {
  let count = 0;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    if (width == 1) {
      // 16 lanes of u8; a lane's counter (i8x16) takes at most 255 steps before it is flushed
      while (k + 16 <= len) {
        let acc = i8x16.splat(0);
        const stop = min(len - 15, k + 16 * 255);
        for (; k < stop; k += 16) {
          acc = i8x16.sub(acc, i8x16.eq(v128.load(a + <usize>k), v128.load(b + <usize>k)));
        }
        const wide = i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(acc));
        count += i32x4.extract_lane(wide, 0) + i32x4.extract_lane(wide, 1) + i32x4.extract_lane(wide, 2) + i32x4.extract_lane(wide, 3);
      }
    } else {
      // 8 lanes of u16; a lane's counter (i16x8) takes at most 32767 steps
      while (k + 8 <= len) {
        let acc = i16x8.splat(0);
        const stop = min(len - 7, k + 8 * 32767);
        for (; k < stop; k += 8) {
          acc = i16x8.sub(acc, i16x8.eq(v128.load(a + (<usize>k << 1)), v128.load(b + (<usize>k << 1))));
        }
        const wide = i32x4.extadd_pairwise_i16x8_u(acc);
        count += i32x4.extract_lane(wide, 0) + i32x4.extract_lane(wide, 1) + i32x4.extract_lane(wide, 2) + i32x4.extract_lane(wide, 3);
      }
    }
  } else {
    // without SIMD: 8 bytes (or 4 u16) a step in a u64; a lane of x = a ^ b is zero exactly when its
    // top bit survives ~((x & 0x7f..) + 0x7f.. | x | 0x7f..), so popcnt counts the equal lanes
    const low: u64 = width == 1 ? 0x7f7f7f7f7f7f7f7f : 0x7fff7fff7fff7fff;
    const step = 8 / width;
    for (; k + step <= len; k += step) {
      const x = load<u64>(a + (<usize>k << (width - 1))) ^ load<u64>(b + (<usize>k << (width - 1)));
      count += <i32>popcnt<u64>(~(((x & low) + low) | x | low));
    }
  }
  if (width == 1) {
    for (; k < len; k++) count += <i32>(load<u8>(a + <usize>k) == load<u8>(b + <usize>k));
  } else {
    for (; k < len; k++) count += <i32>(load<u16>(a + (<usize>k << 1)) == load<u16>(b + (<usize>k << 1)));
  }
  return count;
}

/**
 * Equal pairs at every distance: out[blk * (maxR + 1) + r] += #{ i in block blk : i + r in block blk,
 * s_i == s_{i+r} } for r = 1 .. maxR (entry r = 0 is left alone). The wrapper needs blockLen > maxR.
 */
export function langEqualCounts(text: usize, n: i32, width: i32, blockLen: i32, maxR: i32, out: usize): void {
  const stride = <usize>(maxR + 1) << 2;
  let blk = 0;
  for (let start = 0; start < n; start += blockLen) {
    const len = min(blockLen, n - start);
    const base = text + (<usize>start << (width - 1));
    const row = out + <usize>blk * stride;
    for (let r = 1; r <= maxR && r < len; r++) {
      const at = row + (<usize>r << 2);
      store<i32>(at, load<i32>(at) + countEqual(base, base + (<usize>r << (width - 1)), len - r, width));
    }
    blk++;
  }
}

/**
 * Joint counts of the pairs at distance r (r = 0: the symbol counts on the diagonal):
 * out[blk * K * K + a * K + b] += #{ i in block blk : i + r in block blk, s_i = a, s_{i+r} = b }.
 * Every symbol must be < K (the wrapper checks the alphabet once).
 */
export function langPairCounts(text: usize, n: i32, width: i32, blockLen: i32, r: i32, K: i32, out: usize): void {
  const table = <usize>K * <usize>K << 2;
  let blk = 0;
  for (let start = 0; start < n; start += blockLen) {
    const len = min(blockLen, n - start);
    const t = out + <usize>blk * table;
    for (let i = start, end = start + len - r; i < end; i++) {
      const at = t + (<usize>(symbolAt(text, width, i) * K + symbolAt(text, width, i + r)) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
    blk++;
  }
}

/**
 * Counts of the k-grams (k >= 1) that lie inside one block, by code c = sum_j s_{i+j} K^(k-1-j):
 * out[blk * K^k + c] += 1. The wrapper checks that K^k fits its region.
 */
export function langNgramCounts(text: usize, n: i32, width: i32, blockLen: i32, k: i32, K: i32, out: usize): void {
  let size: i32 = 1;
  for (let j = 0; j < k; j++) size *= K;
  const table = <usize>size << 2;
  let blk = 0;
  for (let start = 0; start < n; start += blockLen) {
    const len = min(blockLen, n - start);
    const t = out + <usize>blk * table;
    let code = 0;
    for (let j = 0; j < len; j++) {
      code = (code * K + symbolAt(text, width, start + j)) % size;
      if (j >= k - 1) {
        const at = t + (<usize>code << 2);
        store<i32>(at, load<i32>(at) + 1);
      }
    }
    blk++;
  }
}

// @ts-ignore: decorator
@inline
function pick(thresholds: usize, from: i32, to: i32, u: u32): i32 {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < load<u32>(thresholds + (<usize>mid << 2))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// @ts-ignore: decorator
@inline
function put(out: usize, width: i32, i: i32, symbol: i32): void {
  if (width == 1) store<u8>(out + <usize>i, <u8>symbol);
  else store<u16>(out + (<usize>i << 1), <u16>symbol);
}

/**
 * A walk on a table of states (CSR): state s has the entries e = rows[s] .. rows[s+1] - 1, each with
 * a threshold thresholds[e], an emitted symbol symbols[e] and a next state next[e]. From `state`, writes
 * `length` symbols to out (width bytes each) and returns the final state. Every row must be non-empty.
 */
export function langSampleChain(rows: usize, thresholds: usize, symbols: usize, next: usize, state: i32, length: i32, out: usize, width: i32): i32 {
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  let s = state;
  for (let i = 0; i < length; i++) {
    const u = rotl<u32>(x1 * 5, 7) * 9;
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
    const e = pick(thresholds, load<i32>(rows + (<usize>s << 2)), load<i32>(rows + (<usize>(s + 1) << 2)), u);
    put(out, width, i, load<i32>(symbols + (<usize>e << 2)));
    s = load<i32>(next + (<usize>e << 2));
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
  return s;
}

/**
 * Sentences of a context-free grammar in Chomsky normal form on complete binary trees of depth D
 * (2^D leaves each). Hidden symbols 0 .. N-1, observable symbols 0 .. M-1. Per sentence: the root is
 * `root`, or when root < 0 a uniform hidden symbol floor(u N / 2^32); then level by level, left to
 * right, every node a at depth < D draws a rule a -> b c from the N^2 thresholds of row a of `branch`
 * (entry e = b N + c), its children at depth d + 1 are 2j and 2j + 1; then every leaf a draws its
 * observable from the M thresholds of row a of `emit`, in order. Writes the observables to `out`
 * (width bytes each) and, when `hidden` != 0, the leaves' hidden symbols (u16) to `hidden`.
 * `scratch` holds 2^(D+1) i32.
 */
export function langSampleTrees(branch: usize, emit: usize, N: i32, M: i32, depth: i32, sentences: i32, root: i32, scratch: usize, out: usize, width: i32, hidden: usize): void {
  let x0 = rng.s0, x1 = rng.s1, x2 = rng.s2, x3 = rng.s3;
  const leaves = 1 << depth;
  const rules = N * N;
  let o = 0;
  for (let sentence = 0; sentence < sentences; sentence++) {
    let cur = scratch;
    let nxt = scratch + (<usize>leaves << 2);
    if (root >= 0) {
      store<i32>(cur, root);
    } else {
      const u = rotl<u32>(x1 * 5, 7) * 9;
      const t = x1 << 9;
      x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
      store<i32>(cur, <i32>((<u64>u * <u64>N) >>> 32));
    }
    for (let d = 0, width_d = 1; d < depth; d++, width_d <<= 1) {
      for (let j = 0; j < width_d; j++) {
        const a = load<i32>(cur + (<usize>j << 2));
        const u = rotl<u32>(x1 * 5, 7) * 9;
        const t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
        const e = pick(branch, a * rules, a * rules + rules, u) - a * rules;
        const b = e / N;
        store<i32>(nxt + (<usize>(2 * j) << 2), b);
        store<i32>(nxt + (<usize>(2 * j + 1) << 2), e - b * N);
      }
      const swap = cur;
      cur = nxt;
      nxt = swap;
    }
    for (let j = 0; j < leaves; j++) {
      const a = load<i32>(cur + (<usize>j << 2));
      const u = rotl<u32>(x1 * 5, 7) * 9;
      const t = x1 << 9;
      x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
      put(out, width, o, pick(emit, a * M, a * M + M, u) - a * M);
      if (hidden != 0) store<u16>(hidden + (<usize>o << 1), <u16>a);
      o++;
    }
  }
  rng.s0 = x0; rng.s1 = x1; rng.s2 = x2; rng.s3 = x3;
}
