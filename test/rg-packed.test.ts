// Block spins read straight from the packed lattice (assembly/rg-packed.ts and its JS twin) give
// the byte-lattice pyramid bit for bit: the same block lattices, operator sums (level 0 included),
// pattern counts, tie counts and RG-stream state as the byte kernel on a copy of the lattice, for
// b = 2, 3, 4 (and 5, 6), both rules, both backends, and lane layouts with B = L/16 odd, even, 1 and 2.
import { describe, expect, it, vi } from 'vitest';
import { createSimulation } from '../src/index.js';
import type { BlockRule } from '../src/index.js';
import { JsBlockSpinKernel } from '../src/models/ising/rg-js.js';
import { JsPackedEngine } from '../src/models/ising/packed-js.js';
import { WasmPackedEngine } from '../src/models/ising/packed-wasm.js';
import { RG_OPERATORS } from '../src/backend/rg-types.js';
import { kernelOf } from '../src/simulation.js';
import { seedState } from '../src/rng.js';

const CASES: [number, number, number, number][] = [
  // size, temperature, block size, levels
  [64, 2.269, 2, 4],
  [48, 2.269, 2, 3], // B = 3: rows of a block straddle vector rows
  [16, 3.0, 2, 3], // B = 1: every row wraps onto itself
  [32, 2.0, 2, 2], // B = 2
  [144, 2.269, 3, 2],
  [48, 2.5, 3, 1],
  [64, 2.269, 4, 2],
  [32, 2.269, 4, 1],
  [80, 2.269, 5, 1],
  [48, 2.269, 6, 1],
];

describe('block spins from the packed lattice: identical to the byte pyramid', { timeout: 60_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    for (const rule of ['majority', 'decimation'] as BlockRule[]) {
      it.each(CASES)(`${backend} ${rule}: L=%d T=%d b=%d levels=%d`, async (size, temperature, b, levels) => {
        const sim = await createSimulation({ size, temperature, seed: 5, backend, layout: 'packed' });
        expect(sim.layout).toBe('packed');
        const packed = kernelOf(sim, 'test').blockSpins!();
        let copy: Int8Array = new Int8Array(0);
        const reference = new JsBlockSpinKernel(() => copy, size);
        for (const k of [packed, reference]) {
          k.configure(b, levels, true);
          k.setRngState(seedState(77));
        }
        const perLevel = b <= 3 ? 1 << (b * b) : 0;
        const run = (k: typeof packed) => {
          const ties = k.build(rule);
          const ops = new Float64Array((levels + 1) * RG_OPERATORS);
          k.measure(ops);
          const patterns = new Uint32Array(levels * perLevel);
          k.readPatterns(patterns);
          return { ties, ops, patterns, rng: k.getRngState(), lattices: Array.from({ length: levels }, (_, l) => k.readLevel(l + 1)) };
        };
        const unpack = vi.spyOn(backend === 'wasm' ? WasmPackedEngine.prototype : JsPackedEngine.prototype, 'unpackInto');
        for (let round = 0; round < 3; round++) {
          sim.sweep(4);
          // built from the packed lattice: nothing converts it to bytes
          const fromPacked = run(packed);
          expect(unpack).not.toHaveBeenCalled();
          copy = sim.spins();
          unpack.mockClear();
          expect(fromPacked).toEqual(run(reference));
          if (rule === 'majority' && b % 2 === 0) expect(fromPacked.ties).toBeGreaterThan(0);
        }
        unpack.mockRestore();
        sim.dispose();
      });
    }
  }
});
