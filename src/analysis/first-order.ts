/**
 * First-order transitions from energy time series: the double-peaked energy distribution, the
 * pseudo-transition point, the latent heat, the interface tension and the energy cumulant, each with a
 * jackknife error, and a verdict on whether a latent heat is resolved at all.
 *
 * Input: per-step energies (per site, `e = E/N`, or total E) of one lattice of N sites and linear size L,
 * from one or more runs (runs at the same β are concatenated; runs at different β are combined by
 * multiple-histogram reweighting, src/analysis/reweight.ts). Energies are those of the Hamiltonian as
 * simulated (for the Potts model `e ∈ [-2, 0]`); V4 depends on that zero of energy.
 *
 * Definitions (P_β(e) the reweighted distribution of e at inverse temperature β):
 *
 * - Smoothed density: `p(e) = Σ_k P_β(e_k) φ_w(e - e_k)`, φ_w a Gaussian of width w (the bandwidth; by default
 *   a fifth of the narrower phase's standard deviation at the transition, at least one energy quantum). Peaks
 *   and the minimum between them are read from p; weights and means from P itself.
 * - Double peak: the global maximum of p and, on either side, the local maximum separated from it by the deepest
 *   dip; the split `e_min` is the minimum of p between them (parabolic refinement). Ordered phase `e < e_min`,
 *   disordered `e > e_min`, with the boundary softened by the kernel: level e counts as ordered with probability
 *   `Φ((e_min - e)/w)`, so that weights and means move continuously with the split.
 * - Pseudo-transition by equal weight: β_w with `Σ_{e<e_min} P = k Σ_{e>e_min} P`, k = `orderedPhases` (default 1:
 *   equal areas). With k the number of coexisting ordered phases (q for the q-state Potts model) this is equal
 *   weight per phase, which on a periodic box approaches β_t exponentially fast in L (Borgs and Kotecký 1990;
 *   Borgs and Janke 1992); with k = 1 the shift is `ln k / (N Δe)`-like, ∝ L^-d, as for the peak maxima.
 * - By equal height: β_h with `max_{e<e_min} p = max_{e>e_min} p` (Lee and Kosterlitz 1990).
 * - Peak positions `e_o`, `e_d`: the maxima of p (parabolic refinement) at β_w (at β_h when one peak is only a
 *   shoulder at β_w, which equal weight per phase can give on small lattices); latent heat `Δe = e_d - e_o`. The
 *   phase means `<e>_o`, `<e>_d` there are reported too.
 * - Interface tension (Lee and Kosterlitz, PRL 65, 137 (1990); J. Lee and J. M. Kosterlitz, PRB 43, 3265 (1991)):
 *   at β_h, `ΔF = ln(P_max / P_min)` and `σ = ΔF / (2 L^(d-1))` (two interfaces on a periodic box; σ is the
 *   reduced tension β f_int per unit length/area). Across sizes `σ_L = σ + a / L^(d-1)`.
 * - Specific heat maximum `c_max = max_β N β² (<e²> - <e>²)`; since `var e ≥ w(1-w) Δe²` for two phases of weights
 *   w, 1-w, the latent heat is at most `Δe_max = 2 √(c_max / N) / β` (at c_max): an upper bound that tends to Δe for a
 *   first-order transition and to 0 for a continuous one (`c_max / N → 0`).
 * - Energy cumulant (Challa, Landau and Binder, PRB 34, 1841 (1986)): `V4 = 1 - <e⁴> / (3 <e²>²)`; its minimum
 *   over β tends to 2/3 for a continuous transition and, for a first-order one, to
 *   `V4* = 2/3 - (e_d² - e_o²)² / (12 e_d² e_o²)` with corrections `∝ L^-d`.
 *
 * Errors: leave-one-bin-out jackknife over the same bins of every run (each bin ≥ 10 τ_int, so the
 * autocorrelation is included), the whole analysis repeated per replica.
 *
 * Verdict: a double peak is resolved when (1) p has two maxima separated by a minimum at β_h for the full data
 * and for every jackknife replica, (2) the barrier ΔF exceeds `minSignificance` (default 3) jackknife errors
 * and (3) so does the peak separation Δe. Otherwise the latent heat is reported as 0, with the bound above.
 *
 * @module
 */

import { InvalidOptionError } from '../errors.js';
import type { Observable } from '../measure.js';
import { fitPowerLaw, jackknifeError, linearFit } from '../stats/index.js';
import { Reweighting } from './reweight.js';
import { findRoot, goldenMax } from './search.js';

/** One run: inverse temperature and the energy of every recorded step. */
export interface FirstOrderRun {
  /** Inverse temperature β of the run. */
  beta: number;
  /** Energy per recorded step: per site (`e = E/N`) or total (see {@link FirstOrderOptions.energyUnit}). */
  energy: ArrayLike<number>;
}

/** Options of {@link analyzeFirstOrder}. */
export interface FirstOrderOptions {
  /** Number of sites N. */
  sites: number;
  /** Linear size L (the interface has area L^(d-1)). @default sites^(1/dimension) */
  size?: number;
  /** Dimension d. @default 2 */
  dimension?: number;
  /** Whether `energy` holds per-site values `e = E/N` or totals E. @default 'site' */
  energyUnit?: 'site' | 'total';
  /** Jackknife bins per run (each at least 10 τ_int). @default as in src/analysis/reweight.ts (up to 50) */
  bins?: number;
  /** Width w of the Gaussian smoothing of P(e), per-site energy units. @default automatic (module comment) */
  bandwidth?: number;
  /** Significance, in jackknife errors, of the barrier and the peak separation for a resolved double peak. @default 3 */
  minSignificance?: number;
  /**
   * Number k of ordered phases that coexist with the disordered one; the equal-weight point has `W_o = k W_d`
   * (k = q for the q-state Potts model gives the Borgs-Kotecky point, exponentially close to β_t). @default 1
   */
  orderedPhases?: number;
}

