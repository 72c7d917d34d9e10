/**
 * Exact expectations of the O(n) unit-vector models (n = 2: XY; n = 3: Heisenberg) on the periodic
 * 2 x 2 x 2 cube at h = 0, by numerical integration.
 *
 * At L = 2 every bond is doubled (src/lattice.ts): the cube is the 3-cube graph with coupling 2J on
 * each of its 12 edges, H = -2J sum_edges s_i . s_j. The graph is bipartite: the four odd sites
 * (x + y + z odd) each see only even sites, so given the even spins they are independent, each
 * distributed as exp(K s . H_j) with K = 2 beta and H_j the sum of its three even neighbours (a von
 * Mises-Fisher law of concentration kappa = K |H_j|). Integrating the odd spins out exactly:
 *   weight of the even spins   prod_j Z(kappa_j),  Z = I_0(kappa) (n = 2), sinh(kappa) / kappa (n = 3)
 *   <s_j . H_j / |H_j|>        A(kappa) = I_1 / I_0 (n = 2), coth(kappa) - 1/kappa (n = 3)
 *   <(s_j . H_j / |H_j|)^2>    B(kappa) = (1 + I_2 / I_0) / 2 (n = 2), 1 - 2 A / kappa (n = 3)
 * so that, given the even spins, E = -2 sum_j s_j . H_j has mean -2 sum_j |H_j| A_j and variance
 * 4 sum_j |H_j|^2 (B_j - A_j^2), and |M|^2 has mean |S_even + sum_j A_j H_j / |H_j||^2 + sum_j (1 - A_j^2).
 * The even spins are integrated numerically: site 0 is fixed (the O(n) symmetry at h = 0), the
 * others by the trapezoid rule in the angle (n = 2; spectrally accurate for this periodic analytic
 * integrand) or Gauss-Legendre in cos(theta) times the trapezoid rule in phi (n = 3; site 3's phi
 * fixed by the rotations about site 0's axis).
 */
import { CUBIC, neighbourSites } from '../../lattice.js';
import { besselI } from '../xy/exact.js';
import { gaussLegendre } from '../phi4/exact.js';

/** Exact e, c, <|m|^2> per site of the 2 x 2 x 2 cube (the estimators of ./observables.ts). */
export interface CubeExact {
  energy: number;
  specificHeat: number;
  magnetization2: number;
}

/** Z(kappa), A(kappa) / kappa and B(kappa) of the module comment for n components. */
function conditional(n: 2 | 3, kappa: number): [z: number, aOverKappa: number, b: number] {
  if (n === 2) {
    if (kappa < 1e-6) return [1 + (kappa * kappa) / 4, 0.5, 0.5];
    const i0 = besselI(0, kappa);
    return [i0, besselI(1, kappa) / i0 / kappa, (1 + besselI(2, kappa) / i0) / 2];
  }
  if (kappa < 1e-4) {
    const k2 = kappa * kappa;
    return [1 + k2 / 6, 1 / 3 - k2 / 45, 1 / 3 + (2 * k2) / 45];
  }
  const a = 1 / Math.tanh(kappa) - 1 / kappa;
  return [Math.sinh(kappa) / kappa, a / kappa, 1 - (2 * a) / kappa];
}

/**
 * Exact e, c and <|m|^2> of the O(n) model on the periodic 2 x 2 x 2 cube at beta, h = 0 (module
 * comment). `points`: trapezoid points per angle (n = 2) or Gauss-Legendre points in cos(theta) (n = 3,
 * with 2 points as many in phi).
 */
export function unitVectorCubeExact(n: 2 | 3, beta: number, points = n === 2 ? 64 : 10): CubeExact {
  const K = 2 * beta;
  // directions of one site: [x, y, z] and weights summing to 1
  const directions: number[][] = [];
  const weights: number[] = [];
  const phis = n === 2 ? points : 2 * points;
  if (n === 2) {
    for (let a = 0; a < points; a++) {
      directions.push([Math.cos((2 * Math.PI * a) / points), Math.sin((2 * Math.PI * a) / points), 0]);
      weights.push(1 / points);
    }
  } else {
    // weights summing to 2 on [-1, 1]: halved, so that each site's weights sum to 1
    const { x: nodes, w } = gaussLegendre(points, -1, 1);
    for (let g = 0; g < points; g++) {
      const rho = Math.sqrt(1 - nodes[g] * nodes[g]);
      for (let a = 0; a < phis; a++) {
        const phi = (2 * Math.PI * a) / phis;
        directions.push([rho * Math.cos(phi), rho * Math.sin(phi), nodes[g]]);
        weights.push(w[g] / 2 / phis);
      }
    }
  }
  // site 3's directions: for n = 3 only phi = 0 (rotations about site 0's axis), one per theta node
  const third = n === 2 ? directions.map((_, k) => k) : Array.from({ length: points }, (_, g) => g * phis);
  const thirdWeight = n === 2 ? 1 / points : 1;
  const first: number[] = n === 2 ? [1, 0, 0] : [0, 0, 1];
  const even = [0, 3, 5, 6];
  const odd = [1, 2, 4, 7];
  const nb = odd.map((j) => [...new Set(Array.from(neighbourSites(CUBIC, 2, j)))].map((i) => even.indexOf(i)));
  let Z = 0;
  let E1 = 0;
  let E2 = 0;
  let M2 = 0;
  const s: number[][] = [first, first, first, first];
  for (const k3 of third) {
    s[1] = directions[k3];
    const w3 = n === 2 ? thirdWeight : weights[k3] * phis;
    for (let k5 = 0; k5 < directions.length; k5++) {
      s[2] = directions[k5];
      for (let k6 = 0; k6 < directions.length; k6++) {
        s[3] = directions[k6];
        let w = w3 * weights[k5] * weights[k6];
        let mean = 0;
        let variance = 0;
        const m = [0, 0, 0];
        for (const v of s) for (let a = 0; a < 3; a++) m[a] += v[a];
        let spread = 0;
        for (const neighbours of nb) {
          const H = [0, 0, 0];
          for (const e of neighbours) for (let a = 0; a < 3; a++) H[a] += s[e][a];
          const h2 = H[0] * H[0] + H[1] * H[1] + H[2] * H[2];
          const h = Math.sqrt(h2);
          const kappa = K * h;
          const [z, aOverKappa, b] = conditional(n, kappa);
          const A = aOverKappa * kappa;
          w *= z;
          mean += -2 * h * A;
          variance += 4 * h2 * (b - A * A);
          // <s_j> = A H / |H| = (A / kappa) K H
          for (let a = 0; a < 3; a++) m[a] += aOverKappa * K * H[a];
          spread += 1 - A * A;
        }
        Z += w;
        E1 += w * mean;
        E2 += w * (mean * mean + variance);
        M2 += w * (m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + spread);
      }
    }
  }
  const N = 8;
  const e = E1 / Z / N;
  return {
    energy: e,
    specificHeat: (beta * beta * (E2 / Z - (E1 / Z) ** 2)) / N,
    magnetization2: M2 / Z / (N * N),
  };
}
