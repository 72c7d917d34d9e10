/**
 * Exact references of the XY model.
 *
 * - T_BKT = 0.8929(1) on the square lattice (Hasenbusch, J. Phys. A 38, 5869 (2005)), where the
 *   helicity modulus jumps from 2 T_BKT / pi to 0 (Nelson and Kosterlitz, Phys. Rev. Lett. 39, 1201 (1977)).
 * - The 2 x 2 periodic lattice by quadrature (xyExact2x2): its every bond appears twice (the right
 *   neighbour of x = 1 is x = 0 again), so it is a ring of 4 spins with coupling 2J; the integrand
 *   exp(-beta H) is periodic and analytic in every angle, so the M-point trapezoid rule converges
 *   exponentially (M = 48 is exact to rounding for beta J <= 4). At h = 0 the partition function is
 *   also Z = (2 pi)^4 sum_k I_k(2 beta)^4 (the ring's transfer integral in the Fourier basis; I_k
 *   the modified Bessel functions): xyRingEnergy gives e from it, an independent check.
 */
import { crossing } from './kernel.js';

/** The Berezinskii-Kosterlitz-Thouless temperature of the square-lattice XY model (Hasenbusch 2005). */
export const XY_BKT_TEMPERATURE = 0.8929;
/** Its uncertainty. */
export const XY_BKT_TEMPERATURE_ERROR = 0.0001;

/** Exact expectations of the 2 x 2 lattice (per site; the estimators of ./observables.ts). */
export interface XyExact {
  energy: number;
  energy2: number;
  absMagnetization: number;
  magnetization2: number;
  magnetization4: number;
  magnetizationX: number;
  specificHeat: number;
  helicityModulus: number;
  vortexDensity: number;
}

/**
 * Exact expectations on the periodic 2 x 2 lattice at beta and h by the M-point trapezoid rule in
 * each of the 4 angles (M^4 terms), with the records the kernels write (./kernel.ts).
 */
export function xyExact2x2(beta: number, field: number, points = 48): XyExact {
  const M = points;
  const c = Float64Array.from({ length: M }, (_, a) => Math.cos((2 * Math.PI * a) / M));
  const s = Float64Array.from({ length: M }, (_, a) => Math.sin((2 * Math.PI * a) / M));
  // sites: 0 = (0,0), 1 = (1,0), 2 = (0,1), 3 = (1,1)
  let Z = 0;
  const sum = { e: 0, e2: 0, a: 0, m2: 0, m4: 0, mx: 0, bond: 0, i2: 0, ix: 0, iy: 0, v: 0 };
  const N = 4;
  for (let a = 0; a < M; a++)
    for (let b = 0; b < M; b++)
      for (let d = 0; d < M; d++)
        for (let f = 0; f < M; f++) {
          const x = [c[a], c[b], c[d], c[f]];
          const y = [s[a], s[b], s[d], s[f]];
          const dot = (i: number, j: number) => x[i] * x[j] + y[i] * y[j];
          const crs = (i: number, j: number) => x[i] * y[j] - y[i] * x[j];
          // B_x = sum_i s_i . s_{i + x}: each horizontal pair twice; I_x: the two terms cancel
          const bx = 2 * dot(0, 1) + 2 * dot(2, 3);
          const by = 2 * dot(0, 2) + 2 * dot(1, 3);
          const ix = crs(0, 1) + crs(1, 0) + crs(2, 3) + crs(3, 2);
          const iy = crs(0, 2) + crs(2, 0) + crs(1, 3) + crs(3, 1);
          const mx = x[0] + x[1] + x[2] + x[3];
          const my = y[0] + y[1] + y[2] + y[3];
          const E = -(bx + by) - field * mx;
          const w = Math.exp(-beta * E);
          // the plaquette (0, 1, 3, 2) and its three periodic images, which have the same |w|
          const wind =
            crossing(x[0], y[0], x[1], y[1]) + crossing(x[1], y[1], x[3], y[3]) + crossing(x[3], y[3], x[2], y[2]) + crossing(x[2], y[2], x[0], y[0]);
          const e = E / N;
          const m2 = (mx * mx + my * my) / (N * N);
          Z += w;
          sum.e += w * e;
          sum.e2 += w * e * e;
          sum.a += w * Math.sqrt(m2);
          sum.m2 += w * m2;
          sum.m4 += w * m2 * m2;
          sum.mx += (w * mx) / N;
          sum.bond += (w * (bx + by)) / (2 * N);
          sum.i2 += (w * (ix * ix + iy * iy)) / (2 * N);
          sum.ix += w * ix;
          sum.iy += w * iy;
          sum.v += (w * 4 * Math.abs(wind)) / N;
        }
  const mean = (k: keyof typeof sum) => sum[k] / Z;
  const energy = mean('e');
  const energy2 = mean('e2');
  return {
    energy,
    energy2,
    absMagnetization: mean('a'),
    magnetization2: mean('m2'),
    magnetization4: mean('m4'),
    magnetizationX: mean('mx'),
    specificHeat: N * beta * beta * (energy2 - energy * energy),
    helicityModulus: mean('bond') - beta * (mean('i2') - (mean('ix') ** 2 + mean('iy') ** 2) / (2 * N)),
    vortexDensity: mean('v'),
  };
}

/** I_k(x) by its power series (k >= 0). */
export function besselI(k: number, x: number): number {
  let term = 1;
  for (let j = 1; j <= k; j++) term *= x / 2 / j;
  let total = term;
  for (let j = 1; j < 200; j++) {
    term *= (x * x) / 4 / (j * (j + k));
    total += term;
    if (term < total * 1e-17) break;
  }
  return total;
}

/**
 * Energy per site of a ring of n XY spins with coupling K_J (H = -K_J sum cos(theta_i - theta_{i+1}))
 * at beta, h = 0, from Z = (2 pi)^n sum_k I_k(beta K_J)^n: e = -(K_J / n) d ln Z / dK.
 * The 2 x 2 square lattice is the ring n = 4 with K_J = 2.
 */
export function xyRingEnergy(n: number, coupling: number, beta: number): number {
  const K = beta * coupling;
  let Z = 0;
  let dZ = 0;
  for (let k = -60; k <= 60; k++) {
    const a = Math.abs(k);
    const I = besselI(a, K);
    const dI = (besselI(Math.abs(k - 1), K) + besselI(Math.abs(k + 1), K)) / 2;
    Z += I ** n;
    dZ += n * I ** (n - 1) * dI;
  }
  return (-coupling * dZ) / Z / n;
}

/**
 * The critical coupling of the XY model on the simple cubic lattice, beta_c J = 0.454165(2)
 * (Campostrini, Hasenbusch, Pelissetto, Rossi and Vicari, Phys. Rev. B 63, 214503 (2001); the
 * 3D XY universality class, a continuous transition to long-range order).
 */
export const XY_CUBIC_BETA_C = 0.454165;
/** Its uncertainty. */
export const XY_CUBIC_BETA_C_ERROR = 2e-6;
/** T_c = 1 / beta_c = 2.20184... */
export const XY_CUBIC_TEMPERATURE = 1 / XY_CUBIC_BETA_C;
