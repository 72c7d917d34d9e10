/**
 * Order-k Markov models of a text, sampled at a temperature, and their exact statistics.
 *
 * Fitting: the states are the k-grams (contexts) of the text read cyclically (the text's end is
 * followed by its start, so every context has a successor); the model keeps the count c(w, a) of
 * every context w followed by symbol a. Sampling at temperature T uses the logits l = ln c(w, a)
 * over the symbols seen after w: p(a | w) = c(w, a)^(1/T) / sum_b c(w, b)^(1/T) (T = 1: the fitted
 * model; T -> 0: the most frequent continuation, a deterministic and eventually periodic text;
 * T -> infinity: uniform over the seen continuations). Every ergodic finite chain has correlations
 * that decay exponentially at any T > 0, with a correlation length that grows as T falls: there is no
 * phase transition at T > 0 (Lin & Tegmark 2017; as in one-dimensional models with short-range
 * interactions) - the honest contrast with text at criticality.
 *
 * Exact statistics of a chain ({@link exactChainStatistics}): with stationary distribution pi over
 * states and f(s) the symbol a state emits, P(x_i = a, x_{i+r} = b) = sum_{f(s) = a, f(t) = b} pi_s (P^r)_{st},
 * from which C(r) and I(r) follow exactly (definitions in statistics.ts).
 */
import { InvalidOptionError } from '../errors.js';
import { checkSeed } from '../options.js';
import { seedState } from '../rng.js';
import type { CoreSource } from '../backend/loader.js';
import { createLanguageKernel } from './engine.js';
import type { ChainTable } from './kernel.js';
import { softmaxAt, temperatureThresholds } from './temperature.js';
import { symbolWidth, toSymbolText, type SymbolText, type TextInput } from './text.js';
import { checkInteger, checkKnownKeys, checkNonNegative } from './validate.js';

/** A fitted order-k model: contexts (states) and the counts of their continuations, in CSR form. */
export interface MarkovModel {
  readonly order: number;
  readonly alphabetSize: number;
  readonly labels?: readonly string[];
  /** Row starts (states + 1); row s lists the continuations of context s, by increasing symbol. */
  readonly rows: Int32Array;
  /** Continuation symbol of each entry. */
  readonly symbols: Int32Array;
  /** Count of each entry. */
  readonly counts: Float64Array;
  /** Context reached by each entry. */
  readonly next: Int32Array;
  /** State of the text's first context (the default start). */
  readonly start: number;
}

/** Largest K^k: context codes are exact integers. */
const MAX_CONTEXTS = 2 ** 52;

/** Fits an order-k model (k >= 1) to a text (cyclically, see the module comment). */
export function fitMarkov(input: TextInput, options?: { order?: number }): MarkovModel {
  const o = checkKnownKeys<{ order?: number }>(options, ['order']);
  const text = toSymbolText(input);
  const s = text.symbols;
  const n = s.length;
  const K = text.alphabetSize;
  const k = o.order === undefined ? 1 : checkInteger('order', o.order, 1, Math.max(1, Math.min(16, n - 1)), 'and below the text length');
  if (K ** k > MAX_CONTEXTS) throw new InvalidOptionError('order', k, `an order with K^k <= 2^52 (K = ${K})`);
  const size = K ** k;
  // context code of position i: s_{i-k+1} .. s_i (cyclic)
  let code = 0;
  for (let j = n - k + 1; j <= n; j++) code = (code * K + s[((j % n) + n) % n]) % size;
  const contextOf = new Map<number, number>();
  const follow: Map<number, number>[] = [];
  const state = (c: number) => {
    let id = contextOf.get(c);
    if (id === undefined) {
      id = contextOf.size;
      contextOf.set(c, id);
      follow.push(new Map());
    }
    return id;
  };
  // position -1's context ends at s_{n-1}; the first symbol s_0 follows it
  let current = state(code);
  const start = current;
  for (let i = 0; i < n; i++) {
    const a = s[i];
    const m = follow[current];
    m.set(a, (m.get(a) ?? 0) + 1);
    code = (code * K + a) % size;
    current = state(code);
  }
  const codes = [...contextOf.keys()];
  const rows = new Int32Array(follow.length + 1);
  for (let t = 0; t < follow.length; t++) rows[t + 1] = rows[t] + follow[t].size;
  const E = rows[follow.length];
  const symbols = new Int32Array(E);
  const counts = new Float64Array(E);
  const next = new Int32Array(E);
  for (let t = 0; t < follow.length; t++) {
    const entries = [...follow[t].entries()].sort((x, y) => x[0] - y[0]);
    entries.forEach(([a, c], j) => {
      const e = rows[t] + j;
      symbols[e] = a;
      counts[e] = c;
      next[e] = contextOf.get((codes[t] * K + a) % size)!;
    });
  }
  return { order: k, alphabetSize: K, ...(text.labels ? { labels: text.labels } : {}), rows, symbols, counts, next, start };
}

/** Transition probabilities of each entry at temperature T (softmax of ln counts / T, see the module comment). */
export function markovProbabilities(model: MarkovModel, temperature: number): Float64Array {
  const T = checkNonNegative('temperature', temperature);
  const p = new Float64Array(model.counts.length);
  for (let t = 0; t + 1 < model.rows.length; t++) {
    const from = model.rows[t];
    const to = model.rows[t + 1];
    p.set(softmaxAt(Array.from(model.counts.subarray(from, to), Math.log), T), from);
  }
  return p;
}

