// Pool control: progress with sweeps and ETA; pause() / resume() changes nothing in the results;
// an abort returns the finished results marked completed and checkpoints for the rest, which
// finish to the results of an uninterrupted run.
import { describe, expect, it } from 'vitest';
import { createPool, executeJob, type PoolProgress, type RunJob } from '../dist/index.js';

const jobs: RunJob[] = [0, 1, 2, 3].map((i) => ({ kind: 'run', options: { size: 32, temperature: 2.1 + 0.2 * i, seed: 100 + i }, thermalize: 100, sweeps: 15000 + 5000 * i }));

describe('pool control', { timeout: 60_000 }, () => {
  it('reports progress, pauses and resumes without changing results', async () => {
    const pool = await createPool({ size: 2, backend: 'wasm' });
    const reference = await pool.run(jobs);
    const seen: PoolProgress[] = [];
    const running = pool.run(jobs, { onProgress: (p) => seen.push(p), progressEveryMs: 20 });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const sweepsSeen = () => (seen.length > 0 ? seen[seen.length - 1].sweepsDone : 0);
    while (sweepsSeen() === 0) await sleep(10); // running
    pool.pause();
    expect(pool.paused).toBe(true);
    await sleep(500); // chunks in flight when pause() was called finish (longer on a loaded machine)
    const settled = sweepsSeen();
    await sleep(400);
    expect(sweepsSeen()).toBe(settled); // nothing runs while paused
    expect(settled).toBeLessThan(seen[seen.length - 1].sweepsTotal); // paused before the end
    pool.resume();
    const result = await running;
    await pool.dispose();
    expect(result).toEqual(reference);
    expect(seen.length).toBeGreaterThan(3);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ tasksDone: 4, tasksTotal: 4, sweepsDone: last.sweepsTotal });
    expect(seen.some((p) => p.etaMs > 0)).toBe(true);
    expect(seen.some((p) => p.paused)).toBe(true);
  }, 30_000);

  it('abort keeps finished results and returns checkpoints that finish to the uninterrupted results', async () => {
    const pool = await createPool({ size: 2, backend: 'wasm' });
    const controller = new AbortController();
    const long = jobs.map((job, i) => ({ ...job, sweeps: 4000 + 12000 * i }));
    // abort as soon as the first task completes: the others are still running or queued
    const result = await pool.run(long, { signal: controller.signal, progressEveryMs: 0, onProgress: (p) => p.tasksDone > 0 && controller.abort() });
    await pool.dispose();
    expect(result.state).toBe('aborted');
    expect(result.tasks.map((t) => t.state)).toContain('aborted');
    expect(result.tasks.map((t) => t.state)).toContain('completed');
    expect(result.completed).toBeGreaterThan(0);
    for (const [i, task] of result.tasks.entries()) {
      const full = await executeJob(long[i], { backend: 'wasm' });
      if (full.state !== 'completed') throw new Error('reference run did not complete');
      if (task.state === 'completed') {
        expect(task.result).toEqual(full.result);
      } else {
        expect(task.state).toBe('aborted');
        if (task.state !== 'aborted') continue;
        const finished = await executeJob(task.checkpoint ?? long[i], { backend: 'wasm' });
        expect(finished.state === 'completed' && finished.result).toEqual(full.result);
      }
    }
  }, 30_000);
});
