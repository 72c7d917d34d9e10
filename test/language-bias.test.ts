// The finite-sample bias of the mutual information, on i.i.d. symbols (true I(r) = 0): the plug-in
// estimate is biased up by about (K - 1)^2 / (2 N ln 2) bits; the Miller-Madow corrected estimate
// that analyzeText reports is consistent with 0, and C(r) of i.i.d. symbols is consistent with 0 too.
import { describe, expect, it } from 'vitest';
import { JsLanguageKernel } from '../src/language/kernel-js.js';
import { analyzeText, entropyBits } from '../src/language/statistics.js';
import { seedState, Xoshiro128 } from '../src/rng.js';

describe('bias correction on i.i.d. sequences', () => {
  it('I(r) corrected is 0 within errors; the plug-in estimate is not', async () => {
    const K = 8;
    const n = 200_000;
    const g = new Xoshiro128(seedState(21));
    const symbols = Uint8Array.from({ length: n }, () => g.next() >>> 29);
    const distances = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
    const a = await analyzeText({ symbols, alphabetSize: K }, { maxDistance: 100, distances, blocks: 20 });
    const meanCorrected = a.mutualInformation.reduce((s, p) => s + p.value, 0) / distances.length;
    const meanError = Math.sqrt(a.mutualInformation.reduce((s, p) => s + p.error ** 2, 0)) / distances.length;
    expect(Math.abs(meanCorrected)).toBeLessThan(3 * meanError);
    // the plug-in estimate from the same counts
    const kernel = new JsLanguageKernel();
    kernel.setText(symbols);
    const plugins = distances.map((r) => {
      const joint = Array.from(kernel.pairCounts(n, r, K));
      const rows = Array.from({ length: K }, (_, x) => joint.slice(x * K, x * K + K).reduce((s, c) => s + c, 0));
      const cols = Array.from({ length: K }, (_, y) => joint.filter((_, i) => i % K === y).reduce((s, c) => s + c, 0));
      return entropyBits(rows, 0, K, false) + entropyBits(cols, 0, K, false) - entropyBits(joint, 0, K * K, false);
    });
    const expectedBias = (K - 1) ** 2 / (2 * n * Math.LN2);
    const meanPlugin = plugins.reduce((s, v) => s + v, 0) / distances.length;
    expect(meanPlugin).toBeGreaterThan(meanCorrected + 4 * meanError);
    expect(Math.abs(meanPlugin - meanCorrected - expectedBias)).toBeLessThan(0.1 * expectedBias);
    // C(r) of independent symbols: 0 within errors
    const cz = a.correlation.map((p) => p.value / p.error);
    expect(cz.filter((z) => Math.abs(z) > 3.5)).toEqual([]);
    expect(cz.reduce((s, z) => s + z * z, 0) / cz.length).toBeLessThan(1.6);
  });
});
