// The XY model on the periodic L x L square (d = 2) or L x L x L simple cubic (d = 3) lattice:
// H = -J sum_<ij> s_i . s_j - h sum_i s_i^x, unit vectors s_i = (cos theta_i, sin theta_i) stored as
// two float64 components per site, site i = (z L + y) L + x (./lattice.ts).
//
// Twin of src/models/xy/kernel-js.ts: same stream contract, same operations in the same order
// (contract and record layout: src/models/xy/kernel.ts); sin, cos and exp from ./detmath.
//
// The q-state clock model runs on the same lattice (xyInit(L, d, q) with q >= 2): each site also holds
// its state k (angle 2 pi k / q) and its components are the table's (cos, sin)(2 pi k / q).
//
// Regions (xyInit, after init(L)'s; each 64-byte aligned):
//   [spins]    2 N x f64: (s_x, s_y) of site i at [2i, 2i + 1], N = L^d
//   [states]   N x u8 (clock only): the state k of each site
//   [table]    2 q x f64 (clock only): (cos, sin)(2 pi k / q) at [2k, 2k + 1], from ./detmath
//   [records]  XY_RECORD_CAPACITY x XY_RECORD_WIDTH x f64
//   [sizes]    XY_RECORD_CAPACITY x f64: summed cluster size of each Wolff step
// Reserved on the first Wolff step (xyReserveClusters): the cluster memory of ./continuous.ts.

import { reserve } from "./memory";
import * as cm from "./continuous";
import * as rng from "./rng";
import { detCos, detCosTiny, detCosTiny2, detExp, detExpSmall, detExpSmall2, detSin, detSinTiny, detSinTiny2 } from "./detmath";
import { heatBathSweep } from "./continuous-heatbath";
import { embeddingSquares, embeddingStep } from "./embedding";
import { drawLaneSeeds } from "./packed";

/** Values in one record: [B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z] (B_z = I_z = 0 on the square lattice). */
export const XY_RECORD_WIDTH: i32 = 9;
/** Records one call can write. */
export const XY_RECORD_CAPACITY: i32 = 4096;

const TWO_PI: f64 = 6.283185307179586;
const PI: f64 = 3.141592653589793;
const HALF_PI: f64 = 1.5707963267948966;
const TWO_POW_M32: f64 = 2.3283064365386963e-10;
const TWO_POW_M31: f64 = 4.656612873077393e-10;
const TWO_POW_M22: f64 = 2.384185791015625e-7;

let L: i32 = 0;
let D: i32 = 2;
let N: i32 = 0;
let spins: usize = 0;
let records: usize = 0;
let sizes: usize = 0;
let beta: f64 = 0;
let field: f64 = 0;
let Q: i32 = 0;
let states: usize = 0;
let table: usize = 0;

/**
 * Reserves the regions for a lattice of linear size L in dimension d (2 or 3) of XY spins (q = 0)
 * or of q-state clock spins (2 <= q <= 256) and fills it cold. 0 on success, -1 when memory cannot
 * grow (or N = L^d does not fit in an i32 index).
 */
export function xyInit(size: i32, dimension: i32, q: i32): i32 {
  const n64: u64 = dimension == 3 ? <u64>size * <u64>size * <u64>size : <u64>size * <u64>size;
  if (n64 > 0x7fffffff / 16) return -1;
  const n = <usize>n64;
  const s = reserve(n * 16);
  const r = reserve(<usize>XY_RECORD_CAPACITY * <usize>XY_RECORD_WIDTH * 8);
  const z = reserve(<usize>XY_RECORD_CAPACITY * 8);
  const t = reserve(<usize>ROTATIONS * 16);
  const g = reserve(80);
  const e = reserve(48);
  if (s == 0 || r == 0 || z == 0 || t == 0 || g == 0 || e == 0) return -1;
  rotations = t;
  lanes = g;
  ahead = e;
  rotationStep = NaN;
  if (q > 0) {
    const k = reserve(n);
    const t = reserve(<usize>q * 16);
    if (k == 0 || t == 0) return -1;
    states = k;
    table = t;
    Q = q;
    for (let j = 0; j < q; j++) {
      const angle = TWO_PI * <f64>j / <f64>q;
      store<f64>(t + (<usize>j << 4), detCos(angle));
      store<f64>(t + (<usize>j << 4), detSin(angle), 8);
    }
  }
  L = size;
  D = dimension;
  N = <i32>n;
  spins = s;
  records = r;
  sizes = z;
  xyFill(0);
  return 0;
}

export function xyStatesPtr(): usize { return states; }

// @ts-ignore: decorator
@inline
function setState(site: i32, k: i32): void {
  store<u8>(states + <usize>site, <u8>k);
  const p = spins + (<usize>site << 4);
  const t = table + (<usize>k << 4);
  store<f64>(p, load<f64>(t));
  store<f64>(p, load<f64>(t, 8), 8);
}

/** Sets the components of every site from its clock state (after the wrapper wrote states). */
export function xyClockSync(): void {
  for (let i = 0; i < N; i++) setState(i, <i32>load<u8>(states + <usize>i));
}

export function xySpinsPtr(): usize { return spins; }
export function xyRecordsPtr(): usize { return records; }
export function xySizesPtr(): usize { return sizes; }
export function xyQueuePtr(): usize { return cm.queue; }
export function xyLastCount(): i32 { return cm.lastCount; }

export function xySetCouplings(b: f64, h: f64): void {
  beta = b;
  field = h;
}

// @ts-ignore: decorator
@inline
function uniform(): f64 {
  return <f64>rng.next() * TWO_POW_M32;
}

/**
 * Cold (hot = 0): every spin (1, 0) (clock: state 0). Hot: site i in order draws u: theta = 2 pi u
 * (clock: state floor(u q)).
 */
