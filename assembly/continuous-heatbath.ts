// Heat-bath sweeps of the continuous-spin models, exact for each (twin: src/models/continuous/heat-bath.ts;
// contract: src/models/continuous/kernel.ts, "Heat bath"). Generic over the dimension D (2: square,
// 3: simple cubic), site i = (z L + y) L + x, n float64 components a site at spins + 8 n i.
//
// A sweep visits the sites of colour 0 ((x + y + z) even) in site order, then those of colour 1;
// each site's local field H = s(+x) + s(-x) + s(+y) + s(-y) [+ s(+z) + s(-z)] + h e_field (summed
// in that order; e_field = x for XY and clock, z for Heisenberg), kappa = beta |H|, and the new spin
// is drawn from its exact conditional distribution P(s) ~ exp(beta H . s):
//   clock (q states): P(k) ~ exp(beta (H . t_k - max_j H . t_j)), one draw u: the first k with
//     u W < w_0 + ... + w_k (W the total);
//   XY: the angle to H from the von Mises distribution of concentration kappa by the rejection
//     method of D. J. Best and N. I. Fisher, Appl. Statist. 28, 152 (1979) (two draws an attempt,
//     one for the side; the number of attempts varies, each site is still visited once a sweep);
//   Heisenberg: cos(angle to H) = 1 + ln(1 - u_1 (1 - e^{-2 kappa})) / kappa (inversion of the
//     density ~ exp(kappa cos) on [-1, 1]), azimuth 2 pi u_2 (two draws a site).

import { reserve } from "./memory";
import * as rng from "./rng";
import { detCos, detExp, detLog, detSin } from "./detmath";

const TWO_PI: f64 = 6.283185307179586;
const PI: f64 = 3.141592653589793;
const TWO_POW_M32: f64 = 2.3283064365386963e-10;
/** Below this concentration the conditional distribution is uniform to float64 precision. */
const KAPPA_MIN: f64 = 1e-150;
/** Best-Fisher attempts a site at most (each accepted with probability > 0.65: never reached in practice). */
const MAX_ATTEMPTS: i32 = 64;

let weights: usize = 0;
// the local field of the site being updated
let fx: f64 = 0;
let fy: f64 = 0;
let fz: f64 = 0;

// @ts-ignore: decorator
@inline
function uniform(): f64 {
  return <f64>rng.next() * TWO_POW_M32;
}

// @ts-ignore: decorator
@inline
function addSite(p: usize, n: i32): void {
  fx += load<f64>(p);
  fy += load<f64>(p, 8);
  if (n == 3) fz += load<f64>(p, 16);
}

/**
 * One heat-bath sweep of the lattice at `spins` (n = 2 with q = 0: XY; n = 2 with q >= 2: the clock
 * model, its states and (cos, sin) table at `states` and `table`; n = 3: Heisenberg). Returns the
 * sites whose spin changed (clock) or the sites updated (XY, Heisenberg), -1 when the clock weights
 * cannot be reserved.
 */
export function heatBathSweep(spins: usize, n: i32, L: i32, D: i32, beta: f64, field: f64, states: usize, table: usize, q: i32): i32 {
  if (q > 0 && weights == 0) {
    weights = reserve(256 * 8);
    if (weights == 0) return -1;
  }
  const stride = <usize>n << 3;
  const depth = D == 3 ? L : 1;
  let changed: i32 = 0;
  for (let c = 0; c < 2; c++) {
    for (let z = 0; z < depth; z++) {
      const front = ((z == L - 1 ? 0 : z + 1) * L) * L;
      const back = ((z == 0 ? L - 1 : z - 1) * L) * L;
      for (let y = 0; y < L; y++) {
        const row = (z * L + y) * L;
        const down = (z * L + (y == L - 1 ? 0 : y + 1)) * L;
        const up = (z * L + (y == 0 ? L - 1 : y - 1)) * L;
        for (let x = (y + z + c) & 1; x < L; x += 2) {
          const site = row + x;
          fx = 0;
          fy = 0;
          fz = 0;
          addSite(spins + <usize>(row + (x == L - 1 ? 0 : x + 1)) * stride, n);
          addSite(spins + <usize>(row + (x == 0 ? L - 1 : x - 1)) * stride, n);
          addSite(spins + <usize>(down + x) * stride, n);
          addSite(spins + <usize>(up + x) * stride, n);
          if (D == 3) {
            addSite(spins + <usize>(front + y * L + x) * stride, n);
            addSite(spins + <usize>(back + y * L + x) * stride, n);
          }
          if (n == 3) fz += field;
          else fx += field;
          const p = spins + <usize>site * stride;
          if (q > 0) changed += clockSite(p, states + <usize>site, table, q, beta);
          else if (n == 2) {
            xySite(p, beta);
            changed++;
          } else {
            heisenbergSite(p, beta);
            changed++;
          }
        }
      }
    }
  }
  return changed;
}

