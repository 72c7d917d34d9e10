// Swendsen-Wang by embedding for the continuous-spin models (U. Wolff, Phys. Rev. Lett. 62, 361
// (1989); R. H. Swendsen and J.-S. Wang, Phys. Rev. Lett. 58, 86 (1987)). Twin:
// src/models/continuous/embedding.ts; contract: src/models/continuous/kernel.ts, "Swendsen-Wang".
// Generic over the dimension D (2: square, 3: simple cubic), site i = (z L + y) L + x, n float64
// components a site at spins + 8 n i (XY and clock: n = 2; Heisenberg: n = 3; the O(2) phi^4 field:
// n = 2 without renormalisation, Brower and Tamayo, Phys. Rev. Lett. 62, 1087 (1989)).
//
// One step: a random reflection r (XY: psi = 2 pi u; clock: a mirror line of the q-gon; Heisenberg:
// a random unit vector); the projections p_i = r . s_i make an Ising model with couplings
// J_ij = |p_i p_j|; every bond i -> i + mu (mu = +x, +y [, +z], sites in order) with p_i p_j > 0
// draws u and is occupied when u < 1 - exp(max(-2 beta p_i p_j, -708)); the occupied bonds' clusters
// (union-find, each cluster's root its smallest site) are then visited in the order of their roots:
// each draws u and is reflected (s -> s - 2 (r . s) r) when u < 1 / (1 + exp(beta dE)), dE = 2 h r_f
// sum_C p_i its field energy (r_f the component of r along the field): 1/2 at h = 0.
//
// Regions (embeddingReserve(N), once): [parent] N x i32, [projection] N x f64 (p_i, then the sum over
// the cluster at its root), [count] N x i32 (cluster sizes at the roots), [flags] N x u8.

import { reserve } from "./memory";
import * as rng from "./rng";
import { detCos, detExp, detExpSmall, detSin } from "./detmath";
import { randomUnit, unitX, unitY, unitZ } from "./continuous";

const TWO_PI: f64 = 6.283185307179586;
const PI: f64 = 3.141592653589793;
const HALF_PI: f64 = 1.5707963267948966;
const TWO_POW_M32: f64 = 2.3283064365386963e-10;

let parent: usize = 0;
let projection: usize = 0;
let count: usize = 0;
let flags: usize = 0;
let reserved: i32 = 0;
let squares: f64 = 0;

/** Reserves the regions for `sites` sites (once). 0 on success, -1 when memory cannot grow. */
export function embeddingReserve(sites: i32): i32 {
  if (parent != 0 && reserved >= sites) return 0;
  const n = <usize>sites;
  const a = reserve(n * 4);
  const b = reserve(n * 8);
  const c = reserve(n * 4);
  const d = reserve(n);
  if (a == 0 || b == 0 || c == 0 || d == 0) return -1;
  parent = a;
  projection = b;
  count = c;
  flags = d;
  reserved = sites;
  return 0;
}

/** The union-find parents of the last step (parent[i] <= i; roots are their clusters' smallest sites). */
export function embeddingParentPtr(): usize { return parent; }

/** Sum over the clusters of the last step of |C|^2. */
export function embeddingSquares(): f64 { return squares; }

// @ts-ignore: decorator
@inline
function uniform(): f64 {
  return <f64>rng.next() * TWO_POW_M32;
}

// @ts-ignore: decorator
@inline
function parentOf(i: i32): i32 {
  return load<i32>(parent + (<usize>i << 2));
}

/** The root of i, halving the path. */
function find(i: i32): i32 {
  let x = i;
  let p = parentOf(x);
  while (p != x) {
    const g = parentOf(p);
    store<i32>(parent + (<usize>x << 2), g);
    x = g;
    p = parentOf(x);
  }
  return x;
}

// @ts-ignore: decorator
@inline
function projected(i: i32): f64 {
  return load<f64>(projection + (<usize>i << 3));
}

/** Bond i - j: drawn when p_i p_j > 0, then the two clusters joined (the larger root under the smaller). */
// @ts-ignore: decorator
@inline
function bond(i: i32, j: i32, b2: f64): void {
  let x = b2 * projected(i) * projected(j);
  if (!(x < 0)) return;
  x = x < -708.0 ? -708.0 : x;
  if (uniform() < 1 - detExpSmall(x)) {
    const a = find(i);
    const c = find(j);
    if (a < c) store<i32>(parent + (<usize>c << 2), a);
    else if (c < a) store<i32>(parent + (<usize>a << 2), c);
  }
}

/**
 * One Swendsen-Wang step by embedding on the lattice at `spins` (n = 2, q = 0: XY; n = 2, q >= 2:
 * the clock model with its states and table; n = 3: Heisenberg; `unit` = 0: the phi^4 field, whose
 * reflected vectors are not renormalised). Returns the sites reflected, or -1 when the regions are
 * not reserved for L^D sites.
 */
