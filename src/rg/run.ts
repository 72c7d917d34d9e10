/**
 * rgFlow: runs a simulation, coarse-grains every sampled configuration into a block pyramid
 * and returns the RG flow of observables per level, the pattern entropy per scale and the MCRG
 * exponents, all with error bars from one common binning of the run.
 */
import { InvalidOptionError } from '../errors.js';
import type { BlockRule } from '../backend/rg-types.js';
import type { Measurement, Observable } from '../measure.js';
import type { Simulation } from '../simulation.js';
import { BLOCK_OPTION_KEYS, checkBlockLattice, checkKeys, normalizeBlockOptions, type BlockSpinOptions } from './blockspin.js';
import { analyzeEntropy, type PatternEntropy } from './entropy.js';
import { analyzeFlow, commonBinSize, flowSeries, type RgLevelFlow } from './flow.js';
import { analyzeMcrg, type McrgResult } from './mcrg.js';
import { checkRunOptions, sampleRg } from './sample.js';
import { sampleRgPotts } from './potts.js';
import { POTTS_MAX_PATTERNS } from '../models/potts/kernel.js';
import type { Model } from '../vocabulary.js';

/** Options of {@link rgFlow}. */
export interface RgOptions extends BlockSpinOptions {
  /** Configurations analysed: an integer >= 2 (bounded by memory: samples x (levels + 1) x 7 values). */
  samples: number;
  /** Sweeps between two analysed configurations. @default 1 */
  every?: number;
  /** Sweeps run first and discarded. @default 0 */
  thermalize?: number;
  /** Count the b x b block configurations for the pattern entropy (b <= 3 only). @default true */
  patterns?: boolean;
}

/** One level of the flow: observables, and the entropy of the blocks this level is cut into (levels 0..K-1, b <= 3). */
export interface RgLevel extends RgLevelFlow {
  patternEntropy?: PatternEntropy;
}

/** How the flow runs between level 1 and the last level (see {@link flowDirection}). */
export type FlowDirection = 'ordered' | 'disordered' | 'critical' | 'undetermined';

/** The run's parameters, as in a {@link Measurement}. */
export type RunParameters = Pick<Measurement, 'lattice' | 'size' | 'temperature' | 'beta' | 'field' | 'algorithm' | 'backend' | 'seed'>;

export interface RgResult extends RunParameters {
  blockSize: number;
  rule: BlockRule;
  levels: number;
  /** Seed of the RG stream (majority ties). */
  rgSeed: number;
  thermalize: number;
  samples: number;
  every: number;
  /** Observables per level, level 0 first. */
  flow: RgLevel[];
  /** Where the flow goes, judged from the nearest-neighbour correlation (see {@link flowDirection}). */
  direction: FlowDirection;
  /** MCRG exponents per level transition and operator count (Ising only: its operators are those of the spin-flip symmetry). */
  mcrg?: McrgResult;
  /** The model, and the Potts q. */
  model: Model;
  q?: number;
  /** Majority ties broken over the run. */
  ties: number;
  /** Common bin length (samples) and number of bins of every error bar. */
  binSize: number;
  bins: number;
  warnings: string[];
}

const RG_KEYS = [...BLOCK_OPTION_KEYS, 'samples', 'every', 'thermalize', 'patterns'];

/** Significance (in standard errors) a change of the nn odds must have to count as a flow. */
const FLOW_Z = 4;
/** Per-level change of ln(g / (1 - g)) that separates a flow from staying put: ln sqrt 2. */
const FLOW_RATE = Math.log(2) / 2;

/**
 * Direction of the flow, from the nearest-neighbour correlation g_k = <s_i s_j> of the levels:
 * with the odds r_k = g_k / (1 - g_k) (0 at the disordered fixed point g = 0, infinite at the
 * ordered one g = 1), the mean change per level d = (ln r_K - ln r_1) / (K - 1) between level 1
 * and the last level K (level 0 is left out: the first block step moves g even at Tc).
 * `ordered` when d > ln sqrt 2 and the change is larger than 4 standard errors, `disordered` when
 * d < -ln sqrt 2 likewise, `critical` when |d| < ln sqrt 2 (r changes by less than a factor
 * sqrt 2 per level: the block lattices look alike at every scale), else `undetermined`;
 * `undetermined` too with fewer than 2 block levels.
 */
export function flowDirection(flow: RgLevelFlow[]): FlowDirection {
  const K = flow.length - 1;
  if (K < 2) return 'undetermined';
  const logOdds = (g: Observable) => ({
    value: g.mean >= 1 ? Infinity : g.mean <= 0 ? -Infinity : Math.log(g.mean / (1 - g.mean)),
    error: g.error / (g.mean * (1 - g.mean)),
  });
  const first = logOdds(flow[1].nn);
  const last = logOdds(flow[K].nn);
  const change = last.value - first.value;
  if (Number.isNaN(change)) return 'undetermined';
  const rate = change / (K - 1);
  if (Math.abs(rate) < FLOW_RATE) return 'critical';
  const error = Math.hypot(first.error, last.error);
  if (!Number.isFinite(change) || Math.abs(change) > FLOW_Z * error) return change > 0 ? 'ordered' : 'disordered';
  return 'undetermined';
}

