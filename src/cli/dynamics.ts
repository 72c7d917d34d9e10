/** `criticality dynamics`: critical slowing down per algorithm (src/cluster/dynamics.ts), as a table, JSON or CSV. */
import { criticalSlowingDown, DYNAMICS_DEFAULTS, type DynamicsPoint, type DynamicsResult } from '../cluster/dynamics.js';
import { InvalidOptionError } from '../errors.js';
import { CRITICAL_TEMPERATURE, CUBIC_CRITICAL_TEMPERATURE } from '../exact/index.js';
import { ALGORITHMS, BACKENDS, LATTICES } from '../options.js';
import { choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import { FORMATS, formatWithError } from './format.js';
import type { Io } from './io.js';

export const DYNAMICS_FLAGS: FlagSpec = {
  sizes: { type: 'string' },
  algorithms: { type: 'string' },
  lattice: { type: 'string' },
  temperature: { type: 'string' },
  steps: { type: 'string' },
  thermalize: { type: 'string' },
  'fit-min-size': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const DYNAMICS_USAGE = `criticality dynamics flags (defaults in brackets):
  --lattice square|cubic             periodic L x L or L x L x L lattice [square]
  --sizes 8,16,32                    linear sizes, even, >= 4 [${DYNAMICS_DEFAULTS.sizes.join(',')}]
  --algorithms a,b                   algorithms to compare [${DYNAMICS_DEFAULTS.algorithms.join(',')}]
  --temperature T                    temperature ("tc" = Onsager's 2.269185..., cubic 1/0.221654626) [tc]
  --steps N                          recorded steps per point [local: max(50000, 50 L^2.17); cluster: 100000]
  --thermalize M                     steps discarded first [steps/10]
  --fit-min-size L                   smallest size in the fit of z (all are measured) [smallest of --sizes]
  --seed S                           seed; point k runs with childSeed(S, k) [1]
  --backend auto|wasm|js             engine [auto]
  --format table|json|csv            output format [table]
  --quiet                            no progress lines on stderr
`;

/** A comma-separated list flag. */
function listFlag(flag: string, text: string | boolean | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidOptionError(`--${flag}`, text, 'a comma-separated list');
  return text.split(',').map((item) => item.trim());
}

function describePoint(p: DynamicsPoint): string {
  const t = p.tau;
  return (
    `${p.algorithm} L=${p.size}: tau(|m|) = ${formatWithError(t.absMagnetization.sweeps, t.absMagnetization.error)}, ` +
    `tau(e) = ${formatWithError(t.energy.sweeps, t.energy.error)} sweeps (${p.steps} steps, ${p.seconds.toFixed(1)} s)`
  );
}

export async function dynamics(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, DYNAMICS_FLAGS);
  if (flags.help) {
    io.stdout(DYNAMICS_USAGE);
    return 0;
  }
  const format = choiceFlag('format', flags.format, FORMATS) ?? 'table';
  const sizes = listFlag('sizes', flags.sizes)?.map((s) => numberFlag('sizes', s, 'a comma-separated list of even integers >= 4') as number);
  const algorithms = listFlag('algorithms', flags.algorithms)?.map((a) => choiceFlag('algorithms', a, ALGORITHMS)!);
  const lattice = choiceFlag('lattice', flags.lattice, LATTICES);
  const result = await criticalSlowingDown({
    ...(lattice === undefined ? {} : { lattice }),
    sizes,
    algorithms,
    temperature: numberFlag('temperature', flags.temperature, 'a number > 0 or "tc"', () =>
      lattice === 'cubic' ? CUBIC_CRITICAL_TEMPERATURE : CRITICAL_TEMPERATURE,
    ),
    steps: numberFlag('steps', flags.steps, 'an integer number of steps'),
    thermalize: numberFlag('thermalize', flags.thermalize, 'an integer number of steps'),
    fitMinSize: numberFlag('fit-min-size', flags['fit-min-size'], 'a size'),
    seed: numberFlag('seed', flags.seed, 'an integer from 0 to 2^53 - 1'),
    backend: choiceFlag('backend', flags.backend, BACKENDS),
    onPoint: flags.quiet ? undefined : (p) => io.stderr(`criticality: ${describePoint(p)}\n`),
  });
  if (format === 'json') io.stdout(`${JSON.stringify(result)}\n`);
  else if (format === 'csv') io.stdout(dynamicsToCsv(result));
  else io.stdout(dynamicsToTable(result));
  return 0;
}

/** One row per (algorithm, size), with that algorithm's fitted z repeated on each row. */
export function dynamicsToCsv(r: DynamicsResult): string {
  const head = [
    'temperature',
    'algorithm',
    'size',
    'seed',
    'steps',
    'thermalize',
    'sweepsPerStep',
    'tauAbsMagnetization',
    'tauAbsMagnetization_error',
    'tauEnergy',
    'tauEnergy_error',
    'seconds',
    'zAbsMagnetization',
    'zAbsMagnetization_error',
    'zEnergy',
    'zEnergy_error',
  ];
  const rows = r.points.map((p) => {
    const fit = (o: string) => r.fits.find((f) => f.algorithm === p.algorithm && f.observable === o)!;
    const zm = fit('absMagnetization');
    const ze = fit('energy');
    return [
      r.temperature,
      p.algorithm,
      p.size,
      p.seed,
      p.steps,
      p.thermalize,
      p.sweepsPerStep,
      p.tau.absMagnetization.sweeps,
      p.tau.absMagnetization.error,
      p.tau.energy.sweeps,
      p.tau.energy.error,
      p.seconds,
      zm.z,
      zm.zError,
      ze.z,
      ze.zError,
    ].join(',');
  });
  return `${head.join(',')}\n${rows.join('\n')}\n`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Two tables: tau_int per point (in sweep equivalents), then z per algorithm and observable. */
export function dynamicsToTable(r: DynamicsResult): string {
  const points = table(
    ['algorithm', 'L', 'steps', 'sweeps/step', 'tau_int(|m|)', 'tau_int(e)', 'seconds'],
    r.points.map((p) => [
      p.algorithm,
      String(p.size),
      String(p.steps),
      p.sweepsPerStep.toFixed(4),
      formatWithError(p.tau.absMagnetization.sweeps, p.tau.absMagnetization.error),
      formatWithError(p.tau.energy.sweeps, p.tau.energy.error),
      p.seconds.toFixed(1),
    ]),
  );
  const algorithms = [...new Set(r.points.map((p) => p.algorithm))];
  const fits = table(
    ['algorithm', 'z from tau_int(|m|)', 'z from tau_int(e)', 'chi2/dof (|m|, e)'],
    algorithms.map((a) => {
      const zm = r.fits.find((f) => f.algorithm === a && f.observable === 'absMagnetization')!;
      const ze = r.fits.find((f) => f.algorithm === a && f.observable === 'energy')!;
      return [a, formatWithError(zm.z, zm.zError), formatWithError(ze.z, ze.zError), `${zm.chi2PerDof.toFixed(2)}, ${ze.chi2PerDof.toFixed(2)}`];
    }),
  );
  const warnings = r.points.flatMap((p) => p.warnings.map((w) => `  - ${p.algorithm} L=${p.size}: ${w}`));
  const out = [
    `Critical slowing down${r.lattice === 'cubic' ? ' on the cubic lattice' : ''} at T = ${r.temperature.toPrecision(7)}: tau_int in sweep ` +
      `equivalents (Sokal window, Madras-Sokal errors)`,
    '',
    ...points,
    '',
    `Dynamic exponent z: tau_int = A L^z, weighted least squares in log-log over L >= ${r.fits[0]?.fitMinSize}`,
    '',
    ...fits,
  ];
  if (warnings.length > 0) out.push('', 'warnings:', ...warnings);
  return `${out.join('\n')}\n`;
}