/** The kernel's walk table of a model at temperature T. */
export function markovTable(model: MarkovModel, temperature: number): ChainTable {
  const T = checkNonNegative('temperature', temperature);
  const thresholds = new Uint32Array(model.counts.length);
  for (let t = 0; t + 1 < model.rows.length; t++) {
    const from = model.rows[t];
    temperatureThresholds(Array.from(model.counts.subarray(from, model.rows[t + 1]), Math.log), T, thresholds, from);
  }
  return { rows: model.rows, thresholds, symbols: model.symbols, next: model.next };
}

export interface MarkovSampleOptions {
  /** Temperature T >= 0 of p ~ c^(1/T). @default 1 */
  temperature?: number;
  /** Symbols to generate (>= 1). */
  length: number;
  /** Seed of the xoshiro128** stream (0 .. 2^53 - 1). @default 1 */
  seed?: number;
  /** Start state (a context index). @default the text's first context */
  start?: number;
  /** Engine. @default 'auto' */
  backend?: 'auto' | 'wasm' | 'js';
  core?: CoreSource;
}

/** Samples `length` symbols from the model at temperature T: the same seed gives the same text on both backends. */
export async function sampleMarkov(model: MarkovModel, options: MarkovSampleOptions): Promise<SymbolText> {
  const o = checkKnownKeys<MarkovSampleOptions>(options, ['temperature', 'length', 'seed', 'start', 'backend', 'core']);
  const states = model.rows.length - 1;
  const length = checkInteger('length', o.length, 1, 0x7fffffff);
  const start = o.start === undefined ? model.start : checkInteger('start', o.start, 0, states - 1);
  const seed = checkSeed(o.seed ?? 1);
  const table = markovTable(model, o.temperature ?? 1);
  const kernel = await createLanguageKernel(o.backend ?? 'auto', o.core);
  const { symbols } = kernel.sampleChain(table, start, length, symbolWidth(model.alphabetSize), seedState(seed));
  return { symbols, alphabetSize: model.alphabetSize, ...(model.labels ? { labels: model.labels } : {}) };
}

/** A chain over states with the symbol each state emits on entry: the exact-statistics input. */
export interface EmittingChain {
  /** CSR rows over states (as in MarkovModel). */
  readonly rows: Int32Array;
  readonly next: Int32Array;
  /** Transition probability of each entry (each row sums to 1). */
  readonly probabilities: ArrayLike<number>;
  /** Symbol emitted on entering each entry's target state (the entry's symbol). */
  readonly symbols: Int32Array;
  readonly alphabetSize: number;
}

/** Exact C(r) and I(r) (bits) of an ergodic, aperiodic chain at the given distances (see the module comment). */
export function exactChainStatistics(
  chain: EmittingChain,
  distances: readonly number[],
): { stationary: Float64Array; correlation: { r: number; value: number }[]; mutualInformation: { r: number; value: number }[] } {
  const { rows, next, probabilities: P, symbols, alphabetSize: K } = chain;
  const S = rows.length - 1;
  // the symbol a state emits: the symbol of any entry leading into it
  const emits = new Int32Array(S).fill(-1);
  for (let e = 0; e < next.length; e++) emits[next[e]] = symbols[e];
  const step = (v: Float64Array) => {
    const w = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      const x = v[s];
      if (x === 0) continue;
      for (let e = rows[s]; e < rows[s + 1]; e++) w[next[e]] += x * P[e];
    }
    return w;
  };
  let pi = new Float64Array(S).fill(1 / S);
  for (let it = 0; it < 100000; it++) {
    const nextPi = step(pi);
    let diff = 0;
    for (let s = 0; s < S; s++) diff += Math.abs(nextPi[s] - pi[s]);
    pi = nextPi;
    if (diff < 1e-15) break;
  }
  const pa = new Float64Array(K);
  for (let s = 0; s < S; s++) if (emits[s] >= 0) pa[emits[s]] += pi[s];
  const maxR = Math.max(...distances);
  const joint = Array.from({ length: maxR + 1 }, () => new Float64Array(K * K));
  for (let a = 0; a < K; a++) {
    let v = new Float64Array(S);
    for (let s = 0; s < S; s++) if (emits[s] === a) v[s] = pi[s];
    for (let r = 1; r <= maxR; r++) {
      v = step(v);
      for (let t = 0; t < S; t++) if (emits[t] >= 0) joint[r][a * K + emits[t]] += v[t];
    }
  }
  const p2 = pa.reduce((s, x) => s + x * x, 0);
  const correlation = distances.map((r) => {
    let c = 0;
    for (let a = 0; a < K; a++) c += joint[r][a * K + a];
    return { r, value: c - p2 };
  });
  const mutualInformation = distances.map((r) => {
    let I = 0;
    for (let a = 0; a < K; a++)
      for (let b = 0; b < K; b++) {
        const q = joint[r][a * K + b];
        if (q > 0) I += q * Math.log2(q / (pa[a] * pa[b]));
      }
    return { r, value: I };
  });
  return { stationary: pi, correlation, mutualInformation };
}
