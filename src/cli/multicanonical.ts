/** `criticality multicanonical`: a multicanonical Potts run (src/multicanonical), as a table, JSON or CSV. */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { pottsCriticalTemperature } from '../models/potts/exact.js';
import { multicanonical, type MulticanonicalResult, type MulticanonicalWeights } from '../multicanonical/index.js';
import { BACKENDS } from '../vocabulary.js';
import { choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import { FORMATS, formatWithError } from './format.js';
import type { Io } from './io.js';
import { parseTemperatures } from './sweep.js';

export const MULTICANONICAL_FLAGS: FlagSpec = {
  model: { type: 'string' },
  q: { type: 'string' },
  size: { type: 'string' },
  temperatures: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  thermalize: { type: 'string' },
  'tuning-sweeps': { type: 'string' },
  sweeps: { type: 'string' },
  bins: { type: 'string' },
  weights: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const MULTICANONICAL_USAGE = `criticality multicanonical flags (defaults in brackets): the zero-field Potts model
  --model potts --q Q --size L       the lattice (q = 2 is the Ising model at coupling 1/2) [potts; q and L required]
  --temperatures FROM:TO:STEP | T1,T2,...
                                     canonical results reconstructed there; the ends set the window ("tc" = the
                                     transition) [0.99 Tc .. 1.01 Tc, step 0.001 Tc]
  --thermalize M                     canonical sweeps at each window edge, and frozen-weight sweeps before
                                     production [1000]
  --tuning-sweeps W                  most Wang-Landau sweeps [max(20000, 1500 levels^2 / N)]
  --sweeps N                         production sweeps with frozen weights [max(10000, 1000 levels^2 / N)]
  --bins B                           jackknife blocks [20]
  --weights FILE                     reuse the weights of an earlier --format json result (no tuning)
  --seed S, --backend B              as for run [1, auto]
  --format table|json|csv            output format [table]
`;

function toTable(r: MulticanonicalResult): string {
  const f = r.firstOrder;
  const header = ['T', 'e', 'c', '|m|', 'chi', 'U4', 'V4'];
  const rows = r.curve.map((p) => [
    p.temperature.toFixed(5),
    ...[p.energy, p.specificHeat, p.absMagnetization, p.susceptibility, p.binder, p.energyCumulant].map((o) => formatWithError(o.mean, o.error)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const ob = (o: { mean: number; error: number } | undefined) => (o ? formatWithError(o.mean, o.error) : 'not found');
  return `${[
    `Multicanonical: Potts (q = ${r.q}) ${r.size}x${r.size} on ${r.backend}  seed=${r.seed}`,
    `window b = ${r.weights.lo} .. ${r.weights.hi} (e = ${(-r.weights.hi / r.size ** 2).toFixed(4)} .. ${(-r.weights.lo / r.size ** 2).toFixed(4)})  ` +
      `tuning ${r.tuning.sweeps} sweeps (${r.tuning.converged ? '1/t stage reached' : 'not converged'}, ln f = ${r.tuning.lnF.toPrecision(3)})  ` +
      `production ${r.production.sweeps} sweeps, ${r.production.bins} blocks, ${r.production.tunnelings} tunnelings, ` +
      `acceptance ${r.production.acceptance.toFixed(3)}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `first order: ${f.verdict.doublePeak ? 'double peak resolved' : 'no double peak resolved'} (${f.verdict.reason})`,
    `  beta (equal weight, k = q): ${ob(f.equalWeight?.beta)}   latent heat: ${ob(f.latentHeat)} (from means ${ob(f.latentHeatFromMeans)})`,
    `  beta (equal height): ${ob(f.equalHeight?.beta)}   interface tension sigma_L: ${ob(f.equalHeight?.interfaceTension)}`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ].join('\n')}\n`;
}

const CSV_NAMES = {
  energy: 'energy',
  specificHeat: 'specific_heat',
  absMagnetization: 'abs_magnetization',
  susceptibility: 'susceptibility',
  binder: 'binder',
  energyCumulant: 'energy_cumulant',
} as const;

function toCsv(r: MulticanonicalResult): string {
  const names = ['energy', 'specificHeat', 'absMagnetization', 'susceptibility', 'binder', 'energyCumulant'] as const;
  const rows = r.curve.map((p) => [p.temperature, ...names.flatMap((n) => [p[n].mean, p[n].error])].join(','));
  const header = ['temperature', ...names.flatMap((n) => [CSV_NAMES[n], `${CSV_NAMES[n]}_error`])].join(',');
  return `${[header, ...rows].join('\n')}\n`;
}

/** The weights in a file: a `--format json` result (its `weights`) or a weights object. */
function readWeights(path: string): MulticanonicalWeights {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidOptionError('--weights', path, `a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const object = parsed as { weights?: unknown } | null;
  return (object && typeof object === 'object' && 'weights' in object ? object.weights : parsed) as MulticanonicalWeights;
}

/** `criticality multicanonical [flags]`. */
export async function multicanonicalCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, MULTICANONICAL_FLAGS);
  if (flags.help) {
    io.stdout(MULTICANONICAL_USAGE);
    return 0;
  }
  const format = choiceFlag('format', flags.format, FORMATS) ?? 'table';
  const model = choiceFlag('model', flags.model, ['potts'] as const);
  const q = numberFlag('q', flags.q, 'an integer from 2 to 256');
  if (q === undefined) throw new InvalidOptionError('--q', undefined, 'the number of Potts states, 2 .. 256');
  const size = numberFlag('size', flags.size, 'an even integer');
  if (size === undefined) throw new InvalidOptionError('--size', undefined, 'the linear size L (even)');
  const tc = () => pottsCriticalTemperature(q);
  const options = {
    model,
    q,
    size,
    temperatures: typeof flags.temperatures === 'string' ? parseTemperatures(flags.temperatures, tc) : undefined,
    seed: numberFlag('seed', flags.seed, 'an integer 0 .. 2^53 - 1'),
    backend: choiceFlag('backend', flags.backend, BACKENDS),
    thermalize: numberFlag('thermalize', flags.thermalize, 'an integer number of sweeps'),
    tuningSweeps: numberFlag('tuning-sweeps', flags['tuning-sweeps'], 'an integer number of sweeps'),
    sweeps: numberFlag('sweeps', flags.sweeps, 'an integer number of sweeps'),
    bins: numberFlag('bins', flags.bins, 'an integer from 2 to 1000'),
    weights: typeof flags.weights === 'string' ? readWeights(flags.weights) : undefined,
  };
  const result = await multicanonical(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as never);
  if (format === 'json')
    io.stdout(`${JSON.stringify(result, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value))}\n`);
  else if (format === 'csv') io.stdout(toCsv(result));
  else io.stdout(toTable(result));
  return 0;
}
