/** Output of CLI results as a table, CSV or JSON. */
import { geometryOf, shapeOf } from '../lattice.js';
import type { Lattice } from '../vocabulary.js';
import type { Measurement, Observable, ObservableName, SampledObservable } from '../measure.js';
import { modelDefinition } from '../models/index.js';
import type { ExactReference, ReferenceName } from '../reference.js';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Observables in output order, with the labels used in tables. */
export const OBSERVABLE_LABELS: [ObservableName, string][] = [
  ['energy', 'energy e'],
  ['absMagnetization', '|m|'],
  ['magnetization2', 'm^2'],
  ['magnetization4', 'm^4'],
  ['specificHeat', 'specific heat c'],
  ['susceptibility', 'susceptibility chi'],
  ['susceptibilityFull', "chi' = N beta <m^2>"],
  ['binder', 'Binder U4'],
  ['binderRatio', 'Binder ratio <m^4>/<m^2>^2'],
];

/** The XY model's own observables (the clock model's too). */
const XY_LABELS: [ReferenceName, string][] = [
  ['magnetizationX', '<m_x>'],
  ['magnetizationY', '<m_y>'],
  ['helicityModulus', 'helicity modulus Upsilon'],
  ['vortexDensity', 'vortex density'],
];

/** Observables only some models have (Potts: the majority fraction and the energy cumulant V4). */
const MODEL_LABELS: Partial<Record<Measurement['model'], [ReferenceName, string][]>> = {
  potts: [
    ['majority', 'majority fraction'],
    ['energyCumulant', 'energy cumulant V4'],
  ],
  xy: XY_LABELS,
  clock: XY_LABELS,
  heisenberg: [
    ['magnetizationX', '<m_x>'],
    ['magnetizationY', '<m_y>'],
    ['magnetizationZ', '<m_z>'],
  ],
  phi4: [
    ['magnetizationX', '<m_x>'],
    ['magnetizationY', '<m_y>'],
    ['phi2', '<|phi|^2>'],
    ['potential', 'v = <V(phi)>'],
  ],
};

/** The observables of a measurement of this model, in output order with their table labels. */
export function observableLabels(model: Measurement['model']): [ReferenceName, string][] {
  // the XY binder is the O(2) cumulant (src/models/xy/observables.ts)
  const binder =
    model === 'xy' || model === 'clock' || model === 'phi4'
      ? 'Binder U = 2 - <m^4>/<m^2>^2'
      : model === 'heisenberg'
        ? 'Binder U = 5/2 - 3<m^4>/2<m^2>^2'
        : undefined;
  const common = binder ? OBSERVABLE_LABELS.map(([name, label]): [ObservableName, string] => [name, name === 'binder' ? binder : label]) : OBSERVABLE_LABELS;
  return [...common, ...(MODEL_LABELS[model] ?? [])];
}

/** An observable of a measurement by name (the model's own included). */
function observableOf(m: Measurement, name: ReferenceName): Observable | SampledObservable {
  return (m.observables as unknown as Record<string, Observable>)[name];
}

/** The model with its parameters, for titles: "Ising" or "q-state Potts (q = 3)". */
export function modelLabel(m: Pick<Measurement, 'model' | 'q'> & { lambda?: number }): string {
  const { title } = modelDefinition(m.model);
  if (m.lambda !== undefined) return `${title} (lambda = ${m.lambda})`;
  return m.q === undefined ? title : `${title} (q = ${m.q})`;
}

/** Formats mean +- error with the error rounded to 2 significant digits and the mean to the same decimal place. */
export function formatWithError(mean: number, error: number): string {
  if (!Number.isFinite(mean)) return String(mean);
  if (!Number.isFinite(error) || error <= 0) return `${mean.toPrecision(6)} +- ${error}`;
  const decimals = Math.min(15, Math.max(0, 1 - Math.floor(Math.log10(error))));
  return `${mean.toFixed(decimals)} +- ${error.toFixed(decimals)}`;
}

function fixed(x: number | undefined, digits = 6): string {
  return x === undefined ? '' : Number.isFinite(x) ? x.toFixed(digits) : String(x);
}

/** The settings that apply to the run's algorithm (clustersPerStep for Wolff steps, hybridSweeps and hybridCluster for hybrids). */
export function algorithmSettings(m: Pick<Measurement, 'algorithm' | 'clustersPerStep' | 'hybridSweeps' | 'hybridCluster'>): Record<string, string | number> {
  if (m.algorithm === 'wolff') return { clustersPerStep: m.clustersPerStep };
  if (m.algorithm !== 'hybrid') return {};
  return m.hybridCluster === 'wolff'
    ? { hybridSweeps: m.hybridSweeps, hybridCluster: m.hybridCluster, clustersPerStep: m.clustersPerStep }
    : { hybridSweeps: m.hybridSweeps, hybridCluster: m.hybridCluster };
}

