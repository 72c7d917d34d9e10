/**
 * `criticality language ...`: the statistics of symbol texts and the language generators from the
 * command line (docs/language.md). Subcommands: analyze, corpus, markov, rlm, sweep, rg.
 * Output as a table (default) or JSON (--format json; NaN and infinities as null).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidOptionError } from '../errors.js';
import { formatWithError } from './format.js';
import { choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import type { Io } from './io.js';
import { analyzeText, type TextAnalysis } from '../language/statistics.js';
import type { DecayFit } from '../language/fit.js';
import { TokenEncoder, toSymbolText, type SymbolText } from '../language/text.js';
import { loadBrown, TAGSETS } from '../language/brown.js';
import { fitMarkov, sampleMarkov } from '../language/markov.js';
import { checkNonNegative } from '../language/validate.js';
import { createRlm, rlmOrderParameters, rlmSweep, type RlmSweepPoint } from '../language/rlm.js';
import { sampleTrees } from '../language/grammar.js';
import { textRgFlow, TEXT_BLOCK_RULES, type TextRgLevel } from '../language/rg.js';

const LANGUAGE_FORMATS = ['table', 'json'] as const;

export const LANGUAGE_USAGE = `criticality language <subcommand> [flags] (docs/language.md):
  analyze FILE                       C(r), I(r), entropy rate, Zipf, Heaps of a text: one integer
                                     symbol per line, or with --tokens whitespace-separated tokens
  corpus brown                       the Brown corpus: --pos (parts of speech, default) or --words,
                                     --tagset universal|brown [universal], --categories abc [all]
  markov                             order-k Markov model of a corpus sampled at temperatures:
                                     --corpus brown|FILE [brown] (--words for Brown's words, --tokens
                                     for a token FILE), --order k [1], --temperatures T1,T2 [0.5,1,2],
                                     --length n [200000], --seed S [1], --show n [20] symbols of each
  rlm                                one Random Language Model grammar and a text from it:
                                     --hidden N --observable M --epsilon E [--surface-epsilon E_s]
                                     --depth D [10] --sentences S [200] --seed S [1] --show n [32]
  sweep                              RLM order parameters against x = eps_d ln N at several N:
                                     --hidden 8,16,32 --x 0.05,0.1,... --grammars G [8] --observable M [2]
  rg FILE | --corpus brown           coarse-grained text level by level: --block b [2] --levels k [4]
                                     --rule majority|decimation [majority]
  Statistics flags (analyze, corpus, markov, rlm, rg):
  --max-distance R                   largest distance r [analyze, corpus: 1000 (or n/4); others 200]
  --blocks B                         blocks of the jackknife errors [20]
  --fit-range FROM:TO                distances of the power-law / exponential fits [all significant]
  --backend auto|wasm|js             engine of the counting loops [auto]
  --format table|json                output format [table]
Examples:
  criticality language corpus brown --pos --fit-range 10:1000
  criticality language markov --order 2 --temperatures 0.3,1,3 --max-distance 100
  criticality language rlm --hidden 16 --observable 8 --epsilon 0.02 --depth 10
  criticality language sweep --hidden 8,16,32,64 --x 0.0625,0.125,0.25,0.5,1,2
`;

const STAT_FLAGS: FlagSpec = {
  'max-distance': { type: 'string' },
  blocks: { type: 'string' },
  'fit-range': { type: 'string' },
  backend: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** API option -> the flag a user typed. */
const FLAG_OF: Record<string, string> = {
  maxDistance: '--max-distance',
  blocks: '--blocks',
  fitRange: '--fit-range',
  backend: '--backend',
  order: '--order',
  temperature: '--temperatures',
  length: '--length',
  seed: '--seed',
  hidden: '--hidden',
  observable: '--observable',
  epsilon: '--epsilon',
  surfaceEpsilon: '--surface-epsilon',
  depth: '--depth',
  sentences: '--sentences',
  x: '--x',
  grammars: '--grammars',
  block: '--block',
  levels: '--levels',
  rule: '--rule',
  categories: '--categories',
  tagset: '--tagset',
  symbols: 'FILE',
};