/** A normalised distribution of the energy per site. */
export interface EnergyDistribution {
  /** Energies per site, increasing. */
  energies: Float64Array;
  /** Probabilities (sum 1). */
  probabilities: Float64Array;
}

/** The two peaks of one energy distribution; see {@link doublePeak}. */
export interface DoublePeak {
  /** True when p has two maxima separated by a minimum. */
  resolved: boolean;
  /** The ordered (low-energy) and disordered (high-energy) peaks; equal when not resolved. */
  ordered: PeakShape;
  disordered: PeakShape;
  /** The minimum of p between the peaks (the split), or the single peak when not resolved. */
  minimum: { energy: number; height: number };
}

/** One peak: position and height of the maximum of p, and weight and mean of its side of the split. */
export interface PeakShape {
  energy: number;
  height: number;
  weight: number;
  mean: number;
}

/** The smoothed density p(e) on a uniform grid. */
export interface SmoothedDistribution {
  /** Grid energies (per site). */
  energies: Float64Array;
  /** p(e), a density per unit e (integrates to 1). */
  density: Float64Array;
}

/**
 * The Gaussian-smoothed density `p(e) = Σ_k P_k φ_w(e - e_k)` on a uniform grid of step w/4 from
 * `e_min - 4w` to `e_max + 4w` (linear binning of the masses onto the grid, then a discrete Gaussian
 * normalised to unit integral).
 */
export function smoothDistribution(dist: EnergyDistribution, bandwidth: number): SmoothedDistribution {
  const { energies, probabilities } = dist;
  const step = bandwidth / 4;
  const start = energies[0] - 4 * bandwidth;
  const G = Math.ceil((energies[energies.length - 1] + 4 * bandwidth - start) / step) + 1;
  const mass = new Float64Array(G);
  for (let k = 0; k < energies.length; k++) {
    const x = (energies[k] - start) / step;
    const i = Math.min(G - 2, Math.floor(x));
    const f = x - i;
    mass[i] += (1 - f) * probabilities[k];
    mass[i + 1] += f * probabilities[k];
  }
  const half = 16;
  const kernel = new Float64Array(2 * half + 1);
  let norm = 0;
  for (let j = -half; j <= half; j++) {
    kernel[j + half] = Math.exp(-0.5 * (j / 4) ** 2);
    norm += kernel[j + half];
  }
  for (let j = 0; j < kernel.length; j++) kernel[j] /= norm * step;
  const density = new Float64Array(G);
  for (let i = 0; i < G; i++) {
    const m = mass[i];
    if (m === 0) continue;
    const lo = Math.max(0, i - half);
    const hi = Math.min(G - 1, i + half);
    for (let g = lo; g <= hi; g++) density[g] += m * kernel[g - i + half];
  }
  return { energies: Float64Array.from({ length: G }, (_, i) => start + i * step), density };
}

/** Position and height of a maximum at grid point i, refined by the parabola through i-1, i, i+1. */
function refineMaximum(s: SmoothedDistribution, i: number): { energy: number; height: number } {
  const p = s.density;
  if (i <= 0 || i >= p.length - 1) return { energy: s.energies[i], height: p[i] };
  const a = p[i - 1];
  const b = p[i];
  const c = p[i + 1];
  const denominator = a - 2 * b + c;
  if (!(denominator < 0)) return { energy: s.energies[i], height: b };
  const shift = (0.5 * (a - c)) / denominator;
  const step = s.energies[1] - s.energies[0];
  return { energy: s.energies[i] + shift * step, height: b - 0.25 * (a - c) * shift };
}

/** Position and height of a minimum at grid point i, refined by the parabola through i-1, i, i+1. */
function refineMinimum(s: SmoothedDistribution, i: number): { energy: number; height: number } {
  if (i <= 0 || i >= s.density.length - 1) return { energy: s.energies[i], height: s.density[i] };
  const negated = Float64Array.of(-s.density[i - 1], -s.density[i], -s.density[i + 1]);
  const r = refineMaximum({ energies: s.energies.subarray(i - 1, i + 2), density: negated }, 1);
  return { energy: r.energy, height: -r.height };
}

/** Standard normal CDF, `Φ(x) = erfc(-x/√2)/2` (Chebyshev fit of erfc, Numerical Recipes `erfcc`, relative error < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/**
 * Weight and mean of the two sides of a split at `at`, softened by the smoothing kernel: a level e counts as
 * ordered with probability `Φ((at - e)/w)`, so the weights move continuously with the split (a hard split on
 * discrete energy levels jumps, which no jackknife error would describe).
 */
function sides(dist: EnergyDistribution, at: number, width: number): { wo: number; wd: number; mo: number; md: number } {
  let wo = 0;
  let so = 0;
  let wd = 0;
  let sd = 0;
  for (let k = 0; k < dist.energies.length; k++) {
    const e = dist.energies[k];
    const p = dist.probabilities[k];
    const f = at === Infinity ? 1 : normalCdf((at - e) / width);
    wo += f * p;
    so += f * p * e;
    wd += (1 - f) * p;
    sd += (1 - f) * p * e;
  }
  return { wo, wd, mo: so / wo, md: sd / wd };
}