function clockSite(p: usize, state: usize, table: usize, q: i32, beta: f64): i32 {
  let top: f64 = -Infinity;
  for (let k = 0; k < q; k++) {
    const t = table + (<usize>k << 4);
    const e = fx * load<f64>(t) + fy * load<f64>(t, 8);
    if (e > top) top = e;
  }
  let total: f64 = 0;
  for (let k = 0; k < q; k++) {
    const t = table + (<usize>k << 4);
    const w = detExp(beta * ((fx * load<f64>(t) + fy * load<f64>(t, 8)) - top));
    store<f64>(weights + (<usize>k << 3), w);
    total += w;
  }
  const target = uniform() * total;
  let chosen = q - 1;
  let sum: f64 = 0;
  for (let k = 0; k < q; k++) {
    sum += load<f64>(weights + (<usize>k << 3));
    if (target < sum) {
      chosen = k;
      break;
    }
  }
  const old = <i32>load<u8>(state);
  const t = table + (<usize>chosen << 4);
  store<u8>(state, <u8>chosen);
  store<f64>(p, load<f64>(t));
  store<f64>(p, load<f64>(t, 8), 8);
  return chosen == old ? 0 : 1;
}

function xySite(p: usize, beta: f64): void {
  const norm = Math.sqrt(fx * fx + fy * fy);
  const kappa = beta * norm;
  if (!(kappa >= KAPPA_MIN)) {
    const angle = TWO_PI * uniform();
    store<f64>(p, detCos(angle));
    store<f64>(p, detSin(angle), 8);
    return;
  }
  // Best-Fisher: tau = 1 + sqrt(1 + 4 kappa^2), rho = (tau - sqrt(2 tau)) / (2 kappa) written as
  // 2 kappa / (tau + sqrt(2 tau)) (no cancellation at small kappa), r = (1 + rho^2) / (2 rho)
  const tau = 1.0 + Math.sqrt(1.0 + 4.0 * kappa * kappa);
  const rho = (2.0 * kappa) / (tau + Math.sqrt(2.0 * tau));
  const r = (1.0 + rho * rho) / (2.0 * rho);
  let f: f64 = 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const zc = detCos(PI * uniform());
    f = (1.0 + r * zc) / (r + zc);
    const cc = kappa * (r - f);
    const u2 = uniform();
    if (cc * (2.0 - cc) - u2 > 0) break;
    if (detLog(cc / u2) + 1.0 - cc >= 0) break;
  }
  f = f > 1.0 ? 1.0 : f < -1.0 ? -1.0 : f;
  let sn = Math.sqrt((1.0 - f) * (1.0 + f));
  if (uniform() < 0.5) sn = -sn;
  const ex = fx / norm;
  const ey = fy / norm;
  store<f64>(p, f * ex - sn * ey);
  store<f64>(p, f * ey + sn * ex, 8);
}

function heisenbergSite(p: usize, beta: f64): void {
  const norm = Math.sqrt(fx * fx + fy * fy + fz * fz);
  const kappa = beta * norm;
  const u1 = uniform();
  const phi = TWO_PI * uniform();
  let c: f64;
  let ex: f64 = 0;
  let ey: f64 = 0;
  let ez: f64 = 1;
  if (!(kappa > 0)) {
    c = 1.0 - 2.0 * u1;
  } else {
    // w = 1 - e^{-2 kappa} (Kahan's expm1 from exp and log below 1), then ln(1 - u_1 w) as log1p
    const x = 2.0 * kappa;
    const e = detExp(-x);
    const w = x < 1.0 ? (e == 1.0 ? x : ((e - 1.0) * x) / detLog(e)) : 1.0 - e;
    const t = -(u1 * w);
    const y = 1.0 + t;
    const lg = y == 1.0 ? t : detLog(y) * (t / (y - 1.0));
    c = 1.0 + lg / kappa;
    c = c > 1.0 ? 1.0 : c < -1.0 ? -1.0 : c;
    ex = fx / norm;
    ey = fy / norm;
    ez = fz / norm;
  }
  const sn = Math.sqrt((1.0 - c) * (1.0 + c));
  const cp = sn * detCos(phi);
  const sp = sn * detSin(phi);
  // an orthonormal basis (b1, b2) of the plane normal to e (T. Duff et al., JCGT 6, 1 (2017))
  const sg: f64 = ez >= 0 ? 1.0 : -1.0;
  const a = -1.0 / (sg + ez);
  const b = ex * ey * a;
  let nx = c * ex + cp * (1.0 + sg * ex * ex * a) + sp * b;
  let ny = c * ey + cp * (sg * b) + sp * (sg + ey * ey * a);
  let nz = c * ez + cp * (-sg * ex) + sp * (-ey);
  const m = Math.sqrt(nx * nx + ny * ny + nz * nz);
  nx = nx / m;
  ny = ny / m;
  nz = nz / m;
  store<f64>(p, nx);
  store<f64>(p, ny, 8);
  store<f64>(p, nz, 16);
}
