/**
 * Monte Carlo renormalization group (Swendsen 1979): the linearised RG transformation from
 * correlations between successive block levels, and the scaling exponents from its eigenvalues.
 *
 * With the level-n Hamiltonian H^(n) = sum_b K_b^(n) S_b^(n) (weights exp(H)) and S^(n+1) a function
 * of the level-n configuration,
 *
 *   B_ab = d<S_a^(n+1)>/dK_b^(n)   = <S_a^(n+1) S_b^(n)>   - <S_a^(n+1)><S_b^(n)>
 *   A_ac = d<S_a^(n+1)>/dK_c^(n+1) = <S_a^(n+1) S_c^(n+1)> - <S_a^(n+1)><S_c^(n+1)>
 *
 * and the chain rule B = A T gives the linearised RG matrix T_cb = dK_c^(n+1)/dK_b^(n) = (A^-1 B)_cb.
 * Its leading eigenvalue lambda = b^y gives the exponent y = ln lambda / ln b: from the spin-flip-even
 * operators (nn, nnn, plaquette, nn3) the thermal y_t = 1/nu (2D Ising: 1), from the odd ones
 * (magnetization, plaquette3, row3) the magnetic y_h (2D Ising: 15/8; 3D Ising, 2 x 2 x 2 blocks:
 * y_t = 1/nu = 1.5874, y_h = (5 - eta)/2 = 2.4819). Truncating to the first p
 * operators of a set, and comparing levels n, shows the convergence.
 *
 * Errors: leave-one-bin-out jackknife of the whole computation over the bins of the run.
 * A matrix A that is singular (an operator constant on a small lattice, or two operators equal
 * there) or whose leading eigenvalue is complex or not positive gives an `undetermined` entry
 * with the reason, never a NaN exponent; an ill-conditioned A (condition number of the
 * correlation matrix above 1e6) gives an estimate with a warning.
 */
import { RG_OPERATOR_NAMES, EVEN_OPERATORS, ODD_OPERATORS, type RgOperatorName } from '../backend/rg-types.js';
import type { Observable } from '../measure.js';
import { eigenvalues, solve, symmetricEigenvalues, type Matrix } from '../linalg.js';
import { jackknife } from '../stats/index.js';
import { operatorSeries, type RgSamples } from './sample.js';

/** Condition number of the operators' correlation matrix above which an estimate carries a warning. */
export const ILL_CONDITIONED = 1e6;
/** Condition number above which the matrix counts as singular (no estimate). */
export const SINGULAR = 1e12;
/** Fewer bins than this give a warning that the MCRG errors are unreliable. */
export const MIN_MCRG_BINS = 20;

export type McrgSector = 'thermal' | 'magnetic';

interface McrgEntryBase {
  /** Transition from level n to level n + 1. */
  level: number;
  /** Linear sizes of the two levels. */
  from: number;
  to: number;
  /** Operators used (the first p of the sector's set). */
  operators: RgOperatorName[];
}

/** An exponent estimate from one (level, operator set). */
export interface McrgEstimate extends McrgEntryBase {
  state: 'estimated';
  /** Leading eigenvalue lambda of T. */
  eigenvalue: Observable;
  /** y = ln lambda / ln b (y_t for the thermal sector, y_h for the magnetic one). */
  exponent: Observable;
  /** nu = 1 / y_t (thermal sector only). */
  nu?: Observable;
  /** All eigenvalues of T from the full data, real parts, decreasing. */
  eigenvalues: number[];
  /** Condition number of the correlation matrix of the level n + 1 operators. */
  condition: number;
  warnings: string[];
}

/** No estimate for this (level, operator set), and why. */
export interface McrgUndetermined extends McrgEntryBase {
  state: 'undetermined';
  reason: string;
}

export type McrgEntry = McrgEstimate | McrgUndetermined;

export interface McrgResult {
  /** Entries for every transition n -> n+1 and every operator count p = 1..4, level-major. */
  thermal: McrgEntry[];
  /** Entries for every transition n -> n+1 and every operator count p = 1..3, level-major. */
  magnetic: McrgEntry[];
  warnings: string[];
}

