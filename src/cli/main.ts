/**
 * The criticality command line: `criticality run [flags]`.
 * Results go to stdout (table, JSON or CSV); errors go to stderr with a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { ALGORITHMS, BACKENDS, LAYOUTS, MODELS, STARTS, checkCount } from '../options.js';
import { exactReference } from '../reference.js';
import { createSimulation } from '../simulation.js';
import { choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import { FORMATS, runToCsv, runToJson, runToTable } from './format.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const RUN_FLAGS: FlagSpec = {
  model: { type: 'string' },
  size: { type: 'string' },
  temperature: { type: 'string' },
  beta: { type: 'string' },
  field: { type: 'string' },
  algorithm: { type: 'string' },
  thermalize: { type: 'string' },
  sweeps: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  start: { type: 'string' },
  layout: { type: 'string' },
  workers: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const RUN_DEFAULTS = { thermalize: 1000, sweeps: 10000, format: 'table' } as const;

const USAGE = `Usage: criticality <command> [flags]

Commands:
  run       simulate one (L, T, h) point and print measured observables next to exact values
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
  --layout auto|packed|byte          one bit per spin (L a multiple of 16) or one byte [auto: packed if L allows]
  --workers N                        worker threads sharing one packed lattice [1]
  --format table|json|csv            output format [${RUN_DEFAULTS.format}]

Example:
  criticality run --size 32 --temperature 2.3 --sweeps 100000 --format json
`;

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
    layout: choiceFlag('layout', flags.layout, LAYOUTS),
    workers: numberFlag('workers', flags.workers, 'an integer from 1 to 64'),
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
        throw new InvalidOptionError('command', command, 'one of run, help, version');
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
