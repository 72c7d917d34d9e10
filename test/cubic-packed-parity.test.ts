// The packed Metropolis kernel of the cubic lattice (assembly/packed3d.ts) is bit-identical on the
// SIMD core, the scalar core and in JavaScript (src/models/ising/packed3d-js.ts): same lattice, same
// per-sweep series, same generator state, for zero field (the fast path) and non-zero field (the
// general path over the 14 classes), odd and even L / 16, hot and cold starts; its counters
// equal a recount from the spins, and its sweeps are not the byte kernel's (a different stream).
import { describe, expect, it } from 'vitest';
import { createSimulation, loadInlinedCore } from '../src/index.js';
import type { Simulation, SimulationOptions } from '../src/index.js';

const CASES: [number, number, number, number, 'hot' | 'cold'][] = [
  // size, temperature, field, seed, start
  [16, 4.5115232, 0, 1, 'hot'],
  [32, 3.5, 0, 5, 'cold'],
  [48, 5.0, 0.3, 42, 'hot'], // L / 16 odd, general path
  [16, 4.0, -0.7, 2 ** 40, 'hot'],
  [16, 0.4, 0, 9, 'hot'], // a = 0 thresholds round to 0: certain rejection, no longer the fast shape
  [16, 6.0, 6.5, 11, 'hot'], // |h| > 6: every class of one sign undecided
];

async function engines(options: SimulationOptions): Promise<Simulation[]> {
  const cubic = { ...options, lattice: 'cubic' } as const;
  const simd = await createSimulation({ ...cubic, backend: 'wasm', core: await loadInlinedCore('simd') });
  const scalar = await createSimulation({ ...cubic, backend: 'wasm', core: await loadInlinedCore('scalar') });
  const js = await createSimulation({ ...cubic, backend: 'js' });
  expect([simd.engine, scalar.engine, js.engine]).toEqual(['wasm-simd', 'wasm-scalar', 'js']);
  for (const sim of [simd, scalar, js]) expect(sim.layout).toBe('packed');
  return [simd, scalar, js];
}

function recount(spins: Int8Array, L: number): [number, number] {
  let b = 0;
  let m = 0;
  for (let z = 0; z < L; z++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const s = spins[(z * L + y) * L + x];
        m += s;
        b += s * (spins[(z * L + y) * L + ((x + 1) % L)] + spins[(z * L + ((y + 1) % L)) * L + x] + spins[(((z + 1) % L) * L + y) * L + x]);
      }
    }
  }
  return [b, m];
}

describe('cubic packed kernel: WASM SIMD vs WASM scalar vs JS, bit for bit', () => {
  it.each(CASES)('L=%d T=%d h=%d seed=%d %s', async (size, temperature, field, seed, start) => {
    const sims = await engines({ size, temperature, field, seed, start });
    const [ref, ...others] = sims;
    for (const n of [1, 3, 12]) {
      const a = ref.sweep(n);
      for (const sim of others) {
        expect(sim.sweep(n)).toEqual(a);
        expect(sim.spins()).toEqual(ref.spins());
        expect(sim.snapshot().rngState).toEqual(ref.snapshot().rngState);
        expect(sim.energy()).toBe(ref.energy());
        expect(sim.magnetization()).toBe(ref.magnetization());
      }
    }
    const [b, m] = recount(ref.spins() as Int8Array, size);
    expect(ref.energy()).toBeCloseTo((-b - field * m) / size ** 3, 12);
    expect(ref.magnetization()).toBeCloseTo(m / size ** 3, 12);
    const measured = ref.measure({ sweeps: 60, keepSeries: true });
    for (const sim of others) {
      const o = sim.measure({ sweeps: 60, keepSeries: true });
      expect(o.series!.energy).toEqual(measured.series!.energy);
      expect(o.series!.magnetization).toEqual(measured.series!.magnetization);
      expect(o.acceptance).toBe(measured.acceptance);
    }
    // the tracked counters of the series agree with a recount of the final spins
    const [b2, m2] = recount(ref.spins() as Int8Array, size);
    expect(measured.series!.magnetization.at(-1)).toBeCloseTo(m2 / size ** 3, 12);
    expect(measured.series!.energy.at(-1)).toBeCloseTo((-b2 - field * m2) / size ** 3, 12);
    for (const sim of sims) sim.dispose();
  });

  it('layout "byte" keeps the byte kernel (a different random stream)', async () => {
    const packed = await createSimulation({ lattice: 'cubic', size: 16, seed: 3 });
    const byte = await createSimulation({ lattice: 'cubic', size: 16, seed: 3, layout: 'byte' });
    expect([packed.layout, byte.layout]).toEqual(['packed', 'byte']);
    packed.sweep(2);
    byte.sweep(2);
    expect(packed.spins()).not.toEqual(byte.spins());
  });
});

describe('cubic packed layout: observables and checkpoints', () => {
  it('correlations, histograms and spins agree between backends; a checkpoint resumes bit for bit', async () => {
    const options = { lattice: 'cubic', size: 16, beta: 0.2216, seed: 12 } as const;
    const wasm = await createSimulation({ ...options, backend: 'wasm' });
    const js = await createSimulation({ ...options, backend: 'js' });
    expect([wasm.layout, js.layout]).toEqual(['packed', 'packed']);
    const a = wasm.measure({ thermalize: 50, sweeps: 200, correlations: { every: 5 }, histograms: true });
    const b = js.measure({ thermalize: 50, sweeps: 200, correlations: { every: 5 }, histograms: true });
    expect(a.correlations).toEqual(b.correlations);
    expect(a.correlations!.distances).toHaveLength(9);
    expect(a.histograms).toEqual(b.histograms);
    expect(a.observables).toEqual(b.observables);
    // G(1) = -<e>/3 at h = 0, within the errors of the same run (G sampled every 5 sweeps)
    const g1 = a.correlations!.correlation[1];
    const e = a.observables.energy;
    expect(Math.abs(g1.mean + e.mean / 3)).toBeLessThan(4 * (g1.error + e.error / 3));
    expect(wasm.spins()).toEqual(js.spins());

    const checkpoint = wasm.checkpoint();
    const resumed = await createSimulation({ ...options, backend: 'js', seed: 99 });
    resumed.resume(checkpoint);
    expect(resumed.sweep(7)).toEqual(wasm.sweep(7));
    expect(resumed.spins()).toEqual(wasm.spins());
    for (const sim of [wasm, js, resumed]) sim.dispose();
  });
});
