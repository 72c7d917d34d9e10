// What a run job keeps besides the estimates: keepSeries (per-sweep e and m, for reweighting and
// finite-size scaling after a pool sweep), histograms, correlations and the improved estimators
// of cluster runs travel with the job, survive its checkpoints, and give exactly what measure()
// gives; in a worker too.
import { describe, expect, it } from 'vitest';
import {
  createPool, createSimulation, createSimulationWorker, decodeCheckpoint, executeJob, finiteSizeScaling, mergeResults, planSweep,
  validateRunJob, InvalidOptionError, type JobResult, type RunJob,
} from '../dist/index.js';

const job: RunJob = { kind: 'run', options: { size: 8, temperature: 2.3, seed: 5, backend: 'wasm' }, thermalize: 100, sweeps: 3000, keepSeries: true, histograms: true };

const completed = (r: JobResult) => {
  if (r.state !== 'completed') throw new Error(`expected a completed job, got ${r.state}`);
  return r.result;
};

describe('run job output', { timeout: 60_000 }, () => {
  it('keepSeries and histograms give exactly what measure() gives', async () => {
    const result = completed(await executeJob(job));
    const sim = await createSimulation(job.options);
    const direct = sim.measure({ thermalize: 100, sweeps: 3000, keepSeries: true, histograms: true });
    sim.dispose();
    expect(result.series?.energy).toHaveLength(3000);
    expect(result.histograms?.magnetization.counts.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(result).toEqual(direct);
    // histograms alone: no series in the result
    const alone = completed(await executeJob({ ...job, keepSeries: undefined }));
    expect(alone.series).toBeUndefined();
    expect(alone.histograms).toEqual(direct.histograms);
  });

  it('the flags survive checkpoints: a job resumed in pieces, across backends, is identical', async () => {
    const full = completed(await executeJob(job));
    let r = await executeJob(job, { maxSweeps: 700 });
    let calls = 1;
    while (r.state !== 'completed') {
      expect(decodeCheckpoint(r.checkpoint).run).toMatchObject({ keepSeries: true, histograms: true });
      r = await executeJob(r.checkpoint, { maxSweeps: 700, backend: calls++ % 2 ? 'js' : 'wasm' });
    }
    expect(calls).toBe(5);
    expect({ ...r.result, backend: 'wasm' }).toEqual(full);
    // a job without the flags writes none: such checkpoints read as before
    const plain = await executeJob({ ...job, keepSeries: undefined, histograms: undefined }, { maxSweeps: 10 });
    if (plain.state === 'completed') throw new Error('expected a checkpoint');
    expect(decodeCheckpoint(plain.checkpoint).run).toMatchObject({ keepSeries: false, histograms: false });
  });

  it('a worker measures histograms', async () => {
    const w = await createSimulationWorker({ size: 8, temperature: 2.3, seed: 5, backend: 'wasm' });
    const m = await w.measure({ thermalize: 100, sweeps: 3000, histograms: true });
    await w.dispose();
    const sim = await createSimulation({ size: 8, temperature: 2.3, seed: 5, backend: 'wasm' });
    expect(m).toEqual(sim.measure({ thermalize: 100, sweeps: 3000, histograms: true }));
    sim.dispose();
  });

  it('a worker measuring Wolff reports the improved estimators, as measure() does', async () => {
    const options = { size: 8, temperature: 2.4, seed: 6, backend: 'wasm', algorithm: 'wolff' } as const;
    const w = await createSimulationWorker(options);
    const m = await w.measure({ thermalize: 100, sweeps: 2000 });
    await w.dispose();
    const sim = await createSimulation(options);
    const direct = sim.measure({ thermalize: 100, sweeps: 2000 });
    sim.dispose();
    expect(m.improved?.susceptibilityFull.mean).toBeGreaterThan(0);
    expect(m).toEqual(direct);
  });

  it('sweep(n, records, sizes) checks its sizes array', async () => {
    const wolff = await createSimulation({ size: 8, algorithm: 'wolff', backend: 'js' });
    expect(() => wolff.sweep(4, new Int32Array(8), new Float64Array(3))).toThrow(/Invalid option "sizes".*a Float64Array of length >= 4/);
    expect(() => wolff.sweep(4, undefined, new Float64Array(4))).toThrow(/sizes together with records/);
    const sizes = new Float64Array(4);
    wolff.sweep(4, new Int32Array(8), sizes);
    expect(sizes.every((s) => s >= 1)).toBe(true);
    const metropolis = await createSimulation({ size: 8, backend: 'js' });
    expect(() => metropolis.sweep(1, new Int32Array(2), new Float64Array(1))).toThrow(/cluster algorithms only/);
  });

  it('a sweep on the pool with keepSeries feeds finite-size scaling', async () => {
    const jobs = planSweep({ sizes: [8, 16], temperatures: [2.2, 2.3, 2.4], sweeps: 4000, thermalize: 200, seed: 2, keepSeries: true, options: { backend: 'wasm' } });
    const pool = await createPool({ size: 2, backend: 'wasm' });
    const run = await pool.run(jobs);
    await pool.dispose();
    const merged = mergeResults(jobs, run.tasks.map((t) => (t.state === 'completed' ? t.result : undefined)).filter((m) => m !== undefined));
    const measurements = merged.points.map((p) => p.result!);
    expect(measurements.every((m) => m.series?.energy.length === 4000)).toBe(true);
    const fss = finiteSizeScaling(measurements);
    expect(fss.crossings).toHaveLength(1);
    expect(Math.abs(fss.criticalTemperature.mean - 2.269)).toBeLessThan(0.1);
  });

  it('correlations: a job, resumed in pieces across backends, and a worker give exactly what measure() gives', async () => {
    const corr: RunJob = { kind: 'run', options: { size: 12, temperature: 2.4, seed: 8, backend: 'wasm' }, thermalize: 50, sweeps: 1200, correlations: { every: 7 } };
    const sim = await createSimulation(corr.options);
    const direct = sim.measure({ thermalize: 50, sweeps: 1200, correlations: { every: 7 } });
    sim.dispose();
    expect(direct.correlations?.samples).toBe(171);
    expect(completed(await executeJob(corr))).toEqual(direct);
    let r = await executeJob(corr, { maxSweeps: 250 });
    let calls = 1;
    while (r.state !== 'completed') {
      const run = decodeCheckpoint(r.checkpoint).run!;
      expect(run.every).toBe(7);
      expect(run.correlations?.length).toBe(Math.floor(run.measured / 7) * (6 + 1 + 24));
      r = await executeJob(r.checkpoint, { maxSweeps: 250, backend: calls++ % 2 ? 'js' : 'wasm' });
    }
    expect(calls).toBe(5); // 1250 sweeps in pieces of 250
    expect({ ...r.result, backend: 'wasm' }).toEqual(direct);
    const w = await createSimulationWorker(corr.options);
    const inWorker = await w.measure({ thermalize: 50, sweeps: 1200, correlations: { every: 7 } });
    await w.dispose();
    expect(inWorker).toEqual(direct);
  });

  it('bad flags are named', () => {
    expect(() => validateRunJob({ ...job, correlations: { every: 2000 } })).toThrow(/Invalid option "correlations.every": expected at most 1500/);
    expect(() => validateRunJob({ ...job, correlations: 'yes' })).toThrow(/Invalid option "correlations"/);
    expect(() => validateRunJob({ ...job, keepSeries: 'yes' })).toThrow(InvalidOptionError);
    expect(() => validateRunJob({ ...job, histograms: 1 })).toThrow(/Invalid option "histograms": expected true or false, got 1/);
    expect(() => planSweep({ sizes: [8], temperatures: [2], sweeps: 10, keepSeries: 'no' as never })).toThrow(/"keepSeries"/);
    expect(planSweep({ sizes: [8], temperatures: [2], sweeps: 100, correlations: { every: 5 } })[0].correlations).toEqual({ every: 5 });
    expect(() => planSweep({ sizes: [8], temperatures: [2], sweeps: 100, correlations: { every: 60 } })).toThrow(/"correlations.every"/);
  });
});
