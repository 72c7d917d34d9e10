/**
 * What the view worker keeps and computes from the live run (pure, no DOM): the thinned window
 * of e(t) and m(t) for the time plot, the samples since the last change of parameters, the
 * histogram P(m), the Landau free energy -ln P(m) with its fit, the RG flow of |m| and U4 over
 * the block levels, and estimates with error bars. The statistics come from the package
 * (criticality's stats and landauFreeEnergy); this file only arranges them for plots.
 */
import { judgePhases, landauFreeEnergy, modelDefinition, stats, type FirstOrderAnalysis, type LandauShape, type Observable } from 'criticality';

/**
 * The last `cap` values of a series (a ring buffer), and how many were pushed since the last
 * clear (`pushed`, which may exceed `cap`).
 */
export class Recent {
  private readonly data: Float64Array;
  private next = 0;
  private count = 0;
  pushed = 0;

  constructor(readonly cap: number) {
    this.data = new Float64Array(cap);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    this.pushed++;
    this.data[this.next] = value;
    this.next = this.next + 1 === this.cap ? 0 : this.next + 1;
    if (this.count < this.cap) this.count++;
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
    this.pushed = 0;
  }

  /**
   * The values to analyse: the second half of those pushed since the last clear (the first half
   * is left for equilibration after a change), as far as they are kept. A copy, oldest first.
   */
  equilibrated(): Float64Array {
    const all = this.toArray();
    return all.subarray(Math.max(0, all.length - Math.ceil(this.pushed / 2)));
  }

  /** The values, oldest first (a copy). */
  toArray(): Float64Array {
    const out = new Float64Array(this.count);
    const start = this.count < this.cap ? 0 : this.next;
    const head = this.data.subarray(start, start + this.count);
    out.set(head);
    if (head.length < this.count) out.set(this.data.subarray(0, this.count - head.length), head.length);
    return out;
  }

  /** The most recent value (NaN when empty). */
  last(): number {
    return this.count === 0 ? NaN : this.data[(this.next + this.cap - 1) % this.cap];
  }
}

/**
 * A window of (t, e, m) for the time plot: one sample in every `stride` kept, at most `points`
 * kept (the oldest dropped). The stride follows the speed so that the window spans about
 * `seconds` of the run whatever the lattice size.
 */
export class TimeWindow {
  t: number[] = [];
  e: number[] = [];
  m: number[] = [];
  private stride = 1;
  private skip = 0;

  constructor(
    readonly points = 1500,
    readonly seconds = 12,
  ) {}

  /** Adapts the stride to a speed in steps per second. */
  setRate(stepsPerSecond: number): void {
    if (Number.isFinite(stepsPerSecond) && stepsPerSecond > 0) this.stride = Math.max(1, Math.round((stepsPerSecond * this.seconds) / this.points));
  }

  push(t: number, e: number, m: number): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    this.skip = this.stride - 1;
    this.t.push(t);
    this.e.push(e);
    this.m.push(m);
    if (this.t.length > this.points * 1.25) {
      const drop = this.t.length - this.points;
      this.t.splice(0, drop);
      this.e.splice(0, drop);
      this.m.splice(0, drop);
    }
  }

  clear(): void {
    this.t = [];
    this.e = [];
    this.m = [];
    this.skip = 0;
  }
}

/** The histogram P(m) of signed m, on bins of whole grid steps (m = M / N moves in steps of 2 / N). */
export interface HistogramView {
  /** Bin centres. */
  x: number[];
  /** Fraction of the samples in each bin. */
  p: number[];
}

export function histogramView(m: Float64Array, sites: number, bins = 61): HistogramView {
  if (m.length === 0) return { x: [], p: [] };
  const step = 2 / sites;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of m) {
    const g = Math.round((v + 1) / step);
    if (g < lo) lo = g;
    if (g > hi) hi = g;
  }
  // grid values per bin: a whole number, so that no bin holds more grid values than another
  const k = Math.max(1, Math.ceil((hi - lo + 1) / bins));
  const n = Math.floor((hi - lo) / k) + 1;
  const counts = new Float64Array(n);
  for (const v of m) counts[Math.floor((Math.round((v + 1) / step) - lo) / k)]++;
  return {
    x: Array.from({ length: n }, (_, j) => -1 + step * (lo + j * k + (k - 1) / 2)),
    p: Array.from(counts, (c) => c / m.length),
  };
}

