/**
 * `criticality rg` (block-spin RG flow, pattern entropy, MCRG exponents) and `criticality landau`
 * (F(m) = -ln P(m) / N, its Landau fit and the shape of the well): table or JSON output.
 */
import type { Model } from '../vocabulary.js';
import { InvalidOptionError } from '../errors.js';
import { landau, type LandauResult } from '../landau.js';
import type { Observable } from '../measure.js';
import { BLOCK_RULES } from '../backend/rg-types.js';
import { rgFlow, type ContinuousRgResult, type RgResult } from '../rg/run.js';
import { isContinuous } from '../rg/continuous.js';
import type { McrgEntry } from '../rg/mcrg.js';
import type { BlockLevelObservables } from '../rg/flow.js';
import { createSimulation, type Simulation } from '../simulation.js';
import { choiceFlag, numberFlag, parseFlags, simulationOptionsFromFlags, SIMULATION_FLAGS, type FlagSpec } from './args.js';
import { formatWithError, latticeLabel, modelLabel } from './format.js';
import type { Io } from './io.js';

const COMMON_FLAGS: FlagSpec = {
  ...SIMULATION_FLAGS,
  thermalize: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const RG_FLAGS: FlagSpec = {
  ...COMMON_FLAGS,
  samples: { type: 'string' },
  every: { type: 'string' },
  block: { type: 'string' },
  rule: { type: 'string' },
  levels: { type: 'string' },
  'rg-seed': { type: 'string' },
  'no-patterns': { type: 'boolean' },
};

const LANDAU_FLAGS: FlagSpec = {
  ...COMMON_FLAGS,
  sweeps: { type: 'string' },
  bins: { type: 'string' },
  'min-count': { type: 'string' },
  order: { type: 'string' },
};

/** API option name -> the flag a user typed. */
const FLAG_OF: Record<string, string> = {
  blockSize: '--block',
  levels: '--levels',
  rule: '--rule',
  samples: '--samples',
  every: '--every',
  thermalize: '--thermalize',
  seed: '--rg-seed',
  sweeps: '--sweeps',
  bins: '--bins',
  minCount: '--min-count',
  order: '--order',
  size: '--size',
  temperature: '--temperature',
  beta: '--beta',
  field: '--field',
  algorithm: '--algorithm',
  backend: '--backend',
  start: '--start',
  model: '--model',
};

export const RG_DEFAULTS = { samples: 10000, every: 1, thermalize: 1000, format: 'table' } as const;
export const LANDAU_DEFAULTS = { sweeps: 50000, thermalize: 1000, format: 'table' } as const;
const FORMATS = ['table', 'json'] as const;

export const RG_USAGE = `criticality rg flags (simulation flags as for run: --model --size --temperature|--beta --field
  --algorithm --seed --backend --start), defaults in brackets:
  --block b                          block size, divides L [2]
  --rule majority|decimation         block-spin rule [majority]
  --levels K                         block levels [deepest with a lattice of at least 4 x 4]
  --thermalize M                     sweeps discarded [${RG_DEFAULTS.thermalize}]
  --samples n                        configurations analysed [${RG_DEFAULTS.samples}]
  --every k                          sweeps between two of them [${RG_DEFAULTS.every}]
  --rg-seed S                        seed of the tie-breaking RG stream [derived from --seed]
  --no-patterns                      skip the pattern entropy
  --format table|json                output format [${RG_DEFAULTS.format}]

criticality landau flags (simulation flags as above):
  --thermalize M --sweeps N          [${LANDAU_DEFAULTS.thermalize}, ${LANDAU_DEFAULTS.sweeps}]
  --bins n                           histogram bins across [-1, 1], odd [51]
  --min-count c                      fewest counts for a fitted bin [10]
  --order 4|6                        highest power of the Landau fit [6]
  --format table|json                output format [${LANDAU_DEFAULTS.format}]
`;

/** Reports an InvalidOptionError with the flag the user typed. */
function asFlag(error: unknown): unknown {
  if (error instanceof InvalidOptionError && error.option in FLAG_OF) return new InvalidOptionError(FLAG_OF[error.option], error.value, error.expected);
  return error;
}

function cell(o: Observable | undefined): string {
  return o ? formatWithError(o.mean, o.error) : '';
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function mcrgTable(entries: McrgEntry[], label: string): string[] {
  const levels = [...new Set(entries.map((e) => e.level))];
  const counts = [...new Set(entries.map((e) => e.operators.length))];
  const notes: string[] = [];
  const rows = levels.map((n) => {
    const first = entries.find((e) => e.level === n)!;
    return [
      `${first.from} -> ${first.to}`,
      ...counts.map((p) => {
        const e = entries.find((x) => x.level === n && x.operators.length === p)!;
        if (e.state === 'estimated') return cell(e.exponent) + (e.warnings.length > 0 ? ' !' : '');
        notes.push(`  ${first.from} -> ${first.to}, ${p} operator(s): ${e.reason}`);
        return '-';
      }),
    ];
  });
  const names = entries.find((e) => e.operators.length === counts[counts.length - 1])?.operators ?? [];
  return [
    `${label} (columns: the first p of ${names.join(', ')}; "!" = ill-conditioned, "-" = undetermined)`,
    ...table(['level', ...counts.map((p) => `p=${p}`)], rows),
    ...(notes.length > 0 ? ['undetermined:', ...notes] : []),
  ];
}

/** The first line of an RG report. */
function rgHeader(r: RgResult | ContinuousRgResult): string {
  return (
    `RG  ${modelLabel(r)} ${latticeLabel(r)}  T=${r.temperature.toPrecision(7)}  h=${r.field}  ${r.algorithm} on ${r.backend}  seed=${r.seed}  ` +
    `${r.rule} ${Array(r.lattice === 'cubic' ? 3 : 2)
      .fill(r.blockSize)
      .join('x')} blocks, ${r.levels} levels  samples=${r.samples} every ${r.every}  bins=${r.bins}x${r.binSize}`
  );
}

const DIRECTION_NOTES: Partial<Record<string, string>> = {
  'fixed-line': ' (the block lattices look alike at every scale: the 2D BKT line of fixed points, T <= T_BKT)',
};

/** The cells every model's level row starts with: level, L, |m|, U, nn, nnn. */
function levelCells(l: BlockLevelObservables): string[] {
  return [String(l.level), String(l.size), cell(l.absMagnetization), cell(l.binder), cell(l.nn), cell(l.nnn)];
}

/** The human-readable report of the RG run of a continuous-spin model. */
function continuousRgToTable(r: ContinuousRgResult): string {
  const planar = r.flow[0].vortexDensity !== undefined;
  const phi4 = r.flow[0].fieldSquared !== undefined;
  const rule =
    r.rule === 'decimation'
      ? 'decimation: the corner spin of each block'
      : phi4
        ? 'block field = the block average of phi'
        : r.model === 'clock'
          ? 'block spin = the clock state nearest to the block sum'
          : 'block spin = the normalised block sum';
  const out = [
    rgHeader(r),
    `${rule}; U = (n + 2)/2 - (n/2) <m^4>/<m^2>^2 (O(n) Binder); nn, nnn = <S_i . S_j> / <|S|^2>`,
    '',
    ...table(
      ['level', 'L', '|m|', 'U', 'nn', 'nnn', ...(planar ? ['vortices/plaquette'] : []), ...(phi4 ? ['<|phi|^2>', 'U_site'] : [])],
      r.flow.map((l) => [...levelCells(l), ...(planar ? [cell(l.vortexDensity)] : []), ...(phi4 ? [cell(l.fieldSquared), cell(l.siteBinder)] : [])]),
    ),
    '',
    `flow direction: ${r.direction}${DIRECTION_NOTES[r.direction] ?? ''}`,
    `block-level ties broken by the RG stream: ${r.ties}`,
    '',
    'MCRG: not defined for continuous spins (its operators are those of the Ising spin-flip symmetry)',
  ];
  if (r.warnings.length > 0) out.push('', 'warnings:', ...r.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}

/** The human-readable report of an RG run. */
export function rgToTable(r: RgResult | ContinuousRgResult): string {
  if (isContinuous(r.model)) return continuousRgToTable(r as ContinuousRgResult);
  const ising = r as RgResult;
  const out = [
    rgHeader(r),
    '',
    ...table(
      ['level', 'L', '|m|', 'U4', 'nn', 'nnn', 'plaquette', 'entropy/spin'],
      ising.flow.map((l) => [...levelCells(l), cell(l.plaquette), cell(l.patternEntropy?.perSpin)]),
    ),
    '',
    `flow direction: ${r.direction}`,
    '',
    ...(ising.mcrg
      ? [
          ...mcrgTable(
            ising.mcrg.thermal,
            r.lattice === 'cubic' ? 'MCRG thermal exponent y_t = 1/nu (3D Ising literature 1.5874)' : 'MCRG thermal exponent y_t = 1/nu (exact 1)',
          ),
          '',
          ...mcrgTable(
            ising.mcrg.magnetic,
            r.lattice === 'cubic' ? 'MCRG magnetic exponent y_h (3D Ising literature (5 - eta)/2 = 2.4819)' : 'MCRG magnetic exponent y_h (exact 15/8 = 1.875)',
          ),
        ]
      : ['MCRG: Ising only (its operators are those of the spin-flip symmetry)']),
  ];
  if (r.warnings.length > 0) out.push('', 'warnings:', ...r.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}

/** The human-readable report of a Landau run. */
export function landauToTable(r: LandauResult): string {
  const f = r.fit;
  const out = [
    `Landau  ${modelLabel(r)} ${latticeLabel(r)}${r.orderParameter === 'm0' ? '  order parameter m0 = (q n_0 / N - 1) / (q - 1)' : ''}  ` +
      `T=${r.temperature.toPrecision(7)}  h=${r.field}  ${r.algorithm} on ${r.backend}  seed=${r.seed}  sweeps=${r.sweeps}  bins=${r.bins}x${r.binSize}`,
    '',
    ...table(
      [r.variable, 'count', 'F = -ln P / N', 'fitted'],
      r.points
        .filter((p) => p.count > 0)
        .map((p) => [p.x.toFixed(4), String(p.count), p.F === null ? '' : formatWithError(p.F, p.error ?? NaN), p.fitted ? 'yes' : '']),
    ),
    '',
    f
      ? `fit F = a0${f.a1 ? ' + a1 m' : ''} + a2 m^2${f.a3 ? ' + a3 m^3' : ''} + a4 m^4${f.a6 ? ' + a6 m^6' : ''}: a2 = ` +
        `${cell(f.a2)}${f.a3 ? `, a3 = ${cell(f.a3)} (cubic invariant)` : ''}, a4 = ` +
        `${cell(f.a4)}${f.a6 ? `, a6 = ${cell(f.a6)}` : ''}${f.a1 ? `, a1 = ${cell(f.a1)}` : ''}  chi2/dof = ` +
        `${(f.chi2 / f.dof).toFixed(2)}${f.minimum !== undefined ? `  minimum at ${f.minimum.toFixed(4)}` : ''}`
      : 'no fit',
    `shape: ${r.shape}` +
      (r.barrier
        ? r.barrier.state === 'measured'
          ? `  barrier F(0) - F(${r.barrier.position.toFixed(3)}) = ${formatWithError(r.barrier.mean, r.barrier.error)}`
          : `  barrier > ${r.barrier.lowerBound.toPrecision(3)} (m = 0 never visited)`
        : ''),
  ];
  if (r.angular) {
    const a = r.angular;
    out.push(
      `angle along the ring (q = ${a.q}): ${a.shape === 'wells' ? `${a.q} wells` : 'a ring'}  psi_${a.q} = <cos ${a.q} phi_M> = ` +
        `${formatWithError(a.order.mean, a.order.error)}  barrier ln(P_near / P_far) = ` +
        ('lowerBound' in a.barrier ? `> ${a.barrier.lowerBound.toPrecision(3)} (between the wells never visited)` : formatWithError(a.barrier.mean, a.barrier.error)),
    );
  }
  if (r.warnings.length > 0) out.push('', 'warnings:', ...r.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}

/** JSON: numbers as numbers; NaN and infinities as null (JSON has neither). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

/** Drops the options the user did not give (the API fills in its defaults). */
function given<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Creates the simulation from the flags, runs `analyse` on it (errors reported with the flags the
 * user typed) and prints the result as a table or JSON.
 */
async function runAnalysis<T>(
  flags: Record<string, string | boolean | undefined>,
  io: Io,
  analyse: (sim: Simulation<Model>) => T,
  toTable: (result: T) => string,
): Promise<number> {
  const format = choiceFlag('format', flags.format, FORMATS) ?? 'table';
  let sim: Simulation<Model>;
  try {
    sim = await createSimulation(simulationOptionsFromFlags(flags));
  } catch (error) {
    throw asFlag(error);
  }
  try {
    let result: T;
    try {
      result = analyse(sim);
    } catch (error) {
      throw asFlag(error);
    }
    io.stdout(format === 'json' ? `${toJson(result)}\n` : toTable(result));
  } finally {
    sim.dispose();
  }
  return 0;
}

/** `criticality rg [flags]`. */
export async function rgCommand(argv: string[], io: Io, usage: string): Promise<number> {
  const flags = parseFlags(argv, RG_FLAGS);
  if (flags.help) {
    io.stdout(usage);
    return 0;
  }
  const options = given({
    samples: numberFlag('samples', flags.samples, 'an integer number of configurations') ?? RG_DEFAULTS.samples,
    every: numberFlag('every', flags.every, 'an integer number of sweeps') ?? RG_DEFAULTS.every,
    thermalize: numberFlag('thermalize', flags.thermalize, 'an integer number of sweeps') ?? RG_DEFAULTS.thermalize,
    blockSize: numberFlag('block', flags.block, 'an integer block size'),
    rule: choiceFlag('rule', flags.rule, BLOCK_RULES),
    levels: numberFlag('levels', flags.levels, 'an integer number of levels'),
    seed: numberFlag('rg-seed', flags['rg-seed'], 'an integer from 0 to 2^53 - 1'),
    patterns: flags['no-patterns'] ? false : undefined,
  });
  return runAnalysis(flags, io, (sim) => rgFlow(sim, options), rgToTable);
}

/** `criticality landau [flags]`. */
export async function landauCommand(argv: string[], io: Io, usage: string): Promise<number> {
  const flags = parseFlags(argv, LANDAU_FLAGS);
  if (flags.help) {
    io.stdout(usage);
    return 0;
  }
  const options = given({
    sweeps: numberFlag('sweeps', flags.sweeps, 'an integer number of sweeps') ?? LANDAU_DEFAULTS.sweeps,
    thermalize: numberFlag('thermalize', flags.thermalize, 'an integer number of sweeps') ?? LANDAU_DEFAULTS.thermalize,
    bins: numberFlag('bins', flags.bins, 'an odd integer'),
    minCount: numberFlag('min-count', flags['min-count'], 'an integer >= 1'),
    order: numberFlag('order', flags.order, '4 or 6') as 4 | 6 | undefined,
  });
  return runAnalysis(flags, io, (sim) => landau(sim, options), landauToTable);
}
