// The fetch handler, happy paths: a run completes with the same result as executeJob; a run
// split by sweep budgets into a chain of resume requests ends with the IDENTICAL result; a sweep
// request runs its points with derived seeds, and mergeResults puts results back in plan order.
import { describe, expect, it } from 'vitest';
import { createHandler, executeJob, handle, mergeResults, planSweep } from '../src/serverless/index.js';
import type { Measurement } from '../src/index.js';

function post(body: unknown): Request {
  return new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A value as it comes back through JSON (NaN -> null). */
const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('serverless handler', { timeout: 60_000 }, () => {
  it('runs a job and returns the same measurement as executeJob', async () => {
    const job = { job: 'run', options: { size: 8, temperature: 2.2, seed: 5, backend: 'wasm' as const }, thermalize: 200, sweeps: 4000 };
    const response = await handle(post(job));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = await response.json();
    expect(body.state).toBe('completed');
    expect(body.checkpoint).toBeUndefined();
    const direct = await executeJob({ kind: 'run', options: job.options, thermalize: 200, sweeps: 4000 });
    expect(direct.state === 'completed' && viaJson(direct.result)).toEqual(body.result);
  });

  it('keeps series, histograms and correlations on request, as JSON arrays, through a resumed chain too', async () => {
    const job = { job: 'run', options: { size: 8, temperature: 2.4, seed: 4, backend: 'wasm' as const }, thermalize: 50, sweeps: 600, keepSeries: true, histograms: true, correlations: { every: 6 } };
    const handler = createHandler({ maxWork: 64 * 400 });
    let body = await (await handler(post({ ...job, budget: { sweeps: 400 } }))).json();
    let requests = 1;
    while (body.state !== 'completed') {
      body = await (await handler(post({ job: 'resume', checkpoint: body.checkpoint, budget: { sweeps: 400 } }))).json();
      requests++;
    }
    expect(requests).toBe(2);
    const direct = await executeJob({ kind: 'run', options: job.options, thermalize: 50, sweeps: 600, keepSeries: true, histograms: true, correlations: { every: 6 } });
    if (direct.state !== 'completed') throw new Error('expected a completed run');
    expect(Array.isArray(body.result.series.energy)).toBe(true);
    expect(body.result.series.energy).toEqual(Array.from(direct.result.series!.energy));
    expect(body.result.histograms.magnetization.counts.reduce((a: number, b: number) => a + b, 0)).toBe(600);
    expect(body.result.correlations.samples).toBe(100);
    const plain = JSON.parse(JSON.stringify(direct.result, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
    expect(body.result).toEqual(plain);
  });

  it('splits a run over budgeted requests; the resumed chain gives the identical result', async () => {
    const handler = createHandler({ maxWork: 64 * 1500 });
    const job = { job: 'run', options: { size: 8, temperature: 2.5, field: 0.1, seed: 9 }, thermalize: 100, sweeps: 5000 };
    let body = await (await handler(post({ ...job, budget: { sweeps: 1500 } }))).json();
    const states: string[] = [body.state];
    while (body.state !== 'completed') {
      expect(body.result).toBeUndefined(); // never a partial result
      expect(typeof body.checkpoint).toBe('string');
      body = await (await handler(post({ job: 'resume', checkpoint: body.checkpoint, budget: { sweeps: 1500 } }))).json();
      states.push(body.state);
    }
    expect(states).toEqual(['budget-exhausted', 'budget-exhausted', 'budget-exhausted', 'completed']);
    const direct = await executeJob({ kind: 'run', options: job.options, thermalize: 100, sweeps: 5000 });
    expect(direct.state === 'completed' && viaJson(direct.result)).toEqual(body.result);
  });

  it('stops at its wall-time bound with a checkpoint, never with a result', async () => {
    const handler = createHandler({ maxMs: 200, maxWork: 1e12 });
    const t0 = Date.now();
    const body = await (await handler(post({ job: 'run', options: { size: 256 }, sweeps: 20_000 }))).json();
    expect(Date.now() - t0).toBeLessThan(200 + 3000); // the whole job would take minutes
    expect(body.state).toBe('budget-exhausted');
    expect(body.result).toBeUndefined();
    expect(body.progress.sweepsDone).toBeGreaterThan(0);
  });

  it('a sweep that reaches the wall-time bound is incomplete: checkpoints and unstarted points, no fake results', async () => {
    // 1.5 s: ample for the 4 x 4 point even on a loaded machine; the 512 x 512 point needs minutes
    const handler = createHandler({ maxMs: 1500, maxWork: 1e12 });
    const points = [{ size: 4, temperature: 2 }, { size: 512, temperature: 2.2 }, { size: 4, temperature: 3 }];
    const body = await (await handler(post({ job: 'sweep', points, sweeps: 100_000 }))).json();
    expect(body.state).toBe('incomplete');
    expect(body.points.map((p: { state: string }) => p.state)).toEqual(['completed', 'budget-exhausted', 'not-started']);
    expect(body.points[1].result).toBeUndefined();
    expect(typeof body.points[1].checkpoint).toBe('string');
    expect(body.points[2].result).toBeUndefined();
  });

  it('runs a sweep of points and merges results in plan order', async () => {
    const points = [{ size: 4, temperature: 2.0 }, { size: 6, temperature: 2.5 }, { size: 4, temperature: 3.0 }];
    const request = { job: 'sweep', options: { field: 0 }, points, seed: 3, thermalize: 100, sweeps: 2000 };
    const body = await (await handle(post(request))).json();
    expect(body.state).toBe('completed');
    const jobs = planSweep({ points, options: { field: 0 }, seed: 3, thermalize: 100, sweeps: 2000 });
    expect(body.points.map((p: { job: unknown }) => p.job)).toEqual(jobs);
    const shuffled = [body.points[2].result, body.points[0].result, body.points[1].result, body.points[0].result] as Measurement[];
    const merged = mergeResults(jobs, shuffled);
    expect(merged.state).toBe('completed');
    expect(merged.points.map((p) => p.result)).toEqual(body.points.map((p: { result: Measurement }) => p.result));
    // the same point alone (another request, another machine) gives the same numbers
    const alone = await (await handle(post({ ...request, points: [points[1]] }))).json();
    expect(alone.points[0].result).toEqual(body.points[1].result);
    expect(mergeResults(jobs, [alone.points[0].result]).missing).toEqual([jobs[0], jobs[2]]);
  });
});
