// The packed Metropolis kernel is bit-identical on the SIMD core, the scalar core and in
// JavaScript: same lattice, same per-sweep series, same generator state, for zero and non-zero
// field (the two acceptance paths), odd and even L / 16, hot and cold starts.
import { describe, expect, it } from 'vitest';
import { createSimulation, loadInlinedCore } from '../src/index.js';
import type { Simulation, SimulationOptions } from '../src/index.js';

const CASES: [number, number, number, number, 'hot' | 'cold'][] = [
  // size, temperature, field, seed, start
  [16, 2.269, 0, 1, 'hot'],
  [32, 1.8, 0, 5, 'cold'],
  [48, 2.6, 0.3, 42, 'hot'],
  [64, 2.0, -0.7, 2 ** 40, 'hot'],
  [16, 0.3, 0, 9, 'hot'], // certain rejection (threshold 0) for a = 0
  [32, 3.0, 4.5, 11, 'hot'], // |h| > 4: every class of one sign undecided
];

async function engines(options: SimulationOptions): Promise<Simulation[]> {
  const simd = await createSimulation({ ...options, backend: 'wasm', core: await loadInlinedCore('simd') });
  const scalar = await createSimulation({ ...options, backend: 'wasm', core: await loadInlinedCore('scalar') });
  const js = await createSimulation({ ...options, backend: 'js' });
  expect([simd.engine, scalar.engine, js.engine]).toEqual(['wasm-simd', 'wasm-scalar', 'js']);
  for (const sim of [simd, scalar, js]) expect(sim.layout).toBe('packed');
  return [simd, scalar, js];
}

describe('packed kernel: WASM SIMD vs WASM scalar vs JS, bit for bit', () => {
  it.each(CASES)('L=%d T=%d h=%d seed=%d %s', async (size, temperature, field, seed, start) => {
    const sims = await engines({ size, temperature, field, seed, start });
    const [ref, ...others] = sims;
    for (const n of [1, 3, 20]) {
      const a = ref.sweep(n);
      for (const sim of others) {
        expect(sim.sweep(n)).toEqual(a);
        expect(sim.spins()).toEqual(ref.spins());
        expect(sim.snapshot().rngState).toEqual(ref.snapshot().rngState);
        expect(sim.energy()).toBe(ref.energy());
        expect(sim.magnetization()).toBe(ref.magnetization());
      }
    }
    const m = ref.measure({ sweeps: 200, keepSeries: true });
    for (const sim of others) {
      const o = sim.measure({ sweeps: 200, keepSeries: true });
      expect(o.series!.energy).toEqual(m.series!.energy);
      expect(o.series!.magnetization).toEqual(m.series!.magnetization);
      expect(o.acceptance).toBe(m.acceptance);
    }
  });
});
