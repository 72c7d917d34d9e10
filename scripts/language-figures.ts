/**
 * The figures of docs/language.md: the Brown corpus part-of-speech correlations (the reference
 * critical language), Markov models of it sampled at several temperatures (exponential decay at
 * every T), the Random Language Model's order parameters against x = eps_d ln N for several N, and
 * the RG flow of text. Writes docs/language-*.svg and prints every number the page quotes.
 *
 *   npx tsx scripts/language-figures.ts [--grammars 8] [--largest 128]
 */
import { writeFileSync } from 'node:fs';
import { analyzeText, fitMarkov, loadBrown, rlmSweep, sampleMarkov, textRgFlow, type DecayFit, type DistancePoint } from '../src/index.js';
import { formatWithError } from '../src/cli/format.js';
import { plotSvg, type Series } from './svg-plot.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const docs = (name: string) => new URL(`../docs/${name}`, import.meta.url);
const fitText = (f: DecayFit) =>
  `${f.winner} over r = ${f.range[0]}..${f.range[1]} (delta AIC = ${f.deltaAic.toFixed(1)}): alpha = ${formatWithError(f.powerLaw.exponent, f.powerLaw.error)}, xi = ${formatWithError(f.exponential.length, f.exponential.error)}`;
const positive = (points: DistancePoint[]) => points.filter((p) => p.value > 0).map((p) => ({ x: p.r, y: p.value, error: p.error }));
const fitLine = (f: DecayFit, label: string): Series => {
  const [a, b] = f.range;
  const xs = Array.from({ length: 20 }, (_, i) => a * (b / a) ** (i / 19));
  return f.winner === 'exponential'
    ? { label, dashed: true, points: xs.map((x) => ({ x, y: f.exponential.amplitude * Math.exp(-x / f.exponential.length) })) }
    : { label, dashed: true, points: xs.map((x) => ({ x, y: f.powerLaw.amplitude * x ** -f.powerLaw.exponent })) };
};

// 1. Brown corpus parts of speech
const t0 = Date.now();
const brown = await loadBrown();
const b = await analyzeText(brown, { maxDistance: 1000, fitRange: [10, 1000] });
console.log(`## Brown corpus, universal parts of speech: n = ${b.length}, K = ${b.alphabetSize}, ${b.blocks} blocks of ${b.blockLength}`);
console.log(`C(r): ${fitText(b.correlationFit)}`);
console.log(`I(r): ${fitText(b.mutualInformationFit!)}`);
console.log(`C(1) = ${formatWithError(b.correlation[0].value, b.correlation[0].error)}, C(10) = ${formatWithError(b.correlation[9].value, b.correlation[9].error)}, C(100) = ${formatWithError(b.correlation[99].value, b.correlation[99].error)}, C(1000) = ${formatWithError(b.correlation[999].value, b.correlation[999].error)}`);
console.log(`entropy rate h_${b.entropyRate.order} = ${formatWithError(b.entropyRate.value, b.entropyRate.error)} bits; Zipf ${formatWithError(b.zipf.value, b.zipf.error)}`);
const onLog = new Set(b.mutualInformation.map((p) => p.r));
writeFileSync(
  docs('language-brown.svg'),
  plotSvg(
    [
      { label: 'C(r) (positive part)', points: positive(b.correlation.filter((p) => onLog.has(p.r))) },
      fitLine(b.correlationFit, `C fit r^-${b.correlationFit.powerLaw.exponent.toFixed(2)}`),
      { label: 'I(r), bits', points: positive(b.mutualInformation) },
      fitLine(b.mutualInformationFit!, `I fit r^-${b.mutualInformationFit!.powerLaw.exponent.toFixed(2)}`),
    ],
    { title: 'Brown corpus, parts of speech (universal tagset)', xLabel: 'distance r (tokens)', yLabel: 'C(r), I(r)', logX: true, logY: true },
  ),
);

