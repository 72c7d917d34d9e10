/**
 * Heat-bath sweeps of the continuous-spin models: the bit-identical twin of
 * assembly/continuous-heatbath.ts (same draws, same floating-point operations in the same order;
 * contract in ./kernel.ts, "Heat bath"). Each site's new spin is drawn from its exact conditional
 * distribution P(s) ~ exp(beta H . s) given its local field H:
 * - clock (q states): the discrete distribution over the q angles (one draw);
 * - XY: the von Mises distribution of concentration beta |H| around H, by the rejection method of
 *   D. J. Best and N. I. Fisher, Appl. Statist. 28, 152 (1979);
 * - Heisenberg: cos(angle to H) = 1 + ln(1 - u (1 - e^{-2 kappa})) / kappa by inversion, azimuth uniform.
 */
import { detCos, detExp, detLog, detSin } from '../../detmath.js';
import type { Xoshiro128 } from '../../rng.js';

const TWO_PI = 6.283185307179586;
const PI = 3.141592653589793;
const TWO_POW_M32 = 2.3283064365386963e-10;
/** Below this concentration the conditional distribution is uniform to float64 precision. */
const KAPPA_MIN = 1e-150;
/** Best-Fisher attempts a site at most (each accepted with probability > 0.65: never reached in practice). */
const MAX_ATTEMPTS = 64;

/** The clock model's states and (cos, sin)(2 pi k / q) at [2k, 2k + 1]. */
export interface ClockTables {
  readonly states: Uint8Array;
  readonly table: Float64Array;
  readonly q: number;
}

/** What the heat bath and Swendsen-Wang by embedding read and change: a lattice of L^D sites of n components. */
export interface ContinuousLattice {
  readonly spins: Float64Array;
  /** Components a site: 2 (XY, clock) or 3 (Heisenberg; the field along z). */
  readonly components: number;
  readonly size: number;
  readonly dimension: number;
  readonly beta: number;
  readonly field: number;
  readonly clock: ClockTables | undefined;
  readonly rng: Xoshiro128;
  /** Unit vectors (renormalised after a reflection); false for the phi^4 field. */
  readonly unit: boolean;
}

/** One heat-bath sweep; returns the sites changed (clock) or updated (XY, Heisenberg). */
export function heatBathSweep(lattice: ContinuousLattice, weights: Float64Array): number {
  const { spins: s, components: n, size: L, dimension: D, beta, field, clock, rng } = lattice;
  const uniform = () => rng.next() * TWO_POW_M32;
  const depth = D === 3 ? L : 1;
  let changed = 0;
  for (let c = 0; c < 2; c++) {
    for (let z = 0; z < depth; z++) {
      const front = (z === L - 1 ? 0 : z + 1) * L * L;
      const back = (z === 0 ? L - 1 : z - 1) * L * L;
      for (let y = 0; y < L; y++) {
        const row = (z * L + y) * L;
        const down = (z * L + (y === L - 1 ? 0 : y + 1)) * L;
        const up = (z * L + (y === 0 ? L - 1 : y - 1)) * L;
        for (let x = (y + z + c) & 1; x < L; x += 2) {
          const site = row + x;
          const neighbours =
            D === 3
              ? [row + (x === L - 1 ? 0 : x + 1), row + (x === 0 ? L - 1 : x - 1), down + x, up + x, front + y * L + x, back + y * L + x]
              : [row + (x === L - 1 ? 0 : x + 1), row + (x === 0 ? L - 1 : x - 1), down + x, up + x];
          let fx = 0;
          let fy = 0;
          let fz = 0;
          for (const j of neighbours) {
            fx += s[n * j];
            fy += s[n * j + 1];
            if (n === 3) fz += s[n * j + 2];
          }
          if (n === 3) fz += field;
          else fx += field;
          const p = n * site;
          if (clock) changed += clockSite(s, p, site, clock, weights, beta, fx, fy, uniform);
          else if (n === 2) {
            xySite(s, p, beta, fx, fy, uniform);
            changed++;
          } else {
            heisenbergSite(s, p, beta, fx, fy, fz, uniform);
            changed++;
          }
        }
      }
    }
  }
  return changed;
}

