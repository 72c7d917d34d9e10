// Checkpoints carry the cluster settings, the work counters and the per-step cluster sizes: a
// Wolff (several clusters per step), Swendsen-Wang or hybrid job stopped and resumed from its
// checkpoints, on either backend, gives exactly the result of the uninterrupted job and of
// measure(), improved estimators included at h = 0.
import { describe, expect, it } from 'vitest';
import { createSimulation, decodeCheckpoint, executeJob, type JobResult, type RunJob } from '../src/index.js';

const JOBS: RunJob[] = [
  { kind: 'run', options: { size: 8, temperature: 2.3, field: 0.05, seed: 7, backend: 'wasm', algorithm: 'wolff', clustersPerStep: 3 }, thermalize: 100, sweeps: 2000 },
  { kind: 'run', options: { size: 8, temperature: 2.3, field: -0.05, seed: 8, backend: 'wasm', algorithm: 'hybrid', hybridSweeps: 2, hybridCluster: 'swendsen-wang' }, thermalize: 100, sweeps: 2000 },
  { kind: 'run', options: { size: 8, temperature: 2.3, seed: 9, backend: 'wasm', algorithm: 'wolff', clustersPerStep: 2 }, thermalize: 100, sweeps: 2000 },
  { kind: 'run', options: { size: 8, temperature: 2.3, seed: 10, backend: 'wasm', algorithm: 'swendsen-wang' }, thermalize: 100, sweeps: 2000 },
];

describe('job runner with cluster algorithms', { timeout: 60_000 }, () => {
  it.each(JOBS)('resumes $options.algorithm exactly', async (job) => {
    const full = await executeJob(job);
    expect(full.state).toBe('completed');
    const sim = await createSimulation(job.options);
    const direct = sim.measure({ thermalize: job.thermalize, sweeps: job.sweeps });
    if (full.state === 'completed') expect(full.result).toEqual(direct);
    expect(full.state === 'completed' && full.result.improved !== undefined).toBe(!job.options.field);

    let r: JobResult = await executeJob(job, { maxSweeps: 333 });
    let calls = 1;
    while (r.state !== 'completed') {
      const contents = decodeCheckpoint(r.checkpoint);
      expect(contents.run?.sizes?.length).toBe(contents.run?.measured);
      const header = contents.state;
      expect(header.algorithm).toBe(job.options.algorithm);
      expect([header.clustersPerStep, header.hybridSweeps, header.hybridCluster]).toEqual([
        job.options.clustersPerStep ?? 1, job.options.hybridSweeps ?? 1, job.options.hybridCluster ?? 'wolff',
      ]);
      r = await executeJob(r.checkpoint, { maxSweeps: 500, backend: calls % 2 ? 'js' : 'wasm' });
      calls++;
    }
    expect(calls).toBeGreaterThan(3);
    if (full.state === 'completed') expect({ ...r.result, backend: 'wasm' }).toEqual(full.result);
  });

  it('Simulation.checkpoint()/resume() keeps the algorithm settings and the work counter', async () => {
    const a = await createSimulation({ size: 8, seed: 3, algorithm: 'wolff', clustersPerStep: 4 });
    a.sweep(10);
    const bytes = a.checkpoint();
    a.sweep(10);
    const b = await createSimulation({ size: 8, seed: 99 });
    b.resume(bytes);
    expect(b.options).toMatchObject({ algorithm: 'wolff', clustersPerStep: 4 });
    b.sweep(10);
    expect(b.spins()).toEqual(a.spins());
    expect(b.sweepEquivalents).toBe(a.sweepEquivalents);
  });
});

describe('checkpoints and the lattice layout', () => {
  it('a byte-layout job resumes on the byte layout, identical to the uninterrupted one', async () => {
    const job: RunJob = { kind: 'run', options: { size: 16, temperature: 2.3, seed: 4, backend: 'wasm', layout: 'byte' }, thermalize: 50, sweeps: 1000 };
    const full = await executeJob(job);
    let r: JobResult = await executeJob(job, { maxSweeps: 400 });
    while (r.state !== 'completed') {
      expect(decodeCheckpoint(r.checkpoint).state.layout).toBe('byte');
      r = await executeJob(r.checkpoint, { maxSweeps: 400 });
    }
    if (full.state === 'completed') expect(r.result).toEqual(full.result);
  });

  it('Simulation.resume() refuses a checkpoint of the other layout', async () => {
    const packed = await createSimulation({ size: 16, seed: 5 });
    const byte = await createSimulation({ size: 16, seed: 5, layout: 'byte' });
    expect(packed.options.layout).toBe('packed');
    expect(() => byte.resume(packed.checkpoint())).toThrow(/Invalid checkpoint \(layout\): a simulation with layout "packed"; this one has layout "byte"/);
  });
});
