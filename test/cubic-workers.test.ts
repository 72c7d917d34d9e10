// The cubic packed kernel across worker threads sharing one lattice (slabs of planes, barriers
// between half-sweeps): the same lattice, series, counters and generator state as one thread, for
// any number of workers, as on the square lattice (test/workers-shared-lattice.test.ts).
// The workers run the built dist/worker/packed-worker.js: `npm test` builds first.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError } from '../src/index.js';

describe('cubic lattice across workers', () => {
  it.each([
    [2, 16, 0], // 8 planes each
    [3, 32, 0.2], // 10, 11 and 11 planes; general (field) path
  ])('%d workers, L=%d, h=%d: identical to one thread', async (workers, size, field) => {
    const options = { lattice: 'cubic', size, field, temperature: 4.6, seed: 21 } as const;
    const parallel = await createSimulation({ ...options, workers });
    const single = await createSimulation(options);
    try {
      expect(parallel.options.workers).toBe(workers);
      expect([parallel.layout, single.layout]).toEqual(['packed', 'packed']);
      for (const n of [1, 4, 9]) {
        expect(parallel.sweep(n)).toEqual(single.sweep(n));
        expect(parallel.energy()).toBe(single.energy());
        expect(parallel.magnetization()).toBe(single.magnetization());
      }
      const a = parallel.measure({ sweeps: 60, keepSeries: true });
      const b = single.measure({ sweeps: 60, keepSeries: true });
      expect(a.series!.energy).toEqual(b.series!.energy);
      expect(a.series!.magnetization).toEqual(b.series!.magnetization);
      expect(parallel.spins()).toEqual(single.spins());
      expect(parallel.snapshot().rngState).toEqual(single.snapshot().rngState);
      // heat bath and Wolff run on the calling thread; Metropolis goes back to the workers
      for (const sim of [parallel, single]) {
        sim.setAlgorithm('heat-bath');
        sim.sweep(2);
        sim.setAlgorithm('wolff');
        sim.sweep(5);
        sim.setAlgorithm('metropolis');
        sim.sweep(3);
      }
      expect(parallel.spins()).toEqual(single.spins());
      const snap = single.snapshot();
      single.sweep(5);
      parallel.restore(snap);
      parallel.sweep(5);
      expect(parallel.spins()).toEqual(single.spins());
    } finally {
      parallel.dispose();
      single.dispose();
    }
  });

  it('at most L workers (one plane each)', async () => {
    const error = await createSimulation({ lattice: 'cubic', size: 16, workers: 17 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(/"workers": expected at most L = 16 on the cubic lattice \(one plane each at least\), got 17/);
  });
});
