/**
 * The criticality command line: `criticality run [flags]`.
 * Results go to stdout (table, JSON or CSV); errors go to stderr with a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { ALGORITHMS, BACKENDS, CLUSTER_ALGORITHMS, MODELS, STARTS, checkCount } from '../options.js';
import { exactReference } from '../reference.js';
import { createSimulation } from '../simulation.js';
import { choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import { DYNAMICS_FLAGS, DYNAMICS_USAGE, dynamics } from './dynamics.js';
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
  'clusters-per-step': { type: 'string' },
  'hybrid-sweeps': { type: 'string' },
  'hybrid-cluster': { type: 'string' },
  thermalize: { type: 'string' },
  sweeps: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  start: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const RUN_DEFAULTS = { thermalize: 1000, sweeps: 10000, format: 'table' } as const;

/** API option names whose flag is not the same word: errors name the flag the user typed. */
const OPTION_FLAGS: Record<string, string> = {
  clustersPerStep: 'clusters-per-step', hybridSweeps: 'hybrid-sweeps', hybridCluster: 'hybrid-cluster', fitMinSize: 'fit-min-size',
};

const USAGE = `Usage: criticality <command> [flags]

Commands:
  run       simulate one (L, T, h) point and print measured observables next to exact values
  dynamics  measure critical slowing down: tau_int(|m|), tau_int(e) and the dynamic exponent z per algorithm
  help      show this help
  version   print the version

criticality run flags (defaults in brackets):
  --model ising                      spin model [ising]
  --size L                           linear size, even, 2..32768 [64]
  --temperature T | --beta B         temperature T > 0 ("tc" = Onsager's 2.269185...), or beta = 1/T [tc]
  --field h                          magnetic field in H = -sum s_i s_j - h sum s_i [0]
  --algorithm A                      metropolis|heat-bath|wolff|swendsen-wang|hybrid [metropolis]
  --clusters-per-step C              Wolff clusters per step (wolff, hybrid with wolff) [1]
  --hybrid-sweeps K                  hybrid: Metropolis sweeps before each cluster update [1]
  --hybrid-cluster wolff|swendsen-wang  hybrid: the cluster update [wolff]
  --thermalize M                     steps discarded before measuring [${RUN_DEFAULTS.thermalize}]
  --sweeps N                         steps measured, one sample each (a step: a sweep, C Wolff
                                     clusters, a Swendsen-Wang update, or K sweeps + a cluster update) [${RUN_DEFAULTS.sweeps}]
  --seed S                           integer seed 0..2^53-1; same seed, same numbers [1]
  --backend auto|wasm|js             engine [auto]
  --start hot|cold                   random or all-up initial spins [hot]
  --format table|json|csv            output format [${RUN_DEFAULTS.format}]

${DYNAMICS_USAGE}
Examples:
  criticality run --size 32 --temperature 2.3 --sweeps 100000 --format json
  criticality run --size 128 --algorithm wolff --clusters-per-step 10 --sweeps 20000
  criticality dynamics --sizes 8,16,32,64 --algorithms metropolis,wolff
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
    clustersPerStep: numberFlag('clusters-per-step', flags['clusters-per-step'], 'an integer >= 1'),
    hybridSweeps: numberFlag('hybrid-sweeps', flags['hybrid-sweeps'], 'an integer >= 1'),
    hybridCluster: choiceFlag('hybrid-cluster', flags['hybrid-cluster'], CLUSTER_ALGORITHMS),
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
      case 'dynamics':
        return await dynamics(rest, io);
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
        throw new InvalidOptionError('command', command, 'one of run, dynamics, help, version');
    }
  } catch (error) {
    if (error instanceof InvalidOptionError) {
      // API option names become the flags the user typed: "size" -> "--size".
      const flag = OPTION_FLAGS[error.option] ?? error.option;
      const flagged = flag in RUN_FLAGS || (command === 'dynamics' && flag in DYNAMICS_FLAGS)
        ? new InvalidOptionError(`--${flag}`, error.value, error.expected)
        : error;
      io.stderr(`criticality: ${flagged.message}\n`);
      return 2;
    }
    io.stderr(`criticality: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return 1;
  }
}
