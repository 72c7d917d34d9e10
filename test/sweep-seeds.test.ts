// Seeds and independence of sweep points: each point's stream comes from (seed, L, T) only;
// without warm starts a point is bit for bit the same whichever other points run (and equals a
// plain simulation with that seed); with warm starts the first point of each size still does;
// both backends give identical sweeps.
import { describe, expect, it } from 'vitest';
import { childSeed, createSimulation, runSweep, sweepPointSeed } from '../src/index.js';
import { mix64 } from '../src/rng.js';

const base = { temperatures: [2.0, 2.3, 2.6], sweeps: 500, thermalize: 100, seed: 21, backend: 'js' } as const;

describe('sweep seeds', () => {
  it('the point seed is childSeed(seed, key(L, T)) as documented', () => {
    const bits = new BigUint64Array(Float64Array.of(2.3).buffer)[0];
    const key = Number(mix64(mix64(16n) ^ bits) >> 11n);
    expect(sweepPointSeed(21, 16, 2.3)).toBe(childSeed(21, key));
    expect(sweepPointSeed(21, 16, 2.3)).not.toBe(sweepPointSeed(21, 16, 2.3000000000000003));
    expect(sweepPointSeed(21, 16, 2.3)).not.toBe(sweepPointSeed(21, 32, 2.3));
    expect(sweepPointSeed(21, 16, 2.3)).not.toBe(sweepPointSeed(22, 16, 2.3));
  });

  it('range temperatures are the same doubles as the literals', async () => {
    const r = await runSweep({ ...base, sizes: [4], temperatures: { from: 2.0, to: 2.6, step: 0.05 } });
    expect(r.points.map((p) => p.temperature)).toEqual([2, 2.05, 2.1, 2.15, 2.2, 2.25, 2.3, 2.35, 2.4, 2.45, 2.5, 2.55, 2.6]);
  });

  it('without warm starts a point does not depend on which other points run', async () => {
    const all = await runSweep({ ...base, sizes: [8, 12], warmStart: false });
    const one = await runSweep({ ...base, sizes: [12], temperatures: [2.3], warmStart: false });
    const same = all.points.find((p) => p.size === 12 && p.temperature === 2.3)!;
    expect(one.points[0].seed).toBe(same.seed);
    expect(one.points[0].warmStarted).toBe(false);
    expect(one.points[0].measurement).toEqual(same.measurement);
    // ... and equals a plain simulation with the point's seed.
    const sim = await createSimulation({ size: 12, temperature: 2.3, seed: same.seed, start: 'cold', backend: 'js' });
    expect(sim.measure({ thermalize: 100, sweeps: 500 })).toEqual(same.measurement);
  });

  it('with warm starts later points start from the previous lattice; the first point of each size is independent', async () => {
    const warm = await runSweep({ ...base, sizes: [8, 12] });
    const cold = await runSweep({ ...base, sizes: [12], warmStart: false });
    expect(warm.points.map((p) => p.warmStarted)).toEqual([false, true, true, false, true, true]);
    expect(warm.points[3].measurement).toEqual(cold.points[0].measurement);
    expect(warm.points[4].seed).toBe(cold.points[1].seed);
    // Same random numbers, different starting lattice: the series differ from the first sweep on
    // (with thermalization, the two coupled chains may even coalesce to the same lattice).
    const first = async (warmStart: boolean) =>
      (await runSweep({ ...base, sizes: [12], thermalize: 0, warmStart, keepSeries: true })).points[1].measurement.series!.energy[0];
    expect(await first(true)).not.toBe(await first(false));
    const again = await runSweep({ ...base, sizes: [8, 12] });
    expect(again.points.map((p) => p.measurement)).toEqual(warm.points.map((p) => p.measurement));
  });

  it('WebAssembly and JavaScript give identical sweeps', async () => {
    const options = { sizes: [6, 10], temperatures: [2.1, 2.4], sweeps: 400, thermalize: 50, seed: 3, correlations: { every: 2 }, histograms: true } as const;
    const a = await runSweep({ ...options, backend: 'wasm' });
    const b = await runSweep({ ...options, backend: 'js' });
    expect(a.points.map((p) => p.measurement.backend)).toEqual(['wasm', 'wasm', 'wasm', 'wasm']);
    const strip = (r: typeof a) => r.points.map((p) => ({ ...p, measurement: { ...p.measurement, backend: undefined } }));
    expect(strip(a)).toEqual(strip(b));
  });
});