/**
 * The double-peak structure of a distribution (definitions in the module comment): the global maximum of the
 * smoothed density, the local maximum on either side with the deepest dip between it and the global one, the
 * minimum between them, and the weight and mean energy of each side.
 */
export function doublePeak(dist: EnergyDistribution, bandwidth: number): DoublePeak {
  const s = smoothDistribution(dist, bandwidth);
  const p = s.density;
  const G = p.length;
  let top = 0;
  for (let i = 1; i < G; i++) if (p[i] > p[top]) top = i;
  let best = { depth: 0, peak: -1, valley: -1 };
  for (const direction of [-1, 1]) {
    let low = top;
    for (let i = top + direction; i > 0 && i < G - 1; i += direction) {
      if (p[i] < p[low]) low = i;
      const isMaximum = p[i] > p[i - direction] && p[i] >= p[i + direction];
      if (isMaximum && low !== i && p[i] - p[low] > best.depth) best = { depth: p[i] - p[low], peak: i, valley: low };
    }
  }
  if (best.peak < 0) {
    const m = refineMaximum(s, top);
    const all = sides(dist, Infinity, bandwidth);
    const shape = { energy: m.energy, height: m.height, weight: 1, mean: all.mo };
    return { resolved: false, ordered: shape, disordered: shape, minimum: { energy: m.energy, height: m.height } };
  }
  return split(dist, s, bandwidth, best.valley, true);
}

/**
 * The two sides of a split: at grid point `valley` of the smoothed density refined by a parabola (or at the given
 * energy `at`), the maximum of p on each side, and the soft-split weights and means.
 */
function split(dist: EnergyDistribution, s: SmoothedDistribution, bandwidth: number, valley: number, resolved: boolean, at?: number): DoublePeak {
  const p = s.density;
  let io = 0;
  for (let i = 1; i < valley; i++) if (p[i] > p[io]) io = i;
  let id = valley;
  for (let i = valley + 1; i < p.length; i++) if (p[i] > p[id]) id = i;
  const minimum = at === undefined ? refineMinimum(s, valley) : { energy: at, height: p[valley] };
  const w = sides(dist, minimum.energy, bandwidth);
  const o = refineMaximum(s, io);
  const d = refineMaximum(s, id);
  return {
    resolved,
    ordered: { energy: o.energy, height: o.height, weight: w.wo, mean: w.mo },
    disordered: { energy: d.energy, height: d.height, weight: w.wd, mean: w.md },
    minimum,
  };
}

/** {@link doublePeak} with the split held at energy `at` (the maxima of p on each side; `resolved: false`). */
function splitAt(dist: EnergyDistribution, bandwidth: number, at: number): DoublePeak {
  const s = smoothDistribution(dist, bandwidth);
  let valley = 0;
  while (valley < s.energies.length - 1 && s.energies[valley] < at) valley++;
  return split(dist, s, bandwidth, valley, false, at);
}

/** Root of an increasing function on [lo, hi] ({@link findRoot}); undefined when f(lo), f(hi) do not bracket one. */
function increasingRoot(f: (x: number) => number, lo: number, hi: number): number | undefined {
  const flo = f(lo);
  const fhi = f(hi);
  return flo <= 0 && fhi >= 0 ? findRoot(f, lo, hi, flo, fhi) : undefined;
}

/** Maximum (sign +1) or minimum (-1) of f over [lo, hi]: a grid of 33 points, then golden-section refinement. */
function extremum(f: (x: number) => number, lo: number, hi: number, sign: 1 | -1): { x: number; value: number } {
  const n = 32;
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i <= n; i++) {
    const v = sign * f(lo + ((hi - lo) * i) / n);
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  const x = goldenMax((t) => sign * f(t), lo + ((hi - lo) * Math.max(0, best - 1)) / n, lo + ((hi - lo) * Math.min(n, best + 1)) / n, 1e-12);
  return { x, value: f(x) };
}

/** `<e>`, `<e²>`, `<e⁴>` and the variance of a distribution (the variance about the mean, no cancellation). */
function moments(dist: EnergyDistribution): { mean: number; e2: number; e4: number; variance: number } {
  const { energies, probabilities } = dist;
  let mean = 0;
  let e2 = 0;
  let e4 = 0;
  for (let i = 0; i < energies.length; i++) {
    const p = probabilities[i];
    const e = energies[i];
    const ee = e * e;
    mean += p * e;
    e2 += p * ee;
    e4 += p * ee * ee;
  }
  let variance = 0;
  for (let i = 0; i < energies.length; i++) variance += probabilities[i] * (energies[i] - mean) * (energies[i] - mean);
  return { mean, e2, e4, variance };
}

/** `V4 = 1 - <e⁴> / (3 <e²>²)` of a distribution (Challa, Landau and Binder 1986). */
export function energyCumulant(dist: EnergyDistribution): number {
  const m = moments(dist);
  return 1 - m.e4 / (3 * m.e2 * m.e2);
}

/** `N β² (<e²> - <e>²)` of a distribution of the energy per site. */
function specificHeatOf(dist: EnergyDistribution, sites: number, beta: number): number {
  return sites * beta * beta * moments(dist).variance;
}

/**
 * Limit of the minimum of V4 for a first-order transition with coexisting energies e_d and e_o (Challa, Landau
 * and Binder 1986): `V4* = 2/3 - (e_d² - e_o²)² / (12 e_d² e_o²)` (2/3 when e_d = e_o).
 */
