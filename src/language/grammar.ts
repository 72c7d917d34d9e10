/**
 * Context-free grammars in Chomsky normal form on complete binary trees, and their sampler.
 *
 * Hidden symbols 0 .. N-1, observable symbols 0 .. M-1; rules a -> b c with probability
 * branch[a N^2 + b N + c] and a -> B with probability emit[a M + B] (each row sums to 1). A sentence
 * is a complete binary tree of depth D: every node at depth < D branches, every node at depth D is a
 * leaf and emits one observable, so a sentence has 2^D observables; a text is sentences one after
 * another. The derivation is sampled by the kernels (assembly/language.ts, its JS twin) from u32
 * thresholds (kernel.ts): same seed, same text on both backends.
 */
import { InvalidOptionError } from '../errors.js';
import { checkSeed } from '../options.js';
import { seedState } from '../rng.js';
import type { CoreSource } from '../backend/loader.js';
import { createLanguageKernel } from './engine.js';
import { thresholdsOf, type TreeTables } from './kernel.js';
import { symbolWidth, type SymbolText } from './text.js';
import { checkInteger, checkKnownKeys } from './validate.js';

export interface CnfGrammar {
  readonly hidden: number;
  readonly observable: number;
  /** N x N^2 rule probabilities, entry a N^2 + b N + c for a -> b c. */
  readonly branch: Float64Array;
  /** N x M emission probabilities, entry a M + B for a -> B. */
  readonly emit: Float64Array;
}

/** The kernels' thresholds of a grammar. */
export function treeTables(grammar: CnfGrammar): TreeTables {
  const { hidden: N, observable: M } = grammar;
  const branch = new Uint32Array(N * N * N);
  const emit = new Uint32Array(N * M);
  for (let a = 0; a < N; a++) {
    thresholdsOf(grammar.branch.subarray(a * N * N, (a + 1) * N * N), branch, a * N * N);
    thresholdsOf(grammar.emit.subarray(a * M, (a + 1) * M), emit, a * M);
  }
  return { hidden: N, observable: M, branch, emit };
}

export interface TreeSampleOptions {
  /** Depth D of each sentence's tree (2^D observables a sentence). @default 10 */
  depth?: number;
  /** Sentences. @default 1 */
  sentences?: number;
  /** Root symbol, or -1 for a uniform random root each sentence. @default 0 (the start symbol) */
  root?: number;
  /** Seed. @default 1 */
  seed?: number;
  /** Also return the leaves' hidden symbols (the deep text). @default false */
  keepHidden?: boolean;
  backend?: 'auto' | 'wasm' | 'js';
  core?: CoreSource;
}

/** Largest depth: 2^20 leaves a sentence. */
export const MAX_TREE_DEPTH = 20;

/** Samples sentences of the grammar (see the module comment). */
export async function sampleTrees(grammar: CnfGrammar, options?: TreeSampleOptions): Promise<SymbolText & { hidden?: Uint16Array }> {
  const o = checkKnownKeys<TreeSampleOptions>(options, ['depth', 'sentences', 'root', 'seed', 'keepHidden', 'backend', 'core']);
  const depth = checkInteger('depth', o.depth ?? 10, 0, MAX_TREE_DEPTH);
  const sentences = checkInteger('sentences', o.sentences ?? 1, 1, Math.floor(0x7fffffff / 2 ** depth));
  const root = checkInteger('root', o.root ?? 0, -1, grammar.hidden - 1);
  const seed = checkSeed(o.seed ?? 1);
  if (o.keepHidden !== undefined && typeof o.keepHidden !== 'boolean') throw new InvalidOptionError('keepHidden', o.keepHidden, 'true or false');
  const kernel = await createLanguageKernel(o.backend ?? 'auto', o.core);
  const out = kernel.sampleTrees(treeTables(grammar), depth, sentences, root, symbolWidth(grammar.observable), seedState(seed), o.keepHidden ?? false);
  return { symbols: out.symbols, alphabetSize: grammar.observable, ...(out.hidden ? { hidden: out.hidden } : {}) };
}
