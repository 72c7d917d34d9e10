// A probabilistic context-free grammar with known structure: K hidden symbols, each child of a node
// copies its parent with probability lambda and is uniform otherwise, independently; leaves emit their
// own symbol. Two leaves whose lowest common ancestor is h levels up are joined by 2h such channels,
// so P(same) - 1/K = (1 - 1/K) lambda^(2h), and C(r) averaged over the positions of a sentence of
// L = 2^D leaves is exact: C(r) = (1/L) sum_{p + r < L} (1 - 1/K) lambda^(2 h(p, p + r)), with
// h(p, q) the bit length of p xor q (pairs in different sentences are independent). Since
// h ~ log2 r, C(r) ~ r^(2 log2 lambda): a power law (Lin & Tegmark 2017), which the fit must prefer.
import { describe, expect, it } from 'vitest';
import { sampleTrees, type CnfGrammar } from '../src/language/grammar.js';
import { analyzeText } from '../src/language/statistics.js';

const K = 4;
const lambda = 0.8;
const D = 9;
const L = 1 << D;

function broadcastGrammar(): CnfGrammar {
  const branch = new Float64Array(K * K * K);
  const child = (a: number, b: number) => (a === b ? lambda : 0) + (1 - lambda) / K;
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) for (let c = 0; c < K; c++) branch[a * K * K + b * K + c] = child(a, b) * child(a, c);
  const emit = new Float64Array(K * K);
  for (let a = 0; a < K; a++) emit[a * K + a] = 1;
  return { hidden: K, observable: K, branch, emit };
}

function exactC(r: number): number {
  let sum = 0;
  for (let p = 0; p + r < L; p++) sum += (1 - 1 / K) * lambda ** (2 * (32 - Math.clz32(p ^ (p + r))));
  return sum / L;
}

describe('PCFG with known structure: C(r) against the exact tree average', () => {
  it('measured C(r) agrees with the exact curve and decays as a power law', async () => {
    const text = await sampleTrees(broadcastGrammar(), { depth: D, sentences: 800, root: -1, seed: 7 });
    expect(text.symbols.length).toBe(800 * L);
    const distances = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];
    const a = await analyzeText(text, { maxDistance: 128, blocks: 40, distances, mutualInformation: false });
    const zs = distances.map((r) => (a.correlation[r - 1].value - exactC(r)) / a.correlation[r - 1].error);
    for (const z of zs) expect(Math.abs(z)).toBeLessThan(4);
    expect(zs.reduce((s, z) => s + z * z, 0) / zs.length).toBeLessThan(3);
    expect(a.correlationFit.winner).toBe('power-law');
    // the local slope of the exact curve over the fitted range, against the fitted exponent
    const [from, to] = a.correlationFit.range;
    const exactSlope = -Math.log(exactC(to) / exactC(from)) / Math.log(to / from);
    expect(Math.abs(a.correlationFit.powerLaw.exponent - exactSlope)).toBeLessThan(4 * a.correlationFit.powerLaw.error + 0.05);
  });
});
