// Everything that takes Ising takes Potts: checkpoints (a byte per site, the model and q in the
// header) resumed on the other backend, jobs paused and resumed, workers, the pool, parallel
// tempering and the serverless handler give the numbers of one uninterrupted measure().
import { describe, expect, it } from 'vitest';
import { CheckpointError, createSimulation, decodeCheckpoint, executeJob, type RunJob } from '../src/index.js';
// workers run the built package (npm test builds first)
import { createPool, createSimulationWorker } from '../dist/index.js';
import { createHandler } from '../src/serverless/index.js';

const options = { model: 'potts' as const, q: 4, size: 8, temperature: 0.85, field: 0.02, seed: 6 };
const job: RunJob = { kind: 'run', options: { ...options, backend: 'js' }, thermalize: 200, sweeps: 3000, correlations: { every: 50 }, histograms: true };

describe('Potts through every layer', () => {
  it('checkpoints name the model and q, hold one byte a site, and resume on the other backend', async () => {
    const a = await createSimulation({ ...options, backend: 'wasm' });
    a.sweep(50);
    const bytes = a.checkpoint();
    const { state } = decodeCheckpoint(bytes);
    expect(state).toMatchObject({ model: 'potts', q: 4, size: 8 });
    expect(state.spins).toBeInstanceOf(Uint8Array);
    const b = await createSimulation({ ...options, backend: 'js', seed: 99 });
    b.resume(bytes);
    expect(b.spins()).toEqual(a.spins());
    expect(b.sweep(20)).toEqual(a.sweep(20));
    expect(b.spins()).toEqual(a.spins());
    const other = await createSimulation({ ...options, q: 5 });
    expect(() => other.resume(bytes)).toThrow(CheckpointError);
    const ising = await createSimulation({ size: 8 });
    expect(() => ising.resume(bytes)).toThrow(/model "potts"/);
  });

  it('a job paused and resumed across backends gives the result of one measure()', async () => {
    const sim = await createSimulation({ ...options, backend: 'js' });
    const reference = sim.measure({ thermalize: 200, sweeps: 3000, correlations: { every: 50 }, histograms: true });
    let r = await executeJob(job, { maxSweeps: 700 });
    let backend: 'js' | 'wasm' = 'wasm';
    while (r.state !== 'completed') {
      r = await executeJob(r.checkpoint, { maxSweeps: 700, backend });
      backend = backend === 'wasm' ? 'js' : 'wasm';
    }
    expect({ ...r.result, backend: 'x' }).toEqual({ ...reference, backend: 'x' });
    expect('energyCumulant' in r.result.observables).toBe(true);
  });

  it('runs in a worker, on the pool and in parallel tempering', async () => {
    const sim = await createSimulation({ ...options, backend: 'js' });
    const reference = sim.measure({ thermalize: 200, sweeps: 3000 });
    const worker = await createSimulationWorker({ ...options, backend: 'js' });
    expect(await worker.measure({ thermalize: 200, sweeps: 3000 })).toEqual(reference);
    expect(await worker.spins()).toBeInstanceOf(Uint8Array);
    await expect(worker.spinBits()).rejects.toThrow(/an Ising simulation/);
    await worker.dispose();
    const pool = await createPool({ size: 2, backend: 'js' });
    try {
      const result = await pool.run([job, { ...job, options: { ...job.options, seed: 7 } }]);
      expect(result.tasks[0].state).toBe('completed');
      const direct = await executeJob(job);
      expect(result.tasks[0].state === 'completed' && result.tasks[0].result).toEqual(direct.state === 'completed' && direct.result);
      const tempering = await pool.temper({ options: { model: 'potts', q: 4, size: 8 }, temperatures: [0.8, 0.9, 1.0], rounds: 200, thermalizeRounds: 20 });
      expect(tempering.measurements.map((m) => m.model)).toEqual(['potts', 'potts', 'potts']);
      expect(tempering.swaps.every((s) => s.attempts > 0)).toBe(true);
    } finally {
      await pool.dispose();
    }
  });

  it('serverless run jobs take model and q', async () => {
    const handler = createHandler();
    const response = await handler(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job: 'run', options: { model: 'potts', q: 3, size: 8, temperature: 0.9 }, sweeps: 2000 }) }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { state: string; result: { model: string; q: number; observables: Record<string, unknown> } };
    expect(body.result).toMatchObject({ model: 'potts', q: 3 });
    expect(body.result.observables.majority).toBeDefined();
    const bad = await handler(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job: 'run', options: { model: 'potts', size: 8 }, sweeps: 2000 }) }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/options\.q/);
  });
});
