// The q-state Potts model on the cubic lattice, cluster updates: Wolff and Swendsen-Wang on
// the 2 x 2 x 2 cube against the exact sum over its q^8 states (doubled bonds), with and without a
// field; WebAssembly and JavaScript bit for bit (ghost-spin moves included: a Wolff site on the
// cubic lattice can take 12 draws, more than one refill of the draw ring guarantees); and typed
// errors for what the cubic Potts model does not run (the local updates: cubic-potts-local.test.ts).
import { describe, expect, it } from 'vitest';
import { CUBIC_POTTS3_BETA, InvalidOptionError, createSimulation, executeJob, pottsCubeMoments } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';
import { zScore } from './helpers/core.js';

const NAMES = ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4'] as const;

describe('Potts on the cubic lattice', () => {
  it.each([
    [2, 1.5, 0, 'wolff'],
    [3, 1.2, 0, 'swendsen-wang'],
    [3, 2.5, 0.3, 'wolff'],
    [4, 2.0, -0.4, 'swendsen-wang'],
    [4, 1.8, 0.5, 'wolff'],
  ] as const)('q = %d, T = %d, h = %d, %s on the cube vs the exact sum', async (q, temperature, field, algorithm) => {
    const sim = await createSimulation({ model: 'potts', q, lattice: 'cubic', size: 2, temperature, field, algorithm, seed: 5, backend: 'wasm' });
    const m = sim.measure({ thermalize: 1000, sweeps: 60_000 });
    const exact = pottsCubeMoments(q, 1 / temperature, field);
    for (const name of NAMES) {
      const o = m.observables[name];
      expect(Math.abs(zScore(o, exact[name])), `${name}: ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
    }
  });

  it.each([
    // the case that found the ring refill: 12 draws at one site of the cube
    ['wolff q=3 L=2 h=0.3', { q: 3, size: 2, temperature: 2.5, field: 0.3, algorithm: 'wolff' }],
    ['wolff q=3 L=6 h=0.3', { q: 3, size: 6, temperature: 1.6, field: 0.3, algorithm: 'wolff' }],
    ['wolff q=4 L=4 h=-0.5, 3 clusters a step', { q: 4, size: 4, temperature: 1.7, field: -0.5, algorithm: 'wolff', clustersPerStep: 3 }],
    ['swendsen-wang q=3 L=6 h=-0.2', { q: 3, size: 6, temperature: 1.8, field: -0.2, algorithm: 'swendsen-wang' }],
    ['swendsen-wang q=5 L=4', { q: 5, size: 4, temperature: 1.5, algorithm: 'swendsen-wang' }],
  ] as [string, SimulationOptions][])('%s: WASM and JS bit for bit', async (_label, options) => {
    const wasm = await createSimulation({ ...options, model: 'potts', lattice: 'cubic', seed: 9, backend: 'wasm' });
    const js = await createSimulation({ ...options, model: 'potts', lattice: 'cubic', seed: 9, backend: 'js' });
    for (const n of [1, 10, 60, 2000]) {
      expect(wasm.sweep(n)).toEqual(js.sweep(n));
      expect(wasm.spins()).toEqual(js.spins());
      expect(wasm.clusterLabels()).toEqual(js.clusterLabels());
    }
    const a = wasm.measure({ sweeps: 100, keepSeries: true });
    const b = js.measure({ sweeps: 100, keepSeries: true });
    expect(a.series).toEqual(b.series);
    expect(a.observables).toEqual(b.observables);
    expect(a.improved).toEqual(b.improved);
  });

  it('typed errors: correlations, no default temperature for q > 3; the default algorithm is Metropolis', async () => {
    const base = { model: 'potts', q: 3, lattice: 'cubic', size: 4 } as const;
    expect((await createSimulation(base)).options.algorithm).toBe('metropolis');
    await expect(createSimulation({ ...base, q: 5 })).rejects.toThrow(InvalidOptionError);
    await expect(createSimulation({ ...base, q: 5, algorithm: 'wolff' })).rejects.toThrow(/"temperature": expected a temperature or beta: model "potts" with q = 5 has no known transition temperature on the cubic lattice/);
    const sim = await createSimulation({ ...base, algorithm: 'wolff' });
    expect(sim.options.beta).toBeCloseTo(CUBIC_POTTS3_BETA, 12);
    expect(() => sim.measure({ sweeps: 100, correlations: true })).toThrow(/"correlations": expected false for model "potts" on the cubic lattice/);
    expect(sim.sweeps).toBe(0);
    sim.setAlgorithm('heat-bath');
    sim.sweep(3);
    expect(sim.sweeps).toBe(3);
  });

  it('checkpoints and jobs: a cubic Potts run pauses on its budget and continues to the same result', async () => {
    const job = { kind: 'run', options: { model: 'potts', q: 3, lattice: 'cubic', size: 4, temperature: 1.9, algorithm: 'swendsen-wang', seed: 4 }, thermalize: 50, sweeps: 400 } as const;
    const whole = await executeJob(job);
    let part = await executeJob(job, { maxSweeps: 150 });
    expect(part.state).toBe('budget-exhausted');
    while (part.state !== 'completed') part = await executeJob(part.checkpoint, { maxSweeps: 150 });
    if (whole.state !== 'completed') throw new Error('not completed');
    expect(part.result.observables).toEqual(whole.result.observables);
    const sim = await createSimulation(job.options);
    sim.sweep(5);
    const again = await createSimulation({ ...job.options, seed: 1 });
    again.resume(sim.checkpoint());
    sim.sweep(20);
    again.sweep(20);
    expect(again.spins()).toEqual(sim.spins());
  });
});
