// The Heisenberg (O(3)) model: WebAssembly and JavaScript kernels bit for bit (Metropolis with the
// tuned step and over-relaxation, heat bath, Wolff, Swendsen-Wang by embedding, hybrid, with and without a field, square and cubic lattices); the 2 x 2 lattice
// against the transfer integral of the ring of 4 spins (Z = (4 pi)^4 sum_l (2l + 1) i_l(2 beta)^4),
// itself checked against the open chain's Langevin energy; the spin-wave limit e = -2 + T; typed errors.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError, type Simulation, type SimulationOptions } from '../src/index.js';
import { heisenbergRingEnergy, heisenbergRingSpecificHeat } from '../src/models/heisenberg/exact.js';
import { zScore } from './helpers/core.js';

const PARITY: [string, SimulationOptions][] = [
  ['metropolis L=8 h=0.3 over-relaxation 1', { size: 8, temperature: 0.8, field: 0.3, overRelaxation: 1 }],
  ['wolff L=10 T=0.6', { size: 10, temperature: 0.6, algorithm: 'wolff', clustersPerStep: 2 }],
  ['hybrid L=6 h=-0.4 cold', { size: 6, temperature: 1.5, field: -0.4, algorithm: 'hybrid', start: 'cold' }],
  ['heat-bath L=8 h=0.3 over-relaxation 1', { size: 8, temperature: 0.8, field: 0.3, algorithm: 'heat-bath', overRelaxation: 1 }],
  ['heat-bath L=4 T=0.01 cold (kappa near 400)', { size: 4, temperature: 0.01, algorithm: 'heat-bath', start: 'cold' }],
  ['heat-bath L=4 T=1e6 (kappa near 4e-6)', { size: 4, temperature: 1e6, algorithm: 'heat-bath' }],
  ['swendsen-wang L=10 T=0.6 h=0.2', { size: 10, temperature: 0.6, field: 0.2, algorithm: 'swendsen-wang' }],
  ['hybrid swendsen-wang L=6 h=-0.4', { size: 6, temperature: 1.5, field: -0.4, algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
  ['cubic metropolis L=4 h=0.2 over-relaxation 2', { lattice: 'cubic', size: 4, temperature: 1.4, field: 0.2, overRelaxation: 2 }],
  ['cubic wolff L=6 T_c', { lattice: 'cubic', size: 6, temperature: 1.443, algorithm: 'wolff', clustersPerStep: 2 }],
  ['cubic hybrid L=2 h=-0.3 cold', { lattice: 'cubic', size: 2, temperature: 1, field: -0.3, algorithm: 'hybrid', start: 'cold' }],
  ['cubic heat-bath L=4 h=0.2 over-relaxation 1', { lattice: 'cubic', size: 4, temperature: 1.4, field: 0.2, algorithm: 'heat-bath', overRelaxation: 1 }],
  ['cubic swendsen-wang L=6 T_c', { lattice: 'cubic', size: 6, temperature: 1.443, algorithm: 'swendsen-wang' }],
];

describe('Heisenberg kernels: WASM vs JS bit-identical', () => {
  for (const [name, options] of PARITY) {
    it(name, async () => {
      const [wasm, js] = await Promise.all((['wasm', 'js'] as const).map((backend) => createSimulation({ model: 'heisenberg', seed: 9, ...options, backend }) as Promise<Simulation<'heisenberg'>>));
      expect(wasm.sweep(25)).toEqual(js.sweep(25));
      const records = [new Float64Array(6 * 30), new Float64Array(6 * 30)];
      expect(wasm.sweep(30, records[0])).toEqual(js.sweep(30, records[1]));
      expect(Buffer.from(records[0].buffer)).toEqual(Buffer.from(records[1].buffer));
      const [a, b] = [wasm.snapshot(), js.snapshot()];
      expect(Buffer.from(a.spins.buffer)).toEqual(Buffer.from(b.spins.buffer));
      expect(a.rngState).toEqual(b.rngState);
      expect(a.stepSize).toBe(b.stepSize);
      expect(wasm.clusterLabels()).toEqual(js.clusterLabels());
      expect(wasm.measure({ thermalize: 50, sweeps: 200, correlations: { every: 5 } })).toEqual({ ...js.measure({ thermalize: 50, sweeps: 200, correlations: { every: 5 } }), backend: 'wasm' });
    });
  }
});

describe('Heisenberg physics', () => {
  it('the ring transfer integral reproduces the open chain (Langevin) for a long ring', () => {
    const K = 1.3;
    expect(Math.abs(heisenbergRingEnergy(200, 1, K) - -(1 / Math.tanh(K) - 1 / K))).toBeLessThan(1e-9);
  });

  for (const [name, options] of [['metropolis T=1', { temperature: 1 }], ['wolff T=0.6', { temperature: 0.6, algorithm: 'wolff' }], ['hybrid T=2 + over-relaxation', { temperature: 2, algorithm: 'hybrid', overRelaxation: 1 }],
    ['heat-bath T=1', { temperature: 1, algorithm: 'heat-bath' }],
    ['heat-bath + over-relaxation T=0.3 js', { temperature: 0.3, algorithm: 'heat-bath', overRelaxation: 1, backend: 'js' }],
    ['swendsen-wang T=0.6', { temperature: 0.6, algorithm: 'swendsen-wang' }]] as [string, SimulationOptions][]) {
    it(`2 x 2 against the ring of 4: ${name}`, async () => {
      const sim = await createSimulation({ model: 'heisenberg', size: 2, seed: 3, ...options });
      const m = sim.measure({ thermalize: 2000, sweeps: 100000 });
      const beta = m.beta;
      expect(Math.abs(zScore(m.observables.energy, heisenbergRingEnergy(4, 2, beta)))).toBeLessThan(4);
      expect(Math.abs(zScore(m.observables.specificHeat, heisenbergRingSpecificHeat(4, 2, beta)))).toBeLessThan(4);
    });
  }

  it('spin waves: e = -2 + T at T = 0.05 (L = 16), up to T^2', async () => {
    const T = 0.05;
    const sim = await createSimulation({ model: 'heisenberg', size: 16, temperature: T, start: 'cold', seed: 2 });
    const { energy } = sim.measure({ thermalize: 500, sweeps: 4000 }).observables;
    expect(Math.abs(energy.mean - (-2 + T))).toBeLessThan(4 * energy.error + T * T);
  });

  it('typed errors', async () => {
    await expect(createSimulation({ model: 'heisenberg', q: 3 })).rejects.toThrow(InvalidOptionError);
    await expect(createSimulation({ model: 'heisenberg', overRelaxation: 65 })).rejects.toThrow(/overRelaxation/);
    await expect(createSimulation({ model: 'heisenberg', algorithm: 'annealing' as never })).rejects.toThrow(/algorithm/);
    const sim = await createSimulation({ model: 'heisenberg', size: 2 });
    const snapshot = sim.snapshot();
    expect(() => sim.restore({ ...snapshot, spins: new Float64Array(12) })).toThrow(/snapshot\.spins/);
    expect(() => sim.restore({ ...snapshot, stepSize: 11 })).toThrow(/snapshot\.stepSize.*0\.000001 to 10/);
  });
});
