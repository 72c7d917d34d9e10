// The XY model on the periodic L x L square lattice: H = -J sum_<ij> s_i . s_j - h sum_i s_i^x,
// unit vectors s_i = (cos theta_i, sin theta_i) stored as two float64 components per site.
//
// Twin of src/models/xy/kernel-js.ts: same stream contract, same operations in the same order
// (contract and record layout: src/models/xy/kernel.ts); sin, cos and exp from ./detmath.
//
// The q-state clock model runs on the same lattice (xyInit(L, q) with q >= 2): each site also holds
// its state k (angle 2 pi k / q) and its components are the table's (cos, sin)(2 pi k / q).
//
// Regions (xyInit, after init(L)'s; each 64-byte aligned):
//   [spins]    2 L^2 x f64: (s_x, s_y) of site i at [2i, 2i + 1]
//   [states]   L^2 x u8 (clock only): the state k of each site
//   [table]    2 q x f64 (clock only): (cos, sin)(2 pi k / q) at [2k, 2k + 1], from ./detmath
//   [records]  XY_RECORD_CAPACITY x XY_RECORD_WIDTH x f64
//   [sizes]    XY_RECORD_CAPACITY x f64: summed cluster size of each Wolff step
// Reserved on the first Wolff step (xyReserveClusters): [marks] L^2 x u8, [queue] L^2 x i32.

import { reserve } from "./memory";
import * as rng from "./rng";
import { detCos, detExp, detSin } from "./detmath";

/** Values in one record: [B_x, B_y, M_x, M_y, I_x, I_y, V]. */
export const XY_RECORD_WIDTH: i32 = 7;
/** Records one call can write. */
export const XY_RECORD_CAPACITY: i32 = 4096;

const TWO_PI: f64 = 6.283185307179586;
const PI: f64 = 3.141592653589793;
const HALF_PI: f64 = 1.5707963267948966;
const TWO_POW_M32: f64 = 2.3283064365386963e-10;
const TWO_POW_M31: f64 = 4.656612873077393e-10;

let L: i32 = 0;
let spins: usize = 0;
let records: usize = 0;
let sizes: usize = 0;
let marks: usize = 0;
let queue: usize = 0;
let beta: f64 = 0;
let field: f64 = 0;
let lastCount: i32 = 0;
let Q: i32 = 0;
let states: usize = 0;
let table: usize = 0;

/**
 * Reserves the regions for an L x L lattice of XY spins (q = 0) or of q-state clock spins
 * (2 <= q <= 256) and fills it cold. 0 on success, -1 when memory cannot grow.
 */
export function xyInit(size: i32, q: i32): i32 {
  const n = <usize>size * <usize>size;
  const s = reserve(n * 16);
  const r = reserve(<usize>XY_RECORD_CAPACITY * <usize>XY_RECORD_WIDTH * 8);
  const z = reserve(<usize>XY_RECORD_CAPACITY * 8);
  if (s == 0 || r == 0 || z == 0) return -1;
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
  const n = L * L;
  for (let i = 0; i < n; i++) setState(i, <i32>load<u8>(states + <usize>i));
}

export function xySpinsPtr(): usize { return spins; }
export function xyRecordsPtr(): usize { return records; }
export function xySizesPtr(): usize { return sizes; }
export function xyQueuePtr(): usize { return queue; }
export function xyLastCount(): i32 { return lastCount; }

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
  const n = <usize>L * <usize>L;
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

