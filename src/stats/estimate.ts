/**
 * Estimates with error bars from Monte Carlo time series: mean, binned error,
 * integrated autocorrelation time, reliability warnings, and jackknife errors of
 * derived quantities over shared bins.
 *
 * @module
 */

import { checkOptions } from '../validate.js';
import { integratedAutocorrelationTime } from './autocorrelation.js';
import type { IntegratedAutocorrelation } from './autocorrelation.js';
import { binMeans, binnedError, chooseBinSize, standardError } from './binning.js';
import { jackknife } from './jackknife.js';

const ESTIMATE_KEYS = ['c', 'binSize', 'minRunTaus', 'driftThreshold'];

/** Options shared by {@link estimateMean} and {@link analyzeSeries}. */
export interface EstimateOptions {
  /** Sokal window constant c for tau_int (W >= c tau_int). Default 6. */
  c?: number;
  /** Force this bin size instead of {@link chooseBinSize}(n, tau_int). */
  binSize?: number;
  /** Warn when samples < minRunTaus * tau_int. Default 50. */
  minRunTaus?: number;
  /** Warn about incomplete equilibration when the drift |z| exceeds this. Default 4. */
  driftThreshold?: number;
}

/** Estimate of the mean of one time series. */
export interface Estimate {
  /** Mean of all n samples (NaN for an empty or non-finite series). */
  mean: number;
  /** Binned error s_B / sqrt(bins); NaN with a warning when bins < 2. */
  error: number;
  /** Integrated autocorrelation time (Sokal windowing); NaN when undefined (constant or too short series). */
  tauInt: number;
  /** Madras-Sokal error of tauInt: sqrt(2 (2W + 1) / n) tauInt. */
  tauIntError: number;
  /** Bin length used for the error. */
  binSize: number;
  /** Number of complete bins floor(n / binSize). */
  bins: number;
  /** Number of samples n. */
  samples: number;
  /** n / (2 tauInt): number of effectively independent samples. NaN when tauInt is NaN or <= 0. */
  effectiveSamples: number;
  /** Plain-sentence warnings about the reliability of this estimate. */
  warnings: string[];
}

/** Result of the drift (equilibration) test. */
export interface DriftTest {
  /**
   * Drift statistic used for warnings: the larger in magnitude of zReference and zSeparate
   * (NaN when neither could be formed: see {@link DRIFT_MIN_SEGMENT_BINS}).
   */
  z: number;
  /**
   * z with the stationary reference error for the first quarter:
   * (m_first - m_last) / (e_last sqrt(1 + h/q)), i.e. e_first replaced by e_last sqrt(h/q).
   * NaN if the last half holds fewer than DRIFT_MIN_SEGMENT_BINS bins.
   */
  zReference: number;
  /**
   * z with the binned error of each segment: (m_first - m_last) / sqrt(e_first^2 + e_last^2).
   * NaN if either segment holds fewer than DRIFT_MIN_SEGMENT_BINS bins.
   */
  zSeparate: number;
  /** Mean of the first q = floor(n/4) samples. */
  firstQuarterMean: number;
  /** Binned error of the first-quarter mean (from its own bins; NaN below 2 bins). */
  firstQuarterError: number;
  /** Number of complete bins in the first quarter. */
  firstQuarterBins: number;
  /** Mean of the last h = floor(n/2) samples. */
  lastHalfMean: number;
  /** Binned error of the last-half mean (NaN below 2 bins). */
  lastHalfError: number;
  /** Number of complete bins in the last half. */
  lastHalfBins: number;
}

/**
 * Minimum number of bins a segment must hold for the drift test to use its binned error.
 * With fewer bins the error estimate has so few degrees of freedom that |z| > 4 happens by
 * chance far too often (Student t with 3 degrees of freedom exceeds 4 in ~3% of runs).
 */
export const DRIFT_MIN_SEGMENT_BINS = 10;

/** Format a number for a warning sentence. */
function fmt(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  return x.toPrecision(3);
}

function segmentEstimate(segment: ArrayLike<number>, binSize: number): { mean: number; error: number; bins: number } {
  const bins = binMeans(segment, binSize);
  let sum = 0;
  for (let i = 0; i < segment.length; i++) sum += segment[i];
  return { mean: segment.length > 0 ? sum / segment.length : NaN, error: standardError(bins), bins: bins.length };
}

function slice(series: ArrayLike<number>, start: number, end: number): Float64Array {
  const out = new Float64Array(end - start);
  for (let i = start; i < end; i++) out[i - start] = series[i];
  return out;
}

function ratioZ(diff: number, se: number): number {
  if (Number.isNaN(se) || Number.isNaN(diff)) return NaN;
  if (se === 0) return diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
  return diff / se;
}

