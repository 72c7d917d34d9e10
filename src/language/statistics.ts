/**
 * Statistics of one symbol text s_0 .. s_{n-1} (codes 0 .. K-1). Definitions (P estimated by
 * counting; logarithms base 2: information in bits):
 *
 *   P(a)            = #{i : s_i = a} / n
 *   P_r(a, b)       = #{i : s_i = a, s_{i+r} = b} / (n - r)
 *   C(r)            = sum_a [P_r(a, a) - P(a)^2]
 *                     (the correlation function of Nakaishi, Nishikawa & Hukushima 2024: the
 *                     probability that the symbols r apart agree, minus its value for independent
 *                     symbols)
 *   I(r)            = sum_{a,b} P_r(a, b) log2 [P_r(a, b) / (P_r(a, .) P_r(., b))]
 *                     (the mutual information of Lin & Tegmark 2017, with the marginals of the pairs),
 *                     Miller-Madow corrected: I = I_plugin + [(m_a - 1) + (m_b - 1) - (m_ab - 1)] / (2 N_r ln 2)
 *                     with m the numbers of occupied cells and N_r the number of pairs (the plug-in
 *                     estimate of i.i.d. symbols is (K - 1)^2 / (2 N_r ln 2) too large; corrected, 0)
 *   H_k             = -sum_w P(w) log2 P(w) over the k-grams w, Miller-Madow corrected (+ (m - 1) / (2 N ln 2))
 *   h_k             = H_k - H_{k-1} (H_0 = 0): the entropy of a symbol given the k - 1 before it;
 *                     the entropy rate is h = lim h_k, reported at the largest order computed
 *   Zipf exponent   z in f(rank) ~ rank^(-z) (least squares in log-log over the symbols seen >= 5 times)
 *   Heaps exponent  beta in V(t) ~ t^beta, V(t) the distinct symbols among the first t
 *
 * Errors: the text is cut into B consecutive blocks (independent sub-texts; pairs and k-grams are
 * counted inside blocks only). Every estimate pools the counts of all blocks; its error is the
 * leave-one-block-out jackknife error sqrt((B-1)/B sum_b (theta_-b - theta_.)^2), which includes the
 * correlations within blocks. The Heaps exponent's error is the spread of the per-block exponents / sqrt(B).
 */
import { InvalidOptionError } from '../errors.js';
import type { CoreSource } from '../backend/loader.js';
import { createLanguageKernel } from './engine.js';
import { fitDecay, type DecayFit, type DistancePoint } from './fit.js';
import { toSymbolText, type SymbolText, type TextInput } from './text.js';
import { checkInteger, checkIntegerList, checkKnownKeys } from './validate.js';
import type { LanguageKernel } from './kernel.js';

export interface AnalyzeOptions {
  /** Largest distance r of C(r) (all r from 1) and I(r). @default min(1000, floor(n / 4)) */
  maxDistance?: number;
  /** Blocks for the jackknife errors (each must be longer than maxDistance). @default up to 20 */
  blocks?: number;
  /** Distances of I(r). @default about 10 a decade from 1 to maxDistance */
  distances?: number[];
  /** Largest k of the block entropies H_k. @default the largest with B K^k <= 2^22 and k <= 8 */
  maxOrder?: number;
  /** Compute I(r) (needs B K^2 counts a distance). @default true when B K^2 <= 2^24 */
  mutualInformation?: boolean;
  /** Distances [from, to] of the decay fits. @default all (the first significant run, see fit.ts) */
  fitRange?: [number, number];
  /** Engine of the counting loops. @default 'auto' (WebAssembly where available) */
  backend?: 'auto' | 'wasm' | 'js';
  /** Where the WebAssembly core comes from (see loadCore). */
  core?: CoreSource;
}

const KNOWN = ['maxDistance', 'blocks', 'distances', 'maxOrder', 'mutualInformation', 'fitRange', 'backend', 'core'];

export interface Estimate {
  value: number;
  error: number;
}

