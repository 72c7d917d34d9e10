/**
 * `criticality sweep` (every (L, T) point of a grid) and `criticality showcase` (the default
 * experiment of `npm start`: L = 16, 32, 64 across Tc, then Tc and gamma/nu from finite-size scaling).
 */
import { analyzeTransition, type TransitionAnalysis } from '../analysis/transition.js';
import { InvalidOptionError } from '../errors.js';
import { CRITICAL_TEMPERATURE, CUBIC_CRITICAL_TEMPERATURE, ISING_3D_NU } from '../exact/index.js';
import { ALGORITHMS, BACKENDS, LATTICES, MODELS, STARTS, checkCount } from '../options.js';
import { runSweep, type RunSweepOptions, type RunSweepResult, type TemperatureSpec } from '../sweep.js';
import { MEASURE_FLAGS, SIMULATION_FLAGS, choiceFlag, modelCriticalTemperature, numberFlag, parseFlags, type FlagSpec } from './args.js';
import { FORMATS, modelLabel } from './format.js';
import type { Io } from './io.js';
import { createProgressBar } from './progress.js';
import { queueSweep } from './sweep-queue.js';
import { checkQueueName } from '../distributed/protocol.js';
import { integerFlag, redisFlag } from './worker.js';
import { analysisToTable, sweepToCsv, sweepToJson, sweepToTable } from './sweep-format.js';

export const SWEEP_FLAGS: FlagSpec = {
  sizes: { type: 'string' },
  temperatures: { type: 'string' },
  // the simulation options, but sizes and temperatures come as lists (--sizes, --temperatures)
  ...Object.fromEntries(
    Object.entries(SIMULATION_FLAGS).filter(
      ([flag]) => !['size', 'temperature', 'beta', 'clusters-per-step', 'hybrid-sweeps', 'hybrid-cluster', 'layout', 'workers'].includes(flag),
    ),
  ),
  ...MEASURE_FLAGS,
  independent: { type: 'boolean' },
  correlations: { type: 'boolean' },
  every: { type: 'string' },
  histograms: { type: 'boolean' },
  analysis: { type: 'boolean' },
  progress: { type: 'boolean' },
  redis: { type: 'string' },
  'local-workers': { type: 'string' },
  queue: { type: 'string' },
  'lock-ms': { type: 'string' },
  'checkpoint-ms': { type: 'string' },
};

/** Flags of a sweep on a queue: what the local workers get unless given. */
export const QUEUE_DEFAULTS = { localWorkers: 0, lockMs: 10_000, checkpointMs: 2000 } as const;

export const SWEEP_DEFAULTS = { sizes: '8,16,32', temperatures: '2.0:2.6:0.1', thermalize: 1000, sweeps: 10000, format: 'table' } as const;

