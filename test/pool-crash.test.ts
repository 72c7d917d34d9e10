// A worker that crashes mid-task is replaced; its task re-runs from its latest checkpoint and
// the results are identical to a run without the crash; nothing finished is lost.
import { describe, expect, it } from 'vitest';
import { createPool, executeJob, type RunJob } from '../dist/index.js';

const jobs: RunJob[] = [
  // long enough (about a second) that the crash below lands well before its end on a loaded machine
  { kind: 'run', options: { size: 48, temperature: 2.3, seed: 21 }, thermalize: 200, sweeps: 400_000 },
  { kind: 'run', options: { size: 8, temperature: 2.0, seed: 22 }, sweeps: 2000 },
];

describe('pool fault recovery', { timeout: 60_000 }, () => {
  it('recovers a killed worker’s task from its checkpoint', async () => {
    const pool = await createPool({ size: 2, backend: 'wasm', checkpointEveryMs: 50 });
    // crash slot 0 (the long first job) once it is well under way: more sweeps done than the whole
    // short job, and several checkpoint intervals in; far from its end (it needs seconds)
    let crashed: Promise<void> | undefined;
    const running = pool.run(jobs, {
      progressEveryMs: 20,
      onProgress: (p) => {
        if (!crashed && p.sweepsDone >= 2000 + 20_000) crashed = pool.crashWorkerForTesting(0);
      },
    });
    const result = await running;
    await crashed;
    await pool.dispose();
    expect(result.restarts).toBe(1);
    expect(result.state).toBe('completed');
    for (const [i, job] of jobs.entries()) {
      const here = await executeJob(job, { backend: 'wasm' });
      expect(result.tasks[i].state === 'completed' && here.state === 'completed' && result.tasks[i].result).toEqual(here.state === 'completed' && here.result);
    }
  });
});
