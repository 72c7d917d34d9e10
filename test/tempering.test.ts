// Parallel tempering on the pool: every temperature's measurement agrees with exact enumeration
// of the 4 x 4 lattice (|z| < 4), results are identical for pool sizes 1 and 2, and the exchange
// and round-trip statistics are reported. A crash during tempering changes nothing.
import { describe, expect, it } from 'vitest';
import { createPool, densityOfStates, exactMoments, type TemperingOptions, type TemperingResult } from '../dist/index.js';

const dos = densityOfStates(4);
const options: TemperingOptions = { options: { size: 4, field: 0.1 }, temperatures: [1.6, 2.0, 2.5, 3.2], seed: 7, sweepsPerRound: 5, thermalizeRounds: 50, rounds: 3000 };
const CHECKED = ['energy', 'absMagnetization', 'magnetization2', 'specificHeat', 'susceptibilityFull', 'binder'] as const;

describe('parallel tempering', { timeout: 60_000 }, () => {
  it('matches exact enumeration at every temperature, identically for pool sizes 1 and 2', async () => {
    const results: TemperingResult[] = [];
    for (const size of [1, 2]) {
      const pool = await createPool({ size, backend: 'wasm' });
      results.push(await pool.temper(options));
      await pool.dispose();
    }
    const [one, two] = results;
    expect(two).toEqual(one);
    expect(one.state).toBe('completed');
    expect(one.roundsDone).toBe(3000);
    for (const m of one.measurements) {
      expect(m.sweeps).toBe(15000);
      const exact = exactMoments(dos, m.temperature, 0.1);
      for (const name of CHECKED) {
        const o = m.observables[name];
        const z = (o.mean - exact[name]) / o.error;
        expect(Math.abs(z), `T=${m.temperature} ${name}: ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
      }
    }
    expect(one.swaps).toHaveLength(3);
    for (const s of one.swaps) {
      expect(s.attempts).toBe(1500); // every other round for each pair
      expect(s.acceptance).toBeGreaterThan(0.05);
      expect(s.acceptance).toBeLessThan(1);
    }
    expect(one.roundTrips.total).toBe(one.roundTrips.perReplica.reduce((a, b) => a + b, 0));
    expect(one.roundTrips.total).toBeGreaterThan(10);
    expect(one.roundTrips.meanSweeps).toBeGreaterThan(0);
  }, 60_000);

  it('recovers from a crashed worker with the same result', async () => {
    const small: TemperingOptions = { ...options, rounds: 600 };
    const pool = await createPool({ size: 2, backend: 'wasm' });
    const reference = await pool.temper(small);
    // slot 1 crashes as its 200th round of the second run starts (of 650): mid-run on any machine
    await pool.crashWorkerForTesting(1, { atTemperingRound: 200 });
    const recovered = await pool.temper(small);
    await pool.dispose();
    expect(recovered.restarts).toBe(1);
    expect({ ...recovered, restarts: 0 }).toEqual(reference);
  }, 60_000);

  it('abort returns the rounds done, marked aborted', async () => {
    const pool = await createPool({ size: 2, backend: 'wasm' });
    const controller = new AbortController();
    const r = await pool.temper({ ...options, thermalizeRounds: 0, rounds: 100_000 }, { signal: controller.signal, progressEveryMs: 0, onProgress: (p) => p.tasksDone >= 200 && controller.abort() });
    await pool.dispose();
    expect(r.state).toBe('aborted');
    expect(r.roundsDone).toBeGreaterThanOrEqual(200);
    expect(r.roundsDone).toBeLessThan(100_000);
    expect(r.measurements.map((m) => m.sweeps)).toEqual(Array(4).fill(5 * r.roundsDone));
  });

  it('refuses bad options naming the field', async () => {
    const pool = await createPool({ size: 1 });
    await expect(pool.temper({ ...options, temperatures: [2, 1.5] })).rejects.toThrow(/Invalid option "temperatures": expected an increasing list/);
    await expect(pool.temper({ ...options, options: { size: 4, temperature: 2 } })).rejects.toThrow(/Invalid option "options.temperature"/);
    await expect(pool.temper({ ...options, rounds: 0 })).rejects.toThrow(/Invalid option "rounds"/);
    await pool.dispose();
  });
});
