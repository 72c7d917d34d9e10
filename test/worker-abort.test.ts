// AbortSignal across the boundary: the worker yields between chunks (a MessageChannel task), so
// an abort stops a long call within one chunk. Target: <= 50 ms from abort() to the result
// (median of 5, checkpoint included); nothing is lost: the checkpoint continues to the
// result of a run that was never interrupted.
import { describe, expect, it } from 'vitest';
import { AbortedError, createSimulationWorker, executeJob, type JobResult } from '../dist/index.js';

// about 10^9 site updates: long enough on every engine (packed SIMD does ~3 per ns) that the abort comes first
const job = { kind: 'run', options: { size: 128, temperature: 2.4, seed: 5, backend: 'wasm' }, thermalize: 100, sweeps: 1 << 16 } as const;

describe('abort latency', { timeout: 60_000 }, () => {
  it('run() stops within 50 ms; its checkpoint finishes to the uninterrupted result', async () => {
    const w = await createSimulationWorker({ size: 4 });
    await w.sweep(1); // start the worker
    const latencies: number[] = [];
    let last: JobResult | undefined;
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const call = w.run(job, { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 60 + 20 * i));
      const t0 = performance.now();
      controller.abort();
      last = await call;
      latencies.push(performance.now() - t0);
      expect(last.state).toBe('aborted');
    }
    latencies.sort((a, b) => a - b);
    expect(latencies[2], `latencies ${latencies.map((x) => x.toFixed(1)).join(', ')} ms`).toBeLessThanOrEqual(50);
    await w.dispose();

    if (last?.state !== 'aborted') throw new Error('expected an aborted run');
    expect(last.progress.sweepsDone).toBeGreaterThan(0);
    const finished = await executeJob(last.checkpoint);
    const uninterrupted = await executeJob(job);
    expect(finished.state).toBe('completed');
    if (finished.state === 'completed' && uninterrupted.state === 'completed') expect(finished.result).toEqual(uninterrupted.result);
  }, 60_000);

  it('measure() and sweep(n) reject with an AbortedError; an already aborted signal stops at once', async () => {
    const w = await createSimulationWorker({ size: 64, seed: 6 });
    const controller = new AbortController();
    // abort at the first progress report, i.e. once some sweeps are done
    const measuring = w.measure({ sweeps: 1 << 22 }, { signal: controller.signal, onProgress: (p) => p.sweepsDone > 0 && controller.abort() });
    const error = await measuring.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).checkpoint).toBeInstanceOf(Uint8Array);
    const done = await w.sweeps;
    expect(done).toBeGreaterThan(0); // the sweeps done are kept
    const sweeping = w.sweep(1 << 22, { signal: AbortSignal.abort() });
    await expect(sweeping).rejects.toMatchObject({ name: 'AbortError' });
    expect(await w.sweeps).toBe(done);
    const r = await w.run({ kind: 'run', options: { size: 64 }, sweeps: 1 << 22 }, { signal: AbortSignal.abort() });
    expect(r.state).toBe('aborted');
    expect(r.progress.sweepsDone).toBe(0);
    await w.dispose();
  }, 60_000);
});
