/** The "Language kernels" section of bench/RESULTS.md (bench/language.ts writes it into bench/results-language.json). */

export interface LanguageReport {
  environment: Record<string, string | number>;
  symbols: number;
  alphabet: number;
  maxDistance: number;
  /** Seconds of analyzeText (C(r) r = 1..R, I(r) at ~30 distances, H_k, Zipf, Heaps, jackknife) per engine. */
  analyze: Record<string, number>;
  /** Equal-pair comparisons (symbol pairs at distances 1..R) per ns, per engine. */
  pairsPerNs: Record<string, number>;
  /** Markov sampling, symbols per ns, per engine. */
  samplingPerNs: Record<string, number>;
  loadAtEnd: number;
}

export function languageSection(report: LanguageReport | undefined): string[] {
  if (!report) return [];
  const e = report.environment;
  const engines = Object.keys(report.pairsPerNs);
  const simd = report.pairsPerNs['wasm simd'];
  return [
    '## Language kernels (issue 17)',
    '',
    `Written by \`npm run bench:language\` (bench/language.ts): a text of ${Number.isInteger(Math.log10(report.symbols)) ? `10^${Math.log10(report.symbols)}` : report.symbols} symbols (K = ${report.alphabet}, an order-2 Markov`,
    `model of the Brown corpus parts of speech at T = 1), analysed through the public API with maxDistance = ${report.maxDistance}.`,
    `Node ${e.runtime}, ${e.cpu}, ${e.cores} cores, commit ${e.commit}, ${e.date}; load average (1 min) ${e['load average (1 min) at start']} at start, ${report.loadAtEnd.toFixed(2)} at end.`,
    '',
    '| engine | analyzeText, s | equal-pair counting, pairs/ns | vs wasm simd | Markov sampling, symbols/ns |',
    '|---|---:|---:|---:|---:|',
    ...engines.map((name) => `| ${name} | ${report.analyze[name] !== undefined ? report.analyze[name].toFixed(2) : '-'} | ${report.pairsPerNs[name].toFixed(2)} | ${(report.pairsPerNs[name] / simd).toFixed(3)}x | ${report.samplingPerNs[name] !== undefined ? report.samplingPerNs[name].toFixed(3) : '-'} |`),
    '',
    'analyzeText times the whole analysis (C(r) at every r up to R, I(r) at about 30 distances, block entropies,',
    'Zipf, Heaps, 20 jackknife blocks); the JS engine is timed on a 10^6-symbol prefix for the pair counting',
    'and not for the whole analysis (it would take minutes). Throughput drops on a busy machine: compare ratios.',
    '',
  ];
}