export const SWEEP_USAGE = `criticality sweep flags (defaults in brackets):
  --model ising|potts|xy|clock|heisenberg|phi4  spin model [ising]
  --q Q                              number of Potts or clock states, 2..256 (--model potts, clock)
  --over-relaxation K                XY, Heisenberg, phi4: reflection sweeps after each Metropolis (XY, Heisenberg:
                                     or heat-bath) sweep, 0..64 [0]
  --lambda X                         phi4: quartic coupling of V = |phi|^2 + X (|phi|^2 - 1)^2, > 0 (give --temperatures) [2.1]
  --lattice square|cubic             periodic L x L or L x L x L lattice (cubic: give --temperatures) [square]
  --sizes L1,L2,...                  even linear sizes, 2..32766 (cubic 2..894) [${SWEEP_DEFAULTS.sizes}]
  --temperatures FROM:TO:STEP | T1,T2,...
                                     increasing temperatures ("tc" = the model's Tc) [${SWEEP_DEFAULTS.temperatures}]
  --field h                          magnetic field [0]
  --algorithm A                      metropolis|heat-bath|wolff|swendsen-wang|hybrid [metropolis]; xy, clock,
                                     heisenberg: all five (heat bath exact, Swendsen-Wang by embedding); phi4:
                                     metropolis|hybrid
  --thermalize M                     sweeps discarded at each point [${SWEEP_DEFAULTS.thermalize}]
  --sweeps N                         sweeps measured at each point, >= 100 [${SWEEP_DEFAULTS.sweeps}]
  --seed S                           sweep seed; each point derives its own from (S, L, T) [1]
  --backend auto|wasm|js             engine [auto]
  --start hot|cold                   start of the lowest temperature of each size [cold]
  --independent                      no warm starts: every point starts fresh from its own seed
  --correlations                     also measure G(r), S(k) and xi_2nd (--every K: sample every K sweeps)
  --histograms                       include the e and m histograms (JSON only)
  --analysis                         finite-size scaling: Binder crossings, Tc, nu, chi_max, gamma/nu
  --progress                         show the progress bar even when stderr is not a terminal
  --format table|json|csv            output format; csv holds the points only [${SWEEP_DEFAULTS.format}]
  --redis URL                        run the points on the queue at this Redis (workers anywhere run
                                     criticality worker --redis URL); same output, bit for bit
  --local-workers N                  with --redis: also start N worker processes here [${QUEUE_DEFAULTS.localWorkers}]
  --queue NAME                       with --redis: queue name [criticality]
  --lock-ms MS, --checkpoint-ms MS   with --local-workers: their lock and checkpoint intervals [${QUEUE_DEFAULTS.lockMs}, ${QUEUE_DEFAULTS.checkpointMs}]
`;

/** The showcase: three sizes, four temperatures each at Tc + c / L (c = -0.6, 0.6, 1.8, 3.0). */
export const SHOWCASE = {
  sizes: [16, 32, 64],
  offsets: [-0.6, 0.6, 1.8, 3.0],
  thermalize: 2000,
  sweeps: 100_000,
  seed: 1,
} as const;

/** Temperatures of the showcase for size L: Tc + c / L, rounded to 4 decimals. */
export function showcaseTemperatures(size: number): number[] {
  return SHOWCASE.offsets.map((c) => Number((CRITICAL_TEMPERATURE + c / size).toFixed(4)));
}

/**
 * The 3D showcase (`--lattice cubic`): Wolff clusters on L = 8, 16, 32, four temperatures each at
 * T_c + c / L^(1/nu) (c = -1.2, -0.4, 0.4, 1.2; T_c = 1 / 0.221654626, nu = 0.629971).
 */
export const CUBIC_SHOWCASE = {
  sizes: [8, 16, 32],
  offsets: [-1.2, -0.4, 0.4, 1.2],
  thermalize: 1000,
  sweeps: 40_000,
  seed: 1,
} as const;

/** Temperatures of the 3D showcase for size L: T_c + c / L^(1/nu), rounded to 5 decimals. */
export function cubicShowcaseTemperatures(size: number): number[] {
  return CUBIC_SHOWCASE.offsets.map((c) => Number((CUBIC_CRITICAL_TEMPERATURE + c / size ** (1 / ISING_3D_NU)).toFixed(5)));
}

export const SHOWCASE_FLAGS: FlagSpec = Object.fromEntries(
  ['lattice', 'sweeps', 'seed', 'backend', 'progress', 'format', 'help'].map((flag) => [flag, SWEEP_FLAGS[flag]]),
);

export const SHOWCASE_USAGE = `criticality showcase flags (defaults in brackets):
  --lattice square|cubic             square: 2D Ising, Metropolis on L = 16, 32, 64; cubic: 3D Ising,
                                     Wolff clusters on L = 8, 16, 32 across beta_c [square]
  --sweeps N                         sweeps (cubic: Wolff clusters) measured at each point [${SHOWCASE.sweeps}; cubic ${CUBIC_SHOWCASE.sweeps}]
  --seed S                           sweep seed [${SHOWCASE.seed}]
  --backend auto|wasm|js             engine [auto]
  --progress                         show the progress bar even when stderr is not a terminal
  --format table|json                output format [table]
`;

