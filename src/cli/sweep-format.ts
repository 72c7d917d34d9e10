/** Output of sweeps and of their finite-size-scaling analysis as a table, CSV or JSON. */
import { REWEIGHTED_NAMES, type FiniteSizeScaling } from '../analysis/index.js';
import type { FirstOrderAnalysis, PeakPoint } from '../analysis/first-order.js';
import type { TransitionAnalysis } from '../analysis/transition.js';
import type { Observable } from '../measure.js';
import type { CriticalReference } from '../reference.js';
import type { RunSweepResult, SweepPoint } from '../sweep.js';
import { formatWithError, observableLabels } from './format.js';

const pair = (o: Observable) => ({ mean: o.mean, error: o.error });

/** One JSON row per point: parameters, every observable { mean, error }, exact e and c. */
export function pointToJson(p: SweepPoint): object {
  const m = p.measurement;
  const observables: Record<string, object> = Object.fromEntries(
    observableLabels(m.model).map(([name]) => {
      const o = (m.observables as unknown as Record<string, Observable>)[name];
      return [name, { ...pair(o), ...('tauInt' in o ? { tauInt: o.tauInt } : {}) }];
    }),
  );
  if (m.correlations) {
    observables.correlationLength = pair(m.correlations.correlationLength);
    observables.structureFactorZero = pair(m.correlations.structureFactorZero);
    observables.structureFactorMin = pair(m.correlations.structureFactorMin);
  }
  return {
    size: p.size,
    temperature: p.temperature,
    beta: m.beta,
    state: p.state,
    seed: p.seed,
    warmStarted: p.warmStarted,
    thermalize: m.thermalize,
    sweeps: m.sweeps,
    acceptance: m.acceptance,
    observables,
    exact: { energy: p.exact.finite.energy ?? null, specificHeat: p.exact.finite.specificHeat ?? null, method: p.exact.finiteMethod },
    ...(m.correlations ? { correlation: { every: m.correlations.every, samples: m.correlations.samples, G: m.correlations.correlation.map(pair) } } : {}),
    ...(m.histograms ? { histograms: { energy: histogramJson(m.histograms.energy), magnetization: histogramJson(m.histograms.magnetization) } } : {}),
    binSize: m.binSize,
    bins: m.bins,
    warnings: m.warnings,
  };
}

function histogramJson(h: { values: Float64Array; counts: Float64Array }): object {
  return { values: Array.from(h.values), counts: Array.from(h.counts) };
}

/** Points of each reweighted curve in the JSON analysis. */
export const CURVE_POINTS = 41;

/** The JSON of a finite-size-scaling analysis with the reweighted curves of every size (CURVE_POINTS temperatures over its reliable range). */
function fssToJson(f: FiniteSizeScaling, reference: CriticalReference): object {
  const curves = f.reweightings.map((rw) => ({
    size: rw.size,
    range: rw.range,
    runs: rw.runs.map((r) => r.temperature),
    overlaps: rw.overlaps,
    points: rw.curve(rw.grid(CURVE_POINTS)).map((p) => ({
      temperature: p.temperature,
      reliable: p.reliable,
      ess: Math.round(p.ess),
      ...Object.fromEntries(REWEIGHTED_NAMES.map((name) => [name, pair(p[name])])),
    })),
  }));
  const exponents = reference.exponents;
  return {
    sizes: f.sizes,
    crossings: f.crossings.map((c) => ({ sizes: c.sizes, temperature: pair(c.temperature), binder: pair(c.binder), inverseNu: pair(c.inverseNu) })),
    criticalTemperature: { ...pair(f.criticalTemperature), exact: reference.temperature },
    nu: { ...pair(f.nu), exact: exponents?.nu ?? null },
    peaks: f.peaks.map((p) => ({ size: p.size, temperature: pair(p.temperature), susceptibility: pair(p.susceptibility), atEdge: p.atEdge })),
    gammaOverNu: { ...pair(f.gammaOverNu), chi2: f.gammaOverNu.chi2, dof: f.gammaOverNu.dof, exact: exponents?.gammaOverNu ?? null },
    warnings: f.warnings,
    curves,
  };
}

