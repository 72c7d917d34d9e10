/**
 * The language-model adapter run end to end with a small model: a word bigram model of the Brown
 * corpus (the 1000 most frequent words and <unk>, which is never generated; logits ln(c(w, w') + 0.1 * 1001 * p(w')), an
 * add-constant mixture with the unigram frequencies), sampled with sampleText at several
 * temperatures by temperatureSweep, each word mapped to its most frequent universal part of speech
 * in the corpus (the paper's analysis is on parts of speech). Any model plugs in the same way; see
 * docs/language.md for transformers.js.
 *
 *   npx tsx scripts/language-adapter.ts [--length 4000] [--samples 4]
 */
import { loadBrown, temperatureSweep } from '../src/index.js';
import { formatWithError } from '../src/cli/format.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const V = 1000;
const words = await loadBrown({ symbols: 'words' });
const tags = await loadBrown({ symbols: 'pos' });
// vocabulary: the V most frequent words, then <unk>
const counts = new Float64Array(words.alphabetSize);
for (const w of words.symbols) counts[w]++;
const byCount = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a]);
const index = new Int32Array(words.alphabetSize).fill(V);
byCount.slice(0, V).forEach((w, i) => (index[w] = i));
const vocabulary = [...byCount.slice(0, V).map((w) => words.labels![w]), '<unk>'];
const size = V + 1;
const tokens = Int32Array.from(words.symbols, (w) => index[w]);
// the most frequent tag of each token
const tagCounts = new Float64Array(size * tags.alphabetSize);
tokens.forEach((t, i) => tagCounts[t * tags.alphabetSize + tags.symbols[i]]++);
const tagOf = Int32Array.from({ length: size }, (_, t) => {
  let best = 0;
  for (let k = 1; k < tags.alphabetSize; k++) if (tagCounts[t * tags.alphabetSize + k] > tagCounts[t * tags.alphabetSize + best]) best = k;
  return best;
});
// bigram counts, sparse by row
const unigram = new Float64Array(size);
const rows = Array.from({ length: size }, () => new Map<number, number>());
for (let i = 0; i < tokens.length; i++) {
  unigram[tokens[i]]++;
  if (i > 0) rows[tokens[i - 1]].set(tokens[i], (rows[tokens[i - 1]].get(tokens[i]) ?? 0) + 1);
}
const base = Float64Array.from(unigram, (c) => (0.1 * size * c) / tokens.length);
const cache = new Map<number, Float64Array>();
/** The model: logits of the next word given the context (only the last word matters). */
const nextLogits = (context: readonly number[]): Float64Array => {
  const last = context.length > 0 ? context[context.length - 1] : index[words.symbols[0]];
  let logits = cache.get(last);
  if (!logits) {
    const l = Float64Array.from(base);
    for (const [w, c] of rows[last]) l[w] += c;
    for (let j = 0; j < size; j++) l[j] = Math.log(l[j]);
    l[V] = -Infinity; // <unk> is never generated
    logits = l;
    cache.set(last, logits);
  }
  return logits;
};

const length = arg('length', 10000);
const samples = arg('samples', 4);
const t0 = Date.now();
const sweep = await temperatureSweep({
  nextLogits,
  temperatures: [0.3, 0.6, 1, 1.5, 2, 3],
  length,
  samples,
  seed: 1,
  contextLength: 1,
  maxDistance: 200,
  classify: (t) => tagOf[t],
});
console.log(`word bigram model of the Brown corpus (V = ${size}); ${samples} texts of ${length} words a temperature; C(r) of their parts of speech`);
for (const p of sweep.points) {
  const f = p.fit;
  const verdict = f.winner === 'undetermined' ? 'no significant correlations' : `${f.winner} (delta AIC ${f.deltaAic.toFixed(1)}), alpha = ${formatWithError(f.powerLaw.exponent, f.powerLaw.error)}, xi = ${formatWithError(f.exponential.length, f.exponential.error)}`;
  console.log(`T = ${p.temperature}: C(1) = ${formatWithError(p.correlation[0].value, p.correlation[0].error)}, C(10) = ${formatWithError(p.correlation[9].value, p.correlation[9].error)}; m = ${formatWithError(p.orderParameter.value, p.orderParameter.error)}, chi = ${p.susceptibility.toPrecision(3)}; ${verdict}`);
  console.log(`    "${p.example.slice(0, 24).map((t) => vocabulary[t]).join(' ')}"`);
}
console.log(`power law preferred at T = ${sweep.powerLawTemperatures.join(', ') || 'none'}; susceptibility peak at T = ${sweep.peakTemperature} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