function clockSite(s: Float64Array, p: number, site: number, clock: ClockTables, weights: Float64Array, beta: number, fx: number, fy: number, uniform: () => number): number {
  const { table: t, q, states } = clock;
  let top = -Infinity;
  for (let k = 0; k < q; k++) {
    const e = fx * t[2 * k] + fy * t[2 * k + 1];
    if (e > top) top = e;
  }
  let total = 0;
  for (let k = 0; k < q; k++) {
    const w = detExp(beta * (fx * t[2 * k] + fy * t[2 * k + 1] - top));
    weights[k] = w;
    total += w;
  }
  const target = uniform() * total;
  let chosen = q - 1;
  let sum = 0;
  for (let k = 0; k < q; k++) {
    sum += weights[k];
    if (target < sum) {
      chosen = k;
      break;
    }
  }
  const old = states[site];
  states[site] = chosen;
  s[p] = t[2 * chosen];
  s[p + 1] = t[2 * chosen + 1];
  return chosen === old ? 0 : 1;
}

function xySite(s: Float64Array, p: number, beta: number, fx: number, fy: number, uniform: () => number): void {
  const norm = Math.sqrt(fx * fx + fy * fy);
  const kappa = beta * norm;
  if (!(kappa >= KAPPA_MIN)) {
    const angle = TWO_PI * uniform();
    s[p] = detCos(angle);
    s[p + 1] = detSin(angle);
    return;
  }
  // Best-Fisher: tau = 1 + sqrt(1 + 4 kappa^2), rho = (tau - sqrt(2 tau)) / (2 kappa) written as
  // 2 kappa / (tau + sqrt(2 tau)) (no cancellation at small kappa), r = (1 + rho^2) / (2 rho)
  const tau = 1.0 + Math.sqrt(1.0 + 4.0 * kappa * kappa);
  const rho = (2.0 * kappa) / (tau + Math.sqrt(2.0 * tau));
  const r = (1.0 + rho * rho) / (2.0 * rho);
  let f = 1;
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
  s[p] = f * ex - sn * ey;
  s[p + 1] = f * ey + sn * ex;
}

function heisenbergSite(s: Float64Array, p: number, beta: number, fx: number, fy: number, fz: number, uniform: () => number): void {
  const norm = Math.sqrt(fx * fx + fy * fy + fz * fz);
  const kappa = beta * norm;
  const u1 = uniform();
  const phi = TWO_PI * uniform();
  let c: number;
  let ex = 0;
  let ey = 0;
  let ez = 1;
  if (!(kappa > 0)) {
    c = 1.0 - 2.0 * u1;
  } else {
    // w = 1 - e^{-2 kappa} (Kahan's expm1 from exp and log below 1), then ln(1 - u_1 w) as log1p
    const x = 2.0 * kappa;
    const e = detExp(-x);
    const w = x < 1.0 ? (e === 1.0 ? x : ((e - 1.0) * x) / detLog(e)) : 1.0 - e;
    const t = -(u1 * w);
    const y = 1.0 + t;
    const lg = y === 1.0 ? t : detLog(y) * (t / (y - 1.0));
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
  const sg = ez >= 0 ? 1.0 : -1.0;
  const a = -1.0 / (sg + ez);
  const b = ex * ey * a;
  let nx = c * ex + cp * (1.0 + sg * ex * ex * a) + sp * b;
  let ny = c * ey + cp * (sg * b) + sp * (sg + ey * ey * a);
  let nz = c * ez + cp * (-sg * ex) + sp * -ey;
  const m = Math.sqrt(nx * nx + ny * ny + nz * nz);
  nx = nx / m;
  ny = ny / m;
  nz = nz / m;
  s[p] = nx;
  s[p + 1] = ny;
  s[p + 2] = nz;
}
