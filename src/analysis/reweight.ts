/**
 * Histogram reweighting (Ferrenberg & Swendsen, PRL 61, 2635 (1988) and PRL 63, 1195 (1989)):
 * a few measured temperatures of one lattice size give smooth curves of every observable over
 * a range of temperatures, with jackknife error bands.
 *
 * Input: measurements of the same L and h taken with `keepSeries: true` (per-sweep e and m), or the
 * same as raw series ({@link ReweightSeries}: beta and per-site e, optionally m, per run).
 * Every observable is a function of the state through E = N e and m, so each run i (at
 * beta_i, n_i samples) is summarised by its energy histogram H_i(E) and the sums of |m|, m^2,
 * m^4 over the samples at each E.
 *
 * Multiple histogram (R runs; one run is the single-histogram case). With the statistical
 * inefficiency g_i = max(1, 2 tau_int(e)) of each run, the density of states and the free
 * energies solve (in logarithms; by Newton's method on the equivalent convex minimisation)
 *
 *   Omega(E) = sum_i H_i(E) / g_i  /  sum_i (n_i / g_i) exp(-beta_i E) / Z_i,
 *   Z_i      = sum_E Omega(E) exp(-beta_i E).
 *
 * At any beta: P_beta(E) = Omega(E) exp(-beta E) / sum_E (...), and for O in {|m|, m^2, m^4}
 * <O>_beta = sum_E P_beta(E) O(E), with O(E) = sum_i S_i^O(E)/g_i / sum_i H_i(E)/g_i the pooled
 * average of O over the samples at energy E. Then e = <E>/N, c = beta^2 (<E^2> - <E>^2)/N,
 * chi = N beta (<m^2> - <|m|>^2), chi' = N beta <m^2>, U4 = 1 - <m^4>/(3 <m^2>^2),
 * Q = <m^4>/<m^2>^2, as in src/measure.ts.
 *
 * Errors: every run is cut into the same number of bins b (default up to 50, each at least
 * 10 tau_int long); replica j leaves bin j out of EVERY run, the whole procedure is repeated,
 * and error = sqrt((b-1)/b sum_j (f_j - fbar)^2).
 *
 * Trust: the overlap of neighbouring runs' energy histograms, sum_E min(H_i/n_i, H_k/n_k), is
 * checked (warning below `minOverlap`); at every reweighted temperature the effective number of
 * samples behind it, ess = 1 / sum_E P_beta(E)^2 / H(E) (H the pooled counts; Kish), is
 * reported, and the point is `reliable` when ess >= minEssFraction x (mean samples per run).
 */
import { checkOptions, rejectUnknownKeys } from '../validate.js';
import { InvalidOptionError } from '../errors.js';
import { geometryOf, sitesOf } from '../lattice.js';
import { derivedObservables, type Measurement, type Observable } from '../measure.js';
import { checkCount, checkPositive } from '../options.js';
import { integratedAutocorrelationTime, jackknifeError } from '../stats/index.js';

/** Options of {@link multipleHistogram} and {@link singleHistogram}. */
export interface ReweightOptions {
  /** Jackknife bins per run. @default min(50, the largest count whose bins are >= 10 tau_int in every run) */
  bins?: number;
  /** Warn when the energy histograms of neighbouring runs overlap less than this (0..1). @default 0.1 */
  minOverlap?: number;
  /** A reweighted point is reliable when its ess is at least this fraction of the mean run length. @default 0.05 */
  minEssFraction?: number;
}

/** Means of every reweighted observable at one temperature (no errors). */
export interface ReweightedMoments {
  energy: number;
  energy2: number;
  specificHeat: number;
  absMagnetization: number;
  magnetization2: number;
  magnetization4: number;
  susceptibility: number;
  susceptibilityFull: number;
  binder: number;
  binderRatio: number;
}

/** Every reweighted observable reported with an error (the same names as in a Measurement). */
export type ReweightedName = Exclude<keyof ReweightedMoments, 'energy2'>;

