// Large lattices: L = 16384 on the packed path in Node (WebAssembly memory grows to about
// 300 MB; every view is re-derived after growth), with the counters matching the lattice.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';

describe('L = 16384', () => {
  it('runs packed sweeps and converts back to bytes', async () => {
    const L = 16384;
    const sim = await createSimulation({ size: L, temperature: 1.5, start: 'cold', backend: 'wasm', seed: 3 });
    expect(sim.layout).toBe('packed');
    const result = sim.sweep(2);
    expect(result.flips).toBeGreaterThan(0);
    const spins = sim.spins();
    expect(spins.length).toBe(L * L);
    let m = 0;
    let b = 0;
    for (let y = 0; y < L; y++) {
      const row = y * L;
      const below = (y === L - 1 ? 0 : y + 1) * L;
      for (let x = 0; x < L; x++) {
        const s = spins[row + x];
        m += s;
        b += s * (spins[row + (x === L - 1 ? 0 : x + 1)] + spins[below + x]);
      }
    }
    expect(sim.magnetization()).toBe(m / (L * L));
    expect(sim.energy()).toBe(-b / (L * L));
    // at T = 1.5 from a cold start the lattice stays ordered
    expect(sim.magnetization()).toBeGreaterThan(0.9);
    sim.dispose();
  }, 120_000);
});