/** The histogram of values in [0, 1] (the Potts m = |M| / N) on `bins` equal bins over the sampled range. */
export function unsignedHistogram(values: Float64Array, bins = 61): HistogramView {
  if (values.length === 0) return { x: [], p: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = Math.max((hi - lo) / bins, 1e-9);
  const n = Math.max(1, Math.min(bins, Math.floor((hi - lo) / width) + 1));
  const counts = new Float64Array(n);
  for (const v of values) counts[Math.min(n - 1, Math.floor((v - lo) / width))]++;
  return { x: Array.from({ length: n }, (_, j) => lo + (j + 0.5) * width), p: Array.from(counts, (c) => c / values.length) };
}

/** -ln P(m) with its Landau fit, ready to plot. */
export interface LandauView {
  /** Order parameter m of each bin (mirrored onto m < 0 at h = 0, where P(m) = P(-m) exactly). */
  x: number[];
  /** -ln P(m) = N F(m) / k_B T + const, shifted so that its lowest point is 0; null for empty bins. */
  F: (number | null)[];
  error: (number | null)[];
  /** The fit N (a0 + a1 m + a2 m^2 + a4 m^4 + a6 m^6) on the fitted range, shifted like F (a null breaks the curve). */
  fitX: number[];
  fitF: (number | null)[];
  shape: LandauShape;
  /** a2 of the fit per site (negative: two wells). */
  a2?: Observable;
  /** Barrier -ln P(0) + ln P(m*) in k_B T for the whole lattice, or a lower bound when m = 0 was never seen. */
  barrier?: { value: number; error: number; lowerBound: boolean };
  samples: number;
  warnings: string[];
}

/** Odd number of histogram bins over [-1, 1] giving about `across` bins over the sampled range (whole grid steps at least). */
export function landauBins(values: Float64Array, sites: number, across = 24): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = Math.max((hi - lo) / across, 2 / sites);
  const bins = Math.min(100001, Math.ceil(2 / width));
  return Math.max(3, bins % 2 === 1 ? bins : bins + 1);
}

/**
 * The Landau view of the samples `m` (magnetization per site) of an N-site lattice in field h:
 * folded onto |m| and mirrored at h = 0, signed otherwise. Throws the package's
 * InvalidOptionError when the samples cannot give a profile (fewer than 4).
 */
export function landauView(m: Float64Array, sites: number, field: number): LandauView {
  const symmetric = field === 0;
  const folded = symmetric ? m.map(Math.abs) : m;
  const profile = landauFreeEnergy({ components: [m], sites, step: 2 / sites, symmetric }, { bins: landauBins(folded, sites), order: 6 });
  const seen = profile.points.filter((p) => p.F !== null);
  const lowest = Math.min(...seen.map((p) => p.F!));
  const points = symmetric ? [...seen.filter((p) => p.x > 0).map((p) => ({ ...p, x: -p.x })).reverse(), ...seen] : seen;
  const view: LandauView = {
    x: points.map((p) => p.x),
    F: points.map((p) => (p.F! - lowest) * sites),
    error: points.map((p) => p.error! * sites),
    fitX: [],
    fitF: [],
    shape: profile.shape,
    samples: profile.samples,
    warnings: profile.warnings,
  };
  const fit = profile.fit;
  if (fit) {
    view.a2 = fit.a2;
    const fitted = profile.points.filter((p) => p.fitted).map((p) => p.x);
    const lo = Math.min(...fitted);
    const hi = Math.max(...fitted);
    const f = (x: number) => (fit.a0.mean + (fit.a1?.mean ?? 0) * x + fit.a2.mean * x ** 2 + fit.a4.mean * x ** 4 + (fit.a6?.mean ?? 0) * x ** 6 - lowest) * sites;
    const xs = Array.from({ length: 121 }, (_, j) => lo + ((hi - lo) * j) / 120);
    // mirrored at h = 0; a null at m = 0 breaks the curve where the middle was not fitted (never extrapolated over it)
    const mirrored = symmetric ? [...xs.filter((x) => x > 0).map((x) => -x).reverse(), ...(lo > 0 ? [0] : [])] : [];
    view.fitX = [...mirrored, ...xs];
    view.fitF = view.fitX.map((x) => (symmetric && lo > 0 && x === 0 ? null : f(x)));
  }
  const b = profile.barrier;
  if (b) view.barrier = b.state === 'measured' ? { value: b.mean * sites, error: b.error * sites, lowerBound: false } : { value: b.lowerBound * sites, error: NaN, lowerBound: true };
  return view;
}

