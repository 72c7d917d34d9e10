/**
 * Weighted means and weighted straight-line fits of independent measurements with errors.
 *
 * @module
 */

/** Inverse-variance weighted mean of independent values. */
export interface WeightedMean {
  /** sum_i w_i x_i / sum_i w_i with w_i = 1 / sigma_i^2. */
  mean: number;
  /** 1 / sqrt(sum_i w_i). */
  error: number;
  /** chi^2 = sum_i w_i (x_i - mean)^2 (consistency of the values; ~ n - 1 when they agree). */
  chi2: number;
  /** Degrees of freedom n - 1. */
  dof: number;
}

/**
 * Inverse-variance weighted mean of independent values x_i +- sigma_i. Every sigma must be finite
 * and > 0; otherwise (or for no values) the result is NaN.
 */
export function weightedMean(values: ArrayLike<number>, errors: ArrayLike<number>): WeightedMean {
  const n = values.length;
  if (errors.length !== n) throw new RangeError(`weightedMean: ${n} values but ${errors.length} errors`);
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < n; i++) {
    const s = errors[i];
    if (!(s > 0) || !Number.isFinite(s) || !Number.isFinite(values[i])) return { mean: NaN, error: NaN, chi2: NaN, dof: n - 1 };
    sw += 1 / (s * s);
    swx += values[i] / (s * s);
  }
  if (n === 0) return { mean: NaN, error: NaN, chi2: NaN, dof: -1 };
  const mean = swx / sw;
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += ((values[i] - mean) / errors[i]) ** 2;
  return { mean, error: 1 / Math.sqrt(sw), chi2, dof: n - 1 };
}

/** Result of {@link linearFit}. */
export interface LinearFit {
  slope: number;
  slopeError: number;
  intercept: number;
  interceptError: number;
  /** Covariance of (intercept, slope). */
  covariance: number;
  /** chi^2 = sum_i ((y_i - a - b x_i) / sigma_i)^2. */
  chi2: number;
  /** Degrees of freedom n - 2. */
  dof: number;
}

/**
 * Weighted least-squares straight line y = a + b x through independent points (x_i, y_i +- sigma_i),
 * x exact. With w_i = 1/sigma_i^2, S = sum w, Sx = sum w x, Sy = sum w y, Sxx = sum w x^2,
 * Sxy = sum w x y, D = S Sxx - Sx^2:
 *
 *   b = (S Sxy - Sx Sy) / D,  a = (Sxx Sy - Sx Sxy) / D,
 *   Var b = S / D,  Var a = Sxx / D,  Cov(a, b) = -Sx / D.
 *
 * (Computed about the weighted mean of x, which is the same algebra without cancellation.)
 * The errors are the formal ones (they do not rescale by chi^2 / dof). Fewer than two points,
 * all x equal, or a sigma that is not finite and > 0 give NaN.
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>, sigma: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (y.length !== n || sigma.length !== n) throw new RangeError(`linearFit: lengths differ (x ${n}, y ${y.length}, sigma ${sigma.length})`);
  const nan: LinearFit = { slope: NaN, slopeError: NaN, intercept: NaN, interceptError: NaN, covariance: NaN, chi2: NaN, dof: n - 2 };
  if (n < 2) return nan;
  let S = 0;
  let Sx = 0;
  for (let i = 0; i < n; i++) {
    const s = sigma[i];
    if (!(s > 0) || !Number.isFinite(s) || !Number.isFinite(x[i]) || !Number.isFinite(y[i])) return nan;
    S += 1 / (s * s);
    Sx += x[i] / (s * s);
  }
  const xbar = Sx / S;
  let Stt = 0;
  let Sty = 0;
  let Sy = 0;
  for (let i = 0; i < n; i++) {
    const w = 1 / (sigma[i] * sigma[i]);
    const t = x[i] - xbar;
    Stt += w * t * t;
    Sty += w * t * y[i];
    Sy += w * y[i];
  }
  if (!(Stt > 0)) return nan;
  const slope = Sty / Stt;
  const intercept = Sy / S - slope * xbar;
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += ((y[i] - intercept - slope * x[i]) / sigma[i]) ** 2;
  return {
    slope,
    slopeError: Math.sqrt(1 / Stt),
    intercept,
    interceptError: Math.sqrt(1 / S + (xbar * xbar) / Stt),
    covariance: -xbar / Stt,
    chi2,
    dof: n - 2,
  };
}

/** Result of {@link fitPowerLaw}. */
export interface PowerLawFit {
  /** Exponent p. */
  exponent: number;
  /** One-standard-deviation error of p (scaled by sqrt(chi^2/dof) when that exceeds 1). */
  exponentError: number;
  /** Amplitude A. */
  amplitude: number;
  /** chi^2 per degree of freedom (NaN with 2 points). */
  chi2PerDof: number;
  /** Number of points used. */
  points: number;
}

/**
 * Weighted fit of a power law y = A x^p as the straight line ln y = ln A + p ln x
 * ({@link linearFit}) with sigma(ln y) = yErr / y to first order. Points without x > 0, y > 0 and
 * a finite yErr > 0 are skipped; fewer than 2 usable points give NaN. When chi^2 / dof > 1 the
 * exponent's error is multiplied by sqrt(chi^2 / dof) (the points scatter more than their error
 * bars say); `chi2PerDof` is reported so callers can judge.
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>, yErr: ArrayLike<number>): PowerLawFit {
  if (x.length !== y.length || x.length !== yErr.length) {
    throw new RangeError(`fitPowerLaw: x, y and yErr must have the same length, got ${x.length}, ${y.length}, ${yErr.length}`);
  }
  const u: number[] = [];
  const v: number[] = [];
  const s: number[] = [];
  for (let k = 0; k < x.length; k++) {
    if (x[k] > 0 && y[k] > 0 && Number.isFinite(y[k]) && yErr[k] > 0 && Number.isFinite(yErr[k])) {
      u.push(Math.log(x[k]));
      v.push(Math.log(y[k]));
      s.push(yErr[k] / y[k]);
    }
  }
  const n = u.length;
  if (n < 2) return { exponent: NaN, exponentError: NaN, amplitude: NaN, chi2PerDof: NaN, points: n };
  const fit = linearFit(u, v, s);
  const chi2PerDof = fit.dof > 0 ? fit.chi2 / fit.dof : NaN;
  const scale = chi2PerDof > 1 ? Math.sqrt(chi2PerDof) : 1;
  return { exponent: fit.slope, exponentError: fit.slopeError * scale, amplitude: Math.exp(fit.intercept), chi2PerDof, points: n };
}
