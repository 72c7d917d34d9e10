/**
 * Binning (blocking) analysis of correlated time series.
 *
 * The series is cut into nb = floor(n / b) consecutive bins of length b (the
 * incomplete tail is dropped). For b much larger than the integrated
 * autocorrelation time the bin means are nearly independent, and the error of
 * the mean is estimated by
 *
 *   error = s_B / sqrt(nb),   s_B^2 = 1/(nb - 1) * sum_j (B_j - Bbar)^2,
 *
 * which includes the autocorrelation through the bin length.
 *
 * @module
 */

function checkBinSize(binSize: number): void {
  if (!Number.isInteger(binSize) || binSize < 1) {
    throw new RangeError(`binSize must be a positive integer, got ${binSize}`);
  }
}

/**
 * Means of consecutive non-overlapping bins:
 * B_j = (1/b) * sum_{i=j b}^{(j+1) b - 1} x_i,  j = 0..floor(n/b) - 1.
 * The incomplete tail bin (the last n mod b samples) is dropped.
 *
 * @param series time series of length n
 * @param binSize bin length b (positive integer)
 * @returns Float64Array of floor(n / b) bin means
 * @throws RangeError if binSize is not a positive integer
 */
export function binMeans(series: ArrayLike<number>, binSize: number): Float64Array {
  checkBinSize(binSize);
  const bins = Math.floor(series.length / binSize);
  const out = new Float64Array(bins);
  let i = 0;
  for (let j = 0; j < bins; j++) {
    let sum = 0;
    for (let k = 0; k < binSize; k++) sum += series[i++];
    out[j] = sum / binSize;
  }
  return out;
}

/**
 * Arithmetic mean (1/m) sum_j v_j; NaN for an empty input.
 */
export function sampleMean(values: ArrayLike<number>): number {
  const m = values.length;
  if (m === 0) return NaN;
  let sum = 0;
  for (let j = 0; j < m; j++) sum += values[j];
  return sum / m;
}

/**
 * Standard error of the mean of values treated as independent:
 * s / sqrt(m) with the sample variance s^2 = 1/(m - 1) * sum_j (v_j - vbar)^2
 * (two-pass). NaN when m < 2.
 */
export function standardError(values: ArrayLike<number>): number {
  const m = values.length;
  if (m < 2) return NaN;
  const mean = sampleMean(values);
  let ss = 0;
  for (let j = 0; j < m; j++) {
    const d = values[j] - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (m - 1) / m);
}

/** Binned estimate of a mean with a fixed bin size. */
export interface BinnedError {
  /** Mean of the bin means (the dropped tail is not included). NaN if there are no bins. */
  mean: number;
  /** s_B / sqrt(nb), sample std (nb - 1) of the bin means; NaN if nb < 2. */
  error: number;
  /** Number of complete bins nb = floor(n / b). */
  bins: number;
}

/**
 * Binned error of the mean for a given bin size b:
 * error = s_B / sqrt(nb), s_B^2 = 1/(nb - 1) sum_j (B_j - Bbar)^2, nb = floor(n / b).
 * NaN error when fewer than 2 bins.
 */
export function binnedError(series: ArrayLike<number>, binSize: number): BinnedError {
  const means = binMeans(series, binSize);
  return { mean: sampleMean(means), error: standardError(means), bins: means.length };
}

/** One level of the binning curve. */
export interface BinningLevel {
  /** Level k; the bin size is 2^k. */
  level: number;
  /** Bin size b = 2^k. */
  binSize: number;
  /** Number of complete bins floor(n / 2^k). */
  bins: number;
  /** s_B / sqrt(bins), sample std (bins - 1) of the bin means. */
  error: number;
}

/**
 * Binning curve: the binned error of the mean as a function of bin size 2^k,
 * k = 0, 1, 2, ... while at least minBins (default 32) bins remain.
 *
 * error_k = s_{B,k} / sqrt(nb_k),  nb_k = floor(n / 2^k).
 *
 * error_0 is the naive (uncorrelated) error sigma / sqrt(n); for bins much longer than tau_int
 * the curve reaches a plateau at sqrt(2 tau_int) * error_0, so
 * tau_int ~= (error_plateau / error_0)^2 / 2. Level k+1 bins are averages of
 * pairs of level-k bins (identical to binMeans(series, 2^(k+1))), so the whole curve is O(n).
 *
 * @param series time series of length n
 * @param minBins minimum number of bins for a level to be included (default 32, at least 2)
 */
export function binningCurve(series: ArrayLike<number>, minBins = 32): BinningLevel[] {
  const need = Math.max(2, Math.ceil(minBins));
  const curve: BinningLevel[] = [];
  let means: Float64Array = Float64Array.from(series);
  let level = 0;
  let binSize = 1;
  while (means.length >= need) {
    curve.push({ level, binSize, bins: means.length, error: standardError(means) });
    const next = new Float64Array(Math.floor(means.length / 2));
    for (let j = 0; j < next.length; j++) next[j] = 0.5 * (means[2 * j] + means[2 * j + 1]);
    means = next;
    level += 1;
    binSize *= 2;
  }
  return curve;
}

/**
 * Bin length used for error bars:
 *
 *   b = max(ceil(n / 100), ceil(10 tau_int)),  then capped at floor(n / 2) so that
 *   at least 2 bins remain (b >= 1 always).
 *
 * Rationale: bin means of length b >= 10 tau_int are correlated only at the level of
 * ~tau_int / b, so the binned error is unbiased to a few percent; using at most ~100 bins
 * (b >= n / 100) keeps the bins long while leaving enough of them for a ~7% accurate
 * error estimate. If 10 tau_int exceeds n / 2 the cap applies and the error is
 * unreliable (the run is too short); callers should warn.
 * For n < 2 the result is 1 (which gives fewer than 2 bins; callers must handle that).
 *
 * @param n number of samples
 * @param tau integrated autocorrelation time (convention 1/2 for uncorrelated data)
 * @throws RangeError if tau is NaN or n is negative / not an integer
 */
export function chooseBinSize(n: number, tau: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (Number.isNaN(tau)) throw new RangeError('tau must not be NaN');
  const wanted = Math.max(Math.ceil(n / 100), Math.ceil(10 * tau), 1);
  return Math.max(1, Math.min(wanted, Math.floor(n / 2)));
}
