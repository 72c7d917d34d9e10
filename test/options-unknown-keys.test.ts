// Every options object of the public API refuses an unknown or mistyped key with an
// InvalidOptionError naming it, before any work (issue 15, problem 6: `measure({ thermalise: 5 })`
// ran without thermalization, `createPool({ sizee: 2 })` and `createHandler({ maxwork: 10 })` were
// accepted, `createHandler({ maxMs: '5' })` failed every request instead of at creation).
import { describe, expect, it } from 'vitest';
import {
  collapseQuality, continueRun, createPool, createSimulation, createSimulationWorker, criticalSlowingDown, executeJob,
  finiteSizeScaling, InvalidOptionError, landau, landauFreeEnergy, landauScan, multipleHistogram, planSweep, resumeSimulation,
  rgFlow, runSweep, stats,
} from '../dist/index.js';
import { createHandler } from '../dist/serverless/index.js';

async function refusal(call: () => unknown): Promise<InvalidOptionError> {
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidOptionError);
  return error as InvalidOptionError;
}

const sim = await createSimulation({ size: 8, seed: 1 });
const measured = sim.measure({ sweeps: 200, keepSeries: true });

describe('unknown or mistyped option keys', { timeout: 60_000 }, () => {
  it('the cases of the issue', async () => {
    expect((await refusal(() => sim.measure({ thermalise: 5, sweeps: 100 } as never))).option).toBe('thermalise');
    expect((await refusal(() => createPool({ sizee: 2 } as never))).option).toBe('sizee');
    expect((await refusal(() => createHandler({ maxwork: 10 } as never))).option).toBe('maxwork');
    const mistyped = await refusal(() => createHandler({ maxMs: '5' } as never));
    expect(mistyped.option).toBe('maxMs');
    expect(mistyped.message).toMatch(/Invalid option "maxMs": expected an integer >= 1, got "5"/);
  });

  it.each([
    ['createSimulation', () => createSimulation({ sise: 8 } as never), 'sise'],
    ['measure', () => sim.measure({ sweeps: 100, histogram: true } as never), 'histogram'],
    ['measure correlations', () => sim.measure({ sweeps: 100, correlations: { evry: 5 } } as never), 'correlations.evry'],
    ['startMeasurement', () => sim.startMeasurement({ sweeps: 100, keepseries: true } as never), 'keepseries'],
    ['setAlgorithm', () => sim.setAlgorithm('wolff', { clusters: 2 } as never), 'clusters'],
    ['runSweep', () => runSweep({ sizes: [4], temperatures: [2], sweeps: 100, thermalise: 10 } as never), 'thermalise'],
    ['planSweep', () => planSweep({ sizes: [4], temperatures: [2], sweeps: 100, seeds: 3 } as never), 'seeds'],
    ['executeJob job', () => executeJob({ kind: 'run', options: { size: 4 }, sweeps: 100, thermalise: 5 } as never), 'thermalise'],
    ['executeJob control', () => executeJob({ kind: 'run', options: { size: 4 }, sweeps: 100 }, { maxsweeps: 5 } as never), 'maxsweeps'],
    ['continueRun plan', () => continueRun(sim, { sweeps: 100, thermalise: 5 } as never), 'thermalise'],
    ['resumeSimulation', () => resumeSimulation(sim.checkpoint(), { backnd: 'js' } as never), 'backnd'],
    ['createPool backend', () => createPool({ backend: 'gpu' } as never), 'backend'],
    ['createPool worker', () => createPool({ worker: 42 } as never), 'worker'],
    ['createSimulationWorker', () => createSimulationWorker({ size: 8 }, { wroker: 'x.js' } as never), 'wroker'],
    ['rgFlow', () => rgFlow(sim, { samples: 10, blocksize: 2 } as never), 'blocksize'],
    ['landau', () => landau(sim, { sweeps: 100, bin: 11 } as never), 'bin'],
    ['landauFreeEnergy', () => landauFreeEnergy({ components: [[0.1, 0.2]], sites: 4 }, { order: 4, bin: 3 } as never), 'bin'],
    ['landauScan', () => landauScan({ sizes: [4], temperatures: [2, 3], sweeps: 100, thermalise: 1 } as never), 'thermalise'],
    ['criticalSlowingDown', () => criticalSlowingDown({ sizes: [4], step: 1000 } as never), 'step'],
    ['multipleHistogram', () => multipleHistogram([measured], { minoverlap: 0.2 } as never), 'minoverlap'],
    ['finiteSizeScaling', () => finiteSizeScaling([measured, measured], { scanpoints: 20 } as never), 'scanpoints'],
    ['collapseQuality', () => collapseQuality([], { criticalTemperature: 2.27, nu: 1, exponent: 1.75, tc: 2 } as never), 'tc'],
    ['stats.estimateMean', () => stats.estimateMean([1, 2, 3], { binsize: 2 } as never), 'binsize'],
    ['stats.integratedAutocorrelationTime', () => stats.integratedAutocorrelationTime([1, 2, 3], { window: 2 } as never), 'window'],
    ['createHandler cors', () => createHandler({ cors: { origin: '*' } } as never), 'origin'],
  ])('%s', async (_name, call, option) => {
    expect((await refusal(call)).option).toBe(option);
  });

  it('worker calls and pool runs check their controls before anything starts', async () => {
    const worker = await createSimulationWorker({ size: 8 });
    try {
      expect((await refusal(() => worker.measure({ sweeps: 100 }, { onprogress: () => {} } as never))).option).toBe('onprogress');
      expect((await refusal(() => worker.sweep(10, { signal: 'stop' } as never))).option).toBe('signal');
      expect((await refusal(() => worker.run({ kind: 'run', options: { size: 4 }, sweeps: 100 }, { maxSweep: 5 } as never))).option).toBe('maxSweep');
      expect((await refusal(() => worker.measure({ sweeps: 100, thermalise: 5 } as never))).option).toBe('thermalise');
    } finally {
      await worker.dispose();
    }
    const pool = await createPool({ size: 1 });
    try {
      expect((await refusal(() => pool.run([], { onprogress: () => {} } as never))).option).toBe('onprogress');
      expect((await refusal(() => pool.temper({ options: { size: 4 }, temperatures: [2, 3], rounds: 2 }, { progressEveryMs: -1 }))).option).toBe('progressEveryMs');
    } finally {
      await pool.dispose();
    }
  });
});
