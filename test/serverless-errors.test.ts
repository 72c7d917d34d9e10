// The fetch handler on bad input: every class gets a 4xx JSON error naming the field; nothing
// crashes, nothing unbounded runs; random garbage never produces a 500.
import { describe, expect, it } from 'vitest';
import { createHandler, handle, toBase64 } from '../src/serverless/index.js';
import { createSimulation, executeJob, Xoshiro128, seedState } from '../src/index.js';
import { encodeContainer } from '../src/checkpoint.js';

function post(body: string | object, headers: Record<string, string> = { 'content-type': 'application/json' }): Request {
  return new Request('http://localhost/', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function error(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return { status: response.status, ...(await response.json()).error };
}

const run = { job: 'run', options: { size: 8, temperature: 2.3 }, sweeps: 1000 };
const stopped = await executeJob({ kind: 'run', options: { size: 8 }, sweeps: 1000 }, { maxSweeps: 10 });
const runCheckpoint = stopped.state === 'budget-exhausted' ? stopped.checkpoint : new Uint8Array();
const simCheckpoint = (await createSimulation({ size: 8 })).checkpoint();

/** A checkpoint whose header says `patch`, with a valid CRC (so the header checks are reached). */
function patched(bytes: Uint8Array, patch: object, version = 1): string {
  const length = new DataView(bytes.buffer).getUint32(10, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(14, 14 + length)));
  return toBase64(encodeContainer({ ...header, ...patch }, [bytes.subarray(14 + length, bytes.length - 4)], version));
}

describe('serverless handler: bad input', { timeout: 60_000 }, () => {
  it.each([
    ['GET', new Request('http://localhost/'), 405, 'method'],
    ['a text body', post('{}', { 'content-type': 'text/plain' }), 415, 'content-type'],
    ['malformed JSON', post('{"job": "run",'), 400, 'body'],
    ['an empty body', post(''), 400, 'body'],
    ['not UTF-8', new Request('http://localhost/', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0x7d]) }), 400, 'body'],
    ['a JSON array', post([1, 2]), 422, 'body'],
    ['an unknown job', post({ job: 'explode' }), 422, 'job'],
    ['an unknown field', post({ ...run, sweepz: 5 }), 422, 'sweepz'],
    ['an unknown option', post({ ...run, options: { size: 8, colour: 'red' } }), 422, 'options.colour'],
    ['a keepSeries that is not a boolean', post({ ...run, keepSeries: 'yes' }), 422, 'keepSeries'],
    ['correlations too sparse for the run', post({ ...run, correlations: { every: 800 } }), 422, 'correlations.every'],
    ['an odd size', post({ ...run, options: { size: 7 } }), 422, 'options.size'],
    ['a negative temperature', post({ ...run, options: { temperature: -2 } }), 422, 'options.temperature'],
    ['a string sweep count', post({ ...run, sweeps: '1000' }), 422, 'sweeps'],
    ['a negative budget', post({ ...run, budget: { sweeps: -10 } }), 422, 'budget.sweeps'],
    ['a wall-time budget over the bound', post({ ...run, budget: { ms: 10 ** 9 } }), 422, 'budget.ms'],
    ['an unknown budget field', post({ ...run, budget: { hours: 1 } }), 422, 'budget.hours'],
    ['an oversized run', post({ ...run, options: { size: 1024 }, sweeps: 100_000 }), 413, 'sweeps'],
    ['an oversized budget', post({ ...run, options: { size: 1024 }, sweeps: 100_000, budget: { sweeps: 50_000 } }), 413, 'budget.sweeps'],
    ['too many points', post({ job: 'sweep', points: Array.from({ length: 65 }, () => ({ size: 4, temperature: 2 })), sweeps: 10 }), 413, 'points'],
    ['an oversized sweep', post({ job: 'sweep', points: [{ size: 512, temperature: 2 }, { size: 512, temperature: 3 }], sweeps: 3000 }), 413, 'points'],
    ['a bad point', post({ job: 'sweep', points: [{ size: 4, temperature: 2 }, { size: 5, temperature: 2 }], sweeps: 10 }), 422, 'points[1].size'],
    ['a seed in shared sweep options', post({ job: 'sweep', options: { seed: 3 }, points: [{ size: 4, temperature: 2 }], sweeps: 10 }), 422, 'options.seed'],
    ['a checkpoint that is not base64', post({ job: 'resume', checkpoint: 'not base64!' }), 422, 'checkpoint'],
    ['a missing checkpoint', post({ job: 'resume' }), 422, 'checkpoint'],
  ])('%s -> %i naming %s', async (_name, request, status, field) => {
    const e = await error(await handle(request));
    expect(e.status).toBe(status);
    expect(e.field).toBe(field);
    expect(e.message.length).toBeGreaterThan(10);
  });

  it.each([
    ['corrupt', toBase64(runCheckpoint.map((b, i) => (i === runCheckpoint.length - 10 ? b ^ 4 : b))), 'checksum'],
    ['truncated', toBase64(runCheckpoint.slice(0, 30)), 'truncated'],
    ['not a checkpoint', toBase64(new TextEncoder().encode('hello, this is not a checkpoint at all')), 'magic'],
    ['from a newer version', patched(runCheckpoint, {}, 2), 'version'],
    ['from another model', patched(runCheckpoint, { model: 'spin-glass' }), 'model'],
    ['of a simulation, not a run', toBase64(simCheckpoint), 'kind'],
  ])('a %s checkpoint -> 422 with the reason', async (_name, checkpoint, reason) => {
    const e = await error(await handle(post({ job: 'resume', checkpoint, budget: { sweeps: 10 } })));
    expect(e).toMatchObject({ status: 422, code: 'invalid-checkpoint', field: 'checkpoint', reason });
  });

  it('bounds the body size', async () => {
    const small = createHandler({ maxBodyBytes: 100 });
    const e = await error(await small(post({ ...run, options: { size: 8, field: 0.123456789 }, padding: 'x'.repeat(200) })));
    expect(e).toMatchObject({ status: 413, field: 'body' });
  });

  it('never answers random garbage with a 500', async () => {
    const rng = new Xoshiro128(seedState(2024));
    const pick = <T>(xs: T[]): T => xs[rng.next() % xs.length];
    const values = (depth: number): unknown => {
      const kind = rng.next() % (depth > 2 ? 5 : 7);
      if (kind === 0) return pick([null, true, false]);
      if (kind === 1) return pick([0, -1, 1e308, -0.5, 2 ** 53, 3.7, 16, 4]);
      if (kind === 2) return pick(['', 'run', 'sweep', 'resume', 'ising', 'metropolis', '\u0000', 'AAAA']);
      if (kind === 3) return pick([[], {}]);
      if (kind === 4) return pick(['NaN', '-', 'hot']);
      if (kind === 5) return Array.from({ length: rng.next() % 4 }, () => values(depth + 1));
      const keys = ['job', 'options', 'size', 'temperature', 'sweeps', 'thermalize', 'points', 'budget', 'checkpoint', 'seed', 'beta', 'field'];
      return Object.fromEntries(Array.from({ length: rng.next() % 5 }, () => [pick(keys), values(depth + 1)]));
    };
    const handler = createHandler({ maxWork: 1e6, maxMs: 200 });
    for (let i = 0; i < 300; i++) {
      const body = { job: pick(['run', 'sweep', 'resume', 'x']), ...(values(0) as object) };
      const response = await handler(post(body));
      expect(response.status, JSON.stringify(body)).not.toBe(500);
      expect([200, 400, 413, 422]).toContain(response.status);
      await response.json();
    }
  });
});