export function energyCumulantLimit(disorderedEnergy: number, orderedEnergy: number): number {
  const a = disorderedEnergy * disorderedEnergy;
  const b = orderedEnergy * orderedEnergy;
  return 2 / 3 - (a - b) ** 2 / (12 * a * b);
}

/** The transition points of one distribution family (no errors); see {@link transitionPoints}. */
export interface TransitionPoints {
  /**
   * Equal weight: β_w and the double peak there (undefined when no double peak with a root in range;
   * `peaks.resolved` is false when one peak has become a shoulder at β_w and the last split was kept).
   */
  equalWeight?: { beta: number; peaks: DoublePeak };
  /** Equal height: β_h, the double peak there and the barrier `ln(P_max / P_min)`. */
  equalHeight?: { beta: number; peaks: DoublePeak; barrier: number };
  /** Maximum of `c = N β² var(e)`. */
  specificHeat: { beta: number; value: number };
  /** Minimum of V4. */
  energyCumulant: { beta: number; value: number };
}

/** Options of {@link transitionPoints}. */
export interface TransitionPointOptions {
  /** Smallest β searched. */
  betaFrom: number;
  /** Largest β searched. */
  betaTo: number;
  /** Number of sites N (for c = N β² var e). */
  sites: number;
  /** Width w of the smoothing of P(e) (per-site energy units). */
  bandwidth: number;
  /** β at which to look for the double peak first. @default the specific-heat maximum */
  start?: number;
  /** k of the equal-weight condition `W_o = k W_d`. @default 1 */
  orderedPhases?: number;
}

/**
 * The pseudo-transition points (module comment) of the family `distributionAt(β)` over [betaFrom, betaTo]:
 * equal weight `W_o = k W_d` (split at the minimum between the peaks, iterated with the split held fixed while
 * solving for β, which makes the equation monotone), equal height (same scheme), the specific-heat maximum and
 * the V4 minimum. Used on reweighted Monte Carlo data and, unchanged, on exact distributions.
 */
export function transitionPoints(distributionAt: (beta: number) => EnergyDistribution, options: TransitionPointOptions): TransitionPoints {
  const { betaFrom: betaLo, betaTo: betaHi, sites, bandwidth, start, orderedPhases = 1 } = options;
  const tolerance = 1e-12 * betaHi;
  const c = extremum((b) => specificHeatOf(distributionAt(b), sites, b), betaLo, betaHi, 1);
  const v4 = extremum((b) => energyCumulant(distributionAt(b)), betaLo, betaHi, -1);
  // Solves quantity(β, split) = 0 with the split held at the minimum between the peaks, then moves the split to
  // the minimum at the new β and solves again, until the split stays put. If the minimum disappears at the new β
  // (one peak has become a shoulder, as equal weight per phase can do on small lattices), the last split is kept
  // and the point is returned with `peaks.resolved = false`.
  const solve = (quantity: (beta: number, split: number) => number, from: number): { beta: number; peaks: DoublePeak } | undefined => {
    let beta = from;
    let peaks = doublePeak(distributionAt(beta), bandwidth);
    if (!peaks.resolved && from !== c.x) {
      beta = c.x;
      peaks = doublePeak(distributionAt(beta), bandwidth);
    }
    if (!peaks.resolved) return undefined;
    for (let iteration = 0; iteration < 20; iteration++) {
      const at = peaks.minimum.energy;
      const next = increasingRoot((b) => quantity(b, at), betaLo, betaHi);
      if (next === undefined) return undefined;
      const moved = Math.abs(next - beta);
      beta = next;
      peaks = doublePeak(distributionAt(beta), bandwidth);
      if (!peaks.resolved) return { beta, peaks: splitAt(distributionAt(beta), bandwidth, at) };
      if (moved <= tolerance || Math.abs(peaks.minimum.energy - at) <= 1e-9 * bandwidth) break;
    }
    return { beta, peaks };
  };
  const lnK = Math.log(orderedPhases);
  const weight = (b: number, split: number) => {
    const s = sides(distributionAt(b), split, bandwidth);
    return Math.log(s.wo) - Math.log(s.wd) - lnK;
  };
  const height = (b: number, split: number) => {
    const s = smoothDistribution(distributionAt(b), bandwidth);
    let io = -1;
    let id = -1;
    for (let i = 0; i < s.energies.length; i++) {
      if (s.energies[i] < split) {
        if (io < 0 || s.density[i] > s.density[io]) io = i;
      } else if (id < 0 || s.density[i] > s.density[id]) id = i;
    }
    if (io < 0 || id < 0) return io < 0 ? -Infinity : Infinity;
    return Math.log(refineMaximum(s, io).height) - Math.log(refineMaximum(s, id).height);
  };
  const equalWeight = solve(weight, start ?? c.x);
  const solvedHeight = solve(height, equalWeight?.peaks.resolved ? equalWeight.beta : (start ?? c.x));
  const heightPoint = solvedHeight?.peaks.resolved ? solvedHeight : undefined;
  const equalHeight = heightPoint && {
    ...heightPoint,
    barrier: Math.log(Math.max(heightPoint.peaks.ordered.height, heightPoint.peaks.disordered.height) / heightPoint.peaks.minimum.height),
  };
  return { equalWeight, equalHeight, specificHeat: { beta: c.x, value: c.value }, energyCumulant: { beta: v4.x, value: v4.value } };
}

/** A double peak at a pseudo-transition point, every number with its jackknife error. */
export interface PeakPoint {
  beta: Observable;
  ordered: { energy: Observable; height: Observable; weight: Observable; mean: Observable };
  disordered: { energy: Observable; height: Observable; weight: Observable; mean: Observable };
  minimum: { energy: Observable; height: Observable };
  /** P(e) at β (full data). */
  distribution: EnergyDistribution;
}