export function xyFill(hot: i32): void {
  const n = <usize>N;
  if (Q > 0) {
    for (let i: usize = 0; i < n; i++) setState(<i32>i, hot == 0 ? 0 : <i32>Math.floor(<f64>rng.next() * <f64>Q * TWO_POW_M32));
    return;
  }
  for (let i: usize = 0; i < n; i++) {
    const p = spins + (i << 4);
    if (hot == 0) {
      store<f64>(p, 1.0);
      store<f64>(p, 0.0, 8);
    } else {
      const angle = TWO_PI * uniform();
      store<f64>(p, detCos(angle));
      store<f64>(p, detSin(angle), 8);
    }
  }
}

// @ts-ignore: decorator
@inline
function at(i: i32): usize {
  return spins + (<usize>i << 4);
}

/**
 * One component of the sum of a site's neighbours (l, r, u, d, then front and back on the cube), at
 * the given addresses: the pointers themselves for s_x, each + 8 for s_y. The additions in the twin's
 * order (src/models/xy/kernel-js.ts), so the field is the same to the bit.
 */
// @ts-ignore: decorator
@inline
function neighbourSum(l: usize, r: usize, u: usize, d: usize, fr: usize, bk: usize, cubic: bool): f64 {
  let sum = load<f64>(l) + load<f64>(r) + load<f64>(u) + load<f64>(d);
  if (cubic) sum = sum + load<f64>(fr) + load<f64>(bk); // on the square lattice fr and bk are never read
  return sum;
}

/** Over-relaxation sweeps (reflection of each spin about its local field; no random numbers). */
export function xyOverRelax(sweeps: i32): void {
  const h = field;
  const cubic = D == 3;
  const depth = cubic ? L : 1;
  for (let k = 0; k < sweeps; k++) {
    for (let c = 0; c < 2; c++) {
      for (let z = 0; z < depth; z++) {
        const zf = (z == L - 1 ? 0 : z + 1) * L;
        const zb = (z == 0 ? L - 1 : z - 1) * L;
        for (let y = 0; y < L; y++) {
          const up = (z * L + (y == 0 ? L - 1 : y - 1)) * L;
          const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
          const row = (z * L + y) * L;
          const front = (zf + y) * L;
          const back = (zb + y) * L;
          for (let x = (y + z + c) & 1; x < L; x += 2) {
            const i = at(row + x);
            const l = at(row + (x == 0 ? L - 1 : x - 1));
            const r = at(row + (x == L - 1 ? 0 : x + 1));
            const u = at(up + x);
            const d = at(down + x);
            const fr = at(front + x);
            const bk = at(back + x);
            const hx = neighbourSum(l, r, u, d, fr, bk, cubic) + h;
            const hy = neighbourSum(l + 8, r + 8, u + 8, d + 8, fr + 8, bk + 8, cubic);
            const h2 = hx * hx + hy * hy;
            if (h2 > 0) {
              const ox = load<f64>(i);
              const oy = load<f64>(i, 8);
              const f = (2 * (ox * hx + oy * hy)) / h2;
              let nx = f * hx - ox;
              let ny = f * hy - oy;
              const norm = Math.sqrt(nx * nx + ny * ny);
              nx = nx / norm;
              ny = ny / norm;
              store<f64>(i, nx);
              store<f64>(i, ny, 8);
            }
          }
        }
      }
    }
  }
}

// The Metropolis proposal: the spin rotated by phi = step (2 u_1 2^-32 - 1) written as phi_j + eps,
// j = u_1 >> 22 (the top 10 bits): phi_j = step (2 j - 1023) / 1024 from a table of (cos, sin)(phi_j)
// (rebuilt with detCos / detSin when the step changes; entries j >= 512 mirror 1023 - j exactly), and
// eps = (step / 1024) ((2 (u_1 & 0x3fffff) + 1) 2^-22 - 1) with (cos, sin)(eps) from detCosTiny /
// detSinTiny (|eps| <= pi / 1024): phi is uniform on (-step, step) up to the 2^-32 grid and
// symmetric, so the proposal is symmetric. The rotated spin is multiplied by the Newton factor
// (3 - |s|^2) / 2 of the old spin s: |s| - 1 stays at the rounding level (each move resets it to
// that of the rotation, a few ulp, plus the square of the old one) without lengthening the chain
// from the rotation to dE. Accepted when u_2 < exp(x), x = -beta dE clamped to [-708, 0]: the same decisions
// as dE <= 0 or u_2 < exp(-beta dE) (u_2 is a multiple of 2^-32 and exp(-708) < 2^-32).
//
// Draws (src/models/xy/kernel.ts): a sweep first draws the states of four lane generators (xoshiro128**
// each) from the main generator (./packed.ts drawLaneSeeds: 16 outputs through fmix32, word k of
// generator g from output 4 k + g). The sites of one row and colour go in groups of two (x, x + 2), a
// last group of one when their count is odd; each group steps the four lane generators once, outputs
// w_0 .. w_3: the first site takes u_1 = w_0, u_2 = w_2 2^-32, the second u_1 = w_1, u_2 = w_3 2^-32.
// With SIMD the four generators are the lanes of i32x4 (one step for two sites).
const ROTATIONS: i32 = 1024;
let rotations: usize = 0;
let rotationStep: f64 = NaN;
/** [lanes]: word k of lane generator g at lanes + 16 k + 4 g; the last outputs w_g at lanes + 64 + 4 g. */
let lanes: usize = 0;

function rotationTable(step: f64): void {
  if (step == rotationStep) return;
  rotationStep = step;
  for (let j = 0; j < ROTATIONS; j++) {
    const p = rotations + (<usize>j << 4);
    if (j < ROTATIONS / 2) {
      const angle = step * (<f64>(2 * j - (ROTATIONS - 1)) * (1.0 / <f64>ROTATIONS));
      store<f64>(p, detCos(angle));
      store<f64>(p, detSin(angle), 8);
    } else {
      const m = rotations + (<usize>(ROTATIONS - 1 - j) << 4);
      store<f64>(p, load<f64>(m));
      store<f64>(p, -load<f64>(m, 8), 8);
    }
  }
}

