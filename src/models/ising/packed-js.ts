/**
 * The packed (multi-spin) Metropolis kernel in JavaScript: the algorithm, lane layout and
 * random-stream order of assembly/packed.ts (read its header for the contract), bit for bit.
 * A 128-bit vector is four 32-bit words; word g holds bytes 4g .. 4g + 3 (lanes 32g .. 32g + 31)
 * and is driven by lane generator g.
 */
import { drawLaneSeeds, rotl } from '../../rng.js';
import { TWO_POW_32 } from '../../thresholds.js';
import type { IsingKernel } from './types.js';
import type { PackedEngine } from './packed.js';
import { JsBlockSpinKernel } from './rg-js.js';
import { JsPackedLevelZero } from './rg-packed-js.js';
import type { BlockSpinKernel } from '../../backend/rg-types.js';

const CLASSES = 10;
const PLANE_ACCEPT = 32;
const PLANE_UNDECIDED = 33;
const LEAF_PLANES = 34;
/** Planes every vector with an undecided lane draws (PACKED_PLANES of assembly/packed.ts). */
export const PACKED_PLANES = 7;
/** Words of a row-queue entry: w, 3 unused, then 4 words each: lanes of the current layer, lanes left, a0, a1, a2. */
const ENTRY_WORDS = 24;
const EVEN_BYTES = 0x00ff00ff;
/** Half-sweep modes: update and track the counters, update only, or count without updating (recount). */
const TRACKED = 0;
const UNTRACKED = 1;
const CENSUS = 2;
type Mode = typeof TRACKED | typeof UNTRACKED | typeof CENSUS;
const ODD_BYTES = 0xff00ff00 | 0;

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Bitwise select: v1 where m is 1, v2 where m is 0. */
export function sel(v1: number, v2: number, m: number): number {
  return v2 ^ ((v1 ^ v2) & m);
}

/** Class (s, a) value of leaf plane `k` for 32 lanes: mux on s, then a0, a1, a2 (index s ? 9 - a : a). */
function leafSelect(leaves: Int32Array, k: number, s: number, a0: number, a1: number, a2: number): number {
  const o = k * CLASSES;
  const v0 = sel(leaves[o + 9], leaves[o], s);
  const v1 = sel(leaves[o + 8], leaves[o + 1], s);
  const v2 = sel(leaves[o + 7], leaves[o + 2], s);
  const v3 = sel(leaves[o + 6], leaves[o + 3], s);
  const v4 = sel(leaves[o + 5], leaves[o + 4], s);
  return sel(v4, sel(sel(v3, v2, a0), sel(v1, v0, a0), a1), a2);
}

/**
 * Fills the leaf planes (`classes` threshold classes, a splat of 0 or -1 per class and plane) from
 * the Metropolis thresholds: planes 0..31 the threshold bits from the top, then PLANE_ACCEPT
 * (t = 2^32) and PLANE_UNDECIDED (0 < t < 2^32); as assembly/packed.ts leafPlanes.
 */
export function leafPlanes(leaves: Int32Array, metropolis: Float64Array, classes: number): void {
  for (let c = 0; c < classes; c++) {
    const t = metropolis[c];
    for (let k = 0; k < LEAF_PLANES; k++) {
      let bit: number;
      if (k === PLANE_ACCEPT) bit = t >= TWO_POW_32 ? 1 : 0;
      else if (k === PLANE_UNDECIDED) bit = t > 0 && t < TWO_POW_32 ? 1 : 0;
      else bit = t < TWO_POW_32 ? (t >>> (31 - k)) & 1 : 0;
      leaves[k * classes + c] = -bit;
    }
  }
}

/**
 * Whether the thresholds of a lattice with `neighbours` neighbours have the zero-field shape that
 * the fast path assumes: t(s, a) independent of s, a >= neighbours / 2 certain accept, smaller a
 * undecided (0 < t < 2^32); as assembly/packed.ts zeroFieldShape.
 */
export function zeroFieldShape(metropolis: Float64Array, neighbours: number): boolean {
  const last = 2 * neighbours + 1;
  const half = neighbours >> 1;
  let fast = true;
  for (let a = 0; a <= neighbours; a++) {
    const minus = metropolis[a];
    if (minus !== metropolis[last - a]) fast = false;
    if (a >= half && minus < TWO_POW_32) fast = false;
    if (a < half && (minus >= TWO_POW_32 || minus === 0)) fast = false;
  }
  return fast;
}

