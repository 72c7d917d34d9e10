// The cubic lattice, WebAssembly vs JavaScript: same options and seed -> the same lattice, the same
// per-step (e, m) series (and cluster sizes and labels), the same generator state, bit for bit, for
// every algorithm, with and without a field, at L = 2 (doubled bonds) and larger L.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const CASES: [string, SimulationOptions][] = [
  ['metropolis L=2', { algorithm: 'metropolis', size: 2, temperature: 3.0, seed: 3 }],
  ['metropolis L=8 beta_c', { algorithm: 'metropolis', size: 8, beta: 0.221654626, seed: 1 }],
  ['metropolis L=6 h=0.3 cold', { algorithm: 'metropolis', size: 6, temperature: 4.0, field: 0.3, seed: 2, start: 'cold' }],
  ['heat-bath L=10 h=-0.2', { algorithm: 'heat-bath', size: 10, temperature: 4.6, field: -0.2, seed: 7 }],
  ['wolff L=2 h=0', { algorithm: 'wolff', size: 2, temperature: 4.0, seed: 3 }],
  ['wolff L=12 beta_c, 2 clusters a step', { algorithm: 'wolff', clustersPerStep: 2, size: 12, beta: 0.221654626, seed: 11 }],
  ['wolff L=6 h=0.4 (ghost acceptance)', { algorithm: 'wolff', size: 6, temperature: 5.0, field: 0.4, seed: 5 }],
  ['wolff L=4 T=2, whole-lattice clusters', { algorithm: 'wolff', size: 4, temperature: 2.0, seed: 4, start: 'cold' }],
  ['swendsen-wang L=2 h=0.2', { algorithm: 'swendsen-wang', size: 2, temperature: 3.0, field: 0.2, seed: 5, start: 'cold' }],
  ['swendsen-wang L=10 beta_c', { algorithm: 'swendsen-wang', size: 10, beta: 0.221654626, seed: 9 }],
  ['swendsen-wang L=6 h=-0.5', { algorithm: 'swendsen-wang', size: 6, temperature: 4.0, field: -0.5, seed: 13 }],
  ['hybrid wolff L=8 h=0.05', { algorithm: 'hybrid', hybridSweeps: 2, size: 8, temperature: 4.4, field: 0.05, seed: 8 }],
  ['hybrid swendsen-wang L=6', { algorithm: 'hybrid', hybridCluster: 'swendsen-wang', size: 6, temperature: 4.7, seed: 21 }],
];

describe('cubic lattice: WASM vs JS bit-identical', () => {
  it.each(CASES)('%s', async (_label, options) => {
    const wasm = await createSimulation({ ...options, lattice: 'cubic', backend: 'wasm' });
    const js = await createSimulation({ ...options, lattice: 'cubic', backend: 'js' });
    expect([wasm.backend, js.backend]).toEqual(['wasm', 'js']);
    expect(wasm.sites).toBe(options.size! ** 3);
    expect(wasm.layout).toBe('byte');
    for (const n of [1, 5, 40]) {
      expect(wasm.sweep(n)).toEqual(js.sweep(n));
      expect(wasm.spins()).toEqual(js.spins());
      expect(wasm.clusterLabels()).toEqual(js.clusterLabels());
      expect(wasm.snapshot()).toEqual(js.snapshot());
    }
    const ma = wasm.measure({ sweeps: 200, keepSeries: true, correlations: { every: 7 } });
    const mb = js.measure({ sweeps: 200, keepSeries: true, correlations: { every: 7 } });
    expect(ma.correlations).toEqual(mb.correlations);
    expect(ma.correlations!.distances).toHaveLength((options.size! >> 1) + 1);
    expect(ma.series!.energy).toEqual(mb.series!.energy);
    expect(ma.series!.magnetization).toEqual(mb.series!.magnetization);
    expect(ma.observables).toEqual(mb.observables);
    expect(ma.improved).toEqual(mb.improved);
    expect([wasm.flips, wasm.sweepEquivalents]).toEqual([js.flips, js.sweepEquivalents]);
  });

  it('the kernels keep B and M exact: the counters equal those recomputed from the spins', async () => {
    for (const algorithm of ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang', 'hybrid'] as const) {
      for (const backend of ['wasm', 'js'] as const) {
        const sim = await createSimulation({ lattice: 'cubic', size: 6, temperature: 4.0, field: 0.1, algorithm, backend, seed: 17 });
        sim.sweep(30);
        const s = sim.spins();
        const L = 6;
        let b = 0;
        let m = 0;
        for (let z = 0; z < L; z++) {
          for (let y = 0; y < L; y++) {
            for (let x = 0; x < L; x++) {
              const v = s[(z * L + y) * L + x];
              b += v * (s[(z * L + y) * L + ((x + 1) % L)] + s[(z * L + ((y + 1) % L)) * L + x] + s[(((z + 1) % L) * L + y) * L + x]);
              m += v;
            }
          }
        }
        const N = L ** 3;
        expect(sim.energy(), `${algorithm} on ${backend}`).toBeCloseTo((-b - 0.1 * m) / N, 12);
        expect(sim.magnetization(), `${algorithm} on ${backend}`).toBe(m / N);
      }
    }
  });
});