/** One step of the four lane generators (scalar): the outputs w_g at lanes + 64 + 4 g. */
// @ts-ignore: decorator
@inline
function laneStep(): void {
  for (let g: usize = 0; g < 4; g++) {
    const p = lanes + (g << 2);
    let x0 = load<u32>(p), x1 = load<u32>(p, 16), x2 = load<u32>(p, 32), x3 = load<u32>(p, 48);
    store<u32>(p, rotl<u32>(x1 * 5, 7) * 9, 64);
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl<u32>(x3, 11);
    store<u32>(p, x0);
    store<u32>(p, x1, 16);
    store<u32>(p, x2, 32);
    store<u32>(p, x3, 48);
  }
}

/** One step of the four lane generators as the lanes of i32x4: returns (w_0, w_1, w_2, w_3). */
// @ts-ignore: decorator
@inline
function laneStep4(): v128 {
  let x0 = v128.load(lanes), x1 = v128.load(lanes, 16), x2 = v128.load(lanes, 32), x3 = v128.load(lanes, 48);
  const m = i32x4.add(x1, i32x4.shl(x1, 2));
  const r = v128.or(i32x4.shl(m, 7), i32x4.shr_u(m, 25));
  const t = i32x4.shl(x1, 9);
  x2 = v128.xor(x2, x0);
  x3 = v128.xor(x3, x1);
  x1 = v128.xor(x1, x2);
  x0 = v128.xor(x0, x3);
  x2 = v128.xor(x2, t);
  v128.store(lanes, x0);
  v128.store(lanes, x1, 16);
  v128.store(lanes, x2, 32);
  v128.store(lanes, v128.or(i32x4.shl(x3, 11), i32x4.shr_u(x3, 21)), 48);
  return i32x4.add(r, i32x4.shl(r, 3));
}

// The site update of metropolisSite given the rotation (cs, sn) of its proposal and its u_2 = a.
// @ts-ignore: decorator
@inline
function metropolisRotated(i: usize, l: usize, r: usize, u: usize, d: usize, fr: usize, bk: usize, cubic: bool, b: f64, h: f64, cs: f64, sn: f64, a: f64): i32 {
  const hx = neighbourSum(l, r, u, d, fr, bk, cubic) + h;
  const hy = neighbourSum(l + 8, r + 8, u + 8, d + 8, fr + 8, bk + 8, cubic);
  const ox = load<f64>(i);
  const oy = load<f64>(i, 8);
  const f = (3.0 - (ox * ox + oy * oy)) * 0.5;
  let nx = cs * ox - sn * oy;
  let ny = sn * ox + cs * oy;
  nx = nx * f;
  ny = ny * f;
  const dE = -((nx - ox) * hx + (ny - oy) * hy);
  let x = -(b * dE);
  x = 0.0 < x ? 0.0 : x;
  x = x < -708.0 ? -708.0 : x;
  if (a < detExpSmall(x)) {
    store<f64>(i, nx);
    store<f64>(i, ny, 8);
    return 1;
  }
  return 0;
}

/** One site's Metropolis update with the draws u_1 and a = u_2 (the scalar core). */
// @ts-ignore: decorator
@inline
function metropolisSite(i: usize, l: usize, r: usize, u: usize, d: usize, fr: usize, bk: usize, cubic: bool, fine: f64, b: f64, h: f64, u1: u32, a: f64): i32 {
  const t = rotations + (<usize>(u1 >> 22) << 4);
  const eps = fine * (<f64>((u1 & 0x3fffff) * 2 + 1) * TWO_POW_M22 - 1.0);
  const ce = detCosTiny(eps);
  const se = detSinTiny(eps);
  const cj = load<f64>(t);
  const sj = load<f64>(t, 8);
  return metropolisRotated(i, l, r, u, d, fr, bk, cubic, b, h, cj * ce - sj * se, sj * ce + cj * se, a);
}

// Two sites of one colour, i (x) then j (x + 2) in the same row, as the two lanes of f64x2 (each lane
// the operations of metropolisSite), the draws w = (u_1 of i, u_1 of j, u_2 of i, u_2 of j) from one
// step of the lane generators. The update runs in three stages, software-pipelined: the rotations of
// a group (groupRotation: from the draws alone, computed one group ahead and left in [ahead]: cos, sin,
// u_2 of both lanes), the proposal of a pair (in xyMetropolis's loop: the rotated spins and the clamped
// exponent) and the previous pair's acceptance (pairAccept), so the dependency chains of three groups
// overlap. Pairs of one row and colour are independent, and the generator steps stay in group order.
let ahead: usize = 0;

// @ts-ignore: decorator
@inline
function groupRotation(w: v128, fine: f64): void {
  // lanes 0, 1: eps = fine ((2 (u_1 & 0x3fffff) + 1) 2^-22 - 1) = (2 (u_1 & 0x3fffff) + 1 - 2^22) (fine 2^-22),
  // the integer and the scaling exact: one rounding, as metropolisSite's
  const g = f64x2.convert_low_i32x4_s(i32x4.add(i32x4.shl(v128.and(w, i32x4.splat(0x3fffff)), 1), i32x4.splat(1 - 0x400000)));
  const eps = f64x2.mul(g, f64x2.splat(fine * TWO_POW_M22));
  const ce = detCosTiny2(eps);
  const se = detSinTiny2(eps);
  // (u_1 >> 22) << 4: the byte offsets of the table entries
  const offsets = v128.and(i32x4.shr_u(w, 18), i32x4.splat(0x3ff0));
  const t0 = v128.load(rotations + <usize>i32x4.extract_lane(offsets, 0));
  const t1 = v128.load(rotations + <usize>i32x4.extract_lane(offsets, 1));
  const cj = v128.shuffle<f64>(t0, t1, 0, 2);
  const sj = v128.shuffle<f64>(t0, t1, 1, 3);
  v128.store(ahead, f64x2.sub(f64x2.mul(cj, ce), f64x2.mul(sj, se)));
  v128.store(ahead, f64x2.add(f64x2.mul(sj, ce), f64x2.mul(cj, se)), 16);
  // lanes 2, 3: U = u_2 2^32 (unsigned) to float64, exact (pairAccept compares it with 2^32 exp)
  v128.store(ahead, f64x2.convert_low_i32x4_u(i32x4.shuffle(w, w, 2, 3, 2, 3)), 32);
}