/** Result of {@link analyzeFirstOrder}. */
export interface FirstOrderAnalysis {
  sites: number;
  size: number;
  dimension: number;
  /** Jackknife bins per run. */
  bins: number;
  /** Smoothing width w used for p(e) (per-site energy units). */
  bandwidth: number;
  /** β range over which the reweighting is reliable (src/analysis/reweight.ts). */
  betaRange: { from: number; to: number };
  /** Equal-weight point `W_o = k W_d`, k = `orderedPhases` (absent when no double peak is found in range). */
  equalWeight?: PeakPoint;
  /** k of the equal-weight condition. */
  orderedPhases: number;
  /** Equal-height point with the Lee-Kosterlitz barrier ΔF = ln(P_max/P_min) and σ = ΔF / (2 L^(d-1)). */
  equalHeight?: PeakPoint & { barrier: Observable; interfaceTension: Observable };
  /**
   * Latent heat `e_d - e_o` from the peak maxima at β_w (at β_h if one peak is only a shoulder at β_w, with a
   * warning); 0 (error 0) when the double peak is not resolved.
   */
  latentHeat: Observable;
  /** `<e>_d - <e>_o` from the phase means at β_w (0 when not resolved). */
  latentHeatFromMeans: Observable;
  /** Upper bound `2 √(c_max / N) / β` on the latent heat (module comment); → 0 for a continuous transition. */
  latentHeatBound: Observable;
  /** Maximum of c over β. */
  specificHeatMaximum: { beta: Observable; value: Observable };
  /** Minimum of V4 over β. */
  energyCumulantMinimum: { beta: Observable; value: Observable };
  /** Whether a double peak is resolved, and why (criterion of the module comment). */
  verdict: { doublePeak: boolean; criterion: string; reason: string };
  /** Reliability warnings (from the reweighting and from the analysis). */
  warnings: string[];
}

function checkRuns(runs: readonly FirstOrderRun[]): void {
  if (!Array.isArray(runs) || runs.length === 0) throw new InvalidOptionError('runs', runs, 'a non-empty list of runs { beta, energy }');
}

/** Concatenates the series of runs at the same β (independent runs at one temperature are one longer run). */
function mergeRuns(runs: readonly FirstOrderRun[], scale: number): { beta: number; energy: Float64Array }[] {
  const byBeta = new Map<number, ArrayLike<number>[]>();
  runs.forEach((run, i) => {
    if (typeof run !== 'object' || run === null || typeof run.beta !== 'number' || !(run.beta > 0) || !Number.isFinite(run.beta)) {
      throw new InvalidOptionError(`runs[${i}].beta`, run?.beta, 'a finite number > 0');
    }
    if (!run.energy || typeof run.energy.length !== 'number') throw new InvalidOptionError(`runs[${i}].energy`, run.energy, 'a series of energies');
    const list = byBeta.get(run.beta) ?? [];
    list.push(run.energy);
    byBeta.set(run.beta, list);
  });
  return [...byBeta.entries()].map(([beta, list]) => {
    const energy = new Float64Array(list.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const s of list) for (let t = 0; t < s.length; t++) energy[at++] = s[t] * scale;
    return { beta, energy };
  });
}

const observe = (value: number, replicas: number[]): Observable => ({ mean: value, error: jackknifeError(replicas) });

function peakPoint(full: { beta: number; peaks: DoublePeak }, replicas: { beta: number; peaks: DoublePeak }[], distribution: EnergyDistribution): PeakPoint {
  const side = (pick: (p: DoublePeak) => PeakShape) => ({
    energy: observe(
      pick(full.peaks).energy,
      replicas.map((r) => pick(r.peaks).energy),
    ),
    height: observe(
      pick(full.peaks).height,
      replicas.map((r) => pick(r.peaks).height),
    ),
    weight: observe(
      pick(full.peaks).weight,
      replicas.map((r) => pick(r.peaks).weight),
    ),
    mean: observe(
      pick(full.peaks).mean,
      replicas.map((r) => pick(r.peaks).mean),
    ),
  });
  return {
    beta: observe(
      full.beta,
      replicas.map((r) => r.beta),
    ),
    ordered: side((p) => p.ordered),
    disordered: side((p) => p.disordered),
    minimum: {
      energy: observe(
        full.peaks.minimum.energy,
        replicas.map((r) => r.peaks.minimum.energy),
      ),
      height: observe(
        full.peaks.minimum.height,
        replicas.map((r) => r.peaks.minimum.height),
      ),
    },
    distribution,
  };
}

/**
 * Analyses energy series near a first-order (or continuous) transition: see the module comment for every
 * definition, the error analysis and the verdict. The runs may be at one β (single-histogram reweighting) or at
 * several (multiple histogram); the β range searched is the one over which the reweighting is reliable.
 *
 * @throws InvalidOptionError on bad input (and the errors of the reweighting, e.g. runs shorter than 20 τ_int)
 */
