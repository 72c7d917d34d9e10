// A worker that crashes mid-task is replaced; its task re-runs from its latest checkpoint and
// the results are identical to a run without the crash; nothing finished is lost.
import { describe, expect, it } from 'vitest';
import { createPool, executeJob, type RunJob } from '../dist/index.js';

const jobs: RunJob[] = [
  { kind: 'run', options: { size: 48, temperature: 2.3, seed: 21 }, thermalize: 200, sweeps: 100_000 },
  { kind: 'run', options: { size: 8, temperature: 2.0, seed: 22 }, sweeps: 2000 },
];

describe('pool fault recovery', { timeout: 60_000 }, () => {
  it('recovers a killed worker’s task from its checkpoint', async () => {
    const pool = await createPool({ size: 2, backend: 'wasm', checkpointEveryMs: 1 });
    // both workers armed: whichever runs the long job crashes once it has sent a checkpoint and done
    // more sweeps than the whole short job (which never reaches that count); the replacement is not armed
    for (const slot of [0, 1]) await pool.crashWorkerForTesting(slot, { afterSweeps: 20_000 });
    const result = await pool.run(jobs);
    await pool.dispose();
    expect(result.restarts).toBe(1);
    expect(result.state).toBe('completed');
    for (const [i, job] of jobs.entries()) {
      const here = await executeJob(job, { backend: 'wasm' });
      expect(result.tasks[i].state === 'completed' && here.state === 'completed' && result.tasks[i].result).toEqual(here.state === 'completed' && here.result);
    }
  });
});
