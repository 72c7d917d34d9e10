/**
 * Data collapse: how well curves of several sizes fall onto one when rescaled with given
 * (Tc, nu, exponent). Near Tc an observable behaves as A(L, T) = L^{a} f((T - Tc)/Tc L^{1/nu})
 * (a = gamma/nu for chi, 0 for U4, -beta/nu for |m|), so with
 *
 *   x = (T - Tc) / Tc * L^{1/nu},    y = A L^{-a},    dy = dA L^{-a},
 *
 * every size should give the same y(x). Quality (after Houdayer & Hartmann, PRB 70, 014418 (2004)):
 * for every point (x, y, dy) of one size and every other size whose data bracket x, the other
 * size's value y' +- dy' is interpolated linearly between its two neighbouring points, and
 *
 *   S = (1 / P) sum over those P comparisons of (y - y')^2 / (dy^2 + dy'^2).
 *
 * S is about 1 when the curves agree within their errors (independent points, e.g. sweep
 * points), and grows quickly when (Tc, nu, a) are wrong. Points of reweighted curves are
 * strongly correlated, so there only the comparison of S between parameter sets is meaningful.
 */
import { checkOptions } from '../validate.js';
import { InvalidOptionError } from '../errors.js';
import type { Measurement, ObservableName } from '../measure.js';
import { checkFinite, checkPositive } from '../options.js';

/** The data of one size: temperatures (increasing) with values and errors. */
export interface CollapseSeries {
  size: number;
  temperatures: readonly number[];
  values: readonly number[];
  errors: readonly number[];
}

/** The scaling parameters. */
export interface CollapseParameters {
  criticalTemperature: number;
  nu: number;
  /** a in A ~ L^a: gamma/nu for chi, 0 for U4, -beta/nu for |m|. */
  exponent: number;
}

/** Result of {@link collapseQuality}. */
export interface CollapseQuality {
  /** S (see the module comment); NaN when no two sizes overlap in x. */
  quality: number;
  /** Number of comparisons P. */
  comparisons: number;
  /** The rescaled data per size. */
  scaled: { size: number; x: number[]; y: number[]; dy: number[] }[];
}

/** Collects the values of `observable` per size from measurements (e.g. the points of a sweep). */
export function collapseSeries(measurements: readonly Measurement[], observable: ObservableName): CollapseSeries[] {
  const bySize = new Map<number, Measurement[]>();
  for (const m of measurements) bySize.set(m.size, [...(bySize.get(m.size) ?? []), m]);
  return [...bySize.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([size, ms]) => {
      const sorted = [...ms].sort((a, b) => a.temperature - b.temperature);
      return {
        size,
        temperatures: sorted.map((m) => m.temperature),
        values: sorted.map((m) => m.observables[observable].mean),
        errors: sorted.map((m) => m.observables[observable].error),
      };
    });
}

/** Quality of the collapse of `series` for the given parameters; see the module comment. */
export function collapseQuality(series: readonly CollapseSeries[], parameters: CollapseParameters): CollapseQuality {
  checkOptions('parameters', parameters, ['criticalTemperature', 'nu', 'exponent']);
  if (!Array.isArray(series) || series.length < 2) throw new InvalidOptionError('series', series, 'data of at least two sizes');
  const tc = checkPositive('criticalTemperature', parameters?.criticalTemperature);
  const nu = checkPositive('nu', parameters.nu);
  const a = checkFinite('exponent', parameters.exponent);
  const scaled = (series as readonly CollapseSeries[]).map((s, i) => {
    const n = s.temperatures.length;
    if (s.values.length !== n || s.errors.length !== n)
      throw new InvalidOptionError(
        `series[${i}]`,
        `${n} temperatures, ${s.values.length} values, ${s.errors.length} errors`,
        'as many values and errors as temperatures',
      );
    for (let k = 1; k < n; k++) {
      if (!(s.temperatures[k] > s.temperatures[k - 1])) throw new InvalidOptionError(`series[${i}].temperatures`, s.temperatures, 'increasing temperatures');
    }
    const f = s.size ** -a;
    return {
      size: s.size,
      x: s.temperatures.map((t) => ((t - tc) / tc) * s.size ** (1 / nu)),
      y: s.values.map((v) => v * f),
      dy: s.errors.map((e) => e * f),
    };
  });
  let sum = 0;
  let comparisons = 0;
  for (const p of scaled) {
    for (const q of scaled) {
      if (p === q) continue;
      for (let j = 0; j < p.x.length; j++) {
        const x = p.x[j];
        let k = 0;
        while (k + 1 < q.x.length && q.x[k + 1] < x) k++;
        if (k + 1 >= q.x.length || q.x[k] > x) continue;
        const w = (x - q.x[k]) / (q.x[k + 1] - q.x[k]);
        const y = (1 - w) * q.y[k] + w * q.y[k + 1];
        const dy2 = ((1 - w) * q.dy[k]) ** 2 + (w * q.dy[k + 1]) ** 2;
        const denominator = p.dy[j] ** 2 + dy2;
        if (!(denominator > 0)) continue;
        sum += (p.y[j] - y) ** 2 / denominator;
        comparisons++;
      }
    }
  }
  return { quality: comparisons > 0 ? sum / comparisons : NaN, comparisons, scaled };
}
