/**
 * The language kernels behind one interface, two engines: WebAssembly (assembly/language.ts,
 * src/language/kernel-wasm.ts) and its JavaScript twin (src/language/kernel-js.ts). Both give the
 * same integers and the same sampled symbols for the same input and generator state.
 */

/** A walk table in CSR form: state s has entries rows[s] .. rows[s+1] - 1 (never empty). */
export interface ChainTable {
  /** Row starts, length S + 1. */
  readonly rows: Int32Array;
  /** u32 cumulative thresholds per entry (the last of a row is 0xFFFFFFFF), see {@link thresholdsOf}. */
  readonly thresholds: Uint32Array;
  /** Symbol emitted by each entry. */
  readonly symbols: Int32Array;
  /** State reached by each entry. */
  readonly next: Int32Array;
}

/** Thresholds of a CNF grammar on complete binary trees: branch N x N^2 (entry b N + c), emit N x M. */
export interface TreeTables {
  readonly hidden: number;
  readonly observable: number;
  readonly branch: Uint32Array;
  readonly emit: Uint32Array;
}

export type LanguageBackend = 'wasm' | 'js';

export interface LanguageKernel {
  readonly backend: LanguageBackend;
  /** The text the counting methods read (copied once into the kernel's memory). */
  setText(symbols: Uint8Array | Uint16Array): void;
  /** out[blk (maxR + 1) + r] = equal pairs at distance r inside block blk, r = 1 .. maxR (blockLen > maxR). */
  equalCounts(blockLen: number, maxR: number): Int32Array;
  /** out[blk K^2 + a K + b] = pairs (a at i, b at i + r) inside block blk. */
  pairCounts(blockLen: number, r: number, K: number): Int32Array;
  /** out[blk K^k + code] = k-grams inside block blk, code = sum_j s_{i+j} K^(k-1-j). */
  ngramCounts(blockLen: number, k: number, K: number): Int32Array;
  /** A walk of `length` symbols from `state`; `rng` (xoshiro128** state) advances in place. */
  sampleChain(table: ChainTable, state: number, length: number, width: 1 | 2, rng: Uint32Array): { symbols: Uint8Array | Uint16Array; state: number };
  /** `sentences` complete binary trees of depth `depth`; `root` < 0 draws the root uniformly. */
  sampleTrees(
    tables: TreeTables,
    depth: number,
    sentences: number,
    root: number,
    width: 1 | 2,
    rng: Uint32Array,
    keepHidden: boolean,
  ): { symbols: Uint8Array | Uint16Array; hidden?: Uint16Array };
}

/** Blocks of a text of n symbols cut into blocks of blockLen (the last may be shorter). */
export function blockCount(n: number, blockLen: number): number {
  return Math.ceil(n / blockLen);
}

/**
 * u32 thresholds of a probability row p_0 .. p_{k-1} (non-negative, any positive sum):
 * t_j = floor(2^32 * (p_0 + ... + p_j) / sum), clamped to 2^32 - 1, the last forced to 2^32 - 1.
 * A draw u (uniform u32) picks the first j with u < t_j (or k - 1): p_j to within 2^-32.
 * This is the one place where sampling meets floating point: the kernels only compare integers.
 */
export function thresholdsOf(p: ArrayLike<number>, out: Uint32Array = new Uint32Array(p.length), offset = 0): Uint32Array {
  let sum = 0;
  for (let j = 0; j < p.length; j++) sum += p[j];
  let cum = 0;
  for (let j = 0; j < p.length; j++) {
    cum += p[j];
    out[offset + j] = j === p.length - 1 ? 0xffffffff : Math.min(0xffffffff, Math.floor((cum / sum) * 4294967296));
  }
  return out;
}

/** The index a draw u picks from thresholds[from .. to - 1] (binary search; twin of `pick` in assembly/language.ts). */
export function pickThreshold(thresholds: Uint32Array, from: number, to: number, u: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < thresholds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
