/**
 * Block spins with level 0 on the packed lattice, in JavaScript: the twin of
 * assembly/rg-packed.ts (read its header), bit for bit. Level 1 is built and level 0 measured
 * from the packed words of a {@link JsPackedEngine}; the pyramid, RG stream and pattern counts are
 * those of the {@link JsBlockSpinKernel} of the byte lattice, so either source gives the same results.
 *
 * A vector is four 32-bit words; word g holds bytes 4g .. 4g + 3 (byte by at bits 8 (by & 3)).
 */
import type { Xoshiro128 } from '../../rng.js';
import { coarsenBlockRow, type JsBlockSpinKernel } from './rg-js.js';
import type { BlockRule, PackedLevelZero } from '../../backend/rg-types.js';

/** Byte `by` of word-vector `at` (word index of its first word). */
function byteAt(lattice: Uint32Array, at: number, by: number): number {
  return (lattice[at + (by >> 2)] >>> ((by & 3) << 3)) & 0xff;
}

/** Set bits of a 4-bit code. */
const BITS4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/**
 * Level 1 of 2 x 2 blocks from the packed lattice (see assembly/rg-packed.ts levelOnePairs):
 * per w one word of the four bytes, the block's code gathered by one multiplication.
 */
function levelOnePairs(
  lattice: Uint32Array,
  L: number,
  dst: Int8Array,
  majority: boolean,
  rng: Xoshiro128,
  hist: Uint32Array | undefined,
  histOffset: number,
): number {
  const B = L >> 4;
  const m = L >> 1;
  const rowWords = B * 4;
  const colour1 = B * rowWords;
  const words = new Uint32Array(B);
  let ties = 0;
  let by = 0,
    r = 0;
  for (let Y = 0; Y < m; Y++) {
    let by1 = by,
      r1 = r + 1;
    if (r1 === B) {
      r1 = 0;
      by1++;
    }
    const e0 = r * rowWords,
      o0 = e0 + colour1;
    const o1 = r1 * rowWords,
      e1 = o1 + colour1;
    for (let w = 0; w < B; w++) {
      const at = 4 * w;
      words[w] =
        byteAt(lattice, e0 + at, by) | (byteAt(lattice, o0 + at, by) << 8) | (byteAt(lattice, e1 + at, by1) << 16) | (byteAt(lattice, o1 + at, by1) << 24);
    }
    let X = Y * m;
    for (let bx = 0; bx < 8; bx++) {
      for (let w = 0; w < B; w++) {
        const code = Math.imul((words[w] >>> bx) & 0x01010101, 0x01020408) >>> 24;
        if (hist) hist[histOffset + code]++;
        let s: number;
        if (majority) {
          const up = BITS4[code];
          if (up === 2) {
            s = rng.next() >>> 31 ? 1 : -1;
            ties++;
          } else {
            s = up > 2 ? 1 : -1;
          }
        } else {
          s = ((code & 1) << 1) - 1;
        }
        dst[X++] = s;
      }
    }
    r += 2;
    while (r >= B) {
      r -= B;
      by++;
    }
  }
  return ties;
}

/** Row y of the packed lattice as L spins +1/-1 into out[at..]. */
function unpackRow(lattice: Uint32Array, L: number, y: number, out: Int8Array, at: number): void {
  const B = L >> 4;
  const by = Math.floor(y / B),
    r = y - by * B;
  const c = y & 1;
  const even = (c * B + r) * B * 4,
    odd = ((c ^ 1) * B + r) * B * 4;
  for (let w = 0; w < B; w++) {
    const e = byteAt(lattice, even + 4 * w, by),
      o = byteAt(lattice, odd + 4 * w, by);
    for (let bx = 0, x = at + 2 * w; bx < 8; bx++, x += 2 * B) {
      out[x] = ((e >> bx) & 1) * 2 - 1;
      out[x + 1] = ((o >> bx) & 1) * 2 - 1;
    }
  }
}

/**
 * Builds level 1 (b x b blocks) from the packed lattice into `dst`, with the block order, tie
 * draws and level-0 pattern counts of the byte kernel's coarsen(). Returns the ties.
 */
export function coarsenPacked(
  lattice: Uint32Array,
  L: number,
  b: number,
  dst: Int8Array,
  rule: BlockRule,
  rng: Xoshiro128,
  hist?: Uint32Array,
  histOffset = 0,
): number {
  if (b === 2) return levelOnePairs(lattice, L, dst, rule === 'majority', rng, hist, histOffset);
  const m = L / b;
  const rows = new Int8Array(b * L);
  let ties = 0;
  for (let Y = 0; Y < m; Y++) {
    for (let dy = 0; dy < b; dy++) unpackRow(lattice, L, Y * b + dy, rows, dy * L);
    ties += coarsenBlockRow(rows, 0, L, b, dst, Y * m, rule, rng, hist, histOffset);
  }
  return ties;
}

const LOW7 = 0x7f7f7f7f;
const HIGH1 = 0x80808080 | 0;
const LOW1 = 0x01010101;
const HIGH7 = 0xfefefefe | 0;
const EVEN_BYTES = 0x00ff00ff;
const ODD_BYTES = 0xff00ff00 | 0;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Word g of the vector at column w of the row whose words start at `row`, after k row wraps
 * (byte i takes byte (i + k) mod 16) and, for w = -1 / w = B, a column wrap (column B - 1 with bit
 * bx taking bit bx - 1 / column 0 with bit bx taking bit bx + 1), as assembly/rg-packed.ts's half().
 */
