// A worker that dies (process.exit inside it, or terminate()) rejects its pending calls with a
// WorkerCrashedError instead of hanging; the work done before is not lost (checkpoints).
import { describe, expect, it } from 'vitest';
import { createSimulationWorker, WorkerCrashedError } from '../dist/index.js';

describe('worker faults', { timeout: 60_000 }, () => {
  it('a worker that exits rejects pending calls', async () => {
    const w = await createSimulationWorker({ size: 64, seed: 1 });
    const checkpoints: Uint8Array[] = [];
    const pending = w.run({ kind: 'run', options: { size: 64, seed: 1 }, sweeps: 1 << 22 }, { checkpointEveryMs: 50, onCheckpoint: (c) => checkpoints.push(c) });
    while (checkpoints.length === 0) await new Promise((r) => setTimeout(r, 10)); // some work is saved
    // the test hook ends the worker_thread with process.exit(3), as a crash would
    void w.crashForTesting();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toMatch(/exit code 3/);
    expect(checkpoints.length).toBeGreaterThan(0);
    await expect(w.energy()).rejects.toBeInstanceOf(WorkerCrashedError);
  });

  it('terminate() rejects pending calls', async () => {
    const w = await createSimulationWorker({ size: 64, seed: 2 });
    let running = false;
    const pending = w.measure({ sweeps: 1 << 22 }, { onProgress: () => (running = true) });
    while (!running) await new Promise((r) => setTimeout(r, 10)); // the worker is measuring
    await w.terminate();
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
  });
});