// The acceptance u_2 < detExpSmall(x) decided first against a cheap bracket of exp(x): 2^y, y = x / ln 2,
// as 2^k p(f) with k = round(y) (by adding 1.5 2^52), f = y - k in [-1/2, 1/2] and p a cubic fit to 2^f
// (relative error below 7.8e-5 on [-1/2, 1/2]; the rounding of y adds less than 1e-13 at x = -708). With
// DELTA = 2^-11 (more than 6 times that error), lo = 2^k p (1 - DELTA) < exp(x) and detExpSmall(x) <
// 2^k p (1 + DELTA) = hi, so u_2 < lo accepts and u_2 >= hi rejects exactly as the contract's test; a
// lane in between (probability below 2 DELTA) takes detExpSmall2 itself. The decisions are the
// contract's, bit for bit. The comparisons run on U = u_2 2^32 against the bracket and exp(x) times
// 2^32 (scalings by a power of 2: exact, and exp(-708) 2^32 is a normal number).
const EXP_MAGIC: f64 = 6755399441055744.0; // 1.5 2^52
const EXP_DELTA: f64 = 4.8828125e-4; // 2^-11
const TWO_POW_32: f64 = 4294967296.0;
const P0: f64 = 0.9999289403695112;
const P1: f64 = 0.6932762416819607;
const P2: f64 = 0.24260405145947916;
const P3: f64 = 0.055088683807511155;

// @ts-ignore: decorator
@inline
function pairAccept(i: usize, nx: v128, ny: v128, ox: v128, oy: v128, ex: v128, a: v128): v128 {
  const y = f64x2.mul(ex, f64x2.splat(1.4426950408889634));
  const t = f64x2.add(y, f64x2.splat(EXP_MAGIC));
  const f = f64x2.sub(y, f64x2.sub(t, f64x2.splat(EXP_MAGIC)));
  let p = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(P3), f), f64x2.splat(P2)), f), f64x2.splat(P1)), f), f64x2.splat(P0));
  p = i64x2.add(p, i64x2.shl(t, 52));
  let accept = f64x2.lt(a, f64x2.mul(p, f64x2.splat((1.0 - EXP_DELTA) * TWO_POW_32)));
  if (v128.any_true(v128.andnot(f64x2.lt(a, f64x2.mul(p, f64x2.splat((1.0 + EXP_DELTA) * TWO_POW_32))), accept))) {
    accept = f64x2.lt(a, f64x2.mul(detExpSmall2(ex), f64x2.splat(TWO_POW_32)));
  }
  const sx = v128.bitselect(nx, ox, accept);
  const sy = v128.bitselect(ny, oy, accept);
  v128.store(i, v128.shuffle<f64>(sx, sy, 0, 2));
  v128.store(i, v128.shuffle<f64>(sx, sy, 1, 3), 32);
  return accept;
}

/**
 * The pairs of a row (SIMD): sites x, x + 2 from x = x0 while x + 2 < L, i at pi = base + 16 x, j at
 * pi + 32; neighbours x - 1, x + 1, x + 3 in the row, x in the rows above and below (dUp, dDown bytes
 * away) and on the cube in the planes in front and behind (dFront, dBack), each 32 bytes on for j.
 * Returns the moves accepted.
 */
// @ts-ignore: decorator
@inline
function pairRow(base: usize, x0: i32, dUp: usize, dDown: usize, dFront: usize, dBack: usize, cubic: bool, b: f64, h: f64, fine: f64): f64 {
  const hv = f64x2.splat(h);
  let acc = i64x2.splat(0);
  let pending = false;
  let previous: usize = 0;
  let pnx = hv, pny = hv, pox = hv, poy = hv, pex = hv, pa = hv;
  for (let x = x0; x + 2 < L; x += 4) {
    const cs = v128.load(ahead);
    const sn = v128.load(ahead, 16);
    const u2 = v128.load(ahead, 32);
    groupRotation(laneStep4(), fine);
    const pi = base + (<usize>x << 4);
    const li = x == 0 ? base + (<usize>(L - 1) << 4) : pi - 16;
    const rj = x + 3 == L ? base : pi + 48;
    const ui = pi + dUp;
    const di = pi + dDown;
    const mid = v128.load(pi, 16);
    let hi = f64x2.add(f64x2.add(f64x2.add(v128.load(li), mid), v128.load(ui)), v128.load(di));
    let hj = f64x2.add(f64x2.add(f64x2.add(mid, v128.load(rj)), v128.load(ui, 32)), v128.load(di, 32));
    if (cubic) {
      const fi = pi + dFront;
      const bi = pi + dBack;
      hi = f64x2.add(f64x2.add(hi, v128.load(fi)), v128.load(bi));
      hj = f64x2.add(f64x2.add(hj, v128.load(fi, 32)), v128.load(bi, 32));
    }
    // the field on the x components only, as in metropolisSite
    const hx = f64x2.add(v128.shuffle<f64>(hi, hj, 0, 2), hv);
    const hy = v128.shuffle<f64>(hi, hj, 1, 3);
    const oi = v128.load(pi);
    const oj = v128.load(pi, 32);
    const ox = v128.shuffle<f64>(oi, oj, 0, 2);
    const oy = v128.shuffle<f64>(oi, oj, 1, 3);
    const f = f64x2.mul(f64x2.sub(f64x2.splat(3.0), f64x2.add(f64x2.mul(ox, ox), f64x2.mul(oy, oy))), f64x2.splat(0.5));
    let nx = f64x2.sub(f64x2.mul(cs, ox), f64x2.mul(sn, oy));
    let ny = f64x2.add(f64x2.mul(sn, ox), f64x2.mul(cs, oy));
    nx = f64x2.mul(nx, f);
    ny = f64x2.mul(ny, f);
    // x = -(beta dE) = beta ((nx - ox) hx + (ny - oy) hy): the two negations of the contract cancel exactly
    const e = f64x2.mul(f64x2.splat(b), f64x2.add(f64x2.mul(f64x2.sub(nx, ox), hx), f64x2.mul(f64x2.sub(ny, oy), hy)));
    const ex = f64x2.pmax(f64x2.pmin(e, f64x2.splat(0.0)), f64x2.splat(-708.0));
    if (pending) acc = i64x2.sub(acc, pairAccept(previous, pnx, pny, pox, poy, pex, pa));
    pnx = nx;
    pny = ny;
    pox = ox;
    poy = oy;
    pex = ex;
    pa = u2;
    previous = pi;
    pending = true;
  }
  if (pending) acc = i64x2.sub(acc, pairAccept(previous, pnx, pny, pox, poy, pex, pa));
  return <f64>(i64x2.extract_lane(acc, 0) + i64x2.extract_lane(acc, 1));
}