/** Over-relaxation sweeps (reflection of each spin about its local field; no random numbers). */
export function xyOverRelax(sweeps: i32): void {
  const h = field;
  for (let k = 0; k < sweeps; k++) {
    for (let c = 0; c < 2; c++) {
      for (let y = 0; y < L; y++) {
        const up = (y == 0 ? L - 1 : y - 1) * L;
        const down = (y == L - 1 ? 0 : y + 1) * L;
        const row = y * L;
        for (let x = (y + c) & 1; x < L; x += 2) {
          const i = at(row + x);
          const l = at(row + (x == 0 ? L - 1 : x - 1));
          const r = at(row + (x == L - 1 ? 0 : x + 1));
          const u = at(up + x);
          const d = at(down + x);
          const hx = load<f64>(l) + load<f64>(r) + load<f64>(u) + load<f64>(d) + h;
          const hy = load<f64>(l, 8) + load<f64>(r, 8) + load<f64>(u, 8) + load<f64>(d, 8);
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

/**
 * `sweeps` Metropolis sweeps with step size `step`, each followed by `overRelaxation` reflection
 * sweeps; with `record` != 0 writes the record after each sweep. Returns accepted moves, or -1 when
 * more records are asked than XY_RECORD_CAPACITY.
 */
export function xyMetropolis(sweeps: i32, step: f64, overRelaxation: i32, record: i32): i32 {
  if (record != 0 && sweeps > XY_RECORD_CAPACITY) return -1;
  const b = beta;
  const h = field;
  let accepted: i32 = 0;
  for (let k = 0; k < sweeps; k++) {
    for (let c = 0; c < 2; c++) {
      for (let y = 0; y < L; y++) {
        const up = (y == 0 ? L - 1 : y - 1) * L;
        const down = (y == L - 1 ? 0 : y + 1) * L;
        const row = y * L;
        for (let x = (y + c) & 1; x < L; x += 2) {
          const i = at(row + x);
          const l = at(row + (x == 0 ? L - 1 : x - 1));
          const r = at(row + (x == L - 1 ? 0 : x + 1));
          const u = at(up + x);
          const d = at(down + x);
          const hx = load<f64>(l) + load<f64>(r) + load<f64>(u) + load<f64>(d) + h;
          const hy = load<f64>(l, 8) + load<f64>(r, 8) + load<f64>(u, 8) + load<f64>(d, 8);
          const phi = step * (<f64>rng.next() * TWO_POW_M31 - 1);
          const a = uniform();
          const ox = load<f64>(i);
          const oy = load<f64>(i, 8);
          const cs = detCos(phi);
          const sn = detSin(phi);
          let nx = cs * ox - sn * oy;
          let ny = sn * ox + cs * oy;
          const norm = Math.sqrt(nx * nx + ny * ny);
          nx = nx / norm;
          ny = ny / norm;
          const dE = -((nx - ox) * hx + (ny - oy) * hy);
          if (dE <= 0 || a < detExp(-(b * dE))) {
            store<f64>(i, nx);
            store<f64>(i, ny, 8);
            accepted++;
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
export function xyClockMetropolis(sweeps: i32, record: i32): i32 {
  if (Q == 0 || (record != 0 && sweeps > XY_RECORD_CAPACITY)) return -1;
  const b = beta;
  const h = field;
  const q = Q;
  let accepted: i32 = 0;
  for (let k = 0; k < sweeps; k++) {
    for (let c = 0; c < 2; c++) {
      for (let y = 0; y < L; y++) {
        const up = (y == 0 ? L - 1 : y - 1) * L;
        const down = (y == L - 1 ? 0 : y + 1) * L;
        const row = y * L;
        for (let x = (y + c) & 1; x < L; x += 2) {
          const site = row + x;
          const l = at(row + (x == 0 ? L - 1 : x - 1));
          const r = at(row + (x == L - 1 ? 0 : x + 1));
          const u = at(up + x);
          const d = at(down + x);
          const hx = load<f64>(l) + load<f64>(r) + load<f64>(u) + load<f64>(d) + h;
          const hy = load<f64>(l, 8) + load<f64>(r, 8) + load<f64>(u, 8) + load<f64>(d, 8);
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
    if (record != 0) xyRecord(k);
  }
  return accepted;
}

/** Reserves the cluster marks and queue (once). 0 on success, -1 when memory cannot grow. */
export function xyReserveClusters(): i32 {
  if (marks != 0) return 0;
  const n = <usize>L * <usize>L;
  const m = reserve(n);
  const q = reserve(n * 4);
  if (m == 0 || q == 0) return -1;
  marks = m;
  queue = q;
  return 0;
}

// @ts-ignore: decorator
@inline
function project(rx: f64, ry: f64, site: i32): f64 {
  const p = at(site);
  return rx * load<f64>(p) + ry * load<f64>(p, 8);
}

/**
 * `steps` Wolff steps of `clusters` clusters each; with `record` != 0 writes the record and the
 * summed size of the step's reflected clusters after each step. Returns spins reflected, or -1
 * (clusters not reserved, or more records than XY_RECORD_CAPACITY).
 */
export function xyWolff(steps: i32, clusters: i32, record: i32): i32 {
  if (marks == 0 || (record != 0 && steps > XY_RECORD_CAPACITY)) return -1;
  const N = L * L;
  const b = beta;
  const h = field;
  let flipped: i32 = 0;
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
      store<u8>(marks + <usize>seed, 1);
      store<i32>(queue, seed);
      let count: i32 = 1;
      let head: i32 = 0;
      let projected: f64 = 0;
      while (head < count) {
        const site = load<i32>(queue + (<usize>head << 2));
        head++;
        const x = site % L;
        const y = (site - x) / L;
        const pk = project(rx, ry, site);
        projected += pk;
        for (let n = 0; n < 4; n++) {
          const j = n == 0 ? site - x + (x == 0 ? L - 1 : x - 1)
            : n == 1 ? site - x + (x == L - 1 ? 0 : x + 1)
              : n == 2 ? (y == 0 ? L - 1 : y - 1) * L + x
                : (y == L - 1 ? 0 : y + 1) * L + x;
          if (load<u8>(marks + <usize>j) != 0) continue;
          const pj = project(rx, ry, j);
          const bond = pk * pj;
          if (bond > 0) {
            const p = 1 - detExp(-2 * b * bond);
            if (uniform() < p) {
              store<u8>(marks + <usize>j, 1);
              store<i32>(queue + (<usize>count << 2), j);
              count++;
            }
          }
        }
      }
      let accept = true;
      if (h != 0) {
        const dE = 2 * h * rx * projected;
        const a = uniform();
        accept = dE <= 0 || a < detExp(-(b * dE));
      }
      for (let q = 0; q < count; q++) {
        const site = load<i32>(queue + (<usize>q << 2));
        store<u8>(marks + <usize>site, 0);
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
        const norm = Math.sqrt(nx * nx + ny * ny);
        nx = nx / norm;
        ny = ny / norm;
        store<f64>(i, nx);
        store<f64>(i, ny, 8);
      }
      lastCount = count;
      if (accept) {
        flipped += count;
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

// @ts-ignore: decorator
@inline
function crossing(ax: f64, ay: f64, bx: f64, by: f64): i32 {
  const cross = ax * by - ay * bx;
  if (ay >= 0 && by < 0) return cross > 0 ? 1 : 0;
  if (ay < 0 && by >= 0) return cross < 0 ? -1 : 0;
  return 0;
}

/** Writes the record of the current lattice at record slot k. */
export function xyRecord(k: i32): void {
  let bx: f64 = 0;
  let by: f64 = 0;
  let mx: f64 = 0;
  let my: f64 = 0;
  let ix: f64 = 0;
  let iy: f64 = 0;
  let v: f64 = 0;
  for (let y = 0; y < L; y++) {
    const row = y * L;
    const down = (y == L - 1 ? 0 : y + 1) * L;
    for (let x = 0; x < L; x++) {
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
      const w = crossing(ax, ay, rx, ry) + crossing(rx, ry, qx, qy) + crossing(qx, qy, dx, dy) + crossing(dx, dy, ax, ay);
      v += <f64>(w < 0 ? -w : w);
    }
  }
  const out = records + <usize>k * <usize>XY_RECORD_WIDTH * 8;
  store<f64>(out, bx);
  store<f64>(out, by, 8);
  store<f64>(out, mx, 16);
  store<f64>(out, my, 24);
  store<f64>(out, ix, 32);
  store<f64>(out, iy, 40);
  store<f64>(out, v, 48);
}
