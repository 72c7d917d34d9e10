/**
 * Finite-size scaling from reweighted curves of several lattice sizes (one
 * {@link Reweighting} per size, see ./reweight.ts):
 *
 * - Binder crossings: for successive sizes L_a < L_b, the temperature T* where
 *   U4(L_a, T) = U4(L_b, T) (U4 = 1 - <m^4>/(3 <m^2>^2)), and U4 there. U4 curves of different
 *   sizes cross near Tc (at U4* = 0.61069... for the square-lattice Ising model).
 * - 1/nu of a pair from the slopes of U4 at its crossing: dU4/dT ~ L^{1/nu}, so
 *   1/nu = ln(U4'(L_b) / U4'(L_a)) / ln(L_b / L_a), with U4' = dU4/dT at T*.
 * - Tc: inverse-variance weighted mean of the crossings. nu: slope 1/nu of the straight-line fit
 *   of ln|dU4/dT| against ln L at that Tc (weights from each size's own errors).
 * - Susceptibility maxima: chi_max(L) = max_T chi(L, T) with chi = N beta (<m^2> - <|m|>^2), and
 *   gamma/nu the slope of the weighted fit of ln chi_max against ln L (chi_max ~ L^{gamma/nu}).
 *
 * Errors: the sizes are independent runs, so every result's variance is the sum over sizes of
 * its jackknife variance when only that size's data are resampled (leave one bin out of every
 * run of that size, all other sizes at their full samples). Crossings and maxima are searched
 * inside each size's reliable reweighting range; a crossing or maximum that cannot be found
 * there, or lies at its edge, is NaN or flagged with a warning.
 */
import { checkOptions } from '../validate.js';
import { InvalidOptionError } from '../errors.js';
import type { Measurement, Observable } from '../measure.js';
import { jackknifeError, linearFit, weightedMean } from '../stats/index.js';
import { findRoot, goldenMax } from './search.js';
import { REWEIGHT_KEYS, Reweighting, type ReweightOptions } from './reweight.js';

/** A crossing of the Binder cumulants of two sizes. */
export interface BinderCrossing {
  sizes: [number, number];
  /** T* where U4(L_a, T*) = U4(L_b, T*). */
  temperature: Observable;
  /** U4 at the crossing. */
  binder: Observable;
  /** 1/nu from the ratio of the U4 slopes at the crossing. */
  inverseNu: Observable;
}

/** The maximum of chi(T) for one size. */
export interface SusceptibilityPeak {
  size: number;
  temperature: Observable;
  susceptibility: Observable;
  /** True when the maximum lies at the edge of the reliable range (then it is only a lower bound). */
  atEdge: boolean;
}

/** A fitted exponent with the fit's chi^2. */
export interface FittedExponent extends Observable {
  chi2: number;
  dof: number;
}

/** Result of {@link finiteSizeScaling}. */
export interface FiniteSizeScaling {
  sizes: number[];
  /** One reweighting per size (same order as `sizes`). */
  reweightings: Reweighting[];
  crossings: BinderCrossing[];
  /** Weighted mean of the crossing temperatures (chi2 over the crossings, which share sizes and so are not fully independent). */
  criticalTemperature: FittedExponent;
  /** nu from the fit of ln|dU4/dT| at the estimated Tc against ln L. */
  nu: FittedExponent;
  peaks: SusceptibilityPeak[];
  /** Slope of the weighted fit of ln chi_max against ln L. */
  gammaOverNu: FittedExponent;
  warnings: string[];
}

/** Options of {@link finiteSizeScaling}: reweighting options plus the search grid. */
export interface FssOptions extends ReweightOptions {
  /** Points of the scan for crossings and maxima over each range. @default 200 */
  scanPoints?: number;
}

type Replicas = number[];

interface Estimates {
  crossings: { t: number; u: number; inverseNu: number }[];
  tc: number;
  inverseNu: number;
  peaks: { t: number; chi: number }[];
  gammaOverNu: number;
}

