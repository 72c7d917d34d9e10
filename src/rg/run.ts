/**
 * rgFlow: runs a simulation, coarse-grains every sampled configuration into a block pyramid
 * and returns the RG flow of observables per level, the pattern entropy per scale and the MCRG
 * exponents, all with error bars from one common binning of the run.
 */
import { InvalidOptionError } from '../errors.js';
import { RG_OPERATORS, type BlockRule } from '../backend/rg-types.js';
import type { Measurement, Observable } from '../measure.js';
import { kernelOf, type Simulation } from '../simulation.js';
import { BLOCK_OPTION_KEYS, checkBlockLattice, checkKeys, normalizeBlockOptions, type BlockSpinOptions } from './blockspin.js';
import { analyzeEntropy, type PatternEntropy } from './entropy.js';
import { analyzeFlow, commonBinSize, flowSeries, type RgLevelFlow } from './flow.js';
import { analyzeMcrg, type McrgResult } from './mcrg.js';
import { isContinuous, type ContinuousModel } from './continuous.js';
import { continuousFlow, CONTINUOUS_SERIES, type ContinuousRgLevel } from './continuous-flow.js';
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
  /**
   * Count the b x b block configurations for the pattern entropy (b <= 3 only; Ising and Potts: the
   * continuous-spin models have no discrete block configurations, and `true` is an error there).
   * @default true for Ising and Potts, false for the continuous-spin models
   */
  patterns?: boolean;
}

/** One level of the flow: observables, and the entropy of the blocks this level is cut into (levels 0..K-1, b <= 3). */
export interface RgLevel extends RgLevelFlow {
  patternEntropy?: PatternEntropy;
}

/** How the flow runs between level 1 and the last level (see {@link flowDirection}). */
export type FlowDirection = 'ordered' | 'disordered' | 'critical' | 'fixed-line' | 'undetermined';

/** The run's parameters, as in a {@link Measurement}. */
export type RunParameters = Pick<Measurement, 'lattice' | 'size' | 'temperature' | 'beta' | 'field' | 'algorithm' | 'backend' | 'seed'>;

/** What every RG run returns, with `Level` the observables of one level. */
export interface RgRunResult<Level> extends RunParameters {
  blockSize: number;
  rule: BlockRule;
  levels: number;
  /** Seed of the RG stream (majority ties). */
  rgSeed: number;
  thermalize: number;
  samples: number;
  every: number;
  /** Observables per level, level 0 first. */
  flow: Level[];
  /** Where the flow goes, judged from the nearest-neighbour correlation (see {@link flowDirection}). */
  direction: FlowDirection;
  /** The model, and the Potts or clock q. */
  model: Model;
  q?: number;
  /** Majority ties broken over the run (clock: tied clock states; XY, Heisenberg: zero block sums). */
  ties: number;
  /** Common bin length (samples) and number of bins of every error bar. */
  binSize: number;
  bins: number;
  warnings: string[];
}

/** The RG run of the Ising and Potts models. */
export interface RgResult extends RgRunResult<RgLevel> {
  /** MCRG exponents per level transition and operator count (Ising only: its operators are those of the spin-flip symmetry). */
  mcrg?: McrgResult;
}

/**
 * The RG run of the continuous-spin models (XY, clock, Heisenberg, phi^4): block spins by normalised
 * block sums (phi^4: block averages), src/rg/continuous.ts; observables per level: src/rg/continuous-flow.ts.
 */
export interface ContinuousRgResult extends RgRunResult<ContinuousRgLevel> {
  model: ContinuousModel;
}

const RG_KEYS = [...BLOCK_OPTION_KEYS, 'samples', 'every', 'thermalize', 'patterns'];

/**
 * Thresholds of {@link flowDirection}: the flow counts as `critical` when the mean change per level
 * d of the log-odds of the nearest-neighbour correlation lies within `halfWidth` of `centre`, and as
 * `ordered` (`disordered`) when it lies above (below) that band by more than `z` standard errors.
 */
export interface FlowThresholds {
  /** The d of the critical flow (0 when the block lattices at T_c look alike at every scale). */
  readonly centre: number;
  /** Half-width of the critical band of d around `centre`. */
  readonly halfWidth: number;
  /** Significance (in standard errors) the distance of d from `centre` must have to count as a flow. */
  readonly z: number;
}

