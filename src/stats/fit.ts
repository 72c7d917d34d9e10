/**
 * Weighted least-squares fit of a power law y = A x^p, done as a straight line in log-log:
 *
 *   ln y = ln A + p ln x,   weights w_k = 1 / sigma_k^2,   sigma_k = yErr_k / y_k
 *
 * (the error of ln y to first order). With S = sum w, Sx = sum w u, Sy = sum w v,
 * Sxx = sum w u^2, Sxy = sum w u v (u = ln x, v = ln y) and D = S Sxx - Sx^2:
 *
 *   p = (S Sxy - Sx Sy) / D,   ln A = (Sxx Sy - Sx Sxy) / D,
 *   var(p) = S / D,            var(ln A) = Sxx / D,
 *   chi^2 = sum w (v - ln A - p u)^2 with n - 2 degrees of freedom.
 *
 * When chi^2 / dof > 1 the errors are multiplied by sqrt(chi^2 / dof) (the scatter of the points
 * is then larger than their error bars say); `chi2PerDof` is reported so callers can judge.
 *
 * @module
 */

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
 * Fits y = A x^p to points with x > 0, y > 0 and finite yErr > 0 (other points are skipped).
 * Returns NaN values when fewer than 2 usable points remain.
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>, yErr: ArrayLike<number>): PowerLawFit {
  if (x.length !== y.length || x.length !== yErr.length) {
    throw new RangeError(`fitPowerLaw: x, y and yErr must have the same length, got ${x.length}, ${y.length}, ${yErr.length}`);
  }
  const u: number[] = [];
  const v: number[] = [];
  const w: number[] = [];
  for (let k = 0; k < x.length; k++) {
    if (x[k] > 0 && y[k] > 0 && Number.isFinite(y[k]) && yErr[k] > 0 && Number.isFinite(yErr[k])) {
      u.push(Math.log(x[k]));
      v.push(Math.log(y[k]));
      w.push((y[k] / yErr[k]) ** 2);
    }
  }
  const n = u.length;
  if (n < 2) return { exponent: NaN, exponentError: NaN, amplitude: NaN, chi2PerDof: NaN, points: n };
  let S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (let k = 0; k < n; k++) {
    S += w[k];
    Sx += w[k] * u[k];
    Sy += w[k] * v[k];
    Sxx += w[k] * u[k] * u[k];
    Sxy += w[k] * u[k] * v[k];
  }
  const D = S * Sxx - Sx * Sx;
  const p = (S * Sxy - Sx * Sy) / D;
  const lnA = (Sxx * Sy - Sx * Sxy) / D;
  let chi2 = 0;
  for (let k = 0; k < n; k++) chi2 += w[k] * (v[k] - lnA - p * u[k]) ** 2;
  const chi2PerDof = n > 2 ? chi2 / (n - 2) : NaN;
  const scale = chi2PerDof > 1 ? Math.sqrt(chi2PerDof) : 1;
  return { exponent: p, exponentError: Math.sqrt(S / D) * scale, amplitude: Math.exp(lnA), chi2PerDof, points: n };
}
