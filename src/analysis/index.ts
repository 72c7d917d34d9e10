/**
 * Analysis of runs at several temperatures and sizes: histogram reweighting, finite-size
 * scaling (Binder crossings, nu, gamma/nu), data-collapse quality and first-order transitions
 * (double peak, latent heat, interface tension, energy cumulant).
 *
 * @module
 */
export { Reweighting, multipleHistogram, singleHistogram, REWEIGHTED_NAMES } from './reweight.js';
export type { ReweightOptions, ReweightSeries, ReweightSeriesRun, ReweightedMoments, ReweightedName, ReweightedPoint, ReweightRun } from './reweight.js';
export { finiteSizeScaling } from './fss.js';
export type { BinderCrossing, FiniteSizeScaling, FittedExponent, FssOptions, SusceptibilityPeak } from './fss.js';
export { collapseQuality, collapseSeries } from './collapse.js';
export type { CollapseParameters, CollapseQuality, CollapseSeries } from './collapse.js';
export {
  analyzeDistributionFamily,
  analyzeFirstOrder,
  doublePeak,
  energyCumulant,
  energyCumulantLimit,
  firstOrderScaling,
  smoothDistribution,
  transitionPoints,
} from './first-order.js';
export type {
  DistributionFamily,
  DistributionFamilyOptions,
  DoublePeak,
  EnergyDistribution,
  FirstOrderAnalysis,
  FirstOrderOptions,
  FirstOrderRun,
  FirstOrderScaling,
  PeakPoint,
  PeakShape,
  SmoothedDistribution,
  TransitionPointOptions,
  TransitionPoints,
} from './first-order.js';
