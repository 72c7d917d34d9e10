// One lattice across worker threads (SharedArrayBuffer, barriers between half-sweeps) gives the
// same lattice, series, counters and generator state as one thread, for any number of workers.
// The workers run the built dist/worker/packed-worker.js: `npm test` builds first (after editing src/worker, run `npm run build`).
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

describe('one lattice across workers', () => {
  it.each([
    [2, 64, 0],
    [3, 48, 0.2], // 3 vector rows: one each, odd L / 16
  ])('%d workers, L=%d, h=%d: identical to one thread', async (workers, size, field) => {
    const options = { size, field, temperature: 2.3, seed: 21 } as const;
    const parallel = await createSimulation({ ...options, workers });
    const single = await createSimulation(options);
    try {
      expect(parallel.options.workers).toBe(workers);
      expect(parallel.engine).toBe('wasm-simd');
      expect(parallel.layout).toBe('packed');
      for (const n of [1, 4, 15]) {
        expect(parallel.sweep(n)).toEqual(single.sweep(n));
        expect(parallel.energy()).toBe(single.energy());
        expect(parallel.magnetization()).toBe(single.magnetization());
      }
      const a = parallel.measure({ sweeps: 150, keepSeries: true });
      const b = single.measure({ sweeps: 150, keepSeries: true });
      expect(a.series!.energy).toEqual(b.series!.energy);
      expect(a.series!.magnetization).toEqual(b.series!.magnetization);
      expect(parallel.spins()).toEqual(single.spins());
      expect(parallel.snapshot().rngState).toEqual(single.snapshot().rngState);
      // heat bath runs on the calling thread; Metropolis goes back to the workers
      for (const sim of [parallel, single]) {
        sim.setAlgorithm('heat-bath');
        sim.sweep(3);
        sim.setAlgorithm('metropolis');
        sim.sweep(3);
      }
      expect(parallel.spins()).toEqual(single.spins());
      // a snapshot of the one-thread run continues identically on the workers
      const snap = single.snapshot();
      single.sweep(10);
      parallel.restore(snap);
      parallel.sweep(10);
      expect(parallel.spins()).toEqual(single.spins());
    } finally {
      parallel.dispose();
      single.dispose();
    }
  });

  it('rejects worker counts it cannot honour, before allocating anything', async () => {
    const bad: [SimulationOptions, RegExp][] = [
      [{ workers: 0 }, /"workers": expected an integer from 1 to 64, got 0/],
      [{ workers: 2.5 }, /"workers": expected an integer from 1 to 64, got 2\.5/],
      [{ workers: 2, backend: 'js' }, /"workers": expected 1 with backend "js"/],
      [{ workers: 2, layout: 'byte', size: 64 }, /"workers": expected 1 with the byte layout/],
      [{ workers: 2, size: 20 }, /"workers": expected 1 with the byte layout/],
      [{ workers: 3, size: 32 }, /"workers": expected at most L \/ 16 = 2 for L = 32/],
      [{ workers: 2, size: 32, core: new Uint8Array(8) }, /"core": expected no core with workers > 1/],
    ];
    for (const [options, message] of bad) {
      const error = await createSimulation(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
