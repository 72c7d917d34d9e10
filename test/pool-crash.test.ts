// A worker that crashes mid-task is replaced; its task re-runs from its latest checkpoint and
// the results are identical to a run without the crash; nothing finished is lost.
import { describe, expect, it } from 'vitest';
import { createPool, executeJob, type RunJob } from '../dist/index.js';

const jobs: RunJob[] = [
  { kind: 'run', options: { size: 48, temperature: 2.3, seed: 21 }, thermalize: 200, sweeps: 30000 },
  { kind: 'run', options: { size: 8, temperature: 2.0, seed: 22 }, sweeps: 2000 },
];

describe('pool fault recovery', { timeout: 60_000 }, () => {
  it('recovers a killed worker’s task from its checkpoint', async () => {
    const pool = await createPool({ size: 2, backend: 'wasm', checkpointEveryMs: 50 });
    const running = pool.run(jobs);
    await new Promise((r) => setTimeout(r, 500));
    await pool.crashWorkerForTesting(0); // slot 0 runs the long first job
    const result = await running;
    await pool.dispose();
    expect(result.restarts).toBe(1);
    expect(result.state).toBe('completed');
    for (const [i, job] of jobs.entries()) {
      const here = await executeJob(job, { backend: 'wasm' });
      expect(result.tasks[i].state === 'completed' && here.state === 'completed' && result.tasks[i].result).toEqual(here.state === 'completed' && here.result);
    }
  });
});
