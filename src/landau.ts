/**
 * Landau free energy from data: the histogram P(m) of the order parameter over a run gives
 *
 *   F(m) = -ln P(m) / N        (per site, in units of k_B T, up to an additive constant),
 *
 * fitted by the Landau polynomial F = a0 + a2 m^2 + a4 m^4 + a6 m^6. A single well (minimum at
 * m = 0, a2 > 0) above the transition turns into a double well (minima at +-m*, a2 < 0) below it:
 * spontaneous symmetry breaking. On a finite lattice the turn happens at T*(L) > Tc, and
 * T*(L) - Tc shrinks like L^(-1/nu) (nu = 1 for the 2D Ising model).
 *
 * The order parameter is an n-component vector per site: n = 1 for the Ising model (m = M/N),
 * n = 2 for models with continuous symmetry (XY: (m_x, m_y), whose F is the Mexican hat). For a
 * symmetric distribution (Ising at h = 0: P(m) = P(-m); O(n) at h = 0: P depends on |m| only) the
 * profile is taken over r = |m|, with P the probability per unit of the order-parameter space:
 * counts divided by the number of allowed values in the bin (Ising, whose m lives on a grid of
 * step 2/N) or by the bin's volume (continuous: 2/bins for n = 1, the shell r^n for n >= 2).
 * For n = 2 a map F(m_x, m_y) on a square grid is returned too. `landau(sim)` takes the vector
 * m = M / N of the XY and clock models (n = 2) and of the Heisenberg model (n = 3) from their records:
 * below T_BKT (or at low T) F(|m|) has its minimum on a ring |m| = m* > 0 with a barrier at the
 * centre (shape `ring`: the Mexican hat), above it a single well.
 *
 * The q-state Potts model (q >= 3) has no m -> -m symmetry: its order parameter projected on the
 * direction of state 0, m_0 = (q n_0 / N - 1) / (q - 1) in [-1/(q-1), 1], has F with a cubic term
 * (the cubic invariant of the Z_q symmetry), fitted as F = a0 + a1 m + a2 m^2 + a3 m^3 + a4 m^4 (+ a6 m^6):
 * at low T the well of the ordered state 0 at m_0 -> 1 faces the q - 1 ordered states of the other
 * spins, all at m_0 -> -1/(q-1). For q = 3 the map of the two-component M (three wells) is given too.
 *
 * Errors: the run is cut into time bins (length from tau_int of |m|, stats chooseBinSize);
 * F of a histogram bin gets error sigma_P / (N P) from the spread of its count over time bins;
 * the fit coefficients and the barrier get leave-one-time-bin-out jackknife errors.
 */
import { checkOptions, rejectUnknownKeys } from './validate.js';
import { InvalidOptionError } from './errors.js';
import { leastSquares, type Matrix } from './linalg.js';
import type { Measurement, Observable } from './measure.js';
import { checkCount, checkPositive } from './options.js';
import type { Simulation } from './simulation.js';
import { modelDefinition } from './models/index.js';
import { chooseBinSize, integratedAutocorrelationTime, jackknife } from './stats/index.js';

/** Samples of an n-component order parameter per site, one value per component per configuration. */
export interface OrderParameterSamples {
  /** components[c][t]: component c of configuration t (Ising: one component, m = M / N). */
  components: readonly ArrayLike<number>[];
  /** Number of sites N: F = -ln P / N. */
  sites: number;
  /** Grid step of a one-component order parameter that takes discrete values (Ising: 2 / N); omitted for continuous ones. */
  step?: number;
  /** Lowest value of that grid (Ising -1; Potts m_0: -1/(q-1)). @default -1 */
  origin?: number;
  /** P is symmetric (m -> -m, or rotations for n >= 2): profile over |m|. Required true for n >= 2. @default true */
  symmetric?: boolean;
}

