// The classical Heisenberg (O(3)) model on the periodic L x L square (d = 2) or L x L x L simple
// cubic (d = 3) lattice (site i = (z L + y) L + x, ./lattice.ts):
//   H = -J sum_<ij> S_i . S_j - h sum_i S_i^z,   S_i a unit vector in R^3.
//
// Twin of src/models/heisenberg/kernel-js.ts: same stream contract, same operations in the same
// order (contract: src/models/heisenberg/kernel.ts); sin, cos and exp from ./detmath.
//
// Regions (heisenbergInit, after init(L)'s; each 64-byte aligned):
//   [spins]    3 N x f64: (S_x, S_y, S_z) of site i at [3i, 3i + 2], N = L^d
//   [records]  HEISENBERG_RECORD_CAPACITY x HEISENBERG_RECORD_WIDTH x f64
//   [sizes]    HEISENBERG_RECORD_CAPACITY x f64
// Reserved on the first Wolff step: the cluster memory of ./continuous.ts.

import { reserve } from "./memory";
import * as cm from "./continuous";
import * as rng from "./rng";
import { detExp } from "./detmath";
import { heatBathSweep } from "./continuous-heatbath";
import { embeddingSquares, embeddingStep } from "./embedding";

/** Values in one record: [B_x, B_y, M_x, M_y, M_z, B_z] (B_z = 0 on the square lattice). */
export const HEISENBERG_RECORD_WIDTH: i32 = 6;
/** Records one call can write. */
export const HEISENBERG_RECORD_CAPACITY: i32 = 4096;

const TWO_POW_M32: f64 = 2.3283064365386963e-10;

let L: i32 = 0;
let D: i32 = 2;
let N: i32 = 0;
let spins: usize = 0;
let records: usize = 0;
let sizes: usize = 0;
let beta: f64 = 0;
let field: f64 = 0;
// the last random unit vector drawn
let wx: f64 = 0;
let wy: f64 = 0;
let wz: f64 = 0;

/**
 * Reserves the regions for a lattice of linear size L in dimension d (2 or 3) and fills it cold.
 * 0 on success, -1 when memory cannot grow (or N = L^d does not fit in an i32 index).
 */
export function heisenbergInit(size: i32, dimension: i32): i32 {
  const n64: u64 = dimension == 3 ? <u64>size * <u64>size * <u64>size : <u64>size * <u64>size;
  if (n64 > 0x7fffffff / 24) return -1;
  const n = <usize>n64;
  const s = reserve(n * 24);
  const r = reserve(<usize>HEISENBERG_RECORD_CAPACITY * <usize>HEISENBERG_RECORD_WIDTH * 8);
  const z = reserve(<usize>HEISENBERG_RECORD_CAPACITY * 8);
  if (s == 0 || r == 0 || z == 0) return -1;
  L = size;
  D = dimension;
  N = <i32>n;
  spins = s;
  records = r;
  sizes = z;
  heisenbergFill(0);
  return 0;
}

export function heisenbergSpinsPtr(): usize { return spins; }
export function heisenbergRecordsPtr(): usize { return records; }
export function heisenbergSizesPtr(): usize { return sizes; }
export function heisenbergQueuePtr(): usize { return cm.queue; }
export function heisenbergLastCount(): i32 { return cm.lastCount; }

export function heisenbergSetCouplings(b: f64, h: f64): void {
  beta = b;
  field = h;
}

// @ts-ignore: decorator
@inline
function uniform(): f64 {
  return <f64>rng.next() * TWO_POW_M32;
}

/** A uniformly random unit vector into (wx, wy, wz) (./continuous.ts: two draws). */
// @ts-ignore: decorator
@inline
function randomUnit(): void {
  cm.randomUnit();
  wx = cm.unitX;
  wy = cm.unitY;
  wz = cm.unitZ;
}

// @ts-ignore: decorator
@inline
function at(i: i32): usize {
  return spins + <usize>i * 24;
}

/** Cold (hot = 0): every spin (0, 0, 1). Hot: site i in order draws a random unit vector. */
export function heisenbergFill(hot: i32): void {
  for (let i = 0; i < N; i++) {
    const p = at(i);
    if (hot == 0) {
      store<f64>(p, 0.0);
      store<f64>(p, 0.0, 8);
      store<f64>(p, 1.0, 16);
    } else {
      randomUnit();
      store<f64>(p, wx);
      store<f64>(p, wy, 8);
      store<f64>(p, wz, 16);
    }
  }
}

// The checkerboard pass of the contract: for each site of colour c in order, H = the neighbours
// (left, right, up, down, then front, back on the cubic lattice) + (0, 0, h); one loop nest for the
// Metropolis update and the reflection (over-relaxation), with a mode switch.
const MODE_METROPOLIS: i32 = 0;
const MODE_REFLECT: i32 = 1;

let passAccepted: f64 = 0;