export const REWEIGHTED_NAMES: readonly ReweightedName[] = [
  'energy',
  'specificHeat',
  'absMagnetization',
  'magnetization2',
  'magnetization4',
  'susceptibility',
  'susceptibilityFull',
  'binder',
  'binderRatio',
];

/** Every observable at one temperature with its jackknife error. */
export type ReweightedPoint = { temperature: number; beta: number; ess: number; reliable: boolean } & Record<ReweightedName, Observable>;

/** One run as used by the reweighting. */
export interface ReweightRun {
  temperature: number;
  /** Samples used (a multiple of the bin count; the last few samples of a run may be dropped). */
  samples: number;
  /** Statistical inefficiency g = max(1, 2 tau_int(e)). */
  inefficiency: number;
}

interface Dataset {
  /** ln of the pooled (1/g weighted) counts at each energy, -Infinity where none. */
  lnPooled: Float64Array;
  /** Pooled 1/g weighted sums of |m|, m^2, m^4 at each energy. */
  absM: Float64Array;
  m2: Float64Array;
  m4: Float64Array;
  /** ln(n_i / g_i) per run. */
  lnWeight: Float64Array;
  /** Solution: ln Omega(E) and ln Z_i. */
  lnOmega: Float64Array;
  lnZ: Float64Array;
  converged: boolean;
}

interface BinEntries {
  /** Energy index, count and sums per distinct energy of one bin of one run. */
  k: Int32Array;
  count: Float64Array;
  absM: Float64Array;
  m2: Float64Array;
  m4: Float64Array;
}

function logSumExp(values: Float64Array, length = values.length): number {
  let max = -Infinity;
  for (let i = 0; i < length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** Solves the n x n system held row-wise in A (n x (n + 1), last column the right-hand side) by Gaussian elimination with partial pivoting. */
function solveLinear(A: Float64Array, n: number): Float64Array {
  const m = n + 1;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * m + c]) > Math.abs(A[pivot * m + c])) pivot = r;
    if (pivot !== c) for (let k = 0; k < m; k++) [A[c * m + k], A[pivot * m + k]] = [A[pivot * m + k], A[c * m + k]];
    const p = A[c * m + c];
    if (p === 0) continue;
    for (let r = c + 1; r < n; r++) {
      const q = A[r * m + c] / p;
      if (q !== 0) for (let k = c; k < m; k++) A[r * m + k] -= q * A[c * m + k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let v = A[r * m + n];
    for (let k = r + 1; k < n; k++) v -= A[r * m + k] * x[k];
    x[r] = A[r * m + r] === 0 ? 0 : v / A[r * m + r];
  }
  return x;
}

/** One run given as raw series instead of a Measurement; see {@link ReweightSeries}. */
export interface ReweightSeriesRun {
  /** Inverse temperature of the run. */
  beta: number;
  /** Energy per site `e = E/N`, one value per recorded step. */
  energy: ArrayLike<number>;
  /** Order parameter per step; without it the magnetization observables come out NaN. */
  magnetization?: ArrayLike<number>;
}

/**
 * Runs of one lattice given as raw series (for models and callers without a Measurement). The integrated
 * autocorrelation times are measured on the series (Sokal windowing, src/stats/autocorrelation.ts).
 */
export interface ReweightSeries {
  /** Number of sites N. */
  sites: number;
  /** Linear size, reported as {@link Reweighting.size}. @default sqrt(sites) */
  size?: number;
  /** Field of the runs; at 0 the total energies N e are rounded to integers (exact for h = 0 models). @default 0 */
  field?: number;
  runs: readonly ReweightSeriesRun[];
}

/** A run as the reweighting uses it, from a Measurement or from raw series. */
interface RunInput {
  temperature: number;
  beta: number;
  energy: ArrayLike<number>;
  magnetization: ArrayLike<number> | undefined;
  /** tau_int for the bin length: the largest of the energy's and the magnetization's (at least 1/2). */
  tau: number;
  /** tau_int of the energy (1/2 when undefined), for the statistical inefficiency. */
  energyTau: number;
  /** Mean energy per site. */
  meanEnergy: number;
}