/** Options of the analysis. */
export interface LandauOptions {
  /**
   * Histogram bins across [-1, 1] (odd, so that m = 0 is a bin centre); |m| and r profiles use (bins + 1) / 2 of
   * them. For a grid order parameter at most the number of grid values. @default 51
   */
  bins?: number;
  /** Histogram bins with fewer counts are reported but not fitted (and cannot be the well). @default 10 */
  minCount?: number;
  /** Time-bin length (configurations) for the errors. @default from tau_int of |m| */
  binSize?: number;
  /**
   * Highest power of the Landau fit: 6 (a2, a4, a6) or 4 (a2, a4, the phi^4 form). Near the
   * crossover the quartic gives the steadier a2: the sextic trades a2 against a6 where F is flat.
   * @default 6
   */
  order?: 4 | 6;
  /** Fit a cubic term a3 m^3 too (signed profiles only: the Potts cubic invariant). @default false */
  cubic?: boolean;
}

/** One bin of the profile. */
export interface LandauPoint {
  /** Centre of the bin (m, |m| or r). */
  x: number;
  /** Configurations in the bin. */
  count: number;
  /** F = -ln P / N, with its error; null where the bin is empty. */
  F: number | null;
  error: number | null;
  /** Whether the fit used this bin. */
  fitted: boolean;
}

/** Fit F = a0 + a1 x + a2 x^2 + a3 x^3 + a4 x^4 + a6 x^6 (a1 only for a signed, non-symmetric profile; a3 only with `cubic`; a6 only for order 6). */
export interface LandauFit {
  order: 4 | 6;
  a0: Observable;
  a1?: Observable;
  a2: Observable;
  a3?: Observable;
  a4: Observable;
  a6?: Observable;
  chi2: number;
  dof: number;
  /** Position x* of the lowest point of the fit on [0, largest fitted x] (the spontaneous order parameter; 0 for a single well). Symmetric profiles only. */
  minimum?: number;
}

/**
 * F at the symmetric point minus the lowest F away from it (over the well-sampled bins):
 * positive for a barrier between two wells, negative when F rises away from 0.
 * `position` is where that lowest F lies.
 */
export type LandauBarrier =
  | { state: 'measured'; mean: number; error: number; position: number }
  /** The central bin was never visited: the barrier exceeds lowerBound. */
  | { state: 'unvisited'; lowerBound: number; position: number };

/**
 * The shape of F: a single well at 0; two wells at +-m* (one component); `ring` for an n >= 2
 * component order parameter whose F is lowest on the shell |m| = m* (the Mexican hat: a ring for
 * n = 2, a sphere for n = 3); flat within errors; undetermined (not symmetric).
 */
export type LandauShape = 'single-well' | 'double-well' | 'ring' | 'flat' | 'undetermined';

/**
 * The angle of a two-component order parameter with a q-fold anisotropy (the clock model), along
 * the ring: phi_M = atan2(m_y, m_x), folded onto its distance delta in [0, pi/q] from the nearest
 * of the q directions 2 pi k / q.
 * - `order`: psi_q = <cos(q phi_M)>, 1 when M sits in one of q wells, 0 for a uniform angle;
 * - `barrier`: ln(P_near / P_far), P_near the fraction of samples with delta < pi/(4q) (the quarter
 *   of the folded range at a well) and P_far with delta > 3 pi/(4q) (the quarter between two wells):
 *   the free-energy barrier along the ring in units of k_B T (not per site), > 0 for wells, 0 for a
 *   ring (the emergent U(1) of the clock model's intermediate phase);
 * - `shape`: `wells` when the barrier exceeds 3 errors (or the far quarter is never visited), else `ring`.
 * Errors: leave-one-time-bin-out jackknife over the profile's time bins.
 */
export interface LandauAngular {
  q: number;
  order: { mean: number; error: number };
  barrier: { mean: number; error: number } | { lowerBound: number };
  shape: 'wells' | 'ring';
}

