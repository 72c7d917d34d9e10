/**
 * The criticality command line: `criticality run [flags]`.
 * Results go to stdout (table, JSON or CSV); errors go to stderr with a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { ALGORITHMS, BACKENDS, MODELS, STARTS, checkCount } from '../options.js';
import { exactReference } from '../reference.js';
import { createSimulation } from '../simulation.js';
import { SIMULATION_FLAGS, choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import { FORMATS, runToCsv, runToJson, runToTable } from './format.js';
import { SHOWCASE_USAGE, SWEEP_USAGE, showcaseCommand, sweepCommand } from './sweep.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (the sweep progress bar is shown by default only then). */
  stderrIsTTY?: boolean;
  /** Aborts a running sweep (the bin wires it to Ctrl-C); finished points are still printed. */
  signal?: AbortSignal;
}

const RUN_FLAGS: FlagSpec = {
  model: { type: 'string' },
  size: { type: 'string' },
  temperature: { type: 'string' },
  beta: { type: 'string' },
  ...SIMULATION_FLAGS,
};

export const RUN_DEFAULTS = { thermalize: 1000, sweeps: 10000, format: 'table' } as const;

const USAGE = `Usage: criticality <command> [flags]

Commands:
  run       simulate one (L, T, h) point and print measured observables next to exact values
  sweep     simulate every (L, T) point of a grid; --analysis adds finite-size scaling
  showcase  L = 16, 32, 64 across Tc: measured vs exact e and c, Tc and gamma/nu (npm start)
  help      show this help
  version   print the version

criticality run flags (defaults in brackets):
  --model ising                      spin model [ising]
  --size L                           linear size, even, 2..32768 [64]
  --temperature T | --beta B         temperature T > 0 ("tc" = Onsager's 2.269185...), or beta = 1/T [tc]
  --field h                          magnetic field in H = -sum s_i s_j - h sum s_i [0]
  --algorithm metropolis|heat-bath   update algorithm [metropolis]
  --thermalize M                     sweeps discarded before measuring [${RUN_DEFAULTS.thermalize}]
  --sweeps N                         sweeps measured, one sample each [${RUN_DEFAULTS.sweeps}]
  --seed S                           integer seed 0..2^53-1; same seed, same numbers [1]
  --backend auto|wasm|js             engine [auto]
  --start hot|cold                   random or all-up initial spins [hot]
  --format table|json|csv            output format [${RUN_DEFAULTS.format}]

Example:
  criticality run --size 32 --temperature 2.3 --sweeps 100000 --format json

${SWEEP_USAGE}
Example:
  criticality sweep --sizes 8,16,32 --temperatures 2.0:2.6:0.05 --sweeps 20000 --format csv

${SHOWCASE_USAGE}`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function run(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, RUN_FLAGS);
  if (flags.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = choiceFlag('format', flags.format, FORMATS) ?? RUN_DEFAULTS.format;
  const thermalize = numberFlag('thermalize', flags.thermalize, 'an integer number of sweeps') ?? RUN_DEFAULTS.thermalize;
  const sweeps = numberFlag('sweeps', flags.sweeps, 'an integer number of sweeps') ?? RUN_DEFAULTS.sweeps;
  checkCount('--thermalize', thermalize, 0);
  checkCount('--sweeps', sweeps, 2);
  if (flags.temperature !== undefined && flags.beta !== undefined) {
    throw new InvalidOptionError('--beta', flags.beta, `no --beta when --temperature is given (--temperature ${flags.temperature})`);
  }
  const sim = await createSimulation({
    model: choiceFlag('model', flags.model, MODELS),
    size: numberFlag('size', flags.size, 'an even integer from 2 to 32768'),
    temperature: numberFlag('temperature', flags.temperature, 'a number > 0 or "tc"'),
    beta: numberFlag('beta', flags.beta, 'a number > 0'),
    field: numberFlag('field', flags.field),
    algorithm: choiceFlag('algorithm', flags.algorithm, ALGORITHMS),
    seed: numberFlag('seed', flags.seed, 'an integer from 0 to 2^53 - 1'),
    backend: choiceFlag('backend', flags.backend, BACKENDS),
    start: choiceFlag('start', flags.start, STARTS),
  });
  try {
    const measurement = sim.measure({ thermalize, sweeps });
    const exact = exactReference(measurement.size, measurement.temperature, measurement.field);
    if (format === 'json') io.stdout(`${JSON.stringify(runToJson(measurement, exact))}\n`);
    else if (format === 'csv') io.stdout(runToCsv(measurement, exact));
    else io.stdout(runToTable(measurement, exact));
  } finally {
    sim.dispose();
  }
  return 0;
}

/** Runs the CLI with `argv` (without the node and script paths). Returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(rest, io);
      case 'sweep':
        return await sweepCommand(rest, io);
      case 'showcase':
        return await showcaseCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? 1 : 0;
      case 'version':
      case '--version':
        io.stdout(`${version()}\n`);
        return 0;
      default:
        throw new InvalidOptionError('command', command, 'one of run, sweep, showcase, help, version');
    }
  } catch (error) {
    if (error instanceof InvalidOptionError) {
      // API option names become the flags the user typed: "size" -> "--size".
      const flagged = error.option in RUN_FLAGS ? new InvalidOptionError(`--${error.option}`, error.value, error.expected) : error;
      io.stderr(`criticality: ${flagged.message}\n`);
      return 2;
    }
    io.stderr(`criticality: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return 1;
  }
}
