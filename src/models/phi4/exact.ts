/**
 * Exact and literature references of the O(2) phi^4 field (./index.ts: S = beta E + sum_i V(phi_i),
 * E = -sum_<ij> phi_i . phi_j, V(phi) = |phi|^2 + lambda (|phi|^2 - 1)^2).
 *
 * - The 3D critical coupling of the improved model lambda = 2.1 (leading corrections to scaling
 *   suppressed): beta_c = 0.5091503(6), M. Campostrini, M. Hasenbusch, A. Pelissetto, P. Rossi and
 *   E. Vicari, Phys. Rev. B 63, 214503 (2001), in this package's convention (their H is the action S
 *   above with beta the hopping parameter).
 * - The periodic 2 x 2 square lattice exactly (phi4Exact2x2): every bond appears twice, so it is a
 *   ring of 4 fields with hopping 2 beta. With phi = r (cos theta, sin theta),
 *   exp(K r r' cos(theta - theta')) = sum_n I_n(K r r') e^{i n (theta - theta')} turns the angular
 *   integrals into a sum over Fourier modes n, and
 *     Z = (2 pi)^4 sum_n Tr A_n^4,   A_n(r, r') = sqrt(w r e^{-V(r)}) I_n(2 beta r r') sqrt(w' r' e^{-V(r')})
 *   on a Gauss-Legendre grid (r, w) of the radius: the transfer integral of the ring, exact to the
 *   quadrature's precision (48 radial points and |n| <= 32 agree within 1e-11 with 96 points and
 *   |n| <= 60 for beta <= 1). Insertions give <|phi|^2> (diag r^2), <V> (diag V) and
 *   the correlation at distance 2 (diag r between modes n and n + 1); e = -d ln Z / d beta / 4 from
 *   I_n' = (I_{n-1} + I_{n+1}) / 2, and c = -beta^2 de / dbeta by a central difference.
 * - beta = 0: independent sites with the single-site measure r e^{-V(r)} dr dtheta (phi4SingleSite).
 * - lambda -> infinity: the radius is pinned at r^2 = 1 - 1 / (2 lambda) -> 1 and the model becomes the
 *   XY model at beta_XY = beta (the 2 x 2 values approach src/models/xy/exact.ts, with corrections O(1 / lambda)).
 */
import { besselI } from '../xy/exact.js';

/** The critical hopping coupling of the 3D model at lambda = 2.1 (Campostrini et al. 2001). */
export const PHI4_CUBIC_BETA_C = 0.5091503;
/** Its uncertainty. */
export const PHI4_CUBIC_BETA_C_ERROR = 0.0000006;
/** The lambda of the improved model, where PHI4_CUBIC_BETA_C holds (the default `lambda`). */
export const PHI4_IMPROVED_LAMBDA = 2.1;

/** The single-site potential V(r) = r^2 + lambda (r^2 - 1)^2. */
export function phi4Potential(r: number, lambda: number): number {
  const r2 = r * r;
  return r2 + lambda * (r2 - 1) * (r2 - 1);
}

