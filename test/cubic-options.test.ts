// The cubic lattice at the API boundary: its defaults, its limits and every combination it does not
// run yet, each a typed error naming field, value and what was expected (never a silent fallback to
// the square lattice); checkpoints and jobs carry the lattice.
import { describe, expect, it } from 'vitest';
import {
  CheckpointError, CUBIC_CRITICAL_BETA, InvalidOptionError, blockSpinPyramid, createSimulation, criticalSlowingDown, executeJob, rgFlow, runSweep,
} from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const BAD: [string, SimulationOptions, RegExp][] = [
  ['size above the cubic limit', { lattice: 'cubic', size: 896 }, /"size": expected an even integer from 2 to 894 on the cubic lattice .*got 896/],
  ['odd size', { lattice: 'cubic', size: 15 }, /"size": expected an even integer from 2 to 894 on the cubic lattice \(the checkerboard update needs even L\), got 15/],
  ['packed layout', { lattice: 'cubic', size: 16, layout: 'packed' }, /"layout": expected "auto" or "byte" on the cubic lattice .*got "packed"/],
  ['workers', { lattice: 'cubic', size: 32, workers: 2 }, /"workers": expected 1 on the cubic lattice .*got 2/],
];

describe('cubic lattice options', () => {
  it.each(BAD)('%s is a typed error', async (_label, options, message) => {
    const error = await createSimulation(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it('defaults: L = 16, T = 1 / beta_c of the cubic lattice, byte layout, N = L^3', async () => {
    const sim = await createSimulation({ lattice: 'cubic', backend: 'js' });
    expect(sim.options).toMatchObject({ lattice: 'cubic', size: 16, layout: 'byte' });
    expect(sim.options.beta).toBeCloseTo(CUBIC_CRITICAL_BETA, 15);
    expect(sim.sites).toBe(4096);
    expect(sim.spins()).toHaveLength(4096);
  });

  it('block spins and the RG refuse the cubic lattice before any work', async () => {
    const sim = await createSimulation({ lattice: 'cubic', size: 4, backend: 'wasm' });
    expect(() => blockSpinPyramid(sim)).toThrow(/^Invalid option "lattice": expected "square" for block spins/);
    expect(() => rgFlow(sim, { samples: 10 })).toThrow(/^Invalid option "lattice": expected "square" for block spins/);
    expect(sim.sweeps).toBe(0);
  });

  it('criticalSlowingDown on the cubic lattice: its T_c by default, its size limit', async () => {
    const r = await criticalSlowingDown({ lattice: 'cubic', sizes: [4, 6], algorithms: ['wolff'], steps: 2000, backend: 'wasm' });
    expect(r.lattice).toBe('cubic');
    expect(r.temperature).toBe(1 / CUBIC_CRITICAL_BETA);
    expect(r.points.map((p) => p.size)).toEqual([4, 6]);
    await expect(criticalSlowingDown({ lattice: 'cubic', sizes: [896] })).rejects.toThrow(/"sizes": expected an even integer from 2 to 894 on the cubic lattice/);
  });

  it('a sweep validates its sizes on the cubic lattice', async () => {
    await expect(runSweep({ lattice: 'cubic', sizes: [8, 896], temperatures: [4.5], sweeps: 100 })).rejects.toThrow(/"sizes\[1\]": expected an even integer from 2 to 894 on the cubic lattice/);
  });

  it('checkpoints carry the lattice: a cubic one resumes exactly, and a square simulation refuses it', async () => {
    const options = { lattice: 'cubic', size: 6, temperature: 4.4, algorithm: 'wolff', seed: 9 } as const;
    const a = await createSimulation(options);
    a.sweep(20);
    const checkpoint = a.checkpoint();
    const b = await createSimulation({ ...options, seed: 1 });
    b.resume(checkpoint);
    a.sweep(30);
    b.sweep(30);
    expect(b.spins()).toEqual(a.spins());
    const square = await createSimulation({ size: 6, algorithm: 'wolff' });
    const error = (() => {
      try {
        square.resume(checkpoint);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).reason).toBe('model');
  });

  it('a job on the cubic lattice runs, pauses on its budget and continues to the same result', async () => {
    const job = { kind: 'run', options: { lattice: 'cubic', size: 4, temperature: 4.5, seed: 3 }, thermalize: 100, sweeps: 1000 } as const;
    const whole = await executeJob(job);
    let part = await executeJob(job, { maxSweeps: 300 });
    expect(part.state).toBe('budget-exhausted');
    while (part.state !== 'completed') part = await executeJob(part.checkpoint!, { maxSweeps: 300 });
    if (whole.state !== 'completed' || part.state !== 'completed') throw new Error('not completed');
    expect(part.result.observables).toEqual(whole.result.observables);
    expect(part.result.lattice).toBe('cubic');
  });
});