/**
 * Equilibration drift test: compare the mean of the first quarter of the series
 * (q = floor(n/4) samples) with the mean of the last half (h = floor(n/2) samples).
 * Each segment gets a binned error e (bins of binSize). Two statistics are formed:
 *
 *   zSeparate  = (m_first - m_last) / sqrt(e_first^2 + e_last^2)         (each segment's own error)
 *   zReference = (m_first - m_last) / sqrt((h/q) e_last^2 + e_last^2)    (stationary reference)
 *
 * and z is the one of larger magnitude. zReference is needed because a transient
 * confined to the first quarter inflates e_first itself (the drift shows up as spread of the
 * bin means), which caps zSeparate near sqrt(number of drifting bins) however large the drift;
 * under stationarity Var(m_first) = (h/q) Var(m_last), so e_last sqrt(h/q) is the error the
 * first-quarter mean should have. |z| > 4 signals that the start of the run is not in
 * equilibrium.
 *
 * A statistic is only formed when the segments whose errors it uses hold at least
 * {@link DRIFT_MIN_SEGMENT_BINS} bins; otherwise it is NaN (z is NaN when both are), meaning
 * "not testable", not "no drift". A zero error with differing means gives +-Infinity,
 * with equal means 0.
 */
export function driftTest(series: ArrayLike<number>, binSize: number): DriftTest {
  if (!Number.isInteger(binSize) || binSize < 1) throw new RangeError(`binSize must be a positive integer, got ${binSize}`);
  const n = series.length;
  const q = Math.floor(n / 4);
  const h = Math.floor(n / 2);
  const first = segmentEstimate(slice(series, 0, q), binSize);
  const last = segmentEstimate(slice(series, n - h, n), binSize);
  const diff = first.mean - last.mean;
  let zSeparate = NaN;
  let zReference = NaN;
  if (last.bins >= DRIFT_MIN_SEGMENT_BINS) {
    zReference = ratioZ(diff, last.error * Math.sqrt(1 + h / q));
    if (first.bins >= DRIFT_MIN_SEGMENT_BINS) {
      zSeparate = ratioZ(diff, Math.sqrt(first.error * first.error + last.error * last.error));
    }
  }
  let z: number;
  if (Number.isNaN(zSeparate)) z = zReference;
  else if (Number.isNaN(zReference)) z = zSeparate;
  else z = Math.abs(zReference) >= Math.abs(zSeparate) ? zReference : zSeparate;
  return {
    z,
    zReference,
    zSeparate,
    firstQuarterMean: first.mean,
    firstQuarterError: first.error,
    firstQuarterBins: first.bins,
    lastHalfMean: last.mean,
    lastHalfError: last.error,
    lastHalfBins: last.bins,
  };
}

function hasNonFinite(series: ArrayLike<number>): boolean {
  for (let i = 0; i < series.length; i++) if (!Number.isFinite(series[i])) return true;
  return false;
}

function undefinedEstimate(n: number, warning: string): Estimate {
  return {
    mean: NaN,
    error: NaN,
    tauInt: NaN,
    tauIntError: NaN,
    binSize: 0,
    bins: 0,
    samples: n,
    effectiveSamples: NaN,
    warnings: [warning],
  };
}

/** tau used to choose bins and to judge the run length: a NaN tau (constant series) counts as 1/2. */
function tauForRules(tau: IntegratedAutocorrelation): number {
  return Number.isFinite(tau.tau) ? Math.max(tau.tau, 0.5) : 0.5;
}

