// Packed <-> byte conversions: spins(), energy() and magnetization() agree with the packed
// lattice; snapshots keep their byte format and restore across layouts; switching to heat
// bath and back converts without losing anything and stays identical on both backends.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';
import type { Simulation } from '../src/index.js';

/** Bond sum and magnetization recomputed from spins(). */
function recount(sim: Simulation): { energy: number; magnetization: number } {
  const s = sim.spins();
  const L = sim.options.size;
  let b = 0, m = 0;
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const v = s[y * L + x];
      m += v;
      b += v * (s[y * L + ((x + 1) % L)] + s[((y + 1) % L) * L + x]);
    }
  }
  return { energy: (-b - sim.options.field * m) / (L * L), magnetization: m / (L * L) };
}

describe('packed layout conversions', () => {
  it('starts from the same lattice as the byte layout, and the counters match spins()', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      const packed = await createSimulation({ size: 48, seed: 4, field: 0.2, backend });
      const byte = await createSimulation({ size: 48, seed: 4, field: 0.2, backend, layout: 'byte' });
      expect(packed.spins()).toEqual(byte.spins());
      for (let k = 0; k < 5; k++) {
        packed.sweep(7);
        const counted = recount(packed);
        expect(packed.energy()).toBe(counted.energy);
        expect(packed.magnetization()).toBe(counted.magnetization);
      }
    }
  });

  it('snapshots restore across layouts and continue identically within one', async () => {
    const options = { size: 32, temperature: 2.3, seed: 8 } as const;
    const reference = await createSimulation({ ...options, backend: 'wasm' });
    reference.sweep(30);
    const snap = reference.snapshot();
    expect(snap.spins).toBeInstanceOf(Int8Array);
    expect(snap.spins.length).toBe(32 * 32);
    reference.sweep(20);
    for (const backend of ['wasm', 'js'] as const) {
      const resumed = await createSimulation({ ...options, seed: 999, backend });
      resumed.restore(snap);
      resumed.sweep(20);
      expect(resumed.spins()).toEqual(reference.spins());
      expect(resumed.flips).toBe(reference.flips);
    }
    const byte = await createSimulation({ ...options, layout: 'byte', backend: 'js' });
    byte.restore(snap);
    expect(byte.spins()).toEqual(snap.spins);
    expect(byte.energy()).toBe(recount(byte).energy);
  });

  it('heat bath runs on the byte copy; switching back and forth is lossless and deterministic', async () => {
    const sims = await Promise.all((['wasm', 'js'] as const).map((backend) => createSimulation({ size: 16, temperature: 2.2, seed: 12, backend })));
    for (const sim of sims) {
      sim.sweep(10);
      const before = sim.spins();
      sim.setAlgorithm('heat-bath');
      expect(sim.layout).toBe('byte');
      expect(sim.spins()).toEqual(before);
      expect(sim.energy()).toBe(recount(sim).energy);
      sim.sweep(10);
      sim.setAlgorithm('metropolis');
      expect(sim.layout).toBe('packed');
      sim.sweep(10);
      expect(sim.energy()).toBe(recount(sim).energy);
    }
    expect(sims[0].spins()).toEqual(sims[1].spins());
    expect(sims[0].snapshot().rngState).toEqual(sims[1].snapshot().rngState);
  });

  it('"auto" falls back to the byte layout where L is not a multiple of 16', async () => {
    const sim = await createSimulation({ size: 20 });
    expect(sim.options.layout).toBe('byte');
    expect(sim.layout).toBe('byte');
    const packed = await createSimulation({ size: 16, algorithm: 'heat-bath' });
    expect(packed.options.layout).toBe('packed');
    expect(packed.layout).toBe('byte');
  });
});
