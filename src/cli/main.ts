/**
 * The criticality command line: `criticality run [flags]`.
 * Results go to stdout (table, JSON or CSV); errors go to stderr with a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { checkCount } from '../options.js';
import { exactReference } from '../reference.js';
import { createSimulation } from '../simulation.js';
import { MEASURE_FLAGS, SIMULATION_FLAGS, choiceFlag, numberFlag, parseFlags, simulationOptionsFromFlags, type FlagSpec } from './args.js';
import { DYNAMICS_FLAGS, DYNAMICS_USAGE, dynamics } from './dynamics.js';
import { FORMATS, runToCsv, runToJson, runToTable } from './format.js';
import { landauCommand, rgCommand, RG_USAGE } from './rg.js';
import { languageCommand, LANGUAGE_USAGE } from './language.js';
import { SHOWCASE_USAGE, SWEEP_USAGE, showcaseCommand, sweepCommand } from './sweep.js';
import { WORKER_USAGE, workerCommand } from './worker.js';
import type { Io } from './io.js';
import { HYSTERESIS_FLAGS, HYSTERESIS_USAGE, hysteresisCommand } from './hysteresis.js';
import { MULTICANONICAL_FLAGS, MULTICANONICAL_USAGE, multicanonicalCommand } from './multicanonical.js';

export type { Io } from './io.js';

const RUN_FLAGS: FlagSpec = {
  ...SIMULATION_FLAGS,
  ...MEASURE_FLAGS,
};

export const RUN_DEFAULTS = { thermalize: 1000, sweeps: 10000, format: 'table' } as const;

/** API option names whose flag is not the same word: errors name the flag the user typed. */
const OPTION_FLAGS: Record<string, string> = {
  clustersPerStep: 'clusters-per-step',
  hybridSweeps: 'hybrid-sweeps',
  overRelaxation: 'over-relaxation',
  hybridCluster: 'hybrid-cluster',
  fitMinSize: 'fit-min-size',
  tuningSweeps: 'tuning-sweeps',
};

