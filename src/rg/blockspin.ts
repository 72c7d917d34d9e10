/**
 * Block spins: options of the coarse-graining, and the pyramid of block lattices of one
 * configuration, either in place on a simulation's lattice (WebAssembly or JavaScript kernel)
 * or from a lattice given as an array (the JavaScript twin): Ising spins as an Int8Array
 * ({@link coarseGrain}, {@link coarseGrainCubic}), Potts states as a Uint8Array ({@link coarseGrainPotts}).
 *
 * A pyramid has levels 0 (the lattice, L x L), 1 (L/b x L/b), ..., K (L/b^K x L/b^K); every
 * level is a periodic byte lattice of +1/-1, row-major. On the simple cubic lattice (Ising) the
 * blocks are b x b x b and level k is (L/b^k)^3, site (z L' + y) L' + x. See assembly/rg.ts for
 * the rules and the order of the random draws that break majority ties.
 */
import { BLOCK_RULES, countsPatterns, type BlockRule, type BlockSpinKernel } from '../backend/rg-types.js';
import { coarsen, coarsen3 } from '../models/ising/rg-js.js';
import { InvalidOptionError } from '../errors.js';
import { checkSeed, oneOf } from '../validate.js';
import { childSeed, seedState, Xoshiro128 } from '../rng.js';
import { kernelOf, type Simulation } from '../simulation.js';
import type { Model, SpinsOf } from '../vocabulary.js';
import type { SpinArray } from '../models/model.js';
import { PottsModelKernel } from '../models/potts/model-kernel.js';
import { checkQ, type PottsBlockSpinKernel } from '../models/potts/kernel.js';
import { coarsenPotts } from '../models/potts/kernel-js.js';
import { checkVectorSpins, isContinuous, pyramidLattices, rgStream, vectorPyramid, vectorSpins, type ContinuousModel } from './continuous.js';
import { CLOCK_MAX_Q } from '../models/clock/exact.js';

/**
 * Index of the RG stream among the children of the simulation's seed: tie-breaking draws come
 * from childSeed(seed, RG_STREAM), far from the indices 0, 1, 2, ... used for workers and replicas.
 */
export const RG_STREAM = 2 ** 52 + 0x5247;

/** Options of the block-spin transformation. */
export interface BlockSpinOptions {
  /** Linear block size b: an integer >= 2 that divides L (b^levels must divide L). @default 2 */
  blockSize?: number;
  /**
   * `'majority'` (sign of the block sum, ties broken by the RG stream; for the continuous-spin models the
   * normalised block sum, the nearest clock state, or the phi^4 block average: src/rg/continuous.ts) or
   * `'decimation'` (the block's corner spin). @default 'majority'
   */
  rule?: BlockRule;
  /**
   * Number of block levels K (1 .. the deepest level whose lattice is still at least 2 x 2).
   * @default the deepest level whose lattice is at least 4 x 4 (or 2 x 2 when no level is that large)
   */
  levels?: number;
  /** Seed of the RG stream that breaks majority ties: an integer in [0, 2^53 - 1]. @default childSeed(simulation seed, RG_STREAM) */
  seed?: number;
}

/** Block-spin options after validation. */
export interface NormalizedBlockOptions {
  readonly blockSize: number;
  readonly rule: BlockRule;
  readonly levels: number;
  readonly seed: number;
  /** Linear size of every level, sizes[0] = L. */
  readonly sizes: readonly number[];
  /** Spatial dimension d of every level (2 square, 3 cubic): a level of linear size n has n^d sites. */
  readonly dimension: 2 | 3;
}

/** Deepest level K such that b^K divides L and L / b^K >= minSize (0 if none). */
export function deepestLevel(size: number, blockSize: number, minSize = 2): number {
  let k = 0;
  for (let n = size; n % blockSize === 0 && n / blockSize >= minSize; n /= blockSize) k++;
  return k;
}

