/**
 * The renormalization-group view of a text, next to the spin models' block-spin RG (src/rg/): a
 * text is coarse-grained by blocks of b consecutive symbols, each block becoming one symbol of the
 * next level, and C(r) and the entropy rate are followed from level to level at the same physical
 * distance (r measured in original symbols, r = r_level b^level).
 *
 * Block rules (the text analogues of the spin rules):
 *   majority     the most frequent symbol of the block (ties: the one that comes first in the block)
 *   decimation   the block's first symbol
 * A class map (e.g. merging parts of speech into fewer classes) is the other coarse-graining: it acts
 * on each symbol, not on blocks ({@link mergeClasses}).
 *
 * At a fixed point of the flow the correlations seen at the same physical distance do not change with
 * the level: a power law C(r) ~ r^-alpha keeps its exponent (scale invariance), while exponentially
 * decaying correlations shrink as xi_level = xi / b^level and flow to the uncorrelated fixed point.
 */
import { InvalidOptionError } from '../errors.js';
import type { CoreSource } from '../backend/loader.js';
import { analyzeText, type TextAnalysis } from './statistics.js';
import { toSymbolText, type SymbolText, type TextInput } from './text.js';
import { checkInteger, checkKnownKeys } from './validate.js';
import type { DecayFit, DistancePoint } from './fit.js';

export const TEXT_BLOCK_RULES = ['majority', 'decimation'] as const;
export type TextBlockRule = (typeof TEXT_BLOCK_RULES)[number];

/** One coarse-graining step: blocks of b symbols to one symbol (the tail shorter than b is dropped). */
export function coarseGrainText(input: TextInput, block: number, rule: TextBlockRule = 'majority'): SymbolText {
  const text = toSymbolText(input);
  const b = checkInteger('block', block, 2, 1 << 20);
  if (rule !== 'majority' && rule !== 'decimation') throw new InvalidOptionError('rule', rule, `one of ${TEXT_BLOCK_RULES.map((r) => `"${r}"`).join(', ')}`);
  const s = text.symbols;
  const m = Math.floor(s.length / b);
  if (m < 1) throw new InvalidOptionError('block', b, `at most the text length ${s.length}`);
  const out = text.alphabetSize <= 256 ? new Uint8Array(m) : new Uint16Array(m);
  const counts = new Int32Array(text.alphabetSize);
  for (let j = 0; j < m; j++) {
    const from = j * b;
    if (rule === 'decimation') {
      out[j] = s[from];
      continue;
    }
    let best = s[from];
    let bestCount = 0;
    for (let i = from; i < from + b; i++) {
      const c = ++counts[s[i]];
      if (c > bestCount) {
        bestCount = c;
        best = s[i];
      }
    }
    // ties go to the symbol that reached the top count first, i.e. appears first among the tied
    for (let i = from; i < from + b; i++) counts[s[i]] = 0;
    out[j] = best;
  }
  return { symbols: out, alphabetSize: text.alphabetSize, ...(text.labels ? { labels: text.labels } : {}) };
}

/** Maps every symbol a to classes[a] (merged classes, e.g. 12 universal tags to fewer). */
export function mergeClasses(input: TextInput, classes: ArrayLike<number>): SymbolText {
  const text = toSymbolText(input);
  if (classes.length < text.alphabetSize) throw new InvalidOptionError('classes', classes.length, `a class for each of the ${text.alphabetSize} symbols`);
  return toSymbolText(Array.from(text.symbols, (a) => classes[a]));
}

export interface TextRgOptions {
  /** Block length b >= 2. @default 2 */
  block?: number;
  /** Levels after the original (>= 1). @default 4 */
  levels?: number;
  rule?: TextBlockRule;
  /** Largest distance at level 0 (in original symbols). @default 256 */
  maxDistance?: number;
  /** Distances [from, to] of the decay fit at every level, in original symbols. @default all */
  fitRange?: [number, number];
  backend?: 'auto' | 'wasm' | 'js';
  core?: CoreSource;
}

export interface TextRgLevel {
  level: number;
  /** b^level: original symbols per symbol. */
  scale: number;
  length: number;
  /** C at physical distance r = r_level * scale. */
  correlation: DistancePoint[];
  fit: DecayFit;
  /** h_k at the largest order the level allows (bits a coarse symbol). */
  entropyRate: TextAnalysis['entropyRate'];
}

/** A level's fit with distances in original symbols (the exponent of a power law does not change). */
function inPhysicalUnits(fit: DecayFit, scale: number): DecayFit {
  const e = fit.exponential;
  return { ...fit, exponential: { ...e, length: e.length * scale, error: e.error * scale }, range: [fit.range[0] * scale, fit.range[1] * scale] };
}

/** C(r) and the entropy rate level by level (see the module comment). */
export async function textRgFlow(input: TextInput, options?: TextRgOptions): Promise<TextRgLevel[]> {
  const o = checkKnownKeys<TextRgOptions>(options, ['block', 'levels', 'rule', 'maxDistance', 'fitRange', 'backend', 'core']);
  let text = toSymbolText(input);
  const b = checkInteger('block', o.block ?? 2, 2, 1024);
  const levels = checkInteger('levels', o.levels ?? 4, 1, 30);
  const R = checkInteger('maxDistance', o.maxDistance ?? 256, 1, text.symbols.length - 1, 'below the text length');
  if (Math.floor(text.symbols.length / b ** levels) < 16)
    throw new InvalidOptionError('levels', levels, `a depth that leaves at least 16 symbols (text of ${text.symbols.length}, block ${b})`);
  const out: TextRgLevel[] = [];
  for (let level = 0; level <= levels; level++) {
    const scale = b ** level;
    const maxDistance = Math.max(1, Math.min(Math.floor(R / scale), Math.floor(text.symbols.length / 4)));
    const fitRange: [number, number] | undefined = o.fitRange
      ? [Math.max(1, Math.ceil(o.fitRange[0] / scale)), Math.max(1, Math.floor(o.fitRange[1] / scale))]
      : undefined;
    const a = await analyzeText(text, {
      maxDistance,
      mutualInformation: false,
      ...(fitRange ? { fitRange } : {}),
      ...(o.backend ? { backend: o.backend } : {}),
      ...(o.core ? { core: o.core } : {}),
    });
    const correlation = a.correlation.map((p) => ({ r: p.r * scale, value: p.value, error: p.error }));
    out.push({ level, scale, length: a.length, correlation, fit: inPhysicalUnits(a.correlationFit, scale), entropyRate: a.entropyRate });
    if (level < levels) text = coarseGrainText(text, b, o.rule ?? 'majority');
  }
  return out;
}