function finiteTau(t: number): number {
  return Number.isFinite(t) ? Math.max(t, 0.5) : 0.5;
}

/** Sorts by temperature and refuses two runs at one temperature. */
function byTemperature(runs: (RunInput & { index: number })[], label: (i: number) => string): RunInput[] {
  runs.sort((a, b) => a.temperature - b.temperature);
  for (let r = 1; r < runs.length; r++) {
    if (runs[r].temperature === runs[r - 1].temperature) {
      throw new InvalidOptionError(label(runs[r].index), runs[r].temperature, 'distinct temperatures (merge runs at the same temperature into one)');
    }
  }
  return runs;
}

function runsOfMeasurements(measurements: readonly Measurement[]) {
  if (measurements.length === 0) {
    throw new InvalidOptionError('measurements', measurements, 'a non-empty list of measurements of one lattice size taken with keepSeries: true');
  }
  const first = measurements[0];
  const runs = measurements.map((m, index) => {
    if (typeof m !== 'object' || m === null || !m.series)
      throw new InvalidOptionError(`measurements[${index}].series`, m?.series, 'a measurement taken with keepSeries: true (per-sweep e and m)');
    if (m.size !== first.size)
      throw new InvalidOptionError(`measurements[${index}].size`, m.size, `${first.size} (every run of one reweighting has the same size)`);
    if (m.field !== first.field)
      throw new InvalidOptionError(`measurements[${index}].field`, m.field, `${first.field} (every run of one reweighting has the same field)`);
    if ((m.lattice ?? 'square') !== (first.lattice ?? 'square'))
      throw new InvalidOptionError(
        `measurements[${index}].lattice`,
        m.lattice,
        `"${first.lattice ?? 'square'}" (every run of one reweighting is on the same lattice)`,
      );
    const o = m.observables;
    return {
      index,
      temperature: m.temperature,
      beta: m.beta,
      energy: m.series.energy,
      magnetization: m.series.magnetization,
      tau: finiteTau(Math.max(o.energy.tauInt, o.absMagnetization.tauInt, o.magnetization2.tauInt)),
      energyTau: finiteTau(o.energy.tauInt),
      meanEnergy: o.energy.mean,
    };
  });
  return {
    runs: byTemperature(runs, (i) => `measurements[${i}].temperature`),
    size: first.size,
    sites: sitesOf(geometryOf(first.lattice), first.size),
    field: first.field,
  };
}

function runsOfSeries(input: ReweightSeries) {
  if (typeof input !== 'object' || input === null || !Array.isArray(input.runs) || input.runs.length === 0) {
    throw new InvalidOptionError('runs', input?.runs, 'a non-empty list of runs { beta, energy }');
  }
  rejectUnknownKeys(input, ['sites', 'size', 'field', 'runs']);
  const sites = checkCount('sites', input.sites, 1);
  const size = input.size === undefined ? Math.sqrt(sites) : checkPositive('size', input.size);
  const field = input.field === undefined ? 0 : input.field;
  if (typeof field !== 'number' || !Number.isFinite(field)) throw new InvalidOptionError('field', field, 'a finite number');
  const runs = input.runs.map((run, index) => {
    if (typeof run === 'object' && run !== null) rejectUnknownKeys(run, ['beta', 'energy', 'magnetization'], `runs[${index}].`);
    const beta = checkPositive(`runs[${index}].beta`, run.beta);
    const energy = run.energy;
    if (!energy || typeof energy.length !== 'number' || energy.length < 2)
      throw new InvalidOptionError(`runs[${index}].energy`, energy, 'a series of at least 2 energies per site');
    let mean = 0;
    for (let t = 0; t < energy.length; t++) {
      if (!Number.isFinite(energy[t])) throw new InvalidOptionError(`runs[${index}].energy[${t}]`, energy[t], 'a finite number');
      mean += energy[t];
    }
    const magnetization = run.magnetization;
    if (magnetization !== undefined && magnetization.length !== energy.length) {
      throw new InvalidOptionError(`runs[${index}].magnetization`, `${magnetization.length} values`, `${energy.length} values (one per energy)`);
    }
    const energyTau = finiteTau(integratedAutocorrelationTime(energy).tau);
    const magnetizationTau = magnetization ? finiteTau(integratedAutocorrelationTime(magnetization).tau) : 0.5;
    return {
      index,
      temperature: 1 / beta,
      beta,
      energy,
      magnetization,
      tau: Math.max(energyTau, magnetizationTau),
      energyTau,
      meanEnergy: mean / energy.length,
    };
  });
  return { runs: byTemperature(runs, (i) => `runs[${i}].beta`), size, sites, field };
}

