/**
 * The raw measurements of an RG run: after every `every` sweeps the kernel builds the block
 * pyramid of the current configuration and measures the operator sums of every level (and,
 * for b <= 3, counts the b x b block configurations). Kernels emit integers; src/rg/flow.ts,
 * mcrg.ts and entropy.ts turn them into estimates.
 */
import { countsPatterns, RG_OPERATORS, type BlockRule } from '../backend/rg-types.js';
import { InvalidOptionError } from '../errors.js';
import { checkCount } from '../options.js';
import type { Simulation } from '../simulation.js';
import type { Model } from '../vocabulary.js';
import { blockKernel, type NormalizedBlockOptions } from './blockspin.js';

/** Largest number of stored operator values (samples x (levels + 1) x RG_OPERATORS): 512 MiB of f64. */
export const MAX_RG_VALUES = 2 ** 26;
/** Pattern counts are kept per chunk of samples; at most this many chunks. */
export const PATTERN_CHUNKS = 1024;

export interface RgSamples {
  readonly block: NormalizedBlockOptions;
  /** Number of configurations measured. */
  readonly samples: number;
  /** Operator sums: values[(t * (levels + 1) + k) * RG_OPERATORS + a] for sample t, level k, operator a. */
  readonly values: Float64Array;
  /**
   * Block-configuration counts, summed over chunks of `chunk` consecutive samples:
   * counts[(c * levels + k) * perLevel + code] for chunk c and level k < levels. Absent when b > 3.
   */
  readonly patterns?: { perLevel: number; chunk: number; chunks: number; counts: Float64Array };
  /** Majority ties broken over the run (RG-stream draws). */
  readonly ties: number;
  /** RG stream state after the run. */
  readonly rngState: Uint32Array;
}

/** Options of {@link sampleRg}, validated by the caller except for the counts. */
export interface SampleOptions {
  samples: number;
  every: number;
  thermalize: number;
  patterns: boolean;
}

/** Checks the run-length options (InvalidOptionError naming the field); `perLevel` values are kept per level and sample. */
export function checkRunOptions(
  block: NormalizedBlockOptions,
  options: { samples?: unknown; every?: unknown; thermalize?: unknown },
  perLevel: number = RG_OPERATORS,
): { samples: number; every: number; thermalize: number } {
  const samples = checkCount('samples', options.samples, 2);
  const every = checkCount('every', options.every ?? 1, 1);
  const thermalize = checkCount('thermalize', options.thermalize ?? 0, 0);
  const perSample = (block.levels + 1) * perLevel;
  if (samples * perSample > MAX_RG_VALUES) {
    throw new InvalidOptionError(
      'samples',
      samples,
      `at most ${Math.floor(MAX_RG_VALUES / perSample)} samples for ${block.levels} levels (the operator series are kept in memory; split longer runs)`,
    );
  }
  return { samples, every, thermalize };
}

/** What a sampling run drives for each configuration: the pyramid, its operator sums, its block patterns. */
export interface RgSampler {
  /** Builds the pyramid of the current configuration; returns the majority ties broken. */
  build(rule: BlockRule): number;
  /** Writes the (levels + 1) x RG_OPERATORS operator sums of the pyramid at out[at ...]. */
  measure(out: Float64Array, at: number): void;
  /** Block-configuration counts of the last build, levels x perLevel. */
  readPatterns(out: Uint32Array): void;
  getRngState(): Uint32Array;
}

/**
 * Runs the simulation (thermalize, then `samples` x `every` sweeps) and records the block-level
 * measurements of every sampled configuration through `sampler`; `perLevel` configurations per
 * level are counted (0: no pattern counts).
 */
export function collectRg(sim: Simulation<Model>, block: NormalizedBlockOptions, options: SampleOptions, sampler: RgSampler, perLevel: number): RgSamples {
  const { samples, every, thermalize } = options;
  const perSample = (block.levels + 1) * RG_OPERATORS;
  const values = new Float64Array(samples * perSample);
  const chunk = Math.ceil(samples / PATTERN_CHUNKS);
  const chunks = Math.ceil(samples / chunk);
  const counts = perLevel > 0 ? new Float64Array(chunks * block.levels * perLevel) : undefined;
  const sampleCounts = perLevel > 0 ? new Uint32Array(block.levels * perLevel) : undefined;
  if (thermalize > 0) sim.sweep(thermalize);
  let ties = 0;
  for (let t = 0; t < samples; t++) {
    sim.sweep(every);
    ties += sampler.build(block.rule);
    sampler.measure(values, t * perSample);
    if (counts && sampleCounts) {
      sampler.readPatterns(sampleCounts);
      const base = Math.floor(t / chunk) * block.levels * perLevel;
      for (let i = 0; i < sampleCounts.length; i++) counts[base + i] += sampleCounts[i];
    }
  }
  return {
    block,
    samples,
    values,
    ...(counts ? { patterns: { perLevel, chunk, chunks, counts } } : {}),
    ties,
    rngState: sampler.getRngState(),
  };
}

/** Runs an Ising simulation and records the block-level measurements of its kernel. */
export function sampleRg(sim: Simulation<Model>, block: NormalizedBlockOptions, options: SampleOptions): RgSamples {
  const withPatterns = options.patterns && countsPatterns(block.blockSize, block.dimension);
  const kernel = blockKernel(sim, block, withPatterns, 'rgFlow');
  const measured = new Float64Array((block.levels + 1) * RG_OPERATORS);
  const sampler: RgSampler = {
    build: (rule) => kernel.build(rule),
    measure(out, at) {
      kernel.measure(measured);
      out.set(measured, at);
    },
    readPatterns: (out) => kernel.readPatterns(out),
    getRngState: () => kernel.getRngState(),
  };
  return collectRg(sim, block, options, sampler, withPatterns ? 1 << (block.blockSize ** block.dimension) : 0);
}

/** The series of operator `a` at level k (raw sums), one value per sample. */
export function operatorSeries(s: RgSamples, level: number, a: number): Float64Array {
  const perSample = (s.block.levels + 1) * RG_OPERATORS;
  const out = new Float64Array(s.samples);
  for (let t = 0, at = level * RG_OPERATORS + a; t < s.samples; t++, at += perSample) out[t] = s.values[at];
  return out;
}
