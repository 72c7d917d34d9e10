// createSimulationWorker in a Node worker_thread (built package): the same numbers as the main
// thread through every method, transferred copies, typed errors across the hop, lazy start.
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as built from '../dist/index.js';
import type { Simulation, SimulationWorker } from '../src/index.js';

const { createSimulation, createSimulationWorker } = built;
const options = { size: 12, temperature: 2.25, field: 0.02, seed: 41, backend: 'wasm' } as const;
const worker = await createSimulationWorker(options);
afterAll(() => worker.dispose());

describe('simulation in a worker_thread', { timeout: 60_000 }, () => {
  it('has every method and property of Simulation, asynchronously', () => {
    // startMeasurement() returns a live stepping object that cannot cross a thread; workers get
    // the same control through measure() with onProgress, pause and an AbortSignal.
    expectTypeOf<Exclude<keyof Simulation, keyof SimulationWorker>>().toEqualTypeOf<'startMeasurement'>();
    expectTypeOf<SimulationWorker['energy']>().returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<SimulationWorker['sweeps']>().toEqualTypeOf<Promise<number>>();
  });

  it('gives the main thread numbers for sweeps, measurements, snapshots and checkpoints', async () => {
    const local = await createSimulation(options);
    expect(await worker.options).toEqual(local.options);
    expect(await worker.backend).toBe('wasm');
    expect(await worker.sites).toBe(144);
    expect(await worker.sweep(30)).toEqual(local.sweep(30));
    expect(await worker.spins()).toEqual(local.spins());
    expect(await worker.energy()).toBe(local.energy());
    expect(await worker.magnetization()).toBe(local.magnetization());
    const snap = await worker.snapshot();
    expect(snap).toEqual(local.snapshot());
    expect(await worker.measure({ thermalize: 100, sweeps: 2000 })).toEqual(local.measure({ thermalize: 100, sweeps: 2000 }));
    const bytes = await worker.checkpoint();
    expect(bytes).toEqual(local.checkpoint());
    await worker.setTemperature(3);
    await worker.setField(0);
    await worker.setAlgorithm('heat-bath');
    await worker.sweep(5);
    await worker.restore(snap);
    await worker.resume(bytes);
    expect((await worker.options).temperature).toBe(2.25);
    expect(await worker.sweep(10)).toEqual(local.sweep(10));
    expect(await worker.sweeps).toBe(local.sweeps);
    expect(await worker.flips).toBe(local.flips);
  });

  it('runs jobs to the same result as the main thread runner', async () => {
    const job = { kind: 'run', options: { size: 8, temperature: 2.0, seed: 3 }, thermalize: 50, sweeps: 3000 } as const;
    const inWorker = await worker.run(job);
    const here = await built.executeJob(job);
    expect(inWorker).toMatchObject({ state: 'completed' });
    if (inWorker.state === 'completed' && here.state === 'completed') expect(inWorker.result).toEqual(here.result);
  });

  it('keeps error classes and fields across the hop', async () => {
    const e1 = await worker.sweep(-1).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(built.InvalidOptionError);
    expect(e1).toMatchObject({ option: 'n', value: -1, message: 'Invalid option "n": expected an integer from 0 to 2147483647, got -1' });
    const e2 = await worker.resume(new Uint8Array(3)).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(built.CheckpointError);
    expect(e2).toMatchObject({ reason: 'truncated' });
    const e3 = await worker.run({ kind: 'run', options: { size: 5 }, sweeps: 10 }).catch((e: unknown) => e);
    expect(e3).toMatchObject({ name: 'InvalidOptionError', option: 'options.size', value: 5 });
    const bad = await createSimulationWorker({ size: 8, backend: 'wasm', core: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) });
    const e4 = await bad.energy().catch((e: unknown) => e);
    expect(e4).toBeInstanceOf(built.BackendUnavailableError);
    expect(e4).toMatchObject({ backend: 'wasm' });
    await bad.dispose();
  });

  it('validates options before starting, starts lazily, and refuses calls after dispose', async () => {
    await expect(createSimulationWorker({ size: 3 })).rejects.toThrow(/Invalid option "size"/);
    // a worker module that does not exist: creating succeeds (nothing started), the first call fails clearly
    const lazy = await createSimulationWorker({ size: 4 }, { worker: new URL('./no-such-worker.js', import.meta.url) });
    await expect(lazy.energy()).rejects.toBeInstanceOf(built.WorkerCrashedError);
    const w = await createSimulationWorker({ size: 4 });
    await w.sweep(1);
    await w.dispose();
    await expect(w.energy()).rejects.toBeInstanceOf(built.DisposedError);
  });
});