/** One size of a first-order analysis in JSON: the transition points, peak energies, latent heat, tension and V4 minimum. */
function firstOrderSizeToJson(a: FirstOrderAnalysis): object {
  const point = (p: PeakPoint | undefined) =>
    p && {
      temperature: inverse(p.beta),
      beta: pair(p.beta),
      disordered: { energy: pair(p.disordered.energy), weight: pair(p.disordered.weight) },
      ordered: { energy: pair(p.ordered.energy), weight: pair(p.ordered.weight) },
      distribution: { energies: Array.from(p.distribution.energies), probabilities: Array.from(p.distribution.probabilities) },
    };
  return {
    size: a.size,
    doublePeak: a.verdict.doublePeak,
    verdict: a.verdict.reason,
    equalWeight: point(a.equalWeight) ?? null,
    equalHeight: a.equalHeight
      ? { ...point(a.equalHeight), barrier: pair(a.equalHeight.barrier), interfaceTension: pair(a.equalHeight.interfaceTension) }
      : null,
    latentHeat: pair(a.latentHeat),
    latentHeatBound: pair(a.latentHeatBound),
    energyCumulantMinimum: { temperature: inverse(a.energyCumulantMinimum.beta), value: pair(a.energyCumulantMinimum.value) },
    specificHeatMaximum: { temperature: inverse(a.specificHeatMaximum.beta), value: pair(a.specificHeatMaximum.value) },
    warnings: a.warnings,
  };
}

/** T = 1/beta with its propagated error. */
function inverse(beta: Observable): Observable {
  return { mean: 1 / beta.mean, error: beta.error / (beta.mean * beta.mean) };
}

/** The JSON summary of a sweep's analysis (src/analysis/transition.ts) with the exact values alongside. */
export function analysisToJson(t: TransitionAnalysis): object {
  const { reference, fss, firstOrder } = t;
  return {
    reference,
    ...(fss ? { ...fssToJson(fss, reference), finiteSizeScaling: true } : {}),
    ...(firstOrder
      ? {
          firstOrder: {
            sizes: firstOrder.sizes.map(firstOrderSizeToJson),
            ...(firstOrder.scaling ? { scaling: { ...firstOrder.scaling } } : {}),
          },
        }
      : {}),
    analysisWarnings: t.warnings,
  };
}

/** The whole sweep as one JSON document. */
export function sweepToJson(result: RunSweepResult, analysis?: TransitionAnalysis): object {
  return {
    state: result.state,
    seed: result.seed,
    elapsedMs: Math.round(result.elapsedMs),
    ...(result.points[0]
      ? {
          model: result.points[0].measurement.model,
          ...(result.points[0].measurement.q === undefined ? {} : { q: result.points[0].measurement.q }),
          lattice: result.points[0].measurement.lattice,
        }
      : {}),
    points: result.points.map(pointToJson),
    remaining: result.remaining,
    ...(analysis ? { analysis: analysisToJson(analysis) } : {}),
  };
}

/** A header line and one row per point: parameters, mean and error of every observable, exact e and c. */
export function sweepToCsv(result: RunSweepResult): string {
  const withXi = result.points.some((p) => p.measurement.correlations);
  const head = ['size', 'temperature', 'beta', 'state', 'seed', 'warm_start', 'thermalize', 'sweeps', 'acceptance'];
  const labels = observableLabels(result.points[0]?.measurement.model ?? 'ising');
  for (const [name] of labels) head.push(name, `${name}_error`);
  head.push('energy_tauInt', 'absMagnetization_tauInt', 'energy_exact', 'specificHeat_exact', 'exact_method');
  if (withXi) head.push('correlationLength', 'correlationLength_error');
  head.push('warnings');
  const rows = result.points.map((p) => {
    const m = p.measurement;
    const row: (string | number)[] = [p.size, p.temperature, m.beta, p.state, p.seed, String(p.warmStarted), m.thermalize, m.sweeps, m.acceptance];
    for (const [name] of labels) {
      const o = (m.observables as unknown as Record<string, Observable>)[name];
      row.push(o.mean, o.error);
    }
    row.push(
      m.observables.energy.tauInt,
      m.observables.absMagnetization.tauInt,
      p.exact.finite.energy ?? '',
      p.exact.finite.specificHeat ?? '',
      p.exact.finiteMethod,
    );
    if (withXi) row.push(m.correlations?.correlationLength.mean ?? '', m.correlations?.correlationLength.error ?? '');
    row.push(m.warnings.length);
    return row.join(',');
  });
  return `${[head.join(','), ...rows].join('\n')}\n`;
}

