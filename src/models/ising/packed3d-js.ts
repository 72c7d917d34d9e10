/**
 * The packed (multi-spin) Metropolis kernel of the simple cubic lattice in JavaScript: the
 * algorithm, lane layout and random-stream order of assembly/packed3d.ts (read its header for the
 * contract), bit for bit. A 128-bit vector is four 32-bit words; word g holds bytes 4g .. 4g + 3
 * (lanes 32g .. 32g + 31) and is driven by lane generator g.
 */
import { rotl } from '../../rng.js';
import { TWO_POW_32 } from '../../thresholds.js';
import type { BlockSpinKernel } from '../../backend/rg-types.js';
import type { IsingKernel } from './types.js';
import { JsPackedEngine, leafPlanes, PACKED_PLANES, popcount, sel, storeLanes, zeroFieldShape } from './packed-js.js';

const CLASSES = 14;
const PLANE_ACCEPT = 32;
const PLANE_UNDECIDED = 33;
const LEAF_PLANES = 34;
/**
 * Planes every vector with an undecided lane draws before its lanes are queued (PACKED3D_PLANES of
 * assembly/packed3d.ts): the square kernel's, whose row finisher (layers) this engine inherits.
 */
export const PACKED3D_PLANES = PACKED_PLANES;
/** Words of a row-queue entry (src/models/ising/packed-js.ts): w, 3 unused, then 4 words each: lanes of the current layer, lanes left, a0, a1, a2. */
const ENTRY_WORDS = 24;
const EVEN_BYTES = 0x00ff00ff;
const ODD_BYTES = 0xff00ff00 | 0;
/** Half-sweep modes (src/models/ising/packed-js.ts): update and track the counters, update only, or count without updating (recount). */
const UNTRACKED = 1;
const CENSUS = 2;

/** Class (s, a) value of leaf plane `k` for 32 lanes: mux on s (index 13 - a for s = +1), then a0, a1, a2. */
function leafSelect(leaves: Int32Array, k: number, s: number, a0: number, a1: number, a2: number): number {
  const o = k * CLASSES;
  const v0 = sel(leaves[o + 13], leaves[o], s);
  const v1 = sel(leaves[o + 12], leaves[o + 1], s);
  const v2 = sel(leaves[o + 11], leaves[o + 2], s);
  const v3 = sel(leaves[o + 10], leaves[o + 3], s);
  const v4 = sel(leaves[o + 9], leaves[o + 4], s);
  const v5 = sel(leaves[o + 8], leaves[o + 5], s);
  const v6 = sel(leaves[o + 7], leaves[o + 6], s);
  return sel(sel(v6, sel(v5, v4, a0), a1), sel(sel(v3, v2, a0), sel(v1, v0, a0), a1), a2);
}

/**
 * The cubic engine: the square engine's seeding, conversions, counters and row finisher on L planes,
 * with its own half-sweep (six neighbours) and 14 threshold classes.
 */
export class JsPacked3dEngine extends JsPackedEngine {
  /** Fast code of plane k: bit a (0..2) is bit 31 - k of t(a). */
  private readonly codes = new Int32Array(32);

  constructor(size: number) {
    super(size, size, CLASSES);
  }

  /** Leaf planes, fast codes and the fast flag from the 14 Metropolis thresholds (assembly/packed3d.ts packed3dPrepare). */
  override prepare(metropolis: Float64Array): void {
    leafPlanes(this.leaves, metropolis, CLASSES);
    this.fast = zeroFieldShape(metropolis, 6);
    for (let k = 0; k < 32; k++) {
      let code = 0;
      for (let a = 0; a < 3; a++) code |= (metropolis[a] < TWO_POW_32 ? (metropolis[a] >>> (31 - k)) & 1 : 0) << a;
      this.codes[k] = code;
    }
  }

  /** No block spins on the cubic lattice. */
  override levelZero(_byte: IsingKernel, _blocks: BlockSpinKernel): undefined {
    return undefined;
  }

  /** Zero-field lanes still undecided have a = 0, 1 or 2: the row finisher needs a1 too. */
  protected override fastA1(): boolean {
    return true;
  }

  /** Threshold bits of leaf plane k (14 classes, index s ? 13 - a : a). */
  protected override layerThreshold(k: number, s: number, a0: number, a1: number, a2: number, fast: boolean): number {
    const leaves = this.leaves,
      o = k * CLASSES;
    return fast ? sel(leaves[o + 2], sel(leaves[o + 1], leaves[o], a0), a1) : leafSelect(leaves, k, s, a0, a1, a2);
  }