/**
 * Groups measurements (taken with keepSeries: true) by size and builds one reweighting per size,
 * or takes ready reweightings. At least two sizes are needed.
 */
function reweightingsOf(input: readonly Measurement[] | readonly Reweighting[], options: ReweightOptions): Reweighting[] {
  if (!Array.isArray(input) || input.length === 0)
    throw new InvalidOptionError('measurements', input, 'measurements of at least two lattice sizes, taken with keepSeries: true');
  if (input.every((x) => x instanceof Reweighting)) return [...(input as Reweighting[])].sort((a, b) => a.size - b.size);
  const bySize = new Map<number, Measurement[]>();
  for (const m of input as Measurement[]) {
    if (typeof m !== 'object' || m === null || typeof m.size !== 'number') throw new InvalidOptionError('measurements', m, 'measurements (or reweightings)');
    bySize.set(m.size, [...(bySize.get(m.size) ?? []), m]);
  }
  return [...bySize.keys()].sort((a, b) => a - b).map((size) => new Reweighting(bySize.get(size)!, options));
}

/**
 * Binder crossings, Tc, nu, chi_max and gamma/nu from runs of several sizes; see the module comment.
 *
 * @param input measurements taken with keepSeries: true (grouped by size here), or one Reweighting per size
 */
export function finiteSizeScaling(input: readonly Measurement[] | readonly Reweighting[], options: FssOptions = {}): FiniteSizeScaling {
  checkOptions('options', options, ['scanPoints', ...REWEIGHT_KEYS]);
  const { scanPoints: _scan, ...reweight } = options;
  const rws = reweightingsOf(input, reweight);
  if (rws.length < 2) throw new InvalidOptionError('measurements', `one size (L = ${rws[0].size})`, 'measurements of at least two lattice sizes');
  const scanPoints = options.scanPoints ?? 200;
  if (!Number.isInteger(scanPoints) || scanPoints < 10) throw new InvalidOptionError('scanPoints', scanPoints, 'an integer >= 10');
  const sizes = rws.map((r) => r.size);
  const S = rws.length;
  const warnings = rws.flatMap((r) => r.warnings.map((w) => `L=${r.size}: ${w}`));
  const binder = (s: number, T: number, rep: Replicas) => rws[s].moments(T, rep[s]).binder;
  const chi = (s: number, T: number, rep: Replicas) => rws[s].moments(T, rep[s]).susceptibility;
  const slope = (s: number, T: number, rep: Replicas) => {
    const h = 1e-4 * T;
    return (binder(s, T + h, rep) - binder(s, T - h, rep)) / (2 * h);
  };

  // Brackets found once on the full data; replicas search inside them.
  const crossingBrackets: ([number, number] | undefined)[] = [];
  for (let a = 0; a + 1 < S; a++) {
    const from = Math.max(rws[a].range.from, rws[a + 1].range.from);
    const to = Math.min(rws[a].range.to, rws[a + 1].range.to);
    const full = sizes.map(() => -1);
    const found: [number, number][] = [];
    let previous = NaN;
    let previousT = NaN;
    for (let i = 0; i < scanPoints && to > from; i++) {
      const T = from + ((to - from) * i) / (scanPoints - 1);
      const d = binder(a, T, full) - binder(a + 1, T, full);
      if (previous < 0 && d >= 0) found.push([previousT, T]);
      previous = d;
      previousT = T;
    }
    if (found.length === 0) {
      warnings.push(
        `U4 of L=${sizes[a]} and L=${sizes[a + 1]} do not cross inside their common reliable range [${from.toFixed(4)}, ${to.toFixed(4)}]: ` +
          `add temperatures near Tc`,
      );
    } else if (found.length > 1) {
      warnings.push(`U4 of L=${sizes[a]} and L=${sizes[a + 1]} cross ${found.length} times (noise): the first crossing is used`);
    }
    if (found.length > 0) {
      const [lo, hi] = found[0];
      const width = (hi - lo) * 3;
      crossingBrackets.push([Math.max(from, lo - width), Math.min(to, hi + width)]);
    } else {
      crossingBrackets.push(undefined);
    }
  }
  const peakBrackets = rws.map((rw, s) => {
    const { from, to } = rw.range;
    const full = sizes.map(() => -1);
    let best = -Infinity;
    let bestI = 0;
    for (let i = 0; i < scanPoints; i++) {
      const c = chi(s, from + ((to - from) * i) / (scanPoints - 1), full);
      if (c > best) {
        best = c;
        bestI = i;
      }
    }
    const step = (to - from) / (scanPoints - 1);
    const atEdge = bestI === 0 || bestI === scanPoints - 1;
    if (atEdge)
      warnings.push(
        `L=${rw.size}: the susceptibility maximum lies at the ${bestI === 0 ? 'low' : 'high'} edge of the reliable range ` +
          `[${from.toFixed(4)}, ${to.toFixed(4)}]: extend the temperatures`,
      );
    return { lo: Math.max(from, from + (bestI - 2) * step), hi: Math.min(to, from + (bestI + 2) * step), atEdge };
  });

  const crossingAt = (a: number, rep: Replicas): number => {
    const bracket = crossingBrackets[a];
    if (!bracket) return NaN;
    const d = (T: number) => binder(a, T, rep) - binder(a + 1, T, rep);
    let [lo, hi] = bracket;
    if (!(d(lo) < 0 && d(hi) >= 0)) {
      // The replica moved the crossing out of the bracket: scan the common range again.
      const from = Math.max(rws[a].range.from, rws[a + 1].range.from);
      const to = Math.min(rws[a].range.to, rws[a + 1].range.to);
      let prev = d(from);
      lo = NaN;
      for (let i = 1; i < scanPoints; i++) {
        const T = from + ((to - from) * i) / (scanPoints - 1);
        const v = d(T);
        if (prev < 0 && v >= 0) {
          lo = from + ((to - from) * (i - 1)) / (scanPoints - 1);
          hi = T;
          break;
        }
        prev = v;
      }
      if (Number.isNaN(lo)) return NaN;
    }
    return findRoot(d, lo, hi);
  };

  // First pass: the weights of the Tc mean and of the nu fit come from the per-crossing and
  // per-size errors; they are then held fixed so the estimator is a fixed function of the data.
  let tcWeights: number[] = crossingBrackets.map(() => 1);
  let nuSigmas: number[] = sizes.map(() => 1);
  let peakSigmas: number[] = sizes.map(() => 1);
  // The searches (crossings, maxima) do not depend on the weights: done once per replica set.
  const searched = new Map<Replicas, Pick<Estimates, 'crossings' | 'peaks'>>();
  const search = (rep: Replicas) => {
    let found = searched.get(rep);
    if (!found) {
      const crossings = crossingBrackets.map((_, a) => {
        const t = crossingAt(a, rep);
        const u = Number.isNaN(t) ? NaN : binder(a, t, rep);
        const inverseNu = Number.isNaN(t) ? NaN : Math.log(slope(a + 1, t, rep) / slope(a, t, rep)) / Math.log(sizes[a + 1] / sizes[a]);
        return { t, u, inverseNu };
      });
      const peaks = peakBrackets.map(({ lo, hi }, s) => {
        const t = goldenMax((T) => chi(s, T, rep), lo, hi);
        return { t, chi: chi(s, t, rep) };
      });
      found = { crossings, peaks };
      searched.set(rep, found);
    }
    return found;
  };
  const evaluate = (rep: Replicas): Estimates => {
    const { crossings, peaks } = search(rep);
    const usable = crossings.map((c, a) => (Number.isFinite(c.t) && tcWeights[a] > 0 ? a : -1)).filter((a) => a >= 0);
    const tc = usable.length === 0 ? NaN : usable.reduce((s, a) => s + tcWeights[a] * crossings[a].t, 0) / usable.reduce((s, a) => s + tcWeights[a], 0);
    const lnSlopes = sizes.map((_, s) => (Number.isFinite(tc) ? Math.log(Math.abs(slope(s, tc, rep))) : NaN));
    const inverseNu = linearFit(sizes.map(Math.log), lnSlopes, nuSigmas).slope;
    const gammaOverNu = linearFit(
      sizes.map(Math.log),
      peaks.map((p) => Math.log(p.chi)),
      peakSigmas,
    ).slope;
    return { crossings, tc, inverseNu, peaks, gammaOverNu };
  };

  const full = sizes.map(() => -1);
  const perSize = (rep: (s: number, j: number) => Replicas) => sizes.map((_, s) => Array.from({ length: rws[s].bins }, (_, j) => rep(s, j)));
  const replicaSets = perSize((s, j) => sizes.map((_, k) => (k === s ? j : -1)));
  const errorOf = (f: (e: Estimates) => number, all: Estimates[][]) => Math.sqrt(all.reduce((v, set) => v + jackknifeError(set.map(f)) ** 2, 0));

  // Pass 1 with unit weights gives the errors of the crossings, of ln chi_max and of ln|U4'| per size.
  const first = evaluate(full);
  const firstReplicas = replicaSets.map((set) => set.map(evaluate));
  tcWeights = first.crossings.map((_, a) => {
    const e = errorOf((x) => x.crossings[a].t, firstReplicas);
    return e > 0 ? 1 / (e * e) : 0;
  });
  peakSigmas = sizes.map((_, s) => errorOf((x) => Math.log(x.peaks[s].chi), firstReplicas));
  // ln|U4'| at the first-pass Tc: its error per size from that size's replicas.
  nuSigmas = sizes.map((_, s) => {
    if (!Number.isFinite(first.tc)) return NaN;
    const values = replicaSets[s].map((rep) => Math.log(Math.abs(slope(s, first.tc, rep))));
    return jackknifeError(values);
  });

  // Pass 2: final estimates and errors.
  const result = evaluate(full);
  const replicas = replicaSets.map((set) => set.map(evaluate));
  const obs = (f: (e: Estimates) => number): Observable => ({ mean: f(result), error: errorOf(f, replicas) });

  const crossings: BinderCrossing[] = result.crossings.map((_, a) => ({
    sizes: [sizes[a], sizes[a + 1]],
    temperature: obs((x) => x.crossings[a].t),
    binder: obs((x) => x.crossings[a].u),
    inverseNu: obs((x) => x.crossings[a].inverseNu),
  }));
  const tcMean = weightedMean(
    crossings.map((c) => c.temperature.mean),
    crossings.map((c) => c.temperature.error),
  );
  const inverseNu = obs((x) => x.inverseNu);
  const nuFit = linearFit(
    sizes.map(Math.log),
    sizes.map((_, s) => Math.log(Math.abs(slope(s, result.tc, full)))),
    nuSigmas,
  );
  const peaks: SusceptibilityPeak[] = result.peaks.map((_, s) => ({
    size: sizes[s],
    temperature: obs((x) => x.peaks[s].t),
    susceptibility: obs((x) => x.peaks[s].chi),
    atEdge: peakBrackets[s].atEdge,
  }));
  const gammaFit = linearFit(
    sizes.map(Math.log),
    result.peaks.map((p) => Math.log(p.chi)),
    peakSigmas,
  );
  return {
    sizes,
    reweightings: rws,
    crossings,
    criticalTemperature: { ...obs((x) => x.tc), chi2: tcMean.chi2, dof: tcMean.dof },
    nu: { mean: 1 / inverseNu.mean, error: inverseNu.error / (inverseNu.mean * inverseNu.mean), chi2: nuFit.chi2, dof: nuFit.dof },
    peaks,
    gammaOverNu: { ...obs((x) => x.gammaOverNu), chi2: gammaFit.chi2, dof: gammaFit.dof },
    warnings,
  };
}
