// The language-model adapter: a deterministic toy model (logits depend on the last token) sampled
// at T gives the same tokens for the same seed; T = 0 is greedy; token frequencies follow
// softmax(logits / T); and temperatureSweep finds long-range order at low T and none at high T.
import { describe, expect, it } from 'vitest';
import { sampleText, softmaxAt, temperatureSweep } from '../src/language/index.js';

// a 3-token model that prefers to continue a cycle 0 -> 1 -> 2 -> 0
const cycle = (context: readonly number[]) => {
  const last = context.length > 0 ? context[context.length - 1] : 0;
  return [0, 1, 2].map((t) => (t === (last + 1) % 3 ? 2 : 0));
};

describe('sampleText and temperatureSweep', () => {
  it('is deterministic in the seed, greedy at T = 0, and samples softmax(logits / T)', async () => {
    const a = await sampleText({ nextLogits: cycle, temperature: 1, length: 500, seed: 3 });
    const b = await sampleText({ nextLogits: async (c) => cycle(c), temperature: 1, length: 500, seed: 3 });
    expect(a.tokens).toEqual(b.tokens);
    const c = await sampleText({ nextLogits: cycle, temperature: 1, length: 500, seed: 4 });
    expect(c.tokens).not.toEqual(a.tokens);
    const greedy = await sampleText({ nextLogits: cycle, temperature: 0, length: 9, prompt: [2] });
    expect(greedy.tokens).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    // frequency of "follow the cycle" against softmax: e^2 / (e^2 + 2) at T = 1
    const long = await sampleText({ nextLogits: cycle, temperature: 1, length: 20000, seed: 5, contextLength: 1 });
    let follows = 0;
    for (let i = 1; i < long.tokens.length; i++) if (long.tokens[i] === (long.tokens[i - 1] + 1) % 3) follows++;
    const p = softmaxAt([2, 0, 0], 1)[0];
    const sigma = Math.sqrt((p * (1 - p)) / 20000);
    expect(Math.abs(follows / 19999 - p)).toBeLessThan(4 * sigma);
  });

  it('orders at low T, not at high T', async () => {
    const sweep = await temperatureSweep({ nextLogits: cycle, temperatures: [0.1, 5], length: 400, samples: 3, maxDistance: 30, seed: 2 });
    const [cold, hot] = sweep.points;
    // cold: the cycle persists, C(3) near its maximum 2/3; hot: near 0
    expect(cold.correlation[2].value).toBeGreaterThan(0.5);
    expect(Math.abs(hot.correlation[2].value)).toBeLessThan(0.1);
    expect(cold.orderParameter.value).toBeGreaterThan(hot.orderParameter.value);
    expect(cold.example).toHaveLength(400);
    expect(sweep.points).toHaveLength(2);
  });
});