/**
 * The thresholds per lattice (2 x 2 and 2 x 2 x 2 majority blocks, default levels).
 * Square: the band |d| < ln sqrt 2 (r changes by less than a factor sqrt 2 per level), tuned on
 * the square lattice (docs/rg-landau.md, "RG flow"). Cubic: at beta_c the 2 x 2 x 2 flow drifts up,
 * d = 0.36, 0.25, 0.19 (+- 0.01 .. 0.02) at L = 16, 32, 64 (the nearest-neighbour Hamiltonian at
 * beta_c lies far from the fixed point, whose irrelevant directions die out slowly in 3D, and the
 * last level, 4 x 4 x 4, sits at g = 0.45), so the band is centred on d = 0.3 with the square
 * lattice's half-width ln sqrt 2; with the square band beta_c itself reads `ordered` at L = 16
 * (scripts/validate-rg-flow-cubic.ts; docs/rg-landau.md, "Flow direction on the cube").
 */
export const FLOW_THRESHOLDS: Readonly<Record<'square' | 'cubic', FlowThresholds>> = Object.freeze({
  square: Object.freeze({ centre: 0, halfWidth: Math.log(2) / 2, z: 4 }),
  cubic: Object.freeze({ centre: 0.3, halfWidth: Math.log(2) / 2, z: 4 }),
});

/**
 * The mean change per level d = (ln r_K - ln r_1) / (K - 1) of the odds r_k = g_k / (1 - g_k) of
 * the nearest-neighbour correlation g_k, with its error (undefined with fewer than 2 block levels).
 * Infinite when a level is perfectly ordered (g = 1) or disordered (g = 0); NaN when both are.
 */
export function flowRate(flow: readonly { nn: Observable }[]): { rate: number; error: number } | undefined {
  const K = flow.length - 1;
  if (K < 2) return undefined;
  const logOdds = (g: Observable) => ({
    value: g.mean >= 1 ? Infinity : g.mean <= 0 ? -Infinity : Math.log(g.mean / (1 - g.mean)),
    error: g.error / (g.mean * (1 - g.mean)),
  });
  const first = logOdds(flow[1].nn);
  const last = logOdds(flow[K].nn);
  return { rate: (last.value - first.value) / (K - 1), error: Math.hypot(first.error, last.error) / (K - 1) };
}

/**
 * Direction of the flow, from the nearest-neighbour correlation g_k = <s_i s_j> of the levels:
 * with the odds r_k = g_k / (1 - g_k) (0 at the disordered fixed point g = 0, infinite at the
 * ordered one g = 1), the mean change per level d = (ln r_K - ln r_1) / (K - 1) between level 1
 * and the last level K (level 0 is left out: the first block step moves g even at Tc).
 * `critical` when |d - centre| < halfWidth (the block lattices look alike at every scale, up to
 * the lattice's measured drift `centre`), `ordered` when d lies above that band and d - centre
 * exceeds z standard errors, `disordered` when below it likewise or when g of level 1 and of the
 * last level are both within z standard errors of 0 (the disordered fixed point), else `undetermined`;
 * `undetermined` too with fewer than 2 block levels. The default thresholds are those of the
 * square lattice ({@link FLOW_THRESHOLDS}); rgFlow uses those of the simulation's lattice.
 */
export function flowDirection(flow: readonly { nn: Observable }[], thresholds: FlowThresholds = FLOW_THRESHOLDS.square): FlowDirection {
  const d = flowRate(flow);
  if (!d) return 'undetermined';
  // at the disordered fixed point already: g of level 1 and of the last level both indistinguishable from 0
  const zero = (g: Observable) => Math.abs(g.mean) <= thresholds.z * g.error;
  if (zero(flow[1].nn) && zero(flow[flow.length - 1].nn)) return 'disordered';
  if (Number.isNaN(d.rate)) return 'undetermined';
  const offset = d.rate - thresholds.centre;
  if (Math.abs(offset) < thresholds.halfWidth) return 'critical';
  if (!Number.isFinite(offset) || Math.abs(offset) > thresholds.z * d.error) return offset > 0 ? 'ordered' : 'disordered';
  return 'undetermined';
}

