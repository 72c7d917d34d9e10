/**
 * Any language model, sampled at a temperature, and the analysis of Nakaishi, Nishikawa & Hukushima
 * (2024) across temperatures.
 *
 * The caller supplies `nextLogits(context)`: the model's logits for the next token given the tokens
 * so far (e.g. a transformers.js model's last-position logits; see docs/language.md). Sampling draws
 * token j with probability softmax(logits / T)_j (T = 0: greedy) from one xoshiro128** stream per
 * seed: the softmax runs in TypeScript (temperature.ts), the draw compares a u32 with integer
 * thresholds, so a deterministic model gives the same text for the same seed everywhere.
 *
 * temperatureSweep: at every T it samples `samples` texts of `length` tokens (seeds
 * childSeed(seed, t * samples + j)), maps tokens through `classify` (e.g. to parts of speech, as the
 * paper does), and measures
 *   C(r)             mean over the texts of each text's C(r) (statistics.ts), error = spread / sqrt(samples)
 *   fit              power law vs exponential for C(r) (fit.ts)
 *   order parameter  m_j = (1/R) sum_{r=1}^{R} C_j(r), the mean correlation of text j over the window
 *   susceptibility   chi(T) = length * Var_j(m_j): fluctuations of the order parameter between texts
 *                    (our susceptibility-like quantity; it peaks where texts are neither uniformly
 *                    ordered nor uniformly noise)
 * and reports the temperatures where the power law wins and the one where chi peaks.
 */
import { InvalidOptionError } from '../errors.js';
import { checkSeed } from '../options.js';
import { childSeed, seedState, Xoshiro128 } from '../rng.js';
import type { CoreSource } from '../backend/loader.js';
import { fitDecay, type DecayFit, type DistancePoint } from './fit.js';
import { pickThreshold } from './kernel.js';
import { logDistances, analyzeText } from './statistics.js';
import { temperatureThresholds } from './temperature.js';
import { checkInteger, checkKnownKeys, checkNonNegative } from './validate.js';

/** Logits of the next token given the context (token ids); may be async. */
export type NextLogits = (context: readonly number[]) => ArrayLike<number> | PromiseLike<ArrayLike<number>>;

export interface SampleTextOptions {
  /** The model. */
  nextLogits: NextLogits;
  /** T >= 0 (0: greedy). */
  temperature: number;
  /** Tokens to generate (>= 1). */
  length: number;
  /** Seed. @default 1 */
  seed?: number;
  /** Tokens the context starts with. @default [] */
  prompt?: readonly number[];
  /** Only the last `contextLength` tokens are passed to nextLogits. @default all */
  contextLength?: number;
  /** Called after every token (progress). */
  onToken?: (token: number, index: number) => void;
}

/** Generated tokens. */
export interface SampledText {
  tokens: number[];
  temperature: number;
  seed: number;
}

function checkLogits(logits: unknown, step: number): ArrayLike<number> {
  const ok =
    logits !== null && typeof logits === 'object' && typeof (logits as ArrayLike<number>).length === 'number' && (logits as ArrayLike<number>).length > 0;
  if (!ok) throw new InvalidOptionError('nextLogits', logits, `a function returning a non-empty array of logits (step ${step})`);
  const l = logits as ArrayLike<number>;
  for (let j = 0; j < l.length; j++) {
    if (typeof l[j] !== 'number' || Number.isNaN(l[j]) || l[j] === Infinity)
      throw new InvalidOptionError('nextLogits', l[j], `finite logits or -Infinity (step ${step}, token ${j})`);
  }
  return l;
}

/** Samples `length` tokens from `nextLogits` at temperature T (see the module comment). */
export async function sampleText(options: SampleTextOptions): Promise<SampledText> {
  const o = checkKnownKeys<SampleTextOptions>(options, ['nextLogits', 'temperature', 'length', 'seed', 'prompt', 'contextLength', 'onToken']);
  if (typeof o.nextLogits !== 'function') throw new InvalidOptionError('nextLogits', o.nextLogits, 'a function (context) => logits');
  const temperature = checkNonNegative('temperature', o.temperature);
  const length = checkInteger('length', o.length, 1, 0x7fffffff);
  const seed = checkSeed(o.seed ?? 1);
  const contextLength = o.contextLength === undefined ? Infinity : checkInteger('contextLength', o.contextLength, 1, 0x7fffffff);
  const prompt = o.prompt ?? [];
  if (!Array.isArray(prompt) || prompt.some((t) => !Number.isInteger(t) || t < 0))
    throw new InvalidOptionError('prompt', prompt, 'an array of token ids (integers >= 0)');
  const g = new Xoshiro128(seedState(seed));
  const context = [...prompt];
  const tokens: number[] = [];
  let thresholds = new Uint32Array(0);
  for (let i = 0; i < length; i++) {
    const window = context.length > contextLength ? context.slice(context.length - contextLength) : context;
    const logits = checkLogits(await o.nextLogits(window), i);
    if (thresholds.length !== logits.length) thresholds = new Uint32Array(logits.length);
    temperatureThresholds(logits, temperature, thresholds);
    const token = pickThreshold(thresholds, 0, logits.length, g.next());
    tokens.push(token);
    context.push(token);
    o.onToken?.(token, i);
  }
  return { tokens, temperature, seed };
}