export interface LandauProfile {
  components: number;
  sites: number;
  samples: number;
  /** Variable of the profile: signed m (n = 1, not symmetric), |m| (n = 1, symmetric) or r = |m| (n >= 2). */
  variable: 'm' | '|m|' | 'r';
  points: LandauPoint[];
  /** Undefined (with a warning) when fewer well-sampled bins than coefficients. */
  fit?: LandauFit;
  /**
   * `double-well` when the barrier exceeds 3 errors (or the symmetric point was never visited),
   * `single-well` when the fit has its minimum at 0 with a2 above 3 errors, `flat` otherwise (the
   * crossover, where F is flat around 0), `undetermined` for a non-symmetric profile.
   */
  shape: LandauShape;
  barrier?: LandauBarrier;
  /** The angle along the ring for a q-fold anisotropy (the clock model, n = 2): {@link LandauAngular}. */
  angular?: LandauAngular;
  /** F(m_x, m_y) on a bins x bins grid over [-1, 1]^2 (n = 2 only); null where empty. */
  map?: { x: number[]; F: (number | null)[][] };
  /** Time-bin length and count used for the errors. */
  binSize: number;
  bins: number;
  warnings: string[];
}

/** Barrier significance (in errors) for a double well. */
const WELL_Z = 3;

function checkBins(bins: unknown): number {
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 3 || bins > 100001 || bins % 2 === 0) {
    throw new InvalidOptionError('bins', bins, 'an odd integer from 3 to 100001 (odd, so that m = 0 is a bin centre)');
  }
  return bins;
}

interface Histogram {
  /** Bin of every configuration. */
  index: Int32Array;
  /** Measure (allowed values or volume) of every bin. */
  measure: Float64Array;
  /** Centre of every bin. */
  centre: Float64Array;
}

/** Signed histogram of a scalar order parameter over [-1, 1] with `bins` (odd) bins (a grid of `step` from `origin`). */
function scalarHistogram(m: ArrayLike<number>, bins: number, step: number | undefined, origin = -1): Histogram {
  const n = m.length;
  const index = new Int32Array(n);
  const measure = new Float64Array(bins);
  const centre = new Float64Array(bins);
  if (step !== undefined) {
    // the values -1, -1 + step, ..., 1: value i goes to floor((2i + 1) bins / (2 (G + 1))), G = 2 / step;
    // with bins odd no value lies on a boundary, so the binning is exactly mirror symmetric. A grid
    // from another origin (Potts m_0) puts value origin + i step in the bin of its position in [-1, 1].
    const G = Math.round((1 - origin) / step);
    const of =
      origin === -1
        ? (i: number) => Math.floor(((2 * i + 1) * bins) / (2 * (G + 1)))
        : (i: number) => Math.min(bins - 1, Math.max(0, Math.floor(((origin + i * step + 1) / 2) * bins)));
    for (let i = 0; i <= G; i++) {
      const j = of(i);
      measure[j] += 1;
      centre[j] += origin + i * step;
    }
    for (let j = 0; j < bins; j++) centre[j] = measure[j] > 0 ? centre[j] / measure[j] : -1 + ((j + 0.5) * 2) / bins;
    for (let t = 0; t < n; t++) index[t] = of(Math.round((m[t] - origin) / step));
  } else {
    for (let j = 0; j < bins; j++) {
      measure[j] = 2 / bins;
      centre[j] = -1 + ((j + 0.5) * 2) / bins;
    }
    for (let t = 0; t < n; t++) index[t] = Math.min(bins - 1, Math.max(0, Math.floor(((m[t] + 1) / 2) * bins)));
  }
  return { index, measure, centre };
}

/** Folds a signed histogram onto |m|: bin c + j collects bins c + j and c - j (c the centre bin). */
function fold(h: Histogram, bins: number): Histogram {
  const c = (bins - 1) / 2;
  const measure = new Float64Array(c + 1);
  const centre = new Float64Array(c + 1);
  for (let j = 0; j <= c; j++) {
    measure[j] = j === 0 ? h.measure[c] : h.measure[c + j] + h.measure[c - j];
    centre[j] = Math.abs(h.centre[c + j]);
  }
  return { index: h.index.map((j) => Math.abs(j - c)), measure, centre };
}

