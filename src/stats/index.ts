/**
 * Statistics layer: turns Monte Carlo time series into estimates with honest error bars.
 * Knows nothing about spins.
 *
 * @module
 */

export { fftInPlace, autocovariance, autocorrelation, tauFromAutocorrelation, integratedAutocorrelationTime } from './autocorrelation.js';
export type { TauOptions, IntegratedAutocorrelation } from './autocorrelation.js';

export { binMeans, sampleMean, standardError, binnedError, binningCurve, chooseBinSize } from './binning.js';
export type { BinnedError, BinningLevel } from './binning.js';

export { jackknife, jackknifeError } from './jackknife.js';
export type { JackknifeResult } from './jackknife.js';

export { estimateMean, driftTest, analyzeSeries, DRIFT_MIN_SEGMENT_BINS } from './estimate.js';
export type { EstimateOptions, Estimate, DriftTest, DerivedEstimate, SeriesAnalysis } from './estimate.js';

export { valueCounts } from './histogram.js';
export type { ValueCounts } from './histogram.js';

export { weightedMean, linearFit, fitPowerLaw } from './fit.js';
export type { WeightedMean, LinearFit, PowerLawFit } from './fit.js';