/** Reweighted curves of one lattice size from one or more runs; see the module comment. */
/** The options of a reweighting (see {@link ReweightOptions}). */
export const REWEIGHT_KEYS = ['bins', 'minOverlap', 'minEssFraction'];

export class Reweighting {
  readonly size: number;
  readonly sites: number;
  readonly field: number;
  /** The runs, by increasing temperature. */
  readonly runs: ReweightRun[];
  /** Number of jackknife bins per run. */
  readonly bins: number;
  /** Overlap of the energy histograms of neighbouring runs (by increasing temperature). */
  readonly overlaps: { temperatures: [number, number]; overlap: number }[];
  /** Reliability warnings (small overlaps, few bins, unconverged iterations). */
  readonly warnings: string[] = [];
  /** Temperatures, from below the coldest to above the hottest run, where ess stays above the threshold at the ends. */
  readonly range: { from: number; to: number };

  private readonly energies: Float64Array;
  private energiesPerSite: Float64Array | undefined;
  private readonly betas: Float64Array;
  /** Mean total energy N <e> of each run (for the starting point of the solver). */
  private readonly meanEnergies: Float64Array;
  private readonly pooledCounts: Float64Array;
  private readonly minEss: number;
  private readonly full: Dataset;
  private readonly binEntries: BinEntries[][];
  private readonly binSamples: Float64Array;
  private readonly replicas: (Dataset | undefined)[];

