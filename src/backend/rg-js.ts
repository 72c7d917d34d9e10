/**
 * The JavaScript twin of assembly/rg.ts: the same block rules, the same block order, the same
 * RG-stream draws and the same operator sums, so both backends build identical pyramids.
 */
import { Xoshiro128 } from '../rng.js';
import { MAX_PATTERN_BLOCK, RG_OPERATORS, type BlockRule, type BlockSpinKernel } from './rg-types.js';

/**
 * Coarse-grains one block row: the b rows of n spins of `src` from `rowStart` into the n/b block
 * spins of `dst` from `dstStart`, blocks X = 0, 1, ... in turn. Majority: sign of the block sum,
 * a tie takes one draw r from `rng` and becomes +1 when r >>> 31 is 1. Decimation: the block's
 * corner spin. With `hist`, adds one count per block at its configuration code (bit dy*b + dx
 * set for a +1 spin). Returns the number of ties.
 */
export function coarsenBlockRow(
  src: Int8Array,
  rowStart: number,
  n: number,
  b: number,
  dst: Int8Array,
  dstStart: number,
  rule: BlockRule,
  rng: Xoshiro128,
  hist?: Uint32Array,
  histOffset = 0,
): number {
  const m = n / b;
  const majority = rule === 'majority';
  let ties = 0;
  for (let X = 0; X < m; X++) {
    const corner = rowStart + X * b;
    let s: number;
    if (majority || hist) {
      let sum = 0;
      let code = 0;
      for (let dy = 0; dy < b; dy++) {
        const row = corner + dy * n;
        for (let dx = 0; dx < b; dx++) {
          const v = src[row + dx];
          sum += v;
          code |= ((v + 1) >> 1) << (dy * b + dx);
        }
      }
      if (hist) hist[histOffset + code]++;
      if (majority) {
        if (sum === 0) {
          s = rng.next() >>> 31 ? 1 : -1;
          ties++;
        } else {
          s = sum > 0 ? 1 : -1;
        }
      } else {
        s = src[corner];
      }
    } else {
      s = src[corner];
    }
    dst[dstStart + X] = s;
  }
  return ties;
}

/**
 * Coarse-grains the n x n lattice `src` into `dst` ((n/b)^2 spins), block rows Y = 0, 1, ... in
 * turn (see {@link coarsenBlockRow}). Returns the number of ties.
 */
export function coarsen(src: Int8Array, n: number, b: number, dst: Int8Array, rule: BlockRule, rng: Xoshiro128, hist?: Uint32Array, histOffset = 0): number {
  const m = n / b;
  let ties = 0;
  for (let Y = 0; Y < m; Y++) ties += coarsenBlockRow(src, Y * b * n, n, b, dst, Y * m, rule, rng, hist, histOffset);
  return ties;
}

/** Adds the RG_OPERATORS sums of the n x n lattice `p` into out[at..at+6] (kernel order, see rg-types.ts). */
export function measureLevel(p: Int8Array, n: number, out: Float64Array, at: number): void {
  let nn = 0,
    nnn = 0,
    plaq = 0,
    nn3 = 0,
    mag = 0,
    plaq3 = 0,
    row3 = 0;
  for (let y = 0; y < n; y++) {
    const row = y * n;
    const up = (y === 0 ? n - 1 : y - 1) * n;
    const down = (y + 1 >= n ? y + 1 - n : y + 1) * n;
    const down2 = (y + 2 >= n ? y + 2 - n : y + 2) * n;
    for (let x = 0; x < n; x++) {
      const xl = x === 0 ? n - 1 : x - 1;
      const xr = x + 1 >= n ? x + 1 - n : x + 1;
      const x2 = x + 2 >= n ? x + 2 - n : x + 2;
      const s = p[row + x];
      const r = p[row + xr];
      const d = p[down + x];
      const dr = p[down + xr];
      const p4 = s * r * d * dr;
      mag += s;
      nn += s * (r + d);
      nnn += s * (dr + p[up + xr]);
      plaq += p4;
      plaq3 += p4 * (s + r + d + dr);
      row3 += s * (p[row + xl] * r + p[up + x] * d);
      nn3 += s * (p[row + x2] + p[down2 + x]);
    }
  }
  out[at] = nn;
  out[at + 1] = nnn;
  out[at + 2] = plaq;
  out[at + 3] = nn3;
  out[at + 4] = mag;
  out[at + 5] = plaq3;
  out[at + 6] = row3;
}

