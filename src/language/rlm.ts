/**
 * The Random Language Model (DeGiuli, PRL 122, 128301, 2019; Giorlandino, De Giuli & Goldt,
 * "Phase structure of the Random Language Model", 2026): an ensemble of CNF grammars (grammar.ts)
 * whose rule weights are log-normal,
 *
 *   M_abc = exp(g_abc),  O_aB = exp(h_aB),  g, h independent normals with mean 0 and variances
 *   1 / (2 eps_d) and 1 / (2 eps_s),  p(b c | a) = M_abc / sum_{b'c'} M_ab'c',  p(B | a) = O_aB / sum_B' O_aB'.
 *
 * eps_d is the scaled deep ("grammar") temperature, written eps~_d = eps_d / N^3 in DeGiuli's notation
 * (eps_s likewise, eps~_s = eps_s / (N M)): at eps_d -> infinity every rule is equally likely and the
 * language is noise; as eps_d falls the weights broaden and structure appears. The double-scaling
 * variable of Giorlandino et al. is x = eps_d ln N. With the variance 1 / (2 eps_d) the rows of p(bc|a)
 * are Random Energy Models of N^2 states at inverse temperature 1 and energy variance ln N / (2x): they
 * freeze (condense on a few rules) below x = 1/8, and the single-child marginals p(b | a), sums of N
 * such weights, stop being uniform below x = 1/2 - the thresholds those papers report.
 *
 * Order parameters (exact functions of one grammar; the sweep averages them over grammars):
 *   ruleEntropy        (1/N) sum_a H[p(. . | a)] / ln N^2       1 at eps_d = infinity, -> 0 when frozen
 *   childEntropy       (1/N) sum_a H[p_L(. | a)] / ln N          p_L(b | a) = sum_c p(b c | a) (left child)
 *   participation      (1/N) sum_a sum_bc p(b c | a)^2          Y: ~ 1/N^2 at high temperature, O(1) when frozen
 *   siblingInformation I(b; c) / ln N for the children of a uniform random parent
 *   surfaceEntropy     (1/N) sum_a H[p(. | a)] / ln M            the emissions
 */
import { childSeed, seedState, Xoshiro128 } from '../rng.js';
import { checkSeed } from '../options.js';
import type { CnfGrammar } from './grammar.js';
import { checkInteger, checkKnownKeys, checkPositiveOrInfinity, checkIntegerList } from './validate.js';
import { InvalidOptionError } from '../errors.js';

export interface RlmOptions {
  /** N, hidden symbols (2 .. 256). */
  hidden: number;
  /** M, observable symbols (2 .. 65536). */
  observable: number;
  /** eps_d > 0, the scaled deep temperature (Infinity: uniform rules). */
  epsilon: number;
  /** eps_s > 0, the scaled surface temperature. @default epsilon */
  surfaceEpsilon?: number;
  /** Seed of the grammar's weights. @default 1 */
  seed?: number;
}

export interface RandomLanguageModel extends CnfGrammar {
  readonly epsilon: number;
  readonly surfaceEpsilon: number;
  readonly seed: number;
}

export const MAX_HIDDEN = 256;

/**
 * Fills `out` with standard normals from xoshiro128**, two at a time (Box-Muller on 53-bit uniforms
 * in (0, 1]; an odd last entry uses the cosine of its pair). TypeScript only: both engines sample the
 * grammar's thresholds, never these floating-point numbers.
 */
function fillNormals(g: Xoshiro128, out: Float64Array): void {
  const uniform = () => ((g.next() >>> 5) * 67108864 + (g.next() >>> 6) + 1) / 9007199254740992;
  for (let j = 0; j < out.length; j += 2) {
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    out[j] = radius * Math.cos(angle);
    if (j + 1 < out.length) out[j + 1] = radius * Math.sin(angle);
  }
}

/**
 * Turns `out` (standard normals z) row by row into normalised log-normal weights:
 * w_j = exp(sigma z_j) / sum_k exp(sigma z_k) (sigma = 0: uniform rows).
 */
function logNormalRows(out: Float64Array, rowLength: number, sigma: number): void {
  for (let start = 0; start < out.length; start += rowLength) {
    let max = -Infinity;
    for (let j = start; j < start + rowLength; j++) {
      out[j] = sigma === 0 ? 0 : sigma * out[j];
      if (out[j] > max) max = out[j];
    }
    let sum = 0;
    for (let j = start; j < start + rowLength; j++) sum += out[j] = Math.exp(out[j] - max);
    for (let j = start; j < start + rowLength; j++) out[j] /= sum;
  }
}

/** One grammar of the RLM ensemble (see the module comment). Deterministic in the seed. */
export function createRlm(options: RlmOptions): RandomLanguageModel {
  const o = checkKnownKeys<RlmOptions>(options, ['hidden', 'observable', 'epsilon', 'surfaceEpsilon', 'seed']);
  if (options === undefined) throw new InvalidOptionError('options', options, 'an object with hidden, observable and epsilon');
  const N = checkInteger('hidden', o.hidden, 2, MAX_HIDDEN);
  const M = checkInteger('observable', o.observable, 2, 65536);
  const epsilon = checkPositiveOrInfinity('epsilon', o.epsilon);
  const surfaceEpsilon = o.surfaceEpsilon === undefined ? epsilon : checkPositiveOrInfinity('surfaceEpsilon', o.surfaceEpsilon);
  const seed = checkSeed(o.seed ?? 1);
  const g = new Xoshiro128(seedState(seed));
  const branch = new Float64Array(N * N * N);
  const emit = new Float64Array(N * M);
  fillNormals(g, branch);
  fillNormals(g, emit);
  logNormalRows(branch, N * N, Math.sqrt(1 / (2 * epsilon)));
  logNormalRows(emit, M, Math.sqrt(1 / (2 * surfaceEpsilon)));
  return { hidden: N, observable: M, branch, emit, epsilon, surfaceEpsilon, seed };
}