export function analyzeFirstOrder(runs: readonly FirstOrderRun[], options: FirstOrderOptions): FirstOrderAnalysis {
  checkRuns(runs);
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', options, 'an object with at least { sites }');
  const { sites } = options;
  if (typeof sites !== 'number' || !Number.isInteger(sites) || sites < 1) throw new InvalidOptionError('sites', sites, 'an integer >= 1');
  const dimension = options.dimension ?? 2;
  if (!Number.isInteger(dimension) || dimension < 1) throw new InvalidOptionError('dimension', dimension, 'an integer >= 1');
  const size = options.size ?? sites ** (1 / dimension);
  if (typeof size !== 'number' || !(size > 0) || !Number.isFinite(size)) throw new InvalidOptionError('size', size, 'a finite number > 0');
  const unit = options.energyUnit ?? 'site';
  if (unit !== 'site' && unit !== 'total') throw new InvalidOptionError('energyUnit', unit, '"site" or "total"');
  const minSignificance = options.minSignificance ?? 3;
  if (typeof minSignificance !== 'number' || !(minSignificance > 0)) throw new InvalidOptionError('minSignificance', minSignificance, 'a number > 0');
  const orderedPhases = options.orderedPhases ?? 1;
  if (typeof orderedPhases !== 'number' || !(orderedPhases >= 1) || !Number.isFinite(orderedPhases)) {
    throw new InvalidOptionError('orderedPhases', orderedPhases, 'a number >= 1 (q for the q-state Potts model)');
  }
  if (options.bandwidth !== undefined && !(typeof options.bandwidth === 'number' && options.bandwidth > 0 && Number.isFinite(options.bandwidth))) {
    throw new InvalidOptionError('bandwidth', options.bandwidth, 'a finite number > 0 (per-site energy units)');
  }

  const merged = mergeRuns(runs, unit === 'total' ? 1 / sites : 1);
  const rw = new Reweighting({ sites, size, runs: merged }, options.bins === undefined ? {} : { bins: options.bins });
  // search within the reliable range, and with several runs within the temperatures they span: far
  // outside them a small lattice's discrete low-energy levels look like a second peak
  const runBetas = merged.map((r) => r.beta);
  const spanned = merged.length > 1;
  const family: DistributionFamily = {
    sites,
    size,
    dimension,
    bins: rw.bins,
    betaRange: {
      from: Math.max(1 / rw.range.to, spanned ? Math.min(...runBetas) : 0),
      to: Math.min(1 / rw.range.from, spanned ? Math.max(...runBetas) : Infinity),
    },
    distribution: (beta, replica) => rw.energyDistribution(1 / beta, replica),
    warnings: rw.warnings,
  };
  return analyzeDistributionFamily(family, { bandwidth: options.bandwidth, minSignificance, orderedPhases });
}

/**
 * The data behind a first-order analysis: energy distributions P_β(e) at any β of a range, for the full
 * data (replica -1) and for each leave-one-bin-out jackknife replica 0 .. bins-1. Canonical runs give one
 * by reweighting ({@link analyzeFirstOrder}); a multicanonical run gives one from its histograms
 * (src/multicanonical).
 */
export interface DistributionFamily {
  sites: number;
  size: number;
  dimension: number;
  /** Jackknife bins. */
  bins: number;
  /** β range over which the distributions are reliable (the search stays inside it). */
  betaRange: { from: number; to: number };
  /** P_β(e) of the full data (replica -1) or of jackknife replica `replica`. */
  distribution(beta: number, replica: number): EnergyDistribution;
  /** Reliability warnings of the data, carried into the analysis. */
  warnings: readonly string[];
}

/** Options of {@link analyzeDistributionFamily} (defaults as in {@link FirstOrderOptions}). */
export interface DistributionFamilyOptions {
  bandwidth?: number;
  minSignificance?: number;
  orderedPhases?: number;
}

/**
 * The first-order analysis of {@link analyzeFirstOrder} (module comment: every definition, the error
 * analysis and the verdict) on any {@link DistributionFamily}.
 */
