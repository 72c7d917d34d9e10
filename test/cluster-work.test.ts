// Work accounting: a Wolff step is a fixed number of clusters and costs flipped spins / N sweep
// equivalents; a Swendsen-Wang update costs 1; a hybrid step costs its Metropolis sweeps plus its
// cluster update; local sweeps cost 1. The totals add up across sweep(), measure() and snapshots.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';

describe('sweep equivalents', () => {
  it('Wolff: flipped spins / N, with clustersPerStep clusters a step (h = 0: every cluster flips)', async () => {
    const sim = await createSimulation({ size: 16, algorithm: 'wolff', clustersPerStep: 3, temperature: 2.5, seed: 1 });
    const r = sim.sweep(40);
    expect(r.sweepEquivalents).toBe(r.flips / 256);
    expect(sim.sweepEquivalents).toBe(r.sweepEquivalents);
    // Three clusters a step: 40 steps = 120 clusters, the same stream as 120 one-cluster steps.
    const single = await createSimulation({ size: 16, algorithm: 'wolff', temperature: 2.5, seed: 1 });
    expect(single.sweep(120).flips).toBe(r.flips);
    expect(single.spins()).toEqual(sim.spins());
  });

  it('Wolff in a field: clusters rejected by the ghost spin flip nothing and cost nothing', async () => {
    const sim = await createSimulation({ size: 16, algorithm: 'wolff', temperature: 1.5, field: 0.5, seed: 2, start: 'cold' });
    const r = sim.sweep(200);
    expect(r.sweepEquivalents).toBe(r.flips / 256);
    expect(r.flips).toBeLessThan(200 * 256 * 0.1);
  });

  it('Swendsen-Wang: one per update; hybrid: k sweeps plus the cluster update', async () => {
    const sw = await createSimulation({ size: 8, algorithm: 'swendsen-wang', seed: 3 });
    expect(sw.sweep(25).sweepEquivalents).toBe(25);
    const hybridSw = await createSimulation({ size: 8, algorithm: 'hybrid', hybridSweeps: 4, hybridCluster: 'swendsen-wang', seed: 3 });
    expect(hybridSw.sweep(10).sweepEquivalents).toBe(50);
    const hybridWolff = await createSimulation({ size: 8, algorithm: 'hybrid', hybridSweeps: 2, seed: 3 });
    const r = hybridWolff.sweep(10);
    expect(r.sweepEquivalents).toBeGreaterThan(20);
    expect(r.sweepEquivalents).toBeLessThan(30);
    const metropolis = await createSimulation({ size: 8, seed: 3 });
    expect(metropolis.sweep(10).sweepEquivalents).toBe(10);
  });

  it('measure() reports the work of the recorded steps; snapshots carry the total', async () => {
    const sim = await createSimulation({ size: 8, algorithm: 'wolff', seed: 4 });
    sim.sweep(10);
    const atStart = sim.sweepEquivalents;
    const m = sim.measure({ thermalize: 20, sweeps: 100 });
    const thermalizeWork = sim.sweepEquivalents - atStart - m.sweepEquivalents;
    expect(thermalizeWork).toBeGreaterThan(0);
    expect(m.sweepEquivalents).toBeGreaterThan(0);
    const snap = sim.snapshot();
    expect(snap.sweepEquivalents).toBe(sim.sweepEquivalents);
    const other = await createSimulation({ size: 8, algorithm: 'wolff', seed: 99 });
    other.restore(snap);
    expect(other.sweepEquivalents).toBe(sim.sweepEquivalents);
    const { sweepEquivalents: _omitted, ...older } = snap;
    other.restore(older);
    expect(other.sweepEquivalents).toBe(snap.sweeps);
  });
});
