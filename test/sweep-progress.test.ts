// Progress reports and cancellation of sweeps: onProgress counts points and estimates the time
// left; an AbortSignal stops the sweep between slices and the finished points are returned,
// marked, with the rest listed as remaining.
import { describe, expect, it } from 'vitest';
import { runSweep, type SweepProgress } from '../src/index.js';

describe('sweep progress and abort', () => {
  it('reports every point, with a fraction that never decreases and an ETA', async () => {
    const reports: SweepProgress[] = [];
    const r = await runSweep({ sizes: [8, 16], temperatures: [2.2, 2.4], sweeps: 2000, onProgress: (p) => reports.push({ ...p }) });
    expect(r.state).toBe('completed');
    expect(r.remaining).toEqual([]);
    expect(reports.every((p) => p.pointsTotal === 4)).toBe(true);
    const done = reports.map((p) => p.pointsDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done)).toEqual(new Set([0, 1, 2, 3, 4]));
    const fractions = reports.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ pointsDone: 4, fraction: 1, etaMs: 0, size: 16, temperature: 2.4 });
    expect(reports.filter((p) => p.fraction > 0).every((p) => Number.isFinite(p.etaMs) && p.etaMs >= 0)).toBe(true);
    expect(last.elapsedMs).toBeGreaterThan(0);
  });

  it('an abort after the first point returns that point and lists the rest', async () => {
    const controller = new AbortController();
    const r = await runSweep({
      sizes: [8, 16], temperatures: [2.2, 2.4], sweeps: 2000, signal: controller.signal,
      onProgress: (p) => { if (p.pointsDone === 1) controller.abort(); },
    });
    expect(r.state).toBe('aborted');
    expect(r.points.map((p) => [p.state, p.size, p.temperature])).toEqual([['completed', 8, 2.2]]);
    expect(r.remaining).toEqual([{ size: 8, temperature: 2.4 }, { size: 16, temperature: 2.2 }, { size: 16, temperature: 2.4 }]);
    expect(Number.isFinite(r.points[0].measurement.observables.energy.error)).toBe(true);
  });

  it('an abort in the middle of a point keeps what it measured as a partial point', async () => {
    const controller = new AbortController();
    const r = await runSweep({
      sizes: [64], temperatures: [2.5, 2.6], sweeps: 20_000, thermalize: 100, signal: controller.signal,
      onProgress: (p) => { if (p.fraction > 0.1) controller.abort(); },
    });
    expect(r.state).toBe('aborted');
    expect(r.points).toHaveLength(1);
    const p = r.points[0];
    expect(p.state).toBe('partial');
    expect(p.measurement.sweeps).toBeGreaterThanOrEqual(100);
    expect(p.measurement.sweeps).toBeLessThan(20_000);
    expect(p.measurement.warnings[0]).toMatch(/^partial measurement: stopped after \d+ of 20000 recorded sweeps/);
    expect(r.remaining).toEqual([{ size: 64, temperature: 2.5 }, { size: 64, temperature: 2.6 }]);
  });

  it('a signal aborted before the start runs nothing', async () => {
    const r = await runSweep({ sizes: [8], temperatures: [2.2], sweeps: 200, signal: AbortSignal.abort() });
    expect(r.state).toBe('aborted');
    expect(r.points).toEqual([]);
    expect(r.remaining).toEqual([{ size: 8, temperature: 2.2 }]);
  });

  it('an error after some points keeps them: state errored', async () => {
    let calls = 0;
    const r = await runSweep({
      sizes: [8], temperatures: [2.2, 2.4, 2.6], sweeps: 200,
      onProgress: (p) => { calls++; if (p.pointsDone === 2) throw new Error('display failed'); },
    });
    expect(calls).toBeGreaterThan(0);
    expect(r.state).toBe('errored');
    expect((r.error as Error).message).toBe('display failed');
    expect(r.points).toHaveLength(2);
    expect(r.remaining).toEqual([{ size: 8, temperature: 2.6 }]);
  });
});
