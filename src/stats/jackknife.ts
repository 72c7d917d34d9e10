/**
 * Leave-one-bin-out jackknife for functions of several means.
 *
 * @module
 */

/** Jackknife estimate of f(means). */
export interface JackknifeResult {
  /** f evaluated at the full bin-mean averages: f(Abar_1, ..., Abar_K). */
  value: number;
  /** sqrt((nb - 1)/nb * sum_i (f_i - fbar)^2). */
  error: number;
  /** Jackknife bias estimate (nb - 1) (fbar - f); the bias-corrected value is value - bias. */
  bias: number;
}

/**
 * Standard leave-one-bin-out jackknife.
 *
 * binned[k][i] is the mean of primary quantity k in bin i (all of length nb).
 * With Abar_k = (1/nb) sum_i binned[k][i] and the leave-one-out means
 * A_k^(i) = (nb Abar_k - binned[k][i]) / (nb - 1):
 *
 *   value = f(Abar),  f_i = f(A^(i)),  fbar = (1/nb) sum_i f_i,
 *   error = sqrt((nb - 1)/nb * sum_i (f_i - fbar)^2),
 *   bias  = (nb - 1) (fbar - value).
 *
 * For a linear f the error equals the binned error s_B / sqrt(nb) exactly; for
 * f = mean^2 the bias is exactly s^2 / nb.
 *
 * Returns NaN for value, error and bias when nb < 2 (or there are no primaries).
 * The means array passed to f is a fresh array on every call.
 *
 * @throws RangeError if the primaries have different numbers of bins
 */
export function jackknife(binned: readonly ArrayLike<number>[], f: (means: number[]) => number): JackknifeResult {
  const k = binned.length;
  if (k === 0) return { value: NaN, error: NaN, bias: NaN };
  const nb = binned[0].length;
  for (let q = 1; q < k; q++) {
    if (binned[q].length !== nb) {
      throw new RangeError(`jackknife: primary ${q} has ${binned[q].length} bins, expected ${nb}`);
    }
  }
  if (nb < 2) return { value: NaN, error: NaN, bias: NaN };

  const sums = new Float64Array(k);
  for (let q = 0; q < k; q++) {
    const b = binned[q];
    let s = 0;
    for (let i = 0; i < nb; i++) s += b[i];
    sums[q] = s;
  }
  const full: number[] = new Array<number>(k);
  for (let q = 0; q < k; q++) full[q] = sums[q] / nb;
  const value = f(full);

  // Work with deviations d_i = f_i - value: fbar - value = mean(d) without cancellation against |f|.
  const d = new Float64Array(nb);
  let dbar = 0;
  for (let i = 0; i < nb; i++) {
    const means: number[] = new Array<number>(k);
    for (let q = 0; q < k; q++) means[q] = (sums[q] - binned[q][i]) / (nb - 1);
    d[i] = f(means) - value;
    dbar += d[i];
  }
  dbar /= nb;
  let ss = 0;
  for (let i = 0; i < nb; i++) {
    const e = d[i] - dbar;
    ss += e * e;
  }
  return { value, error: Math.sqrt(((nb - 1) / nb) * ss), bias: (nb - 1) * dbar };
}

/**
 * Jackknife error from leave-one-bin-out replica values f_1 .. f_nb of any estimator:
 * sqrt((nb - 1)/nb * sum_i (f_i - fbar)^2). NaN when nb < 2 or a replica is not finite.
 *
 * For an estimator built from several INDEPENDENT data sets (e.g. runs of different lattice
 * sizes), jackknife each data set in turn with the others held at their full samples and add
 * the variances: error^2 = sum_d jackknifeError(replicas_d)^2.
 */
export function jackknifeError(replicas: ArrayLike<number>): number {
  const nb = replicas.length;
  if (nb < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < nb; i++) mean += replicas[i];
  mean /= nb;
  let ss = 0;
  for (let i = 0; i < nb; i++) ss += (replicas[i] - mean) ** 2;
  return Math.sqrt(((nb - 1) / nb) * ss);
}
