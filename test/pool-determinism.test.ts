// Pool results do not depend on the pool size or on completion order: each job carries its own
// seed, replicas get childSeed(seed, k); every result equals the job run on the main thread.
import { describe, expect, it } from 'vitest';
import { childSeed, createPool, executeJob, type RunJob } from '../dist/index.js';

// unequal lengths, so that completion order differs from job order on 2 workers
const jobs: RunJob[] = [
  { kind: 'run', options: { size: 16, temperature: 2.0, seed: 11 }, thermalize: 100, sweeps: 12000 },
  { kind: 'run', options: { size: 8, temperature: 2.3, seed: 12 }, thermalize: 100, sweeps: 2000 },
  { kind: 'run', options: { size: 12, temperature: 2.6, seed: 13, algorithm: 'heat-bath' }, thermalize: 50, sweeps: 6000 },
  { kind: 'run', options: { size: 4, temperature: 3.0, field: 0.2, seed: 14 }, sweeps: 3000 },
];

describe('pool determinism', { timeout: 60_000 }, () => {
  it('gives identical results for pool sizes 1 and 2, equal to the main thread', async () => {
    const results = [];
    for (const size of [1, 2]) {
      const pool = await createPool({ size, backend: 'wasm' });
      results.push(await pool.run(jobs));
      await pool.dispose();
    }
    const [one, two] = results;
    expect(one.state).toBe('completed');
    expect(two).toEqual(one);
    for (const [i, job] of jobs.entries()) {
      const here = await executeJob(job, { backend: 'wasm' });
      expect(here.state).toBe('completed');
      if (here.state === 'completed') expect(one.tasks[i]).toEqual({ state: 'completed', job: { ...job, thermalize: job.thermalize ?? 0 }, result: here.result });
    }
  });

  it('runs independent replicas with derived seeds', async () => {
    const pool = await createPool({ size: 2 });
    const job: RunJob = { kind: 'run', options: { size: 6, temperature: 2.5, seed: 77 }, sweeps: 500 };
    const r = await pool.replicas(job, 3);
    await pool.dispose();
    expect(r.tasks.map((t) => t.job.options.seed)).toEqual([0, 1, 2].map((k) => childSeed(77, k)));
    const energies = r.tasks.map((t) => (t.state === 'completed' ? t.result.observables.energy.mean : NaN));
    expect(new Set(energies).size).toBe(3);
  });

  it('refuses bad jobs before starting, naming the job', async () => {
    const pool = await createPool({ size: 1 });
    await expect(pool.run([jobs[0], { ...jobs[1], sweeps: -5 }])).rejects.toThrow(/Invalid option "jobs\[1\]\.sweeps"/);
    await expect(createPool({ size: 0 })).rejects.toThrow(/Invalid option "size"/);
    await pool.dispose();
  });
});