/** Stores the four lane generators held in locals (generator g word k at seed + 4 k + g), as assembly/packed.ts storeLanes. */
export function storeLanes(
  seeds: Uint32Array,
  seed: number,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
  e0: number,
  e1: number,
  e2: number,
  e3: number,
  f0: number,
  f1: number,
  f2: number,
  f3: number,
): void {
  seeds[seed] = p0;
  seeds[seed + 4] = p1;
  seeds[seed + 8] = p2;
  seeds[seed + 12] = p3;
  seeds[seed + 1] = q0;
  seeds[seed + 5] = q1;
  seeds[seed + 9] = q2;
  seeds[seed + 13] = q3;
  seeds[seed + 2] = e0;
  seeds[seed + 6] = e1;
  seeds[seed + 10] = e2;
  seeds[seed + 14] = e3;
  seeds[seed + 3] = f0;
  seeds[seed + 7] = f1;
  seeds[seed + 11] = f2;
  seeds[seed + 15] = f3;
}

/**
 * Visits the sites of `planes` square planes of L x L sites (one on the square lattice, L on the
 * cubic one, src/models/ising/packed3d-js.ts) row by row, two at a time (x = 2j and 2j + 1 share j, and
 * so their word and bit, in the two colours), as assembly/packed.ts convertPlanes does; plane z of
 * `spins` (site order) is plane z of `lattice` (L^2 / 32 words).
 */
export function convertPlanes(lattice: Uint32Array, spins: Int8Array, size: number, planes: number, toPacked: boolean): void {
  const L = size,
    B = size >> 4;
  const planeWords = (L * L) >> 5;
  for (let z = 0; z < planes; z++) {
    for (let y = 0; y < L; y++) {
      const by = Math.floor(y / B),
        r = y - by * B;
      const c = y & 1;
      const even = z * planeWords + (c * B + r) * B * 4 + (by >> 2);
      const odd = z * planeWords + ((c ^ 1) * B + r) * B * 4 + (by >> 2);
      const shift = 8 * (by & 3);
      const base = (z * L + y) * L;
      let bx = 0,
        w = 0;
      for (let j = 0; j < L >> 1; j++) {
        const x = base + 2 * j;
        const at = 4 * w;
        if (toPacked) {
          if (spins[x] > 0) lattice[even + at] |= 1 << (shift + bx);
          if (spins[x + 1] > 0) lattice[odd + at] |= 1 << (shift + bx);
        } else {
          spins[x] = ((lattice[even + at] >>> (shift + bx)) & 1) * 2 - 1;
          spins[x + 1] = ((lattice[odd + at] >>> (shift + bx)) & 1) * 2 - 1;
        }
        if (++w === B) {
          w = 0;
          bx++;
        }
      }
    }
  }
}

export class JsPackedEngine implements PackedEngine {
  readonly size: number;
  /** B = L / 16: vectors per row and rows per colour. */
  readonly blocks: number;
  protected bond = 0;
  protected mag = 0;
  /** False after sweeps that did not track the counters: the getters recount first. */
  protected countsValid = true;
  protected census = { up: 0, anti: 0 };
  /** Random planes drawn so far (each 128 bits for 128 sites): the benchmarks' random-bits-per-spin figure. */
  planes = 0;
  /** Of those, planes drawn by the layers that finish rows; vectors queued; layers formed (benchmark figures). */
  layerPlanes = 0;
  queuedVectors = 0;
  layers = 0;
  /** Both colours, 4 words a vector, vector (c, r, w) at ((c * B + r) * B + w) * 4 (plane z of the cubic lattice after z L^2 / 32 words). */
  lattice: Uint32Array;
  /** Square planes: 1, or L on the cubic lattice (src/models/ising/packed3d-js.ts). */
  protected readonly depth: number;
  /** Units a half-sweep counts and seeds: vector rows B, or planes L on the cubic lattice. */
  protected readonly units: number;
  protected readonly leaves: Int32Array;
  protected fast = false;
  protected readonly seeds: Uint32Array;
  // per-vector scratch (one entry per word)
  protected readonly cls = new Int32Array(16);
  /** The row queue: lanes undecided after PACKED_PLANES planes (see assembly/packed.ts finishRowSimd). */
  protected readonly queue: Int32Array;
  /** Up spins, weighted sums and planes of the ends of rows (finishRow). */
  protected readonly late = { ups: 0, weighted: 0, planes: 0 };
  /** resolveLayer's words: the layer's lanes (0..3), then its accepted lanes (4..7). */
  protected readonly layer = new Int32Array(8);

