// The Random Language Model: at eps_d -> infinity every rule is equally likely, so the rule, child and
// surface entropies take their maxima (1 in their normalisation) and the participation ratio is 1/N^2;
// at large finite eps_d they approach it as the annealed REM result 1 - 1/(8 x) (x = eps_d ln N)
// predicts; at small x the rules freeze (Y of order 1). Same seed, same grammar and same sentences
// on both backends.
import { describe, expect, it } from 'vitest';
import { sampleTrees } from '../src/language/grammar.js';
import { createRlm, rlmOrderParameters, rlmSweep } from '../src/language/rlm.js';

describe('Random Language Model', () => {
  it('entropies equal their maximum at eps_d = infinity', () => {
    const p = rlmOrderParameters(createRlm({ hidden: 12, observable: 5, epsilon: Infinity, seed: 3 }));
    expect(p.ruleEntropy).toBeCloseTo(1, 12);
    expect(p.childEntropy).toBeCloseTo(1, 12);
    expect(p.surfaceEntropy).toBeCloseTo(1, 12);
    expect(p.participation).toBeCloseTo(1 / 144, 12);
    expect(p.siblingInformation).toBeCloseTo(0, 12);
  });

  it('approaches the maximum as eps_d grows, as the annealed REM entropy 1 - 1/(8x)', () => {
    for (const x of [4, 16, 256]) {
      const [point] = rlmSweep({ hidden: [32], x: [x], grammars: 4, seed: 2 });
      const predicted = 1 - 1 / (8 * x);
      expect(Math.abs(point.mean.ruleEntropy - predicted)).toBeLessThan(0.01 + 5 * point.error.ruleEntropy);
      expect(point.mean.ruleEntropy).toBeLessThan(1);
    }
  });

  it('freezes at small x: participation ratio of order 1, entropies far below their maximum', () => {
    const [frozen, hot] = rlmSweep({ hidden: [32], x: [0.03, 2], grammars: 4, seed: 5 });
    expect(frozen.mean.participation).toBeGreaterThan(0.3);
    expect(hot.mean.participation).toBeLessThan(0.01);
    expect(frozen.mean.childEntropy).toBeLessThan(hot.mean.childEntropy - 0.3);
  });

  it('same seed, same grammar and same text on both backends', async () => {
    const a = createRlm({ hidden: 6, observable: 300, epsilon: 0.05, seed: 11 });
    const b = createRlm({ hidden: 6, observable: 300, epsilon: 0.05, seed: 11 });
    expect(a.branch).toEqual(b.branch);
    const wasm = await sampleTrees(a, { depth: 7, sentences: 30, seed: 4, backend: 'wasm', keepHidden: true });
    const js = await sampleTrees(a, { depth: 7, sentences: 30, seed: 4, backend: 'js', keepHidden: true });
    expect(wasm.symbols).toBeInstanceOf(Uint16Array);
    expect(Buffer.from(wasm.symbols.buffer).equals(Buffer.from(js.symbols.buffer))).toBe(true);
    expect(Buffer.from(wasm.hidden!.buffer).equals(Buffer.from(js.hidden!.buffer))).toBe(true);
    const other = await sampleTrees(a, { depth: 7, sentences: 30, seed: 5 });
    expect(Buffer.from(other.symbols.buffer).equals(Buffer.from(js.symbols.buffer))).toBe(false);
  });
});
