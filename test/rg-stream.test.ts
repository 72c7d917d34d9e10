// Observing the RG does not change the Monte Carlo trajectory: majority ties draw from a separate
// RG stream (childSeed(seed, RG_STREAM) by default), so a run with rgFlow or blockSpinPyramid
// ends on the same lattice and generator state as the same sweeps without them.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, childSeed, createSimulation, rgFlow, RG_STREAM } from '../src/index.js';

describe('the RG stream is separate from the simulation stream', { timeout: 60_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`rgFlow leaves the trajectory unchanged (${backend})`, async () => {
      const options = { size: 16, temperature: 3.0, seed: 5, backend } as const;
      const observed = await createSimulation(options);
      const plain = await createSimulation(options);
      const r = rgFlow(observed, { thermalize: 30, samples: 200, every: 3 });
      expect(r.ties).toBeGreaterThan(100);
      plain.sweep(30 + 200 * 3);
      expect(observed.spins()).toEqual(plain.spins());
      expect(observed.snapshot().rngState).toEqual(plain.snapshot().rngState);
      expect(observed.sweeps).toBe(plain.sweeps);
      expect(observed.flips).toBe(plain.flips);
      expect(r.rgSeed).toBe(childSeed(5, RG_STREAM));
    });
  }

  it('blockSpinPyramid changes neither the lattice nor the generator; another RG seed changes only the ties', async () => {
    const sim = await createSimulation({ size: 32, temperature: 5, seed: 2, backend: 'wasm' });
    sim.sweep(5);
    const before = sim.snapshot();
    const a = blockSpinPyramid(sim, { levels: 3 });
    const b = blockSpinPyramid(sim, { levels: 3, seed: 1234 });
    expect(sim.snapshot()).toEqual(before);
    expect(a.ties).toBeGreaterThan(0);
    expect(a.lattices[1]).not.toEqual(b.lattices[1]);
    expect(blockSpinPyramid(sim, { levels: 3 })).toEqual(a);
  });
});