/** Radial histogram of an n-component order parameter: r in [0, 1] with `bins` bins of shell volume. */
function radialHistogram(components: readonly ArrayLike<number>[], bins: number): Histogram {
  const n = components[0].length;
  const d = components.length;
  const index = new Int32Array(n);
  const measure = new Float64Array(bins);
  const centre = new Float64Array(bins);
  for (let j = 0; j < bins; j++) {
    measure[j] = ((j + 1) ** d - j ** d) / bins ** d;
    centre[j] = (j + 0.5) / bins;
  }
  for (let t = 0; t < n; t++) {
    let r2 = 0;
    for (const c of components) r2 += c[t] * c[t];
    index[t] = Math.min(bins - 1, Math.floor(Math.sqrt(r2) * bins));
  }
  return { index, measure, centre };
}

/** Counts per time bin: counts[b][j] (the incomplete tail of the run is left out). */
function timeBinnedCounts(index: Int32Array, bins: number, binSize: number): Float64Array[] {
  const nb = Math.floor(index.length / binSize);
  const out = Array.from({ length: bins }, () => new Float64Array(nb));
  for (let t = 0; t < nb * binSize; t++) out[index[t]][Math.floor(t / binSize)] += 1;
  return out;
}

/** Lowest point x* in [xLow, xHigh] of a2 x^2 + a4 x^4 + a6 x^6 (the ends and the stationary points inside). */
function fittedMinimum(a2: number, a4: number, a6: number, xLow: number, xHigh: number): number {
  const F = (x: number) => a2 * x * x + a4 * x ** 4 + a6 * x ** 6;
  // stationary points: a2 + 2 a4 u + 3 a6 u^2 = 0, u = x^2
  const roots: number[] = [];
  if (a6 !== 0) {
    const disc = 4 * a4 * a4 - 12 * a6 * a2;
    if (disc >= 0) roots.push((-2 * a4 + Math.sqrt(disc)) / (6 * a6), (-2 * a4 - Math.sqrt(disc)) / (6 * a6));
  } else if (a4 !== 0) {
    roots.push(-a2 / (2 * a4));
  }
  const candidates = [
    xLow,
    xHigh,
    ...roots
      .filter((u) => u > 0)
      .map(Math.sqrt)
      .filter((x) => x > xLow && x < xHigh),
  ];
  return candidates.reduce((best, x) => (F(x) < F(best) ? x : best), xLow);
}

/**
 * F(m) = -ln P(m) / N from samples of the order parameter, its Landau fit and the shape of the
 * well. Pure analysis: see {@link landau} for a run of a simulation.
 */
