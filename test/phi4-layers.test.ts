// The phi^4 field through every layer: typed errors (lambda, the Wolff-only refusal, the missing
// default temperature), checkpoints with lambda and the tuned step resumed bit for bit across
// backends, jobs and the serverless handler, sweeps carrying lambda, the references, and the
// Landau view of the hat (a ring below the 3D transition, a single well above).
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  criticalReference,
  decodeCheckpoint,
  executeJob,
  exactReference,
  InvalidOptionError,
  landau,
  resumeSimulation,
  runSweep,
  type JobResult,
  type Measurement,
  type RunJob,
  type Simulation,
} from '../src/index.js';
import { createHandler } from '../src/serverless/index.js';
import { cli } from './helpers/cli.js';
// workers run the built package (npm test builds first)
import { createSimulationWorker } from '../dist/index.js';

describe('phi4 options and errors', () => {
  it('refuses bad lambda, Wolff alone, Swendsen-Wang, other models\' parameters, and a missing temperature where no T_c is known', async () => {
    await expect(createSimulation({ model: 'phi4', beta: 0.5, lambda: 0 })).rejects.toThrow(/"lambda": expected a number > 0/);
    await expect(createSimulation({ model: 'phi4', beta: 0.5, lambda: Number.NaN })).rejects.toThrow(InvalidOptionError);
    await expect(createSimulation({ model: 'phi4', beta: 0.5, algorithm: 'wolff' })).rejects.toThrow(/Wolff clusters alone never change \|phi_i\|/);
    await expect(createSimulation({ model: 'phi4', beta: 0.5, algorithm: 'hybrid', hybridCluster: 'ghost' as never })).rejects.toThrow(/hybridCluster/);
    await expect(createSimulation({ model: 'phi4', beta: 0.5, algorithm: 'heat-bath' })).rejects.toThrow(/"algorithm".*no exact heat bath/);
    await expect(createSimulation({ model: 'phi4', beta: 0.5, algorithm: 'swendsen-wang' })).rejects.toThrow(/"algorithm".*never change \|phi_i\|/);
    await expect(createSimulation({ model: 'phi4', beta: 0.5, q: 3 })).rejects.toThrow(/no q with model "phi4"/);
    await expect(createSimulation({ model: 'xy', lambda: 2 })).rejects.toThrow(/no lambda with model "xy"/);
    await expect(createSimulation({ model: 'phi4' })).rejects.toThrow(/no known transition temperature on the square lattice/);
    await expect(createSimulation({ model: 'phi4', lattice: 'cubic', size: 4, lambda: 1 })).rejects.toThrow(/lambda = 1.*cubic/);
    const sim = await createSimulation({ model: 'phi4', lattice: 'cubic', size: 4 });
    expect(sim.options.beta).toBeCloseTo(0.5091503, 12);
    const snapshot = sim.snapshot();
    expect(() => sim.restore({ ...snapshot, spins: new Float64Array(128).fill(Number.NaN) })).toThrow(/snapshot\.spins/);
    expect(() => sim.restore({ ...snapshot, lambda: 2 })).toThrow(/snapshot\.lambda/);
    expect(() => sim.restore({ ...snapshot, stepSize: 11 })).toThrow(/snapshot\.stepSize/);
  });
});

