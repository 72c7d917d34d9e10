// After packed Metropolis sweeps, everything that reads the byte lattice sees the current
// configuration: block spins (level 0 and the pyramid), correlations, and cluster updates that
// continue from it; the same on both backends.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, coarseGrain, createSimulation } from '../src/index.js';

describe('packed lattice and the byte-lattice kernels', () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`block spins and correlations follow packed sweeps (${backend})`, async () => {
      const sim = await createSimulation({ size: 32, temperature: 2.3, seed: 12, backend, algorithm: 'metropolis' });
      expect(sim.layout).toBe('packed');
      for (let round = 0; round < 3; round++) {
        sim.sweep(7);
        const spins = sim.spins();
        const pyramid = blockSpinPyramid(sim, { blockSize: 2, levels: 3 });
        expect(pyramid.lattices[0]).toEqual(spins);
        const reference = coarseGrain(spins, { blockSize: 2, levels: 3, rule: 'decimation' });
        const decimated = blockSpinPyramid(sim, { blockSize: 2, levels: 3, rule: 'decimation' });
        expect(decimated.lattices).toEqual(reference.lattices);
      }
      // correlations measured on the packed path equal those of the same lattice on the byte layout
      const byte = await createSimulation({ size: 32, temperature: 2.3, seed: 12, backend, layout: 'byte' });
      byte.restore(sim.snapshot());
      sim.setTemperature(1e-6); // freeze: both measure the same configuration at every sample
      byte.setTemperature(1e-6);
      const a = sim.measure({ sweeps: 64, correlations: { every: 32 } });
      const b = byte.measure({ sweeps: 64, correlations: { every: 32 } });
      expect(sim.spins()).toEqual(byte.spins());
      expect(a.correlations).toEqual(b.correlations);
    });

    it(`cluster updates continue from the packed lattice (${backend})`, async () => {
      const sim = await createSimulation({ size: 32, temperature: 2.3, seed: 13, backend });
      sim.sweep(5);
      const snap = sim.snapshot();
      sim.setAlgorithm('wolff', { clustersPerStep: 2 });
      sim.sweep(3);
      const byte = await createSimulation({ size: 32, temperature: 2.3, seed: 13, backend, layout: 'byte', algorithm: 'wolff', clustersPerStep: 2 });
      byte.restore(snap);
      byte.sweep(3);
      expect(sim.spins()).toEqual(byte.spins());
      expect(sim.energy()).toBe(byte.energy());
    });
  }
});