function pass(mode: i32, step: f64): void {
  const b = beta;
  const h = field;
  const cubic = D == 3;
  const depth = cubic ? L : 1;
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
          let hx = load<f64>(l) + load<f64>(r) + load<f64>(u) + load<f64>(d);
          let hy = load<f64>(l, 8) + load<f64>(r, 8) + load<f64>(u, 8) + load<f64>(d, 8);
          let hz = load<f64>(l, 16) + load<f64>(r, 16) + load<f64>(u, 16) + load<f64>(d, 16);
          if (cubic) {
            const f = at(front + x);
            const bk = at(back + x);
            hx = hx + load<f64>(f) + load<f64>(bk);
            hy = hy + load<f64>(f, 8) + load<f64>(bk, 8);
            hz = hz + load<f64>(f, 16) + load<f64>(bk, 16);
          }
          hz = hz + h;
          const ox = load<f64>(i);
          const oy = load<f64>(i, 8);
          const oz = load<f64>(i, 16);
          if (mode == MODE_METROPOLIS) {
            randomUnit();
            const a = uniform();
            let nx = ox + step * wx;
            let ny = oy + step * wy;
            let nz = oz + step * wz;
            const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (norm > 0) {
              nx = nx / norm;
              ny = ny / norm;
              nz = nz / norm;
              const dE = -((nx - ox) * hx + (ny - oy) * hy + (nz - oz) * hz);
              if (dE <= 0 || a < detExp(-(b * dE))) {
                store<f64>(i, nx);
                store<f64>(i, ny, 8);
                store<f64>(i, nz, 16);
                passAccepted++;
              }
            }
          } else {
            const h2 = hx * hx + hy * hy + hz * hz;
            if (h2 > 0) {
              const f = (2 * (ox * hx + oy * hy + oz * hz)) / h2;
              let nx = f * hx - ox;
              let ny = f * hy - oy;
              let nz = f * hz - oz;
              const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
              nx = nx / norm;
              ny = ny / norm;
              nz = nz / norm;
              store<f64>(i, nx);
              store<f64>(i, ny, 8);
              store<f64>(i, nz, 16);
            }
          }
        }
      }
    }
  }
}

/**
 * `sweeps` Metropolis sweeps with step size `step`: each site draws a random unit vector w (two
 * numbers) and u; proposes S' = (S + step w) / |S + step w|; accepts when dE <= 0 or u < exp(-beta dE).
 * Each sweep is followed by `overRelaxation` reflection sweeps. Records after each sweep when
 * `record` != 0. Returns accepted moves, or -1 for more records than the capacity.
 */
export function heisenbergMetropolis(sweeps: i32, step: f64, overRelaxation: i32, record: i32): f64 {
  if (record != 0 && sweeps > HEISENBERG_RECORD_CAPACITY) return -1;
  passAccepted = 0;
  for (let k = 0; k < sweeps; k++) {
    pass(MODE_METROPOLIS, step);
    if (overRelaxation > 0) heisenbergOverRelax(overRelaxation);
    if (record != 0) heisenbergRecord(k);
  }
  return passAccepted;
}

/** Over-relaxation sweeps: S' = 2 (S . H) H / |H|^2 - S, normalised, where |H| > 0. */
export function heisenbergOverRelax(sweeps: i32): void {
  for (let k = 0; k < sweeps; k++) pass(MODE_REFLECT, 0);
}

export function heisenbergReserveClusters(): i32 {
  return cm.reserveClusterMemory(<usize>N);
}

// @ts-ignore: decorator
@inline
function project(rx: f64, ry: f64, rz: f64, site: i32): f64 {
  const p = at(site);
  return rx * load<f64>(p) + ry * load<f64>(p, 8) + rz * load<f64>(p, 16);
}

