// The O(2) phi^4 lattice field on the periodic square (d = 2) or simple cubic (d = 3) lattice:
// weight exp(-S), S = -beta sum_<ij> phi_i . phi_j - beta h sum_i phi_i^x + sum_i [|phi_i|^2 + lambda (|phi_i|^2 - 1)^2],
// phi_i in R^2 stored as two float64 components per site.
//
// Twin of src/models/phi4/kernel-js.ts: same stream contract, same operations in the same order
// (contract and record layout: src/models/phi4/kernel.ts); exp, sin and cos from ./detmath.
//
// Regions (phi4Init, after init(L)'s; each 64-byte aligned):
//   [spins]    2 N x f64: (phi_x, phi_y) of site i at [2i, 2i + 1], N = L^d
//   [records]  PHI4_RECORD_CAPACITY x PHI4_RECORD_WIDTH x f64
//   [sizes]    PHI4_RECORD_CAPACITY x f64: summed reflected-cluster size of each Wolff step
// Reserved on the first Wolff step (phi4ReserveClusters): [marks] N x u8, [queue] N x i32.

import { reserve } from "./memory";
import * as rng from "./rng";
import { detCos, detExp, detSin } from "./detmath";
import { embeddingSquares, embeddingStep } from "./embedding";

/** Values in one record: [B_x, B_y, M_x, M_y, B_z, P_2, P_4]. */
export const PHI4_RECORD_WIDTH: i32 = 7;
/** Records one call can write. */
export const PHI4_RECORD_CAPACITY: i32 = 4096;

const TWO_PI: f64 = 6.283185307179586;
const TWO_POW_M32: f64 = 2.3283064365386963e-10;
const TWO_POW_M31: f64 = 4.656612873077393e-10;

let L: i32 = 0;
let D: i32 = 2;
let N: i32 = 0;
let spins: usize = 0;
let records: usize = 0;
let sizes: usize = 0;
let marks: usize = 0;
let queue: usize = 0;
let beta: f64 = 0;
let field: f64 = 0;
let lambda: f64 = 0;
let lastCount: i32 = 0;

/**
 * Reserves the regions for a lattice of linear size L in dimension d (2 or 3) and fills it cold.
 * 0 on success, -1 when memory cannot grow (or N = L^d does not fit in an i32 index).
 */
export function phi4Init(size: i32, dimension: i32): i32 {
  const n64: u64 = dimension == 3 ? <u64>size * <u64>size * <u64>size : <u64>size * <u64>size;
  if (n64 > 0x7fffffff / 16) return -1;
  const n = <usize>n64;
  const s = reserve(n * 16);
  const r = reserve(<usize>PHI4_RECORD_CAPACITY * <usize>PHI4_RECORD_WIDTH * 8);
  const z = reserve(<usize>PHI4_RECORD_CAPACITY * 8);
  if (s == 0 || r == 0 || z == 0) return -1;
  L = size;
  D = dimension;
  N = <i32>n;
  spins = s;
  records = r;
  sizes = z;
  phi4Fill(0);
  return 0;
}

export function phi4SpinsPtr(): usize { return spins; }
export function phi4RecordsPtr(): usize { return records; }
export function phi4SizesPtr(): usize { return sizes; }
export function phi4QueuePtr(): usize { return queue; }
export function phi4LastCount(): i32 { return lastCount; }

export function phi4SetCouplings(b: f64, h: f64, l: f64): void {
  beta = b;
  field = h;
  lambda = l;
}

// @ts-ignore: decorator
@inline
function uniform(): f64 {
  return <f64>rng.next() * TWO_POW_M32;
}

// @ts-ignore: decorator
@inline
function at(i: i32): usize {
  return spins + (<usize>i << 4);
}

/** Cold (hot = 0): every site (1, 0). Hot: site i in order draws u_1, u_2: (2 u_1 - 1, 2 u_2 - 1). */
export function phi4Fill(hot: i32): void {
  for (let i = 0; i < N; i++) {
    const p = at(i);
    if (hot == 0) {
      store<f64>(p, 1.0);
      store<f64>(p, 0.0, 8);
    } else {
      const x = 2 * uniform() - 1;
      store<f64>(p, x);
      const y = 2 * uniform() - 1;
      store<f64>(p, y, 8);
    }
  }
}

// The checkerboard pass of the contract: for each site of colour c in order, H = neighbours + (h, 0).
// Written out twice (Metropolis and over-relaxation) as one loop nest with a mode switch.
const MODE_METROPOLIS: i32 = 0;
const MODE_REFLECT: i32 = 1;

let passAccepted: f64 = 0;