// 2. Markov models of the same text at several temperatures
const model = fitMarkov(brown, { order: 2 });
console.log(`\n## Order-2 Markov model of the Brown parts of speech (${model.rows.length - 1} contexts), 10^6 symbols a temperature, seed 1`);
const markovSeries: Series[] = [];
for (const temperature of [0.15, 0.3, 0.5, 1, 2, 4]) {
  const text = await sampleMarkov(model, { temperature, length: 1_000_000, seed: 1 });
  const a = await analyzeText(text, { maxDistance: 200 });
  const f = a.mutualInformationFit!;
  console.log(`T = ${temperature}: I(1) = ${formatWithError(a.mutualInformation[0].value, a.mutualInformation[0].error)} bits; I(r): ${fitText(f)}; h = ${formatWithError(a.entropyRate.value, a.entropyRate.error)} bits`);
  markovSeries.push({ label: `Markov T = ${temperature}`, points: positive(a.mutualInformation.filter((p) => p.value > 2 * p.error)) });
}
markovSeries.push({ label: 'Brown corpus', points: positive(b.mutualInformation.filter((p) => p.r <= 200)) });
writeFileSync(
  docs('language-markov.svg'),
  plotSvg(markovSeries, { title: 'I(r) of Markov samples at temperature T vs the corpus', xLabel: 'distance r', yLabel: 'I(r), bits (significant points)', logY: true }),
);

// 3. The RLM transition against x = eps_d ln N
const grammars = arg('grammars', 8);
const largest = arg('largest', 128);
const Ns = [8, 16, 32, 64, 128, 256].filter((N) => N <= largest);
const xs = Array.from({ length: 17 }, (_, k) => 2 ** (-5 + k / 2));
const sweep = rlmSweep({ hidden: Ns, x: xs, grammars, seed: 1 });
console.log(`\n## RLM order parameters against x = eps_d ln N, ${grammars} grammars a point (mean +- error)`);
console.log(`x: ${xs.map((x) => x.toPrecision(3)).join(' ')}`);
for (const key of ['ruleEntropy', 'childEntropy', 'participation'] as const) {
  for (const N of Ns) console.log(`${key} N=${N}: ${sweep.filter((p) => p.hidden === N).map((p) => p.mean[key].toFixed(3)).join(' ')}`);
}
const rlmPlot = (key: 'ruleEntropy' | 'childEntropy' | 'participation', title: string, extra: Series[] = []) =>
  plotSvg([...Ns.map((N) => ({ label: `N = ${N}`, points: sweep.filter((p) => p.hidden === N).map((p) => ({ x: p.x, y: p.mean[key], error: p.error[key] })) })), ...extra], { title, xLabel: 'x = eps_d ln N', yLabel: key, logX: true, logY: key === 'participation' });
writeFileSync(docs('language-rlm-entropy.svg'), rlmPlot('ruleEntropy', 'RLM rule entropy H[p(bc|a)] / ln N^2', [{ label: 'annealed REM 1 - 1/(8x)', dashed: true, points: xs.filter((x) => x > 0.125).map((x) => ({ x, y: 1 - 1 / (8 * x) })) }]));
writeFileSync(docs('language-rlm-child.svg'), rlmPlot('childEntropy', 'RLM child-marginal entropy H[p_L(b|a)] / ln N'));
writeFileSync(docs('language-rlm-participation.svg'), rlmPlot('participation', 'RLM participation ratio Y = sum p(bc|a)^2'));

// 4. The RG flow of text: Brown vs its Markov model at T = 1
console.log('\n## RG flow (majority blocks of 2): C(r) fitted over r = 10..1024 original symbols at each level');
const markovText = await sampleMarkov(model, { temperature: 1, length: brown.symbols.length, seed: 2 });
for (const [name, text] of [['Brown', brown], ['Markov T=1', markovText]] as const) {
  const levels = await textRgFlow(text, { block: 2, levels: 5, maxDistance: 1024, fitRange: [10, 1024] });
  for (const l of levels) console.log(`${name} level ${l.level} (scale ${l.scale}, n = ${l.length}): ${l.fit.winner === 'undetermined' ? 'no significant correlations' : fitText(l.fit)}; h = ${formatWithError(l.entropyRate.value, l.entropyRate.error)} bits`);
}
console.log(`\n(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
