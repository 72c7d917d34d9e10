/**
 * Spin-spin correlations from the integer records of the correlation kernel
 * (assembly/correlation.ts, src/backend/correlation-js.ts): G(r) along the axes, the structure
 * factor at k = 0 and at the smallest nonzero wave vector, and the second-moment correlation length.
 *
 * Definitions (N = L^d sites of the periodic square (d = 2) or cubic (d = 3) lattice, averages
 * over the correlation samples):
 *
 *   G(r)      = <s_i s_{i+r}>, averaged over all sites and the d axes, r = 0 .. L/2
 *               = <C(r)> / (d N),  C(r) = sum_i s_i (s_{i + r x} + s_{i + r y} [+ s_{i + r z}]).
 *               Not connected: at h = 0 on a finite lattice <s_i> = 0 by symmetry; in the
 *               ordered phase G(r) tends to <m^2> at large r.
 *   S(k)      = (1/N) <|sum_r s_r exp(i k.r)|^2>.
 *   S(0)      = N <m^2> (= chi' T, with chi' = susceptibilityFull).
 *   S(k_min)  = average of S(k) over the d wave vectors 2 pi/L along an axis; along x
 *               S = |sum_x C_x e^{2 pi i x/L}|^2 / N with C_x the plane sums at fixed x (and the
 *               plane sums along y and z for the other axes).
 *   xi_2nd    = 1 / (2 sin(pi/L)) * sqrt(S(0) / S(k_min) - 1)
 *               (Cooper, Freedman, Preston 1982; NaN when S(0) <= S(k_min), e.g. at high T where the
 *               difference is noise: never a made-up 0).
 *
 * Errors: S(0), S(k_min) and G(r) by binning with one common bin length (the statistics layer);
 * xi_2nd by the leave-one-bin-out jackknife over the same bins.
 */
import type { CorrelationMeasurement, Observable } from './measure.js';

export type { CorrelationMeasurement } from './measure.js';
import { correlationValues } from './backend/correlation-js.js';
import { analyzeSeries } from './stats/index.js';

/** xi_2nd = sqrt(S(0)/S(k_min) - 1) / (2 sin(pi/L)); NaN when the ratio is below 1. */
export function secondMomentCorrelationLength(size: number, structureFactorZero: number, structureFactorMin: number): number {
  const ratio = structureFactorZero / structureFactorMin;
  return ratio >= 1 ? Math.sqrt(ratio - 1) / (2 * Math.sin(Math.PI / size)) : NaN;
}

/** Per-sample values of the correlation observables: G(r) for r = 1 .. L/2, S(0) and S(k_min). */
export interface CorrelationSamples {
  /** g[r - 1][k]: G(r) of sample k. */
  g: Float64Array[];
  zero: Float64Array;
  min: Float64Array;
}

/** Zeroed per-sample arrays for `samples` samples of an L x L lattice (G(r) for r = 1 .. L/2). */
export function emptySamples(size: number, samples: number): CorrelationSamples {
  return {
    g: Array.from({ length: size >> 1 }, () => new Float64Array(samples)),
    zero: new Float64Array(samples),
    min: new Float64Array(samples),
  };
}

/** cos and sin of 2 pi x / L for x = 0 .. L-1. */
export function waveTable(size: number): { cos: Float64Array; sin: Float64Array } {
  return {
    cos: Float64Array.from({ length: size }, (_, x) => Math.cos((2 * Math.PI * x) / size)),
    sin: Float64Array.from({ length: size }, (_, x) => Math.sin((2 * Math.PI * x) / size)),
  };
}

/**
 * Sums over the n components of per-row sums R_a(y) (at records[rows + n y + a]) and per-column sums
 * C_a(x) (at records[cols + n x + a]) of one sample: `squares` = sum_a (sum_y R_a(y))^2 and `waves` =
 * sum_a (|sum_y e^{i k y} R_a(y)|^2 + |sum_x e^{i k x} C_a(x)|^2) at k = 2 pi / L (`cos`, `sin` from waveTable).
 */