export function analyzeDistributionFamily(family: DistributionFamily, options: DistributionFamilyOptions = {}): FirstOrderAnalysis {
  const { sites, size, dimension } = family;
  const minSignificance = options.minSignificance ?? 3;
  const orderedPhases = options.orderedPhases ?? 1;
  const warnings = [...family.warnings];
  const betaLo = family.betaRange.from;
  const betaHi = family.betaRange.to;
  const cache = new Map<string, EnergyDistribution>();
  const distributionAt =
    (replica: number) =>
    (beta: number): EnergyDistribution => {
      const key = `${replica}:${beta}`;
      let d = cache.get(key);
      if (!d) {
        d = family.distribution(beta, replica);
        if (cache.size > 4096) cache.clear();
        cache.set(key, d);
      }
      return d;
    };

  // Bandwidth: a fifth of the narrower phase's standard deviation (one phase: of the whole peak) at the
  // specific-heat maximum, found with a provisional width of 1/100 of the energy range; never below the
  // energy quantum 1/N.
  const full = distributionAt(-1);
  let bandwidth = options.bandwidth ?? 0;
  const cFull = extremum((b) => specificHeatOf(full(b), sites, b), betaLo, betaHi, 1);
  if (!(bandwidth > 0)) {
    const d = full(cFull.x);
    const range = d.energies[d.energies.length - 1] - d.energies[0];
    const provisional = doublePeak(d, Math.max(range / 100, 1 / sites));
    const spread = (from: number, to: number) => {
      let w = 0;
      let m = 0;
      let m2 = 0;
      for (let k = 0; k < d.energies.length; k++) {
        const e = d.energies[k];
        if (e < from || e >= to) continue;
        w += d.probabilities[k];
        m += d.probabilities[k] * e;
        m2 += d.probabilities[k] * e * e;
      }
      return Math.sqrt(Math.max(0, m2 / w - (m / w) ** 2));
    };
    const split = provisional.minimum.energy;
    const sd = provisional.resolved ? Math.min(spread(-Infinity, split), spread(split, Infinity)) : spread(-Infinity, Infinity);
    bandwidth = Math.max(sd / 5, 1 / sites);
  }

  const points = (replica: number, start?: number) =>
    transitionPoints(distributionAt(replica), { betaFrom: betaLo, betaTo: betaHi, sites, bandwidth, start, orderedPhases });
  const main = points(-1);
  const start = main.equalWeight?.peaks.resolved ? main.equalWeight.beta : (main.equalHeight?.beta ?? main.specificHeat.beta);
  const replicas = Array.from({ length: family.bins }, (_, j) => points(j, start));
  const dims = size ** (dimension - 1);

  const cMax = {
    beta: observe(
      main.specificHeat.beta,
      replicas.map((r) => r.specificHeat.beta),
    ),
    value: observe(
      main.specificHeat.value,
      replicas.map((r) => r.specificHeat.value),
    ),
  };
  const bound = (p: TransitionPoints) => (2 * Math.sqrt(p.specificHeat.value / sites)) / p.specificHeat.beta;
  const latentHeatBound = observe(bound(main), replicas.map(bound));
  const energyCumulantMinimum = {
    beta: observe(
      main.energyCumulant.beta,
      replicas.map((r) => r.energyCumulant.beta),
    ),
    value: observe(
      main.energyCumulant.value,
      replicas.map((r) => r.energyCumulant.value),
    ),
  };

  const allWeight = main.equalWeight && replicas.every((r) => r.equalWeight);
  const allHeight = main.equalHeight && replicas.every((r) => r.equalHeight);
  const equalWeight = allWeight
    ? peakPoint(
        main.equalWeight!,
        replicas.map((r) => r.equalWeight!),
        full(main.equalWeight!.beta),
      )
    : undefined;
  let equalHeight: FirstOrderAnalysis['equalHeight'];
  if (allHeight) {
    const point = peakPoint(
      main.equalHeight!,
      replicas.map((r) => r.equalHeight!),
      full(main.equalHeight!.beta),
    );
    const barrier = observe(
      main.equalHeight!.barrier,
      replicas.map((r) => r.equalHeight!.barrier),
    );
    equalHeight = { ...point, barrier, interfaceTension: { mean: barrier.mean / (2 * dims), error: barrier.error / (2 * dims) } };
  }

  const separation = (p: { peaks: DoublePeak }) => p.peaks.disordered.energy - p.peaks.ordered.energy;
  const meanSeparation = (p: { peaks: DoublePeak }) => p.peaks.disordered.mean - p.peaks.ordered.mean;
  let latentHeat: Observable = { mean: 0, error: 0 };
  let latentHeatFromMeans: Observable = { mean: 0, error: 0 };
  const criterion =
    `two maxima of p(e) separated by a minimum at the equal-height point, in the full data and in all ${family.bins} jackknife replicas; ` +
    `barrier ln(P_max/P_min) and peak separation each above ${minSignificance} jackknife errors`;
  let reason: string;
  let resolved = false;
  // Peak positions at β_w when both peaks are maxima there (full data and every replica), else at β_h.
  const weightPeaks = main.equalWeight?.peaks.resolved && replicas.every((r) => r.equalWeight?.peaks.resolved);
  const peaksAt = (p: TransitionPoints) => (weightPeaks ? p.equalWeight! : p.equalHeight!);
  if (!main.equalHeight || !main.equalWeight) {
    reason = 'no double peak with equal weight and equal height inside the reliable beta range';
  } else if (!equalHeight || !equalWeight) {
    reason = 'the double peak disappears in some jackknife replicas';
  } else {
    const dE = observe(
      separation(peaksAt(main)),
      replicas.map((r) => separation(peaksAt(r))),
    );
    if (!(equalHeight.barrier.mean > minSignificance * equalHeight.barrier.error)) {
      reason = `barrier ${equalHeight.barrier.mean.toPrecision(3)} +- ${equalHeight.barrier.error.toPrecision(2)} is not significant`;
    } else if (!(dE.mean > minSignificance * dE.error)) {
      reason = `peak separation ${dE.mean.toPrecision(3)} +- ${dE.error.toPrecision(2)} is not significant`;
    } else {
      resolved = true;
      reason =
        `barrier ${equalHeight.barrier.mean.toPrecision(3)} +- ${equalHeight.barrier.error.toPrecision(2)}, separation ` +
        `${dE.mean.toPrecision(3)} +- ${dE.error.toPrecision(2)}`;
      latentHeat = dE;
      latentHeatFromMeans = observe(
        meanSeparation(peaksAt(main)),
        replicas.map((r) => meanSeparation(peaksAt(r))),
      );
      if (!weightPeaks)
        warnings.push('at the equal-weight point one peak is only a shoulder: the latent heat is taken from the peaks at the equal-height point');
    }
  }
  if (main.equalWeight && !main.equalWeight.peaks.resolved) {
    warnings.push(
      'at the equal-weight point one peak is only a shoulder: beta_w depends on where the split is held (the minimum at the last beta where ' +
        'both peaks were maxima)',
    );
  }
  if (!resolved && main.equalWeight)
    warnings.push('a double peak is present but not resolved by the criterion: the latent heat is reported as 0 (see latentHeatBound)');
  return {
    sites,
    size,
    dimension,
    bins: family.bins,
    bandwidth,
    betaRange: { from: betaLo, to: betaHi },
    equalWeight,
    orderedPhases,
    equalHeight,
    latentHeat,
    latentHeatFromMeans,
    latentHeatBound,
    specificHeatMaximum: cMax,
    energyCumulantMinimum,
    verdict: { doublePeak: resolved, criterion, reason },
    warnings,
  };
}