export function landauFreeEnergy(data: OrderParameterSamples, options: LandauOptions = {}): LandauProfile {
  checkOptions('options', options, ['bins', 'minCount', 'binSize', 'order', 'cubic']);
  if (typeof data === 'object' && data !== null) rejectUnknownKeys(data, ['components', 'sites', 'step', 'origin', 'symmetric']);
  if (typeof data !== 'object' || data === null || !Array.isArray(data.components) || data.components.length === 0) {
    throw new InvalidOptionError('components', data?.components, 'an array of n >= 1 series, one per order-parameter component');
  }
  const d = data.components.length;
  const n = data.components[0].length;
  if (data.components.some((c) => c.length !== n) || n < 2) {
    throw new InvalidOptionError(
      'components',
      data.components.map((c) => c.length),
      'series of one common length >= 2',
    );
  }
  for (const c of data.components) {
    for (let t = 0; t < n; t++) {
      if (!(Math.abs(c[t]) <= 1)) throw new InvalidOptionError('components', c[t], 'order-parameter values per site in [-1, 1]');
    }
  }
  const sites = checkCount('sites', data.sites, 1);
  const symmetric = data.symmetric ?? true;
  if (d > 1 && symmetric !== true)
    throw new InvalidOptionError('symmetric', symmetric, 'true for an order parameter of 2 or more components (the profile is radial)');
  if (data.step !== undefined) {
    checkPositive('step', data.step);
    if (d > 1) throw new InvalidOptionError('step', data.step, 'no grid step for an order parameter of 2 or more components');
  }
  let bins = checkBins(options.bins ?? 51);
  const warnings: string[] = [];
  const origin = data.origin ?? -1;
  if (!(origin >= -1 && origin < 1)) throw new InvalidOptionError('origin', data.origin, 'a number from -1 to below 1');
  if (data.step !== undefined) {
    const values = Math.round((1 - origin) / data.step) + 1;
    if (bins > values) {
      warnings.push(`${bins} bins asked for ${values} possible values of m: using ${values % 2 === 1 ? values : values - 1} bins`);
      bins = values % 2 === 1 ? values : values - 1;
    }
  }
  const minCount = checkCount('minCount', options.minCount ?? 10, 1);
  const order = options.order ?? 6;
  if (order !== 4 && order !== 6) throw new InvalidOptionError('order', order, '4 or 6');

  // time bins from tau_int of |m|
  const norm = Float64Array.from({ length: n }, (_, t) => Math.sqrt(data.components.reduce((s, c) => s + c[t] * c[t], 0)));
  const tau = integratedAutocorrelationTime(norm).tau;
  const binSize = options.binSize === undefined ? chooseBinSize(n, Number.isFinite(tau) ? Math.max(tau, 0.5) : 0.5) : checkCount('binSize', options.binSize, 1);
  const timeBins = Math.floor(n / binSize);
  if (timeBins < 2) throw new InvalidOptionError('binSize', binSize, `at most ${Math.floor(n / 2)} (half the ${n} samples) so that the errors have 2 bins`);
  if (timeBins < 20) warnings.push(`only ${timeBins} time bins of ${binSize} samples: the errors are unreliable (run longer)`);

  const variable = d > 1 ? 'r' : symmetric ? '|m|' : 'm';
  const signed = d === 1 ? scalarHistogram(data.components[0], bins, data.step, origin) : undefined;
  const h = d > 1 ? radialHistogram(data.components, (bins + 1) / 2) : symmetric ? fold(signed!, bins) : signed!;
  const P = h.measure.length;
  const perTimeBin = timeBinnedCounts(h.index, P, binSize);
  const counts = new Float64Array(P);
  for (const j of h.index) counts[j]++;
  // F_j = -ln(count_j / (n measure_j)) / N; sigma_F = sigma_count / (N count) from the time bins
  const F = (c: number, j: number, total: number) => -Math.log(c / (total * h.measure[j])) / sites;
  const points: LandauPoint[] = [];
  for (let j = 0; j < P; j++) {
    const c = counts[j];
    const series = perTimeBin[j];
    let binned = 0;
    for (const v of series) binned += v;
    const mean = binned / timeBins;
    let ss = 0;
    for (const v of series) ss += (v - mean) ** 2;
    const countError = (Math.sqrt(ss / (timeBins - 1) / timeBins) * n) / binSize;
    const maxInOneBin = series.reduce((a, v) => Math.max(a, v), 0);
    points.push({
      x: h.centre[j],
      count: c,
      F: c > 0 ? F(c, j, n) : null,
      error: c > 0 ? countError / (sites * c) : null,
      // a fitted bin must keep counts when any one time bin is left out, and carry an error
      fitted: c >= minCount && binned - maxInOneBin > 0 && countError > 0,
    });
  }

  const fittedBins = points.map((p, j) => (p.fitted ? j : -1)).filter((j) => j >= 0);
  const cubic = options.cubic ?? false;
  if (cubic && variable !== 'm')
    throw new InvalidOptionError('cubic', cubic, 'false for a symmetric profile (a cubic term needs a signed, non-symmetric order parameter)');
  const powers = [0, ...(variable === 'm' ? [1] : []), 2, ...(cubic ? [3] : []), 4, ...(order === 6 ? [6] : [])];
  const design: Matrix = fittedBins.map((j) => powers.map((k) => h.centre[j] ** k));
  const weights = fittedBins.map((j) => 1 / points[j].error! ** 2);
  let fit: LandauFit | undefined;
  const full =
    fittedBins.length >= powers.length
      ? leastSquares(
          design,
          fittedBins.map((j) => points[j].F!),
          weights,
        )
      : null;
  if (full) {
    // jackknife over time bins: refit F_j = -ln(mean count per time bin / (binSize measure_j)) / N
    const binnedCounts = fittedBins.map((j) => perTimeBin[j]);
    const coefficient = (power: number): Observable => {
      const k = powers.indexOf(power);
      const jk = jackknife(binnedCounts, (means) => {
        const refit = leastSquares(
          design,
          means.map((c, i) => F(c, fittedBins[i], binSize)),
          weights,
        );
        return refit ? refit.coefficients[k] : NaN;
      });
      return { mean: full.coefficients[k], error: jk.error };
    };
    fit = {
      order,
      a0: coefficient(0),
      ...(variable === 'm' ? { a1: coefficient(1) } : {}),
      a2: coefficient(2),
      ...(cubic ? { a3: coefficient(3) } : {}),
      a4: coefficient(4),
      ...(order === 6 ? { a6: coefficient(6) } : {}),
      chi2: full.chi2,
      dof: full.dof,
    };
    if (variable !== 'm') {
      // the minimum is searched over the fitted range, from 0 when the centre bin is fitted
      const xLow = fittedBins[0] === 0 ? 0 : h.centre[fittedBins[0]];
      const xHigh = h.centre[fittedBins[fittedBins.length - 1]];
      fit.minimum = fittedMinimum(fit.a2.mean, fit.a4.mean, fit.a6?.mean ?? 0, xLow, xHigh);
      if (xLow > 0)
        warnings.push(
          `the fit starts at ${variable} = ${xLow.toPrecision(3)} (the centre is not sampled well): a2 is an extrapolation, the minimum is searched from there`,
        );
    }
  } else {
    warnings.push(
      `only ${fittedBins.length} histogram bins with at least ${minCount} counts: no Landau fit (it needs ${powers.length}; run longer or use fewer bins)`,
    );
  }

  // barrier: F at the symmetric point minus the lowest well-sampled F away from it
  let shape: LandauShape = 'undetermined';
  let barrier: LandauBarrier | undefined;
  const away = fittedBins.filter((j) => j > 0);
  if (variable !== 'm' && away.length > 0) {
    const well = away.reduce((best, j) => (points[j].F! < points[best].F! ? j : best), away[0]);
    if (counts[0] === 0) {
      barrier = { state: 'unvisited', lowerBound: Math.log(n * h.measure[0]) / sites - points[well].F!, position: h.centre[well] };
    } else {
      // jackknife over time bins of F(0) - F(well) = (ln(c_well / measure_well) - ln(c_0 / measure_0)) / N
      const jk = jackknife([perTimeBin[0], perTimeBin[well]], ([c0, cw]) =>
        c0 > 0 && cw > 0 ? (Math.log(cw / h.measure[well]) - Math.log(c0 / h.measure[0])) / sites : NaN,
      );
      const error = Number.isFinite(jk.error) ? jk.error : Math.hypot(points[0].error!, points[well].error!);
      barrier = { state: 'measured', mean: points[0].F! - points[well].F!, error, position: h.centre[well] };
    }
    if (barrier.state === 'unvisited' || barrier.mean > WELL_Z * barrier.error) shape = d >= 2 ? 'ring' : 'double-well';
    else if (fit && fit.minimum === 0 && fit.a2.mean > WELL_Z * fit.a2.error) shape = 'single-well';
    else shape = 'flat';
  } else if (variable === 'm') {
    warnings.push('the well shape is classified on symmetric profiles only (h = 0): shape is undetermined');
  }

  let map: LandauProfile['map'];
  if (d === 2) {
    const grid = Array.from({ length: bins }, () => new Float64Array(bins));
    const cell = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v + 1) / 2) * bins)));
    for (let t = 0; t < n; t++) grid[cell(data.components[1][t])][cell(data.components[0][t])]++;
    const area = (2 / bins) ** 2;
    map = {
      x: Array.from({ length: bins }, (_, j) => -1 + ((j + 0.5) * 2) / bins),
      F: grid.map((row) => Array.from(row, (c) => (c > 0 ? -Math.log(c / (n * area)) / sites : null))),
    };
  }

  return {
    components: d,
    sites,
    samples: n,
    variable,
    points,
    ...(fit ? { fit } : {}),
    shape,
    ...(barrier ? { barrier } : {}),
    ...(map ? { map } : {}),
    binSize,
    bins: timeBins,
    warnings,
  };
}

