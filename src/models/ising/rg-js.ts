/**
 * The JavaScript twin of assembly/rg.ts: the same block rules, the same block order, the same
 * RG-stream draws and the same operator sums, so both backends build identical pyramids.
 */
import { Xoshiro128 } from '../../rng.js';
import { countsPatterns, RG_OPERATORS, type BlockRule, type BlockSpinKernel } from '../../backend/rg-types.js';

/**
 * Coarse-grains one block row: the b rows of n spins of `src` from `rowStart` into the n/b block
 * spins of `dst` from `dstStart`, blocks X = 0, 1, ... in turn. Majority: sign of the block sum,
 * a tie takes one draw r from `rng` and becomes +1 when r >>> 31 is 1. Decimation: the block's
 * corner spin. With `hist`, adds one count per block at its configuration code (bit dy*b + dx
 * set for a +1 spin). With depth = b and plane = n*n (the cubic lattice) a block also spans
 * `depth` planes, code bit (dz*b + dy)*b + dx. Returns the number of ties.
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
  depth = 1,
  plane = 0,
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
      let bit = 0;
      for (let dz = 0; dz < depth; dz++) {
        for (let dy = 0; dy < b; dy++) {
          const row = corner + dz * plane + dy * n;
          for (let dx = 0; dx < b; dx++, bit++) {
            const v = src[row + dx];
            sum += v;
            code |= ((v + 1) >> 1) << bit;
          }
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

/**
 * Coarse-grains the n x n x n lattice `src` into `dst` ((n/b)^3 spins): block rows Z outer, Y inner,
 * blocks X within a row, each block b x b x b (see {@link coarsenBlockRow}). The twin of coarsen in
 * assembly/rg.ts on the cubic lattice. Returns the number of ties.
 */
export function coarsen3(src: Int8Array, n: number, b: number, dst: Int8Array, rule: BlockRule, rng: Xoshiro128, hist?: Uint32Array, histOffset = 0): number {
  const m = n / b;
  const plane = n * n;
  let ties = 0;
  for (let Z = 0; Z < m; Z++) {
    for (let Y = 0; Y < m; Y++) {
      ties += coarsenBlockRow(src, Z * b * plane + Y * b * n, n, b, dst, (Z * m + Y) * m, rule, rng, hist, histOffset, b, plane);
    }
  }
  return ties;
}

/**
 * Writes the RG_OPERATORS sums of the n x n x n lattice `p` into out[at..at+6] (the cubic list of
 * assembly/rg.ts: nn over 3 axes, nnn over the 6 face diagonals, plaquettes of the 3 planes, nn3
 * over the 4 body diagonals, magnetization, plaquette3, row3 along the 3 axes).
 */
export function measureLevel3(p: Int8Array, n: number, out: Float64Array, at: number): void {
  let nn = 0,
    nnn = 0,
    plaq = 0,
    nn3 = 0,
    mag = 0,
    plaq3 = 0,
    row3 = 0;
  const plane = n * n;
  for (let z = 0; z < n; z++) {
    const z0 = z * plane;
    const zp = (z + 1 >= n ? z + 1 - n : z + 1) * plane;
    const zm = (z === 0 ? n - 1 : z - 1) * plane;
    for (let y = 0; y < n; y++) {
      const y0 = y * n;
      const yp = (y + 1 >= n ? y + 1 - n : y + 1) * n;
      const ym = (y === 0 ? n - 1 : y - 1) * n;
      for (let x = 0; x < n; x++) {
        const xp = x + 1 >= n ? x + 1 - n : x + 1;
        const xm = x === 0 ? n - 1 : x - 1;
        const s = p[z0 + y0 + x];
        const sx = p[z0 + y0 + xp];
        const sy = p[z0 + yp + x];
        const sz = p[zp + y0 + x];
        const sxy = p[z0 + yp + xp];
        const syz = p[zp + yp + x];
        const szx = p[zp + y0 + xp];
        const pxy = s * sx * sy * sxy;
        const pyz = s * sy * sz * syz;
        const pzx = s * sz * sx * szx;
        mag += s;
        nn += s * (sx + sy + sz);
        nnn += s * (sxy + p[z0 + ym + xp] + syz + p[zm + yp + x] + szx + p[zp + y0 + xm]);
        nn3 += s * (p[zp + yp + xp] + p[zm + yp + xp] + p[zp + ym + xp] + p[zm + ym + xp]);
        plaq += pxy + pyz + pzx;
        plaq3 += pxy * (s + sx + sy + sxy) + pyz * (s + sy + sz + syz) + pzx * (s + sz + sx + szx);
        row3 += s * (p[z0 + y0 + xm] * sx + p[z0 + ym + x] * sy + p[zm + y0 + x] * sz);
      }
    }
  }
  out.set([nn, nnn, plaq, nn3, mag, plaq3, row3], at);
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
  out.set([nn, nnn, plaq, nn3, mag, plaq3, row3], at);
}