function pass(mode: i32, step: f64): void {
  const h = field;
  const b = beta;
  const lam = lambda;
  const depth = D == 3 ? L : 1;
  const cubic = D == 3;
  for (let c = 0; c < 2; c++) {
    for (let z = 0; z < depth; z++) {
      const front = (z == L - 1 ? 0 : z + 1) * L;
      const back = (z == 0 ? L - 1 : z - 1) * L;
      for (let y = 0; y < L; y++) {
        const row = (z * L + y) * L;
        const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
        const up = (z * L + (y == 0 ? L - 1 : y - 1)) * L;
        const f = (front + y) * L;
        const bk = (back + y) * L;
        for (let x = (y + z + c) & 1; x < L; x += 2) {
          const i = at(row + x);
          const r = at(row + (x == L - 1 ? 0 : x + 1));
          const l = at(row + (x == 0 ? L - 1 : x - 1));
          const d = at(down + x);
          const u = at(up + x);
          let hx = load<f64>(r) + load<f64>(l);
          let hy = load<f64>(r, 8) + load<f64>(l, 8);
          hx = hx + load<f64>(d);
          hy = hy + load<f64>(d, 8);
          hx = hx + load<f64>(u);
          hy = hy + load<f64>(u, 8);
          if (cubic) {
            const fi = at(f + x);
            const bi = at(bk + x);
            hx = hx + load<f64>(fi);
            hy = hy + load<f64>(fi, 8);
            hx = hx + load<f64>(bi);
            hy = hy + load<f64>(bi, 8);
          }
          hx = hx + h;
          const ox = load<f64>(i);
          const oy = load<f64>(i, 8);
          if (mode == MODE_METROPOLIS) {
            const dx = step * (<f64>rng.next() * TWO_POW_M31 - 1);
            const dy = step * (<f64>rng.next() * TWO_POW_M31 - 1);
            const a = uniform();
            const nx = ox + dx;
            const ny = oy + dy;
            const o2 = ox * ox + oy * oy;
            const n2 = nx * nx + ny * ny;
            const om = o2 - 1;
            const nm = n2 - 1;
            const dV = n2 - o2 + lam * (nm * nm - om * om);
            const dS = dV - b * ((nx - ox) * hx + (ny - oy) * hy);
            if (dS <= 0 || a < detExp(-dS)) {
              store<f64>(i, nx);
              store<f64>(i, ny, 8);
              passAccepted++;
            }
          } else {
            const h2 = hx * hx + hy * hy;
            if (h2 > 0) {
              const fr = (2 * (ox * hx + oy * hy)) / h2;
              store<f64>(i, fr * hx - ox);
              store<f64>(i, fr * hy - oy, 8);
            }
          }
        }
      }
    }
  }
}

/** Over-relaxation sweeps (reflection of each phi through its local field; no random numbers). */
export function phi4OverRelax(sweeps: i32): void {
  for (let k = 0; k < sweeps; k++) pass(MODE_REFLECT, 0);
}

/**
 * `sweeps` Metropolis sweeps with step size `step`, each followed by `overRelaxation` reflection
 * sweeps; with `record` != 0 writes the record after each sweep. Returns accepted moves, or -1 when
 * more records are asked than PHI4_RECORD_CAPACITY (a float64: the count may exceed 2^31).
 */
export function phi4Metropolis(sweeps: i32, step: f64, overRelaxation: i32, record: i32): f64 {
  if (record != 0 && sweeps > PHI4_RECORD_CAPACITY) return -1;
  passAccepted = 0;
  for (let k = 0; k < sweeps; k++) {
    pass(MODE_METROPOLIS, step);
    for (let o = 0; o < overRelaxation; o++) pass(MODE_REFLECT, 0);
    if (record != 0) phi4Record(k);
  }
  return passAccepted;
}