describe('phi4 checkpoints, jobs and serverless', () => {
  it('a run job stopped during thermalization and recording resumes exactly, across backends', async () => {
    const job: RunJob = {
      kind: 'run',
      options: { model: 'phi4', lattice: 'cubic', size: 4, beta: 0.52, lambda: 1.7, algorithm: 'hybrid', overRelaxation: 1, seed: 12, backend: 'wasm' },
      thermalize: 120,
      sweeps: 500,
      correlations: { every: 5 },
      histograms: true,
    };
    const full = await executeJob(job);
    expect(full.state).toBe('completed');
    let r: JobResult = await executeJob(job, { maxSweeps: 61 });
    const contents = decodeCheckpoint((r as { checkpoint: Uint8Array }).checkpoint);
    expect(contents.state.lambda).toBe(1.7);
    expect(contents.state.stepSize).not.toBe(1);
    let calls = 1;
    while (r.state !== 'completed') {
      r = await executeJob(r.checkpoint, { maxSweeps: 97, backend: calls % 2 ? 'js' : 'wasm' });
      calls++;
    }
    expect(calls).toBeGreaterThan(4);
    if (full.state === 'completed') {
      expect({ ...r.result, backend: 'wasm' }).toEqual(full.result);
      expect(full.result.lambda).toBe(1.7);
      expect(full.result.correlations?.correlation[0].mean).toBeCloseTo((full.result as Measurement<'phi4'>).observables.phi2.mean, 1);
      expect(full.result.histograms?.energy.values.length).toBeGreaterThan(100);
    }
  });

  it('a worker gives the numbers of the simulation on this thread', async () => {
    const options = { model: 'phi4' as const, lattice: 'cubic' as const, size: 4, beta: 0.5, lambda: 1.1, algorithm: 'hybrid' as const, seed: 6, backend: 'js' as const };
    const reference = (await createSimulation(options)).measure({ thermalize: 100, sweeps: 600 });
    const worker = await createSimulationWorker(options);
    try {
      expect(await worker.measure({ thermalize: 100, sweeps: 600 })).toEqual(reference);
    } finally {
      await worker.dispose();
    }
  });

  it('Simulation.checkpoint() carries lambda and the step size', async () => {
    const a = (await createSimulation({ model: 'phi4', size: 6, beta: 0.7, lambda: 0.8, seed: 4 })) as Simulation<'phi4'>;
    a.sweep(40);
    const b = (await resumeSimulation(a.checkpoint(), { backend: 'js' })) as Simulation<'phi4'>;
    expect(b.options.lambda).toBe(0.8);
    expect(b.snapshot().stepSize).toBe(a.snapshot().stepSize);
    const records = [new Float64Array(7 * 20), new Float64Array(7 * 20)];
    a.sweep(20, records[0]);
    b.sweep(20, records[1]);
    expect(records[1]).toEqual(records[0]);
  });

  it('the serverless handler runs phi4 jobs and refuses a bad lambda', async () => {
    const handler = createHandler();
    const post = (body: unknown) =>
      handler(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const response = await post({ job: 'run', options: { model: 'phi4', size: 8, beta: 0.6, lambda: 1.2 }, sweeps: 500 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { model: string; lambda: number; observables: Record<string, unknown> } };
    expect(body.result).toMatchObject({ model: 'phi4', lambda: 1.2 });
    expect(body.result.observables.phi2).toBeDefined();
    const bad = await post({ job: 'run', options: { model: 'phi4', size: 8, beta: 0.6, lambda: -1 }, sweeps: 500 });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/lambda/);
  });

  it('sweeps carry lambda to every point; references name the 2 x 2 quadrature and the 3D beta_c', async () => {
    const result = await runSweep({ model: 'phi4', lambda: 1.3, sizes: [2], temperatures: [1.5, 2], sweeps: 2000, thermalize: 200, backend: 'js' });
    expect(result.points.map((p) => p.measurement.lambda)).toEqual([1.3, 1.3]);
    const exact = exactReference(2, 2, 0, { model: 'phi4', lambda: 1.3 });
    expect(exact.finiteMethod).toBe('quadrature');
    expect(exact.finite.phi2).toBeGreaterThan(0);
    expect(exactReference(4, 2, 0, { model: 'phi4' }).finiteMethod).toBe('none');
    expect(1 / criticalReference({ model: 'phi4', lattice: 'cubic' }).temperature).toBeCloseTo(0.5091503, 12);
    expect(criticalReference({ model: 'phi4', lattice: 'cubic', lambda: 1 }).temperature).toBeNaN();
  });
});

describe('phi4 Landau view', () => {
  it('cubic L = 8: a ring (the hat) at beta = 0.6 > beta_c, a single well at beta = 0.45 < beta_c', async () => {
    const run = async (beta: number) =>
      landau(await createSimulation({ model: 'phi4', lattice: 'cubic', size: 8, beta, algorithm: 'hybrid', seed: 3 }), { thermalize: 500, sweeps: 6000 });
    const low = await run(0.6);
    expect(low.orderParameter).toBe('vector');
    expect(low.shape).toBe('ring');
    expect(low.fit?.minimum).toBeGreaterThan(0.5);
    expect(low.map?.F.length).toBeGreaterThan(0);
    const high = await run(0.45);
    expect(high.shape).toBe('single-well');
  });
});

describe('phi4 on the command line', () => {
  it('run --lambda carries lambda and the exact 2 x 2 values; sweep needs --temperatures', async () => {
    const r = await cli('run', '--model', 'phi4', '--size', '2', '--beta', '0.5', '--lambda', '1.3', '--algorithm', 'hybrid', '--sweeps', '20000', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ model: 'phi4', lambda: 1.3 });
    expect(json.exact.method).toBe('quadrature');
    const z = (json.observables.phi2.mean - json.exact.finite.phi2) / json.observables.phi2.error;
    expect(Math.abs(z)).toBeLessThan(4);
    const sweep = await cli('sweep', '--model', 'phi4', '--sizes', '4');
    expect(sweep.code).not.toBe(0);
    expect(sweep.stderr).toMatch(/--temperatures.*phi4/);
    const bad = await cli('run', '--model', 'phi4', '--beta', '0.5', '--lambda', '-2');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/lambda/);
  });
});
