// Block entropies, the entropy rate, and the Zipf and Heaps exponents against exact values: a Markov
// chain's entropy rate h = -sum_a pi_a sum_b P_ab log2 P_ab (h_k = h for every k >= 2), i.i.d.
// symbols (h_k = H_1 = the entropy of the distribution), and i.i.d. Zipfian symbols p_k ~ k^-z, whose
// rank-frequency exponent is z and whose vocabulary grows as t^(1/z) (Heaps).
import { describe, expect, it } from 'vitest';
import { JsLanguageKernel } from '../src/language/kernel-js.js';
import { thresholdsOf } from '../src/language/kernel.js';
import { exactChainStatistics } from '../src/language/markov.js';
import { analyzeText } from '../src/language/statistics.js';
import { seedState, Xoshiro128 } from '../src/rng.js';

describe('entropies and vocabulary exponents', () => {
  it('the entropy rate of a Markov chain and of i.i.d. symbols', async () => {
    const P = [
      [0.7, 0.2, 0.1],
      [0.3, 0.3, 0.4],
      [0.5, 0.05, 0.45],
    ];
    const rows = Int32Array.from([0, 3, 6, 9]);
    const next = Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    const { stationary } = exactChainStatistics({ rows, next, symbols: next, probabilities: P.flat(), alphabetSize: 3 }, [1]);
    const exact = -P.reduce((s, row, a) => s + stationary[a] * row.reduce((t, p) => t + p * Math.log2(p), 0), 0);
    const thresholds = new Uint32Array(9);
    P.forEach((row, a) => thresholdsOf(row, thresholds, 3 * a));
    const symbols = new JsLanguageKernel().sampleChain({ rows, thresholds, symbols: next, next }, 0, 300_000, 1, seedState(8)).symbols;
    const a = await analyzeText({ symbols, alphabetSize: 3 }, { maxDistance: 10, maxOrder: 4 });
    expect(a.entropyRate.order).toBe(4);
    for (const h of a.conditionalEntropies.slice(1)) expect(Math.abs(h.value - exact)).toBeLessThan(4 * h.error);
    expect(a.conditionalEntropies[0].value - exact).toBeGreaterThan(10 * a.conditionalEntropies[0].error); // h_1 = H_1 > h

    const g = new Xoshiro128(seedState(4));
    const iid = Uint8Array.from({ length: 100_000 }, () => g.next() >>> 29);
    const b = await analyzeText({ symbols: iid, alphabetSize: 8 }, { maxDistance: 10, maxOrder: 3 });
    for (const h of b.conditionalEntropies) expect(Math.abs(h.value - 3)).toBeLessThan(4 * h.error);
  });

  it('Zipf and Heaps exponents of Zipfian i.i.d. symbols', async () => {
    for (const z of [1.5, 2]) {
      const K = 60000;
      const cum = new Float64Array(K);
      let sum = 0;
      for (let k = 0; k < K; k++) cum[k] = sum += (k + 1) ** -z;
      const g = new Xoshiro128(seedState(3));
      const symbols = Uint16Array.from({ length: 200_000 }, () => {
        const u = (g.next() / 2 ** 32) * sum;
        let lo = 0;
        let hi = K - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (u < cum[mid]) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      });
      const a = await analyzeText({ symbols, alphabetSize: K }, { maxDistance: 10, mutualInformation: false, maxOrder: 1 });
      expect(Math.abs(a.zipf.value - z)).toBeLessThan(0.1);
      expect(Math.abs(a.heaps.value - 1 / z)).toBeLessThan(0.05);
    }
  });
});