/** "2.0:2.6:0.05" -> a range; "2.1,2.2,tc" -> a list ("tc" is the critical temperature `tc()` gives, Onsager's by default). */
export function parseTemperatures(text: string, tc: () => number = () => CRITICAL_TEMPERATURE): TemperatureSpec {
  const expected = 'a range FROM:TO:STEP like 2.0:2.6:0.05, or an increasing list like 2.1,2.2,tc';
  const value = (part: string) => {
    const t = part.trim().toLowerCase();
    const x = t === 'tc' ? tc() : t === '' ? NaN : Number(t);
    if (Number.isNaN(x)) throw new InvalidOptionError('--temperatures', text, expected);
    return x;
  };
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw new InvalidOptionError('--temperatures', text, expected);
    const [from, to, step] = parts.map(value);
    return { from, to, step };
  }
  return text.split(',').map(value);
}

/** "8,16,32" -> [8, 16, 32] (each checked later as a size). */
export function parseSizes(text: string): number[] {
  return text.split(',').map((part) => {
    const x = part.trim() === '' ? NaN : Number(part);
    if (Number.isNaN(x)) throw new InvalidOptionError('--sizes', text, 'a comma-separated list of even integers like 8,16,32');
    return x;
  });
}

/** API option names of a sweep -> the flag the user typed ("temperatures.step" -> "--temperatures"). */
function asFlagError(error: InvalidOptionError): InvalidOptionError {
  if (error.option.startsWith('--')) return error;
  const root = error.option.split(/[.[(]/)[0];
  const flag = root === 'correlations' ? 'every' : root;
  if (!(flag in SWEEP_FLAGS)) return error;
  const part = error.option === root ? '' : ` (${error.option})`;
  return new InvalidOptionError(`--${flag}`, error.value, `${error.expected}${part}`);
}

async function execute(options: RunSweepOptions, io: Io, showProgress: boolean): Promise<RunSweepResult> {
  const bar = showProgress ? createProgressBar(io.stderr, io.stderrIsTTY ?? false) : undefined;
  try {
    return await runSweep({ ...options, onProgress: bar ? (p) => bar.update(p) : undefined, signal: io.signal });
  } finally {
    bar?.done();
  }
}

/** Writes the result; returns the exit code (0, 130 when aborted, 1 when errored). */
function finish(result: RunSweepResult, io: Io, format: string, title: string, analysis?: TransitionAnalysis): number {
  if (format === 'json') io.stdout(`${JSON.stringify(sweepToJson(result, analysis))}\n`);
  else if (format === 'csv') io.stdout(sweepToCsv(result));
  else io.stdout(sweepToTable(result, title) + (analysis ? `\n${analysisToTable(analysis)}` : ''));
  if (result.state === 'aborted') {
    const partial = result.points.filter((p) => p.state === 'partial').length;
    io.stderr(
      `criticality: sweep aborted: ${result.points.length - partial} point(s) completed${partial ? `, ${partial} partial` : ''}, ` +
        `${result.remaining.length} not completed; the output holds the measured ones\n`,
    );
    return 130;
  }
  if (result.state === 'errored') {
    const e = result.error;
    io.stderr(`criticality: sweep stopped by an error after ${result.points.length} point(s): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
    return 1;
  }
  return 0;
}

function analyze(result: RunSweepResult, io: Io): TransitionAnalysis | undefined {
  const completed = result.points.filter((p) => p.state === 'completed').map((p) => p.measurement);
  if (new Set(completed.map((m) => m.size)).size < 2 && completed[0]?.model !== 'potts') {
    io.stderr('criticality: --analysis needs completed points of at least two sizes; skipped\n');
    return undefined;
  }
  return analyzeTransition(completed);
}

/** `criticality sweep [flags]`. */
export async function sweepCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, SWEEP_FLAGS);
  if (flags.help) {
    io.stdout(SWEEP_USAGE);
    return 0;
  }
  const format = choiceFlag('format', flags.format, FORMATS) ?? SWEEP_DEFAULTS.format;
  if (flags.analysis && format === 'csv') throw new InvalidOptionError('--analysis', true, 'table or json output (csv holds one row per point)');
  if (flags.histograms && format !== 'json') throw new InvalidOptionError('--histograms', true, 'json output (tables and csv hold one row per point)');
  if (flags.every !== undefined && !flags.correlations) throw new InvalidOptionError('--every', flags.every, 'to be given with --correlations');
  const every = numberFlag('every', flags.every, 'an integer number of sweeps');
  const model = choiceFlag('model', flags.model, MODELS);
  const lattice = choiceFlag('lattice', flags.lattice, LATTICES);
  const q = numberFlag('q', flags.q, 'an integer from 2 to 256 (the number of Potts states)');
  const overRelaxation = numberFlag('over-relaxation', flags['over-relaxation'], 'an integer from 0 to 64 (reflection sweeps after each Metropolis sweep)');
  const lambda = numberFlag('lambda', flags.lambda, 'a number > 0 (the phi^4 quartic coupling)');
  if (model === 'phi4' && flags.temperatures === undefined) {
    throw new InvalidOptionError(
      '--temperatures',
      undefined,
      'a range or list of T = 1/beta for --model phi4 (beta is the hopping coupling; cubic, lambda = 2.1: beta_c = 0.5091503, T_c = 1.96406)',
    );
  }
  if (lattice === 'cubic' && flags.temperatures === undefined) {
    throw new InvalidOptionError(
      '--temperatures',
      undefined,
      `a range or list around the cubic T_c = ${CUBIC_CRITICAL_TEMPERATURE.toFixed(4)} (the default ${SWEEP_DEFAULTS.temperatures} is the square lattice's)`,
    );
  }
  const options: RunSweepOptions = {
    model,
    ...(q === undefined ? {} : { q }),
    ...(overRelaxation === undefined ? {} : { overRelaxation }),
    ...(lambda === undefined ? {} : { lambda }),
    ...(lattice === undefined ? {} : { lattice }),
    sizes: parseSizes(typeof flags.sizes === 'string' ? flags.sizes : SWEEP_DEFAULTS.sizes),
    temperatures: parseTemperatures(typeof flags.temperatures === 'string' ? flags.temperatures : SWEEP_DEFAULTS.temperatures, () =>
      modelCriticalTemperature(model, q, lattice, lambda),
    ),
    field: numberFlag('field', flags.field),
    algorithm: choiceFlag('algorithm', flags.algorithm, ALGORITHMS),
    thermalize: numberFlag('thermalize', flags.thermalize, 'an integer number of sweeps') ?? SWEEP_DEFAULTS.thermalize,
    sweeps: numberFlag('sweeps', flags.sweeps, 'an integer number of sweeps') ?? SWEEP_DEFAULTS.sweeps,
    seed: numberFlag('seed', flags.seed, 'an integer from 0 to 2^53 - 1'),
    backend: choiceFlag('backend', flags.backend, BACKENDS),
    start: choiceFlag('start', flags.start, STARTS),
    warmStart: !flags.independent,
    correlations: flags.correlations ? (every === undefined ? true : { every }) : false,
    histograms: Boolean(flags.histograms),
    keepSeries: Boolean(flags.analysis),
  };
  for (const flag of ['local-workers', 'queue', 'lock-ms', 'checkpoint-ms']) {
    if (flags[flag] !== undefined && flags.redis === undefined) throw new InvalidOptionError(`--${flag}`, flags[flag], 'to be given with --redis');
  }
  const showProgress = Boolean(flags.progress) || (io.stderrIsTTY ?? false);
  let result: RunSweepResult;
  try {
    if (flags.redis !== undefined) {
      const how = {
        redis: redisFlag(flags.redis),
        queue: flags.queue === undefined ? undefined : checkQueueName(flags.queue, '--queue'),
        localWorkers: integerFlag('local-workers', flags['local-workers'], 0, 64, QUEUE_DEFAULTS.localWorkers),
        lockMs: integerFlag('lock-ms', flags['lock-ms'], 500, 3_600_000, QUEUE_DEFAULTS.lockMs),
        checkpointMs: integerFlag('checkpoint-ms', flags['checkpoint-ms'], 10, 3_600_000, QUEUE_DEFAULTS.checkpointMs),
        showProgress,
      };
      result = await queueSweep(options, how, io);
    } else {
      result = await execute(options, io, showProgress);
    }
  } catch (error) {
    throw error instanceof InvalidOptionError ? asFlagError(error) : error;
  }
  const first = result.points[0]?.measurement;
  const title =
    `${first ? modelLabel(first) : 'Ising'} sweep: sizes ${options.sizes.join(', ')}  ` +
    `${first ? `${first.algorithm} on ${first.backend}` : ''}  h=${first?.field ?? options.field ?? 0}  ` +
    `seed=${result.seed}  thermalize=${options.thermalize}  sweeps=${options.sweeps} per point  ${options.warmStart ? 'warm starts' : 'independent starts'}  ` +
    `(${(result.elapsedMs / 1000).toFixed(1)} s; exact: ` +
    `${lattice === 'cubic' ? 'enumeration for L = 2 (cubic lattice)' : 'Kaufman finite L, enumeration for L <= 4'})`;
  const analysis = flags.analysis && result.state !== 'errored' ? analyze(result, io) : undefined;
  return finish(result, io, format, title, analysis);
}

/** `criticality showcase [flags]`: the experiment `npm start` runs (`--lattice cubic`: the 3D one). */
export async function showcaseCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, SHOWCASE_FLAGS);
  if (flags.help) {
    io.stdout(SHOWCASE_USAGE);
    return 0;
  }
  const format = choiceFlag('format', flags.format, ['table', 'json'] as const) ?? 'table';
  const cubic = choiceFlag('lattice', flags.lattice, LATTICES) === 'cubic';
  const plan = cubic ? CUBIC_SHOWCASE : SHOWCASE;
  const sweeps = numberFlag('sweeps', flags.sweeps, 'an integer number of sweeps') ?? plan.sweeps;
  checkCount('--sweeps', sweeps, 0);
  const seed = numberFlag('seed', flags.seed, 'an integer from 0 to 2^53 - 1') ?? plan.seed;
  const backend = choiceFlag('backend', flags.backend, BACKENDS);
  const options: RunSweepOptions = cubic
    ? { lattice: 'cubic', algorithm: 'wolff', sizes: CUBIC_SHOWCASE.sizes, temperatures: cubicShowcaseTemperatures }
    : { sizes: SHOWCASE.sizes, temperatures: showcaseTemperatures };
  let result: RunSweepResult;
  try {
    result = await execute(
      { ...options, thermalize: plan.thermalize, sweeps, seed, backend, keepSeries: true },
      io,
      Boolean(flags.progress) || (io.stderrIsTTY ?? false),
    );
  } catch (error) {
    throw error instanceof InvalidOptionError ? asFlagError(error) : error;
  }
  const first = result.points[0]?.measurement;
  const how = `after ${plan.thermalize}, ${first ? `${first.algorithm} on ${first.backend}` : ''}, seed ${seed}, ${(result.elapsedMs / 1000).toFixed(1)} s.\n`;
  const title = cubic
    ? `criticality showcase: 3D Ising (simple cubic), L = ${CUBIC_SHOWCASE.sizes.join(', ')} at T = Tc + c/L^(1/nu) (c = ` +
      `${CUBIC_SHOWCASE.offsets.join(', ')}), ${sweeps} Wolff clusters per point ${how}` +
      'No exact solution in 3D: Binder crossings, nu and gamma/nu by multiple-histogram reweighting next to the literature (docs/cubic.md).'
    : `criticality showcase: 2D Ising, L = ${SHOWCASE.sizes.join(', ')} at T = Tc + c/L (c = ${SHOWCASE.offsets.join(', ')}), ${sweeps} ` +
      `sweeps per point ${how}` +
      'Measured energy and specific heat vs the exact finite-lattice values (Kaufman); then finite-size scaling by multiple-histogram reweighting.';
  const analysis = result.state === 'completed' ? analyze(result, io) : undefined;
  return finish(result, io, format, title, analysis);
}