export interface TextAnalysis {
  length: number;
  alphabetSize: number;
  blocks: number;
  blockLength: number;
  backend: 'wasm' | 'js';
  /** C(r), r = 1 .. maxDistance. */
  correlation: DistancePoint[];
  /** I(r) in bits at the chosen distances (empty when not computed). */
  mutualInformation: DistancePoint[];
  /** H_k in bits, k = 1 .. maxOrder. */
  blockEntropies: { k: number; value: number; error: number; distinct: number }[];
  /** h_k = H_k - H_{k-1} in bits, k = 1 .. maxOrder. */
  conditionalEntropies: { k: number; value: number; error: number }[];
  /** h at the largest order (bits a symbol). */
  entropyRate: Estimate & { order: number };
  zipf: Estimate;
  heaps: Estimate;
  /** Power law vs exponential for C(r) at the distances of I(r), and for I(r). */
  correlationFit: DecayFit;
  mutualInformationFit?: DecayFit;
  warnings: string[];
}

/** About `perDecade` integer distances a decade from 1 to max, distinct and increasing. */
export function logDistances(max: number, perDecade = 10): number[] {
  const out: number[] = [];
  const steps = Math.ceil(Math.log10(max) * perDecade);
  for (let j = 0; j <= steps; j++) {
    const r = Math.min(max, Math.round(10 ** (j / perDecade)));
    if (out.length === 0 || r > out[out.length - 1]) out.push(r);
  }
  if (out[out.length - 1] !== max) out.push(max);
  return out;
}

/** Jackknife over blocks: full estimate from pooled counts, error from the leave-one-out estimates. */
function jackknife(B: number, full: number, leaveOut: (b: number) => number): Estimate {
  if (B < 2) return { value: full, error: NaN };
  const values = Array.from({ length: B }, (_, b) => leaveOut(b));
  const mean = values.reduce((s, v) => s + v, 0) / B;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { value: full, error: Math.sqrt(((B - 1) / B) * ss) };
}

/** Entropy in bits of counts (Miller-Madow corrected when `corrected`): -sum p log2 p + (m - 1) / (2 N ln 2). */
export function entropyBits(counts: ArrayLike<number>, from = 0, to = counts.length, corrected = true): number {
  let total = 0;
  let occupied = 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const c = counts[i];
    if (c > 0) {
      total += c;
      occupied++;
      sum += c * Math.log(c);
    }
  }
  if (total === 0) return NaN;
  const plugin = (Math.log(total) - sum / total) / Math.LN2;
  return corrected ? plugin + (occupied - 1) / (2 * total * Math.LN2) : plugin;
}

/** Mutual information in bits of a K x K joint count table (Miller-Madow corrected), see the module comment. */
export function mutualInformationBits(joint: ArrayLike<number>, K: number): number {
  const rows = new Float64Array(K);
  const cols = new Float64Array(K);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      const c = joint[a * K + b];
      rows[a] += c;
      cols[b] += c;
    }
  }
  return entropyBits(rows) + entropyBits(cols) - entropyBits(joint, 0, K * K);
}

function sumBlocks(counts: Int32Array, B: number, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let b = 0; b < B; b++) for (let i = 0; i < size; i++) out[i] += counts[b * size + i];
  return out;
}

function without(total: Float64Array, counts: Int32Array, b: number): Float64Array {
  const size = total.length;
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = total[i] - counts[b * size + i];
  return out;
}

/** Least-squares slope of y on x. */
function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Zipf exponent of symbol counts: -slope of log f vs log rank over the symbols seen >= 5 times. */
function zipfExponent(counts: ArrayLike<number>): number {
  const sorted = Array.from(counts)
    .filter((c) => c >= 5)
    .sort((a, b) => b - a);
  if (sorted.length < 3) return NaN;
  return -slope(
    sorted.map((_, i) => Math.log(i + 1)),
    sorted.map((c) => Math.log(c)),
  );
}

/** Heaps exponent of a (sub)text: slope of log V(t) vs log t at log-spaced t. */
function heapsExponent(s: Uint8Array | Uint16Array, from: number, to: number, K: number): number {
  const seen = new Uint8Array(K);
  let distinct = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  let mark = 10;
  for (let i = from; i < to; i++) {
    if (!seen[s[i]]) {
      seen[s[i]] = 1;
      distinct++;
    }
    const t = i - from + 1;
    if (t >= mark) {
      xs.push(Math.log(t));
      ys.push(Math.log(distinct));
      mark = Math.ceil(mark * 1.25);
    }
  }
  return xs.length >= 3 ? slope(xs, ys) : NaN;
}