/** Shannon entropy (nats) of a probability row. */
function entropy(p: ArrayLike<number>, from: number, to: number): number {
  let h = 0;
  for (let j = from; j < to; j++) if (p[j] > 0) h -= p[j] * Math.log(p[j]);
  return h;
}

export interface RlmOrderParameters {
  ruleEntropy: number;
  childEntropy: number;
  participation: number;
  siblingInformation: number;
  surfaceEntropy: number;
}

/** The order parameters of one grammar (exact; formulas in the module comment). */
export function rlmOrderParameters(grammar: CnfGrammar): RlmOrderParameters {
  const { hidden: N, observable: M, branch, emit } = grammar;
  const N2 = N * N;
  let rule = 0;
  let child = 0;
  let participation = 0;
  let surface = 0;
  const left = new Float64Array(N);
  const pair = new Float64Array(N2);
  for (let a = 0; a < N; a++) {
    rule += entropy(branch, a * N2, (a + 1) * N2);
    left.fill(0);
    for (let b = 0; b < N; b++) {
      for (let c = 0; c < N; c++) {
        const p = branch[a * N2 + b * N + c];
        left[b] += p;
        participation += p * p;
        pair[b * N + c] += p / N;
      }
    }
    child += entropy(left, 0, N);
    surface += entropy(emit, a * M, (a + 1) * M);
  }
  const pb = new Float64Array(N);
  const pc = new Float64Array(N);
  for (let b = 0; b < N; b++)
    for (let c = 0; c < N; c++) {
      pb[b] += pair[b * N + c];
      pc[c] += pair[b * N + c];
    }
  const sibling = entropy(pb, 0, N) + entropy(pc, 0, N) - entropy(pair, 0, N2);
  return {
    ruleEntropy: rule / N / Math.log(N2),
    childEntropy: child / N / Math.log(N),
    participation: participation / N,
    siblingInformation: sibling / Math.log(N),
    surfaceEntropy: surface / N / Math.log(M),
  };
}

export interface RlmSweepOptions {
  /** Values of N. */
  hidden: number[];
  /** Values of x = eps_d ln N (eps_d = x / ln N). */
  x: number[];
  /** M. @default 2 */
  observable?: number;
  /** Grammars averaged at each (N, x). @default 8 */
  grammars?: number;
  /** Seed; grammar j of the point (N, x) uses childSeed(rlmPointSeed(seed, N, x), j). @default 1 */
  seed?: number;
}

export interface RlmSweepPoint {
  hidden: number;
  x: number;
  epsilon: number;
  /** Mean over grammars and its standard error, for each order parameter. */
  mean: RlmOrderParameters;
  error: RlmOrderParameters;
}

const PARAMETERS = ['ruleEntropy', 'childEntropy', 'participation', 'siblingInformation', 'surfaceEntropy'] as const;

/**
 * Seed of the sweep point (N, x): childSeed(childSeed(seed, N), round(x * 10^6)), so a point has the
 * same grammars whatever other points the sweep holds.
 */
export function rlmPointSeed(seed: number, hidden: number, x: number): number {
  return childSeed(childSeed(seed, hidden), Number.isFinite(x) ? Math.round(x * 1e6) : 0x7fffffff);
}

/** Order parameters against x at several N, averaged over grammars (the RLM transition). */
export function rlmSweep(options: RlmSweepOptions): RlmSweepPoint[] {
  const o = checkKnownKeys<RlmSweepOptions>(options, ['hidden', 'x', 'observable', 'grammars', 'seed']);
  const Ns = checkIntegerList('hidden', o.hidden, 2, MAX_HIDDEN);
  if (!Array.isArray(o.x) || o.x.length === 0 || o.x.some((x) => typeof x !== 'number' || !(x > 0)))
    throw new InvalidOptionError('x', o.x, 'a non-empty array of numbers > 0 (Infinity allowed)');
  const M = checkInteger('observable', o.observable ?? 2, 2, 65536);
  const grammars = checkInteger('grammars', o.grammars ?? 8, 1, 100000);
  const seed = checkSeed(o.seed ?? 1);
  const points: RlmSweepPoint[] = [];
  for (const N of Ns) {
    for (const x of o.x) {
      const pointSeed = rlmPointSeed(seed, N, x);
      const epsilon = x / Math.log(N);
      const values = Array.from({ length: grammars }, (_, j) =>
        rlmOrderParameters(createRlm({ hidden: N, observable: M, epsilon, seed: childSeed(pointSeed, j) })),
      );
      const mean = {} as RlmOrderParameters;
      const error = {} as RlmOrderParameters;
      for (const key of PARAMETERS) {
        const v = values.map((p) => p[key]);
        const m = v.reduce((s, y) => s + y, 0) / grammars;
        mean[key] = m;
        error[key] = grammars > 1 ? Math.sqrt(v.reduce((s, y) => s + (y - m) ** 2, 0) / (grammars - 1) / grammars) : NaN;
      }
      points.push({ hidden: N, x, epsilon, mean, error });
    }
  }
  return points;
}
