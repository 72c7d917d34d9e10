// The XY kernels, WebAssembly vs JavaScript through the public API: the same options and seed give
// the same records [B_x, B_y, M_x, M_y, I_x, I_y, V], spins, generator state and tuned step size,
// bit for bit, for every algorithm (Metropolis with and without over-relaxation, heat bath, Wolff,
// Swendsen-Wang by embedding, hybrid with either cluster update),
// with and without a field, hot and cold starts; and the q-state clock model on the same kernels.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSimulation, type Simulation, type SimulationOptions } from '../src/index.js';

const SCALAR_CORE = readFileSync(new URL('../build/criticality-scalar.wasm', import.meta.url));

const CASES: [string, SimulationOptions][] = [
  ['metropolis L=2 h=0', { size: 2, temperature: 0.9, algorithm: 'metropolis' }],
  ['metropolis L=16 h=0.3 over-relaxation 2', { size: 16, temperature: 0.7, field: 0.3, overRelaxation: 2 }],
  ['metropolis L=10 T=3 cold', { size: 10, temperature: 3, start: 'cold' }],
  ['metropolis L=8 T=0.05 h=-0.5', { size: 8, temperature: 0.05, field: -0.5 }],
  ['metropolis L=4 T=1.5 (one site pair a row)', { size: 4, temperature: 1.5 }],
  ['metropolis L=34 T=0.9 h=0.2 (pairs and a single site a row)', { size: 34, temperature: 0.9, field: 0.2 }],
  ['metropolis L=6 T=0.8 (a pair and a single site a row)', { size: 6, temperature: 0.8 }],
  ['metropolis L=10 T=1.2 h=-0.2 over-relaxation 1 (two pairs and a single site a row)', { size: 10, temperature: 1.2, field: -0.2, overRelaxation: 1 }],
  ['metropolis L=12 T=0.6 (pairs only, three a row)', { size: 12, temperature: 0.6 }],
  ['wolff L=16 T_BKT', { size: 16, temperature: 0.8929, algorithm: 'wolff', clustersPerStep: 3 }],
  ['wolff L=6 h=0.4', { size: 6, temperature: 1.1, field: 0.4, algorithm: 'wolff' }],
  ['wolff L=12 T=0.2 (whole-lattice clusters)', { size: 12, temperature: 0.2, algorithm: 'wolff' }],
  ['hybrid L=8 h=0.1', { size: 8, temperature: 0.9, field: 0.1, algorithm: 'hybrid', hybridSweeps: 2, overRelaxation: 1 }],
  ['clock q=6 metropolis L=10 h=0.2', { model: 'clock', q: 6, size: 10, temperature: 0.8, field: 0.2 }],
  ['clock q=5 wolff L=8', { model: 'clock', q: 5, size: 8, temperature: 0.9, algorithm: 'wolff', clustersPerStep: 2 }],
  ['clock q=2 hybrid L=6 h=-0.3 cold', { model: 'clock', q: 2, size: 6, temperature: 2, field: -0.3, algorithm: 'hybrid', start: 'cold' }],
  ['clock q=256 wolff L=4 h=0.5', { model: 'clock', q: 256, size: 4, temperature: 0.7, field: 0.5, algorithm: 'wolff' }],
  ['heat-bath L=8 h=0.2 over-relaxation 1', { size: 8, temperature: 0.9, field: 0.2, algorithm: 'heat-bath', overRelaxation: 1 }],
  ['heat-bath L=6 T=0.01 cold (kappa near 400)', { size: 6, temperature: 0.01, algorithm: 'heat-bath', start: 'cold' }],
  ['heat-bath L=4 T=1e6 (kappa near 4e-6)', { size: 4, temperature: 1e6, algorithm: 'heat-bath' }],
  ['swendsen-wang L=16 T_BKT', { size: 16, temperature: 0.8929, algorithm: 'swendsen-wang' }],
  ['swendsen-wang L=6 h=0.4', { size: 6, temperature: 1.1, field: 0.4, algorithm: 'swendsen-wang' }],
  ['hybrid swendsen-wang L=8 h=-0.1', { size: 8, temperature: 0.9, field: -0.1, algorithm: 'hybrid', hybridCluster: 'swendsen-wang', hybridSweeps: 2 }],
  ['clock q=6 heat-bath L=10 h=0.2', { model: 'clock', q: 6, size: 10, temperature: 0.8, field: 0.2, algorithm: 'heat-bath' }],
  ['clock q=256 heat-bath L=4 T=0.3', { model: 'clock', q: 256, size: 4, temperature: 0.3, algorithm: 'heat-bath' }],
  ['clock q=3 swendsen-wang L=8 h=0.3', { model: 'clock', q: 3, size: 8, temperature: 1, field: 0.3, algorithm: 'swendsen-wang' }],
  ['clock q=4 hybrid swendsen-wang L=6 cold', { model: 'clock', q: 4, size: 6, temperature: 1.1, algorithm: 'hybrid', hybridCluster: 'swendsen-wang', start: 'cold' }],
  // the simple cubic lattice: the Metropolis site pairs with front and back neighbours (single sites at
  // L = 2, 6, 10), B_z, I_z and the plaquettes of three orientations
  ['cubic metropolis L=2 h=0', { lattice: 'cubic', size: 2, temperature: 2, algorithm: 'metropolis' }],
  ['cubic metropolis L=8 T_c (pairs only)', { lattice: 'cubic', size: 8, temperature: 2.2018 }],
  ['cubic metropolis L=10 T=1.5 h=0.2 (two pairs and a single site a row)', { lattice: 'cubic', size: 10, temperature: 1.5, field: 0.2 }],
  ['cubic metropolis L=6 h=0.3 over-relaxation 2', { lattice: 'cubic', size: 6, temperature: 2.2, field: 0.3, overRelaxation: 2 }],
  ['cubic metropolis L=4 T=5 cold', { lattice: 'cubic', size: 4, temperature: 5, start: 'cold' }],
  ['cubic wolff L=8 T_c', { lattice: 'cubic', size: 8, temperature: 2.2018, algorithm: 'wolff', clustersPerStep: 2 }],
  ['cubic wolff L=4 h=0.4', { lattice: 'cubic', size: 4, temperature: 2.5, field: 0.4, algorithm: 'wolff' }],
  ['cubic hybrid L=4 h=0.1', { lattice: 'cubic', size: 4, temperature: 2, field: 0.1, algorithm: 'hybrid', hybridSweeps: 2, overRelaxation: 1 }],
  ['cubic clock q=6 metropolis L=4 h=0.2', { model: 'clock', q: 6, lattice: 'cubic', size: 4, temperature: 2, field: 0.2 }],
  ['cubic clock q=3 wolff L=6', { model: 'clock', q: 3, lattice: 'cubic', size: 6, temperature: 2.7, algorithm: 'wolff', clustersPerStep: 2 }],
  ['cubic clock q=2 hybrid L=4 h=-0.3 cold', { model: 'clock', q: 2, lattice: 'cubic', size: 4, temperature: 4, field: -0.3, algorithm: 'hybrid', start: 'cold' }],
  ['cubic heat-bath L=4 h=0.2 over-relaxation 1', { lattice: 'cubic', size: 4, temperature: 2.2, field: 0.2, algorithm: 'heat-bath', overRelaxation: 1 }],
  ['cubic swendsen-wang L=6 T_c', { lattice: 'cubic', size: 6, temperature: 2.2018, algorithm: 'swendsen-wang' }],
  ['cubic clock q=6 heat-bath L=4', { model: 'clock', q: 6, lattice: 'cubic', size: 4, temperature: 2, algorithm: 'heat-bath' }],
  ['cubic clock q=4 hybrid swendsen-wang L=4 h=0.1', { model: 'clock', q: 4, lattice: 'cubic', size: 4, temperature: 2.5, field: 0.1, algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
];

/** Values in one record ([B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z]). */
const W = 9;

async function both(options: SimulationOptions): Promise<[Simulation<'xy'>, Simulation<'xy'>]> {
  const make = (backend: 'wasm' | 'js') => createSimulation({ model: 'xy', seed: 17, ...options, backend }) as unknown as Promise<Simulation<'xy'>>;
  return [await make('wasm'), await make('js')];
}

describe('XY kernels: WASM vs JS bit-identical', () => {
  for (const [name, options] of CASES) {
    it(name, async () => {
      const [wasm, js] = await both(options);
      // the scalar core (no SIMD: the lane generators, the site pairs of the Metropolis sweep and the record's column lanes one by one)
      const scalar = (await createSimulation({ model: 'xy', seed: 17, ...options, backend: 'wasm', core: SCALAR_CORE })) as unknown as Simulation<'xy'>;
      expect([wasm.backend, js.backend, scalar.engine]).toEqual(['wasm', 'js', 'wasm-scalar']);
      expect(wasm.spins()).toEqual(js.spins());
      // unrecorded sweeps tune the step size; recorded ones keep it
      const tuning = [wasm.sweep(30), js.sweep(30), scalar.sweep(30)];
      expect(tuning[0]).toEqual(tuning[1]);
      expect(tuning[2]).toEqual(tuning[1]);
      for (const n of [1, 5, 40]) {
        const records = [new Float64Array(W * n), new Float64Array(W * n), new Float64Array(W * n)];
        const results = [wasm.sweep(n, records[0]), js.sweep(n, records[1]), scalar.sweep(n, records[2])];
        expect(results[0]).toEqual(results[1]);
        expect(results[2]).toEqual(results[1]);
        expect(Buffer.from(records[0].buffer)).toEqual(Buffer.from(records[1].buffer));
        expect(Buffer.from(records[2].buffer)).toEqual(Buffer.from(records[1].buffer));
      }
      expect(Buffer.from(scalar.snapshot().spins.buffer)).toEqual(Buffer.from(js.snapshot().spins.buffer));
      scalar.dispose();
      const a = wasm.snapshot();
      const b = js.snapshot();
      expect(Buffer.from(a.spins.buffer)).toEqual(Buffer.from(b.spins.buffer));
      if (options.model === 'clock') expect(a.spins).toBeInstanceOf(Uint8Array);
      expect(a.rngState).toEqual(b.rngState);
      expect(a.stepSize).toBe(b.stepSize);
      expect(wasm.energy()).toBe(js.energy());
      expect(wasm.magnetization()).toBe(js.magnetization());
      expect(wasm.clusterLabels()).toEqual(js.clusterLabels());
      // the record of the current lattice is the last recorded one
      const last = new Float64Array(W);
      wasm.sweep(1, last);
      expect(wasm.energy()).toBe((-(last[0] + last[1] + last[7]) - wasm.options.field * last[2]) / wasm.sites);
      if (options.lattice !== 'cubic') expect([last[7], last[8]]).toEqual([0, 0]);
      wasm.dispose();
      js.dispose();
    });
  }

  it('measure() on the cubic lattice gives the same measurement on both backends (correlations along the three axes)', async () => {
    const [wasm, js] = await both({ lattice: 'cubic', size: 4, temperature: 2, overRelaxation: 1 });
    const a = wasm.measure({ thermalize: 100, sweeps: 300, correlations: { every: 10 } });
    expect({ ...a, backend: 'js' }).toEqual(js.measure({ thermalize: 100, sweeps: 300, correlations: { every: 10 } }));
    expect(a.lattice).toBe('cubic');
    expect(a.correlations!.correlation[0].mean).toBeCloseTo(1, 12);
    wasm.dispose();
    js.dispose();
  });

  it('measure() gives the same measurement on both backends (the tuned step frozen while recording)', async () => {
    const [wasm, js] = await both({ size: 8, temperature: 0.9, overRelaxation: 1 });
    const a = wasm.measure({ thermalize: 200, sweeps: 500, correlations: { every: 10 } });
    const b = js.measure({ thermalize: 200, sweeps: 500, correlations: { every: 10 } });
    expect({ ...a, backend: 'js' }).toEqual(b);
    expect(wasm.snapshot().stepSize).toBe(js.snapshot().stepSize);
    // the tuning moved the step size away from its initial value toward 50% acceptance
    expect(wasm.snapshot().stepSize).not.toBe(1);
    expect(a.acceptance).toBeGreaterThan(0.3);
    expect(a.acceptance).toBeLessThan(0.7);
  });
});