function checkFitRange(range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !(range[0] >= 1) || !(range[1] >= range[0]))
    throw new InvalidOptionError('fitRange', range, '[from, to] with 1 <= from <= to');
  return [range[0], range[1]];
}

/** The options, checked: throws InvalidOptionError for unknown keys and bad values. */
function normalize(text: SymbolText, options: AnalyzeOptions | undefined) {
  const o = checkKnownKeys<AnalyzeOptions>(options, KNOWN);
  const n = text.symbols.length;
  const K = text.alphabetSize;
  if (n < 2) throw new InvalidOptionError('symbols', n, 'a text of at least 2 symbols');
  const maxDistance =
    o.maxDistance === undefined
      ? Math.max(1, Math.min(1000, Math.floor(n / 4)))
      : checkInteger('maxDistance', o.maxDistance, 1, n - 1, `below the text length ${n}`);
  const maxBlocks = Math.floor(n / (maxDistance + 1));
  const blocks =
    o.blocks === undefined
      ? Math.max(1, Math.min(20, maxBlocks))
      : checkInteger('blocks', o.blocks, 1, Math.max(1, maxBlocks), `blocks of more than maxDistance = ${maxDistance} symbols`);
  const blockLength = Math.ceil(n / blocks);
  const distances = o.distances === undefined ? logDistances(maxDistance) : checkIntegerList('distances', o.distances, 1, maxDistance);
  let maxOrder = 1;
  while (maxOrder < 8 && blocks * K ** (maxOrder + 1) <= 1 << 22) maxOrder++;
  if (o.maxOrder !== undefined) maxOrder = checkInteger('maxOrder', o.maxOrder, 1, maxOrder, `B K^k <= 2^22 with K = ${K}, B = ${blocks}`);
  const mutualInformation = o.mutualInformation ?? blocks * K * K <= 1 << 24;
  if (mutualInformation && blocks * K * K > 1 << 26)
    throw new InvalidOptionError('mutualInformation', true, `false for K = ${K} (B K^2 = ${blocks * K * K} counts a distance, more than 2^26)`);
  const backend = o.backend ?? 'auto';
  const fitRange = o.fitRange === undefined ? undefined : checkFitRange(o.fitRange);
  return { n, K, maxDistance, blocks, blockLength, distances, maxOrder, mutualInformation, fitRange, backend, core: o.core };
}

/**
 * C(r), I(r), block entropies, entropy rate, Zipf and Heaps exponents of a text, with jackknife
 * errors over blocks and the power-law / exponential verdict (see the module comment for every
 * formula). Throws InvalidOptionError for an empty text, maxDistance >= length or unknown options.
 */
export async function analyzeText(input: TextInput, options?: AnalyzeOptions): Promise<TextAnalysis> {
  const text = toSymbolText(input);
  const o = normalize(text, options);
  const kernel = await createLanguageKernel(o.backend, o.core);
  return analyzeWith(kernel, text, o);
}