/** Gauss-Legendre nodes and weights on [a, b] (n points, Newton on the Legendre recurrence). */
export function gaussLegendre(n: number, a: number, b: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = (a + b) / 2 - ((b - a) / 2) * z;
    w[i] = (b - a) / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/**
 * The radial interval that carries the weight: where -V(r) + c r^2 (c bounds the coupling to the
 * neighbours) is within 60 of its maximum.
 */
function radialRange(lambda: number, c: number): [number, number] {
  const f = (r: number) => -phi4Potential(r, lambda) + c * r * r;
  let best = -Infinity;
  const grid = 20000;
  let top = 1;
  while (f(top) > f(0) - 200 || top < 2) top *= 1.5;
  for (let k = 0; k <= grid; k++) best = Math.max(best, f((top * k) / grid));
  let lo = 0;
  let hi = top;
  for (let k = 0; k <= grid; k++) {
    if (f((top * k) / grid) > best - 60) {
      lo = Math.max(0, (top * (k - 1)) / grid);
      break;
    }
  }
  for (let k = grid; k >= 0; k--) {
    if (f((top * k) / grid) > best - 60) {
      hi = (top * (k + 1)) / grid;
      break;
    }
  }
  return [lo, hi];
}

/** Single-site expectations at beta = 0: <|phi|^2>, <|phi|^4> and <V>. */
export function phi4SingleSite(lambda: number, points = 200): { phi2: number; phi4: number; potential: number } {
  const [a, b] = radialRange(lambda, 0);
  const { x, w } = gaussLegendre(points, a, b);
  let z = 0;
  let p2 = 0;
  let p4 = 0;
  let v = 0;
  for (let i = 0; i < points; i++) {
    const r = x[i];
    const weight = w[i] * r * Math.exp(-phi4Potential(r, lambda));
    z += weight;
    p2 += weight * r * r;
    p4 += weight * r ** 4;
    v += weight * phi4Potential(r, lambda);
  }
  return { phi2: p2 / z, phi4: p4 / z, potential: v / z };
}

type Matrix = Float64Array;

function multiply(a: Matrix, b: Matrix, n: number): Matrix {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  return c;
}

/** Tr(D1 X D2 Y) for diagonal D1, D2 (vectors) and matrices X, Y. */
function traceDiag(d1: Float64Array, x: Matrix, d2: Float64Array, y: Matrix, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t += d1[i] * x[i * n + j] * d2[j] * y[j * n + i];
  return t;
}

/** Exact expectations of the 2 x 2 lattice at h = 0 (per site; the estimators of ./observables.ts). */
export interface Phi4Exact {
  energy: number;
  specificHeat: number;
  phi2: number;
  potential: number;
  magnetization2: number;
}

/** ln Z (up to the constant (2 pi)^4) and the sums the observables need, at one beta. */
function ring(beta: number, lambda: number, points: number, modes: number) {
  const [a, b] = radialRange(lambda, 4 * beta);
  const { x, w } = gaussLegendre(points, a, b);
  const n = points;
  const root = Float64Array.from(x, (r, i) => Math.sqrt(w[i] * r * Math.exp(-phi4Potential(r, lambda))));
  const K = 2 * beta;
  const bessel = (k: number) => {
    const A = new Float64Array(n * n);
    const dA = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const rr = x[i] * x[j];
        const s = root[i] * root[j];
        A[i * n + j] = s * besselI(k, K * rr);
        dA[i * n + j] = s * 2 * rr * ((besselI(Math.abs(k - 1), K * rr) + besselI(k + 1, K * rr)) / 2);
      }
    return { A, dA };
  };
  const ones = new Float64Array(n).fill(1);
  const r1 = Float64Array.from(x);
  const r2 = Float64Array.from(x, (r) => r * r);
  const v = Float64Array.from(x, (r) => phi4Potential(r, lambda));
  let Z = 0;
  let dZ = 0;
  let P2 = 0;
  let V = 0;
  let G2 = 0;
  let previous: Matrix | undefined; // A_{k-1}^2
  for (let k = 0; k <= modes; k++) {
    const { A, dA } = bessel(k);
    const A2 = multiply(A, A, n);
    const A3 = multiply(A2, A, n);
    const weight = k === 0 ? 1 : 2; // modes k and -k
    Z += weight * traceDiag(ones, A2, ones, A2, n);
    dZ += weight * 4 * traceDiag(ones, A3, ones, dA, n);
    P2 += weight * traceDiag(r2, A2, ones, A2, n);
    V += weight * traceDiag(v, A2, ones, A2, n);
    // distance 2: sum over all n of Tr(R A_n^2 R A_{n+1}^2), pairs (k-1, k) and (-k, -k+1) for k >= 1
    if (previous) G2 += 2 * traceDiag(r1, previous, r1, A2, n);
    previous = A2;
  }
  return { Z, dZ, P2, V, G2 };
}

/**
 * Exact expectations on the periodic 2 x 2 lattice at hopping beta, h = 0, quartic coupling lambda
 * (the ring transfer integral of the module comment).
 */
export function phi4Exact2x2(beta: number, lambda: number, points = 48, modes = 32): Phi4Exact {
  const energyAt = (b: number) => {
    const t = ring(b, lambda, points, modes);
    return -t.dZ / t.Z / 4;
  };
  const t = ring(beta, lambda, points, modes);
  const energy = -t.dZ / t.Z / 4;
  const phi2 = t.P2 / t.Z;
  const g1 = -energy / 2; // e = -(1/4) 2 sum_ring <phi . phi'> = -2 g1
  const g2 = t.G2 / t.Z;
  const delta = 1e-4;
  const slope = (energyAt(beta + delta) - energyAt(beta - delta)) / (2 * delta);
  return {
    energy,
    specificHeat: -beta * beta * slope,
    phi2,
    potential: t.V / t.Z,
    magnetization2: (4 * phi2 + 8 * g1 + 4 * g2) / 16,
  };
}