  /** Colour-`colour` sites of planes z0 .. z1 - 1 in `mode`; returns the flips. */
  override halfSweep(colour: number, z0: number, z1: number, mode: 0 | 1 | 2): number {
    const census = mode === CENSUS;
    const track = mode !== UNTRACKED;
    const L = this.size,
      B = this.blocks;
    const lat = this.lattice,
      leaves = this.leaves,
      codes = this.codes,
      seeds = this.seeds,
      cls = this.cls;
    const fast = this.fast;
    const rowWords = B * 4,
      colourWords = B * rowWords,
      planeWords = 2 * colourWords;
    const queue = this.queue;
    const late = this.late;
    late.ups = 0;
    late.weighted = 0;
    let flips = 0,
      ups = 0,
      weighted = 0;
    for (let z = z0; z < z1; z++) {
      const cp = (colour + z) & 1;
      const seed = (colour * L + z) * 16;
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
      const own = z * planeWords + cp * colourWords;
      const other = z * planeWords + (1 - cp) * colourWords;
      const ahead = (z === L - 1 ? 0 : z + 1) * planeWords + cp * colourWords;
      const behind = (z === 0 ? L - 1 : z - 1) * planeWords + cp * colourWords;
      for (let r = 0; r < B; r++) {
        let queued = 0;
        const rowAt = r * rowWords;
        const row = own + rowAt,
          same = other + rowAt,
          front = ahead + rowAt,
          back = behind + rowAt;
        const up = other + (r === 0 ? B - 1 : r - 1) * rowWords;
        const down = other + (r === B - 1 ? 0 : r + 1) * rowWords;
        const oddRow = ((r + cp) & 1) !== 0;
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
              x4 = s ^ sel(jp, jm, P),
              x5 = s ^ lat[front + o + g],
              x6 = s ^ lat[back + o + g];
            const h1 = x1 ^ x2,
              h2 = x4 ^ x5;
            const s1 = h1 ^ x3,
              s2 = h2 ^ x6;
            const c1 = (x1 & x2) | (x3 & h1),
              c2 = (x4 & x5) | (x6 & h2);
            const k = s1 & s2,
              cx = c1 ^ c2;
            cls[4 * g] = s;
            cls[4 * g + 1] = s1 ^ s2;
            cls[4 * g + 2] = cx ^ k;
            cls[4 * g + 3] = (c1 & c2) | (k & cx);
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
            acc0 = acc1 = acc2 = acc3 = -1;
            und0 = und1 = und2 = und3 = 0;
          } else if (fast) {
            acc0 = a20 | (a10 & a00);
            acc1 = a21 | (a11 & a01);
            acc2 = a22 | (a12 & a02);
            acc3 = a23 | (a13 & a03);
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
            // PACKED3D_PLANES planes, no data-dependent exit
            for (let k = 0; k < PACKED3D_PLANES; k++) {
              // four xoshiro128** generators, state in locals
              const u0 = Math.imul(rotl(Math.imul(p1, 5), 7), 9);
              let t = p1 << 9;
              p2 ^= p0;
              p3 ^= p1;
              p1 ^= p2;
              p0 ^= p3;
              p2 ^= t;
              p3 = (p3 << 11) | (p3 >>> 21);
              const u1 = Math.imul(rotl(Math.imul(q1, 5), 7), 9);
              t = q1 << 9;
              q2 ^= q0;
              q3 ^= q1;
              q1 ^= q2;
              q0 ^= q3;
              q2 ^= t;
              q3 = (q3 << 11) | (q3 >>> 21);
              const u2 = Math.imul(rotl(Math.imul(e1, 5), 7), 9);
              t = e1 << 9;
              e2 ^= e0;
              e3 ^= e1;
              e1 ^= e2;
              e0 ^= e3;
              e2 ^= t;
              e3 = (e3 << 11) | (e3 >>> 21);
              const u3 = Math.imul(rotl(Math.imul(f1, 5), 7), 9);
              t = f1 << 9;
              f2 ^= f0;
              f3 ^= f1;
              f1 ^= f2;
              f0 ^= f3;
              f2 ^= t;
              f3 = (f3 << 11) | (f3 >>> 21);
              const code = fast ? codes[k] : 1;
              if (fast && code === 0) {
                // every undecided class has a 0 here: a random 1 rejects, a 0 goes on
                und0 &= ~u0;
                und1 &= ~u1;
                und2 &= ~u2;
                und3 &= ~u3;
              } else if (fast && code === 7) {
                // every undecided class has a 1 here: a random 0 accepts, a 1 goes on
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
                  const o = k * CLASSES;
                  const b0 = leaves[o],
                    b1 = leaves[o + 1],
                    b2 = leaves[o + 2];
                  t0 = sel(b2, sel(b1, b0, a00), a10);
                  t1 = sel(b2, sel(b1, b0, a01), a11);
                  t2 = sel(b2, sel(b1, b0, a02), a12);
                  t3 = sel(b2, sel(b1, b0, a03), a13);
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
            queue[e + 16] = a10;
            queue[e + 17] = a11;
            queue[e + 18] = a12;
            queue[e + 19] = a13;
            if (!fast) {
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
        if (queued > 0) {
          // the row's queued lanes draw from the plane's generators, which then go on to the next row
          storeLanes(seeds, seed, p0, p1, p2, p3, q0, q1, q2, q3, e0, e1, e2, e3, f0, f1, f2, f3);
          flips += this.finishRow(seed, queued, row, fast, track);
          p0 = seeds[seed] | 0;
          p1 = seeds[seed + 4] | 0;
          p2 = seeds[seed + 8] | 0;
          p3 = seeds[seed + 12] | 0;
          q0 = seeds[seed + 1] | 0;
          q1 = seeds[seed + 5] | 0;
          q2 = seeds[seed + 9] | 0;
          q3 = seeds[seed + 13] | 0;
          e0 = seeds[seed + 2] | 0;
          e1 = seeds[seed + 6] | 0;
          e2 = seeds[seed + 10] | 0;
          e3 = seeds[seed + 14] | 0;
          f0 = seeds[seed + 3] | 0;
          f1 = seeds[seed + 7] | 0;
          f2 = seeds[seed + 11] | 0;
          f3 = seeds[seed + 15] | 0;
        }
      }
      storeLanes(seeds, seed, p0, p1, p2, p3, q0, q1, q2, q3, e0, e1, e2, e3, f0, f1, f2, f3);
    }
    return this.settle(census, track, flips, ups, weighted);
  }
}
