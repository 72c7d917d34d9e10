/**
 * Turns the per-sweep raw records of a kernel, (B, M) = (sum_<ij> s_i s_j, sum_i s_i),
 * into observables with error bars. Kernels emit raw integers; this layer converts them
 * to per-site quantities and hands the series to the statistics layer (src/stats).
 *
 * Definitions (N = L^2 sites, beta = 1/T, e = E/N with E = -B - h M, m = M/N):
 *   energy              <e>
 *   absMagnetization    <|m|>
 *   magnetization2      <m^2>
 *   magnetization4      <m^4>
 *   specificHeat        c = N beta^2 (<e^2> - <e>^2)
 *   susceptibility      chi = N beta (<m^2> - <|m|>^2)      (the finite-lattice estimator from |m|)
 *   susceptibilityFull  chi' = N beta <m^2>                  (equals N beta (<m^2> - <m>^2) at h = 0 by symmetry)
 *   binder              U4 = 1 - <m^4> / (3 <m^2>^2)         (-> 2/3 ordered, -> 0 disordered)
 *   binderRatio         Q = <m^4> / <m^2>^2 = 3 (1 - U4)     (-> 1 ordered, -> 3 disordered)
 * Errors: primaries by binning with one common bin length >= 10 tau_int (the largest among
 * e, e^2, |m|, m^2, m^4); derived quantities by leave-one-bin-out jackknife over the same bins.
 */
import type { Algorithm, BackendName, ClusterAlgorithm, Lattice, Model, Start } from './vocabulary.js';
import { analyzeSeries, valueCounts } from './stats/index.js';
import { InvalidOptionError } from './errors.js';
import type { ValueCounts } from './stats/index.js';

/** A mean with its one-standard-deviation error. */
export interface Observable {
  mean: number;
  error: number;
}

/** A directly sampled observable also reports its integrated autocorrelation time (in sweeps). */
export interface SampledObservable extends Observable {
  tauInt: number;
}

export interface Observables {
  energy: SampledObservable;
  absMagnetization: SampledObservable;
  magnetization2: SampledObservable;
  magnetization4: SampledObservable;
  specificHeat: Observable;
  susceptibility: Observable;
  susceptibilityFull: Observable;
  binder: Observable;
  binderRatio: Observable;
}

export type ObservableName = keyof Observables;

/**
 * Observables of a Potts measurement: the common ones (m = |M| / N of the simplex order parameter,
 * src/models/potts/observables.ts) plus the majority fraction and the energy cumulant V4.
 */
export interface PottsObservables extends Observables {
  /** <max_k n_k / N>: the fraction of the majority state. */
  majority: SampledObservable;
  /** V4 = 1 - <e^4> / (3 <e^2>^2) (Challa, Landau and Binder 1986). */
  energyCumulant: Observable;
}

/**
 * Observables of an XY measurement (formulas in src/models/xy/observables.ts): the common ones with
 * m the 2-component magnetization per site (|m| its length) and the O(2) Binder cumulant
 * U = 2 - <|m|^4> / <|m|^2>^2 in `binder`, plus the vector m, the helicity modulus and the vortex density.
 */
export interface XyObservables extends Observables {
  /** <m_x> = <sum_i cos theta_i> / N. */
  magnetizationX: SampledObservable;
  /** <m_y> = <sum_i sin theta_i> / N. */
  magnetizationY: SampledObservable;
  /** Upsilon = (1 / 2N) sum_mu [<B_mu> - beta (<I_mu^2> - <I_mu>^2)], the spin stiffness. */
  helicityModulus: Observable;
  /** <V> / N: plaquettes with winding number +1 or -1 per site. */
  vortexDensity: SampledObservable;
}

/**
 * Observables of a Heisenberg measurement (src/models/continuous/observables.ts, n = 3): the common
 * ones with m the 3-component magnetization per site and the O(3) Binder cumulant
 * U = 5/2 - (3/2) <|m|^4> / <|m|^2>^2 in `binder`, plus the vector m.
 */
export interface HeisenbergObservables extends Observables {
  magnetizationX: SampledObservable;
  magnetizationY: SampledObservable;
  /** <m_z>: the component along the field. */
  magnetizationZ: SampledObservable;
}

/**
 * Observables of a phi^4 measurement (formulas in src/models/phi4/observables.ts): the common ones
 * with m = (1/N) sum_i phi_i the 2-component magnetization per site, e the hopping energy per site
 * (conjugate to beta) and the O(2) Binder cumulant U = 2 - <|m|^4> / <|m|^2>^2 in `binder`, plus the
 * vector m, <|phi|^2> and the potential per site.
 */
