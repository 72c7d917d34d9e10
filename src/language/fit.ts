/**
 * Power law or exponential? Fits of a decaying positive quantity y(r) +- sigma(r) (a correlation
 * function or a mutual information) by both forms, each a weighted straight line (src/stats/fit.ts):
 *
 *   power law     y = A r^(-alpha)    ln y = ln A - alpha ln r
 *   exponential   y = A exp(-r / xi)  ln y = ln A - r / xi
 *
 * with sigma(ln y) = sigma / y, over the distances in `range` (default: all). Only significant points
 * enter (y > 2 sigma, sigma > 0): the first run of them, from the first significant distance (short
 * distances where y is negative or small, e.g. parts of speech that rarely repeat at r = 1, are
 * skipped) up to the last one before the next insignificant point (beyond it the signal is noise). Both models
 * have two parameters, so Akaike's criterion AIC = chi^2 + 2k reduces
 * to comparing chi^2: the model with the smaller AIC wins, and its Akaike weight
 * w = 1 / (1 + exp(-|Delta AIC| / 2)) says how clearly. Errors of neighbouring distances are
 * correlated (they share symbols), so chi^2 values are a guide and exponent errors are the formal ones
 * scaled by sqrt(chi^2 / dof) when that exceeds 1.
 */
import { linearFit } from '../stats/fit.js';

/** A value at distance r with its one-standard-deviation error. */
export interface DistancePoint {
  r: number;
  value: number;
  error: number;
}

export interface DecayFit {
  /** 'power-law' or 'exponential' by AIC; 'undetermined' with fewer than 3 significant points. */
  winner: 'power-law' | 'exponential' | 'undetermined';
  /** AIC(exponential) - AIC(power law): > 0 favours the power law. */
  deltaAic: number;
  /** Akaike weight of the winner, 0.5 .. 1. */
  weight: number;
  /** alpha of y = A r^(-alpha), with its error. */
  powerLaw: { exponent: number; error: number; amplitude: number; chi2: number; dof: number };
  /** xi of y = A exp(-r / xi), with its error. */
  exponential: { length: number; error: number; amplitude: number; chi2: number; dof: number };
  /** Distances used [from, to] and how many points. */
  range: [number, number];
  points: number;
}

/** Significant points of a decay: the first run with y > 2 sigma (see the module comment). */
export function significantPoints(points: readonly DistancePoint[]): DistancePoint[] {
  const out: DistancePoint[] = [];
  for (const p of points) {
    const significant = p.error > 0 && p.value > 2 * p.error && Number.isFinite(p.value);
    if (significant) out.push(p);
    else if (out.length > 0) break;
  }
  return out;
}

/** Fits both forms to the significant points and says which wins. */
export function fitDecay(points: readonly DistancePoint[], range?: readonly [number, number]): DecayFit {
  const used = significantPoints(range ? points.filter((p) => p.r >= range[0] && p.r <= range[1]) : points);
  const n = used.length;
  const lnY = used.map((p) => Math.log(p.value));
  const sigma = used.map((p) => p.error / p.value);
  const pl = linearFit(
    used.map((p) => Math.log(p.r)),
    lnY,
    sigma,
  );
  const ex = linearFit(
    used.map((p) => p.r),
    lnY,
    sigma,
  );
  const scale = (chi2: number, dof: number) => (dof > 0 && chi2 / dof > 1 ? Math.sqrt(chi2 / dof) : 1);
  const xi = -1 / ex.slope;
  const powerLaw = { exponent: -pl.slope, error: pl.slopeError * scale(pl.chi2, pl.dof), amplitude: Math.exp(pl.intercept), chi2: pl.chi2, dof: pl.dof };
  const exponential = { length: xi, error: ex.slopeError * scale(ex.chi2, ex.dof) * xi * xi, amplitude: Math.exp(ex.intercept), chi2: ex.chi2, dof: ex.dof };
  const deltaAic = ex.chi2 - pl.chi2;
  const determined = n >= 3 && Number.isFinite(deltaAic);
  return {
    winner: !determined ? 'undetermined' : deltaAic > 0 ? 'power-law' : 'exponential',
    deltaAic: determined ? deltaAic : NaN,
    weight: determined ? 1 / (1 + Math.exp(-Math.abs(deltaAic) / 2)) : NaN,
    powerLaw,
    exponential,
    range: n > 0 ? [used[0].r, used[n - 1].r] : [NaN, NaN],
    points: n,
  };
}
