/**
 * `npm run bench:language`: the language kernels through the public API on a text of 10^7 symbols
 * with maxDistance = 1000 (issue 17's target: seconds with WebAssembly), the equal-pair counting
 * loop of C(r) per engine (SIMD core, scalar core, JavaScript twin), and Markov sampling. Writes
 * bench/results-language.json and the "Language kernels" section of bench/RESULTS.md. Figures, not tests.
 */
import os from 'node:os';
import { analyzeText, fitMarkov, loadBrown, sampleMarkov } from '../src/index.js';
import { loadInlinedCore } from '../src/backend/inline.js';
import { JsLanguageKernel } from '../src/language/kernel-js.js';
import { WasmLanguageKernel } from '../src/language/kernel-wasm.js';
import { baseEnvironment, flag, writeResults } from './environment.js';
import type { LanguageReport } from './language-report.js';
import { languageSection } from './language-report.js';

const n = Number(flag('symbols', '10000000'));
const R = Number(flag('max-distance', '1000'));
const environment = { ...baseEnvironment(), runtime: process.version } as Record<string, string | number>;
console.log(`load average at start: ${os.loadavg()[0].toFixed(2)}`);

const brown = await loadBrown();
const model = fitMarkov(brown, { order: 2 });
const timed = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await run();
  return [value, (performance.now() - t0) / 1000];
};

const samplingPerNs: Record<string, number> = {};
const [text, tSample] = await timed(() => sampleMarkov(model, { temperature: 1, length: n, seed: 1, backend: 'wasm' }));
samplingPerNs['wasm simd'] = n / tSample / 1e9;
const [, tSampleJs] = await timed(() => sampleMarkov(model, { temperature: 1, length: n / 10, seed: 1, backend: 'js' }));
samplingPerNs.js = n / 10 / tSampleJs / 1e9;

const analyze: Record<string, number> = {};
for (const [name, core] of [['wasm simd', await loadInlinedCore('simd')], ['wasm scalar', await loadInlinedCore('scalar')]] as const) {
  let best = Infinity;
  for (let rep = 0; rep < 2; rep++) {
    const [a, t] = await timed(() => analyzeText(text, { maxDistance: R, backend: 'wasm', core }));
    best = Math.min(best, t);
    if (rep === 0) console.log(`${name}: C(1) = ${a.correlation[0].value.toFixed(5)}, I(1) = ${a.mutualInformation[0].value.toFixed(4)} bits, fit ${a.correlationFit.winner}`);
  }
  analyze[name] = best;
  console.log(`${name}: analyzeText ${best.toFixed(2)} s`);
}

// the hot loop alone: equal pairs at every distance 1..R
const pairsPerNs: Record<string, number> = {};
const pairs = (len: number) => len * R - (R * (R + 1)) / 2;
for (const [name, core] of [['wasm simd', await loadInlinedCore('simd')], ['wasm scalar', await loadInlinedCore('scalar')]] as const) {
  const kernel = await WasmLanguageKernel.create(core);
  kernel.setText(text.symbols);
  const [, t] = await timed(() => kernel.equalCounts(n, R));
  pairsPerNs[name] = pairs(n) / t / 1e9;
}
const js = new JsLanguageKernel();
const prefix = text.symbols.subarray(0, n / 10);
js.setText(prefix);
const [, tJs] = await timed(() => js.equalCounts(prefix.length, R));
pairsPerNs.js = pairs(prefix.length) / tJs / 1e9;
for (const name of Object.keys(pairsPerNs)) console.log(`${name}: ${pairsPerNs[name].toFixed(2)} pairs/ns, sampling ${samplingPerNs[name]?.toFixed(3) ?? '-'} symbols/ns`);

const report: LanguageReport = { environment, symbols: n, alphabet: text.alphabetSize, maxDistance: R, analyze, pairsPerNs, samplingPerNs, loadAtEnd: os.loadavg()[0] };
writeResults('results-language.json', { ...report, lines: languageSection(report) });
console.log('wrote bench/results-language.json and bench/RESULTS.md');
