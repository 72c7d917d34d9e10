// Potts block spins (rules: assembly/potts.ts, "Block spins"): the WebAssembly kernels (SIMD and
// scalar cores), the JavaScript twin and a standalone twin over a copy of the lattice build the same
// pyramids, tie counts, RG-stream states and pattern counts; the majority rule with its tie draws
// is replayed from its definition; and for q = 2 the pyramid is the Ising one (state 1 = +1, state
// 0 = -1) with the same RG stream.
import { describe, expect, it } from 'vitest';
import { seedState, Xoshiro128 } from '../src/rng.js';
import { TWO_POW_32 } from '../src/thresholds.js';
import { coarsen } from '../src/models/ising/rg-js.js';
import { pottsPatternCount, type PottsBlockRule, type PottsBlockSpinKernel } from '../src/models/potts/kernel.js';
import { JsPottsBlockSpins } from '../src/models/potts/kernel-js.js';
import { allPotts, firstDifference } from './helpers/potts.js';

const CASES: [number, number, number, number, PottsBlockRule, number][] = [
  // L, q, block size, levels, rule, beta
  [64, 3, 2, 5, 'majority', 1.0],
  [48, 10, 2, 4, 'majority', 1.3],
  [54, 4, 3, 3, 'majority', 1.1],
  [32, 256, 2, 4, 'majority', 0.5],
  [30, 3, 5, 1, 'majority', 0.9],
  [32, 5, 2, 3, 'decimation', 1.2],
  [36, 2, 3, 2, 'majority', 0.8],
];

/** Majority of one block by its definition: the most frequent state; ties: the j-th smallest, j = floor(r t / 2^32). */
function majority(cells: number[], rng: Xoshiro128): { state: number; tie: boolean } {
  const counts = new Map<number, number>();
  for (const s of cells) counts.set(s, (counts.get(s) ?? 0) + 1);
  const most = Math.max(...counts.values());
  const tied = [...counts.keys()].filter((s) => counts.get(s) === most).sort((a, b) => a - b);
  if (tied.length === 1) return { state: tied[0], tie: false };
  return { state: tied[Math.floor((rng.next() * tied.length) / TWO_POW_32)], tie: true };
}

describe('Potts block spins', () => {
  it.each(CASES)('L=%d q=%d b=%d levels=%d %s: every kernel builds the same pyramid', async (L, q, b, levels, rule, beta) => {
    const kernels = await allPotts(L, q, 4, beta, 0);
    let copy = kernels[2].readSpins();
    const standalone = new JsPottsBlockSpins(() => copy, L, q);
    const blocks: PottsBlockSpinKernel[] = [...kernels.map((k) => k.blockSpins()), standalone];
    for (const k of blocks) {
      k.configure(b, levels, true);
      k.setRngState(seedState(99));
    }
    const perLevel = pottsPatternCount(q, b);
    expect(blocks.map((k) => k.patternCount)).toEqual(blocks.map(() => perLevel));
    for (let round = 0; round < 3; round++) {
      for (const k of kernels) k.sweep('metropolis', 3);
      copy = kernels[2].readSpins();
      const ties = blocks.map((k) => k.build(rule));
      expect(new Set(ties).size).toBe(1);
      if (rule === 'decimation') expect(ties[0]).toBe(0);
      for (let level = 0; level <= levels; level++) {
        const reference = blocks[0].readLevel(level);
        expect(reference.length).toBe((L / b ** level) ** 2);
        for (const k of blocks.slice(1)) expect(firstDifference(k.readLevel(level), reference)).toBe(-1);
      }
      const state = blocks[0].getRngState();
      for (const k of blocks.slice(1)) expect(k.getRngState()).toEqual(state);
      if (perLevel > 0) {
        const patterns = blocks.map(() => new Uint32Array(levels * perLevel));
        blocks.forEach((k, i) => k.readPatterns(patterns[i]));
        for (const p of patterns.slice(1)) expect(firstDifference(p, patterns[0])).toBe(-1);
        for (let level = 0; level < levels; level++) {
          const total = patterns[0].subarray(level * perLevel, (level + 1) * perLevel).reduce((s, v) => s + v, 0);
          expect(total).toBe((L / b ** (level + 1)) ** 2);
        }
      }
    }
  });

  it('majority and its ties follow the definition; patterns count each block at sum s q^(dy b + dx)', async () => {
    const L = 16;
    const q = 5;
    const [wasm] = await allPotts(L, q, 8, 0.3, 0);
    const lattice = wasm.readSpins();
    const blocks = wasm.blockSpins();
    blocks.configure(2, 2, true);
    blocks.setRngState(seedState(3));
    const ties = blocks.build('majority');
    const rng = new Xoshiro128(seedState(3));
    let expectedTies = 0;
    let level = lattice;
    const patterns = new Uint32Array(2 * 625);
    for (let k = 1, n = L; k <= 2; k++, n /= 2) {
      const next = new Uint8Array((n / 2) ** 2);
      for (let Y = 0; Y < n / 2; Y++) {
        for (let X = 0; X < n / 2; X++) {
          const cells = [level[2 * Y * n + 2 * X], level[2 * Y * n + 2 * X + 1], level[(2 * Y + 1) * n + 2 * X], level[(2 * Y + 1) * n + 2 * X + 1]];
          const m = majority(cells, rng);
          next[Y * (n / 2) + X] = m.state;
          expectedTies += +m.tie;
          patterns[(k - 1) * 625 + cells.reduce((code, s, i) => code + s * q ** i, 0)]++;
        }
      }
      expect(blocks.readLevel(k)).toEqual(next);
      level = next;
    }
    expect(ties).toBe(expectedTies);
    expect(ties).toBeGreaterThan(0);
    expect(blocks.getRngState()).toEqual(rng.state);
    const counted = new Uint32Array(2 * 625);
    blocks.readPatterns(counted);
    expect(firstDifference(counted, patterns)).toBe(-1);
  });

  it('q = 2: the pyramid of the Ising block-spin twin (state 1 = +1), with the same tie draws', async () => {
    const L = 32;
    const [wasm] = await allPotts(L, 2, 6, 0.9, 0);
    const blocks = wasm.blockSpins();
    blocks.configure(2, 4, false);
    blocks.setRngState(seedState(41));
    const ties = blocks.build('majority');
    const rng = new Xoshiro128(seedState(41));
    let ising = Int8Array.from(wasm.readSpins(), (s) => 2 * s - 1);
    let isingTies = 0;
    for (let k = 1, n = L; k <= 4; k++, n /= 2) {
      const next = new Int8Array((n / 2) ** 2);
      isingTies += coarsen(ising, n, 2, next, 'majority', rng);
      expect(blocks.readLevel(k)).toEqual(Uint8Array.from(next, (s) => (s + 1) / 2));
      ising = next;
    }
    expect(ties).toBe(isingTies);
    expect(blocks.getRngState()).toEqual(rng.state);
  });
});
