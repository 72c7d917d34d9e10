// The phi^4 kernels: WebAssembly and JavaScript bit for bit on the square and cubic lattices
// (Metropolis with the tuned step and over-relaxation, hybrid with Brower-Tamayo Wolff clusters or
// Swendsen-Wang by embedding, the cubic one exercising the embedding kernel in three dimensions,
// with and without a field, hot and cold), including the measurement with correlations.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type SimulationOptions } from '../src/index.js';

const PARITY: [string, SimulationOptions][] = [
  ['square metropolis L=8 h=0.3 over-relaxation 2', { size: 8, beta: 0.6, field: 0.3, overRelaxation: 2, lambda: 1.5 }],
  ['square hybrid L=6 beta=0.8 cold', { size: 6, beta: 0.8, algorithm: 'hybrid', clustersPerStep: 3, start: 'cold' }],
  ['cubic metropolis L=4 lambda=2.1', { lattice: 'cubic', size: 4, beta: 0.5, overRelaxation: 1 }],
  ['cubic hybrid L=4 h=-0.2', { lattice: 'cubic', size: 4, beta: 0.55, field: -0.2, algorithm: 'hybrid', hybridSweeps: 2 }],
  ['square hybrid swendsen-wang L=8 h=0.2', { size: 8, beta: 0.7, field: 0.2, algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
  ['cubic hybrid swendsen-wang L=6', { lattice: 'cubic', size: 6, beta: 0.5, algorithm: 'hybrid', hybridCluster: 'swendsen-wang', hybridSweeps: 2 }],
];

describe('phi4 kernels: WASM vs JS bit-identical', () => {
  for (const [name, options] of PARITY) {
    it(name, async () => {
      const [wasm, js] = await Promise.all(
        (['wasm', 'js'] as const).map((backend) => createSimulation({ model: 'phi4', seed: 5, ...options, backend }) as Promise<Simulation<'phi4'>>),
      );
      expect(wasm.engine).not.toBe('js');
      expect(wasm.sweep(25)).toEqual(js.sweep(25));
      const records = [new Float64Array(7 * 30), new Float64Array(7 * 30)];
      expect(wasm.sweep(30, records[0])).toEqual(js.sweep(30, records[1]));
      expect(Buffer.from(records[0].buffer)).toEqual(Buffer.from(records[1].buffer));
      const [a, b] = [wasm.snapshot(), js.snapshot()];
      expect(Buffer.from(a.spins.buffer)).toEqual(Buffer.from(b.spins.buffer));
      expect(a.rngState).toEqual(b.rngState);
      expect(a.stepSize).toBe(b.stepSize);
      expect(a.stepSize).not.toBe(1);
      expect(wasm.clusterLabels()).toEqual(js.clusterLabels());
      const run = { thermalize: 20, sweeps: 100, correlations: { every: 5 } };
      expect(wasm.measure(run)).toEqual({ ...js.measure(run), backend: 'wasm' });
    });
  }
});