const USAGE = `Usage: criticality <command> [flags]

Commands:
  run       simulate one (L, T, h) point and print measured observables next to exact values
  sweep     simulate every (L, T) point of a grid; --analysis adds finite-size scaling
  showcase  L = 16, 32, 64 across Tc: measured vs exact e and c, Tc and gamma/nu (npm start)
  dynamics  measure critical slowing down: tau_int(|m|), tau_int(e) and the dynamic exponent z per algorithm
  hysteresis  a heating then cooling ramp on one lattice: both branches of e(T) and m(T), and the loop areas
  multicanonical  Potts first-order transitions: flat-histogram run, latent heat, interface tension, ln g(E)
  rg        block-spin renormalization: flow of observables per level, pattern entropy, MCRG exponents
  landau    Landau free energy F(m) = -ln P(m) / N from the magnetization histogram, its fit and well shape
  language  symbol sequences: C(r), I(r) of texts and the Brown corpus, Markov and random-grammar generators
  worker    run points of sweeps from a queue (BullMQ on Redis) until SIGTERM: see sweep --redis
  help      show this help
  version   print the version

criticality run flags (defaults in brackets):
  --model ising|potts|xy|clock|heisenberg|phi4  spin model [ising]
  --q Q                              number of Potts or clock states, 2..256 (--model potts, clock)
  --over-relaxation K                XY, Heisenberg, phi4: reflection sweeps after each Metropolis (XY, Heisenberg:
                                     or heat-bath) sweep, 0..64 [0]
  --lambda X                         phi4: quartic coupling of V = |phi|^2 + X (|phi|^2 - 1)^2, > 0; the hopping
                                     coupling is --beta (T = 1/beta; "tc" only on the cubic lattice at X = 2.1) [2.1]
  --lattice square|cubic             periodic L x L square or L x L x L simple cubic lattice [square]
  --size L                           linear size, even, 2..32766 (cubic 2..894) [64; cubic 16]
  --temperature T | --beta B         temperature T > 0 ("tc" = Onsager's 2.269185..., cubic 1/0.221654626), or beta = 1/T [tc]
  --field h                          magnetic field in H = -sum s_i s_j - h sum s_i [0]
  --algorithm A                      metropolis|heat-bath|wolff|swendsen-wang|hybrid [metropolis]; xy, clock,
                                     heisenberg: all five (heat bath exact, Swendsen-Wang by embedding); phi4:
                                     metropolis|hybrid
  --clusters-per-step C              Wolff clusters per step (wolff, hybrid with wolff) [1]
  --hybrid-sweeps K                  hybrid: Metropolis sweeps before each cluster update [1]
  --hybrid-cluster wolff|swendsen-wang  hybrid: the cluster update [wolff]
  --thermalize M                     steps discarded before measuring [${RUN_DEFAULTS.thermalize}]
  --sweeps N                         steps measured, one sample each (a step: a sweep, C Wolff
                                     clusters, a Swendsen-Wang update, or K sweeps + a cluster update) [${RUN_DEFAULTS.sweeps}]
  --seed S                           integer seed 0..2^53-1; same seed, same numbers [1]
  --backend auto|wasm|js             engine [auto]
  --start hot|cold                   random or all-up initial spins [hot]
  --layout auto|packed|byte          one bit per spin (L a multiple of 16) or one byte [auto: packed if L allows]
  --workers N                        worker threads sharing one packed lattice [1]
  --format table|json|csv            output format [${RUN_DEFAULTS.format}]

Examples:
  criticality run --size 32 --temperature 2.3 --sweeps 100000 --format json
  criticality run --lattice cubic --size 16 --beta 0.221654626 --algorithm wolff --sweeps 20000
  criticality rg --size 64 --temperature tc --samples 20000 --every 5 --format json
  criticality landau --size 32 --temperature 2.0 --sweeps 50000
  criticality run --size 128 --algorithm wolff --clusters-per-step 10 --sweeps 20000
  criticality dynamics --sizes 8,16,32,64 --algorithms metropolis,wolff
  criticality multicanonical --q 10 --size 24
  criticality sweep --sizes 8,16,32 --temperatures 2.0:2.6:0.05 --sweeps 20000 --format csv
  criticality sweep --sizes 16,32 --temperatures 2.2:2.4:0.05 --redis redis://127.0.0.1:6379 --local-workers 2
  criticality worker --redis redis://10.0.0.5:6379 --concurrency 4

${SWEEP_USAGE}
${WORKER_USAGE}
${SHOWCASE_USAGE}
${RG_USAGE}
${DYNAMICS_USAGE}
${HYSTERESIS_USAGE}
${MULTICANONICAL_USAGE}
${LANGUAGE_USAGE}`;

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
  const sim = await createSimulation(simulationOptionsFromFlags(flags));
  try {
    const measurement = sim.measure({ thermalize, sweeps });
    const exact = exactReference(measurement.size, measurement.temperature, measurement.field, measurement);
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
      case 'rg':
        return await rgCommand(rest, io, USAGE);
      case 'landau':
        return await landauCommand(rest, io, USAGE);
      case 'dynamics':
        return await dynamics(rest, io);
      case 'hysteresis':
        return await hysteresisCommand(rest, io);
      case 'multicanonical':
        return await multicanonicalCommand(rest, io);
      case 'language':
        return await languageCommand(rest, io);
      case 'worker':
        return await workerCommand(rest, io);
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
        throw new InvalidOptionError(
          'command',
          command,
          'one of run, sweep, showcase, hysteresis, multicanonical, dynamics, rg, landau, language, worker, help, version',
        );
    }
  } catch (error) {
    if (error instanceof InvalidOptionError) {
      // API option names become the flags the user typed: "size" -> "--size".
      const flag = OPTION_FLAGS[error.option] ?? error.option;
      const flagged =
        flag in RUN_FLAGS ||
        (command === 'dynamics' && flag in DYNAMICS_FLAGS) ||
        (command === 'hysteresis' && flag in HYSTERESIS_FLAGS) ||
        (command === 'multicanonical' && flag in MULTICANONICAL_FLAGS)
          ? new InvalidOptionError(`--${flag}`, error.value, error.expected)
          : error;
      io.stderr(`criticality: ${flagged.message}\n`);
      return 2;
    }
    io.stderr(`criticality: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return 1;
  }
}