/**
 * `sweeps` Metropolis sweeps with step size `step` (|step| <= pi), each followed by `overRelaxation`
 * reflection sweeps; with `record` != 0 writes the record after each sweep. Returns accepted moves,
 * or -1 when more records are asked than XY_RECORD_CAPACITY.
 */
export function xyMetropolis(sweeps: i32, step: f64, overRelaxation: i32, record: i32): f64 {
  if (record != 0 && sweeps > XY_RECORD_CAPACITY) return -1;
  const b = beta;
  const h = field;
  rotationTable(step);
  const fine = step * (1.0 / <f64>ROTATIONS);
  const cubic = D == 3;
  const depth = cubic ? L : 1;
  let accepted: f64 = 0;
  for (let k = 0; k < sweeps; k++) {
    drawLaneSeeds(lanes, 1);
    // the first group's rotations (the pipeline runs one group ahead; the step after the sweep's last group is unused)
    if (ASC_FEATURE_SIMD) groupRotation(laneStep4(), fine);
    for (let c = 0; c < 2; c++) {
      for (let z = 0; z < depth; z++) {
        const zf = (z == L - 1 ? 0 : z + 1) * L;
        const zb = (z == 0 ? L - 1 : z - 1) * L;
        for (let y = 0; y < L; y++) {
          const up = (z * L + (y == 0 ? L - 1 : y - 1)) * L;
          const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
          const row = (z * L + y) * L;
          const front = (zf + y) * L;
          const back = (zb + y) * L;
          let x = (y + z + c) & 1;
          if (ASC_FEATURE_SIMD) {
            const dUp = <usize>(up - row) << 4;
            const dDown = <usize>(down - row) << 4;
            const dFront = <usize>(front - row) << 4;
            const dBack = <usize>(back - row) << 4;
            // the pair loop in two copies, for the square lattice and the cube (no test of the lattice inside)
            accepted += cubic ? pairRow(at(row), x, dUp, dDown, dFront, dBack, true, b, h, fine) : pairRow(at(row), x, dUp, dDown, 0, 0, false, b, h, fine);
            // past the row's pairs: its n = (L - x + 1) / 2 sites of the colour in floor(n / 2) pairs
            x += (((L - x + 1) >> 1) >> 1) << 2;
            if (x < L) {
              // a group of one (an odd count of the colour's sites in the row): lane 0 (w_0, w_2)
              const cs = f64x2.extract_lane(v128.load(ahead), 0);
              const sn = f64x2.extract_lane(v128.load(ahead, 16), 0);
              const u2 = f64x2.extract_lane(v128.load(ahead, 32), 0) * TWO_POW_M32;
              groupRotation(laneStep4(), fine);
              accepted += <f64>metropolisRotated(at(row + x), at(row + (x == 0 ? L - 1 : x - 1)), at(row + (x == L - 1 ? 0 : x + 1)), at(up + x), at(down + x),
                at(front + x), at(back + x), cubic, b, h, cs, sn, u2);
            }
          } else {
            for (; x < L; x += 4) {
              laneStep();
              const w0 = load<u32>(lanes, 64), w1 = load<u32>(lanes, 68), w2 = load<u32>(lanes, 72), w3 = load<u32>(lanes, 76);
              accepted += <f64>metropolisSite(at(row + x), at(row + (x == 0 ? L - 1 : x - 1)), at(row + (x == L - 1 ? 0 : x + 1)), at(up + x), at(down + x),
                at(front + x), at(back + x), cubic, fine, b, h, w0, <f64>w2 * TWO_POW_M32);
              const x2 = x + 2;
              if (x2 < L) {
                accepted += <f64>metropolisSite(at(row + x2), at(row + x2 - 1), at(row + (x2 == L - 1 ? 0 : x2 + 1)), at(up + x2), at(down + x2),
                  at(front + x2), at(back + x2), cubic, fine, b, h, w1, <f64>w3 * TWO_POW_M32);
              }
            }
          }
        }
      }
    }
    if (overRelaxation > 0) xyOverRelax(overRelaxation);
    if (record != 0) xyRecord(k);
  }
  return accepted;
}

/**
 * `sweeps` clock Metropolis sweeps (same site order as xyMetropolis): each site draws u_1, proposes
 * k' = (k + 1 + floor(u_1 (q - 1))) mod q (a uniformly random other state), draws u_2 and accepts
 * when dE <= 0 or u_2 < exp(-beta dE). Records as xyMetropolis. Returns accepted moves or -1.
 */
