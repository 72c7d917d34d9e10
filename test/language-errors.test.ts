// Bad input to the language API gets an InvalidOptionError that names the field and the value:
// empty texts, maxDistance >= length, negative temperatures, unknown keys, bad grammars and models.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/errors.js';
import { analyzeText, createRlm, encodeTokens, fitMarkov, rlmSweep, sampleMarkov, sampleText, sampleTrees, temperatureSweep, textRgFlow, toSymbolText } from '../src/language/index.js';

async function rejects(run: () => unknown, option: string, value: RegExp): Promise<void> {
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidOptionError);
  const e = error as InvalidOptionError;
  expect(e.option).toBe(option);
  expect(e.message).toMatch(value);
}

const logits = () => [0, 1, 2];

describe('language: bad input', () => {
  it('texts', async () => {
    await rejects(() => analyzeText([]), 'symbols', /non-empty sequence/);
    await rejects(() => toSymbolText([1, -2]), 'symbols[1]', /got -2/);
    await rejects(() => toSymbolText([1, 0.5]), 'symbols[1]', /integer symbol/);
    await rejects(() => encodeTokens([]), 'tokens', /at least one token/);
    await rejects(() => analyzeText([1, 2, 3, 1], { maxDistance: 4 }), 'maxDistance', /below the text length 4\), got 4/);
    await rejects(() => analyzeText([1, 2, 3, 1], { maxDistance: 0 }), 'maxDistance', /got 0/);
    await rejects(() => analyzeText([1, 2, 3, 1], { maxdistance: 2 } as never), 'maxdistance', /unknown option "maxdistance"/);
    await rejects(() => analyzeText([1, 2, 3, 1, 2, 3], { maxDistance: 2, blocks: 3 }), 'blocks', /got 3/);
    await rejects(() => analyzeText([1, 2, 3, 1], { backend: 'gpu' as never }), 'backend', /"wasm"/);
    await rejects(() => analyzeText([1, 2, 3, 1], { fitRange: [3, 1] }), 'fitRange', /from <= to/);
  });

  it('generators', async () => {
    const model = fitMarkov([0, 1, 2, 1, 0, 2, 2, 1]);
    await rejects(() => sampleMarkov(model, { temperature: -1, length: 10 }), 'temperature', /got -1/);
    await rejects(() => sampleMarkov(model, { length: 0 }), 'length', /got 0/);
    await rejects(() => sampleMarkov(model, { length: 10, seed: -3 }), 'seed', /got -3/);
    await rejects(() => sampleMarkov(model, { length: 10, temp: 1 } as never), 'temp', /unknown option/);
    await rejects(() => fitMarkov([0, 1, 0], { order: 0 }), 'order', /got 0/);
    await rejects(() => createRlm({ hidden: 1, observable: 4, epsilon: 1 }), 'hidden', /got 1/);
    await rejects(() => createRlm({ hidden: 4, observable: 4, epsilon: -0.1 }), 'epsilon', /got -0.1/);
    await rejects(() => createRlm({ hidden: 4, observable: 4, epsilon: 1, depth: 3 } as never), 'depth', /unknown option/);
    await rejects(() => rlmSweep({ hidden: [8, 4], x: [1] }), 'hidden', /increasing/);
    await rejects(() => rlmSweep({ hidden: [8], x: [0] }), 'x', /> 0/);
    const grammar = createRlm({ hidden: 4, observable: 4, epsilon: 1 });
    await rejects(() => sampleTrees(grammar, { depth: 21 }), 'depth', /got 21/);
    await rejects(() => sampleTrees(grammar, { root: 4 }), 'root', /got 4/);
  });

  it('the language-model adapter', async () => {
    await rejects(() => sampleText({ nextLogits: logits, temperature: -0.5, length: 3 }), 'temperature', /got -0.5/);
    await rejects(() => sampleText({ nextLogits: 'gpt2' as never, temperature: 1, length: 3 }), 'nextLogits', /a function/);
    await rejects(() => sampleText({ nextLogits: () => [], temperature: 1, length: 3 }), 'nextLogits', /non-empty array/);
    await rejects(() => sampleText({ nextLogits: () => [0, NaN], temperature: 1, length: 3 }), 'nextLogits', /finite logits/);
    await rejects(() => sampleText({ nextLogits: logits, temperature: 1, length: 3, top_k: 5 } as never), 'top_k', /unknown option/);
    await rejects(() => temperatureSweep({ nextLogits: logits, temperatures: [1, -2], length: 50 }), 'temperatures[1]', /got -2/);
    await rejects(() => temperatureSweep({ nextLogits: logits, temperatures: [1], length: 50, maxDistance: 50 }), 'maxDistance', /below length 50/);
    await rejects(() => temperatureSweep({ nextLogits: logits, temperatures: [1], length: 50, classify: () => -1 }), 'classify', /got -1/);
  });

  it('the RG view', async () => {
    await rejects(() => textRgFlow([0, 1, 0, 1, 1, 0, 1, 0], { block: 1 }), 'block', /got 1/);
    await rejects(() => textRgFlow(Array.from({ length: 64 }, (_, i) => i % 3), { levels: 3, maxDistance: 10 }), 'levels', /at least 16 symbols/);
  });
});