export interface Phi4Observables extends Observables {
  magnetizationX: SampledObservable;
  magnetizationY: SampledObservable;
  /** <|phi|^2> = <sum_i |phi_i|^2> / N. */
  phi2: SampledObservable;
  /** <sum_i V(phi_i)> / N with V(phi) = |phi|^2 + lambda (|phi|^2 - 1)^2. */
  potential: SampledObservable;
}

/** Improved estimators from cluster sizes (src/cluster/improved.ts; valid at h = 0). */
export interface ImprovedEstimators {
  /** <m^2> from cluster sizes (see module comment). */
  magnetization2: SampledObservable;
  /** chi' = N beta <m^2> from cluster sizes. */
  susceptibilityFull: SampledObservable;
}

/** Correlation observables of one measurement; formulas in src/correlation.ts. */
export interface CorrelationMeasurement {
  /** Sweeps between two correlation samples. */
  every: number;
  /** Number of correlation samples. */
  samples: number;
  /** Distances r = 0 .. L/2 (lattice units). */
  distances: number[];
  /** G(r) for every distance (G(0) = 1 exactly, error 0). */
  correlation: Observable[];
  /** S(0) = N <m^2>. */
  structureFactorZero: Observable;
  /** S(k_min), |k_min| = 2 pi / L, averaged over both axes. */
  structureFactorMin: Observable;
  /** Second-moment correlation length xi_2nd (lattice units). */
  correlationLength: Observable;
  /** Common bin length (in samples) and number of bins of the error analysis. */
  binSize: number;
  bins: number;
  /** Reliability warnings of S(0), S(k_min), xi_2nd and (summarised) G(r). */
  warnings: string[];
}

/** The observables a measurement of model M reports. */
export type ObservablesOf<M extends Model> = M extends 'potts'
  ? PottsObservables
  : M extends 'xy' | 'clock'
    ? XyObservables
    : M extends 'heisenberg'
      ? HeisenbergObservables
      : M extends 'phi4'
        ? Phi4Observables
        : Observables;

/** The parameters of a measurement: what was simulated, how, and how long. */
export interface MeasurementParameters {
  model: Model;
  lattice: Lattice;
  size: number;
  temperature: number;
  beta: number;
  field: number;
  algorithm: Algorithm;
  /** Wolff clusters per step (used by 'wolff' and by 'hybrid' with hybridCluster 'wolff'). */
  clustersPerStep: number;
  /** Metropolis sweeps per 'hybrid' step. */
  hybridSweeps: number;
  /** Cluster update of a 'hybrid' step. */
  hybridCluster: ClusterAlgorithm;
  backend: BackendName;
  seed: number;
  start: Start;
  thermalize: number;
  /** Recorded steps (sweeps for local algorithms; see `algorithm`). */
  sweeps: number;
  /** Work of the recorded steps in sweep equivalents (README "Work accounting"). */
  sweepEquivalents: number;
  /** Fraction of update attempts that changed a spin during the recorded sweeps (cluster algorithms: spins changed / (steps N)). */
  acceptance: number;
}

/** A measurement of model M: its parameters, its observables with errors, and what was asked for besides. */
export interface Measurement<M extends Model = Model> extends MeasurementParameters {
  model: M;
  observables: ObservablesOf<M>;
  /** The Potts or clock q (Potts and clock measurements only). */
  q?: number;
  /** Over-relaxation sweeps after each Metropolis sweep (XY measurements only). */
  overRelaxation?: number;
  /** The phi^4 quartic coupling lambda (phi^4 measurements only). */
  lambda?: number;
  /** Improved estimators from cluster sizes: cluster and hybrid algorithms at h = 0 only. */
  improved?: ImprovedEstimators;
  /** Common bin length (sweeps) and number of bins used for the errors. */
  binSize: number;
  bins: number;
  /** Reliability warnings (run too short for tau_int, drift suggesting incomplete equilibration, phases not sampled, ...). */
  warnings: string[];
  /**
   * Changes of the phase sector of the order parameter between consecutive recorded steps (Ising:
   * the sign of M; Potts: the majority state; a tie keeps the previous sector). Counted by every
   * measuring run (measure(), jobs, workers, sweeps); see src/phases.ts for the warning it feeds.
   */
  tunnelings?: number;
  /** Per-sweep e and m, when requested with keepSeries. */
  series?: { energy: Float64Array; magnetization: Float64Array };
  /** G(r), S(0), S(k_min) and xi_2nd (src/correlation.ts), when requested with `correlations`. */
  correlations?: CorrelationMeasurement;
  /** Histograms of the per-sweep e and m (each distinct value with its count), when requested with `histograms`. */
  histograms?: { energy: ValueCounts; magnetization: ValueCounts };
}