/** The algorithm with its settings, for titles: "wolff (clustersPerStep=4)". */
export function algorithmLabel(m: Pick<Measurement, 'algorithm' | 'clustersPerStep' | 'hybridSweeps' | 'hybridCluster'>): string {
  const settings = Object.entries(algorithmSettings(m));
  return settings.length === 0 ? m.algorithm : `${m.algorithm} (${settings.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/** Improved (cluster-size) estimators in output order, with the observable they estimate and their labels. */
const IMPROVED_LABELS = [
  ['magnetization2', 'm^2 (cluster estimator)'],
  ['susceptibilityFull', "chi' (cluster estimator)"],
] as const;

/** The JSON document of one run: the names other tools parse (see docs/cli.md). */
export function runToJson(m: Measurement, exact: ExactReference): object {
  const observables = Object.fromEntries(
    observableLabels(m.model).map(([name]) => {
      const o = observableOf(m, name);
      return [name, { mean: o.mean, error: o.error, ...('tauInt' in o ? { tauInt: o.tauInt } : {}) }];
    }),
  );
  return {
    model: m.model,
    ...(m.q === undefined ? {} : { q: m.q }),
    ...(m.lambda === undefined ? {} : { lambda: m.lambda }),
    ...(m.overRelaxation === undefined ? {} : { overRelaxation: m.overRelaxation }),
    lattice: m.lattice,
    size: m.size,
    temperature: m.temperature,
    beta: m.beta,
    field: m.field,
    algorithm: m.algorithm,
    ...algorithmSettings(m),
    backend: m.backend,
    seed: m.seed,
    thermalize: m.thermalize,
    sweeps: m.sweeps,
    sweepEquivalents: m.sweepEquivalents,
    start: m.start,
    acceptance: m.acceptance,
    ...(m.tunnelings !== undefined ? { tunnelings: m.tunnelings } : {}),
    observables,
    ...(m.improved ? { improved: m.improved } : {}),
    exact: { finite: exact.finite, method: exact.finiteMethod, infinite: exact.infinite },
    binSize: m.binSize,
    bins: m.bins,
    warnings: m.warnings,
  };
}

/** One CSV header line and one row: parameters, then mean and error of every observable, then exact values. */
export function runToCsv(m: Measurement, exact: ExactReference): string {
  const head = ['model', 'q', 'lattice', 'size', 'temperature', 'beta', 'field', 'algorithm', 'backend', 'seed', 'thermalize', 'sweeps', 'acceptance'];
  const row: (string | number)[] = [
    m.model,
    m.q ?? '',
    m.lattice,
    m.size,
    m.temperature,
    m.beta,
    m.field,
    m.algorithm,
    m.backend,
    m.seed,
    m.thermalize,
    m.sweeps,
    m.acceptance,
  ];
  for (const [name] of observableLabels(m.model)) {
    head.push(name, `${name}_error`, `${name}_exact`);
    row.push(observableOf(m, name).mean, observableOf(m, name).error, exact.finite[name] ?? '');
  }
  head.push('sweepEquivalents');
  row.push(m.sweepEquivalents);
  for (const [name] of IMPROVED_LABELS) {
    head.push(`${name}_improved`, `${name}_improved_error`);
    row.push(m.improved?.[name].mean ?? '', m.improved?.[name].error ?? '');
  }
  return `${head.join(',')}\n${row.join(',')}\n`;
}

/** The lattice of a result for titles: '16x16', or '16x16x16 (cubic)'. */
export function latticeLabel(r: { lattice?: Lattice; size: number }): string {
  const lattice = r.lattice ?? 'square';
  return `${shapeOf(geometryOf(lattice), r.size).replaceAll(' ', '')}${lattice === 'square' ? '' : ` (${lattice})`}`;
}

/** A human-readable table: measured +- error, exact finite-L value with z-score, Onsager's infinite-lattice value. */
export function runToTable(m: Measurement, exact: ExactReference): string {
  const method = { enumeration: 'exact enumeration', kaufman: 'Kaufman', 'transfer-matrix': 'transfer matrix', quadrature: 'quadrature', none: 'none known' }[
    exact.finiteMethod
  ];
  const infinite = m.model === 'ising' && m.lattice !== 'cubic' ? 'L=inf (Onsager)' : 'L=inf';
  const header = ['observable', 'measured', `exact L=${m.size} (${method})`, 'z', infinite, 'tau_int'];
  const rows = observableLabels(m.model).map(([name, label]) => {
    const o = observableOf(m, name);
    const x = exact.finite[name];
    const z = x === undefined ? '' : ((o.mean - x) / o.error).toFixed(2);
    return [label, formatWithError(o.mean, o.error), fixed(x), z, fixed(exact.infinite[name]), 'tauInt' in o ? o.tauInt.toFixed(2) : ''];
  });
  for (const [name, label] of m.improved ? IMPROVED_LABELS : []) {
    const o = m.improved![name];
    const x = exact.finite[name];
    rows.push([label, formatWithError(o.mean, o.error), fixed(x), x === undefined ? '' : ((o.mean - x) / o.error).toFixed(2), '', o.tauInt.toFixed(2)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const title =
    `${modelLabel(m)} ${latticeLabel(m)}  T=${m.temperature.toPrecision(7)} (beta=${m.beta.toPrecision(7)})  h=${m.field}  ` +
    `${algorithmLabel(m)} on ${m.backend}  ` +
    `seed=${m.seed}  thermalize=${m.thermalize}  sweeps=${m.sweeps}  sweep equivalents=${m.sweepEquivalents.toFixed(1)}  ` +
    `acceptance=${m.acceptance.toFixed(4)}  bins=${m.bins}x${m.binSize}`;
  const out = [title, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (m.warnings.length > 0) out.push('', 'warnings:', ...m.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}