export function embeddingStep(spins: usize, n: i32, L: i32, D: i32, beta: f64, field: f64, states: usize, table: usize, q: i32, unit: bool = true): i32 {
  const N = D == 3 ? L * L * L : L * L;
  if (parent == 0 || reserved < N) return -1;
  const stride = <usize>n << 3;
  // the reflection r
  let rx: f64 = 0;
  let ry: f64 = 0;
  let rz: f64 = 0;
  let mirror: i32 = 0;
  if (n == 3) {
    randomUnit();
    rx = unitX;
    ry = unitY;
    rz = unitZ;
  } else {
    let psi: f64;
    if (q == 0) {
      psi = TWO_PI * uniform();
    } else {
      mirror = <i32>Math.floor(<f64>rng.next() * <f64>q * TWO_POW_M32);
      psi = PI * <f64>mirror / <f64>q - HALF_PI;
    }
    rx = detCos(psi);
    ry = detSin(psi);
  }
  for (let i = 0; i < N; i++) {
    const p = spins + <usize>i * stride;
    let pk = rx * load<f64>(p) + ry * load<f64>(p, 8);
    if (n == 3) pk = pk + rz * load<f64>(p, 16);
    store<f64>(projection + (<usize>i << 3), pk);
    store<i32>(parent + (<usize>i << 2), i);
    store<i32>(count + (<usize>i << 2), 1);
  }
  // bonds to +x, +y (, +z), sites in order
  const b2 = -2 * beta;
  const depth = D == 3 ? L : 1;
  for (let z = 0; z < depth; z++) {
    const front = ((z == L - 1 ? 0 : z + 1) * L) * L;
    for (let y = 0; y < L; y++) {
      const row = (z * L + y) * L;
      const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
      for (let x = 0; x < L; x++) {
        const i = row + x;
        bond(i, row + (x == L - 1 ? 0 : x + 1), b2);
        bond(i, down + x, b2);
        if (D == 3) bond(i, front + y * L + x, b2);
      }
    }
  }
  // cluster sizes and projection sums at the roots (sites in order: a root precedes its cluster)
  for (let i = 0; i < N; i++) {
    const root = find(i);
    if (root == i) continue;
    store<i32>(count + (<usize>root << 2), load<i32>(count + (<usize>root << 2)) + 1);
    store<f64>(projection + (<usize>root << 3), projected(root) + projected(i));
  }
  // one draw a cluster, roots in order
  const fieldAxis = n == 3 ? rz : rx;
  let sum: f64 = 0;
  for (let i = 0; i < N; i++) {
    if (parentOf(i) != i) continue;
    const dE = 2 * field * fieldAxis * projected(i);
    const size = <f64>load<i32>(count + (<usize>i << 2));
    sum += size * size;
    store<u8>(flags + <usize>i, uniform() < 1.0 / (1.0 + detExp(beta * dE)) ? 1 : 0);
  }
  squares = sum;
  // reflect the sites of the flipped clusters
  let flipped: i32 = 0;
  for (let i = 0; i < N; i++) {
    if (load<u8>(flags + <usize>find(i)) == 0) continue;
    flipped++;
    const p = spins + <usize>i * stride;
    if (q > 0) {
      // the reflection of angle 2 pi k / q in the mirror j: 2 pi (j - k) / q
      let k2 = mirror - <i32>load<u8>(states + <usize>i);
      if (k2 < 0) k2 += q;
      const t = table + (<usize>k2 << 4);
      store<u8>(states + <usize>i, <u8>k2);
      store<f64>(p, load<f64>(t));
      store<f64>(p, load<f64>(t, 8), 8);
    } else if (n == 2) {
      const pk = rx * load<f64>(p) + ry * load<f64>(p, 8);
      let nx = load<f64>(p) - 2 * pk * rx;
      let ny = load<f64>(p, 8) - 2 * pk * ry;
      if (unit) {
        const f = (3.0 - (nx * nx + ny * ny)) * 0.5;
        nx = nx * f;
        ny = ny * f;
      }
      store<f64>(p, nx);
      store<f64>(p, ny, 8);
    } else {
      const pk = rx * load<f64>(p) + ry * load<f64>(p, 8) + rz * load<f64>(p, 16);
      let nx = load<f64>(p) - 2 * pk * rx;
      let ny = load<f64>(p, 8) - 2 * pk * ry;
      let nz = load<f64>(p, 16) - 2 * pk * rz;
      const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
      store<f64>(p, nx / norm);
      store<f64>(p, ny / norm, 8);
      store<f64>(p, nz / norm, 16);
    }
  }
  return flipped;
}