export function xyClockMetropolis(sweeps: i32, record: i32): f64 {
  if (Q == 0 || (record != 0 && sweeps > XY_RECORD_CAPACITY)) return -1;
  const b = beta;
  const h = field;
  const q = Q;
  const cubic = D == 3;
  const depth = cubic ? L : 1;
  let accepted: f64 = 0;
  for (let k = 0; k < sweeps; k++) {
    for (let c = 0; c < 2; c++) {
      for (let z = 0; z < depth; z++) {
        const zf = (z == L - 1 ? 0 : z + 1) * L;
        const zb = (z == 0 ? L - 1 : z - 1) * L;
        for (let y = 0; y < L; y++) {
          const up = (z * L + (y == 0 ? L - 1 : y - 1)) * L;
          const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
          const row = (z * L + y) * L;
          const front = (zf + y) * L;
          const back = (zb + y) * L;
          for (let x = (y + z + c) & 1; x < L; x += 2) {
            const site = row + x;
            const l = at(row + (x == 0 ? L - 1 : x - 1));
            const r = at(row + (x == L - 1 ? 0 : x + 1));
            const u = at(up + x);
            const d = at(down + x);
            const fr = at(front + x);
            const bk = at(back + x);
            const hx = neighbourSum(l, r, u, d, fr, bk, cubic) + h;
            const hy = neighbourSum(l + 8, r + 8, u + 8, d + 8, fr + 8, bk + 8, cubic);
            const old = <i32>load<u8>(states + <usize>site);
            let next = old + 1 + <i32>Math.floor(<f64>rng.next() * <f64>(q - 1) * TWO_POW_M32);
            if (next >= q) next -= q;
            const a = uniform();
            const to = table + (<usize>next << 4);
            const from = table + (<usize>old << 4);
            const dE = -((load<f64>(to) - load<f64>(from)) * hx + (load<f64>(to, 8) - load<f64>(from, 8)) * hy);
            if (dE <= 0 || a < detExp(-(b * dE))) {
              setState(site, next);
              accepted++;
            }
          }
        }
      }
    }
    if (record != 0) xyRecord(k);
  }
  return accepted;
}

/** Reserves the cluster marks and queue (./continuous.ts; once). 0 on success, -1 when memory cannot grow. */
export function xyReserveClusters(): i32 {
  return cm.reserveClusterMemory(<usize>N);
}

// @ts-ignore: decorator
@inline
function project(rx: f64, ry: f64, site: i32): f64 {
  const p = at(site);
  return rx * load<f64>(p) + ry * load<f64>(p, 8);
}

// A neighbour j of a cluster site k (bk = -2 beta (r . s_k)) not yet in the cluster with
// (r . s_k)(r . s_j) > 0 draws u and joins when u < 1 - exp(bk (r . s_j)) (the exponent clamped at
// -708, where 1 - exp is 1 in float64 anyway). Returns the new cluster size.
// @ts-ignore: decorator
@inline
function wolffTry(j: i32, rx: f64, ry: f64, bk: f64, count: i32): i32 {
  if (load<u8>(cm.marks + <usize>j) != 0) return count;
  const pj = project(rx, ry, j);
  let x = bk * pj;
  if (!(x < 0)) return count;
  x = x < -708.0 ? -708.0 : x;
  if (uniform() < 1 - detExpSmall(x)) {
    store<u8>(cm.marks + <usize>j, 1);
    store<i32>(cm.queue + (<usize>count << 2), j);
    return count + 1;
  }
  return count;
}

/**
 * `steps` Wolff steps of `clusters` clusters each; with `record` != 0 writes the record and the
 * summed size of the step's reflected clusters after each step. Returns spins reflected, or -1
 * (clusters not reserved, or more records than XY_RECORD_CAPACITY).
 */
export function xyWolff(steps: i32, clusters: i32, record: i32): f64 {
  if (cm.marks == 0 || (record != 0 && steps > XY_RECORD_CAPACITY)) return -1;
  const cubic = D == 3;
  const b = beta;
  const h = field;
  let flipped: f64 = 0;
  for (let k = 0; k < steps; k++) {
    let stepSize: i32 = 0;
    for (let c = 0; c < clusters; c++) {
      let seed = <i32>Math.floor(<f64>rng.next() * <f64>N * TWO_POW_M32);
      if (seed > N - 1) seed = N - 1;
      // XY: psi = 2 pi u; clock: one of the q mirror lines of the q-gon, psi = pi j / q - pi / 2, j = floor(u q)
      let mirror: i32 = 0;
      let psi: f64;
      if (Q == 0) {
        psi = TWO_PI * uniform();
      } else {
        mirror = <i32>Math.floor(<f64>rng.next() * <f64>Q * TWO_POW_M32);
        psi = PI * <f64>mirror / <f64>Q - HALF_PI;
      }
      const rx = detCos(psi);
      const ry = detSin(psi);
      store<u8>(cm.marks + <usize>seed, 1);
      store<i32>(cm.queue, seed);
      let count: i32 = 1;
      let head: i32 = 0;
      let projected: f64 = 0;
      while (head < count) {
        const site = load<i32>(cm.queue + (<usize>head << 2));
        head++;
        const row = <i32>(<u32>site / <u32>L);
        const x = site - row * L;
        // square: y = row; cubic: row = z L + y, the plane z starts at site z L^2
        let y = row;
        let z: i32 = 0;
        if (cubic) {
          z = <i32>(<u32>row / <u32>L);
          y = row - z * L;
        }
        const plane = z * L * L;
        const pk = project(rx, ry, site);
        projected += pk;
        const bk = -2 * b * pk;
        count = wolffTry(site - x + (x == 0 ? L - 1 : x - 1), rx, ry, bk, count);
        count = wolffTry(site - x + (x == L - 1 ? 0 : x + 1), rx, ry, bk, count);
        count = wolffTry(plane + (y == 0 ? L - 1 : y - 1) * L + x, rx, ry, bk, count);
        count = wolffTry(plane + (y == L - 1 ? 0 : y + 1) * L + x, rx, ry, bk, count);
        if (cubic) {
          const inPlane = site - plane;
          count = wolffTry((z == 0 ? L - 1 : z - 1) * L * L + inPlane, rx, ry, bk, count);
          count = wolffTry((z == L - 1 ? 0 : z + 1) * L * L + inPlane, rx, ry, bk, count);
        }
      }
      let accept = true;
      if (h != 0) {
        const dE = 2 * h * rx * projected;
        const a = uniform();
        accept = dE <= 0 || a < detExp(-(b * dE));
      }
      for (let q = 0; q < count; q++) {
        const site = load<i32>(cm.queue + (<usize>q << 2));
        store<u8>(cm.marks + <usize>site, 0);
        if (!accept) continue;
        if (Q > 0) {
          // the reflection of angle 2 pi k / q in the mirror j: 2 pi (j - k) / q
          let k2 = mirror - <i32>load<u8>(states + <usize>site);
          if (k2 < 0) k2 += Q;
          setState(site, k2);
          continue;
        }
        const i = at(site);
        const pk = rx * load<f64>(i) + ry * load<f64>(i, 8);
        let nx = load<f64>(i) - 2 * pk * rx;
        let ny = load<f64>(i, 8) - 2 * pk * ry;
        const f = (3.0 - (nx * nx + ny * ny)) * 0.5;
        nx = nx * f;
        ny = ny * f;
        store<f64>(i, nx);
        store<f64>(i, ny, 8);
      }
      cm.lastCount = count;
      if (accept) {
        flipped += <f64>count;
        stepSize += count;
      }
    }
    if (record != 0) {
      xyRecord(k);
      store<f64>(sizes + (<usize>k << 3), <f64>stepSize);
    }
  }
  return flipped;
}