/** Covariance from means of the products and of the factors. */
function covariance(products: number[][], left: number[], right: number[], p: number, q: number): Matrix {
  return Array.from({ length: p }, (_, a) => Array.from({ length: q }, (_, b) => products[a][b] - left[a] * right[b]));
}

/** Leading eigenvalue of T = A^-1 B, or a reason why there is none. */
function leading(A: Matrix, B: Matrix): { lambda: number; all: number[] } | string {
  const T = solve(A, B);
  if (!T) return 'the covariance matrix of the coarse operators is singular';
  const ev = eigenvalues(T);
  if (!ev) return 'the eigenvalue iteration did not converge';
  const top = ev[0];
  if (Math.abs(top.im) > 1e-9 * Math.abs(top.re))
    return (
      `the leading eigenvalues form a complex pair ${top.re.toPrecision(4)} +- ${Math.abs(top.im).toPrecision(4)}i (too little data for ` + `this operator set)`
    );
  if (!(top.re > 0)) return `the leading eigenvalue ${top.re.toPrecision(4)} is not positive`;
  return { lambda: top.re, all: ev.map((e) => e.re) };
}

/**
 * Bin means of x_a, y_b, x_a x_c and x_a y_b for series centred on their means and scaled by
 * 1/scale (a common factor on both levels leaves T unchanged and keeps the numbers O(1)).
 */
function binnedMoments(
  x: Float64Array[],
  y: Float64Array[],
  binSize: number,
  scale: number,
): { xs: Float64Array[]; ys: Float64Array[]; xx: Float64Array[][]; xy: Float64Array[][] } {
  const n = x[0].length;
  const bins = Math.floor(n / binSize);
  const centre = (s: Float64Array) => {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += s[t];
    mean /= n;
    return Float64Array.from(s, (v) => (v - mean) / scale);
  };
  const cx = x.map(centre);
  const cy = y.map(centre);
  const p = cx.length;
  const binMean = (f: (t: number) => number) => {
    const out = new Float64Array(bins);
    for (let i = 0, t = 0; i < bins; i++) {
      let s = 0;
      for (let j = 0; j < binSize; j++, t++) s += f(t);
      out[i] = s / binSize;
    }
    return out;
  };
  return {
    xs: cx.map((v) => binMean((t) => v[t])),
    ys: cy.map((v) => binMean((t) => v[t])),
    xx: Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, c) => binMean((t) => cx[a][t] * cx[c][t]))),
    xy: Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => binMean((t) => cx[a][t] * cy[b][t]))),
  };
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Condition number of the correlation matrix D^-1/2 A D^-1/2 (Infinity when a variance is zero). */
function correlationCondition(A: Matrix): number {
  const d = A.map((row, i) => row[i]);
  if (d.some((v) => !(v > 0))) return Infinity;
  const ev = symmetricEigenvalues(A.map((row, i) => row.map((v, j) => v / Math.sqrt(d[i] * d[j]))));
  return ev[0] > 0 ? ev[ev.length - 1] / ev[0] : Infinity;
}

