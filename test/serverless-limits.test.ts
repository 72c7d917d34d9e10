// The public handler bounds its work (issue 18, items 1-3 and 9): every run's recorded steps (the
// memory of its records and the time of its analysis), work-amplifying step settings, checkpoints
// that come from clients, and nonsense requests. A fuzzer sends seeded malformed and work-amplifying
// requests: every answer is 2xx, 4xx or 503 (never a 500) within maxMs plus a stated margin.
import { describe, expect, it } from 'vitest';
import { createHandler, ANALYSIS_MS_PER_SAMPLE } from '../src/serverless/index.js';
import { createSimulation, encodeCheckpoint, decodeCheckpoint } from '../src/index.js';
import { Fuzz } from './helpers/fuzz.js';

/** What a request may take beyond maxMs: the estimate of the first step is calibrated, not exact. */
const MARGIN_MS = 2000;

function post(body: unknown, type = 'application/json'): Request {
  return new Request('http://localhost/', { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function answer(handler: (r: Request) => Promise<Response>, request: Request) {
  const t0 = Date.now();
  const response = await handler(request);
  const body = (await response.json()) as { state?: string; error?: { code: string; field: string } };
  return { status: response.status, body, ms: Date.now() - t0 };
}

describe('the handler bounds what it accepts', () => {
  const handler = createHandler({ maxMs: 4000 });

  it('refuses a run whose records and analysis would not fit, naming sweeps (item 2)', async () => {
    const r = await answer(handler, post({ job: 'run', options: { size: 4 }, sweeps: 33554432 }));
    expect(r.status).toBe(413);
    expect(r.body.error).toMatchObject({ code: 'too-many-samples', field: 'sweeps' });
    expect(r.ms).toBeLessThan(1000);
  });

  it('completes the largest run it accepts within maxMs, its analysis included', async () => {
    const small = createHandler({ maxMs: 4000, maxSamples: 2 ** 18 });
    const r = await answer(small, post({ job: 'run', options: { size: 4 }, sweeps: 2 ** 18 }));
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(4000 + MARGIN_MS);
    expect(2 ** 18 * ANALYSIS_MS_PER_SAMPLE).toBeLessThan(4000);
  });

  it('refuses work-amplifying step settings, also in a sweep (item 1)', async () => {
    for (const options of [{ size: 16, algorithm: 'hybrid', hybridSweeps: 2147483647 }, { size: 16, algorithm: 'wolff', clustersPerStep: 2147483647, temperature: 1 }]) {
      const run = await answer(handler, post({ job: 'run', options, sweeps: 2 }));
      expect(run.status).toBe(413);
      expect(run.ms).toBeLessThan(4000 + MARGIN_MS);
      const { size: _size, temperature: _t, ...shared } = options as Record<string, unknown>;
      const sweep = await answer(handler, post({ job: 'sweep', options: shared, points: [{ size: 16, temperature: 2 }], sweeps: 200 }));
      expect(sweep.status).toBe(413);
    }
  });

  it('treats a checkpoint as input: a forged one passes the same checks as a new job (item 3)', async () => {
    const sim = await createSimulation({ size: 16, seed: 1 });
    const contents = decodeCheckpoint(sim.checkpoint());
    const forged = encodeCheckpoint({ kind: 'run', state: { ...contents.state, algorithm: 'hybrid', hybridSweeps: 2147483647 }, run: { thermalize: 0, sweeps: 100, thermalized: 0, measured: 0, measureFlips: 0, measureWork: 0, records: new Int32Array(0) } });
    const r = await answer(handler, post({ job: 'resume', checkpoint: Buffer.from(forged).toString('base64') }));
    expect(r.status).toBe(413);
    const long = encodeCheckpoint({ kind: 'run', state: contents.state, run: { thermalize: 0, sweeps: 2 ** 24, thermalized: 0, measured: 0, measureFlips: 0, measureWork: 0, records: new Int32Array(0) } });
    const r2 = await answer(handler, post({ job: 'resume', checkpoint: Buffer.from(long).toString('base64') }));
    expect(r2.body.error).toMatchObject({ code: 'too-many-samples', field: 'checkpoint' });
  });

  it('refuses nonsense: null sizes, arrays as objects, unknown keys in points, other media types (item 9)', async () => {
    expect((await answer(handler, post({ job: 'run', options: { size: null }, sweeps: 100 }))).status).toBe(422);
    expect((await answer(handler, post({ job: 'run', options: [], sweeps: 100 }))).status).toBe(422);
    const point = await answer(handler, post({ job: 'sweep', points: [{ size: 8, temperature: 2, sise: 3 }], sweeps: 200 }));
    expect(point.status).toBe(422);
    expect(point.body.error?.field).toMatch(/sise/);
    expect((await answer(handler, post({ job: 'run', options: { size: 8 }, sweeps: 100 }, 'application/json-patch+json'))).status).toBe(415);
  });
});

describe('fuzzed requests', () => {
  it('never get a 500 and never outlast maxMs plus the margin (seed 5, at most 20 s)', async () => {
    const handler = createHandler({ maxMs: 1500 });
    const fuzz = new Fuzz(5);
    const started = Date.now();
    const statuses = new Map<number, number>();
    for (let k = 0; k < 400 && Date.now() - started < 20_000; k++) {
      const options: Record<string, unknown> = {};
      for (const key of ['size', 'algorithm', 'hybridSweeps', 'clustersPerStep', 'temperature', 'model', 'q', 'field', 'x']) if (fuzz.chance(0.3)) options[key] = fuzz.value();
      if (fuzz.chance(0.5)) options.size = fuzz.pick([4, 8, 16, 64, 512, 4096, 16384]);
      const body = fuzz.pick([
        { job: fuzz.pick(['run', 'sweep', 'resume', 'nope']), options, sweeps: fuzz.value(), thermalize: fuzz.value() },
        { job: 'run', options, sweeps: fuzz.pick([2, 100, 10_000, 2 ** 20, 2 ** 25]), budget: fuzz.chance(0.5) ? { ms: fuzz.value(), sweeps: fuzz.value() } : undefined },
        { job: 'sweep', points: [{ size: fuzz.pick([4, 8, 2048]), temperature: fuzz.value() }], options, sweeps: fuzz.pick([100, 1000, 2 ** 21]) },
        { job: 'resume', checkpoint: fuzz.pick(['', 'AAAA', 'not base64!', 'iUNSSVQNChoBAA==']) },
        fuzz.value(),
      ]);
      const raw = fuzz.chance(0.1) ? '{"job": "run", "options": {' : JSON.stringify(body, (_k, v) => (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function' ? String(v) : v)) ?? 'null';
      const r = await answer(handler, post(raw, fuzz.chance(0.95) ? 'application/json' : 'text/plain'));
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect(r.status, `request ${k}: ${raw.slice(0, 200)} -> ${JSON.stringify(r.body).slice(0, 300)}`).not.toBe(500);
      expect(r.ms, `request ${k}: ${raw.slice(0, 200)}`).toBeLessThan(1500 + MARGIN_MS);
    }
    expect(statuses.get(422) ?? 0).toBeGreaterThan(20);
  });
});