/** Builds level 1 into `dst` with ties from `rng` and level-0 pattern counts into hist from histOffset; returns the ties. */
export type LevelOneBuilder = (dst: Int8Array, rng: Xoshiro128, hist: Uint32Array | undefined, histOffset: number) => number;

export class JsBlockSpinKernel implements BlockSpinKernel {
  readonly backend = 'js' as const;
  private readonly lattice: () => Int8Array;
  private readonly size: number;
  private readonly dimension: 2 | 3;
  private readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  private block = 2;
  private pyramid: Int8Array[] = [];
  private patterns: Uint32Array | undefined;

  /** `lattice` returns the live level-0 spins (L x L, or L x L x L with `dimension` 3). */
  constructor(lattice: () => Int8Array, size: number, dimension: 2 | 3 = 2) {
    this.lattice = lattice;
    this.size = size;
    this.dimension = dimension;
  }

  configure(blockSize: number, levels: number, patterns: boolean): void {
    const d = this.dimension;
    this.block = blockSize;
    this.pyramid = [];
    for (let k = 1, n = this.size / blockSize; k <= levels; k++, n /= blockSize) this.pyramid.push(new Int8Array(n ** d));
    const cells = blockSize ** d;
    this.patterns = patterns && countsPatterns(blockSize, d) ? new Uint32Array(levels << cells) : undefined;
  }

  private coarsenLevel(src: Int8Array, n: number, dst: Int8Array, rule: BlockRule, hist: Uint32Array | undefined, histOffset: number): number {
    return this.dimension === 3
      ? coarsen3(src, n, this.block, dst, rule, this.rng, hist, histOffset)
      : coarsen(src, n, this.block, dst, rule, this.rng, hist, histOffset);
  }

  private measureLevel(p: Int8Array, n: number, out: Float64Array, at: number): void {
    if (this.dimension === 3) measureLevel3(p, n, out, at);
    else measureLevel(p, n, out, at);
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
    return this.buildWith(rule, (dst, _rng, hist, histOffset) => this.coarsenLevel(this.lattice(), this.size, dst, rule, hist, histOffset));
  }

  /**
   * Builds levels 1..K with level 1 made by `levelOne` (e.g. from a packed level 0,
   * src/models/ising/rg-packed-js.ts), which draws its ties from this RG stream and counts the level-0
   * patterns into hist from histOffset; levels 2..K as build() does. Returns the ties.
   */
  buildWith(rule: BlockRule, levelOne: LevelOneBuilder): number {
    const b = this.block;
    const perLevel = this.patterns ? 1 << (b ** this.dimension) : 0;
    this.patterns?.fill(0);
    let ties = levelOne(this.pyramid[0], this.rng, this.patterns, 0);
    for (let k = 1, n = this.size / b; k < this.pyramid.length; k++, n /= b) {
      ties += this.coarsenLevel(this.pyramid[k - 1], n, this.pyramid[k], rule, this.patterns, k * perLevel);
    }
    return ties;
  }

  measure(out: Float64Array): void {
    this.measureWith(out, (o, at) => this.measureLevel(this.lattice(), this.size, o, at));
  }

  /** Measures levels 0..K, level 0 by `levelZero` (writing its RG_OPERATORS sums at out[at..]). */
  measureWith(out: Float64Array, levelZero: (out: Float64Array, at: number) => void): void {
    levelZero(out, 0);
    let n = this.size;
    for (let k = 1; k <= this.pyramid.length; k++) {
      n /= this.block;
      this.measureLevel(this.pyramid[k - 1], n, out, k * RG_OPERATORS);
    }
  }

  readPatterns(out: Uint32Array): void {
    if (this.patterns) out.set(this.patterns);
  }

  readLevel(level: number): Int8Array {
    return (level === 0 ? this.lattice() : this.pyramid[level - 1]).slice();
  }
}