function sector(s: RgSamples, which: McrgSector, binSize: number): { entries: McrgEntry[]; warnings: string[] } {
  const set = which === 'thermal' ? EVEN_OPERATORS : ODD_OPERATORS;
  const { blockSize, sizes, levels } = s.block;
  const lnb = Math.log(blockSize);
  const bins = Math.floor(s.samples / binSize);
  const entries: McrgEntry[] = [];
  const warnings: string[] = [];
  for (let n = 0; n < levels; n++) {
    const from = sizes[n];
    const to = sizes[n + 1];
    const coarse = set.map((a) => operatorSeries(s, n + 1, a));
    const fine = set.map((a) => operatorSeries(s, n, a));
    const m = binnedMoments(coarse, fine, binSize, to ** s.block.dimension);
    const shape = s.block.dimension === 3 ? `${to} x ${to} x ${to}` : `${to} x ${to}`;
    for (let p = 1; p <= set.length; p++) {
      const base = { level: n, from, to, operators: set.slice(0, p).map((a) => RG_OPERATOR_NAMES[a]) };
      const undetermined = (reason: string): McrgEntry => ({ ...base, state: 'undetermined', reason });
      if (bins < 2) {
        entries.push(undetermined(`the run holds ${bins} bin(s) of ${binSize} samples: at least 2 are needed (run longer)`));
        continue;
      }
      // primaries in a fixed order: x_a, y_b, x_a x_c, x_a y_b (a, b, c < p)
      const binned: Float64Array[] = [];
      for (let a = 0; a < p; a++) binned.push(m.xs[a]);
      for (let a = 0; a < p; a++) binned.push(m.ys[a]);
      for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) binned.push(m.xx[a][c]);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) binned.push(m.xy[a][b]);
      const matrices = (v: ArrayLike<number>) => {
        const xs = Array.from({ length: p }, (_, a) => v[a]);
        const ys = Array.from({ length: p }, (_, a) => v[p + a]);
        const xx = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, c) => v[2 * p + a * p + c]));
        const xy = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => v[2 * p + p * p + a * p + b]));
        return { A: covariance(xx, xs, xs, p, p), B: covariance(xy, xs, ys, p, p) };
      };
      const full = matrices(binned.map(mean));
      const constant = full.A.map((row, a) => row[a]).findIndex((v) => !(v > 0));
      if (constant >= 0) {
        entries.push(
          undetermined(`operator ${base.operators[constant]} does not fluctuate on the ${shape} lattice of level ${n + 1}: the covariance matrix is singular`),
        );
        continue;
      }
      const condition = correlationCondition(full.A);
      if (!(condition < SINGULAR)) {
        entries.push(
          undetermined(
            `the covariance matrix of ${base.operators.join(', ')} on the ${shape} lattice of level ${n + 1} is singular (condition number ` +
              `${condition.toPrecision(3)}): these operators are (nearly) dependent there`,
          ),
        );
        continue;
      }
      const top = leading(full.A, full.B);
      if (typeof top === 'string') {
        entries.push(undetermined(top));
        continue;
      }
      const f = (g: (lambda: number) => number) => (means: number[]) => {
        const { A, B } = matrices(means);
        const r = leading(A, B);
        return typeof r === 'string' ? NaN : g(r.lambda);
      };
      const lambda = jackknife(
        binned,
        f((l) => l),
      );
      const y = jackknife(
        binned,
        f((l) => Math.log(l) / lnb),
      );
      if (!Number.isFinite(lambda.error) || !Number.isFinite(y.error)) {
        entries.push(
          undetermined(`some jackknife samples give no real positive leading eigenvalue: the estimate is unstable (run longer or use fewer operators)`),
        );
        continue;
      }
      const entryWarnings: string[] = [];
      if (condition > ILL_CONDITIONED) {
        entryWarnings.push(
          `ill-conditioned: the correlation matrix of ${base.operators.join(', ')} on level ${n + 1} has condition number ${condition.toPrecision(3)}`,
        );
      }
      const estimate: McrgEstimate = {
        ...base,
        state: 'estimated',
        eigenvalue: { mean: top.lambda, error: lambda.error },
        exponent: { mean: Math.log(top.lambda) / lnb, error: y.error },
        eigenvalues: top.all,
        condition,
        warnings: entryWarnings,
      };
      if (which === 'thermal') {
        const nu = jackknife(
          binned,
          f((l) => lnb / Math.log(l)),
        );
        estimate.nu = { mean: lnb / Math.log(top.lambda), error: nu.error };
      }
      entries.push(estimate);
    }
  }
  if (bins >= 2 && bins < MIN_MCRG_BINS)
    warnings.push(`MCRG ${which}: only ${bins} bins of ${binSize} samples: the jackknife errors are unreliable (run longer)`);
  return { entries, warnings };
}

/** Thermal and magnetic MCRG exponents for every level transition and operator count, with jackknife errors over bins of `binSize` samples. */
export function analyzeMcrg(s: RgSamples, binSize: number): McrgResult {
  const thermal = sector(s, 'thermal', binSize);
  const magnetic = sector(s, 'magnetic', binSize);
  return { thermal: thermal.entries, magnetic: magnetic.entries, warnings: [...thermal.warnings, ...magnetic.warnings] };
}
