// Simulation.checkpoint() / resume(): a small checksummed Uint8Array that continues a simulation
// exactly, also across backends; parameters (temperature, beta, field, algorithm) come with it.
import { describe, expect, it } from 'vitest';
import { createSimulation, decodeCheckpoint, resumeSimulation } from '../src/index.js';

describe('checkpoint and resume', () => {
  it('continues bit for bit on either backend, parameters included', async () => {
    const reference = await createSimulation({ size: 10, beta: 0.47, field: -0.05, algorithm: 'heat-bath', seed: 8, backend: 'wasm' });
    reference.sweep(37);
    const bytes = reference.checkpoint();
    // 100 spins -> 13 bytes of bits; the rest is the JSON header, magic, version and CRC
    expect(bytes.length).toBeLessThan(600);
    reference.sweep(50);

    for (const backend of ['wasm', 'js'] as const) {
      const sim = await createSimulation({ size: 10, temperature: 5, algorithm: 'metropolis', seed: 1, backend });
      sim.resume(bytes);
      expect(sim.options).toEqual({ ...reference.options, backend });
      expect(sim.sweeps).toBe(37);
      sim.sweep(50);
      expect(sim.spins(), backend).toEqual(reference.spins());
      expect(sim.flips).toBe(reference.flips);
      expect(sim.energy()).toBe(reference.energy());
    }
  });

  it('resumeSimulation builds a new simulation from a checkpoint', async () => {
    const a = await createSimulation({ size: 6, temperature: 2.1, seed: 3, start: 'cold' });
    a.sweep(9);
    const b = await resumeSimulation(a.checkpoint(), { backend: 'js' });
    expect(b.backend).toBe('js');
    expect(b.options.temperature).toBe(2.1);
    a.sweep(10);
    b.sweep(10);
    expect(b.spins()).toEqual(a.spins());
  });

  it('is self-describing: the decoded header holds options, counters and generator state', async () => {
    const sim = await createSimulation({ size: 4, temperature: 1.7, seed: 12 });
    sim.sweep(3);
    const contents = decodeCheckpoint(sim.checkpoint());
    expect(contents.kind).toBe('simulation');
    expect(contents.state).toMatchObject({ model: 'ising', lattice: 'square', size: 4, temperature: 1.7, seed: 12, sweeps: 3, flips: sim.flips });
    expect(contents.state.spins).toEqual(sim.spins());
    expect(contents.state.rngState).toEqual(sim.snapshot().rngState);
  });
});
