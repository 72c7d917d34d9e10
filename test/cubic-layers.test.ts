// The cubic lattice through the layers above one simulation: the worker pool and parallel tempering
// (same results as on the main thread), the serverless handler (its work bound counts L^3 sites),
// landau() (F(m) on the grid of M / N with N = L^3) and hysteresis().
import { describe, expect, it } from 'vitest';
import { createPool, createSimulation, executeJob, hysteresis, landau, type RunJob } from '../dist/index.js';
import { createHandler } from '../dist/serverless/index.js';

function post(body: unknown): Request {
  return new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('cubic lattice through pools, tempering, serverless, landau and hysteresis', { timeout: 60_000 }, () => {
  it('a pool runs cubic jobs exactly as the main thread, and tempers cubic replicas', async () => {
    const jobs: RunJob[] = [
      { kind: 'run', options: { lattice: 'cubic', size: 6, temperature: 4.4, seed: 11, algorithm: 'heat-bath' }, thermalize: 100, sweeps: 2000 },
      { kind: 'run', options: { lattice: 'cubic', size: 4, temperature: 5.0, field: 0.1, seed: 12 }, sweeps: 1000 },
    ];
    const pool = await createPool({ size: 2, backend: 'wasm' });
    try {
      const run = await pool.run(jobs);
      expect(run.state).toBe('completed');
      for (const [i, job] of jobs.entries()) {
        const here = await executeJob(job, { backend: 'wasm' });
        if (here.state !== 'completed') throw new Error('not completed');
        expect(run.tasks[i]).toEqual({ state: 'completed', job: { ...job, thermalize: job.thermalize ?? 0 }, result: here.result });
        expect(here.result.lattice).toBe('cubic');
      }
      const tempered = await pool.temper({ options: { lattice: 'cubic', size: 4 }, seed: 3, temperatures: [4.0, 4.5, 5.0], sweepsPerRound: 5, rounds: 200, thermalizeRounds: 20 });
      expect(tempered.state).toBe('completed');
      expect(tempered.measurements.map((m) => m.lattice)).toEqual(['cubic', 'cubic', 'cubic']);
      // the energy falls with T on the cube
      const e = tempered.measurements.map((m) => m.observables.energy.mean);
      expect(e[0]).toBeLessThan(e[1]);
      expect(e[1]).toBeLessThan(e[2]);
    } finally {
      await pool.dispose();
    }
  });

  it('the serverless handler runs a cubic job and bounds its work by L^3 sites', async () => {
    const handler = createHandler({ maxWork: 8 ** 3 * 150 });
    const options = { lattice: 'cubic', size: 8, temperature: 4.5, seed: 5, backend: 'wasm' };
    const refused = await handler(post({ job: 'run', options, sweeps: 200 }));
    expect(refused.status).toBe(413);
    const accepted = await handler(post({ job: 'run', options, sweeps: 100 }));
    expect(accepted.status).toBe(200);
    const body = await accepted.json();
    expect(body.state).toBe('completed');
    expect(body.result.lattice).toBe('cubic');
  });

  it('landau() and hysteresis() on the cubic lattice', async () => {
    const sim = await createSimulation({ lattice: 'cubic', size: 4, temperature: 4.0, seed: 2, backend: 'wasm' });
    const f = landau(sim, { sweeps: 5000, thermalize: 500 });
    expect(f.lattice).toBe('cubic');
    expect(f.sites).toBe(64);
    const loop = await hysteresis({ lattice: 'cubic', size: 4, temperatures: { from: 3.5, to: 5.5, step: 0.5 }, sweeps: 50 });
    expect(loop.lattice).toBe('cubic');
    expect(loop.heating.energy.length).toBe(5);
  });
});
