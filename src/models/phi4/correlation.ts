/**
 * Correlations of the phi^4 field on the square or cubic lattice (N = L^d sites), computed in
 * TypeScript from the field components for both backends.
 *
 * One sample: C(r) = sum_i sum_mu phi_i . phi_{i + r mu} for r = 0 .. L/2 (mu over the d axes), then
 * for each axis mu the plane sums P_mu(x) = sum of phi_i over the sites with coordinate x along mu
 * (2 components each), x = 0 .. L-1.
 *
 *   G(r)     = <phi_i . phi_{i + r}> = <C(r)> / (d N);  G(0) = <|phi|^2> (not 1: the field is not a unit vector)
 *   S(0)     = |M|^2 / N
 *   S(k_min) = sum_a |sum_x e^{2 pi i x / L} P_mu,a(x)|^2 / N averaged over the d axes
 *   xi_2nd   = sqrt(S(0) / S(k_min) - 1) / (2 sin(pi / L))   (src/correlation.ts)
 */
import { analyzeCorrelationSamples, emptySamples, waveTable } from '../../correlation.js';
import type { CorrelationMeasurement } from '../../measure.js';
import { analyzeSeries } from '../../stats/index.js';

/** Values of one sample: C(0 .. L/2), then 2 L plane sums for each of the d axes. */
export function phi4CorrelationValues(size: number, dimension: number): number {
  return (size >> 1) + 1 + 2 * dimension * size;
}

/** One correlation sample of the field `s` (2 components a site, site order of src/lattice.ts) into `out`. */
export function phi4CorrelationSample(s: Float64Array, L: number, dimension: number, out: Float64Array): void {
  const half = L >> 1;
  const sums = half + 1;
  out.fill(0, 0, phi4CorrelationValues(L, dimension));
  const depth = dimension === 3 ? L : 1;
  const strides = [1, L, L * L];
  for (let z = 0; z < depth; z++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const coordinates = [x, y, z];
        const site = (z * L + y) * L + x;
        const px = s[2 * site];
        const py = s[2 * site + 1];
        for (let mu = 0; mu < dimension; mu++) {
          const at = sums + 2 * (mu * L + coordinates[mu]);
          out[at] += px;
          out[at + 1] += py;
          const c = coordinates[mu];
          const base = site - c * strides[mu];
          for (let r = 0; r <= half; r++) {
            const j = base + ((c + r) % L) * strides[mu];
            out[r] += px * s[2 * j] + py * s[2 * j + 1];
          }
        }
      }
    }
  }
}

/** G(r) (with G(0) = <|phi|^2>), S(0), S(k_min) and xi_2nd with errors from `count` samples. */
export function analyzePhi4Correlations(samples: Float64Array, size: number, dimension: number, count: number, every: number): CorrelationMeasurement {
  const L = size;
  const N = L ** dimension;
  const half = L >> 1;
  const stride = phi4CorrelationValues(L, dimension);
  const { cos, sin } = waveTable(L);
  const { g, zero, min } = emptySamples(L, count);
  const g0 = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const base = k * stride;
    g0[k] = samples[base] / (dimension * N);
    for (let r = 1; r <= half; r++) g[r - 1][k] = samples[base + r] / (dimension * N);
    let power = 0;
    let mx = 0;
    let my = 0;
    for (let mu = 0; mu < dimension; mu++) {
      for (let a = 0; a < 2; a++) {
        let re = 0;
        let im = 0;
        for (let x = 0; x < L; x++) {
          const P = samples[base + half + 1 + 2 * (mu * L + x) + a];
          if (mu === 0) {
            if (a === 0) mx += P;
            else my += P;
          }
          re += P * cos[x];
          im += P * sin[x];
        }
        power += re * re + im * im;
      }
    }
    zero[k] = (mx * mx + my * my) / N;
    min[k] = power / (dimension * N);
  }
  const result = analyzeCorrelationSamples({ g, zero, min }, size, count, every);
  const p = analyzeSeries({ g0 }).primaries.g0;
  result.correlation[0] = { mean: p.mean, error: p.error };
  return result;
}