/**
 * `sweeps` heat-bath sweeps (./continuous-heatbath.ts: von Mises for XY, the exact discrete heat bath
 * for the clock model), each followed by `overRelaxation` reflection sweeps (XY only); records as
 * xyMetropolis. Returns the sites changed, or -1.
 */
export function xyHeatBath(sweeps: i32, overRelaxation: i32, record: i32): f64 {
  if (record != 0 && sweeps > XY_RECORD_CAPACITY) return -1;
  let changed: f64 = 0;
  for (let k = 0; k < sweeps; k++) {
    const c = heatBathSweep(spins, 2, L, D, beta, field, states, table, Q);
    if (c < 0) return -1;
    changed += c;
    if (overRelaxation > 0 && Q == 0) xyOverRelax(overRelaxation);
    if (record != 0) xyRecord(k);
  }
  return changed;
}

/**
 * `steps` Swendsen-Wang steps by embedding (./embedding.ts); with `record` != 0 writes the record and
 * sum_C |C|^2 after each step. Returns the sites reflected, or -1 (regions not reserved, too many records).
 */
export function xySwendsenWang(steps: i32, record: i32): f64 {
  if (record != 0 && steps > XY_RECORD_CAPACITY) return -1;
  let flipped: f64 = 0;
  for (let k = 0; k < steps; k++) {
    const f = embeddingStep(spins, 2, L, D, beta, field, states, table, Q);
    if (f < 0) return -1;
    flipped += f;
    if (record != 0) {
      xyRecord(k);
      store<f64>(sizes + (<usize>k << 3), embeddingSquares());
    }
  }
  return flipped;
}

// @ts-ignore: decorator
@inline
function crossing(ax: f64, ay: f64, bx: f64, by: f64): i32 {
  const cross = ax * by - ay * bx;
  if (ay >= 0 && by < 0) return cross > 0 ? 1 : 0;
  if (ay < 0 && by >= 0) return cross < 0 ? -1 : 0;
  return 0;
}

// The record's sums run over the columns of each parity apart (even x, then odd x, each in site
// order: the two lanes of the SIMD sum on the square lattice) and add the two at the end. On the
// cubic lattice the walk runs plane by plane and adds B_z, I_z and the plaquettes of the yz and zx
// orientations (xy: i, i + x, i + x + y, i + y; yz: i, i + y, i + y + z, i + z; zx: i, i + z,
// i + z + x, i + x).
let rbx: f64 = 0;
let rby: f64 = 0;
let rbz: f64 = 0;
let rmx: f64 = 0;
let rmy: f64 = 0;
let rix: f64 = 0;
let riy: f64 = 0;
let riz: f64 = 0;
let rv: f64 = 0;

function recordColumns(parity: i32): void {
  const cubic = D == 3;
  const depth = cubic ? L : 1;
  let bx: f64 = 0;
  let by: f64 = 0;
  let bz: f64 = 0;
  let mx: f64 = 0;
  let my: f64 = 0;
  let ix: f64 = 0;
  let iy: f64 = 0;
  let iz: f64 = 0;
  let v: f64 = 0;
  for (let z = 0; z < depth; z++) {
    const zf = z == L - 1 ? 0 : z + 1;
    for (let y = 0; y < L; y++) {
      const yd = y == L - 1 ? 0 : y + 1;
      const row = (z * L + y) * L;
      const down = (z * L + yd) * L;
      const front = (zf * L + y) * L;
      const frontDown = (zf * L + yd) * L;
      for (let x = parity; x < L; x += 2) {
        const xr = x == L - 1 ? 0 : x + 1;
        const i = at(row + x);
        const r = at(row + xr);
        const d = at(down + x);
        const rd = at(down + xr);
        const ax = load<f64>(i);
        const ay = load<f64>(i, 8);
        const rx = load<f64>(r);
        const ry = load<f64>(r, 8);
        const dx = load<f64>(d);
        const dy = load<f64>(d, 8);
        const qx = load<f64>(rd);
        const qy = load<f64>(rd, 8);
        mx += ax;
        my += ay;
        bx += ax * rx + ay * ry;
        by += ax * dx + ay * dy;
        ix += ax * ry - ay * rx;
        iy += ax * dy - ay * dx;
        let w = crossing(ax, ay, rx, ry) + crossing(rx, ry, qx, qy) + crossing(qx, qy, dx, dy) + crossing(dx, dy, ax, ay);
        w = w < 0 ? -w : w;
        if (cubic) {
          const f = at(front + x);
          const df = at(frontDown + x);
          const fr = at(front + xr);
          const fx = load<f64>(f);
          const fy = load<f64>(f, 8);
          const dfx = load<f64>(df);
          const dfy = load<f64>(df, 8);
          const frx = load<f64>(fr);
          const fry = load<f64>(fr, 8);
          bz += ax * fx + ay * fy;
          iz += ax * fy - ay * fx;
          const wyz = crossing(ax, ay, dx, dy) + crossing(dx, dy, dfx, dfy) + crossing(dfx, dfy, fx, fy) + crossing(fx, fy, ax, ay);
          const wzx = crossing(ax, ay, fx, fy) + crossing(fx, fy, frx, fry) + crossing(frx, fry, rx, ry) + crossing(rx, ry, ax, ay);
          w += (wyz < 0 ? -wyz : wyz) + (wzx < 0 ? -wzx : wzx);
        }
        v += <f64>w;
      }
    }
  }
  rbx = bx; rby = by; rbz = bz; rmx = mx; rmy = my; rix = ix; riy = iy; riz = iz; rv = v;
}