/** Mean and error of a series with the package's automatic binning, and its tau_int in steps. */
export interface LiveEstimate extends Observable {
  tauInt: number;
  samples: number;
}

export function liveEstimate(series: Float64Array): LiveEstimate {
  const e = stats.estimateMean(series);
  return { mean: e.mean, error: e.error, tauInt: e.tauInt, samples: e.samples };
}

/** One level of the live RG flow. */
export interface RgLevelView {
  /** Linear size of the block lattice. */
  size: number;
  absMagnetization: Observable;
  /**
   * The Binder cumulant of the block lattice: U4 = 1 - <m^4> / (3 <m^2>^2) (Ising, Potts), or for an
   * n-component m (XY, clock, phi^4: n = 2; Heisenberg: n = 3) the O(n) form of src/rg/continuous-flow.ts,
   * U = (n + 2)/2 - (n/2) <m^4> / <m^2>^2 (1 ordered, 0 for a Gaussian m).
   */
  binder: Observable;
  /** The nearest-neighbour correlation g of the block lattice (when the samples carry it): the input of the flow verdict. */
  nn?: Observable;
}

/**
 * The RG flow of the live run: the magnetization per site m_k of every block level of every
 * drawn frame (and, where given, the nearest-neighbour correlation g_k); <|m_k|> and <g_k> with
 * binned errors and the Binder cumulant of each level with jackknife errors, over common bins
 * whose length follows tau_int of |m_0|, from the second half of the frames since the reset.
 */
export class RgAccumulator {
  private levels: Recent[] = [];
  private correlations: Recent[] = [];
  sizes: number[] = [];
  /** Components of the order parameter: 1 (the U4 form), or n >= 2 (the O(n) form of the Binder cumulant). */
  components = 1;

  constructor(readonly cap = 4096) {}

  reset(sizes: number[], components = 1): void {
    this.sizes = sizes;
    this.components = components;
    this.levels = sizes.map(() => new Recent(this.cap));
    this.correlations = sizes.map(() => new Recent(this.cap));
  }

  /** Samples analysed: the second half of those since the last reset (see Recent.equilibrated). */
  get samples(): number {
    const level = this.levels[0];
    return level ? Math.min(level.length, Math.ceil(level.pushed / 2)) : 0;
  }

  /** One frame: m of every level (signed, or |m| of a vector order parameter), and g of every level where known. */
  add(magnetizations: number[], correlations?: number[]): void {
    magnetizations.forEach((m, k) => this.levels[k]?.push(m));
    correlations?.forEach((g, k) => this.correlations[k]?.push(g));
  }

  /** Per level, once there are at least 8 samples; undefined before. */
  result(): RgLevelView[] | undefined {
    const n = this.samples;
    if (n < 8) return undefined;
    const series = this.levels.map((level) => level.equilibrated());
    const abs0 = series[0].map(Math.abs);
    const tau = stats.integratedAutocorrelationTime(abs0).tau;
    const binSize = stats.chooseBinSize(n, Number.isFinite(tau) && tau > 0.5 ? tau : 0.5);
    const c = this.components;
    const binder = c === 1 ? (m2: number, m4: number) => 1 - m4 / (3 * m2 * m2) : (m2: number, m4: number) => (c + 2) / 2 - (c / 2) * (m4 / (m2 * m2));
    return series.map((m, k) => {
      const abs = stats.binnedError(m.map(Math.abs), binSize);
      const m2 = stats.binMeans(m.map((v) => v * v), binSize);
      const m4 = stats.binMeans(m.map((v) => v ** 4), binSize);
      const u4 = stats.jackknife([m2, m4], ([a, b]) => binder(a, b));
      const g = this.correlations[k].equilibrated();
      const nn = g.length === m.length ? stats.binnedError(g, binSize) : undefined;
      return {
        size: this.sizes[k],
        absMagnetization: { mean: abs.mean, error: abs.error },
        binder: { mean: u4.value, error: Number.isFinite(u4.error) ? u4.error : NaN },
        ...(nn ? { nn: { mean: nn.mean, error: nn.error } } : {}),
      };
    });
  }
}