  constructor(input: readonly Measurement[] | ReweightSeries, options: ReweightOptions = {}) {
    checkOptions('options', options, REWEIGHT_KEYS);
    const { runs, size, sites, field } = Array.isArray(input) ? runsOfMeasurements(input as readonly Measurement[]) : runsOfSeries(input as ReweightSeries);
    const minOverlap = options.minOverlap ?? 0.1;
    if (typeof minOverlap !== 'number' || !(minOverlap >= 0 && minOverlap <= 1)) throw new InvalidOptionError('minOverlap', minOverlap, 'a number from 0 to 1');
    const minEssFraction = options.minEssFraction === undefined ? 0.05 : checkPositive('minEssFraction', options.minEssFraction);

    this.size = size;
    this.sites = sites;
    this.field = field;
    const N = this.sites;
    const R = runs.length;
    const taus = runs.map((run) => run.tau);
    const lengths = runs.map((run) => run.energy.length);
    const possible = Math.min(...lengths.map((n, r) => Math.floor(n / Math.ceil(10 * taus[r]))));
    let bins: number;
    if (options.bins !== undefined) {
      bins = checkCount('bins', options.bins, 2);
      if (bins > Math.min(...lengths)) throw new InvalidOptionError('bins', bins, `at most ${Math.min(...lengths)} (the samples of the shortest run)`);
      if (bins > possible) this.warnings.push(`${bins} bins are shorter than 10 tau_int in some run: errors are underestimated`);
    } else {
      bins = Math.min(50, possible);
      if (bins < 2) {
        const r = lengths.findIndex((n, k) => Math.floor(n / Math.ceil(10 * taus[k])) < 2);
        throw new InvalidOptionError(
          'measurements',
          `a run at T=${runs[r].temperature} of ${lengths[r]} sweeps with tau_int = ${taus[r].toFixed(1)}`,
          'runs of at least 20 tau_int, so that the jackknife has 2 bins of 10 tau_int',
        );
      }
      if (bins < 10) this.warnings.push(`only ${bins} jackknife bins of at least 10 tau_int fit in the shortest run: error bars are rough`);
    }
    this.bins = bins;
    this.minEss = minEssFraction * (lengths.reduce((a, b) => a + b, 0) / R);

    // The energy grid: every distinct E = N e (integers at h = 0) over all runs.
    const toEnergy = (e: number) => (this.field === 0 ? Math.round(e * N) : e * N);
    const distinct = new Set<number>();
    for (const run of runs) for (let t = 0; t < run.energy.length; t++) distinct.add(toEnergy(run.energy[t]));
    this.energies = Float64Array.from(distinct).sort();
    const index = new Map<number, number>();
    this.energies.forEach((E, k) => index.set(E, k));
    const K = this.energies.length;

    this.betas = Float64Array.from(runs, (run) => run.beta);
    this.meanEnergies = Float64Array.from(runs, (run) => run.meanEnergy * N);
    this.runs = runs.map((run, r) => ({
      temperature: run.temperature,
      samples: bins * Math.floor(lengths[r] / bins),
      inefficiency: Math.max(1, 2 * run.energyTau),
    }));
    this.binSamples = Float64Array.from(this.runs, (run) => run.samples / bins);

    // Per run and bin: the distinct energies with counts and sums of |m|, m^2, m^4.
    this.binEntries = runs.map(({ energy, magnetization }, r) => {
      const length = this.binSamples[r];
      return Array.from({ length: bins }, (_, j) => {
        const slot = new Map<number, number>();
        const k: number[] = [];
        const count: number[] = [];
        const absM: number[] = [];
        const m2: number[] = [];
        const m4: number[] = [];
        for (let t = j * length; t < (j + 1) * length; t++) {
          const e = index.get(toEnergy(energy[t]))!;
          let s = slot.get(e);
          if (s === undefined) {
            s = k.length;
            slot.set(e, s);
            k.push(e);
            count.push(0);
            absM.push(0);
            m2.push(0);
            m4.push(0);
          }
          const mt = magnetization ? magnetization[t] : NaN;
          const mm = mt * mt;
          count[s] += 1;
          absM[s] += Math.abs(mt);
          m2[s] += mm;
          m4[s] += mm * mm;
        }
        return { k: Int32Array.from(k), count: Float64Array.from(count), absM: Float64Array.from(absM), m2: Float64Array.from(m2), m4: Float64Array.from(m4) };
      });
    });

    // Raw histogram of each run, pooled counts, neighbour overlaps.
    const histograms = runs.map((_, r) => {
      const h = new Float64Array(K);
      for (const bin of this.binEntries[r]) for (let s = 0; s < bin.k.length; s++) h[bin.k[s]] += bin.count[s];
      return h;
    });
    this.pooledCounts = new Float64Array(K);
    for (const h of histograms) for (let k = 0; k < K; k++) this.pooledCounts[k] += h[k];
    this.overlaps = [];
    for (let r = 0; r + 1 < R; r++) {
      let overlap = 0;
      const a = this.runs[r].samples;
      const b = this.runs[r + 1].samples;
      for (let k = 0; k < K; k++) overlap += Math.min(histograms[r][k] / a, histograms[r + 1][k] / b);
      const temperatures: [number, number] = [this.runs[r].temperature, this.runs[r + 1].temperature];
      this.overlaps.push({ temperatures, overlap });
      if (overlap < minOverlap) {
        this.warnings.push(
          `energy histograms at T=${temperatures[0]} and T=${temperatures[1]} overlap by only ${(100 * overlap).toPrecision(2)}% (< ${100 * minOverlap}%): ` +
            'reweighted values between them are not to be trusted; add temperatures in between',
        );
      }
    }

    this.full = this.solve(this.dataset(-1), undefined);
    if (!this.full.converged)
      this.warnings.push('the multiple-histogram equations did not converge (runs that do not overlap leave their relative free energy undetermined)');
    this.replicas = new Array(bins).fill(undefined);
    this.range = this.findRange();
  }