/**
 * Merges the per-series warnings of the statistics layer ("name: message") that say the same
 * thing about many series into one line naming them (the first three, then how many more).
 */
export function mergeWarnings(warnings: string[]): string[] {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const w of warnings) {
    const match = /^(level\d+\.\w+): (.*)$/s.exec(w);
    const key = match ? match[2] : w;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    if (match) groups.get(key)!.push(match[1]);
  }
  return order.map((message) => {
    const names = groups.get(message)!;
    if (names.length === 0) return message;
    if (names.length === 1) return `${names[0]}: ${message}`;
    const shown = names.slice(0, 3).join(', ');
    return `${message} (${names.length} series: ${shown}${names.length > 3 ? `, and ${names.length - 3} more` : ''})`;
  });
}

/**
 * Runs `sim` (thermalize, then `samples` x `every` sweeps) and analyses the block pyramid of
 * every sampled configuration. The simulation's trajectory is the one it would follow without
 * the analysis: majority ties draw from the separate RG stream. Every option is validated
 * before any sweep (InvalidOptionError naming the field).
 *
 * @example
 * const sim = await createSimulation({ size: 64, temperature: CRITICAL_TEMPERATURE, seed: 1 });
 * const rg = rgFlow(sim, { thermalize: 2000, samples: 20000, every: 5 });
 * rg.flow.map((l) => l.binder);            // U4 per level
 * rg.mcrg.thermal.filter((e) => e.state === 'estimated').map((e) => e.exponent);  // y_t
 */
export function rgFlow(sim: Simulation<'ising'>, options: RgOptions): RgResult & { mcrg: McrgResult };
export function rgFlow(sim: Simulation<Model>, options: RgOptions): RgResult;
export function rgFlow(sim: Simulation<Model>, options: RgOptions): RgResult {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('rg options', options, 'an object like { samples: 10000 }');
  checkKeys(options, RG_KEYS);
  const block = normalizeBlockOptions(sim.options.size, sim.options.seed, options, checkBlockLattice(sim));
  const { samples, every, thermalize } = checkRunOptions(block, options);
  const patterns = options.patterns ?? true;
  if (typeof patterns !== 'boolean') throw new InvalidOptionError('patterns', patterns, 'true or false');

  const potts = sim.options.model === 'potts';
  const data = potts ? sampleRgPotts(sim, block, { samples, every, thermalize, patterns }) : sampleRg(sim, block, { samples, every, thermalize, patterns });
  const series = flowSeries(data);
  const binSize = commonBinSize(series, samples, data.patterns?.chunk ?? 1);
  const { flow, warnings } = analyzeFlow(data, series, binSize);
  const entropy = analyzeEntropy(data, binSize);
  const mcrg = potts ? undefined : analyzeMcrg(data, binSize);
  if (block.levels < 2) warnings.push(`the flow direction needs at least 2 block levels (levels = ${block.levels}): direction is undetermined`);
  if (patterns && !entropy) {
    warnings.push(
      potts
        ? `pattern entropy needs at most ${POTTS_MAX_PATTERNS} block configurations (q^(b^${block.dimension})): not computed for q = ` +
            `${sim.options.q}, b = ${block.blockSize}`
        : block.dimension === 3
          ? `pattern entropy needs blocks of 2 x 2 x 2 on the cubic lattice (2^8 configurations): not computed for b = ${block.blockSize}`
          : `pattern entropy needs blocks of at most 3 x 3 (2^9 configurations): not computed for b = ${block.blockSize}`,
    );
  }
  const { model, q, lattice, size, temperature, beta, field, algorithm, seed } = sim.options;
  return {
    model,
    ...(q === undefined ? {} : { q }),
    lattice,
    size,
    temperature,
    beta,
    field,
    algorithm,
    backend: sim.backend,
    seed,
    blockSize: block.blockSize,
    rule: block.rule,
    levels: block.levels,
    rgSeed: block.seed,
    thermalize,
    samples,
    every,
    flow: flow.map((level, k) => (entropy?.[k] ? { ...level, patternEntropy: entropy[k] } : level)),
    direction: flowDirection(flow),
    ...(mcrg ? { mcrg } : {}),
    ties: data.ties,
    binSize,
    bins: Math.floor(samples / binSize),
    warnings: [...mergeWarnings(warnings), ...(mcrg?.warnings ?? [])],
  };
}