function asFlag(error: unknown): unknown {
  if (error instanceof InvalidOptionError && error.option in FLAG_OF) return new InvalidOptionError(FLAG_OF[error.option], error.value, error.expected);
  return error;
}

/** JSON: NaN and infinities as null. */
function toJson(value: unknown): string {
  const plain = (_key: string, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Uint8Array || v instanceof Uint16Array ? Array.from(v) : v;
  return `${JSON.stringify(value, plain)}\n`;
}

function list(flag: string, text: string | boolean | undefined, fallback: number[]): number[] {
  if (text === undefined) return fallback;
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidOptionError(`--${flag}`, text, 'comma-separated numbers');
  return text.split(',').map((part) => {
    const v = Number(part);
    if (part.trim() === '' || Number.isNaN(v)) throw new InvalidOptionError(`--${flag}`, text, 'comma-separated numbers');
    return v;
  });
}

function fitRange(text: string | boolean | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const m = typeof text === 'string' ? /^(\d+):(\d+)$/.exec(text.trim()) : null;
  if (!m) throw new InvalidOptionError('--fit-range', text, 'FROM:TO, two integer distances');
  return [Number(m[1]), Number(m[2])];
}

/** Positionals before the first flag, then the flags. */
function split(argv: string[]): { positionals: string[]; rest: string[] } {
  const i = argv.findIndex((a) => a.startsWith('-'));
  return i < 0 ? { positionals: argv, rest: [] } : { positionals: argv.slice(0, i), rest: argv.slice(i) };
}

/** Reads a text file as a stream: integers one a line, or whitespace-separated tokens. */
export async function readTextFile(path: string, tokens: boolean): Promise<SymbolText> {
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new InvalidOptionError('FILE', path, `a readable file (${e.code ?? e.message})`)));
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const encoder = new TokenEncoder();
  let ints = new Uint32Array(1024);
  let n = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (tokens) {
      const parts = line.split(/\s+/).filter((t) => t !== '');
      if (parts.length > 0) encoder.push(parts);
      continue;
    }
    const t = line.trim();
    if (t === '') continue;
    const v = Number(t);
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
      throw new InvalidOptionError('FILE', `${path}:${lineNo}: ${JSON.stringify(t)}`, 'one integer symbol >= 0 per line (or --tokens)');
    if (n === ints.length) {
      const grown = new Uint32Array(ints.length * 2);
      grown.set(ints);
      ints = grown;
    }
    ints[n++] = v;
  }
  if (tokens) return encoder.finish();
  if (n === 0) throw new InvalidOptionError('FILE', path, 'a non-empty file of symbols');
  return toSymbolText(ints.subarray(0, n));
}

function statOptions(flags: Record<string, string | boolean | undefined>, defaultMax: number | undefined) {
  const maxDistance = numberFlag('max-distance', flags['max-distance'], 'an integer distance') ?? defaultMax;
  const blocks = numberFlag('blocks', flags.blocks, 'an integer number of blocks');
  const range = fitRange(flags['fit-range']);
  const backend = choiceFlag('backend', flags.backend, ['auto', 'wasm', 'js'] as const);
  return {
    ...(maxDistance !== undefined ? { maxDistance } : {}),
    ...(blocks !== undefined ? { blocks } : {}),
    ...(range ? { fitRange: range } : {}),
    ...(backend ? { backend } : {}),
  };
}