/** Columns padded to a common width: the first one left-aligned when `label` (a text column), the others right-aligned. */
function aligned(header: string[], rows: string[][], label = false): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (label && i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const zOf = (o: Observable, exact: number | undefined) => (exact === undefined ? '' : ((o.mean - exact) / o.error).toFixed(2));
const fixed = (x: number | undefined, digits = 5) => (x === undefined ? '' : x.toFixed(digits));

/** One row per point: measured e and c next to the exact finite-lattice values, then |m|, chi, U4 (and xi_2nd). */
export function sweepToTable(result: RunSweepResult, title: string): string {
  const withXi = result.points.some((p) => p.measurement.correlations);
  const header = ['L', 'T', 'energy e', 'exact e', 'z', 'specific heat c', 'exact c', 'z', '|m|', 'chi', 'U4'];
  if (withXi) header.push('xi_2nd');
  header.push('note');
  const rows = result.points.map((p) => {
    const o = p.measurement.observables;
    const x = p.exact.finite;
    const row = [
      String(p.size),
      p.temperature.toFixed(4),
      formatWithError(o.energy.mean, o.energy.error),
      fixed(x.energy),
      zOf(o.energy, x.energy),
      formatWithError(o.specificHeat.mean, o.specificHeat.error),
      fixed(x.specificHeat),
      zOf(o.specificHeat, x.specificHeat),
      formatWithError(o.absMagnetization.mean, o.absMagnetization.error),
      formatWithError(o.susceptibility.mean, o.susceptibility.error),
      formatWithError(o.binder.mean, o.binder.error),
    ];
    if (withXi)
      row.push(
        p.measurement.correlations
          ? formatWithError(p.measurement.correlations.correlationLength.mean, p.measurement.correlations.correlationLength.error)
          : '',
      );
    const notes = [p.state === 'partial' ? 'partial' : '', p.measurement.warnings.length > 0 ? `${p.measurement.warnings.length} warning(s)` : ''].filter(
      Boolean,
    );
    row.push(notes.join(', '));
    return row;
  });
  const out = [title, '', ...aligned(header, rows)];
  const warned = result.points.filter((p) => p.measurement.warnings.length > 0);
  if (warned.length > 0) {
    out.push('', 'warnings:');
    for (const p of warned) for (const w of p.measurement.warnings) out.push(`  - L=${p.size} T=${p.temperature}: ${w}`);
  }
  if (result.state !== 'completed')
    out.push('', `${result.state}: ${result.points.filter((p) => p.state === 'completed').length} point(s) completed, ${result.remaining.length} not`);
  return `${out.join('\n')}\n`;
}

function versus(o: Observable, exact: number): string {
  const dev = (100 * (o.mean - exact)) / exact;
  return `${dev >= 0 ? '+' : ''}${dev.toFixed(2)}% (z = ${((o.mean - exact) / o.error).toFixed(1)})`;
}

/** The analysis of a sweep: finite-size scaling next to the model's exact T_c and exponents, and the first-order analysis of Potts sweeps. */
export function analysisToTable(t: TransitionAnalysis): string {
  const out: string[] = [];
  if (t.fss) out.push(...fssToTable(t.fss, t.reference));
  if (t.firstOrder) out.push(...(out.length > 0 ? [''] : []), ...firstOrderToTable(t.firstOrder, t.reference));
  if (t.warnings.length > 0) out.push('', 'analysis warnings:', ...t.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}

function fssToTable(f: FiniteSizeScaling, reference: CriticalReference): string[] {
  const out = ['Finite-size scaling (multiple-histogram reweighting per size, jackknife errors over bins)', ''];
  out.push(
    ...aligned(
      ['Binder crossing', 'T*', 'U4*', '1/nu from U4 slopes'],
      f.crossings.map((c) => [
        `L=${c.sizes[0]} / L=${c.sizes[1]}`,
        formatWithError(c.temperature.mean, c.temperature.error),
        formatWithError(c.binder.mean, c.binder.error),
        formatWithError(c.inverseNu.mean, c.inverseNu.error),
      ]),
      true,
    ),
  );
  out.push('');
  out.push(
    ...aligned(
      ['size', 'chi_max', 'at T'],
      f.peaks.map((p) => [
        `L=${p.size}`,
        formatWithError(p.susceptibility.mean, p.susceptibility.error),
        formatWithError(p.temperature.mean, p.temperature.error) + (p.atEdge ? ' (edge)' : ''),
      ]),
      true,
    ),
  );
  const tc = f.criticalTemperature;
  const x = reference.exponents;
  const rows = [
    [
      'Tc from Binder crossings',
      formatWithError(tc.mean, tc.error),
      `${reference.temperature.toFixed(6)} (${reference.source})`,
      versus(tc, reference.temperature),
    ],
  ];
  const gammaLabel = `gamma/nu from chi_max (chi2/dof = ${f.gammaOverNu.chi2.toFixed(2)}/${f.gammaOverNu.dof})`;
  if (x) {
    rows.push(['nu from U4 slopes at Tc', formatWithError(f.nu.mean, f.nu.error), `${x.nuLabel} (${x.source})`, versus(f.nu, x.nu)]);
    rows.push([
      gammaLabel,
      formatWithError(f.gammaOverNu.mean, f.gammaOverNu.error),
      `${x.gammaOverNu.toFixed(4)} (${x.gammaOverNuLabel})`,
      versus(f.gammaOverNu, x.gammaOverNu),
    ]);
  } else {
    rows.push(['nu from U4 slopes at Tc', formatWithError(f.nu.mean, f.nu.error), 'none (first-order transition)', '']);
    rows.push([gammaLabel, formatWithError(f.gammaOverNu.mean, f.gammaOverNu.error), 'd = 2 expected (first order)', '']);
  }
  out.push('', ...aligned(['result', 'measured', 'exact', 'deviation'], rows, true));
  if (f.warnings.length > 0) out.push('', 'warnings:', ...f.warnings.map((w) => `  - ${w}`));
  return out;
}

function firstOrderToTable(f: NonNullable<TransitionAnalysis['firstOrder']>, reference: CriticalReference): string[] {
  const out = ['First-order analysis (reweighted P(e) per size; equal weight of the q ordered phases and the disordered one; jackknife errors)', ''];
  const cell = (o: Observable | undefined) => (o ? formatWithError(o.mean, o.error) : '');
  out.push(
    ...aligned(
      ['size', 'T at equal weight', 'e disordered', 'e ordered', 'latent heat', 'tension sigma', 'V4 min', 'double peak'],
      f.sizes.map((a) => [
        `L=${a.size}`,
        a.equalWeight ? cell(inverse(a.equalWeight.beta)) : '',
        cell(a.equalWeight?.disordered.energy),
        cell(a.equalWeight?.ordered.energy),
        cell(a.latentHeat),
        cell(a.equalHeight?.interfaceTension),
        cell(a.energyCumulantMinimum.value),
        a.verdict.doublePeak ? 'yes' : 'no',
      ]),
      true,
    ),
  );
  const s = f.scaling;
  const latent = reference.latentHeat;
  const rows: string[][] = [];
  if (s?.latentHeat)
    rows.push([
      'latent heat, L -> inf (fit in L^-2)',
      cell(s.latentHeat.limit),
      latent ? `${latent.value.toFixed(6)} (${latent.source})` : '0 (continuous)',
      latent ? versus(s.latentHeat.limit, latent.value) : '',
    ]);
  const largest = f.sizes[f.sizes.length - 1];
  if (largest)
    rows.push([
      `latent heat at L = ${largest.size}`,
      cell(largest.latentHeat),
      latent ? `${latent.value.toFixed(6)} (${latent.source})` : '0 (continuous)',
      latent && largest.latentHeat.mean > 0 ? versus(largest.latentHeat, latent.value) : '',
    ]);
  if (s?.interfaceTension) rows.push(['interface tension, L -> inf', cell(s.interfaceTension.limit), '', '']);
  if (s?.energyCumulant)
    rows.push([
      'V4 minimum, L -> inf',
      cell(s.energyCumulant.limit),
      '2/3 if continuous',
      `${s.energyCumulant.distanceFrom2over3.toFixed(1)} errors below 2/3`,
    ]);
  if (s?.specificHeatExponent) rows.push(['c_max ~ L^y: y', cell(s.specificHeatExponent.exponent), '2 if first order', '']);
  if (rows.length > 0) out.push('', ...aligned(['result', 'measured', 'exact', 'deviation'], rows, true));
  if (s) out.push('', `verdict: ${s.verdict.kind} (${s.verdict.reason})`);
  for (const a of f.sizes) for (const w of a.warnings) out.push(`  - L=${a.size}: ${w}`);
  return out;
}