/** Builds level 1 into `dst` with ties from `rng` and level-0 pattern counts into hist from histOffset; returns the ties. */
export type LevelOneBuilder = (dst: Int8Array, rng: Xoshiro128, hist: Uint32Array | undefined, histOffset: number) => number;

export class JsBlockSpinKernel implements BlockSpinKernel {
  readonly backend = 'js' as const;
  private readonly lattice: () => Int8Array;
  private readonly size: number;
  private readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  private block = 2;
  private pyramid: Int8Array[] = [];
  private patterns: Uint32Array | undefined;

  /** `lattice` returns the live level-0 spins (L x L). */
  constructor(lattice: () => Int8Array, size: number) {
    this.lattice = lattice;
    this.size = size;
  }

  configure(blockSize: number, levels: number, patterns: boolean): void {
    this.block = blockSize;
    this.pyramid = [];
    for (let k = 1, n = this.size / blockSize; k <= levels; k++, n /= blockSize) this.pyramid.push(new Int8Array(n * n));
    this.patterns = patterns && blockSize <= MAX_PATTERN_BLOCK ? new Uint32Array(levels << (blockSize * blockSize)) : undefined;
  }

  /** Block size b of the current configuration. */
  get blockSize(): number {
    return this.block;
  }

  getRngState(): Uint32Array {
    return Uint32Array.from(this.rng.state);
  }

  setRngState(state: Uint32Array): void {
    this.rng.state.set(state);
  }

  build(rule: BlockRule): number {
    return this.buildWith(rule, (dst, rng, hist, histOffset) => coarsen(this.lattice(), this.size, this.block, dst, rule, rng, hist, histOffset));
  }

  /**
   * Builds levels 1..K with level 1 made by `levelOne` (e.g. from a packed level 0,
   * src/backend/rg-packed-js.ts), which draws its ties from this RG stream and counts the level-0
   * patterns into hist from histOffset; levels 2..K as build() does. Returns the ties.
   */
  buildWith(rule: BlockRule, levelOne: LevelOneBuilder): number {
    const b = this.block;
    const perLevel = this.patterns ? 1 << (b * b) : 0;
    this.patterns?.fill(0);
    let ties = levelOne(this.pyramid[0], this.rng, this.patterns, 0);
    for (let k = 1, n = this.size / b; k < this.pyramid.length; k++, n /= b) {
      ties += coarsen(this.pyramid[k - 1], n, b, this.pyramid[k], rule, this.rng, this.patterns, k * perLevel);
    }
    return ties;
  }

  measure(out: Float64Array): void {
    this.measureWith(out, (o, at) => measureLevel(this.lattice(), this.size, o, at));
  }

  /** Measures levels 0..K, level 0 by `levelZero` (writing its RG_OPERATORS sums at out[at..]). */
  measureWith(out: Float64Array, levelZero: (out: Float64Array, at: number) => void): void {
    levelZero(out, 0);
    let n = this.size;
    for (let k = 1; k <= this.pyramid.length; k++) {
      n /= this.block;
      measureLevel(this.pyramid[k - 1], n, out, k * RG_OPERATORS);
    }
  }

  readPatterns(out: Uint32Array): void {
    if (this.patterns) out.set(this.patterns);
  }

  readLevel(level: number): Int8Array {
    return (level === 0 ? this.lattice() : this.pyramid[level - 1]).slice();
  }
}
