// The handler as an edge function sees it: its options are checked when it is created (unknown or
// mistyped keys throw), CORS and OPTIONS preflight follow `cors`, every answer names the engine
// that ran and 'wasm' never falls back silently, and maxMs bounds a request even when one step of
// the lattice is long: such a job is refused before it starts (issue 15, problems 4 and 6).
import { describe, expect, it } from 'vitest';
import { createHandler } from '../src/serverless/index.js';
import { InvalidOptionError } from '../src/index.js';

const BROKEN_CORE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255]);

function post(body: object, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const small = { job: 'run', options: { size: 8, seed: 3 }, sweeps: 200 };

describe('createHandler options', () => {
  it.each([
    [{ maxwork: 10 }, 'maxwork'],
    [{ maxMs: '5' }, 'maxMs'],
    [{ maxMs: 0 }, 'maxMs'],
    [{ maxWork: 1.5 }, 'maxWork'],
    [{ maxPoints: -1 }, 'maxPoints'],
    [{ backend: 'gpu' }, 'backend'],
    [{ core: 42 }, 'core'],
    [{ cors: { origin: '*' } }, 'origin'],
    [{ cors: { origins: 'https://a.example' } }, 'cors.origins'],
    [{ cors: { origins: ['https://a.example/path'] } }, 'cors.origins'],
    [{ cors: true }, 'cors'],
  ])('%j throws an InvalidOptionError naming %s', (options, option) => {
    const error = (() => {
      try {
        createHandler(options as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});

describe('CORS', () => {
  it('answers a preflight and marks answers for any origin by default', async () => {
    const handler = createHandler();
    const preflight = await handler(new Request('http://localhost/', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }));
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '86400',
    });
    const answer = await handler(post(small, { origin: 'https://app.example' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-criticality-engine');
    // errors carry the headers too, so that a page can read them
    const bad = await handler(post({ ...small, sweeps: -1 }, { origin: 'https://app.example' }));
    expect(bad.status).toBe(422);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('echoes an allowed origin and refuses others', async () => {
    const handler = createHandler({ cors: { origins: ['https://app.example'], maxAge: 60 } });
    const ok = await handler(post(small, { origin: 'https://app.example' }));
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(ok.headers.get('vary')).toBe('origin');
    const other = await handler(post(small, { origin: 'https://evil.example' }));
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await other.json()).error).toMatchObject({ code: 'origin-not-allowed', field: 'origin' });
    // server-to-server calls (no Origin) are not CORS and pass
    expect((await handler(post(small))).status).toBe(200);
  });

  it('cors: false sends no CORS headers; OPTIONS still says what is allowed', async () => {
    const handler = createHandler({ cors: false });
    const answer = await handler(post(small, { origin: 'https://app.example' }));
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const options = await handler(new Request('http://localhost/', { method: 'OPTIONS' }));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('the engine that ran', () => {
  it('is in every answer: WebAssembly by default, JavaScript on request', async () => {
    const wasm = await createHandler()(post(small));
    expect(wasm.headers.get('x-criticality-engine')).toMatch(/^wasm-(simd|scalar)$/);
    expect((await wasm.json()).engine).toBe(wasm.headers.get('x-criticality-engine'));
    const js = await createHandler({ backend: 'js' })(post(small));
    expect(js.headers.get('x-criticality-engine')).toBe('js');
    const asked = await createHandler()(post({ ...small, options: { ...small.options, backend: 'js' } }));
    expect((await asked.json()).engine).toBe('js');
  });

  it("'auto' says when it fell back; 'wasm' refuses with 503 and what to do", async () => {
    const auto = await createHandler({ core: BROKEN_CORE })(post(small));
    expect(auto.status).toBe(200);
    const body = await auto.json();
    expect(body).toMatchObject({ state: 'completed', engine: 'js', fallbackReason: expect.stringMatching(/WebAssembly core unavailable/) });
    const refused = await createHandler({ core: BROKEN_CORE, backend: 'wasm' })(post(small));
    expect(refused.status).toBe(503);
    expect((await refused.json()).error).toMatchObject({ code: 'backend-unavailable', field: 'backend', message: expect.stringMatching(/criticality\/wasm/) });
    const perJob = await createHandler({ core: BROKEN_CORE })(post({ ...small, options: { ...small.options, backend: 'wasm' } }));
    expect(perJob.status).toBe(503);
    expect((await perJob.json()).error).toMatchObject({ code: 'backend-unavailable', field: 'options.backend' });
  });
});

describe('maxMs within one step', { timeout: 60_000 }, () => {
  it('refuses, before starting, a lattice whose first step cannot fit', async () => {
    const t0 = Date.now();
    const answer = await createHandler({ maxMs: 10_000, maxWork: 1e13 })(post({ job: 'run', options: { size: 16384 }, sweeps: 2 }));
    expect(Date.now() - t0).toBeLessThan(5000); // a calibration on 512 x 512, never the 16384 x 16384 lattice
    expect(answer.status).toBe(413);
    const { error } = await answer.json();
    expect(error).toMatchObject({ code: 'step-too-long', field: 'options.size', maxMs: 10_000 });
    expect(error.estimatedMs).toBeGreaterThan(10_000);
    expect(error.message).toMatch(/smaller lattice|larger maxMs/);
  });

  it('counts every sweep of a hybrid step and every cluster of a Wolff step, also on a small lattice', async () => {
    const handler = createHandler({ maxMs: 1000, maxWork: 1e15 });
    const hybrid = await handler(post({ job: 'run', options: { size: 128, algorithm: 'hybrid', hybridSweeps: 1_000_000 }, sweeps: 2 }));
    expect(hybrid.status).toBe(413);
    expect((await hybrid.json()).error).toMatchObject({ code: 'step-too-long', field: 'options.size' });
    const wolff = await handler(post({ job: 'run', options: { size: 1024, algorithm: 'wolff', clustersPerStep: 100_000 }, sweeps: 2 }));
    expect(wolff.status).toBe(413);
  });

  it('a sweep names the point that can never fit', async () => {
    const answer = await createHandler({ maxMs: 1000, maxWork: 1e13 })(post({ job: 'sweep', points: [{ size: 8, temperature: 2 }, { size: 16384, temperature: 2 }], sweeps: 100 }));
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toMatchObject({ code: 'step-too-long', field: 'points[1].size' });
  });

  it('a long run of a large lattice stops with a checkpoint within the bound', async () => {
    const maxMs = 1500;
    const t0 = Date.now();
    const answer = await createHandler({ maxMs, maxWork: 1e13 })(post({ job: 'run', options: { size: 2048 }, sweeps: 1_000_000 }));
    const elapsed = Date.now() - t0;
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.state).toBe('budget-exhausted');
    expect(typeof body.checkpoint).toBe('string');
    expect(elapsed).toBeLessThan(maxMs * 1.5);
  });
});