/** Options of {@link landau}. */
export interface LandauRunOptions extends Omit<LandauOptions, 'binSize'> {
  /** Sweeps recorded, one configuration each: an integer from 2 to 2^25. */
  sweeps: number;
  /** Sweeps run first and discarded. @default 0 */
  thermalize?: number;
}

/** A Landau profile of one simulation run, with the run's parameters. */
export interface LandauResult
  extends LandauProfile, Pick<Measurement, 'model' | 'lattice' | 'size' | 'temperature' | 'beta' | 'field' | 'algorithm' | 'backend' | 'seed'> {
  /** The Potts q (Potts runs only). */
  q?: number;
  /** What the profile is of: Ising m = M / N; Potts m_0, the order parameter along state 0 (module comment); continuous spins the vector M / N. */
  orderParameter: 'm' | 'm0' | 'vector';
  thermalize: number;
  sweeps: number;
}

const LANDAU_RUN_KEYS = ['sweeps', 'thermalize', 'bins', 'minCount', 'order'];

/**
 * Runs `sim` and returns F(m) = -ln P(m) / N of its magnetization per site m = M / N, folded onto
 * |m| at h = 0 (where P(m) = P(-m) exactly, so one run need not tunnel between the two wells),
 * signed at h != 0. Options are validated before any sweep.
 *
 * @example
 * const sim = await createSimulation({ size: 32, temperature: 2.0 });
 * const f = landau(sim, { thermalize: 2000, sweeps: 50000 });
 * f.shape;          // 'double-well'
 * f.fit?.minimum;   // ~ 0.91, Onsager's spontaneous magnetization at T = 2
 */