function word(lattice: Uint32Array, row: number, w: number, B: number, k: number, g: number): number {
  const at = row + 4 * (w < 0 ? B - 1 : w >= B ? 0 : w);
  let v: number;
  if (k === 0) v = lattice[at + g] | 0;
  else if (k < 0) v = (lattice[at + g] << 8) | (lattice[at + ((g + 3) & 3)] >>> 24);
  else v = (lattice[at + g] >>> (8 * k)) | (lattice[at + ((g + 1) & 3)] << (32 - 8 * k));
  if (w < 0) return ((v << 1) & HIGH7) | ((v >>> 7) & LOW1);
  if (w >= B) return ((v >>> 1) & LOW7) | ((v << 7) & HIGH1);
  return v;
}

/** Bitwise select: v1 where m is 1, v2 where m is 0. */
function sel(v1: number, v2: number, m: number): number {
  return v2 ^ ((v1 ^ v2) & m);
}

/**
 * Writes the RG_OPERATORS sums of the packed lattice (level 0) at out[at..], kernel order (see
 * rg-types.ts): T terms with `odd` odd bit parities sum to T - 2 odd, or to 2 odd - T for the
 * three-spin products (assembly/rg-packed.ts).
 */
export function measurePacked(lattice: Uint32Array, L: number, out: Float64Array, at: number): void {
  const B = L >> 4;
  const rowWords = B * 4;
  let nn = 0,
    nnn = 0,
    plaq = 0,
    nn3 = 0,
    ups = 0,
    plaq3 = 0,
    row3 = 0;
  for (let colour = 0; colour < 2; colour++) {
    const own = colour * B * rowWords,
      other = (1 - colour) * B * rowWords;
    for (let r = 0; r < B; r++) {
      const rUp = r === 0 ? B - 1 : r - 1,
        kUp = r === 0 ? -1 : 0;
      let rDown = r + 1,
        kDown = 0;
      if (rDown >= B) {
        rDown -= B;
        kDown++;
      }
      let rDown2 = r + 2,
        kDown2 = 0;
      while (rDown2 >= B) {
        rDown2 -= B;
        kDown2++;
      }
      const oddRow = ((r + colour) & 1) !== 0;
      const P = (B & 1) !== 0 ? (oddRow ? EVEN_BYTES : ODD_BYTES) : oddRow ? -1 : 0;
      const ownRow = own + r * rowWords,
        ownUp = own + rUp * rowWords;
      const ownDown = own + rDown * rowWords,
        ownDown2 = own + rDown2 * rowWords;
      const otherRow = other + r * rowWords,
        otherUp = other + rUp * rowWords,
        otherDown = other + rDown * rowWords;
      for (let w = 0; w < B; w++) {
        for (let g = 0; g < 4; g++) {
          const s = word(lattice, ownRow, w, B, 0, g);
          const same = word(lattice, otherRow, w, B, 0, g);
          const right = sel(word(lattice, otherRow, w + 1, B, 0, g), same, P);
          const left = sel(same, word(lattice, otherRow, w - 1, B, 0, g), P);
          const up = word(lattice, otherUp, w, B, kUp, g);
          const down = word(lattice, otherDown, w, B, kDown, g);
          const diagDown = sel(word(lattice, ownDown, w + 1, B, kDown, g), word(lattice, ownDown, w, B, kDown, g), P);
          const diagUp = sel(word(lattice, ownUp, w + 1, B, kUp, g), word(lattice, ownUp, w, B, kUp, g), P);
          const x2 = word(lattice, ownRow, w + 1, B, 0, g);
          const y2 = word(lattice, ownDown2, w, B, kDown2, g);
          const p = s ^ right ^ down ^ diagDown;
          nn += popcount(s ^ right) + popcount(s ^ down);
          nnn += popcount(s ^ diagDown) + popcount(s ^ diagUp);
          plaq += popcount(p);
          nn3 += popcount(s ^ x2) + popcount(s ^ y2);
          ups += popcount(s);
          plaq3 += popcount(p ^ s) + popcount(p ^ right) + popcount(p ^ down) + popcount(p ^ diagDown);
          row3 += popcount(s ^ left ^ right) + popcount(s ^ up ^ down);
        }
      }
    }
  }
  const n = L * L;
  out[at] = 2 * n - 2 * nn;
  out[at + 1] = 2 * n - 2 * nnn;
  out[at + 2] = n - 2 * plaq;
  out[at + 3] = 2 * n - 2 * nn3;
  out[at + 4] = 2 * ups - n;
  out[at + 5] = 2 * plaq3 - 4 * n;
  out[at + 6] = 2 * row3 - 2 * n;
}

/** The level-0 stages of a {@link JsBlockSpinKernel} reading the lattice of a packed engine (src/models/ising/packed-js.ts). */
export class JsPackedLevelZero implements PackedLevelZero {
  constructor(
    private readonly engine: { readonly lattice: Uint32Array; readonly size: number },
    private readonly blocks: JsBlockSpinKernel,
  ) {}

  configure(): void {
    // the pyramid and pattern counts are the byte kernel's; the scratch is allocated per build
  }

  build(rule: BlockRule): number {
    const { lattice, size } = this.engine;
    return this.blocks.buildWith(rule, (dst, rng, hist, histOffset) => coarsenPacked(lattice, size, this.blocks.blockSize, dst, rule, rng, hist, histOffset));
  }

  measure(out: Float64Array): void {
    const { lattice, size } = this.engine;
    this.blocks.measureWith(out, (o, at) => measurePacked(lattice, size, o, at));
  }
}
