// Block-spin kernels, WebAssembly vs JavaScript: the same pyramids, operator sums, pattern counts,
// tie counts and RG-stream states, bit for bit, for every rule and several block sizes; and a
// whole rgFlow run gives identical results on both backends.
import { describe, expect, it } from 'vitest';
import { createSimulation, rgFlow } from '../src/index.js';
import type { BlockRule } from '../src/index.js';
import { JsBlockSpinKernel } from '../src/models/ising/rg-js.js';
import { kernelOf } from '../src/simulation.js';
import { buildAndRead } from './helpers/rg.js';
import { seedState } from '../src/rng.js';

const CASES: [number, number, number, BlockRule, number][] = [
  // size, temperature, block size, rule, levels
  [64, 2.269, 2, 'majority', 5],
  [48, 3.5, 2, 'majority', 4],
  [54, 2.0, 3, 'majority', 3],
  [64, 2.4, 4, 'majority', 2],
  [32, 2.269, 2, 'decimation', 4],
  [36, 1.5, 3, 'decimation', 2],
  [30, 2.269, 5, 'majority', 1],
];

describe('block-spin kernels: WASM vs JS bit-identical', { timeout: 60_000 }, () => {
  it.each(CASES)('L=%d T=%d b=%d %s levels=%d', async (size, temperature, b, rule, levels) => {
    const wasm = await createSimulation({ size, temperature, seed: 3, backend: 'wasm' });
    const js = await createSimulation({ size, temperature, seed: 3, backend: 'js' });
    const kw = kernelOf(wasm, 'test').blockSpins!();
    const kj = kernelOf(js, 'test').blockSpins!();
    // a third kernel over a plain copy of the lattice: the standalone JS twin
    let copy = js.spins();
    const standalone = new JsBlockSpinKernel(() => copy, size);
    for (const k of [kw, kj, standalone]) {
      k.configure(b, levels, true);
      k.setRngState(seedState(99));
    }
    const perLevel = b <= 3 ? 1 << (b * b) : 0;
    for (let round = 0; round < 4; round++) {
      wasm.sweep(3);
      js.sweep(3);
      copy = js.spins();
      const results = [kw, kj, standalone].map((k) => buildAndRead(k, rule, levels, perLevel));
      expect(results[0]).toEqual(results[1]);
      expect(results[2]).toEqual(results[1]);
      // every pattern count sums to the number of blocks of its level
      for (let l = 0; l < levels && perLevel > 0; l++) {
        const blocks = (size / b ** (l + 1)) ** 2;
        expect(results[0].patterns.slice(l * perLevel, (l + 1) * perLevel).reduce((s, v) => s + v, 0)).toBe(blocks);
      }
      if (rule === 'decimation') expect(results[0].ties).toBe(0);
    }
  });

  it('rgFlow gives identical results on both backends', async () => {
    const run = async (backend: 'wasm' | 'js') => {
      const sim = await createSimulation({ size: 16, temperature: 2.3, seed: 21, backend });
      const r = rgFlow(sim, { samples: 400, every: 2, thermalize: 50, levels: 3 });
      return { ...r, backend: undefined, spins: sim.spins() };
    };
    expect(await run('wasm')).toEqual(await run('js'));
  });
});