  /** The pooled sums for all data (replica -1) or with bin j of every run left out. */
  private dataset(replica: number): Dataset {
    const K = this.energies.length;
    const R = this.runs.length;
    const pooled = new Float64Array(K);
    const absM = new Float64Array(K);
    const m2 = new Float64Array(K);
    const m4 = new Float64Array(K);
    const lnWeight = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const g = this.runs[r].inefficiency;
      const n = this.runs[r].samples - (replica >= 0 ? this.binSamples[r] : 0);
      lnWeight[r] = Math.log(n / g);
      this.binEntries[r].forEach((bin, j) => {
        if (j === replica) return;
        for (let s = 0; s < bin.k.length; s++) {
          const k = bin.k[s];
          pooled[k] += bin.count[s] / g;
          absM[k] += bin.absM[s] / g;
          m2[k] += bin.m2[s] / g;
          m4[k] += bin.m4[s] / g;
        }
      });
    }
    const lnPooled = Float64Array.from(pooled, (p) => (p > 0 ? Math.log(p) : -Infinity));
    return { lnPooled, absM, m2, m4, lnWeight, lnOmega: new Float64Array(K), lnZ: new Float64Array(R), converged: false };
  }

  /**
   * Solves the multiple-histogram equations. Their solution f_i = -ln Z_i (f_0 = 0) minimises the
   * convex function F(f) = sum_E P(E) ln sum_i (n_i/g_i) exp(f_i - beta_i E) - sum_i (n_i/g_i) f_i,
   * with P(E) = sum_i H_i(E)/g_i, whose gradient vanishes exactly when the self-consistency
   * equations hold. Newton's method with a backtracking (Armijo) line search on F converges in a
   * few steps even where the runs barely overlap (where the classic fixed-point iteration crawls).
   * The start is `start` (ln Z_i, for replicas: the full solution) or thermodynamic integration
   * between neighbouring runs, ln Z_{i+1} - ln Z_i = -(beta_{i+1} - beta_i) (<E>_i + <E>_{i+1}) / 2.
   */
  private solve(data: Dataset, start: Float64Array | undefined): Dataset {
    const K = this.energies.length;
    const R = this.runs.length;
    const E = this.energies;
    const beta = this.betas;
    const f = new Float64Array(R);
    if (start) for (let r = 0; r < R; r++) f[r] = -start[r];
    else for (let r = 1; r < R; r++) f[r] = f[r - 1] + ((beta[r] - beta[r - 1]) * (this.meanEnergies[r] + this.meanEnergies[r - 1])) / 2;
    const weight = Float64Array.from(data.lnWeight, Math.exp);
    const pooled = Float64Array.from(data.lnPooled, Math.exp);
    const terms = new Float64Array(R);
    const lnW = new Float64Array(K * R); // ln w_i(E): the share of run i in the pooled weight of E
    const hessian = new Float64Array(R * R);
    let converged = R === 1;
    for (let iteration = 0; iteration < 100 && !converged; iteration++) {
      const gradient = Float64Array.from(weight, (x) => -x);
      hessian.fill(0);
      for (let k = 0; k < K; k++) {
        if (pooled[k] === 0) continue;
        for (let r = 0; r < R; r++) terms[r] = data.lnWeight[r] + f[r] - beta[r] * E[k];
        const lse = logSumExp(terms, R);
        for (let a = 0; a < R; a++) {
          const la = terms[a] - lse;
          lnW[k * R + a] = la;
          const wa = Math.exp(la);
          gradient[a] += pooled[k] * wa;
          hessian[a * R + a] += pooled[k] * wa;
          for (let b = 0; b < R; b++) hessian[a * R + b] -= pooled[k] * wa * Math.exp(terms[b] - lse);
        }
      }
      let relative = 0;
      for (let r = 0; r < R; r++) relative = Math.max(relative, Math.abs(gradient[r]) / weight[r]);
      if (relative < 1e-10) {
        converged = true;
        break;
      }
      // Newton step on f_1 .. f_{R-1} (f_0 = 0 fixes the additive constant); a tiny ridge keeps
      // the system solvable when runs do not overlap at all.
      const n = R - 1;
      const A = new Float64Array(n * (n + 1));
      let ridge = 0;
      for (let a = 1; a < R; a++) ridge = Math.max(ridge, hessian[a * R + a]);
      for (let a = 1; a < R; a++) {
        for (let b = 1; b < R; b++) A[(a - 1) * (n + 1) + (b - 1)] = hessian[a * R + b] + (a === b ? 1e-12 * ridge : 0);
        A[(a - 1) * (n + 1) + n] = -gradient[a];
      }
      const d = new Float64Array(R);
      d.set(solveLinear(A, n), 1);
      let slope = 0;
      for (let r = 0; r < R; r++) slope += gradient[r] * d[r];
      // Change of F along t d, computed from ln w (O(1) numbers) so that it is accurate near the minimum.
      const change = (t: number): number => {
        let sum = 0;
        for (let k = 0; k < K; k++) {
          if (pooled[k] === 0) continue;
          for (let r = 0; r < R; r++) terms[r] = lnW[k * R + r] + t * d[r];
          sum += pooled[k] * logSumExp(terms, R);
        }
        for (let r = 0; r < R; r++) sum -= weight[r] * t * d[r];
        return sum;
      };
      let t = 1;
      while (t > 1e-12 && !(change(t) <= 1e-4 * t * slope)) t /= 2;
      if (t <= 1e-12) {
        converged = relative < 1e-6;
        break;
      }
      for (let r = 1; r < R; r++) f[r] += t * d[r];
    }
    for (let k = 0; k < K; k++) {
      if (pooled[k] === 0) {
        data.lnOmega[k] = -Infinity;
        continue;
      }
      for (let r = 0; r < R; r++) terms[r] = data.lnWeight[r] + f[r] - beta[r] * E[k];
      data.lnOmega[k] = data.lnPooled[k] - logSumExp(terms, R);
    }
    for (let r = 0; r < R; r++) data.lnZ[r] = -f[r];
    data.converged = converged;
    return data;
  }

  private replica(j: number): Dataset {
    let data = this.replicas[j];
    if (!data) {
      data = this.solve(this.dataset(j), this.full.lnZ);
      this.replicas[j] = data;
    }
    return data;
  }

  /** P_beta(E) for a dataset, normalised; returns the probabilities. */
  private distribution(data: Dataset, beta: number): Float64Array {
    const K = this.energies.length;
    const p = new Float64Array(K);
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const lw = data.lnOmega[k] - beta * this.energies[k];
      p[k] = lw;
      if (lw > max) max = lw;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      p[k] = p[k] === -Infinity ? 0 : Math.exp(p[k] - max);
      sum += p[k];
    }
    for (let k = 0; k < K; k++) p[k] /= sum;
    return p;
  }

  private momentsOf(data: Dataset, temperature: number): ReweightedMoments {
    const beta = 1 / temperature;
    const N = this.sites;
    const p = this.distribution(data, beta);
    const E = this.energies;
    let e1 = 0;
    let e2 = 0;
    let a = 0;
    let q2 = 0;
    let q4 = 0;
    for (let k = 0; k < p.length; k++) {
      const w = p[k];
      if (w === 0) continue;
      const pooled = Math.exp(data.lnPooled[k]);
      e1 += w * E[k];
      e2 += w * (E[k] / N) ** 2;
      a += (w * data.absM[k]) / pooled;
      q2 += (w * data.m2[k]) / pooled;
      q4 += (w * data.m4[k]) / pooled;
    }
    const primaries = { energy: e1 / N, energy2: e2, absMagnetization: a, magnetization2: q2, magnetization4: q4 };
    return { ...primaries, ...derivedObservables(primaries, N, beta) };
  }

  /**
   * Reweighted means at `temperature` from all data (replica = -1, the default) or from the
   * jackknife replica that leaves bin `replica` (0 .. bins-1) of every run out.
   */
  moments(temperature: number, replica = -1): ReweightedMoments {
    checkPositive('temperature', temperature);
    return this.momentsOf(replica < 0 ? this.full : this.replica(replica), temperature);
  }

  /**
   * The reweighted energy distribution at `temperature`, `P_beta(E) = Omega(E) exp(-beta E) / sum_E (...)`,
   * on the energies that occur in the data (per site, increasing; one shared array, not to be modified),
   * from all data (replica -1, the default) or from jackknife replica `replica` (0 .. bins-1).
   */
  energyDistribution(temperature: number, replica = -1): { energies: Float64Array; probabilities: Float64Array } {
    checkPositive('temperature', temperature);
    const data = replica < 0 ? this.full : this.replica(replica);
    this.energiesPerSite ??= Float64Array.from(this.energies, (E) => E / this.sites);
    return { energies: this.energiesPerSite, probabilities: this.distribution(data, 1 / temperature) };
  }

  /** Kish effective number of samples behind the reweighted value at `temperature`. */
  ess(temperature: number): number {
    const p = this.distribution(this.full, 1 / temperature);
    let s = 0;
    for (let k = 0; k < p.length; k++) if (p[k] > 0) s += (p[k] * p[k]) / this.pooledCounts[k];
    return 1 / s;
  }

  /** Every observable at `temperature` with jackknife errors, its ess and whether it is reliable. */
  at(temperature: number): ReweightedPoint {
    const full = this.moments(temperature);
    const replicas = Array.from({ length: this.bins }, (_, j) => this.moments(temperature, j));
    const ess = this.ess(temperature);
    const point = { temperature, beta: 1 / temperature, ess, reliable: ess >= this.minEss } as ReweightedPoint;
    for (const name of REWEIGHTED_NAMES) point[name] = { mean: full[name], error: jackknifeError(replicas.map((x) => x[name])) };
    return point;
  }

  /** {@link at} for every temperature of a list. */
  curve(temperatures: readonly number[]): ReweightedPoint[] {
    return temperatures.map((t) => this.at(t));
  }

  /** Evenly spaced temperatures over {@link range} (count >= 2). */
  grid(count: number): number[] {
    const { from, to } = this.range;
    return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
  }

  /** True when the reweighted value at `temperature` rests on enough samples (ess >= threshold). */
  reliable(temperature: number): boolean {
    return this.ess(temperature) >= this.minEss;
  }

  /** Walks outwards from the coldest and hottest runs in steps of beta until ess falls below the threshold. */
  private findRange(): { from: number; to: number } {
    const edge = (run: number, direction: 1 | -1): number => {
      const T0 = this.runs[run].temperature;
      const varE = this.momentsOf(this.full, T0).specificHeat * this.sites * T0 * T0;
      const dBeta = 0.05 / Math.sqrt(Math.max(varE, 1e-12));
      let good = 1 / T0;
      for (let step = 1; step <= 400; step++) {
        const beta = 1 / T0 - direction * step * dBeta;
        if (!(beta > 0) || this.ess(1 / beta) < this.minEss) {
          // refine between good and beta
          let lo = good;
          let hi = beta > 0 ? beta : good / 2;
          for (let i = 0; i < 30; i++) {
            const mid = 0.5 * (lo + hi);
            if (mid > 0 && this.ess(1 / mid) >= this.minEss) lo = mid;
            else hi = mid;
          }
          return 1 / lo;
        }
        good = beta;
      }
      return 1 / good;
    };
    return { from: edge(0, -1), to: edge(this.runs.length - 1, 1) };
  }
}

/** Multiple-histogram reweighting of runs of one size and field; see the module comment. */
export function multipleHistogram(measurements: readonly Measurement[], options?: ReweightOptions): Reweighting {
  return new Reweighting(measurements, options);
}

/** Single-histogram reweighting of one run (the multiple-histogram equations with R = 1). */
export function singleHistogram(measurement: Measurement, options?: ReweightOptions): Reweighting {
  return new Reweighting([measurement], options);
}
