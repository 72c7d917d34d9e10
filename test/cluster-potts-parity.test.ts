// Potts cluster kernels, WebAssembly vs JavaScript at the kernel level: the same setup and seed give
// the same states, (S, N_0) and cluster-size records, labels, counters and generator state, bit for
// bit; and the counters each kernel keeps while it moves clusters equal the counters recomputed from
// its states (the engine's marker bookkeeping, assembly/cluster-engine.ts).
import { describe, expect, it } from 'vitest';
import type { ClusterAlgorithm } from '../src/index.js';
import { bothPotts, countsOf, type PottsCase } from './helpers/potts.js';

const CASES: [string, PottsCase, ClusterAlgorithm, number][] = [
  ['wolff q=3 L=2', { q: 3, size: 2, temperature: 1.5, field: 0, seed: 3 }, 'wolff', 1],
  ['wolff q=3 L=3 (odd)', { q: 3, size: 3, temperature: 1.0, field: 0, seed: 5 }, 'wolff', 1],
  ['wolff q=2 L=8', { q: 2, size: 8, temperature: 1.13, field: 0, seed: 1 }, 'wolff', 1],
  ['wolff q=4 L=16 Tc', { q: 4, size: 16, temperature: 0.910, field: 0, seed: 7 }, 'wolff', 3],
  ['wolff q=7 L=5 h=0.3', { q: 7, size: 5, temperature: 0.8, field: 0.3, seed: 11, start: 'cold' }, 'wolff', 2],
  ['wolff q=3 L=12 h=-0.4', { q: 3, size: 12, temperature: 1.1, field: -0.4, seed: 13 }, 'wolff', 2],
  ['wolff q=2 L=6 h=-0.5', { q: 2, size: 6, temperature: 1.0, field: -0.5, seed: 17 }, 'wolff', 1],
  // p = 1 - e^-5: most clusters take the whole lattice (the work list's spare slot is written)
  ['wolff q=3 L=6 T=0.2, whole-lattice clusters', { q: 3, size: 6, temperature: 0.2, field: 0, seed: 4 }, 'wolff', 1],
  ['swendsen-wang q=3 L=2', { q: 3, size: 2, temperature: 1.5, field: 0, seed: 3 }, 'swendsen-wang', 1],
  ['swendsen-wang q=3 L=3 h=0.5', { q: 3, size: 3, temperature: 1.2, field: 0.5, seed: 19 }, 'swendsen-wang', 1],
  ['swendsen-wang q=4 L=16 Tc', { q: 4, size: 16, temperature: 0.910, field: 0, seed: 23 }, 'swendsen-wang', 1],
  ['swendsen-wang q=5 L=10 h=-0.3', { q: 5, size: 10, temperature: 0.9, field: -0.3, seed: 29 }, 'swendsen-wang', 1],
  ['swendsen-wang q=2 L=7 h=-1', { q: 2, size: 7, temperature: 1.5, field: -1, seed: 31, start: 'cold' }, 'swendsen-wang', 1],
  ['swendsen-wang q=3 L=6 T=0.2', { q: 3, size: 6, temperature: 0.2, field: 0.1, seed: 37 }, 'swendsen-wang', 1],
];

describe('Potts cluster kernels: WASM vs JS bit-identical, counters exact', () => {
  it.each(CASES)('%s', async (_label, c, cluster, clustersPerStep) => {
    const [wasm, js] = await bothPotts(c);
    expect([wasm.backend, js.backend]).toEqual(['wasm', 'js']);
    expect(wasm.readStates()).toEqual(js.readStates());
    let moved = 0;
    for (const n of [1, 7, 50, 200]) {
      const records = [new Int32Array(2 * n), new Int32Array(2 * n)];
      const sizes = [new Float64Array(n), new Float64Array(n)];
      const changed = [wasm.update(cluster, n, clustersPerStep, records[0], sizes[0]), js.update(cluster, n, clustersPerStep, records[1], sizes[1])];
      expect(changed[0]).toBe(changed[1]);
      moved += changed[0];
      expect(records[0]).toEqual(records[1]);
      expect(sizes[0]).toEqual(sizes[1]);
      const states = wasm.readStates();
      expect(states).toEqual(js.readStates());
      expect(wasm.labels()).toEqual(js.labels());
      expect(wasm.getRngState()).toEqual(js.getRngState());
      const exact = countsOf(states, c.size, c.q);
      expect(wasm.counts()).toEqual(exact);
      expect(js.counts()).toEqual(exact);
      // the last record is the state after the last step
      expect([records[0][2 * n - 2], records[0][2 * n - 1]]).toEqual([exact.satisfied, exact.states[0]]);
    }
    expect(moved, 'clusters moved').toBeGreaterThan(0);
  });

  it('a Wolff step is clustersPerStep clusters, and without records the same lattice follows', async () => {
    const c: PottsCase = { q: 3, size: 8, temperature: 1.0, field: 0, seed: 41 };
    const [a, b] = await bothPotts(c);
    a.update('wolff', 30, 2);
    b.update('wolff', 60, 1);
    expect(a.readStates()).toEqual(b.readStates());
    expect(a.getRngState()).toEqual(b.getRngState());
  });

  it('bad input is refused with a typed error', async () => {
    const [wasm, js] = await bothPotts({ q: 3, size: 4, temperature: 1, field: 0, seed: 1 });
    for (const k of [wasm, js]) {
      expect(() => k.setup(1, 0, 0, 0)).toThrow(/Invalid option "q": expected an integer from 2 to 127, got 1/);
      expect(() => k.setup(128, 0, 0, 0)).toThrow(/Invalid option "q"/);
      expect(() => k.writeStates(new Uint8Array(16).fill(3))).toThrow(/Invalid option "states\[0\]": expected a state from 0 to 2, got 3/);
      expect(() => k.writeStates(new Uint8Array(15))).toThrow(/Invalid option "states": expected a Uint8Array of 16 states/);
    }
  });
});