/**
 * m = |sum_i S_i| / N and the nearest-neighbour correlation g = sum_<ij> S_i . S_j / (d sum_i |S_i|^2)
 * of one periodic block level of linear size L (d = 2 or 3; site (z L + y) L + x), as the library's
 * continuous-spin flow defines them (src/rg/continuous-flow.ts): `lattice` holds clock states
 * (0 .. q - 1, the unit vector at angle 2 pi k / q) or `components` values a site.
 */
export function vectorLevelStats(lattice: Uint8Array | Float64Array, size: number, dimension: 2 | 3, components: number, q: number): { m: number; nn: number } {
  let v: Float64Array;
  if (lattice instanceof Uint8Array) {
    v = new Float64Array(2 * lattice.length);
    for (let i = 0; i < lattice.length; i++) {
      v[2 * i] = Math.cos((2 * Math.PI * lattice[i]) / q);
      v[2 * i + 1] = Math.sin((2 * Math.PI * lattice[i]) / q);
    }
  } else v = lattice;
  const n = lattice instanceof Uint8Array ? 2 : components;
  const sites = v.length / n;
  const area = size * size;
  const M = new Float64Array(n);
  let s2 = 0;
  let nn = 0;
  for (let i = 0; i < sites; i++) {
    const x = i % size;
    const y = Math.floor(i / size) % size;
    const z = Math.floor(i / area);
    const jx = i - x + ((x + 1) % size);
    const jy = i + (((y + 1) % size) - y) * size;
    const jz = dimension === 3 ? i + (((z + 1) % size) - z) * area : -1;
    for (let a = 0; a < n; a++) {
      const s = v[n * i + a];
      M[a] += s;
      s2 += s * s;
      nn += s * (v[n * jx + a] + v[n * jy + a] + (jz >= 0 ? v[n * jz + a] : 0));
    }
  }
  let m2 = 0;
  for (let a = 0; a < n; a++) m2 += M[a] * M[a];
  return { m: Math.sqrt(m2) / sites, nn: s2 > 0 ? nn / (dimension * s2) : 0 };
}

/**
 * The phase check of measure() (src/phases.ts) on the live series of m = M / N: crossings between
 * m > 0 and m < 0 (m = 0 keeps the side), steps on the side the field disfavours, and the library's
 * judgement of them, so the page says when local updates stay in one phase of a field below T_c.
 */
export function livePhases(m: ArrayLike<number>, absMagnetization: number, run: { size: number; temperature: number; field: number }): { tunnelings: number; warning?: string } {
  const ising = modelDefinition('ising');
  let tunnelings = 0;
  let disfavouredSteps = 0;
  let side = Math.sign(m[0]) || 1;
  for (let k = 0; k < m.length; k++) {
    const next = Math.sign(m[k]) || side;
    if (next !== side) tunnelings++;
    side = next;
    if (run.field !== 0 && side !== Math.sign(run.field)) disfavouredSteps++;
  }
  const sites = run.size * run.size;
  const visits = judgePhases(ising, {}, { steps: m.length, tunnelings, disfavouredSteps }, { temperature: run.temperature, beta: 1 / run.temperature, field: run.field, sites, order: absMagnetization });
  return { tunnelings, ...(visits.warning ? { warning: visits.warning } : {}) };
}


/** What the page shows of a multicanonical run. */
export interface MulticanonicalSummary {
  q: number;
  size: number;
  /** Wall time of the run, s. */
  seconds: number;
  /** The finite-lattice transition T = 1 / beta at the point P(e) is shown at (error from beta's). */
  temperature?: Observable;
  /** Which point: 'equal weight' (W_o = q W_d, the default) or 'equal height' (when no equal-weight point was found). */
  point?: 'equal weight' | 'equal height';
  /** P(e) at that point: the energy per site of each level and its probability. */
  distribution?: { e: number[]; p: number[] };
  /** The ordered and disordered peak energies there. */
  peaks?: { ordered: Observable; disordered: Observable };
  latentHeat: Observable;
  verdict: { doublePeak: boolean; reason: string };
  tunnelings: number;
  warnings: string[];
}