/** Reserves the cluster marks and queue (once). 0 on success, -1 when memory cannot grow. */
export function phi4ReserveClusters(): i32 {
  if (marks != 0) return 0;
  const n = <usize>N;
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

/** Neighbour n (0 .. 2d - 1: +x, -x, +y, -y, +z, -z) of the site at (x, y, z). */
// @ts-ignore: decorator
@inline
function neighbour(n: i32, site: i32, x: i32, y: i32, z: i32): i32 {
  const row = site - x;
  const plane = z * L * L;
  if (n == 0) return row + (x == L - 1 ? 0 : x + 1);
  if (n == 1) return row + (x == 0 ? L - 1 : x - 1);
  if (n == 2) return plane + (y == L - 1 ? 0 : y + 1) * L + x;
  if (n == 3) return plane + (y == 0 ? L - 1 : y - 1) * L + x;
  const inPlane = y * L + x;
  if (n == 4) return (z == L - 1 ? 0 : z + 1) * L * L + inPlane;
  return (z == 0 ? L - 1 : z - 1) * L * L + inPlane;
}

/**
 * `steps` Wolff steps of `clusters` clusters each (Brower-Tamayo embedding); with `record` != 0
 * writes the record and the summed size of the step's reflected clusters after each step. Returns
 * sites reflected, or -1 (clusters not reserved, or more records than PHI4_RECORD_CAPACITY).
 */
export function phi4Wolff(steps: i32, clusters: i32, record: i32): f64 {
  if (marks == 0 || (record != 0 && steps > PHI4_RECORD_CAPACITY)) return -1;
  const b = beta;
  const h = field;
  const degree = 2 * D;
  let flipped: f64 = 0;
  for (let k = 0; k < steps; k++) {
    let stepSize: f64 = 0;
    for (let c = 0; c < clusters; c++) {
      let seed = <i32>Math.floor(<f64>rng.next() * <f64>N * TWO_POW_M32);
      if (seed > N - 1) seed = N - 1;
      const psi = TWO_PI * uniform();
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
        const rest = (site - x) / L;
        const y = rest % L;
        const z = (rest - y) / L;
        const pk = project(rx, ry, site);
        projected += pk;
        for (let n = 0; n < degree; n++) {
          const j = neighbour(n, site, x, y, z);
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
        const i = at(site);
        const p = rx * load<f64>(i) + ry * load<f64>(i, 8);
        store<f64>(i, load<f64>(i) - 2 * p * rx);
        store<f64>(i, load<f64>(i, 8) - 2 * p * ry, 8);
      }
      lastCount = count;
      if (accept) {
        flipped += <f64>count;
        stepSize += <f64>count;
      }
    }
    if (record != 0) {
      phi4Record(k);
      store<f64>(sizes + (<usize>k << 3), stepSize);
    }
  }
  return flipped;
}

/**
 * `steps` Swendsen-Wang steps by Brower-Tamayo embedding (./embedding.ts, the field's vectors not
 * renormalised); with `record` != 0 writes the record and sum_C |C|^2 after each. Returns sites
 * reflected, or -1 (regions not reserved, more records than PHI4_RECORD_CAPACITY).
 */
export function phi4SwendsenWang(steps: i32, record: i32): f64 {
  if (record != 0 && steps > PHI4_RECORD_CAPACITY) return -1;
  let flipped: f64 = 0;
  for (let k = 0; k < steps; k++) {
    const f = embeddingStep(spins, 2, L, D, beta, field, 0, 0, 0, false);
    if (f < 0) return -1;
    flipped += <f64>f;
    if (record != 0) {
      phi4Record(k);
      store<f64>(sizes + (<usize>k << 3), embeddingSquares());
    }
  }
  return flipped;
}

/** Writes the record of the current lattice at record slot k. */
export function phi4Record(k: i32): void {
  const cubic = D == 3;
  const depth = cubic ? L : 1;
  let bx: f64 = 0;
  let by: f64 = 0;
  let bz: f64 = 0;
  let mx: f64 = 0;
  let my: f64 = 0;
  let p2: f64 = 0;
  let p4: f64 = 0;
  for (let z = 0; z < depth; z++) {
    const front = (z == L - 1 ? 0 : z + 1) * L;
    for (let y = 0; y < L; y++) {
      const row = (z * L + y) * L;
      const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
      const f = (front + y) * L;
      for (let x = 0; x < L; x++) {
        const i = at(row + x);
        const r = at(row + (x == L - 1 ? 0 : x + 1));
        const d = at(down + x);
        const ax = load<f64>(i);
        const ay = load<f64>(i, 8);
        mx += ax;
        my += ay;
        bx += ax * load<f64>(r) + ay * load<f64>(r, 8);
        by += ax * load<f64>(d) + ay * load<f64>(d, 8);
        if (cubic) {
          const fi = at(f + x);
          bz += ax * load<f64>(fi) + ay * load<f64>(fi, 8);
        }
        const q = ax * ax + ay * ay;
        p2 += q;
        p4 += q * q;
      }
    }
  }
  const out = records + <usize>k * <usize>PHI4_RECORD_WIDTH * 8;
  store<f64>(out, bx);
  store<f64>(out, by, 8);
  store<f64>(out, mx, 16);
  store<f64>(out, my, 24);
  store<f64>(out, bz, 32);
  store<f64>(out, p2, 40);
  store<f64>(out, p4, 48);
}