// The signed crossings of the short arcs a -> b on both lanes: +1 lanes give -1 in `plus`, -1 lanes -1 in `minus`.
// @ts-ignore: decorator
@inline
function crossing2(ax: v128, ay: v128, bx: v128, by: v128): v128 {
  const zero = f64x2.splat(0.0);
  const cross = f64x2.sub(f64x2.mul(ax, by), f64x2.mul(ay, bx));
  const plus = v128.and(v128.and(f64x2.ge(ay, zero), f64x2.lt(by, zero)), f64x2.gt(cross, zero));
  const minus = v128.and(v128.and(f64x2.lt(ay, zero), f64x2.ge(by, zero)), f64x2.lt(cross, zero));
  return i64x2.sub(minus, plus);
}

/** Writes the record of the current lattice at record slot k. */
export function xyRecord(k: i32): void {
  let bx: f64, by: f64, mx: f64, my: f64, ix: f64, iy: f64, v: f64;
  let bz: f64 = 0, iz: f64 = 0;
  if (ASC_FEATURE_SIMD && D == 2) {
    let vbx = f64x2.splat(0.0), vby = vbx, vmx = vbx, vmy = vbx, vix = vbx, viy = vbx;
    let vv = i64x2.splat(0);
    for (let y = 0; y < L; y++) {
      const row = y * L;
      const down = (y == L - 1 ? 0 : y + 1) * L;
      let a = v128.load(at(row));
      let d = v128.load(at(down));
      for (let x = 0; x < L; x += 2) {
        const xn = x + 2 == L ? 0 : x + 2;
        const b = v128.load(at(row + x + 1));
        const c = v128.load(at(row + xn));
        const db = v128.load(at(down + x + 1));
        const dc = v128.load(at(down + xn));
        const ax = v128.shuffle<f64>(a, b, 0, 2);
        const ay = v128.shuffle<f64>(a, b, 1, 3);
        const rx = v128.shuffle<f64>(b, c, 0, 2);
        const ry = v128.shuffle<f64>(b, c, 1, 3);
        const dx = v128.shuffle<f64>(d, db, 0, 2);
        const dy = v128.shuffle<f64>(d, db, 1, 3);
        const qx = v128.shuffle<f64>(db, dc, 0, 2);
        const qy = v128.shuffle<f64>(db, dc, 1, 3);
        vmx = f64x2.add(vmx, ax);
        vmy = f64x2.add(vmy, ay);
        vbx = f64x2.add(vbx, f64x2.add(f64x2.mul(ax, rx), f64x2.mul(ay, ry)));
        vby = f64x2.add(vby, f64x2.add(f64x2.mul(ax, dx), f64x2.mul(ay, dy)));
        vix = f64x2.add(vix, f64x2.sub(f64x2.mul(ax, ry), f64x2.mul(ay, rx)));
        viy = f64x2.add(viy, f64x2.sub(f64x2.mul(ax, dy), f64x2.mul(ay, dx)));
        const w = i64x2.add(i64x2.add(i64x2.add(crossing2(ax, ay, rx, ry), crossing2(rx, ry, qx, qy)), crossing2(qx, qy, dx, dy)), crossing2(dx, dy, ax, ay));
        vv = i64x2.add(vv, i64x2.abs(w));
        a = c;
        d = dc;
      }
    }
    bx = f64x2.extract_lane(vbx, 0) + f64x2.extract_lane(vbx, 1);
    by = f64x2.extract_lane(vby, 0) + f64x2.extract_lane(vby, 1);
    mx = f64x2.extract_lane(vmx, 0) + f64x2.extract_lane(vmx, 1);
    my = f64x2.extract_lane(vmy, 0) + f64x2.extract_lane(vmy, 1);
    ix = f64x2.extract_lane(vix, 0) + f64x2.extract_lane(vix, 1);
    iy = f64x2.extract_lane(viy, 0) + f64x2.extract_lane(viy, 1);
    v = <f64>(i64x2.extract_lane(vv, 0) + i64x2.extract_lane(vv, 1));
  } else {
    recordColumns(0);
    const bx0 = rbx, by0 = rby, bz0 = rbz, mx0 = rmx, my0 = rmy, ix0 = rix, iy0 = riy, iz0 = riz, v0 = rv;
    recordColumns(1);
    bx = bx0 + rbx; by = by0 + rby; mx = mx0 + rmx; my = my0 + rmy; ix = ix0 + rix; iy = iy0 + riy; v = v0 + rv;
    bz = bz0 + rbz; iz = iz0 + riz;
  }
  const out = records + <usize>k * <usize>XY_RECORD_WIDTH * 8;
  store<f64>(out, bx);
  store<f64>(out, by, 8);
  store<f64>(out, mx, 16);
  store<f64>(out, my, 24);
  store<f64>(out, ix, 32);
  store<f64>(out, iy, 40);
  store<f64>(out, v, 48);
  store<f64>(out, bz, 56);
  store<f64>(out, iz, 64);
}
