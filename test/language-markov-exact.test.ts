// C(r) and I(r) of a Markov chain, measured on a sampled text, against their exact values from the
// transition matrix (pi P^r), within the jackknife errors; and a chain fitted to that text samples at
// temperature T with correlations that decay exponentially (the fit says so) and lengthen as T falls,
// the same text for the same seed on both engines.
import { describe, expect, it } from 'vitest';
import { JsLanguageKernel } from '../src/language/kernel-js.js';
import { thresholdsOf, type ChainTable } from '../src/language/kernel.js';
import { exactChainStatistics, fitMarkov, markovProbabilities, sampleMarkov, type EmittingChain } from '../src/language/markov.js';
import { analyzeText } from '../src/language/statistics.js';
import { seedState } from '../src/rng.js';

// a 3-symbol chain with slow, oscillating and direct components
const P = [
  [0.8, 0.15, 0.05],
  [0.1, 0.6, 0.3],
  [0.25, 0.05, 0.7],
];
const chain: EmittingChain = {
  rows: Int32Array.from([0, 3, 6, 9]),
  next: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]),
  symbols: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]),
  probabilities: P.flat(),
  alphabetSize: 3,
};

function sample(n: number, seed: number): Uint8Array {
  const thresholds = new Uint32Array(9);
  P.forEach((row, a) => thresholdsOf(row, thresholds, 3 * a));
  const table: ChainTable = { rows: chain.rows, thresholds, symbols: chain.symbols, next: chain.next };
  return new JsLanguageKernel().sampleChain(table, 0, n, 1, seedState(seed)).symbols as Uint8Array;
}

describe('Markov chain: estimators against pi P^r', () => {
  it('C(r) and I(r) agree with the exact values within errors', async () => {
    const distances = [1, 2, 3, 5, 8, 12, 20];
    const exact = exactChainStatistics(chain, distances);
    const text = { symbols: sample(400_000, 11), alphabetSize: 3 };
    const a = await analyzeText(text, { maxDistance: 20, distances, blocks: 20 });
    const zs: number[] = [];
    for (const [k, r] of distances.entries()) {
      const c = a.correlation[r - 1];
      const i = a.mutualInformation[k];
      expect(i.r).toBe(r);
      zs.push((c.value - exact.correlation[k].value) / c.error, (i.value - exact.mutualInformation[k].value) / i.error);
    }
    for (const z of zs) expect(Math.abs(z)).toBeLessThan(4);
    // the errors are honest, not huge: chi^2 per point near 1
    const chi2 = zs.reduce((s, z) => s + z * z, 0) / zs.length;
    expect(chi2).toBeLessThan(3);
    expect(chi2).toBeGreaterThan(0.1);
    expect(a.correlation[0].value).toBeGreaterThan(20 * a.correlation[0].error);
    // the exact decay is exponential; the estimator's verdict agrees
    expect(a.correlationFit.winner).toBe('exponential');
  });

  it('a fitted order-1 model reproduces the chain, and at lower T its correlations decay more slowly', async () => {
    const text = { symbols: sample(200_000, 3), alphabetSize: 3 };
    const model = fitMarkov(text, { order: 1 });
    const p = markovProbabilities(model, 1);
    for (let s = 0; s < 3; s++) {
      for (let e = model.rows[s]; e < model.rows[s + 1]; e++) expect(Math.abs(p[e] - P[s][model.symbols[e]])).toBeLessThan(0.01);
    }
    // same seed, same text on both engines; another seed, another text
    const viaWasm = await sampleMarkov(model, { temperature: 0.7, length: 5000, seed: 9, backend: 'wasm' });
    const viaJs = await sampleMarkov(model, { temperature: 0.7, length: 5000, seed: 9, backend: 'js' });
    expect(Array.from(viaWasm.symbols)).toEqual(Array.from(viaJs.symbols));
    expect(Array.from((await sampleMarkov(model, { temperature: 0.7, length: 5000, seed: 10 })).symbols)).not.toEqual(Array.from(viaJs.symbols));
    const xi: number[] = [];
    for (const temperature of [0.5, 1, 2]) {
      const sampled = await sampleMarkov(model, { temperature, length: 100_000, seed: 4 });
      const a = await analyzeText(sampled, { maxDistance: 40, blocks: 20 });
      expect(a.correlationFit.winner).toBe('exponential');
      xi.push(a.correlationFit.exponential.length);
    }
    expect(xi[0]).toBeGreaterThan(xi[1]);
    expect(xi[1]).toBeGreaterThan(xi[2]);
  });
});
