/**
 * Energy series with an exactly known distribution for the first-order analysis tests: values drawn from a
 * given discrete distribution by a Gaussian copula, x_t = F^-1(Phi(z_t)) with z_t a stationary AR(1) chain
 * (z_t = phi z_{t-1} + sqrt(1 - phi^2) eps_t), so every x_t has exactly the distribution F (up to the 1e-7
 * accuracy of Phi) while successive values are correlated (phi = 0: independent). Seeded by the package's
 * own generator (xoshiro128**, src/rng.ts).
 */
import { Xoshiro128, seedState } from '../../src/rng.js';

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf, absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Samples n values of `values` with `probabilities` (normalised inside), correlated with AR(1) coefficient phi. */
export function correlatedSamples(values: ArrayLike<number>, probabilities: ArrayLike<number>, n: number, phi: number, seed: number): Float64Array {
  const rng = new Xoshiro128(seedState(seed));
  const uniform = () => (rng.next() + 0.5) / 4294967296;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const cdf = new Float64Array(values.length);
  let total = 0;
  for (let k = 0; k < values.length; k++) total += probabilities[k];
  let acc = 0;
  for (let k = 0; k < values.length; k++) {
    acc += probabilities[k] / total;
    cdf[k] = acc;
  }
  const out = new Float64Array(n);
  let z = normal();
  const s = Math.sqrt(1 - phi * phi);
  for (let t = 0; t < n; t++) {
    if (t > 0) z = phi * z + s * normal();
    const u = normalCdf(z);
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    out[t] = values[lo];
  }
  return out;
}

/**
 * A discrete energy distribution on the integer total energies E = lo .. hi of N sites (per-site values E/N):
 * weights w_o, w_d of Gaussians (means mo, md, widths so, sd, in total-energy units) plus a flat plateau of
 * total weight wp between the means.
 */
export function mixture(N: number, lo: number, hi: number, c: { wo: number; mo: number; so: number; wd: number; md: number; sd: number; wp: number }) {
  const E = Float64Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  const g = (x: number, m: number, s: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
  const P = Float64Array.from(E, (x) => c.wo * g(x, c.mo, c.so) + c.wd * g(x, c.md, c.sd) + (x >= c.mo && x <= c.md ? c.wp / (c.md - c.mo + 1) : 0));
  const sum = P.reduce((a, b) => a + b, 0);
  for (let k = 0; k < P.length; k++) P[k] /= sum;
  return { energies: Float64Array.from(E, (x) => x / N), totals: E, probabilities: P };
}

/** The distribution reweighted from beta0 to beta: P_beta(E) proportional to P(E) exp(-(beta - beta0) E) (E total). */
export function reweighted(dist: { energies: Float64Array; totals: Float64Array; probabilities: Float64Array }, dBeta: number) {
  const lw = Float64Array.from(dist.totals, (E, k) => Math.log(dist.probabilities[k]) - dBeta * E);
  let max = -Infinity;
  for (const x of lw) if (x > max) max = x;
  const P = Float64Array.from(lw, (x) => Math.exp(x - max));
  const sum = P.reduce((a, b) => a + b, 0);
  for (let k = 0; k < P.length; k++) P[k] /= sum;
  return { energies: dist.energies, probabilities: P };
}
