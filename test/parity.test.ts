// WebAssembly and JavaScript backends: same options and seed -> the same lattice, the same
// per-sweep energy and magnetization series and the same generator state, bit for bit.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';
import type { Algorithm, Start } from '../src/index.js';

const CASES: [Algorithm, number, number, number, number, Start][] = [
  // algorithm, size, temperature, field, seed, start
  ['metropolis', 2, 1.5, 0, 3, 'hot'],
  ['metropolis', 8, 2.269, 0, 1, 'hot'],
  ['metropolis', 16, 1.0, 0.3, 42, 'cold'],
  ['metropolis', 30, 3.5, -0.7, 2 ** 40, 'hot'],
  ['metropolis', 64, 2.0, 0, 7, 'hot'],
  ['heat-bath', 2, 0.7, 0.2, 5, 'cold'],
  ['heat-bath', 8, 2.269, 0, 1, 'hot'],
  ['heat-bath', 16, 1.5, -0.1, 9, 'hot'],
  ['heat-bath', 30, 4.0, 1.5, 123456789, 'cold'],
  ['heat-bath', 64, 2.5, 0, 11, 'hot'],
];

describe('WASM vs JS bit-identical', () => {
  it.each(CASES)('%s L=%d T=%d h=%d seed=%d %s', async (algorithm, size, temperature, field, seed, start) => {
    const options = { algorithm, size, temperature, field, seed, start };
    const wasm = await createSimulation({ ...options, backend: 'wasm' });
    const js = await createSimulation({ ...options, backend: 'js' });
    expect(wasm.backend).toBe('wasm');
    expect(js.backend).toBe('js');
    expect(wasm.spins()).toEqual(js.spins());
    for (const n of [1, 7, 50]) {
      const a = wasm.sweep(n);
      const b = js.sweep(n);
      expect(a).toEqual(b);
      expect(wasm.spins()).toEqual(js.spins());
      expect(wasm.snapshot().rngState).toEqual(js.snapshot().rngState);
    }
    const ma = wasm.measure({ sweeps: 300, keepSeries: true });
    const mb = js.measure({ sweeps: 300, keepSeries: true });
    expect(ma.series!.energy).toEqual(mb.series!.energy);
    expect(ma.series!.magnetization).toEqual(mb.series!.magnetization);
    expect(ma.observables).toEqual(mb.observables);
    expect(wasm.spins()).toEqual(js.spins());
    expect(wasm.energy()).toBe(js.energy());
    expect(wasm.flips).toBe(js.flips);
  });

  it('a run longer than one core call (4096 recorded sweeps) stays identical', async () => {
    const options = { size: 4, temperature: 2.0, seed: 99 } as const;
    const wasm = await createSimulation({ ...options, backend: 'wasm' });
    const js = await createSimulation({ ...options, backend: 'js' });
    const ma = wasm.measure({ sweeps: 10000, keepSeries: true });
    const mb = js.measure({ sweeps: 10000, keepSeries: true });
    expect(ma.series!.energy).toEqual(mb.series!.energy);
    expect(wasm.spins()).toEqual(js.spins());
  });
});
