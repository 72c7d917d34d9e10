// Cluster algorithms, WebAssembly vs JavaScript: same options and seed -> the same lattice, the same
// per-step (e, m) and cluster-size series, the same labels, work and generator state, bit for bit.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const CASES: [string, SimulationOptions][] = [
  ['wolff L=2 h=0', { algorithm: 'wolff', size: 2, temperature: 2.0, seed: 3 }],
  ['wolff L=8 Tc', { algorithm: 'wolff', size: 8, temperature: 2.269, seed: 1 }],
  ['wolff L=16 h=0.3 cold', { algorithm: 'wolff', size: 16, temperature: 1.5, field: 0.3, seed: 42, start: 'cold' }],
  ['wolff L=30 h=-0.7, 3 clusters a step', { algorithm: 'wolff', clustersPerStep: 3, size: 30, temperature: 3.5, field: -0.7, seed: 2 ** 40 }],
  ['wolff L=64 T=2', { algorithm: 'wolff', size: 64, temperature: 2.0, seed: 7 }],
  // p = 1 - e^-8: most clusters take the whole lattice (the work list's last slot is reused then)
  ['wolff L=6 T=0.5, whole-lattice clusters', { algorithm: 'wolff', size: 6, temperature: 0.5, seed: 4 }],
  ['swendsen-wang L=2 h=0.2', { algorithm: 'swendsen-wang', size: 2, temperature: 0.7, field: 0.2, seed: 5, start: 'cold' }],
  ['swendsen-wang L=8 Tc', { algorithm: 'swendsen-wang', size: 8, temperature: 2.269, seed: 1 }],
  ['swendsen-wang L=16 h=-0.1', { algorithm: 'swendsen-wang', size: 16, temperature: 1.5, field: -0.1, seed: 9 }],
  ['swendsen-wang L=30 h=1.5', { algorithm: 'swendsen-wang', size: 30, temperature: 4.0, field: 1.5, seed: 123456789, start: 'cold' }],
  ['swendsen-wang L=64 T=2.5', { algorithm: 'swendsen-wang', size: 64, temperature: 2.5, seed: 11 }],
  ['hybrid wolff L=12 h=0.05', { algorithm: 'hybrid', hybridSweeps: 2, clustersPerStep: 2, size: 12, temperature: 2.2, field: 0.05, seed: 8 }],
  ['hybrid swendsen-wang L=10 h=-0.4', { algorithm: 'hybrid', hybridCluster: 'swendsen-wang', hybridSweeps: 3, size: 10, temperature: 2.7, field: -0.4, seed: 13 }],
];

describe('cluster algorithms: WASM vs JS bit-identical', () => {
  it.each(CASES)('%s', async (_label, options) => {
    const wasm = await createSimulation({ ...options, backend: 'wasm' });
    const js = await createSimulation({ ...options, backend: 'js' });
    expect([wasm.backend, js.backend]).toEqual(['wasm', 'js']);
    for (const n of [1, 7, 50]) {
      expect(wasm.sweep(n)).toEqual(js.sweep(n));
      expect(wasm.spins()).toEqual(js.spins());
      expect(wasm.clusterLabels()).toEqual(js.clusterLabels());
      expect(wasm.snapshot()).toEqual(js.snapshot());
    }
    const ma = wasm.measure({ sweeps: 300, keepSeries: true });
    const mb = js.measure({ sweeps: 300, keepSeries: true });
    expect(ma.series!.energy).toEqual(mb.series!.energy);
    expect(ma.series!.magnetization).toEqual(mb.series!.magnetization);
    expect(ma.observables).toEqual(mb.observables);
    expect(ma.improved).toEqual(mb.improved);
    expect(ma.sweepEquivalents).toBe(mb.sweepEquivalents);
    expect(wasm.energy()).toBe(js.energy());
    expect([wasm.flips, wasm.sweepEquivalents]).toEqual([js.flips, js.sweepEquivalents]);
  });

  it('a run longer than one core call (4096 recorded steps) stays identical, improved estimators included', async () => {
    for (const algorithm of ['wolff', 'swendsen-wang'] as const) {
      const options = { size: 4, temperature: 2.0, seed: 99, algorithm } as const;
      const wasm = await createSimulation({ ...options, backend: 'wasm' });
      const js = await createSimulation({ ...options, backend: 'js' });
      const ma = wasm.measure({ sweeps: 10000, keepSeries: true });
      const mb = js.measure({ sweeps: 10000, keepSeries: true });
      expect(ma.series!.energy).toEqual(mb.series!.energy);
      expect(ma.improved).toEqual(mb.improved);
      expect(wasm.spins()).toEqual(js.spins());
    }
  });

  it('switching algorithms mid-run and restoring a snapshot on the other backend continue identically', async () => {
    const options = { size: 12, temperature: 2.3, field: 0.1, seed: 31 } as const;
    const reference = await createSimulation({ ...options, backend: 'wasm' });
    reference.sweep(5);
    reference.setAlgorithm('wolff', { clustersPerStep: 5 });
    reference.sweep(20);
    const snap = reference.snapshot();
    reference.setAlgorithm('swendsen-wang');
    reference.sweep(10);
    const resumed = await createSimulation({ ...options, seed: 555, backend: 'js', start: 'cold' });
    resumed.restore(snap);
    resumed.setAlgorithm('swendsen-wang');
    resumed.sweep(10);
    expect(resumed.spins()).toEqual(reference.spins());
    expect(resumed.clusterLabels()).toEqual(reference.clusterLabels());
    expect(resumed.snapshot()).toEqual(reference.snapshot());
  });
});
