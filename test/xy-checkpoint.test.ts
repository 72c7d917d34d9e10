// XY checkpoints: the float64 spins, the float64 records and the tuned Metropolis step size travel
// in checkpoints, so that a job stopped anywhere (during the tuning thermalization or while
// recording) and resumed on either backend gives the result of the uninterrupted run, bit for bit.
import { describe, expect, it } from 'vitest';
import { createSimulation, decodeCheckpoint, encodeCheckpoint, executeJob, resumeSimulation, type JobResult, type RunJob, type Simulation } from '../src/index.js';

const job: RunJob = {
  kind: 'run', options: { model: 'xy', size: 6, temperature: 0.9, field: 0.05, overRelaxation: 1, seed: 12, backend: 'wasm' },
  thermalize: 150, sweeps: 700, correlations: { every: 7 }, histograms: true,
};

describe('XY checkpoints', { timeout: 60_000 }, () => {
  it('a job stopped during thermalization and recording resumes exactly, across backends', async () => {
    const full = await executeJob(job);
    expect(full.state).toBe('completed');
    let r: JobResult = await executeJob(job, { maxSweeps: 61 });
    const contents = decodeCheckpoint((r as { checkpoint: Uint8Array }).checkpoint);
    expect(contents.state.spins).toBeInstanceOf(Float64Array);
    expect(contents.state.stepSize).toBeGreaterThan(0);
    expect(contents.state.stepSize).not.toBe(1);
    let calls = 1;
    while (r.state !== 'completed') {
      r = await executeJob(r.checkpoint, { maxSweeps: 97, backend: calls % 2 ? 'js' : 'wasm' });
      calls++;
    }
    expect(calls).toBeGreaterThan(5);
    if (full.state === 'completed') expect({ ...r.result, backend: 'wasm' }).toEqual(full.result);
  });

  it('Simulation.checkpoint() carries the step size and resumes bit for bit', async () => {
    const a = (await createSimulation({ model: 'xy', size: 8, temperature: 0.5, seed: 4, algorithm: 'hybrid' })) as Simulation<'xy'>;
    a.sweep(40);
    const bytes = a.checkpoint();
    const b = (await resumeSimulation(bytes, { backend: 'js' })) as Simulation<'xy'>;
    expect(b.snapshot().stepSize).toBe(a.snapshot().stepSize);
    const records = [new Float64Array(9 * 20), new Float64Array(9 * 20)];
    a.sweep(20, records[0]);
    b.sweep(20, records[1]);
    expect(records[1]).toEqual(records[0]);
    expect(b.spins()).toEqual(a.spins());
  });

  it('cubic lattice: a job (XY, Wolff steps after Metropolis thermalization) stopped and resumed across backends gives the full run', async () => {
    const cubic: RunJob = {
      kind: 'run', options: { model: 'xy', lattice: 'cubic', size: 4, temperature: 2.2, algorithm: 'hybrid', overRelaxation: 1, seed: 21, backend: 'js' },
      thermalize: 60, sweeps: 300, correlations: { every: 5 },
    };
    const full = await executeJob(cubic);
    expect(full.state).toBe('completed');
    let r: JobResult = await executeJob(cubic, { maxSweeps: 37 });
    const contents = decodeCheckpoint((r as { checkpoint: Uint8Array }).checkpoint);
    expect(contents.state.lattice).toBe('cubic');
    expect((contents.state.spins as Float64Array).length).toBe(2 * 4 ** 3);
    let calls = 1;
    while (r.state !== 'completed') {
      r = await executeJob(r.checkpoint, { maxSweeps: 53, backend: calls % 2 ? 'wasm' : 'js' });
      calls++;
    }
    expect(calls).toBeGreaterThan(3);
    if (full.state === 'completed' && r.state === 'completed') {
      expect({ ...r.result, backend: 'js' }).toEqual(full.result);
      expect(r.result.lattice).toBe('cubic');
    }
    // Simulation.checkpoint() of a cubic clock model restores its states and stream
    const a = await createSimulation({ model: 'clock', q: 5, lattice: 'cubic', size: 4, temperature: 2, seed: 2 });
    a.sweep(10);
    const b = await resumeSimulation(a.checkpoint(), { backend: 'js' });
    expect(b.options.lattice).toBe('cubic');
    a.sweep(10);
    b.sweep(10);
    expect(b.spins()).toEqual(a.spins());
  });

  it('rejects a checkpoint with a step size out of range or non-unit spins', async () => {
    const a = await createSimulation({ model: 'xy', size: 4, seed: 1 });
    a.sweep(5);
    const { state } = decodeCheckpoint(a.checkpoint());
    expect(() => decodeCheckpoint(encodeCheckpoint({ kind: 'simulation', state: { ...state, stepSize: 11 } }))).toThrow(/header\.stepSize is 11/);
    // within the format's range but beyond the XY model's: refused when restored
    const sim = await createSimulation({ model: 'xy', size: 4 });
    expect(() => sim.resume(encodeCheckpoint({ kind: 'simulation', state: { ...state, stepSize: 4 } }))).toThrow(/snapshot\.stepSize.*0\.000001 to 3\.14/);
    const spins = (state.spins as Float64Array).slice();
    spins[3] = 0.5;
    expect(() => decodeCheckpoint(encodeCheckpoint({ kind: 'simulation', state: { ...state, spins } }))).toThrow(/"spins" section is not a Float64Array/);
    expect(decodeCheckpoint(encodeCheckpoint({ kind: 'simulation', state })).state).toEqual(state);
  });
});

describe('continuous-spin hybrid steps', { timeout: 60_000 }, () => {
  for (const model of ['xy', 'heisenberg'] as const) {
    for (const backend of ['wasm', 'js'] as const) {
      it(`${model} (${backend}): recorded hybrid steps keep the tuned step size frozen`, async () => {
        const sim = (await createSimulation({ model, size: 8, temperature: 0.7, seed: 9, algorithm: 'hybrid', hybridSweeps: 2, backend })) as Simulation<typeof model>;
        sim.sweep(30);
        const tuned = sim.snapshot().stepSize;
        expect(tuned).toBeGreaterThan(0);
        sim.sweep(25, new Float64Array(sim.recordWidth * 25));
        expect(sim.snapshot().stepSize).toBe(tuned);
        sim.sweep(5);
        expect(sim.snapshot().stepSize).not.toBe(tuned);
      });
    }
  }
});