/** The q-fold angular profile of samples (m_x, m_y) over time bins of `binSize` samples: {@link LandauAngular}. */
export function landauAngular(mx: ArrayLike<number>, my: ArrayLike<number>, q: number, binSize: number): LandauAngular {
  if (!Number.isInteger(q) || q < 2) throw new InvalidOptionError('q', q, 'an integer >= 2 (the q-fold anisotropy of the angle)');
  const n = Math.min(mx.length, my.length);
  const bins = Math.floor(n / checkCount('binSize', binSize, 1));
  if (bins < 2) throw new InvalidOptionError('binSize', binSize, `at most ${Math.floor(n / 2)} (half the ${n} samples)`);
  const sector = (2 * Math.PI) / q;
  const cosines = new Float64Array(bins);
  const near = new Float64Array(bins);
  const far = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    for (let t = b * binSize; t < (b + 1) * binSize; t++) {
      const phi = Math.atan2(my[t], mx[t]);
      cosines[b] += Math.cos(q * phi) / binSize;
      const folded = phi - sector * Math.floor(phi / sector);
      const delta = Math.min(folded, sector - folded);
      if (delta < sector / 8) near[b] += 1 / binSize;
      else if (delta > (3 * sector) / 8) far[b] += 1 / binSize;
    }
  }
  const psi = jackknife([cosines], ([c]) => c);
  const nearTotal = near.reduce((a, c) => a + c, 0);
  const farTotal = far.reduce((a, c) => a + c, 0);
  let barrier: LandauAngular['barrier'];
  let shape: LandauAngular['shape'];
  if (farTotal === 0) {
    // between the wells never visited: the barrier exceeds ln of the near count
    barrier = { lowerBound: Math.log(nearTotal * binSize) };
    shape = 'wells';
  } else {
    const jk = jackknife([near, far], ([a, c]) => (a > 0 && c > 0 ? Math.log(a / c) : NaN));
    barrier = { mean: Math.log(nearTotal / farTotal), error: jk.error };
    shape = barrier.mean > WELL_Z * barrier.error ? 'wells' : 'ring';
  }
  return { q, order: { mean: psi.value, error: psi.error }, barrier, shape };
}