/** Wolff steps by embedding, as assembly/xy.ts with r a random unit vector of R^3. */
export function heisenbergWolff(steps: i32, clusters: i32, record: i32): f64 {
  if (cm.marks == 0 || (record != 0 && steps > HEISENBERG_RECORD_CAPACITY)) return -1;
  const cubic = D == 3;
  const degree = cubic ? 6 : 4;
  const b = beta;
  const h = field;
  let flipped: f64 = 0;
  for (let k = 0; k < steps; k++) {
    let stepSize: i32 = 0;
    for (let c = 0; c < clusters; c++) {
      let seed = <i32>Math.floor(<f64>rng.next() * <f64>N * TWO_POW_M32);
      if (seed > N - 1) seed = N - 1;
      randomUnit();
      const rx = wx;
      const ry = wy;
      const rz = wz;
      store<u8>(cm.marks + <usize>seed, 1);
      store<i32>(cm.queue, seed);
      let count: i32 = 1;
      let head: i32 = 0;
      let projected: f64 = 0;
      while (head < count) {
        const site = load<i32>(cm.queue + (<usize>head << 2));
        head++;
        const x = site % L;
        const row = (site - x) / L;
        // square: y = row; cubic: row = z L + y, the plane z starts at site z L^2
        const y = cubic ? row % L : row;
        const z = cubic ? (row - y) / L : 0;
        const plane = z * L * L;
        const pk = project(rx, ry, rz, site);
        projected += pk;
        for (let n = 0; n < degree; n++) {
          const j = n == 0 ? site - x + (x == 0 ? L - 1 : x - 1)
            : n == 1 ? site - x + (x == L - 1 ? 0 : x + 1)
              : n == 2 ? plane + (y == 0 ? L - 1 : y - 1) * L + x
                : n == 3 ? plane + (y == L - 1 ? 0 : y + 1) * L + x
                  : n == 4 ? (z == 0 ? L - 1 : z - 1) * L * L + (site - plane)
                    : (z == L - 1 ? 0 : z + 1) * L * L + (site - plane);
          if (load<u8>(cm.marks + <usize>j) != 0) continue;
          const pj = project(rx, ry, rz, j);
          const bond = pk * pj;
          if (bond > 0) {
            const p = 1 - detExp(-2 * b * bond);
            if (uniform() < p) {
              store<u8>(cm.marks + <usize>j, 1);
              store<i32>(cm.queue + (<usize>count << 2), j);
              count++;
            }
          }
        }
      }
      let accept = true;
      if (h != 0) {
        const dE = 2 * h * rz * projected;
        const a = uniform();
        accept = dE <= 0 || a < detExp(-(b * dE));
      }
      for (let q = 0; q < count; q++) {
        const site = load<i32>(cm.queue + (<usize>q << 2));
        store<u8>(cm.marks + <usize>site, 0);
        if (!accept) continue;
        const i = at(site);
        const pk = rx * load<f64>(i) + ry * load<f64>(i, 8) + rz * load<f64>(i, 16);
        let nx = load<f64>(i) - 2 * pk * rx;
        let ny = load<f64>(i, 8) - 2 * pk * ry;
        let nz = load<f64>(i, 16) - 2 * pk * rz;
        const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
        nx = nx / norm;
        ny = ny / norm;
        nz = nz / norm;
        store<f64>(i, nx);
        store<f64>(i, ny, 8);
        store<f64>(i, nz, 16);
      }
      cm.lastCount = count;
      if (accept) {
        flipped += <f64>count;
        stepSize += count;
      }
    }
    if (record != 0) {
      heisenbergRecord(k);
      store<f64>(sizes + (<usize>k << 3), <f64>stepSize);
    }
  }
  return flipped;
}

/** `sweeps` heat-bath sweeps (./continuous-heatbath.ts), each followed by `overRelaxation` reflection sweeps; records as heisenbergMetropolis. */
export function heisenbergHeatBath(sweeps: i32, overRelaxation: i32, record: i32): f64 {
  if (record != 0 && sweeps > HEISENBERG_RECORD_CAPACITY) return -1;
  let changed: f64 = 0;
  for (let k = 0; k < sweeps; k++) {
    changed += heatBathSweep(spins, 3, L, D, beta, field, 0, 0, 0);
    if (overRelaxation > 0) heisenbergOverRelax(overRelaxation);
    if (record != 0) heisenbergRecord(k);
  }
  return changed;
}

/** `steps` Swendsen-Wang steps by embedding (./embedding.ts), recorded as heisenbergWolff's (sizes: sum_C |C|^2). */
export function heisenbergSwendsenWang(steps: i32, record: i32): f64 {
  if (record != 0 && steps > HEISENBERG_RECORD_CAPACITY) return -1;
  let flipped: f64 = 0;
  for (let k = 0; k < steps; k++) {
    const f = embeddingStep(spins, 3, L, D, beta, field, 0, 0, 0);
    if (f < 0) return -1;
    flipped += f;
    if (record != 0) {
      heisenbergRecord(k);
      store<f64>(sizes + (<usize>k << 3), embeddingSquares());
    }
  }
  return flipped;
}

/** Writes the record [B_x, B_y, M_x, M_y, M_z, B_z] of the current lattice at record slot k (sums over the sites in order). */
export function heisenbergRecord(k: i32): void {
  const cubic = D == 3;
  const depth = cubic ? L : 1;
  let bx: f64 = 0;
  let by: f64 = 0;
  let bz: f64 = 0;
  let mx: f64 = 0;
  let my: f64 = 0;
  let mz: f64 = 0;
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
        const az = load<f64>(i, 16);
        mx += ax;
        my += ay;
        mz += az;
        bx += ax * load<f64>(r) + ay * load<f64>(r, 8) + az * load<f64>(r, 16);
        by += ax * load<f64>(d) + ay * load<f64>(d, 8) + az * load<f64>(d, 16);
        if (cubic) {
          const fi = at(f + x);
          bz += ax * load<f64>(fi) + ay * load<f64>(fi, 8) + az * load<f64>(fi, 16);
        }
      }
    }
  }
  const out = records + <usize>k * <usize>HEISENBERG_RECORD_WIDTH * 8;
  store<f64>(out, bx);
  store<f64>(out, by, 8);
  store<f64>(out, mx, 16);
  store<f64>(out, my, 24);
  store<f64>(out, mz, 32);
  store<f64>(out, bz, 40);
}