  /** An L x L lattice (`depth` 1), or, for the cubic kernel, L planes with `classes` = 14 threshold classes. */
  constructor(size: number, depth = 1, classes = CLASSES) {
    this.size = size;
    this.blocks = size >> 4;
    this.depth = depth;
    this.units = depth === 1 ? this.blocks : size;
    this.lattice = new Uint32Array((size * size * depth) >> 5);
    this.seeds = new Uint32Array(this.units * 32);
    this.queue = new Int32Array(this.blocks * ENTRY_WORDS);
    this.leaves = new Int32Array(LEAF_PLANES * classes);
  }

  /** Bond sum B of the packed lattice (recounted after untracked sweeps). */
  get bondSum(): number {
    if (!this.countsValid) this.recount();
    return this.bond;
  }

  /** Magnetization M of the packed lattice. */
  get magnetization(): number {
    if (!this.countsValid) this.recount();
    return this.mag;
  }

  /** M = 2 (up spins) - N and B = d N - 2 (antiparallel bonds), every bond having one colour-0 end. */
  protected recount(): void {
    this.census = { up: 0, anti: 0 };
    this.halfSweep(0, 0, this.units, CENSUS);
    const anti = this.census.anti;
    this.halfSweep(1, 0, this.units, CENSUS);
    const n = this.size * this.size * this.depth;
    this.mag = 2 * this.census.up - n;
    this.bond = (this.depth === 1 ? 2 : 3) * n - 2 * anti;
    this.countsValid = true;
  }

  /** Leaf planes and the fast flag from the Metropolis thresholds (see assembly/packed.ts packedPrepare). */
  prepare(metropolis: Float64Array): void {
    leafPlanes(this.leaves, metropolis, CLASSES);
    this.fast = zeroFieldShape(metropolis, 4);
  }

  pack(spins: Int8Array, bondSum: number, magnetization: number): void {
    this.lattice.fill(0);
    convertPlanes(this.lattice, spins, this.size, this.depth, true);
    this.bond = bondSum;
    this.mag = magnetization;
    this.countsValid = true;
  }

  unpack(spins: Int8Array): void {
    convertPlanes(this.lattice, spins, this.size, this.depth, false);
  }

  /** Draws a sweep's lane-generator states: 32 * B outputs of the generator `state` (advanced in place). */
  drawSeeds(state: Uint32Array): void {
    drawLaneSeeds(this.seeds, 2 * this.units, state);
  }

  /** Block spins from this packed lattice, with the pyramid and RG stream of `blocks` (a JavaScript block-spin kernel). */
  levelZero(_byte: IsingKernel, blocks: BlockSpinKernel): JsPackedLevelZero | undefined {
    return this.depth === 1 && blocks instanceof JsBlockSpinKernel ? new JsPackedLevelZero(this, blocks) : undefined;
  }

  packFrom(byte: IsingKernel): void {
    this.pack(byte.readSpins(), byte.bondSum, byte.magnetization);
  }

  unpackInto(byte: IsingKernel): void {
    const spins = new Int8Array(this.size * this.size * this.depth);
    this.unpack(spins);
    byte.writeSpins(spins);
  }

  run(byte: IsingKernel, sweeps: number, out?: Int32Array): number {
    const state = byte.getRngState();
    const changed = this.sweep(sweeps, state, out);
    byte.setRngState(state);
    return changed;
  }