function fitLine(name: string, fit: DecayFit | undefined): string {
  if (!fit || fit.winner === 'undetermined') return `${name}: no decay fit (fewer than 3 significant points)`;
  const pl = fit.powerLaw;
  const ex = fit.exponential;
  return (
    `${name}: ${fit.winner} (delta AIC = ${fit.deltaAic.toFixed(1)}, weight ${fit.weight.toFixed(3)}) over r = ` +
    `${fit.range[0]}..${fit.range[1]} (${fit.points} points)\n` +
    `  power law   r^-alpha:     alpha = ${formatWithError(pl.exponent, pl.error)}  chi2/dof = ${(pl.chi2 / pl.dof).toFixed(2)}\n` +
    `  exponential exp(-r/xi):   xi = ${formatWithError(ex.length, ex.error)}  chi2/dof = ${(ex.chi2 / ex.dof).toFixed(2)}`
  );
}

function cell(v: { value: number; error: number } | undefined): string {
  return v ? formatWithError(v.value, v.error) : '';
}

/** The human-readable report of an analysis. */
export function analysisToTable(a: TextAnalysis, title: string): string {
  const rows =
    a.mutualInformation.length > 0
      ? a.mutualInformation.map((p) => p.r)
      : a.correlation.filter((p) => [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000].includes(p.r)).map((p) => p.r);
  const mi = new Map(a.mutualInformation.map((p) => [p.r, p]));
  const body = rows.map((r) => [String(r), cell(a.correlation[r - 1]), cell(mi.get(r))]);
  const header = ['r', 'C(r)', 'I(r) bits'];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const out = [
    `${title}  n=${a.length}  K=${a.alphabetSize}  blocks=${a.blocks}x${a.blockLength}  backend=${a.backend}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    fitLine('C(r)', a.correlationFit),
    ...(a.mutualInformationFit ? [fitLine('I(r)', a.mutualInformationFit)] : []),
    `entropy rate h_${a.entropyRate.order} = ${cell(a.entropyRate)} bits/symbol  (H_k: ${a.blockEntropies.map((h) => h.value.toFixed(3)).join(', ')})`,
    `Zipf exponent ${cell(a.zipf)}   Heaps exponent ${cell(a.heaps)}`,
  ];
  if (a.warnings.length > 0) out.push('', 'warnings:', ...a.warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}

async function analyzeCommand(argv: string[], io: Io): Promise<number> {
  const { positionals, rest } = split(argv);
  const flags = parseFlags(rest, { ...STAT_FLAGS, tokens: { type: 'boolean' } });
  if (flags.help) return usage(io);
  if (positionals.length !== 1)
    throw new InvalidOptionError('FILE', positionals.join(' ') || undefined, 'one file name: criticality language analyze FILE [flags]');
  const format = choiceFlag('format', flags.format, LANGUAGE_FORMATS) ?? 'table';
  const text = await readTextFile(positionals[0], Boolean(flags.tokens));
  const a = await analyzeText(text, statOptions(flags, undefined));
  io.stdout(format === 'json' ? toJson({ file: positionals[0], ...a }) : analysisToTable(a, `text ${positionals[0]}`));
  return 0;
}

async function corpusCommand(argv: string[], io: Io): Promise<number> {
  const { positionals, rest } = split(argv);
  const flags = parseFlags(rest, {
    ...STAT_FLAGS,
    pos: { type: 'boolean' },
    words: { type: 'boolean' },
    tagset: { type: 'string' },
    categories: { type: 'string' },
  });
  if (flags.help) return usage(io);
  if (positionals.length !== 1 || positionals[0] !== 'brown')
    throw new InvalidOptionError('corpus', positionals.join(' ') || undefined, '"brown" (criticality language corpus brown [--pos])');
  if (flags.pos && flags.words) throw new InvalidOptionError('--words', true, 'either --pos or --words');
  const format = choiceFlag('format', flags.format, LANGUAGE_FORMATS) ?? 'table';
  const tagset = choiceFlag('tagset', flags.tagset, TAGSETS) ?? 'universal';
  const categories = typeof flags.categories === 'string' ? flags.categories.split('') : undefined;
  const brown = await loadBrown({ symbols: flags.words ? 'words' : 'pos', tagset, ...(categories ? { categories } : {}) });
  const a = await analyzeText(brown, statOptions(flags, undefined));
  const title = `Brown corpus ${flags.words ? 'words' : `parts of speech (${tagset})`}, ${brown.files.length} files`;
  io.stdout(
    format === 'json'
      ? toJson({ corpus: 'brown', symbols: flags.words ? 'words' : 'pos', tagset, files: brown.files.length, labels: brown.labels, ...a })
      : analysisToTable(a, title),
  );
  return 0;
}

function show(text: SymbolText, count: number): string {
  const labels = text.labels;
  return Array.from(text.symbols.subarray(0, count), (s) => (labels ? labels[s] : String(s))).join(' ');
}

async function markovCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    ...STAT_FLAGS,
    corpus: { type: 'string' },
    words: { type: 'boolean' },
    tokens: { type: 'boolean' },
    order: { type: 'string' },
    temperatures: { type: 'string' },
    length: { type: 'string' },
    seed: { type: 'string' },
    show: { type: 'string' },
  });
  if (flags.help) return usage(io);
  const format = choiceFlag('format', flags.format, LANGUAGE_FORMATS) ?? 'table';
  const corpus = typeof flags.corpus === 'string' ? flags.corpus : 'brown';
  list('temperatures', flags.temperatures, []).forEach((t) => checkNonNegative('temperature', t));
  const source = corpus === 'brown' ? await loadBrown({ symbols: flags.words ? 'words' : 'pos' }) : await readTextFile(corpus, Boolean(flags.tokens));
  const order = numberFlag('order', flags.order, 'an integer order') ?? 1;
  const temperatures = list('temperatures', flags.temperatures, [0.5, 1, 2]);
  const length = numberFlag('length', flags.length, 'an integer number of symbols') ?? 200_000;
  const seed = numberFlag('seed', flags.seed, 'an integer seed') ?? 1;
  const count = numberFlag('show', flags.show, 'an integer number of symbols') ?? 20;
  const model = fitMarkov(source, { order });
  const stats = statOptions(flags, 200);
  const results = [];
  for (const temperature of temperatures) {
    const text = await sampleMarkov(model, { temperature, length, seed, ...(stats.backend ? { backend: stats.backend } : {}) });
    const a = await analyzeText(text, stats);
    results.push({ temperature, sample: show(text, count), analysis: a });
  }
  if (format === 'json') {
    io.stdout(
      toJson({
        corpus,
        order,
        length,
        seed,
        states: model.rows.length - 1,
        temperatures: results.map((r) => ({ temperature: r.temperature, sample: r.sample, ...r.analysis })),
      }),
    );
    return 0;
  }
  const out = [
    `Markov order ${order} fitted to ${corpus}${flags.words ? ' words' : corpus === 'brown' ? ' parts of speech' : ''}: ` +
      `${model.rows.length - 1} states; ${length} symbols a temperature, seed ${seed}`,
    '',
  ];
  // I(r) >= 0 decides the form of the decay (C(r) of a chain is often negative or oscillating)
  const header = ['T', 'C(1)', 'C(10)', 'I(1) bits', 'I(r) decay', 'xi', 'alpha', 'h bits'];
  const rows = results.map(({ temperature, analysis: a }) => {
    const f = a.mutualInformationFit ?? a.correlationFit;
    return [
      String(temperature),
      cell(a.correlation[0]),
      cell(a.correlation[Math.min(9, a.correlation.length - 1)]),
      cell(a.mutualInformation[0]),
      f.winner,
      formatWithError(f.exponential.length, f.exponential.error),
      formatWithError(f.powerLaw.exponent, f.powerLaw.error),
      cell(a.entropyRate),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  out.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...results.map((r) => `T=${r.temperature}: ${r.sample}`));
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}

async function rlmCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    ...STAT_FLAGS,
    hidden: { type: 'string' },
    observable: { type: 'string' },
    epsilon: { type: 'string' },
    'surface-epsilon': { type: 'string' },
    depth: { type: 'string' },
    sentences: { type: 'string' },
    seed: { type: 'string' },
    show: { type: 'string' },
  });
  if (flags.help) return usage(io);
  const format = choiceFlag('format', flags.format, LANGUAGE_FORMATS) ?? 'table';
  for (const required of ['hidden', 'observable', 'epsilon'])
    if (flags[required] === undefined) throw new InvalidOptionError(`--${required}`, undefined, 'a value (required)');
  const surface = numberFlag('surface-epsilon', flags['surface-epsilon'], 'a number > 0');
  const grammar = createRlm({
    hidden: numberFlag('hidden', flags.hidden, 'an integer N')!,
    observable: numberFlag('observable', flags.observable, 'an integer M')!,
    epsilon: numberFlag('epsilon', flags.epsilon, 'a number > 0')!,
    ...(surface !== undefined ? { surfaceEpsilon: surface } : {}),
    seed: numberFlag('seed', flags.seed, 'an integer seed') ?? 1,
  });
  const stats = statOptions(flags, 200);
  const depth = numberFlag('depth', flags.depth, 'an integer depth') ?? 10;
  const sentences = numberFlag('sentences', flags.sentences, 'an integer number of sentences') ?? 200;
  const text = await sampleTrees(grammar, { depth, sentences, seed: grammar.seed, ...(stats.backend ? { backend: stats.backend } : {}) });
  const order = rlmOrderParameters(grammar);
  const a = await analyzeText(text, stats);
  const x = grammar.epsilon * Math.log(grammar.hidden);
  if (format === 'json') {
    io.stdout(
      toJson({
        hidden: grammar.hidden,
        observable: grammar.observable,
        epsilon: grammar.epsilon,
        surfaceEpsilon: grammar.surfaceEpsilon,
        x,
        seed: grammar.seed,
        depth,
        sentences,
        orderParameters: order,
        ...a,
      }),
    );
    return 0;
  }
  const count = numberFlag('show', flags.show, 'an integer number of symbols') ?? 32;
  const head = [
    `Random Language Model  N=${grammar.hidden}  M=${grammar.observable}  eps_d=${grammar.epsilon}  eps_s=${grammar.surfaceEpsilon}  x=eps_d ` +
      `ln N=${x.toPrecision(4)}  seed=${grammar.seed}`,
    `order parameters: rule entropy ${order.ruleEntropy.toFixed(4)}  child entropy ${order.childEntropy.toFixed(4)}  participation Y ` +
      `${order.participation.toFixed(4)}  sibling information ${order.siblingInformation.toFixed(4)}  surface entropy ${order.surfaceEntropy.toFixed(4)}`,
    `sentence 1: ${show(text, count)}`,
    '',
  ];
  io.stdout(head.join('\n') + analysisToTable(a, `text: ${sentences} sentences of depth ${depth}`));
  return 0;
}

function sweepToTable(points: RlmSweepPoint[]): string {
  const header = ['N', 'x', 'eps_d', 'rule entropy', 'child entropy', 'participation Y', 'sibling info'];
  const rows = points.map((p) => [
    String(p.hidden),
    String(p.x),
    p.epsilon.toPrecision(4),
    formatWithError(p.mean.ruleEntropy, p.error.ruleEntropy),
    formatWithError(p.mean.childEntropy, p.error.childEntropy),
    formatWithError(p.mean.participation, p.error.participation),
    formatWithError(p.mean.siblingInformation, p.error.siblingInformation),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const title = 'RLM order parameters against x = eps_d ln N (mean +- error over grammars)';
  return `${[title, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

async function sweepCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    hidden: { type: 'string' },
    x: { type: 'string' },
    grammars: { type: 'string' },
    observable: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) return usage(io);
  const format = choiceFlag('format', flags.format, LANGUAGE_FORMATS) ?? 'table';
  const points = rlmSweep({
    hidden: list('hidden', flags.hidden, [8, 16, 32]),
    x: list('x', flags.x, [0.0625, 0.125, 0.25, 0.5, 1, 2, 4]),
    grammars: numberFlag('grammars', flags.grammars, 'an integer') ?? 8,
    observable: numberFlag('observable', flags.observable, 'an integer') ?? 2,
    seed: numberFlag('seed', flags.seed, 'an integer seed') ?? 1,
  });
  io.stdout(format === 'json' ? toJson({ points }) : sweepToTable(points));
  return 0;
}

function rgToTable(levels: TextRgLevel[], title: string): string {
  const out = [title, ''];
  for (const l of levels) {
    const f = l.fit;
    const verdict =
      f.winner === 'undetermined'
        ? 'undetermined'
        : `${f.winner}: alpha = ${formatWithError(f.powerLaw.exponent, f.powerLaw.error)}, xi = ` +
          `${formatWithError(f.exponential.length, f.exponential.error)} (symbols)`;
    const at = (r: number) => l.correlation.find((p) => p.r === r);
    const sample = [l.scale, 8 * l.scale, 64 * l.scale]
      .map((r) => (at(r) ? `C(${r})=${cell(at(r))}` : ''))
      .filter(Boolean)
      .join('  ');
    out.push(`level ${l.level}  scale ${l.scale}  n=${l.length}  h=${cell(l.entropyRate)} bits  ${sample}`, `  ${verdict}`);
  }
  return `${out.join('\n')}\n`;
}

async function rgCommand(argv: string[], io: Io): Promise<number> {
  const { positionals, rest } = split(argv);
  const flags = parseFlags(rest, {
    ...STAT_FLAGS,
    corpus: { type: 'string' },
    tokens: { type: 'boolean' },
    block: { type: 'string' },
    levels: { type: 'string' },
    rule: { type: 'string' },
  });
  if (flags.help) return usage(io);
  const format = choiceFlag('format', flags.format, LANGUAGE_FORMATS) ?? 'table';
  if (positionals.length > 1 || (positionals.length === 1) === (flags.corpus !== undefined))
    throw new InvalidOptionError('FILE', positionals.join(' ') || undefined, 'one FILE or --corpus brown');
  if (flags.corpus !== undefined && flags.corpus !== 'brown') throw new InvalidOptionError('--corpus', flags.corpus, '"brown"');
  const text = positionals.length === 1 ? await readTextFile(positionals[0], Boolean(flags.tokens)) : await loadBrown();
  const stats = statOptions(flags, 256);
  const levels = await textRgFlow(text, {
    block: numberFlag('block', flags.block, 'an integer block length') ?? 2,
    levels: numberFlag('levels', flags.levels, 'an integer') ?? 4,
    rule: choiceFlag('rule', flags.rule, TEXT_BLOCK_RULES) ?? 'majority',
    ...(stats.maxDistance !== undefined ? { maxDistance: stats.maxDistance } : {}),
    ...(stats.fitRange ? { fitRange: stats.fitRange } : {}),
    ...(stats.backend ? { backend: stats.backend } : {}),
  });
  io.stdout(format === 'json' ? toJson({ levels }) : rgToTable(levels, `text RG of ${positionals[0] ?? 'the Brown corpus (parts of speech)'}`));
  return 0;
}

function usage(io: Io): number {
  io.stdout(LANGUAGE_USAGE);
  return 0;
}

/** `criticality language <subcommand> ...`. */
export async function languageCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'analyze':
        return await analyzeCommand(rest, io);
      case 'corpus':
        return await corpusCommand(rest, io);
      case 'markov':
        return await markovCommand(rest, io);
      case 'rlm':
        return await rlmCommand(rest, io);
      case 'sweep':
        return await sweepCommand(rest, io);
      case 'rg':
        return await rgCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(LANGUAGE_USAGE);
        return sub === undefined ? 1 : 0;
      default:
        throw new InvalidOptionError('language command', sub, 'one of analyze, corpus, markov, rlm, sweep, rg, help');
    }
  } catch (error) {
    throw asFlag(error);
  }
}