/** T = 1 / beta with the error of beta carried over (dT = d beta / beta^2). */
const temperatureOf = (beta: Observable): Observable => ({ mean: 1 / beta.mean, error: beta.error / beta.mean ** 2 });

/** The page's part of a first-order analysis: P(e) and the peaks at the equal-weight point (else equal height). */
export function firstOrderSummary(analysis: FirstOrderAnalysis): Pick<MulticanonicalSummary, 'temperature' | 'point' | 'distribution' | 'peaks' | 'latentHeat' | 'verdict'> {
  const at = analysis.equalWeight ?? analysis.equalHeight;
  const point = analysis.equalWeight ? 'equal weight' : analysis.equalHeight ? 'equal height' : undefined;
  return {
    latentHeat: analysis.latentHeat,
    verdict: { doublePeak: analysis.verdict.doublePeak, reason: analysis.verdict.reason },
    ...(at && point
      ? {
          point,
          temperature: temperatureOf(at.beta),
          distribution: { e: Array.from(at.distribution.energies), p: Array.from(at.distribution.probabilities) },
          peaks: { ordered: at.ordered.energy, disordered: at.disordered.energy },
        }
      : {}),
  };
}

/**
 * The free-energy landscape of an n-component order parameter (n = 2: a planar vector; n = 3: the
 * Heisenberg M / N), from the package's `landauFreeEnergy`: F(m_x, m_y) = -ln P(m_x, m_y) on a grid
 * (n = 2; for n = 3 the map of the projection (m_x, m_y)) and the radial profile F(r) = -ln P(r),
 * P per unit of the order-parameter space (the shell r^(n-1) divided out: the Mexican hat keeps its
 * crown). Units: k_B T for the whole lattice (N F per site), shifted so that the lowest point is 0.
 * The samples are scaled by R (a little over the largest |m| seen) before the analysis, so that the
 * grid covers the sampled disc at any temperature; x is given back in units of m.
 */
export interface LandscapeView {
  components: number;
  /** Grid centres along m_x and m_y, and F[j][i] at (x[i], x[j]); null where no sample fell. */
  map?: { x: number[]; F: (number | null)[][] };
  /** F(r) over r = |m|, with errors; null for empty bins. */
  profile: { x: number[]; F: (number | null)[]; error: (number | null)[] };
  /** The library's verdict: 'ring' (the hat), 'single-well', 'flat'. */
  shape: LandauShape;
  samples: number;
  warnings: string[];
}

export function landscapeView(components: Float64Array[], sites: number, bins = 41): LandscapeView {
  const n = components.length;
  let largest = 0;
  for (let t = 0; t < components[0].length; t++) {
    let r2 = 0;
    for (let c = 0; c < n; c++) r2 += components[c][t] ** 2;
    if (r2 > largest) largest = r2;
  }
  const R = Math.min(1, Math.max(Math.sqrt(largest) * 1.08, 4 / Math.sqrt(sites)));
  const scaled = components.map((c) => c.map((v) => v / R));
  const profile = landauFreeEnergy({ components: scaled, sites, symmetric: true }, { bins, order: 4 });
  const seen = profile.points.filter((p) => p.F !== null);
  const lowest = Math.min(...seen.map((p) => p.F!));
  const view: LandscapeView = {
    components: n,
    profile: {
      x: profile.points.map((p) => p.x * R),
      F: profile.points.map((p) => (p.F === null ? null : (p.F - lowest) * sites)),
      error: profile.points.map((p) => (p.error === null ? null : p.error * sites)),
    },
    shape: profile.shape,
    samples: profile.samples,
    warnings: profile.warnings,
  };
  const map = n === 2 ? profile.map : landauFreeEnergy({ components: scaled.slice(0, 2), sites, symmetric: true }, { bins, order: 4 }).map;
  if (map) {
    let low = Infinity;
    for (const row of map.F) for (const f of row) if (f !== null && f < low) low = f;
    view.map = { x: map.x.map((x) => x * R), F: map.F.map((row) => row.map((f) => (f === null ? null : (f - low) * sites))) };
  }
  return view;
}
