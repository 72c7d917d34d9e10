/** Output of sweeps and of their finite-size-scaling analysis as a table, CSV or JSON. */
import { REWEIGHTED_NAMES, type FiniteSizeScaling } from '../analysis/index.js';
import { CRITICAL_TEMPERATURE } from '../exact/index.js';
import type { Observable } from '../measure.js';
import type { RunSweepResult, SweepPoint } from '../sweep.js';
import { OBSERVABLE_LABELS, formatWithError } from './format.js';

/** Exact exponents of the 2D Ising model, shown next to the fitted ones. */
export const EXACT_EXPONENTS = { nu: 1, gammaOverNu: 7 / 4 } as const;

const pair = (o: Observable) => ({ mean: o.mean, error: o.error });

/** One JSON row per point: parameters, every observable { mean, error }, exact e and c. */
export function pointToJson(p: SweepPoint): object {
  const m = p.measurement;
  const observables: Record<string, object> = Object.fromEntries(
    OBSERVABLE_LABELS.map(([name]) => {
      const o = m.observables[name];
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

/**
 * The JSON summary of a finite-size-scaling analysis, with the exact values alongside, and the
 * reweighted curves of every size (CURVE_POINTS temperatures evenly over its reliable range).
 */
export function analysisToJson(f: FiniteSizeScaling): object {
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
  return {
    sizes: f.sizes,
    crossings: f.crossings.map((c) => ({ sizes: c.sizes, temperature: pair(c.temperature), binder: pair(c.binder), inverseNu: pair(c.inverseNu) })),
    criticalTemperature: { ...pair(f.criticalTemperature), exact: CRITICAL_TEMPERATURE },
    nu: { ...pair(f.nu), exact: EXACT_EXPONENTS.nu },
    peaks: f.peaks.map((p) => ({ size: p.size, temperature: pair(p.temperature), susceptibility: pair(p.susceptibility), atEdge: p.atEdge })),
    gammaOverNu: { ...pair(f.gammaOverNu), chi2: f.gammaOverNu.chi2, dof: f.gammaOverNu.dof, exact: EXACT_EXPONENTS.gammaOverNu },
    warnings: f.warnings,
    curves,
  };
}

/** The whole sweep as one JSON document. */
export function sweepToJson(result: RunSweepResult, analysis?: FiniteSizeScaling): object {
  return {
    state: result.state,
    seed: result.seed,
    elapsedMs: Math.round(result.elapsedMs),
    points: result.points.map(pointToJson),
    remaining: result.remaining,
    ...(analysis ? { analysis: analysisToJson(analysis) } : {}),
  };
}

/** A header line and one row per point: parameters, mean and error of every observable, exact e and c. */
export function sweepToCsv(result: RunSweepResult): string {
  const withXi = result.points.some((p) => p.measurement.correlations);
  const head = ['size', 'temperature', 'beta', 'state', 'seed', 'warm_start', 'thermalize', 'sweeps', 'acceptance'];
  for (const [name] of OBSERVABLE_LABELS) head.push(name, `${name}_error`);
  head.push('energy_tauInt', 'absMagnetization_tauInt', 'energy_exact', 'specificHeat_exact', 'exact_method');
  if (withXi) head.push('correlationLength', 'correlationLength_error');
  head.push('warnings');
  const rows = result.points.map((p) => {
    const m = p.measurement;
    const row: (string | number)[] = [p.size, p.temperature, m.beta, p.state, p.seed, String(p.warmStarted), m.thermalize, m.sweeps, m.acceptance];
    for (const [name] of OBSERVABLE_LABELS) row.push(m.observables[name].mean, m.observables[name].error);
    row.push(m.observables.energy.tauInt, m.observables.absMagnetization.tauInt, p.exact.finite.energy ?? '', p.exact.finite.specificHeat ?? '', p.exact.finiteMethod);
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
      String(p.size), p.temperature.toFixed(4),
      formatWithError(o.energy.mean, o.energy.error), fixed(x.energy), zOf(o.energy, x.energy),
      formatWithError(o.specificHeat.mean, o.specificHeat.error), fixed(x.specificHeat), zOf(o.specificHeat, x.specificHeat),
      formatWithError(o.absMagnetization.mean, o.absMagnetization.error), formatWithError(o.susceptibility.mean, o.susceptibility.error),
      formatWithError(o.binder.mean, o.binder.error),
    ];
    if (withXi) row.push(p.measurement.correlations ? formatWithError(p.measurement.correlations.correlationLength.mean, p.measurement.correlations.correlationLength.error) : '');
    const notes = [p.state === 'partial' ? 'partial' : '', p.measurement.warnings.length > 0 ? `${p.measurement.warnings.length} warning(s)` : ''].filter(Boolean);
    row.push(notes.join(', '));
    return row;
  });
  const out = [title, '', ...aligned(header, rows)];
  const warned = result.points.filter((p) => p.measurement.warnings.length > 0);
  if (warned.length > 0) {
    out.push('', 'warnings:');
    for (const p of warned) for (const w of p.measurement.warnings) out.push(`  - L=${p.size} T=${p.temperature}: ${w}`);
  }
  if (result.state !== 'completed') out.push('', `${result.state}: ${result.points.filter((p) => p.state === 'completed').length} point(s) completed, ${result.remaining.length} not`);
  return `${out.join('\n')}\n`;
}

function versus(o: Observable, exact: number): string {
  const dev = (100 * (o.mean - exact)) / exact;
  return `${dev >= 0 ? '+' : ''}${dev.toFixed(2)}% (z = ${((o.mean - exact) / o.error).toFixed(1)})`;
}

/** The finite-size-scaling summary: crossings, Tc vs Onsager, nu, chi_max and gamma/nu vs 7/4. */
export function analysisToTable(f: FiniteSizeScaling): string {
  const out = ['Finite-size scaling (multiple-histogram reweighting per size, jackknife errors over bins)', ''];
  out.push(
    ...aligned(
      ['Binder crossing', 'T*', 'U4*', '1/nu from U4 slopes'],
      f.crossings.map((c) => [`L=${c.sizes[0]} / L=${c.sizes[1]}`, formatWithError(c.temperature.mean, c.temperature.error), formatWithError(c.binder.mean, c.binder.error), formatWithError(c.inverseNu.mean, c.inverseNu.error)]),
      true,
    ),
  );
  out.push('');
  out.push(
    ...aligned(
      ['size', 'chi_max', 'at T'],
      f.peaks.map((p) => [`L=${p.size}`, formatWithError(p.susceptibility.mean, p.susceptibility.error), formatWithError(p.temperature.mean, p.temperature.error) + (p.atEdge ? ' (edge)' : '')]),
      true,
    ),
  );
  const tc = f.criticalTemperature;
  out.push(
    '',
    ...aligned(
      ['result', 'measured', 'exact', 'deviation'],
      [
        ['Tc from Binder crossings', formatWithError(tc.mean, tc.error), `${CRITICAL_TEMPERATURE.toFixed(6)} (Onsager)`, versus(tc, CRITICAL_TEMPERATURE)],
        ['nu from U4 slopes at Tc', formatWithError(f.nu.mean, f.nu.error), String(EXACT_EXPONENTS.nu), versus(f.nu, EXACT_EXPONENTS.nu)],
        [`gamma/nu from chi_max (chi2/dof = ${f.gammaOverNu.chi2.toFixed(2)}/${f.gammaOverNu.dof})`, formatWithError(f.gammaOverNu.mean, f.gammaOverNu.error), '1.75 (7/4)', versus(f.gammaOverNu, EXACT_EXPONENTS.gammaOverNu)],
      ],
      true,
    ),
  );
  if (f.warnings.length > 0) out.push('', 'warnings:', ...f.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}
