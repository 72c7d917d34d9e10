// The job runner: an uninterrupted job equals measure(); a job stopped any number of times
// (sweep budget, pause, abort, deadline) and resumed from its checkpoints, even on the other
// backend, gives a result IDENTICAL to the uninterrupted one.
import { describe, expect, it } from 'vitest';
import { createSimulation, decodeCheckpoint, executeJob, type JobResult, type RunJob } from '../src/index.js';

const job: RunJob = { kind: 'run', options: { size: 8, temperature: 2.2, field: 0.1, seed: 99, backend: 'wasm' }, thermalize: 300, sweeps: 5000 };

describe('job runner', { timeout: 60_000 }, () => {
  it('an uninterrupted job gives exactly what measure() gives', async () => {
    const r = await executeJob(job);
    expect(r.state).toBe('completed');
    const sim = await createSimulation(job.options);
    const direct = sim.measure({ thermalize: 300, sweeps: 5000 });
    if (r.state === 'completed') expect(r.result).toEqual(direct);
  });

  it('budget-exhausted chunks resumed across backends give the identical result', async () => {
    const full = await executeJob(job);
    let r: JobResult = await executeJob(job, { maxSweeps: 123 });
    const backends = ['js', 'wasm'] as const;
    let calls = 1;
    while (r.state !== 'completed') {
      expect(r.state).toBe('budget-exhausted');
      expect(r.progress.sweepsThisCall).toBe(calls === 1 ? 123 : 1000);
      const contents = decodeCheckpoint(r.checkpoint);
      expect(contents.kind).toBe('run');
      r = await executeJob(r.checkpoint, { maxSweeps: 1000, backend: backends[calls % 2] });
      calls++;
    }
    expect(calls).toBe(7); // 123 + 5 x 1000 >= 5300 sweeps
    if (full.state === 'completed') expect({ ...r.result, backend: 'wasm' }).toEqual(full.result);
  });

  it('abort and pause stop between chunks with a checkpoint that resumes exactly', async () => {
    const full = await executeJob(job);
    const controller = new AbortController();
    let chunks = 0;
    const aborted = await executeJob(job, { chunkMs: 0.01, signal: controller.signal, yield: async () => { if (++chunks === 3) controller.abort(); } });
    expect(aborted.state).toBe('aborted');
    if (aborted.state !== 'aborted') return;
    expect(aborted.progress.sweepsDone).toBeGreaterThan(0);
    expect(aborted.progress.sweepsDone).toBeLessThan(5300);
    let pauses = 0;
    const paused = await executeJob(aborted.checkpoint, { chunkMs: 0.01, shouldPause: () => ++pauses === 4 });
    expect(paused.state).toBe('paused');
    if (paused.state !== 'paused') return;
    expect(paused.progress.sweepsDone).toBeGreaterThan(aborted.progress.sweepsDone);
    const done = await executeJob(paused.checkpoint, { backend: 'wasm' });
    expect(done.state).toBe('completed');
    if (done.state === 'completed' && full.state === 'completed') expect(done.result).toEqual(full.result);
  });

  it('stops at a deadline, reports progress and periodic checkpoints', async () => {
    const big: RunJob = { kind: 'run', options: { size: 128, seed: 1 }, thermalize: 0, sweeps: 1 << 20 };
    const seen: number[] = [];
    const checkpoints: Uint8Array[] = [];
    const t0 = Date.now();
    const r = await executeJob(big, {
      deadline: t0 + 300,
      progressEveryMs: 20,
      checkpointEveryMs: 100,
      onProgress: (p) => seen.push(p.sweepsDone),
      onCheckpoint: (bytes) => checkpoints.push(bytes),
    });
    expect(r.state).toBe('budget-exhausted');
    // stopped near the deadline, far from the ~1 minute the whole job needs (generous: the machine may be busy)
    expect(Date.now() - t0).toBeLessThan(300 + 3000);
    expect(r.progress.sweepsDone).toBeLessThan(big.sweeps);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(r.progress.etaMs).toBeGreaterThan(0);
    expect(r.progress.sweepsPerSecond).toBeGreaterThan(0);
  });

  it('rejects bad jobs with the field named', async () => {
    await expect(executeJob({ ...job, sweeps: 1 })).rejects.toThrow(/Invalid option "sweeps": expected an integer from 2/);
    await expect(executeJob({ ...job, options: { size: 7 } })).rejects.toThrow(/Invalid option "options.size"/);
    await expect(executeJob({ ...job, extra: 1 } as RunJob)).rejects.toThrow(/Invalid option "extra"/);
    await expect(executeJob({ ...job, kind: 'sweep' } as unknown as RunJob)).rejects.toThrow(/Invalid option "kind": expected "run"/);
    await expect(executeJob(job, { maxSweeps: -1 })).rejects.toThrow(/Invalid option "maxSweeps"/);
    await expect(executeJob(job, { maxSweeps: NaN })).rejects.toThrow(/Invalid option "maxSweeps"/);
    await expect(executeJob(job, { deadline: NaN })).rejects.toThrow(/Invalid option "deadline"/);
    await expect(executeJob(job, { chunkMs: 0 })).rejects.toThrow(/Invalid option "chunkMs"/);
  });
});