export function rowColumnWaves(
  records: ArrayLike<number>,
  rows: number,
  cols: number,
  size: number,
  n: number,
  cos: Float64Array,
  sin: Float64Array,
): { squares: number; waves: number } {
  let squares = 0;
  let waves = 0;
  for (let a = 0; a < n; a++) {
    let total = 0;
    let rowRe = 0;
    let rowIm = 0;
    let colRe = 0;
    let colIm = 0;
    for (let x = 0; x < size; x++) {
      const R = records[rows + x * n + a];
      const C = records[cols + x * n + a];
      total += R;
      rowRe += R * cos[x];
      rowIm += R * sin[x];
      colRe += C * cos[x];
      colIm += C * sin[x];
    }
    squares += total * total;
    waves += rowRe * rowRe + rowIm * rowIm + colRe * colRe + colIm * colIm;
  }
  return { squares, waves };
}

/**
 * Turns `samples` Ising correlation records (each {@link correlationValues}(L, d) integers,
 * concatenated) of the lattice of dimension d (2 square, 3 cubic) into G(r), S(0), S(k_min) and
 * xi_2nd with error bars.
 */
export function analyzeCorrelations(records: Int32Array, size: number, samples: number, every: number, dimension = 2): CorrelationMeasurement {
  const L = size;
  const N = L ** dimension;
  const half = L >> 1;
  const stride = correlationValues(L, dimension);
  const { cos, sin } = waveTable(L);
  const { g, zero, min } = emptySamples(L, samples);
  for (let k = 0; k < samples; k++) {
    const base = k * stride;
    for (let r = 1; r <= half; r++) g[r - 1][k] = records[base + r] / (dimension * N);
    let M = 0;
    let power = 0;
    for (let axis = 0; axis < dimension; axis++) {
      const sums = base + half + 1 + axis * L;
      let re = 0;
      let im = 0;
      for (let x = 0; x < L; x++) {
        const P = records[sums + x];
        if (axis === 0) M += P;
        re += P * cos[x];
        im += P * sin[x];
      }
      power = power + re * re + im * im;
    }
    zero[k] = (M * M) / N;
    min[k] = power / (dimension * N);
  }
  return analyzeCorrelationSamples({ g, zero, min }, size, samples, every);
}

/** G(r), S(0), S(k_min) and xi_2nd with error bars from per-sample values (any model). */
export function analyzeCorrelationSamples({ g, zero, min }: CorrelationSamples, size: number, samples: number, every: number): CorrelationMeasurement {
  const L = size;
  const half = L >> 1;
  const series: Record<string, Float64Array> = { structureFactorZero: zero, structureFactorMin: min };
  for (let r = 1; r <= half; r++) series[`G(${r})`] = g[r - 1];
  const analysis = analyzeSeries(series, {
    correlationLength: (x) => secondMomentCorrelationLength(L, x.structureFactorZero, x.structureFactorMin),
  });
  const warnings = analysis.warnings.filter((w) => !w.startsWith('G('));
  const distanceWarnings = analysis.warnings.length - warnings.length;
  if (distanceWarnings > 0) {
    const first = analysis.warnings.find((w) => w.startsWith('G('));
    warnings.push(`G(r): ${distanceWarnings} warning(s) over ${half} distances, e.g. ${first}`);
  }
  const primary = (name: string): Observable => ({ mean: analysis.primaries[name].mean, error: analysis.primaries[name].error });
  return {
    every,
    samples,
    distances: Array.from({ length: half + 1 }, (_, r) => r),
    correlation: [{ mean: 1, error: 0 }, ...Array.from({ length: half }, (_, i) => primary(`G(${i + 1})`))],
    structureFactorZero: primary('structureFactorZero'),
    structureFactorMin: primary('structureFactorMin'),
    correlationLength: { mean: analysis.derived.correlationLength.mean, error: analysis.derived.correlationLength.error },
    binSize: analysis.binSize,
    bins: analysis.bins,
    warnings,
  };
}
