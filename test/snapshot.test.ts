// snapshot()/restore(): a restored run continues exactly as the uninterrupted one, on either backend.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';

describe('snapshot and restore', () => {
  it('continues bit for bit, also across backends', async () => {
    const options = { size: 12, temperature: 2.2, field: 0.05, seed: 31 } as const;
    const reference = await createSimulation({ ...options, backend: 'wasm' });
    reference.sweep(40);
    const snap = reference.snapshot();
    expect(snap.sweeps).toBe(40);
    reference.sweep(60);
    const expected = reference.spins();

    for (const backend of ['wasm', 'js'] as const) {
      const resumed = await createSimulation({ ...options, seed: 555, backend, start: 'cold' });
      resumed.restore(snap);
      expect(resumed.sweeps).toBe(40);
      resumed.sweep(60);
      expect(resumed.spins(), backend).toEqual(expected);
      expect(resumed.flips).toBe(reference.flips);
      expect(resumed.sweeps).toBe(100);
    }
  });

  it('snapshot and spins() are copies', async () => {
    const sim = await createSimulation({ size: 4, backend: 'wasm', start: 'cold' });
    const snap = sim.snapshot();
    const spins = sim.spins();
    spins.fill(-1);
    snap.spins.fill(-1);
    expect(sim.magnetization()).toBe(1);
    expect(sim.spins().every((s) => s === 1)).toBe(true);
  });
});