/** Throws InvalidOptionError for keys not in `known`. */
export function checkKeys(options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known option (unknown option "${key}"; known: ${known.join(', ')})`);
    }
  }
}

export const BLOCK_OPTION_KEYS = ['blockSize', 'rule', 'levels', 'seed'] as const;

/** Validates block-spin options for an L x L lattice (L x L x L with `dimension` 3) whose simulation seed is `simulationSeed`. */
export function normalizeBlockOptions(size: number, simulationSeed: number, options: BlockSpinOptions = {}, dimension: 2 | 3 = 2): NormalizedBlockOptions {
  const shape = (n: number) => (dimension === 3 ? `${n} x ${n} x ${n}` : `${n} x ${n}`);
  const b = options.blockSize ?? 2;
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 2 || size % b !== 0 || size / b < 2) {
    const divisors = Array.from({ length: size }, (_, i) => i + 1).filter((d) => d >= 2 && size % d === 0 && size / d >= 2);
    throw new InvalidOptionError(
      'blockSize',
      b,
      divisors.length > 0
        ? `an integer >= 2 that divides the lattice size ${size} and leaves a block lattice of at least ${shape(2)} (one of ${divisors.join(', ')})`
        : `an integer >= 2 that divides the lattice size ${size} and leaves a block lattice of at least ${shape(2)} (none exists for L = ${size})`,
    );
  }
  const rule = oneOf('rule', options.rule ?? 'majority', BLOCK_RULES);
  const deepest = deepestLevel(size, b);
  const levels = options.levels ?? Math.max(1, deepestLevel(size, b, 4));
  if (typeof levels !== 'number' || !Number.isInteger(levels) || levels < 1 || levels > deepest) {
    throw new InvalidOptionError(
      'levels',
      levels,
      `an integer from 1 to ${deepest} (${size} -> ${size / b ** deepest} with blocks of ${b}: b^levels must divide L and leave at least ${shape(2)})`,
    );
  }
  const seed = options.seed === undefined ? childSeed(simulationSeed, RG_STREAM) : checkSeed(options.seed, 'seed');
  const sizes = Array.from({ length: levels + 1 }, (_, k) => size / b ** k);
  return Object.freeze({ blockSize: b, rule, levels, seed, sizes: Object.freeze(sizes), dimension });
}

/** One configuration and its block lattices (Ising spins as Int8Array, Potts states as Uint8Array). */
export interface BlockPyramid<S extends SpinArray = Int8Array> {
  blockSize: number;
  rule: BlockRule;
  /** Seed the RG stream started from. */
  seed: number;
  /** Linear size of every level, sizes[0] = L. */
  sizes: number[];
  /** lattices[k]: level k as a copy, row-major (Ising +1 / -1 as Int8Array, Potts states as Uint8Array; lattices[0] is the configuration itself). */
  lattices: S[];
  /** Number of majority ties broken by the RG stream. */
  ties: number;
}

/**
 * The dimension of the block lattices of `sim`: b x b blocks of the square lattice (2), b x b x b
 * blocks of the simple cubic lattice (3); anything else is a typed error (never a 2D reading of 3D sites).
 */
export function checkBlockLattice(sim: Simulation<Model>): 2 | 3 {
  const lattice = sim.options.lattice ?? 'square';
  if (lattice === 'square') return 2;
  if (lattice === 'cubic') return 3;
  throw new InvalidOptionError('lattice', lattice, '"square" or "cubic" for block spins and the RG');
}

/** Kernel of `sim` configured for `options`, its RG stream seeded (shared by the RG analyses). */
export function blockKernel(sim: Simulation, options: NormalizedBlockOptions, patterns: boolean, method: string): BlockSpinKernel {
  const kernel = kernelOf(sim, method);
  if (checkBlockLattice(sim) !== options.dimension)
    throw new InvalidOptionError('lattice', sim.options.lattice, `a ${options.dimension}D lattice for these block options`);
  const blocks = kernel.blockSpins?.();
  if (!blocks) {
    throw new InvalidOptionError('model', sim.options.model, 'a model with block spins');
  }
  blocks.configure(options.blockSize, options.levels, patterns && countsPatterns(options.blockSize, options.dimension));
  blocks.setRngState(seedState(options.seed));
  return blocks;
}

/** The Potts block-spin kernel of `sim`, configured and its RG stream seeded. */
export function pottsBlockKernel(
  sim: Simulation<Model>,
  block: NormalizedBlockOptions,
  patterns: boolean,
  method: string,
): { blocks: PottsBlockSpinKernel; q: number } {
  const kernel = kernelOf(sim, method);
  if (checkBlockLattice(sim) !== block.dimension)
    throw new InvalidOptionError('lattice', sim.options.lattice, `a ${block.dimension}D lattice for these block options`);
  if (!(kernel instanceof PottsModelKernel)) throw new InvalidOptionError('simulation', sim.options.model, 'a Potts simulation');
  const blocks = kernel.potts.blockSpins();
  blocks.configure(block.blockSize, block.levels, patterns);
  blocks.setRngState(seedState(block.seed));
  return { blocks, q: kernel.potts.q };
}

/**
 * The block-spin pyramid of the simulation's current configuration, computed in place by its
 * kernel (WebAssembly or JavaScript, bit-identical). The simulation itself is not changed:
 * neither its lattice nor its random stream.
 */
export function blockSpinPyramid<M extends Model>(sim: Simulation<M>, options: BlockSpinOptions = {}): BlockPyramid<SpinsOf<M>> {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('block options', options, 'an object like { blockSize: 2 }');
  checkKeys(options, BLOCK_OPTION_KEYS);
  const o = normalizeBlockOptions(sim.options.size, sim.options.seed, options, checkBlockLattice(sim));
  if (isContinuous(sim.options.model)) {
    kernelOf(sim, 'blockSpinPyramid');
    const spec = vectorSpins(sim.options.model, sim.options.q ?? 0);
    const pyramid = vectorPyramid(spec, sim.spins() as Float64Array | Uint8Array, o, rgStream(o.seed));
    const lattices = pyramidLattices(pyramid.levels) as SpinsOf<M>[];
    return { blockSize: o.blockSize, rule: o.rule, seed: o.seed, sizes: [...o.sizes], lattices, ties: pyramid.ties };
  }
  if (sim.options.model === 'potts') {
    const { blocks: potts } = pottsBlockKernel(sim, o, false, 'blockSpinPyramid');
    const ties = potts.build(o.rule);
    const lattices = o.sizes.map((_, k) => potts.readLevel(k)) as SpinsOf<M>[];
    return { blockSize: o.blockSize, rule: o.rule, seed: o.seed, sizes: [...o.sizes], lattices, ties };
  }
  const blocks = blockKernel(sim, o, false, 'blockSpinPyramid');
  const ties = blocks.build(o.rule);
  return {
    blockSize: o.blockSize,
    rule: o.rule,
    seed: o.seed,
    sizes: [...o.sizes],
    lattices: o.sizes.map((_, k) => blocks.readLevel(k)) as SpinsOf<M>[],
    ties,
  };
}

/** Whether every value is +1 or -1 (a plain loop: 10x faster than some() on large lattices). */
function allSpins(spins: Int8Array): boolean {
  for (let i = 0; i < spins.length; i++) if (spins[i] !== 1 && spins[i] !== -1) return false;
  return true;
}

/**
 * The block-spin pyramid of a lattice given as an Int8Array of L*L spins (+1 or -1, row-major,
 * any L >= 2), computed by the JavaScript twin of the kernel. Without `seed` the RG stream is
 * childSeed(1, RG_STREAM), the stream a simulation of seed 1 would use.
 */
export function coarseGrain(spins: Int8Array, options: BlockSpinOptions = {}): BlockPyramid {
  const size = Math.round(Math.sqrt(spins?.length ?? 0));
  if (!(spins instanceof Int8Array) || size < 2 || size * size !== spins.length || !allSpins(spins)) {
    throw new InvalidOptionError(
      'spins',
      spins instanceof Int8Array ? `Int8Array of length ${spins.length}` : spins,
      'an Int8Array of L*L spins (L >= 2), each +1 or -1',
    );
  }
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('block options', options, 'an object like { blockSize: 2 }');
  checkKeys(options, BLOCK_OPTION_KEYS);
  return pyramidOf(
    spins,
    normalizeBlockOptions(size, 1, options),
    (n) => new Int8Array(n),
    (src, n, dst, o, rng) => coarsen(src, n, o.blockSize, dst, o.rule, rng),
  );
}

/** Levels 1 .. K of `lattice` by `coarsenLevel` (one RG stream from o.seed through all levels). */
function pyramidOf<S extends Int8Array | Uint8Array>(
  lattice: S,
  o: NormalizedBlockOptions,
  create: (sites: number) => S,
  coarsenLevel: (src: S, n: number, dst: S, o: NormalizedBlockOptions, rng: Xoshiro128) => number,
): BlockPyramid<S> {
  const rng = new Xoshiro128(seedState(o.seed));
  const lattices = [lattice.slice() as S];
  let ties = 0;
  for (let k = 1; k <= o.levels; k++) {
    const next = create(o.sizes[k] ** o.dimension);
    ties += coarsenLevel(lattices[k - 1], o.sizes[k - 1], next, o, rng);
    lattices.push(next);
  }
  return { blockSize: o.blockSize, rule: o.rule, seed: o.seed, sizes: [...o.sizes], lattices, ties };
}

/**
 * The block-spin pyramid of a simple cubic lattice given as an Int8Array of L^3 spins (+1 or -1,
 * site (z L + y) L + x, any L >= 2), computed by the JavaScript twin of the kernel: b x b x b blocks,
 * majority ties drawn from the RG stream in the block order Z, Y, X (X fastest). Without `seed` the
 * RG stream is childSeed(1, RG_STREAM), so that `coarseGrainCubic(sim.spins(), { seed })` equals
 * `blockSpinPyramid(sim, { seed })` of a cubic Ising simulation.
 */
export function coarseGrainCubic(spins: Int8Array, options: BlockSpinOptions = {}): BlockPyramid {
  const size = Math.round(Math.cbrt(spins?.length ?? 0));
  if (!(spins instanceof Int8Array) || size < 2 || size ** 3 !== spins.length || !allSpins(spins)) {
    throw new InvalidOptionError(
      'spins',
      spins instanceof Int8Array ? `Int8Array of length ${spins.length}` : spins,
      'an Int8Array of L*L*L spins (L >= 2), each +1 or -1',
    );
  }
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('block options', options, 'an object like { blockSize: 2 }');
  checkKeys(options, BLOCK_OPTION_KEYS);
  return pyramidOf(
    spins,
    normalizeBlockOptions(size, 1, options, 3),
    (n) => new Int8Array(n),
    (src, n, dst, o, rng) => coarsen3(src, n, o.blockSize, dst, o.rule, rng),
  );
}

/**
 * The block-spin pyramid of a q-state Potts lattice given as a Uint8Array of L*L states (0 .. q - 1,
 * row-major, any L >= 2), computed by the JavaScript twin of the Potts kernel (majority of the q states
 * with ties drawn from the RG stream, or decimation; assembly/potts.ts). Without `seed` the RG stream
 * is childSeed(1, RG_STREAM), the stream a simulation of seed 1 would use, so that
 * `coarseGrainPotts(sim.spins(), q, { seed })` equals `blockSpinPyramid(sim, { seed })`.
 */
export function coarseGrainPotts(states: Uint8Array, q: number, options: BlockSpinOptions = {}): BlockPyramid<Uint8Array> {
  return pottsPyramid(states, q, options, 2);
}

/**
 * The block-spin pyramid of a q-state Potts lattice on the simple cubic lattice, given as a Uint8Array
 * of L^3 states (site (z L + y) L + x, any L >= 2): b x b x b blocks in the block order Z, Y, X, as the
 * kernels build it, so that `coarseGrainPottsCubic(sim.spins(), q, { seed })` equals
 * `blockSpinPyramid(sim, { seed })` of a cubic Potts simulation.
 */
export function coarseGrainPottsCubic(states: Uint8Array, q: number, options: BlockSpinOptions = {}): BlockPyramid<Uint8Array> {
  return pottsPyramid(states, q, options, 3);
}

function pottsPyramid(states: Uint8Array, q: number, options: BlockSpinOptions, dimension: 2 | 3): BlockPyramid<Uint8Array> {
  checkQ(q);
  const count = states?.length ?? 0;
  const size = Math.round(dimension === 3 ? Math.cbrt(count) : Math.sqrt(count));
  if (!(states instanceof Uint8Array) || size < 2 || size ** dimension !== count || states.some((s) => s >= q)) {
    throw new InvalidOptionError(
      'states',
      states instanceof Uint8Array ? `Uint8Array of length ${count}` : states,
      `a Uint8Array of ${dimension === 3 ? 'L*L*L' : 'L*L'} Potts states (L >= 2), each 0 .. ${q - 1}`,
    );
  }
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('block options', options, 'an object like { blockSize: 2 }');
  checkKeys(options, BLOCK_OPTION_KEYS);
  return pyramidOf(
    states,
    normalizeBlockOptions(size, 1, options, dimension),
    (n) => new Uint8Array(n),
    (src, n, dst, o, rng) => coarsenPotts(src, n, o.blockSize, q, dst, o.rule, rng, undefined, 0, dimension),
  );
}

/** Options of {@link coarseGrainContinuous}: the block options, the lattice and the clock model's q. */
export interface ContinuousCoarseGrainOptions extends BlockSpinOptions {
  /** `'square'` (L x L sites) or `'cubic'` (L x L x L). @default 'square' */
  lattice?: 'square' | 'cubic';
  /** The clock model's number of states (clock only). */
  q?: number;
}

/**
 * The block-spin pyramid of a continuous-spin lattice given as `spins()` returns it (XY and phi^4:
 * a Float64Array of (x, y) components; Heisenberg: (x, y, z); clock: a Uint8Array of states
 * 0 .. q - 1; site (z L + y) L + x), computed by the rules of src/rg/continuous.ts: the normalised
 * block sum (XY, Heisenberg), the nearest clock state to the block sum (clock), the block average
 * (phi^4), or decimation. Without `seed` the RG stream is childSeed(1, RG_STREAM), so that
 * `coarseGrainContinuous('xy', sim.spins(), { seed })` equals `blockSpinPyramid(sim, { seed })`.
 */
export function coarseGrainContinuous<M extends ContinuousModel>(
  model: M,
  spins: SpinsOf<M>,
  options: ContinuousCoarseGrainOptions = {},
): BlockPyramid<SpinsOf<M>> {
  if (!isContinuous(model)) throw new InvalidOptionError('model', model, '"xy", "clock", "heisenberg" or "phi4"');
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('block options', options, 'an object like { blockSize: 2 }');
  checkKeys(options, [...BLOCK_OPTION_KEYS, 'lattice', 'q']);
  const { lattice = 'square', q, ...block } = options;
  const dimension = oneOf('lattice', lattice, ['square', 'cubic'] as const) === 'cubic' ? 3 : 2;
  if (model === 'clock' && (typeof q !== 'number' || !Number.isInteger(q) || q < 2 || q > CLOCK_MAX_Q)) {
    throw new InvalidOptionError('q', q, `an integer from 2 to ${CLOCK_MAX_Q} (the number of clock states: model "clock" needs q)`);
  }
  if (model !== 'clock' && q !== undefined) throw new InvalidOptionError('q', q, `no q for model "${model}" (the clock model's number of states)`);
  const spec = vectorSpins(model, q ?? 0);
  const perSite = model === 'clock' ? 1 : spec.components;
  const count = ArrayBuffer.isView(spins) ? (spins as Uint8Array).length / perSite : 0;
  const size = Math.round(dimension === 3 ? Math.cbrt(count) : Math.sqrt(count));
  if (size < 2 || size ** dimension !== count) {
    throw new InvalidOptionError(
      'spins',
      ArrayBuffer.isView(spins) ? `${spins.constructor.name} of length ${(spins as Uint8Array).length}` : spins,
      `the ${model} spins of an L^${dimension} lattice (L >= 2): ${perSite} value(s) a site`,
    );
  }
  const checked = checkVectorSpins(spec, spins, count);
  const o = normalizeBlockOptions(size, 1, block, dimension);
  const pyramid = vectorPyramid(spec, checked, o, rgStream(o.seed));
  return {
    blockSize: o.blockSize,
    rule: o.rule,
    seed: o.seed,
    sizes: [...o.sizes],
    lattices: pyramidLattices(pyramid.levels) as SpinsOf<M>[],
    ties: pyramid.ties,
  };
}