/** Core of estimateMean given a precomputed tau and a bin size. */
function estimateWith(series: ArrayLike<number>, tau: IntegratedAutocorrelation, binSize: number, options: EstimateOptions): Estimate {
  const n = series.length;
  const warnings: string[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += series[i];
  const mean = sum / n;

  const binned = binnedError(series, binSize);
  const error = binned.error;
  if (binned.bins < 2) {
    warnings.push(`only ${binned.bins} bin(s) of ${binSize} from ${n} samples: the error is undefined (NaN)`);
  }

  if (tau.constant) {
    warnings.push(
      `series of ${n} sample(s) is constant (zero variance): tau_int is undefined (NaN)` +
        (Number.isFinite(error) ? ` and the error ${fmt(error)} only reflects that no fluctuation was observed` : ''),
    );
  } else if (!Number.isFinite(tau.tau)) {
    warnings.push(`tau_int could not be estimated from ${n} samples (NaN)`);
  } else {
    if (tau.tau <= 0) {
      warnings.push(`estimated tau_int = ${fmt(tau.tau)} is not positive: the series of ${n} samples is too short`);
    }
    if (!tau.converged) {
      warnings.push(`automatic window did not converge up to W = ${tau.window}: tau_int = ${fmt(tau.tau)} is probably an underestimate; run longer`);
    }
  }

  const minRunTaus = options.minRunTaus ?? 50;
  const tauRule = tauForRules(tau);
  if (n < minRunTaus * tauRule) {
    warnings.push(`run of ${n} samples is shorter than ${fmt(minRunTaus)} tau_int = ${fmt(minRunTaus * tauRule)}: errors are unreliable`);
  }

  const threshold = options.driftThreshold ?? 4;
  const drift = driftTest(series, binSize);
  if (Number.isNaN(drift.z)) {
    warnings.push(
      `equilibration could not be checked: the last half of the run holds only ${drift.lastHalfBins} bin(s) of ${binSize} samples (the drift ` +
        `test needs ${DRIFT_MIN_SEGMENT_BINS})`,
    );
  } else if (Math.abs(drift.z) > threshold) {
    warnings.push(
      `equilibration looks incomplete: mean of the first quarter ${fmt(drift.firstQuarterMean)} differs from mean of the last half ` +
        `${fmt(drift.lastHalfMean)} +- ${fmt(drift.lastHalfError)} by z = ${fmt(drift.z)} (|z| > ${fmt(threshold)})`,
    );
  }

  return {
    mean,
    error,
    tauInt: tau.tau,
    tauIntError: tau.error,
    binSize,
    bins: binned.bins,
    samples: n,
    effectiveSamples: tau.tau > 0 ? n / (2 * tau.tau) : NaN,
    warnings,
  };
}

function validateBinSize(binSize: number): void {
  if (!Number.isInteger(binSize) || binSize < 1) throw new RangeError(`binSize must be a positive integer, got ${binSize}`);
}

/**
 * Mean of a Monte Carlo time series with an honest error bar.
 *
 * - mean = (1/n) sum_i x_i over all samples;
 * - tauInt, tauIntError: {@link integratedAutocorrelationTime} (Sokal windowing, c = 6 by default);
 * - binSize = {@link chooseBinSize}(n, tauInt) = max(ceil(n/100), ceil(10 tauInt)) capped at n/2
 *   (a NaN tauInt counts as 1/2), unless options.binSize is given;
 * - error = s_B / sqrt(bins), the sample std of the bin means over sqrt(bins)
 *   (autocorrelation enters through the bin length);
 * - effectiveSamples = n / (2 tauInt).
 *
 * Warnings (plain sentences with the numbers): run shorter than 50 tauInt; drift
 * between the mean of the first quarter and of the last half with |z| > 4 ({@link driftTest}:
 * binned errors of the segments, plus a stationary reference error for the first quarter),
 * or a run too short for that test (last half with fewer than 10 bins);
 * window not converged; constant series; fewer than 2 bins; non-finite samples.
 * An empty series, or one containing NaN/Infinity, gives NaN everywhere with a warning;
 * fewer than 2 bins gives error = NaN with a warning (never a fake 0).
 */
export function estimateMean(series: ArrayLike<number>, options: EstimateOptions = {}): Estimate {
  checkOptions('options', options, ESTIMATE_KEYS);
  const n = series.length;
  if (n === 0) return undefinedEstimate(0, 'empty series: no estimate (NaN)');
  if (hasNonFinite(series)) {
    return undefinedEstimate(n, `series of ${n} samples contains NaN or infinite values: no estimate (NaN)`);
  }
  const tau = integratedAutocorrelationTime(series, { c: options.c });
  let binSize: number;
  if (options.binSize !== undefined) {
    validateBinSize(options.binSize);
    binSize = options.binSize;
  } else {
    binSize = chooseBinSize(n, tauForRules(tau));
  }
  return estimateWith(series, tau, binSize, options);
}

/** Jackknife estimate of a derived quantity. */
export interface DerivedEstimate {
  /** f evaluated at the full-sample means of the primaries. */
  mean: number;
  /** Jackknife error over the common bins; NaN if fewer than 2 bins. */
  error: number;
  /** Jackknife bias estimate (nb - 1)(fbar - f(bin means)). */
  bias: number;
}

/** Result of {@link analyzeSeries}. */
export interface SeriesAnalysis {
  /** Common number of samples n of every series. */
  samples: number;
  /** Common bin size used for every primary and for the jackknife. */
  binSize: number;
  /** Common number of bins floor(n / binSize). */
  bins: number;
  /** Largest finite tau_int among the primaries (NaN if none is finite). */
  tauMax: number;
  /** Estimate of every primary, all with the common bin size. */
  primaries: Record<string, Estimate>;
  /** Jackknife estimate of every derived quantity. */
  derived: Record<string, DerivedEstimate>;
  /** All warnings, each prefixed with the name of the quantity it concerns. */
  warnings: string[];
}

/**
 * Analyze several time series from the same run with ONE common binning.
 *
 * - tau_int of every primary by {@link integratedAutocorrelationTime};
 * - common bin size b = {@link chooseBinSize}(n, max_k tau_int,k) (or options.binSize), so the
 *   bins are shared and correlations between primaries are kept;
 * - every primary: {@link estimateMean}-style estimate with bin size b;
 * - every derived quantity g: mean = g(full-sample means of the primaries), error and bias by the
 *   leave-one-bin-out {@link jackknife} over the common bins.
 *
 * All series must have the same length (RangeError otherwise). With an empty set of series,
 * empty series, or fewer than 2 bins, values are NaN and a warning is added.
 *
 * @param seriesByName primary time series by name
 * @param derived derived quantities: functions of the means of the primaries (by name)
 */
export function analyzeSeries(
  seriesByName: Record<string, ArrayLike<number>>,
  derived: Record<string, (means: Record<string, number>) => number> = {},
  options: EstimateOptions = {},
): SeriesAnalysis {
  checkOptions('options', options, ESTIMATE_KEYS);
  const names = Object.keys(seriesByName);
  const derivedNames = Object.keys(derived);
  const warnings: string[] = [];
  const primaries: Record<string, Estimate> = {};
  const derivedOut: Record<string, DerivedEstimate> = {};
  const n = names.length === 0 ? 0 : seriesByName[names[0]].length;

  const nanDerived = (reason: string): SeriesAnalysis => {
    for (const d of derivedNames) {
      derivedOut[d] = { mean: NaN, error: NaN, bias: NaN };
      warnings.push(`${d}: ${reason}`);
    }
    return { samples: n, binSize: 0, bins: 0, tauMax: NaN, primaries, derived: derivedOut, warnings };
  };

  if (names.length === 0) {
    warnings.push('no series given: nothing to estimate');
    return nanDerived('no primary series: no estimate (NaN)');
  }
  for (const name of names) {
    if (seriesByName[name].length !== n) {
      throw new RangeError(`analyzeSeries: series "${name}" has ${seriesByName[name].length} samples, expected ${n} (all series must have the same length)`);
    }
  }

  const invalid = names.filter((name) => n === 0 || hasNonFinite(seriesByName[name]));
  if (invalid.length > 0) {
    for (const name of names) {
      const est = estimateMean(seriesByName[name], options);
      primaries[name] = est;
      for (const w of est.warnings) warnings.push(`${name}: ${w}`);
    }
    return nanDerived(`primary series ${invalid.join(', ')} cannot be estimated: no estimate (NaN)`);
  }

  const taus: Record<string, IntegratedAutocorrelation> = {};
  let tauMax = NaN;
  for (const name of names) {
    const t = integratedAutocorrelationTime(seriesByName[name], { c: options.c });
    taus[name] = t;
    if (Number.isFinite(t.tau) && !(t.tau <= tauMax)) tauMax = t.tau;
  }

  let binSize: number;
  if (options.binSize !== undefined) {
    validateBinSize(options.binSize);
    binSize = options.binSize;
  } else {
    binSize = chooseBinSize(n, Number.isFinite(tauMax) ? Math.max(tauMax, 0.5) : 0.5);
  }

  const binned: Float64Array[] = [];
  const fullMeans: Record<string, number> = {};
  for (const name of names) {
    const est = estimateWith(seriesByName[name], taus[name], binSize, options);
    primaries[name] = est;
    fullMeans[name] = est.mean;
    for (const w of est.warnings) warnings.push(`${name}: ${w}`);
    binned.push(binMeans(seriesByName[name], binSize));
  }
  const bins = binned[0].length;

  for (const d of derivedNames) {
    const g = derived[d];
    const wrapped = (means: number[]): number => {
      const record: Record<string, number> = {};
      for (let k = 0; k < names.length; k++) record[names[k]] = means[k];
      return g(record);
    };
    const jk = jackknife(binned, wrapped);
    const mean = g({ ...fullMeans });
    derivedOut[d] = { mean, error: jk.error, bias: jk.bias };
    if (bins < 2) {
      warnings.push(`${d}: only ${bins} bin(s) of ${binSize}: the jackknife error is undefined (NaN)`);
    } else if (!Number.isFinite(mean) || !Number.isFinite(jk.error)) {
      warnings.push(`${d}: derived value ${fmt(mean)} +- ${fmt(jk.error)} is not finite`);
    }
  }

  return { samples: n, binSize, bins, tauMax, primaries, derived: derivedOut, warnings };
}