export interface TemperatureSweepOptions extends Omit<SampleTextOptions, 'temperature' | 'seed' | 'onToken'> {
  /** Temperatures to sample at (each >= 0). */
  temperatures: number[];
  /** Texts per temperature (>= 2). @default 4 */
  samples?: number;
  /** Seed. @default 1 */
  seed?: number;
  /** Symbol of a token for the analysis (e.g. its part of speech), an integer >= 0. @default the token itself */
  classify?: (token: number) => number;
  /** Largest distance R of C(r). @default min(100, length / 4) */
  maxDistance?: number;
  backend?: 'auto' | 'wasm' | 'js';
  core?: CoreSource;
  /** Called after each text. */
  onProgress?: (done: number, total: number) => void;
}

export interface TemperaturePoint {
  temperature: number;
  /** Mean C(r) over the texts, r = 1 .. R. */
  correlation: DistancePoint[];
  fit: DecayFit;
  orderParameter: { value: number; error: number };
  susceptibility: number;
  /** One sampled text (tokens) for inspection. */
  example: number[];
}

export interface TemperatureSweepResult {
  points: TemperaturePoint[];
  /** Temperatures where C(r) is better described by a power law. */
  powerLawTemperatures: number[];
  /** Temperature of the largest susceptibility. */
  peakTemperature: number;
}

/** The temperature scan of Nakaishi et al. with any model (see the module comment). */
export async function temperatureSweep(options: TemperatureSweepOptions): Promise<TemperatureSweepResult> {
  const o = checkKnownKeys<TemperatureSweepOptions>(options, [
    'nextLogits',
    'temperatures',
    'length',
    'samples',
    'seed',
    'prompt',
    'contextLength',
    'classify',
    'maxDistance',
    'backend',
    'core',
    'onProgress',
  ]);
  if (!Array.isArray(o.temperatures) || o.temperatures.length === 0)
    throw new InvalidOptionError('temperatures', o.temperatures, 'a non-empty array of numbers >= 0');
  o.temperatures.forEach((t, i) => checkNonNegative(`temperatures[${i}]`, t));
  const length = checkInteger('length', o.length, 8, 0x7fffffff);
  const samples = checkInteger('samples', o.samples ?? 4, 2, 100000);
  const R =
    o.maxDistance === undefined
      ? Math.max(1, Math.min(100, Math.floor(length / 4)))
      : checkInteger('maxDistance', o.maxDistance, 1, length - 1, `below length ${length}`);
  const seed = checkSeed(o.seed ?? 1);
  const classify = o.classify ?? ((t: number) => t);
  if (typeof classify !== 'function') throw new InvalidOptionError('classify', classify, 'a function (token) => symbol');
  const distances = new Set(logDistances(R));
  const points: TemperaturePoint[] = [];
  let done = 0;
  for (const [t, temperature] of o.temperatures.entries()) {
    const perText: number[][] = [];
    let example: number[] = [];
    for (let j = 0; j < samples; j++) {
      const { tokens } = await sampleText({
        nextLogits: o.nextLogits,
        temperature,
        length,
        seed: childSeed(seed, t * samples + j),
        ...(o.prompt ? { prompt: o.prompt } : {}),
        ...(o.contextLength ? { contextLength: o.contextLength } : {}),
      });
      if (j === 0) example = tokens;
      const symbols = tokens.map((token) => {
        const s = classify(token);
        if (!Number.isInteger(s) || s < 0) throw new InvalidOptionError('classify', s, `an integer symbol >= 0 (for token ${token})`);
        return s;
      });
      const a = await analyzeText(symbols, {
        maxDistance: R,
        blocks: 1,
        mutualInformation: false,
        maxOrder: 1,
        ...(o.backend ? { backend: o.backend } : {}),
        ...(o.core ? { core: o.core } : {}),
      });
      perText.push(a.correlation.map((p) => p.value));
      o.onProgress?.(++done, o.temperatures.length * samples);
    }
    const correlation: DistancePoint[] = [];
    for (let r = 1; r <= R; r++) {
      const v = perText.map((c) => c[r - 1]);
      const mean = v.reduce((s, x) => s + x, 0) / samples;
      correlation.push({ r, value: mean, error: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (samples - 1) / samples) });
    }
    const m = perText.map((c) => c.reduce((s, x) => s + x, 0) / R);
    const mMean = m.reduce((s, x) => s + x, 0) / samples;
    const variance = m.reduce((s, x) => s + (x - mMean) ** 2, 0) / (samples - 1);
    points.push({
      temperature,
      correlation,
      fit: fitDecay(correlation.filter((p) => distances.has(p.r))),
      orderParameter: { value: mMean, error: Math.sqrt(variance / samples) },
      susceptibility: length * variance,
      example,
    });
  }
  const peak = points.reduce((best, p) => (p.susceptibility > best.susceptibility ? p : best), points[0]);
  return { points, powerLawTemperatures: points.filter((p) => p.fit.winner === 'power-law').map((p) => p.temperature), peakTemperature: peak.temperature };
}