  /**
   * Runs `sweeps` sweeps on generator `state` (advanced in place); with `out`, (B, M) after each
   * sweep (tracked from exact counters), without, the counters are recounted when next read.
   */
  sweep(sweeps: number, state: Uint32Array, out?: Int32Array): number {
    let changed = 0;
    const units = this.units;
    if (out && !this.countsValid) this.recount();
    if (!out && sweeps > 0) this.countsValid = false;
    const mode = out ? TRACKED : UNTRACKED;
    for (let k = 0; k < sweeps; k++) {
      this.drawSeeds(state);
      changed += this.halfSweep(0, 0, units, mode);
      changed += this.halfSweep(1, 0, units, mode);
      if (out) {
        out[2 * k] = this.bond;
        out[2 * k + 1] = this.mag;
      }
    }
    return changed;
  }

  /** Colour-`colour` sites of vector rows r0 .. r1 - 1 in `mode`; returns the flips. */
  halfSweep(colour: number, r0: number, r1: number, mode: Mode): number {
    const census = mode === CENSUS;
    const track = mode !== UNTRACKED;
    const B = this.blocks;
    const lat = this.lattice;
    const leaves = this.leaves;
    const seeds = this.seeds;
    const fast = this.fast;
    const cls = this.cls;
    const rowWords = B * 4;
    const own = colour * B * rowWords;
    const other = (1 - colour) * B * rowWords;
    const queue = this.queue;
    let flips = 0,
      ups = 0,
      weighted = 0,
      planes = 0;
    const late = this.late;
    late.ups = 0;
    late.weighted = 0;
    late.planes = 0;
    for (let r = r0; r < r1; r++) {
      const seed = (colour * B + r) * 16;
      let queued = 0;
      let p0 = seeds[seed] | 0,
        p1 = seeds[seed + 4] | 0,
        p2 = seeds[seed + 8] | 0,
        p3 = seeds[seed + 12] | 0;
      let q0 = seeds[seed + 1] | 0,
        q1 = seeds[seed + 5] | 0,
        q2 = seeds[seed + 9] | 0,
        q3 = seeds[seed + 13] | 0;
      let e0 = seeds[seed + 2] | 0,
        e1 = seeds[seed + 6] | 0,
        e2 = seeds[seed + 10] | 0,
        e3 = seeds[seed + 14] | 0;
      let f0 = seeds[seed + 3] | 0,
        f1 = seeds[seed + 7] | 0,
        f2 = seeds[seed + 11] | 0,
        f3 = seeds[seed + 15] | 0;
      const row = own + r * rowWords;
      const same = other + r * rowWords;
      const up = other + (r === 0 ? B - 1 : r - 1) * rowWords;
      const down = other + (r === B - 1 ? 0 : r + 1) * rowWords;
      const oddRow = ((r + colour) & 1) !== 0;
      const P = (B & 1) !== 0 ? (oddRow ? EVEN_BYTES : ODD_BYTES) : oddRow ? -1 : 0;
      const topRow = r === 0,
        bottomRow = r === B - 1;
      for (let w = 0; w < B; w++) {
        const o = w * 4;
        // neighbours and classes, word by word; cls[4g ..] = s, a0, a1, a2
        for (let g = 0; g < 4; g++) {
          const gm = (g + 3) & 3,
            gp = (g + 1) & 3;
          const s = lat[row + o + g] | 0;
          const vu = topRow ? (lat[up + o + g] << 8) | (lat[up + o + gm] >>> 24) : lat[up + o + g] | 0;
          const vd = bottomRow ? (lat[down + o + g] >>> 8) | (lat[down + o + gp] << 24) : lat[down + o + g] | 0;
          let jm: number, jp: number;
          if (w > 0) jm = lat[same + o - 4 + g] | 0;
          else {
            const v = lat[same + rowWords - 4 + g];
            jm = ((v << 1) & 0xfefefefe) | ((v >>> 7) & 0x01010101);
          }
          if (w < B - 1) jp = lat[same + o + 4 + g] | 0;
          else {
            const v = lat[same + g];
            jp = ((v >>> 1) & 0x7f7f7f7f) | ((v << 7) & 0x80808080);
          }
          const x1 = s ^ vu,
            x2 = s ^ vd,
            x3 = s ^ lat[same + o + g],
            x4 = s ^ sel(jp, jm, P);
          const t1 = x1 ^ x2,
            c1 = x1 & x2,
            t2 = x3 ^ x4,
            c2 = x3 & x4;
          cls[4 * g] = s;
          cls[4 * g + 1] = t1 ^ t2;
          cls[4 * g + 2] = c1 ^ c2 ^ (t1 & t2);
          cls[4 * g + 3] = c1 & c2;
        }
        const s0 = cls[0],
          s1 = cls[4],
          s2 = cls[8],
          s3 = cls[12];
        const a00 = cls[1],
          a01 = cls[5],
          a02 = cls[9],
          a03 = cls[13];
        const a10 = cls[2],
          a11 = cls[6],
          a12 = cls[10],
          a13 = cls[14];
        const a20 = cls[3],
          a21 = cls[7],
          a22 = cls[11],
          a23 = cls[15];
        let acc0: number, acc1: number, acc2: number, acc3: number;
        let und0: number, und1: number, und2: number, und3: number;
        if (census) {
          // every lane counted as if it flipped: the sums below become sum a and the up spins
          acc0 = acc1 = acc2 = acc3 = -1;
          und0 = und1 = und2 = und3 = 0;
        } else if (fast) {
          acc0 = a10 | a20;
          acc1 = a11 | a21;
          acc2 = a12 | a22;
          acc3 = a13 | a23;
          und0 = ~acc0;
          und1 = ~acc1;
          und2 = ~acc2;
          und3 = ~acc3;
        } else {
          acc0 = leafSelect(leaves, PLANE_ACCEPT, s0, a00, a10, a20);
          acc1 = leafSelect(leaves, PLANE_ACCEPT, s1, a01, a11, a21);
          acc2 = leafSelect(leaves, PLANE_ACCEPT, s2, a02, a12, a22);
          acc3 = leafSelect(leaves, PLANE_ACCEPT, s3, a03, a13, a23);
          und0 = leafSelect(leaves, PLANE_UNDECIDED, s0, a00, a10, a20);
          und1 = leafSelect(leaves, PLANE_UNDECIDED, s1, a01, a11, a21);
          und2 = leafSelect(leaves, PLANE_UNDECIDED, s2, a02, a12, a22);
          und3 = leafSelect(leaves, PLANE_UNDECIDED, s3, a03, a13, a23);
        }
        if (!census && (und0 | und1 | und2 | und3) !== 0) {
          // PACKED_PLANES planes, no data-dependent exit
          for (let k = 0; k < PACKED_PLANES; k++) {
            // four xoshiro128** generators, state in locals
            const u0 = Math.imul(rotl(Math.imul(p1, 5), 7), 9);
            let z = p1 << 9;
            p2 ^= p0;
            p3 ^= p1;
            p1 ^= p2;
            p0 ^= p3;
            p2 ^= z;
            p3 = (p3 << 11) | (p3 >>> 21);
            const u1 = Math.imul(rotl(Math.imul(q1, 5), 7), 9);
            z = q1 << 9;
            q2 ^= q0;
            q3 ^= q1;
            q1 ^= q2;
            q0 ^= q3;
            q2 ^= z;
            q3 = (q3 << 11) | (q3 >>> 21);
            const u2 = Math.imul(rotl(Math.imul(e1, 5), 7), 9);
            z = e1 << 9;
            e2 ^= e0;
            e3 ^= e1;
            e1 ^= e2;
            e0 ^= e3;
            e2 ^= z;
            e3 = (e3 << 11) | (e3 >>> 21);
            const u3 = Math.imul(rotl(Math.imul(f1, 5), 7), 9);
            z = f1 << 9;
            f2 ^= f0;
            f3 ^= f1;
            f1 ^= f2;
            f0 ^= f3;
            f2 ^= z;
            f3 = (f3 << 11) | (f3 >>> 21);
            // fast path: the plane's threshold bits of classes a = 0 and a = 1, b0 and b1 (0 or -1)
            const b0 = leaves[k * CLASSES],
              b1 = leaves[k * CLASSES + 1];
            if (fast && (b0 | b1) === 0) {
              // both 0: a random 1 rejects, a 0 goes on
              und0 &= ~u0;
              und1 &= ~u1;
              und2 &= ~u2;
              und3 &= ~u3;
            } else if (fast && (b0 & b1) === -1) {
              // both 1: a random 0 accepts, a 1 goes on
              acc0 |= und0 & ~u0;
              und0 &= u0;
              acc1 |= und1 & ~u1;
              und1 &= u1;
              acc2 |= und2 & ~u2;
              und2 &= u2;
              acc3 |= und3 & ~u3;
              und3 &= u3;
            } else {
              let t0: number, t1: number, t2: number, t3: number;
              if (fast) {
                t0 = sel(b1, b0, a00);
                t1 = sel(b1, b0, a01);
                t2 = sel(b1, b0, a02);
                t3 = sel(b1, b0, a03);
              } else {
                t0 = leafSelect(leaves, k, s0, a00, a10, a20);
                t1 = leafSelect(leaves, k, s1, a01, a11, a21);
                t2 = leafSelect(leaves, k, s2, a02, a12, a22);
                t3 = leafSelect(leaves, k, s3, a03, a13, a23);
              }
              acc0 |= und0 & t0 & ~u0;
              und0 &= ~(u0 ^ t0);
              acc1 |= und1 & t1 & ~u1;
              und1 &= ~(u1 ^ t1);
              acc2 |= und2 & t2 & ~u2;
              und2 &= ~(u2 ^ t2);
              acc3 |= und3 & t3 & ~u3;
              und3 &= ~(u3 ^ t3);
            }
          }
          planes += PACKED_PLANES;
          // queue the lanes still undecided (the entry is written either way)
          const e = queued * ENTRY_WORDS;
          queue[e] = w;
          queue[e + 8] = und0;
          queue[e + 9] = und1;
          queue[e + 10] = und2;
          queue[e + 11] = und3;
          queue[e + 12] = a00;
          queue[e + 13] = a01;
          queue[e + 14] = a02;
          queue[e + 15] = a03;
          if (!fast) {
            queue[e + 16] = a10;
            queue[e + 17] = a11;
            queue[e + 18] = a12;
            queue[e + 19] = a13;
            queue[e + 20] = a20;
            queue[e + 21] = a21;
            queue[e + 22] = a22;
            queue[e + 23] = a23;
          }
          if ((und0 | und1 | und2 | und3) !== 0) queued++;
        }
        if (!census) {
          lat[row + o] = s0 ^ acc0;
          lat[row + o + 1] = s1 ^ acc1;
          lat[row + o + 2] = s2 ^ acc2;
          lat[row + o + 3] = s3 ^ acc3;
        }
        flips += popcount(acc0) + popcount(acc1) + popcount(acc2) + popcount(acc3);
        if (track) {
          ups += popcount(acc0 & s0) + popcount(acc1 & s1) + popcount(acc2 & s2) + popcount(acc3 & s3);
          weighted +=
            popcount(acc0 & a00) +
            popcount(acc1 & a01) +
            popcount(acc2 & a02) +
            popcount(acc3 & a03) +
            2 * (popcount(acc0 & a10) + popcount(acc1 & a11) + popcount(acc2 & a12) + popcount(acc3 & a13)) +
            4 * (popcount(acc0 & a20) + popcount(acc1 & a21) + popcount(acc2 & a22) + popcount(acc3 & a23));
        }
      }
      this.queuedVectors += queued;
      if (queued > 0) {
        storeLanes(seeds, seed, p0, p1, p2, p3, q0, q1, q2, q3, e0, e1, e2, e3, f0, f1, f2, f3);
        flips += this.finishRow(seed, queued, row, fast, track);
      }
    }
    this.planes += planes + late.planes;
    this.layerPlanes += late.planes;
    return this.settle(census, track, flips, ups, weighted);
  }