/** What measureSeries needs besides the records: the parameters, the number of sites, and whether to keep the series. */
export interface SeriesContext extends MeasurementParameters {
  sites: number;
  keepSeries: boolean;
}

/** Means of the sampled quantities from which the derived observables follow (per site). */
export interface PrimaryMeans {
  energy: number;
  energy2: number;
  absMagnetization: number;
  magnetization2: number;
  magnetization4: number;
}

export type DerivedName = 'specificHeat' | 'susceptibility' | 'susceptibilityFull' | 'binder' | 'binderRatio';
const DERIVED_NAMES: DerivedName[] = ['specificHeat', 'susceptibility', 'susceptibilityFull', 'binder', 'binderRatio'];

/** The derived observables of the module comment from the primary means, for N sites at beta = 1/T. */
export function derivedObservables(x: PrimaryMeans, sites: number, beta: number): Record<DerivedName, number> {
  const { energy: e, energy2: e2, absMagnetization: a, magnetization2: m2, magnetization4: m4 } = x;
  return {
    specificHeat: sites * beta * beta * (e2 - e * e),
    susceptibility: sites * beta * (m2 - a * a),
    susceptibilityFull: sites * beta * m2,
    binder: 1 - m4 / (3 * m2 * m2),
    binderRatio: m4 / (m2 * m2),
  };
}

/** Estimates every observable from interleaved (B, M) records, one pair per sweep. */
export function measureSeries(records: Int32Array, context: SeriesContext): Measurement {
  const n = records.length >> 1;
  const { sites: N, beta, field } = context;
  const e = new Float64Array(n);
  const m = new Float64Array(n);
  const e2 = new Float64Array(n);
  const absM = new Float64Array(n);
  const m2 = new Float64Array(n);
  const m4 = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const B = records[2 * k];
    const M = records[2 * k + 1];
    const ek = (-B - field * M) / N;
    const mk = M / N;
    const mk2 = mk * mk;
    e[k] = ek;
    m[k] = mk;
    e2[k] = ek * ek;
    absM[k] = Math.abs(mk);
    m2[k] = mk2;
    m4[k] = mk2 * mk2;
  }
  const analysis = analyzeSeries(
    { energy: e, energy2: e2, absMagnetization: absM, magnetization2: m2, magnetization4: m4 },
    Object.fromEntries(DERIVED_NAMES.map((name) => [name, (x: Record<string, number>) => derivedObservables(x as unknown as PrimaryMeans, N, beta)[name]])),
  );
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const derived = (name: string): Observable => {
    const d = analysis.derived[name];
    return { mean: d.mean, error: d.error };
  };
  const { keepSeries, sites: _sites, ...rest } = context;
  return {
    ...rest,
    observables: {
      energy: sampled('energy'),
      absMagnetization: sampled('absMagnetization'),
      magnetization2: sampled('magnetization2'),
      magnetization4: sampled('magnetization4'),
      specificHeat: derived('specificHeat'),
      susceptibility: derived('susceptibility'),
      susceptibilityFull: derived('susceptibilityFull'),
      binder: derived('binder'),
      binderRatio: derived('binderRatio'),
    },
    binSize: analysis.binSize,
    bins: analysis.bins,
    warnings: analysis.warnings,
    ...(keepSeries ? { series: { energy: e, magnetization: m } } : {}),
  };
}

/**
 * Adds the histograms of the per-sweep e and m (distinct values with counts) to a measurement
 * taken with its series, and drops the series unless `keepSeries`. Used by measure() and by the
 * job runner, so both give identical results.
 */
export function withHistograms(measurement: Measurement, keepSeries: boolean): Measurement {
  const series = measurement.series;
  if (!series) throw new InvalidOptionError('histograms', true, 'a measurement taken with its series');
  measurement.histograms = { energy: valueCounts(series.energy), magnetization: valueCounts(series.magnetization) };
  if (!keepSeries) delete measurement.series;
  return measurement;
}
