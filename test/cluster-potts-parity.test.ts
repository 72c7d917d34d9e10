// Potts cluster kernels, WebAssembly vs JavaScript at the kernel level: the same setup and seed give
// the same states, records [Nb, n_0, ..., n_{q-1}], cluster sizes, labels and generator state, bit for
// bit; and the counts each kernel keeps while it moves clusters equal the counts recomputed from its
// states (the engine's marker bookkeeping, assembly/cluster-engine.ts). On lattices of any L, and
// over the Potts kernels of src/models (the hosts the simulation uses).
import { describe, expect, it } from 'vitest';
import type { ClusterAlgorithm } from '../src/vocabulary.js';
import { pottsThresholds } from '../src/cluster/potts.js';
import { bothPottsLattices, recordOf, type PottsCase } from './helpers/potts-clusters.js';

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

describe('Potts cluster kernels: WASM vs JS bit-identical, counts exact', () => {
  async function run(c: PottsCase, cluster: ClusterAlgorithm, clustersPerStep: number, kernels: boolean): Promise<void> {
    const [wasm, js] = await bothPottsLattices(c, kernels);
    expect([wasm.clusters.backend, js.clusters.backend]).toEqual(['wasm', 'js']);
    expect(wasm.readStates()).toEqual(js.readStates());
    const width = c.q + 1;
    let moved = 0;
    for (const n of [1, 7, 50, 200]) {
      const records = [new Int32Array(width * n), new Int32Array(width * n)];
      const sizes = [new Float64Array(n), new Float64Array(n)];
      const changed = [wasm.clusters.update(cluster, n, clustersPerStep, records[0], sizes[0]), js.clusters.update(cluster, n, clustersPerStep, records[1], sizes[1])];
      expect(changed[0]).toBe(changed[1]);
      moved += changed[0];
      expect(records[0]).toEqual(records[1]);
      expect(sizes[0]).toEqual(sizes[1]);
      const states = wasm.readStates();
      expect(states).toEqual(js.readStates());
      expect(wasm.clusters.labels()).toEqual(js.clusters.labels());
      expect(wasm.getRngState()).toEqual(js.getRngState());
      const exact = recordOf(states, c.size, c.q);
      expect(wasm.record()).toEqual(exact);
      expect(js.record()).toEqual(exact);
      // the last record is the state after the last step
      expect(records[0].subarray(width * (n - 1))).toEqual(exact);
    }
    expect(moved, 'sites moved').toBeGreaterThan(0);
  }

  it.each(CASES)('%s', (_label, c, cluster, clustersPerStep) => run(c, cluster, clustersPerStep, false));

  it.each([
    ['wolff q=4 L=16, h=0.2', { q: 4, size: 16, temperature: 0.9, field: 0.2, seed: 43 }, 'wolff', 2],
    ['swendsen-wang q=3 L=8, h=-0.3', { q: 3, size: 8, temperature: 1.0, field: -0.3, seed: 47 }, 'swendsen-wang', 1],
  ] as [string, PottsCase, ClusterAlgorithm, number][])('over the Potts kernels of src/models: %s', (_label, c, cluster, clustersPerStep) => run(c, cluster, clustersPerStep, true));

  it('a Wolff step is clustersPerStep clusters, and without records the same lattice follows', async () => {
    const [a, b] = await bothPottsLattices({ q: 3, size: 8, temperature: 1.0, field: 0, seed: 41 });
    a.clusters.update('wolff', 30, 2);
    b.clusters.update('wolff', 60, 1);
    expect(a.readStates()).toEqual(b.readStates());
    expect(a.getRngState()).toEqual(b.getRngState());
  });

  it('q above 255 is refused with a typed error (byte 255 marks a growing cluster)', async () => {
    const { JsPottsClusters } = await import('../src/models/potts/clusters-js.js');
    const host = { size: 4, q: 256, spins: new Uint8Array(16), rng: undefined as never, counts: new Int32Array(256), bondCount: 32, setBondCount() {} };
    expect(() => new JsPottsClusters(host)).toThrow(/Invalid option "q": expected an integer from 2 to 255 for cluster updates/);
    expect(pottsThresholds(1, 0).fieldMode).toBe(0);
  });
});