  /**
   * Books a half-sweep's sums with those of its row ends (this.late): a census records them; a
   * tracked sweep applies its flips to the counters (a flip of a site with a antiparallel neighbours
   * out of z changes B by 4a - 2z; of s = +1, M by -2). Returns the flips; as assembly/packed.ts settle.
   */
  protected settle(census: boolean, track: boolean, flips: number, ups: number, weighted: number): number {
    ups += this.late.ups;
    weighted += this.late.weighted;
    if (census) {
      this.census.up += ups;
      this.census.anti += weighted;
    } else if (track) {
      const neighbours = this.depth === 1 ? 4 : 6;
      this.bond = (this.bond + 4 * weighted - 2 * neighbours * flips) | 0;
      this.mag += 2 * flips - 4 * ups;
    }
    return flips;
  }
  /**
   * Finishes a row (assembly/packed.ts finishRowSimd): the queued lanes form layers, first fit in
   * queue order; each layer draws planes PACKED_PLANES, PACKED_PLANES + 1, ... until its lanes are
   * decided (at most to plane 31) and applies its flips. The generators continue from the state at
   * seeds[seed..]. Returns the flips; up spins, weighted sums and planes go to this.late.
   */
  /** Whether the zero-field path queues a1 (lanes with a = 2 undecided): not with 4 neighbours. */
  protected fastA1(): boolean {
    return false;
  }