/** Result of {@link firstOrderScaling}. */
export interface FirstOrderScaling {
  /** Sizes, increasing. */
  sizes: number[];
  dimension: number;
  /** `σ_L = σ + a / L^(d-1)` over the sizes with a resolved double peak (undefined with fewer than 2). */
  interfaceTension?: { limit: Observable; slope: Observable; chi2PerDof: number; sizes: number[] };
  /** `Δe_L = Δe + b / L^d` over the sizes with a resolved double peak. */
  latentHeat?: { limit: Observable; slope: Observable; chi2PerDof: number; sizes: number[] };
  /** `V4_min(L) = V4* + c / L^d` over all sizes; compare V4* with 2/3 (continuous) and {@link energyCumulantLimit}. */
  energyCumulant?: { limit: Observable; slope: Observable; chi2PerDof: number; distanceFrom2over3: number };
  /**
   * `c_max ∝ L^y` (src/stats/fit.ts fitPowerLaw): y → d for a first-order transition (Challa, Landau and Binder),
   * y = α/ν < d for a continuous one (0.4 for q = 3, logarithmic for q = 2).
   */
  specificHeatExponent?: { exponent: Observable; chi2PerDof: number };
  /**
   * `'first-order'` when the largest size resolves a double peak and the extrapolated latent heat (or, with fewer
   * than two resolved sizes, the largest size's) is above 3 errors; otherwise `'no-latent-heat'`.
   */
  verdict: { kind: 'first-order' | 'no-latent-heat'; reason: string };
}

function fit(x: number[], y: Observable[]) {
  const f = linearFit(
    x,
    y.map((o) => o.mean),
    y.map((o) => o.error),
  );
  return {
    limit: { mean: f.intercept, error: f.interceptError },
    slope: { mean: f.slope, error: f.slopeError },
    chi2PerDof: f.dof > 0 ? f.chi2 / f.dof : NaN,
  };
}

/**
 * Finite-size scaling of several {@link analyzeFirstOrder} results (one per size, same dimension): the interface
 * tension against 1/L^(d-1), the latent heat and the V4 minimum against L^-d (Challa, Landau and Binder), the
 * exponent of the specific-heat maximum, and a verdict. Fits are weighted least squares with the jackknife
 * errors (src/stats/fit.ts).
 */
export function firstOrderScaling(analyses: readonly FirstOrderAnalysis[]): FirstOrderScaling {
  if (!Array.isArray(analyses) || analyses.length === 0) throw new InvalidOptionError('analyses', analyses, 'a non-empty list of analyzeFirstOrder results');
  const sorted = [...analyses].sort((a, b) => a.size - b.size);
  const dimension = sorted[0].dimension;
  sorted.forEach((a, i) => {
    if (a.dimension !== dimension) throw new InvalidOptionError(`analyses[${i}].dimension`, a.dimension, `${dimension} (one dimension for all sizes)`);
  });
  const sizes = sorted.map((a) => a.size);
  const resolved = sorted.filter((a) => a.verdict.doublePeak && a.equalHeight);
  const out: FirstOrderScaling = { sizes, dimension, verdict: { kind: 'no-latent-heat', reason: '' } };
  if (resolved.length >= 2) {
    out.interfaceTension = {
      ...fit(
        resolved.map((a) => a.size ** -(dimension - 1)),
        resolved.map((a) => a.equalHeight!.interfaceTension),
      ),
      sizes: resolved.map((a) => a.size),
    };
    out.latentHeat = {
      ...fit(
        resolved.map((a) => a.size ** -dimension),
        resolved.map((a) => a.latentHeat),
      ),
      sizes: resolved.map((a) => a.size),
    };
  }
  if (sorted.length >= 2) {
    const v4 = fit(
      sizes.map((L) => L ** -dimension),
      sorted.map((a) => a.energyCumulantMinimum.value),
    );
    out.energyCumulant = { ...v4, distanceFrom2over3: (2 / 3 - v4.limit.mean) / v4.limit.error };
    const c = fitPowerLaw(
      sizes,
      sorted.map((a) => a.specificHeatMaximum.value.mean),
      sorted.map((a) => a.specificHeatMaximum.value.error),
    );
    out.specificHeatExponent = { exponent: { mean: c.exponent, error: c.exponentError }, chi2PerDof: c.chi2PerDof };
  }
  const largest = sorted[sorted.length - 1];
  if (!largest.verdict.doublePeak) {
    out.verdict = {
      kind: 'no-latent-heat',
      reason:
        `no resolved double peak at the largest size L = ${largest.size} (${largest.verdict.reason}); latent heat bound there ` +
        `${largest.latentHeatBound.mean.toPrecision(3)} +- ${largest.latentHeatBound.error.toPrecision(2)}`,
    };
  } else {
    const estimate = out.latentHeat?.limit ?? largest.latentHeat;
    const significant = estimate.mean > 3 * estimate.error;
    out.verdict = significant
      ? {
          kind: 'first-order',
          reason:
            `latent heat ${estimate.mean.toPrecision(4)} +- ${estimate.error.toPrecision(2)} ` +
            `(${out.latentHeat ? 'extrapolated in L^-d' : `L = ${largest.size}`})`,
        }
      : { kind: 'no-latent-heat', reason: `latent heat ${estimate.mean.toPrecision(3)} +- ${estimate.error.toPrecision(2)} is consistent with 0` };
  }
  return out;
}
