// The generator against golden values computed with an independent C implementation of
// xoshiro128** and SplitMix64 (the published algorithms), on both backends.
import { describe, expect, it } from 'vitest';
import { Xoshiro128, seedState, childSeed } from '../src/rng.js';
import { bothKernels } from './helpers/core.js';

const FROM_1234 = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849];
const SEEDED: [number, number[], number[], number][] = [
  [0, [2065550767, 3793791033, 2713282036, 1853398634], [3737715805, 2584255861, 2876756834, 3286328325, 1553311962], 2542587513],
  [1, [2298633409, 2433363436, 1703865447, 3203108257], [1695105466, 1423115009, 634581793, 1068227753, 716759206], 3086276932],
  [Number.MAX_SAFE_INTEGER, [4021704095, 616124332, 3074421144, 818148089], [1233166643, 1287031142, 661813442, 2960669951, 2601079046], 513094572],
];

describe('xoshiro128** golden values', () => {
  it('TypeScript generator from state (1, 2, 3, 4)', () => {
    const rng = new Xoshiro128(new Uint32Array([1, 2, 3, 4]));
    expect(Array.from({ length: 8 }, () => rng.next())).toEqual(FROM_1234);
  });

  it('WebAssembly and JavaScript kernels from state (1, 2, 3, 4)', async () => {
    for (const kernel of await bothKernels(4)) {
      kernel.setRngState(new Uint32Array([1, 2, 3, 4]));
      expect(Array.from({ length: 8 }, () => kernel.nextU32()), kernel.backend).toEqual(FROM_1234);
    }
  });

  it.each(SEEDED)('SplitMix64 seeding of seed %d and the stream that follows', async (seed, state, first, at1000) => {
    expect(Array.from(seedState(seed))).toEqual(state);
    for (const kernel of await bothKernels(4)) {
      kernel.setRngState(seedState(seed));
      expect(Array.from({ length: 5 }, () => kernel.nextU32()), kernel.backend).toEqual(first);
      for (let i = 5; i < 1000; i++) kernel.nextU32();
      expect(kernel.nextU32(), kernel.backend).toBe(at1000);
    }
  });

  it('child seeds are distinct, deterministic and in range', () => {
    const seen = new Set<number>();
    for (let parent = 0; parent < 20; parent++) {
      for (let k = 0; k < 50; k++) {
        const c = childSeed(parent, k);
        expect(Number.isSafeInteger(c) && c >= 0).toBe(true);
        expect(childSeed(parent, k)).toBe(c);
        seen.add(c);
      }
    }
    expect(seen.size).toBe(1000);
  });
});