  /** Threshold bits of leaf plane k for 32 lanes of spin s and class bits (a0, a1, a2); index s ? 9 - a : a. */
  protected layerThreshold(k: number, s: number, a0: number, a1: number, a2: number, fast: boolean): number {
    const leaves = this.leaves;
    return fast ? sel(leaves[k * CLASSES + 1], leaves[k * CLASSES], a0) : leafSelect(leaves, k, s, a0, a1, a2);
  }

  protected finishRow(seed: number, n: number, row: number, fast: boolean, track: boolean): number {
    const a1 = this.fastA1();
    const q = this.queue,
      lat = this.lattice,
      cls = this.cls,
      layer = this.layer;
    // layer[g]: the layer's lanes of word g; cls[4 g ..]: their s, a0, a1, a2
    layer.fill(0);
    cls.fill(0);
    // layer 0
    for (let e = 0; e < n; e++) {
      const at = e * ENTRY_WORDS,
        v = row + 4 * q[at];
      for (let g = 0; g < 4; g++) {
        const take = q[at + 8 + g] & ~layer[g];
        q[at + 4 + g] = take;
        layer[g] |= take;
        cls[4 * g + 1] |= take & q[at + 12 + g];
        if (!fast || a1) cls[4 * g + 2] |= take & q[at + 16 + g];
        if (!fast) {
          cls[4 * g] |= take & lat[v + g];
          cls[4 * g + 3] |= take & q[at + 20 + g];
        }
      }
    }
    let flips = 0,
      ups = 0,
      weighted = 0;
    for (;;) {
      this.layers++;
      this.resolveLayer(seed, fast);
      // apply this layer's flips; compact the entries with lanes left and build the next layer
      for (let g = 0; g < 4; g++) layer[g] = 0;
      cls.fill(0);
      let m = 0;
      for (let e = 0; e < n; e++) {
        const at = e * ENTRY_WORDS,
          to = m * ENTRY_WORDS;
        const w = q[at],
          v = row + 4 * w;
        let any = 0;
        // entry m (m <= e) gets this entry; it counts only with lanes left
        q[to] = w;
        for (let g = 0; g < 4; g++) {
          const take = q[at + 4 + g];
          const left = q[at + 8 + g] & ~take;
          const b0 = q[at + 12 + g];
          const flip = layer[4 + g] & take;
          const s = lat[v + g] | 0;
          lat[v + g] = s ^ flip;
          flips += popcount(flip);
          if (track) {
            ups += popcount(flip & s);
            weighted += popcount(flip & b0);
            if (!fast || a1) weighted += 2 * popcount(flip & q[at + 16 + g]);
            if (!fast) weighted += 4 * popcount(flip & q[at + 20 + g]);
          }
          const next = left & ~layer[g];
          q[to + 4 + g] = next;
          q[to + 8 + g] = left;
          q[to + 12 + g] = b0;
          layer[g] |= next;
          cls[4 * g + 1] |= next & b0;
          if (!fast || a1) {
            const b1 = q[at + 16 + g];
            q[to + 16 + g] = b1;
            cls[4 * g + 2] |= next & b1;
          }
          if (!fast) {
            const b2 = q[at + 20 + g];
            q[to + 20 + g] = b2;
            cls[4 * g] |= next & s;
            cls[4 * g + 3] |= next & b2;
          }
          any |= left;
        }
        if (any !== 0) m++;
      }
      if (m === 0) break;
      n = m;
    }
    this.late.ups += ups;
    this.late.weighted += weighted;
    return flips;
  }