export function landau(sim: Simulation, options: LandauRunOptions): LandauResult {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('landau options', options, 'an object like { sweeps: 10000 }');
  for (const key of Object.keys(options)) {
    if (!LANDAU_RUN_KEYS.includes(key))
      throw new InvalidOptionError(
        key,
        (options as unknown as Record<string, unknown>)[key],
        `a known option (unknown option "${key}"; known: ${LANDAU_RUN_KEYS.join(', ')})`,
      );
  }
  checkBins(options.bins ?? 51);
  checkCount('minCount', options.minCount ?? 10, 1);
  if (options.order !== undefined && options.order !== 4 && options.order !== 6) throw new InvalidOptionError('order', options.order, '4 or 6');
  const sweeps = checkCount('sweeps', options.sweeps, 2);
  const thermalize = checkCount('thermalize', options.thermalize ?? 0, 0);
  const { model, q, lattice, size, temperature, beta, field, algorithm, seed } = sim.options;
  const sites = sim.sites;
  const fitOptions = { bins: options.bins, minCount: options.minCount, order: options.order };
  const run = { model, ...(q === undefined ? {} : { q }), lattice, size, temperature, beta, field, algorithm, backend: sim.backend, seed, thermalize, sweeps };
  const definition = modelDefinition(model);
  if (definition.recordType === 'float64') {
    // continuous spins (XY, clock, Heisenberg): the vector m = M / N from the records, n = 2 or 3;
    // at h = 0 P depends on |m| only: F over r = |m| (the Mexican hat), and the map for n = 2
    const components = model === 'heisenberg' ? 3 : 2;
    const width = definition.recordWidth(definition.parameters(sim.options));
    sim.sweep(thermalize);
    const records = new Float64Array(width * sweeps);
    sim.sweep(sweeps, records);
    const m = Array.from({ length: components }, (_, a) => Float64Array.from({ length: sweeps }, (_, t) => records[width * t + 2 + a] / sites));
    const profile = landauFreeEnergy({ components: m, sites, symmetric: true }, fitOptions);
    if (model === 'clock') profile.angular = landauAngular(m[0], m[1], q as number, profile.binSize);
    if (field !== 0) profile.warnings.push(`h = ${field}: the profile over |m| assumes P depends on |m| only, which holds at h = 0`);
    return { ...run, orderParameter: 'vector', ...profile };
  }
  if (model !== 'potts') {
    const measurement = sim.measure({ sweeps, thermalize, keepSeries: true });
    const profile = landauFreeEnergy({ components: [measurement.series!.magnetization], sites, step: 2 / sites, symmetric: field === 0 }, fitOptions);
    return { ...run, orderParameter: 'm', ...profile };
  }
  // Potts: m_0 = (q n_0 / N - 1) / (q - 1) on the grid -1/(q-1) + k q / ((q - 1) N); q = 2 is the Ising m
  const states = q as number;
  const width = states + 1;
  sim.sweep(thermalize);
  const records = new Int32Array(width * sweeps);
  sim.sweep(sweeps, records);
  const m0 = new Float64Array(sweeps);
  for (let t = 0; t < sweeps; t++) m0[t] = Math.min(1, Math.max(-1, ((states * records[width * t + 1]) / sites - 1) / (states - 1)));
  const symmetric = states === 2 && field === 0;
  const profile = landauFreeEnergy(
    { components: [m0], sites, step: states / ((states - 1) * sites), origin: -1 / (states - 1), symmetric },
    { ...fitOptions, cubic: !symmetric && states >= 3 },
  );
  if (states === 3) {
    // the map of M = sum_k n_k (cos 2 pi k / 3, sin 2 pi k / 3) / N: three wells below T_c
    const mx = new Float64Array(sweeps);
    const my = new Float64Array(sweeps);
    for (let t = 0, at = 0; t < sweeps; t++, at += width) {
      const [n0, n1, n2] = [records[at + 1], records[at + 2], records[at + 3]];
      mx[t] = (n0 - (n1 + n2) / 2) / sites;
      my[t] = ((Math.sqrt(3) / 2) * (n1 - n2)) / sites;
    }
    profile.map = landauFreeEnergy({ components: [mx, my], sites, symmetric: true }, fitOptions).map;
  }
  return { ...run, orderParameter: 'm0', ...profile };
}