function analyzeWith(kernel: LanguageKernel, text: SymbolText, o: ReturnType<typeof normalize>): TextAnalysis {
  const { n, K, maxDistance: R, blocks: B, blockLength: L } = o;
  const warnings: string[] = [];
  if (B < 2) warnings.push(`one block only (the text has ${n} symbols, maxDistance ${R}): no errors`);
  kernel.setText(text.symbols);
  const lengths = Array.from({ length: B }, (_, b) => Math.min(L, n - b * L));

  // unigrams: per block and pooled; sum_a P(a)^2 with and without each block
  const uni = kernel.ngramCounts(L, 1, K);
  const uniTotal = sumBlocks(uni, B, K);
  const sumP2 = (counts: ArrayLike<number>, total: number) => {
    let s = 0;
    for (let a = 0; a < K; a++) s += (counts[a] / total) ** 2;
    return s;
  };
  const p2Full = sumP2(uniTotal, n);
  const p2Without = lengths.map((len, b) => sumP2(without(uniTotal, uni, b), n - len));

  // C(r) from the equal-pair counts
  const eq = kernel.equalCounts(L, R);
  const correlation: DistancePoint[] = [];
  for (let r = 1; r <= R; r++) {
    let equal = 0;
    let pairs = 0;
    for (let b = 0; b < B; b++) {
      equal += eq[b * (R + 1) + r];
      pairs += Math.max(0, lengths[b] - r);
    }
    const est = jackknife(B, equal / pairs - p2Full, (b) => {
      const pb = Math.max(0, lengths[b] - r);
      return (equal - eq[b * (R + 1) + r]) / (pairs - pb) - p2Without[b];
    });
    correlation.push({ r, value: est.value, error: est.error });
  }

  // I(r) from the joint counts
  const mutualInformation: DistancePoint[] = [];
  if (o.mutualInformation) {
    for (const r of o.distances) {
      const joint = kernel.pairCounts(L, r, K);
      const total = sumBlocks(joint, B, K * K);
      const est = jackknife(B, mutualInformationBits(total, K), (b) => mutualInformationBits(without(total, joint, b), K));
      mutualInformation.push({ r, value: est.value, error: est.error });
    }
  } else {
    warnings.push(`mutual information skipped: B K^2 = ${B * K * K} counts a distance`);
  }

  // block entropies and conditional entropies
  const blockEntropies: TextAnalysis['blockEntropies'] = [];
  const conditionalEntropies: TextAnalysis['conditionalEntropies'] = [];
  let previous: { total: Float64Array; counts: Int32Array } | undefined;
  for (let k = 1; k <= o.maxOrder; k++) {
    const size = K ** k;
    const counts = k === 1 ? uni : kernel.ngramCounts(L, k, K);
    const total = k === 1 ? uniTotal : sumBlocks(counts, B, size);
    let distinct = 0;
    let grams = 0;
    for (let i = 0; i < size; i++) {
      if (total[i] > 0) distinct++;
      grams += total[i];
    }
    const H = jackknife(B, entropyBits(total), (b) => entropyBits(without(total, counts, b)));
    blockEntropies.push({ k, value: H.value, error: H.error, distinct });
    const prev = previous;
    const h = prev
      ? jackknife(B, H.value - entropyBits(prev.total), (b) => entropyBits(without(total, counts, b)) - entropyBits(without(prev.total, prev.counts, b)))
      : H;
    conditionalEntropies.push({ k, value: h.value, error: h.error });
    if (k === o.maxOrder && distinct > grams / 10)
      warnings.push(`H_${k} is undersampled: ${distinct} distinct ${k}-grams among ${grams}; h_${k} is biased low`);
    previous = { total, counts };
  }
  const last = conditionalEntropies[conditionalEntropies.length - 1];

  const zipf = jackknife(B, zipfExponent(uniTotal), (b) => zipfExponent(without(uniTotal, uni, b)));
  const perBlock = lengths.map((len, b) => heapsExponent(text.symbols, b * L, b * L + len, K)).filter(Number.isFinite);
  const heapsAll = heapsExponent(text.symbols, 0, n, K);
  const heapsMean = perBlock.reduce((s, v) => s + v, 0) / perBlock.length;
  const heapsError = perBlock.length >= 2 ? Math.sqrt(perBlock.reduce((s, v) => s + (v - heapsMean) ** 2, 0) / (perBlock.length - 1) / perBlock.length) : NaN;

  const onDistances = new Set(o.distances);
  return {
    length: n,
    alphabetSize: K,
    blocks: B,
    blockLength: L,
    backend: kernel.backend,
    correlation,
    mutualInformation,
    blockEntropies,
    conditionalEntropies,
    entropyRate: { value: last.value, error: last.error, order: last.k },
    zipf,
    heaps: { value: heapsAll, error: heapsError },
    correlationFit: fitDecay(
      correlation.filter((p) => onDistances.has(p.r)),
      o.fitRange,
    ),
    ...(mutualInformation.length > 0 ? { mutualInformationFit: fitDecay(mutualInformation, o.fitRange) } : {}),
    warnings,
  };
}