  /**
   * Draws planes PACKED_PLANES, PACKED_PLANES + 1, ... for the layer's lanes layer[0..3] (classes in
   * this.cls) until they are decided or plane 31 is compared; the accepted lanes go to layer[4..7].
   * The four generators are read from and written back to seeds[seed..].
   */
  protected resolveLayer(seed: number, fast: boolean): void {
    const seeds = this.seeds,
      cls = this.cls,
      layer = this.layer;
    let p0 = seeds[seed] | 0,
      p1 = seeds[seed + 4] | 0,
      p2 = seeds[seed + 8] | 0,
      p3 = seeds[seed + 12] | 0;
    let q0 = seeds[seed + 1] | 0,
      q1 = seeds[seed + 5] | 0,
      q2 = seeds[seed + 9] | 0,
      q3 = seeds[seed + 13] | 0;
    let e0 = seeds[seed + 2] | 0,
      e1 = seeds[seed + 6] | 0,
      e2 = seeds[seed + 10] | 0,
      e3 = seeds[seed + 14] | 0;
    let f0 = seeds[seed + 3] | 0,
      f1 = seeds[seed + 7] | 0,
      f2 = seeds[seed + 11] | 0,
      f3 = seeds[seed + 15] | 0;
    let u0 = layer[0],
      u1 = layer[1],
      u2 = layer[2],
      u3 = layer[3];
    let c0 = 0,
      c1 = 0,
      c2 = 0,
      c3 = 0;
    let k = PACKED_PLANES;
    for (; k < 32 && (u0 | u1 | u2 | u3) !== 0; k++) {
      const x0 = Math.imul(rotl(Math.imul(p1, 5), 7), 9);
      let z = p1 << 9;
      p2 ^= p0;
      p3 ^= p1;
      p1 ^= p2;
      p0 ^= p3;
      p2 ^= z;
      p3 = (p3 << 11) | (p3 >>> 21);
      const x1 = Math.imul(rotl(Math.imul(q1, 5), 7), 9);
      z = q1 << 9;
      q2 ^= q0;
      q3 ^= q1;
      q1 ^= q2;
      q0 ^= q3;
      q2 ^= z;
      q3 = (q3 << 11) | (q3 >>> 21);
      const x2 = Math.imul(rotl(Math.imul(e1, 5), 7), 9);
      z = e1 << 9;
      e2 ^= e0;
      e3 ^= e1;
      e1 ^= e2;
      e0 ^= e3;
      e2 ^= z;
      e3 = (e3 << 11) | (e3 >>> 21);
      const x3 = Math.imul(rotl(Math.imul(f1, 5), 7), 9);
      z = f1 << 9;
      f2 ^= f0;
      f3 ^= f1;
      f1 ^= f2;
      f0 ^= f3;
      f2 ^= z;
      f3 = (f3 << 11) | (f3 >>> 21);
      const t0 = this.layerThreshold(k, cls[0], cls[1], cls[2], cls[3], fast);
      const t1 = this.layerThreshold(k, cls[4], cls[5], cls[6], cls[7], fast);
      const t2 = this.layerThreshold(k, cls[8], cls[9], cls[10], cls[11], fast);
      const t3 = this.layerThreshold(k, cls[12], cls[13], cls[14], cls[15], fast);
      c0 |= u0 & t0 & ~x0;
      u0 &= ~(x0 ^ t0);
      c1 |= u1 & t1 & ~x1;
      u1 &= ~(x1 ^ t1);
      c2 |= u2 & t2 & ~x2;
      u2 &= ~(x2 ^ t2);
      c3 |= u3 & t3 & ~x3;
      u3 &= ~(x3 ^ t3);
    }
    this.late.planes += k - PACKED_PLANES;
    layer[4] = c0;
    layer[5] = c1;
    layer[6] = c2;
    layer[7] = c3;
    storeLanes(seeds, seed, p0, p1, p2, p3, q0, q1, q2, q3, e0, e1, e2, e3, f0, f1, f2, f3);
  }
}
