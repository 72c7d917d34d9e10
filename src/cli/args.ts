/** Command-line flag parsing on top of node:util parseArgs, with typed errors that name the flag. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InvalidOptionError } from '../errors.js';
import { CRITICAL_TEMPERATURE } from '../exact/index.js';
import { ALGORITHMS, BACKENDS, CLUSTER_ALGORITHMS, LATTICES, LAYOUTS, MODELS, STARTS, type Lattice, type Model, type SimulationOptions } from '../options.js';
import { modelDefinition } from '../models/index.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags of the measuring commands besides the simulation options: thermalization, sweeps, output. */
export const MEASURE_FLAGS: FlagSpec = {
  thermalize: { type: 'string' },
  sweeps: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses argv against `spec`; unknown flags and missing values become InvalidOptionError. */
export function parseFlags(argv: string[], spec: FlagSpec): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: joinNegativeValues(argv, spec), options: spec, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const flag = /'(-[^']*)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new InvalidOptionError(
        flag || 'flag',
        flag,
        `one of ${Object.keys(spec)
          .map((f) => `--${f}`)
          .join(', ')} (unknown flag)`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = /'([^']*)'/.exec(message)?.[1] ?? '';
      throw new InvalidOptionError('argument', arg, 'flags of the form --name value (unexpected argument)');
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new InvalidOptionError(flag || 'flag', undefined, 'a value after the flag');
    }
    throw error;
  }
}

/**
 * parseArgs refuses a value that starts with "-" ("--field -0.5"); a number is never a flag,
 * so "--name -0.5" becomes "--name=-0.5" for string-valued flags.
 */
function joinNegativeValues(argv: string[], spec: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (name && spec[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/**
 * A number flag: the whole string must be a number. For temperatures "tc" means the critical
 * temperature `tc()` gives (Onsager's unless the model's is passed).
 */
export function numberFlag(
  flag: string,
  text: string | boolean | undefined,
  expected = 'a number',
  tc: () => number = () => CRITICAL_TEMPERATURE,
): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw new InvalidOptionError(`--${flag}`, text, expected);
  if (flag === 'temperature' && text.trim().toLowerCase() === 'tc') return tc();
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isNaN(value)) throw new InvalidOptionError(`--${flag}`, text, expected);
  return value;
}

/** A string flag restricted to `allowed`. */
export function choiceFlag<T extends string>(flag: string, text: string | boolean | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string' && (allowed as readonly string[]).includes(text)) return text as T;
  throw new InvalidOptionError(`--${flag}`, text, `one of ${allowed.join(', ')}`);
}

/** The flags every simulating command shares, read by {@link simulationOptionsFromFlags}. */
export const SIMULATION_FLAGS: FlagSpec = {
  model: { type: 'string' },
  lattice: { type: 'string' },
  q: { type: 'string' },
  size: { type: 'string' },
  temperature: { type: 'string' },
  beta: { type: 'string' },
  field: { type: 'string' },
  algorithm: { type: 'string' },
  'clusters-per-step': { type: 'string' },
  'hybrid-sweeps': { type: 'string' },
  'hybrid-cluster': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  start: { type: 'string' },
  layout: { type: 'string' },
  workers: { type: 'string' },
  'over-relaxation': { type: 'string' },
  lambda: { type: 'string' },
};

/** The critical temperature of the model the flags name on their lattice (checking q as the model does, named as the flag --q). */
export function modelCriticalTemperature(model: Model | undefined, q: number | undefined, lattice?: Lattice, lambda?: number): number {
  const definition = modelDefinition(model ?? 'ising');
  try {
    return definition.criticalTemperature(definition.parameters({ q, ...(lambda === undefined ? {} : { lambda }) }), lattice);
  } catch (error) {
    if (error instanceof InvalidOptionError) throw new InvalidOptionError(`--${error.option}`, error.value, error.expected);
    throw error;
  }
}

/** Simulation options from the flags every simulating command shares (--model ... --start); --temperature and --beta exclude each other. */
export function simulationOptionsFromFlags(flags: Record<string, string | boolean | undefined>): SimulationOptions {
  if (flags.temperature !== undefined && flags.beta !== undefined) {
    throw new InvalidOptionError('--beta', flags.beta, `no --beta when --temperature is given (--temperature ${flags.temperature})`);
  }
  const model = choiceFlag('model', flags.model, MODELS);
  const lattice = choiceFlag('lattice', flags.lattice, LATTICES);
  const q = numberFlag('q', flags.q, 'an integer from 2 to 256 (the number of Potts or clock states)');
  const overRelaxation = numberFlag('over-relaxation', flags['over-relaxation'], 'an integer from 0 to 64 (XY: reflection sweeps after each Metropolis sweep)');
  const lambda = numberFlag('lambda', flags.lambda, 'a number > 0 (the phi^4 quartic coupling)');
  return {
    model,
    ...(lattice === undefined ? {} : { lattice }),
    ...(q === undefined ? {} : { q }),
    ...(overRelaxation === undefined ? {} : { overRelaxation }),
    ...(lambda === undefined ? {} : { lambda }),
    size: numberFlag('size', flags.size, 'an even integer from 2 to 32766 (894 on the cubic lattice)'),
    temperature: numberFlag('temperature', flags.temperature, 'a number > 0 or "tc"', () => modelCriticalTemperature(model, q, lattice, lambda)),
    beta: numberFlag('beta', flags.beta, 'a number > 0'),
    field: numberFlag('field', flags.field),
    algorithm: choiceFlag('algorithm', flags.algorithm, ALGORITHMS),
    clustersPerStep: numberFlag('clusters-per-step', flags['clusters-per-step'], 'an integer >= 1'),
    hybridSweeps: numberFlag('hybrid-sweeps', flags['hybrid-sweeps'], 'an integer >= 1'),
    hybridCluster: choiceFlag('hybrid-cluster', flags['hybrid-cluster'], CLUSTER_ALGORITHMS),
    seed: numberFlag('seed', flags.seed, 'an integer from 0 to 2^53 - 1'),
    backend: choiceFlag('backend', flags.backend, BACKENDS),
    start: choiceFlag('start', flags.start, STARTS),
    layout: choiceFlag('layout', flags.layout, LAYOUTS),
    workers: numberFlag('workers', flags.workers, 'an integer from 1 to 64'),
  };
}
