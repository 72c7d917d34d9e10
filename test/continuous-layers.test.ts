// Everything that takes Ising takes the continuous spins: a worker (float64 records transferred),
// the pool, parallel tempering and the serverless handler give the numbers of one uninterrupted
// measure() (XY with over-relaxation, clock, Heisenberg).
import { describe, expect, it } from 'vitest';
import { createSimulation, executeJob, type RunJob } from '../src/index.js';
// workers run the built package (npm test builds first)
import { createPool, createSimulationWorker } from '../dist/index.js';
import { createHandler } from '../src/serverless/index.js';

const options = { model: 'xy' as const, size: 8, temperature: 0.9, field: 0.05, overRelaxation: 1, seed: 6 };

describe('continuous spins through every layer', () => {
  it('runs in a worker (records as Float64Array), on the pool and in parallel tempering', async () => {
    const sim = await createSimulation({ ...options, backend: 'js' });
    const reference = sim.measure({ thermalize: 200, sweeps: 2000 });
    const worker = await createSimulationWorker({ ...options, backend: 'js' });
    expect(await worker.measure({ thermalize: 200, sweeps: 2000 })).toEqual(reference);
    expect(await worker.recordType).toBe('float64');
    const timed = await worker.sweepFor(5, { record: true, maxSweeps: 50 });
    expect(timed.records).toBeInstanceOf(Float64Array);
    expect(timed.records!.length).toBe(9 * timed.sweeps);
    await worker.dispose();
    const job: RunJob = { kind: 'run', options: { model: 'heisenberg', size: 6, seed: 2, backend: 'js' }, thermalize: 100, sweeps: 1000 };
    const pool = await createPool({ size: 2, backend: 'js' });
    try {
      const result = await pool.run([job, { kind: 'run', options: { model: 'clock', q: 6, size: 6, seed: 3, backend: 'js' }, thermalize: 100, sweeps: 1000 }]);
      const direct = await executeJob(job);
      expect(result.tasks[0].state === 'completed' && result.tasks[0].result).toEqual(direct.state === 'completed' && direct.result);
      expect(result.tasks[1].state === 'completed' && result.tasks[1].result.model).toBe('clock');
      const tempering = await pool.temper({ options: { model: 'xy', size: 8 }, temperatures: [0.7, 0.9, 1.1], rounds: 100, thermalizeRounds: 20 });
      expect(tempering.measurements.map((m) => m.model)).toEqual(['xy', 'xy', 'xy']);
      expect(tempering.swaps.every((s) => s.attempts > 0)).toBe(true);
      const upsilon = tempering.measurements.map((m) => (m.observables as unknown as { helicityModulus: { mean: number } }).helicityModulus.mean);
      expect(upsilon[0]).toBeGreaterThan(upsilon[2]);
    } finally {
      await pool.dispose();
    }
  });

  it('serverless run jobs take the continuous models', async () => {
    const handler = createHandler();
    const response = await handler(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job: 'run', options: { model: 'clock', q: 5, size: 8 }, sweeps: 1000 }) }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { model: string; q: number; observables: Record<string, unknown> } };
    expect(body.result).toMatchObject({ model: 'clock', q: 5 });
    expect(body.result.observables.helicityModulus).toBeDefined();
    const bad = await handler(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job: 'run', options: { model: 'xy', size: 8, overRelaxation: 99 }, sweeps: 1000 }) }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/overRelaxation/);
  });
});
