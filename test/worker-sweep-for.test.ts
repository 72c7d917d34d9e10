// sweepFor(ms) and spinBits() of a simulation in a worker_thread (built package): a timed call
// runs whole steps, never more than maxSweeps, and its records and lattice are exactly those of
// the same number of steps on the main thread; the bit-packed lattice is packSpins(spins());
// bad options are InvalidOptionErrors across the hop. (No assertion on wall time.)
import { afterAll, describe, expect, it } from 'vitest';
import * as built from '../dist/index.js';

const { createSimulation, createSimulationWorker, packSpins, InvalidOptionError, AbortedError } = built;
const workers: built.SimulationWorker[] = [];
afterAll(() => Promise.all(workers.map((w) => w.dispose())));

describe('sweepFor and spinBits in a worker', { timeout: 60_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    for (const algorithm of ['metropolis', 'wolff'] as const) {
      it(`records every step as the main thread does (${backend}, ${algorithm})`, async () => {
        const options = { size: 32, temperature: 2.4, field: 0.05, seed: 17, backend, algorithm } as const;
        const worker = await createSimulationWorker(options);
        workers.push(worker);
        const local = await createSimulation(options);
        let total = 0;
        for (const ms of [1, 5, 20]) {
          const r = await worker.sweepFor(ms, { record: true });
          expect(r.sweeps).toBeGreaterThanOrEqual(1);
          expect(r.records).toBeInstanceOf(Int32Array);
          expect(r.records!.length).toBe(2 * r.sweeps);
          expect(r.computeMs).toBeGreaterThanOrEqual(0);
          expect(r.elapsedMs).toBeGreaterThanOrEqual(r.computeMs);
          const expected = new Int32Array(2 * r.sweeps);
          const here = local.sweep(r.sweeps, expected);
          expect(r.records).toEqual(expected);
          expect({ flips: r.flips, sweepEquivalents: r.sweepEquivalents, acceptance: r.acceptance }).toEqual({ flips: here.flips, sweepEquivalents: here.sweepEquivalents, acceptance: here.acceptance });
          total += r.sweeps;
        }
        expect(await worker.sweeps).toBe(total);
        const bits = await worker.spinBits();
        expect(bits).toEqual(packSpins(local.spins()));
        expect(built.unpackSpins(bits, 32 * 32)).toEqual(local.spins());
        local.dispose();
      });
    }
  }

  it('records every Potts step (q + 1 integers a step) as the main thread does, and the states as spins()', async () => {
    const options = { model: 'potts', q: 5, size: 16, temperature: 0.85, field: 0.1, seed: 4, algorithm: 'heat-bath' } as const;
    const worker = await createSimulationWorker(options);
    workers.push(worker);
    const local = await createSimulation(options);
    expect(await worker.recordWidth).toBe(6);
    for (const ms of [1, 5]) {
      const r = await worker.sweepFor(ms, { record: true });
      expect(r.records!.length).toBe(6 * r.sweeps);
      const expected = new Int32Array(6 * r.sweeps);
      local.sweep(r.sweeps, expected);
      expect(r.records).toEqual(expected);
    }
    expect(await worker.spins()).toEqual(local.spins());
    local.dispose();
  });

  it('stops at maxSweeps and records nothing unless asked', async () => {
    const worker = await createSimulationWorker({ size: 16, seed: 3 });
    workers.push(worker);
    const r = await worker.sweepFor(60_000, { maxSweeps: 7 });
    expect(r.sweeps).toBe(7);
    expect(r.records).toBeUndefined();
    expect(await worker.sweeps).toBe(7);
  });

  it('rejects bad options with InvalidOptionError and keeps the simulation', async () => {
    const worker = await createSimulationWorker({ size: 16, seed: 3 });
    workers.push(worker);
    const cases: [number, object, string][] = [
      [0, {}, 'Invalid option "ms": expected a finite number > 0, got 0'],
      [NaN, {}, 'Invalid option "ms"'],
      [10, { maxSweeps: 0 }, 'Invalid option "maxSweeps": expected an integer from 1 to 2147483647, got 0'],
      [10, { record: 'yes' }, 'Invalid option "record": expected true or false, got "yes"'],
      [10, { steps: 3 }, 'Invalid option "steps": expected a known option (unknown option "steps"; known: maxSweeps, record), got 3'],
    ];
    for (const [ms, options, message] of cases) {
      const error = await worker.sweepFor(ms, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toContain(message);
    }
    expect(await worker.sweeps).toBe(0);
  });

  it('aborts with an AbortedError and keeps the steps done', async () => {
    const worker = await createSimulationWorker({ size: 64, seed: 3 });
    workers.push(worker);
    const controller = new AbortController();
    controller.abort();
    const error = await worker.sweepFor(60_000, {}, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(await worker.sweeps).toBe(0);
  });
});
