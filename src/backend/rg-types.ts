/**
 * The contract of the block-spin (real-space RG) kernels, implemented by assembly/rg.ts
 * (through src/models/ising/rg-wasm.ts) and by its bit-identical JavaScript twin src/models/ising/rg-js.ts.
 */
import type { BackendName } from '../vocabulary.js';

/** Block-spin rule: majority of the b x b block (ties broken by the RG stream) or decimation (the block's corner spin). */
export type BlockRule = 'majority' | 'decimation';

export const BLOCK_RULES: readonly BlockRule[] = ['majority', 'decimation'];

/**
 * The operators measured on every level, in kernel order (see assembly/rg.ts). Sums over the
 * periodic L' x L' level lattice, with +x, +y the unit steps (on the simple cubic lattice the same
 * names sum over all three axes and planes: nn 3 bonds a site, nnn the 6 face diagonals, plaquette
 * the xy, yz and zx plaquettes, nn3 the 4 body diagonals (third neighbours), row3 along x, y and z):
 * - `nn`: sum_i s_i (s_i+x + s_i+y); `nnn`: sum_i s_i (s_i+x+y + s_i+x-y);
 * - `plaquette`: sum_i s_i s_i+x s_i+y s_i+x+y; `nn3`: sum_i s_i (s_i+2x + s_i+2y);
 * - `magnetization`: sum_i s_i; `plaquette3`: sum over plaquettes of the four three-spin products;
 * - `row3`: sum_i s_i (s_i-x s_i+x + s_i-y s_i+y).
 */
export const RG_OPERATOR_NAMES = ['nn', 'nnn', 'plaquette', 'nn3', 'magnetization', 'plaquette3', 'row3'] as const;
export type RgOperatorName = (typeof RG_OPERATOR_NAMES)[number];
/** Number of operators per level. Mirrors RG_OPERATORS in assembly/rg.ts. */
export const RG_OPERATORS = RG_OPERATOR_NAMES.length;
/** Indices of the spin-flip-even operators (thermal sector), most local first. */
export const EVEN_OPERATORS: readonly number[] = [0, 1, 2, 3];
/** Indices of the spin-flip-odd operators (magnetic sector), most local first. */
export const ODD_OPERATORS: readonly number[] = [4, 5, 6];
/** Largest block size whose b x b configurations are counted (2^9 patterns). Mirrors RG_MAX_PATTERN_BLOCK. */
export const MAX_PATTERN_BLOCK = 3;
/**
 * Most sites b^d of a block whose configurations are counted (3 x 3 on the square lattice, 2 x 2 x 2 on the
 * cubic one: 2^8 patterns). Mirrors RG_MAX_PATTERN_CELLS.
 */
export const MAX_PATTERN_CELLS = 9;

/** Whether the configurations of b^d-site blocks are counted (b <= 3 and b^d <= 9). */
export function countsPatterns(blockSize: number, dimension: 2 | 3): boolean {
  return blockSize <= MAX_PATTERN_BLOCK && blockSize ** dimension <= MAX_PATTERN_CELLS;
}

export interface BlockSpinKernel {
  readonly backend: BackendName;
  /**
   * Prepares a pyramid of `levels` levels of b x b blocks over the current lattice (the caller
   * has checked that b^levels divides L). With `patterns` (b <= 3) the block configurations are counted.
   */
  configure(blockSize: number, levels: number, patterns: boolean): void;
  /** RG stream state, 4 unsigned 32-bit words (a copy). */
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  /** Builds levels 1..K from the lattice; returns the number of ties broken (one RG draw each). */
  build(rule: BlockRule): number;
  /** Writes the operator sums of levels 0..K: out[k * RG_OPERATORS + a] (length >= (K + 1) * RG_OPERATORS). */
  measure(out: Float64Array): void;
  /**
   * Writes the configuration counts of the b x b blocks of levels 0..K-1 from the last build:
   * out[k * 2^(b*b) + code], code bit (dy * b + dx) set when that spin is +1.
   */
  readPatterns(out: Uint32Array): void;
  /** A copy of level k (0 = the lattice itself), row-major, each +1 or -1. */
  readLevel(level: number): Int8Array;
}

/**
 * The level-0 stages of a {@link BlockSpinKernel} when level 0 is a packed lattice
 * (assembly/rg-packed.ts, src/models/ising/rg-packed-js.ts): they read the packed lanes directly and
 * share the byte kernel's pyramid, RG stream and pattern counts, with bit-identical results.
 */
export interface PackedLevelZero {
  /** Prepares for the configuration just given to the block-spin kernel's configure(). */
  configure(blockSize: number, levels: number): void;
  /** As BlockSpinKernel.build, level 1 read from the packed lattice. */
  build(rule: BlockRule): number;
  /** As BlockSpinKernel.measure, level 0 read from the packed lattice. */
  measure(out: Float64Array): void;
}
