/**
 * Correlations of the phi^4 field on the square or cubic lattice (N = L^d sites), computed in
 * TypeScript from the field components for both backends; with n components a site they are also
 * those of the XY, clock and Heisenberg models on the cubic lattice (src/models/continuous/).
 *
 * One sample: C(r) = sum_i sum_mu phi_i . phi_{i + r mu} for r = 0 .. L/2 (mu over the d axes), then
 * for each axis mu the plane sums P_mu(x) = sum of phi_i over the sites with coordinate x along mu
 * (n components each; n = 2 for phi^4), x = 0 .. L-1.
 *
 *   G(r)     = <phi_i . phi_{i + r}> = <C(r)> / (d N);  G(0) = <|phi|^2> (not 1: the field is not a unit vector)
 *   S(0)     = |M|^2 / N
 *   S(k_min) = sum_a |sum_x e^{2 pi i x / L} P_mu,a(x)|^2 / N averaged over the d axes
 *   xi_2nd   = sqrt(S(0) / S(k_min) - 1) / (2 sin(pi / L))   (src/correlation.ts)
 */
import { analyzeCorrelationSamples, emptySamples, waveTable } from '../../correlation.js';
import type { CorrelationMeasurement } from '../../measure.js';
import { analyzeSeries } from '../../stats/index.js';

/** Values of one sample: C(0 .. L/2), then n L plane sums for each of the d axes. */
export function phi4CorrelationValues(size: number, dimension: number, components = 2): number {
  return (size >> 1) + 1 + components * dimension * size;
}

/** One correlation sample of the field `s` (n components a site, site order of src/lattice.ts) into `out`. */
export function phi4CorrelationSample(s: Float64Array, L: number, dimension: number, out: Float64Array, components = 2): void {
  const n = components;
  const half = L >> 1;
  const sums = half + 1;
  out.fill(0, 0, phi4CorrelationValues(L, dimension, n));
  const depth = dimension === 3 ? L : 1;
  const strides = [1, L, L * L];
  for (let z = 0; z < depth; z++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const coordinates = [x, y, z];
        const site = (z * L + y) * L + x;
        for (let mu = 0; mu < dimension; mu++) {
          const at = sums + n * (mu * L + coordinates[mu]);
          for (let a = 0; a < n; a++) out[at + a] += s[n * site + a];
          const c = coordinates[mu];
          const base = site - c * strides[mu];
          for (let r = 0; r <= half; r++) {
            const j = base + ((c + r) % L) * strides[mu];
            let dot = 0;
            for (let a = 0; a < n; a++) dot += s[n * site + a] * s[n * j + a];
            out[r] += dot;
          }
        }
      }
    }
  }
}

/** G(r) (with G(0) = <|phi|^2>), S(0), S(k_min) and xi_2nd with errors from `count` samples. */
export function analyzePhi4Correlations(
  samples: Float64Array,
  size: number,
  dimension: number,
  count: number,
  every: number,
  components = 2,
): CorrelationMeasurement {
  const n = components;
  const L = size;
  const N = L ** dimension;
  const half = L >> 1;
  const stride = phi4CorrelationValues(L, dimension, n);
  const { cos, sin } = waveTable(L);
  const { g, zero, min } = emptySamples(L, count);
  const g0 = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const base = k * stride;
    g0[k] = samples[base] / (dimension * N);
    for (let r = 1; r <= half; r++) g[r - 1][k] = samples[base + r] / (dimension * N);
    let power = 0;
    let square = 0;
    for (let mu = 0; mu < dimension; mu++) {
      for (let a = 0; a < n; a++) {
        let re = 0;
        let im = 0;
        let m = 0;
        for (let x = 0; x < L; x++) {
          const P = samples[base + half + 1 + n * (mu * L + x) + a];
          m += P;
          re += P * cos[x];
          im += P * sin[x];
        }
        power += re * re + im * im;
        if (mu === 0) square += m * m;
      }
    }
    zero[k] = square / N;
    min[k] = power / (dimension * N);
  }
  const result = analyzeCorrelationSamples({ g, zero, min }, size, count, every);
  const p = analyzeSeries({ g0 }).primaries.g0;
  result.correlation[0] = { mean: p.mean, error: p.error };
  return result;
}