/**
 * The direction of a continuous-spin model's flow. In two dimensions the XY model, the O(2) phi^4
 * field and the clock model with q >= 5 (between its two transitions) have a low-temperature
 * phase that is a line of fixed points (Kosterlitz and Thouless 1973; Jose, Kadanoff, Kirkpatrick
 * and Nelson 1977): the block lattices look alike at every scale at every temperature below T_BKT,
 * so a flow that stays put is reported as `fixed-line` (on the BKT line, at or below T_BKT), not as
 * one critical point. Everything else as {@link flowDirection} says.
 */
export function continuousDirection(options: { model: Model; q?: number }, dimension: 2 | 3, direction: FlowDirection): FlowDirection {
  const planar = options.model === 'xy' || options.model === 'phi4' || (options.model === 'clock' && (options.q ?? 0) >= 5);
  return dimension === 2 && planar && direction === 'critical' ? 'fixed-line' : direction;
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
export function rgFlow(sim: Simulation<'potts'>, options: RgOptions): RgResult;
export function rgFlow(sim: Simulation<ContinuousModel>, options: RgOptions): ContinuousRgResult;
export function rgFlow(sim: Simulation<Model>, options: RgOptions): RgResult | ContinuousRgResult;
export function rgFlow(sim: Simulation<Model>, options: RgOptions): RgResult | ContinuousRgResult {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('rg options', options, 'an object like { samples: 10000 }');
  checkKeys(options, RG_KEYS);
  const block = normalizeBlockOptions(sim.options.size, sim.options.seed, options, checkBlockLattice(sim));
  const continuous = isContinuous(sim.options.model);
  const { samples, every, thermalize } = checkRunOptions(block, options, continuous ? CONTINUOUS_SERIES : RG_OPERATORS);
  const patterns = options.patterns ?? !continuous;
  if (typeof patterns !== 'boolean') throw new InvalidOptionError('patterns', patterns, 'true or false');
  if (continuous && patterns) {
    throw new InvalidOptionError(
      'patterns',
      patterns,
      `false or omitted for model "${sim.options.model}" (the pattern entropy counts the configurations of blocks of discrete spins)`,
    );
  }
  const thresholds = FLOW_THRESHOLDS[block.dimension === 3 ? 'cubic' : 'square'];
  const run = { samples, every, thermalize };
  const parameters = () => {
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
    };
  };
  const shallow = `the flow direction needs at least 2 block levels (levels = ${block.levels}): direction is undetermined`;

  if (continuous) {
    kernelOf(sim, 'rgFlow');
    const { flow, ties, binSize, warnings } = continuousFlow(sim, block, run);
    if (block.levels < 2) warnings.push(shallow);
    return {
      ...parameters(),
      model: sim.options.model as ContinuousModel,
      flow,
      direction: continuousDirection(sim.options, block.dimension, flowDirection(flow, thresholds)),
      ties,
      binSize,
      bins: Math.floor(samples / binSize),
      warnings: mergeWarnings(warnings),
    };
  }
  const potts = sim.options.model === 'potts';
  const data = potts ? sampleRgPotts(sim, block, { samples, every, thermalize, patterns }) : sampleRg(sim, block, { samples, every, thermalize, patterns });
  const series = flowSeries(data);
  const binSize = commonBinSize(series, samples, data.patterns?.chunk ?? 1);
  const { flow, warnings } = analyzeFlow(data, series, binSize);
  const entropy = analyzeEntropy(data, binSize);
  const mcrg = potts ? undefined : analyzeMcrg(data, binSize);
  if (block.levels < 2) warnings.push(shallow);
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
  return {
    ...parameters(),
    flow: flow.map((level, k) => (entropy?.[k] ? { ...level, patternEntropy: entropy[k] } : level)),
    direction: flowDirection(flow, thresholds),
    ...(mcrg ? { mcrg } : {}),
    ties: data.ties,
    binSize,
    bins: Math.floor(samples / binSize),
    warnings: [...mergeWarnings(warnings), ...(mcrg?.warnings ?? [])],
  };
}
