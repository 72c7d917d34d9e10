/**
 * A standard fetch handler, `handle(request: Request): Promise<Response>`, for serverless and edge
 * runtimes (and Node 20's built-in Request/Response). It takes one JSON job per POST:
 *
 *   { "job": "run", "options": { "size": 32, "temperature": 2.3 }, "thermalize": 1000, "sweeps": 100000,
 *     "budget": { "sweeps": 20000, "ms": 5000 } }                      budget optional
 *   { "job": "sweep", "options": { "field": 0 }, "points": [{ "size": 16, "temperature": 2.2 }, ...],
 *     "seed": 1, "thermalize": 1000, "sweeps": 10000 }                 at most `maxPoints` points
 *   { "job": "resume", "checkpoint": "<base64>", "budget": { "sweeps": 20000 } }
 *
 * Run and sweep jobs also take "keepSeries", "histograms" and "correlations" as measure() does
 * (typed arrays in the answer become JSON arrays; a resumed run keeps what its checkpoint says).
 *
 * and bounds the work it accepts: sites x sweeps per request (thermalization included) at most
 * `maxWork`, and wall time at most `maxMs` (a run that reaches it stops with a checkpoint). Answers:
 *
 *   200 { "state": "completed", "result": {...}, "progress": {...} }                       run, resume
 *   200 { "state": "budget-exhausted", "checkpoint": "<base64>", "progress": {...} }       run, resume: send
 *       the checkpoint back as a resume job to continue; a partial run never carries a result
 *   200 { "state": "completed" | "incomplete", "points": [{ "job", "state", "result" | "checkpoint" }] }   sweep
 *   4xx { "error": { "status", "code", "field", "message", "expected"?, "reason"? } }
 *       400 malformed JSON; 405 not POST; 413 body or work too large; 415 not JSON;
 *       422 a field with a bad value, an unknown field, or a checkpoint that is corrupt, truncated,
 *       from another model or a newer version ("reason" says which)
 *   500 { "error": { "code": "internal", ... } } only for a bug in criticality.
 */
import { CheckpointError, InvalidOptionError } from '../errors.js';
import { decodeCheckpoint } from '../checkpoint.js';
import { checkCount } from '../options.js';
import { checkObject, rejectUnknownKeys, validateRunJob, type JobProgress, type JobResult, type RunJob } from '../jobs/job.js';
import { planSweep } from '../jobs/plan.js';
import { executeJob, type ExecuteOptions } from '../jobs/runner.js';
import type { CoreSource } from '../backend/index.js';
import type { Measurement } from '../measure.js';
import { fromBase64, toBase64 } from './base64.js';

export interface HandlerOptions {
  /** Most site updates (lattice sites x sweeps, thermalization included) one request may run. @default 1e9 */
  maxWork?: number;
  /** Wall-time budget of one request, ms: runs stop with a checkpoint when it is reached. @default 10000 */
  maxMs?: number;
  /** Most points in one sweep request. @default 64 */
  maxPoints?: number;
  /** Largest request body, bytes. @default 16 MiB */
  maxBodyBytes?: number;
  /** The WebAssembly core (edge runtimes need a precompiled WebAssembly.Module: import criticality/wasm). @default the inlined core */
  core?: CoreSource;
}

export const HANDLER_DEFAULTS = { maxWork: 1e9, maxMs: 10_000, maxPoints: 64, maxBodyBytes: 16 * 2 ** 20 } as const;

/** An answer that is not a 200, with the field it is about. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Typed arrays (series, histograms, correlation data) as plain JSON arrays. */
function plainArrays(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, plainArrays), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

async function readBody(request: Request, max: number): Promise<string> {
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (length > max) throw new HttpError(413, 'body-too-large', 'body', `the request body has ${length} bytes; at most ${max}`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new HttpError(413, 'body-too-large', 'body', `the request body has more than ${max} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'malformed-body', 'body', 'the request body is not UTF-8 text');
  }
}

function tooMuch(field: string, work: number, limit: number, hint: string): HttpError {
  return new HttpError(413, 'work-too-large', field, `this job needs ${work} site updates; one request may run at most ${limit} (${hint})`, { work, maxWork: limit });
}

/** Work and wall-time limits of one invocation, from the request's budget and the handler's bounds. */
function budgetOf(value: unknown, limits: Required<Omit<HandlerOptions, 'core'>>): { sweeps?: number; ms: number } {
  if (value === undefined) return { ms: limits.maxMs };
  const b = checkObject('budget', value, '{ "sweeps": 20000, "ms": 5000 }');
  rejectUnknownKeys(b, ['sweeps', 'ms'], 'budget.');
  const sweeps = b.sweeps === undefined ? undefined : checkCount('budget.sweeps', b.sweeps, 1);
  const ms = b.ms === undefined ? limits.maxMs : checkCount('budget.ms', b.ms, 1);
  if (ms > limits.maxMs) throw new InvalidOptionError('budget.ms', ms, `at most ${limits.maxMs} ms (this handler's wall-time bound)`);
  return { sweeps, ms };
}

function runResponse(r: JobResult) {
  return r.state === 'completed'
    ? { state: r.state, result: r.result, progress: r.progress }
    : { state: r.state, checkpoint: toBase64(r.checkpoint), progress: r.progress };
}

type Limits = Required<Omit<HandlerOptions, 'core'>>;

/** What a run keeps besides the estimates (as for measure()), passed on to the job as given. */
const OUTPUT_KEYS = ['keepSeries', 'histograms', 'correlations'] as const;

function outputOf(body: Record<string, unknown>): Pick<RunJob, (typeof OUTPUT_KEYS)[number]> {
  return Object.fromEntries(OUTPUT_KEYS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

async function runJob(body: Record<string, unknown>, limits: Limits, control: ExecuteOptions) {
  rejectUnknownKeys(body, ['job', 'options', 'thermalize', 'sweeps', 'budget', ...OUTPUT_KEYS]);
  const job = validateRunJob({ kind: 'run', options: body.options, thermalize: body.thermalize, sweeps: body.sweeps, ...outputOf(body) });
  const sites = (job.options.size ?? 64) ** 2;
  const budget = budgetOf(body.budget, limits);
  const total = job.thermalize + job.sweeps;
  const sweeps = Math.min(total, budget.sweeps ?? total);
  if (sites * sweeps > limits.maxWork) {
    throw tooMuch(budget.sweeps === undefined ? 'sweeps' : 'budget.sweeps', sites * sweeps, limits.maxWork, `at most ${Math.floor(limits.maxWork / sites)} sweeps of this lattice: send budget.sweeps and continue with resume jobs`);
  }
  return runResponse(await executeJob(job, { ...control, maxSweeps: sweeps, deadline: Date.now() + budget.ms }));
}

async function resumeJob(body: Record<string, unknown>, limits: Limits, control: ExecuteOptions) {
  rejectUnknownKeys(body, ['job', 'checkpoint', 'budget']);
  const bytes = fromBase64(body.checkpoint, 'checkpoint');
  const { state, run } = decodeCheckpoint(bytes);
  if (!run) throw new CheckpointError('kind', 'a simulation checkpoint; resume needs the checkpoint of a run job (from a budget-exhausted response)');
  const sites = state.size * state.size;
  const budget = budgetOf(body.budget, limits);
  const left = run.thermalize + run.sweeps - run.thermalized - run.measured;
  const sweeps = Math.min(left, budget.sweeps ?? Math.max(1, Math.floor(limits.maxWork / sites)));
  if (sites * sweeps > limits.maxWork) throw tooMuch('budget.sweeps', sites * sweeps, limits.maxWork, `at most ${Math.floor(limits.maxWork / sites)} sweeps of this lattice`);
  return runResponse(await executeJob(bytes, { ...control, maxSweeps: sweeps, deadline: Date.now() + budget.ms }));
}

interface PointOutcome {
  job: RunJob;
  state: JobResult['state'] | 'not-started';
  result?: Measurement;
  checkpoint?: string;
  progress?: JobProgress;
}

async function sweepJob(body: Record<string, unknown>, limits: Limits, control: ExecuteOptions) {
  rejectUnknownKeys(body, ['job', 'options', 'points', 'seed', 'thermalize', 'sweeps', ...OUTPUT_KEYS]);
  if (Array.isArray(body.points) && body.points.length > limits.maxPoints) {
    throw new HttpError(413, 'too-many-points', 'points', `${body.points.length} points; one request may run at most ${limits.maxPoints} (split the sweep with planSweep)`);
  }
  const jobs = planSweep({ points: body.points as never, options: body.options as never, seed: body.seed as never, thermalize: body.thermalize as never, sweeps: body.sweeps as never, ...outputOf(body) });
  const work = jobs.reduce((sum, j) => sum + (j.options.size ?? 64) ** 2 * ((j.thermalize ?? 0) + j.sweeps), 0);
  if (work > limits.maxWork) throw tooMuch('points', work, limits.maxWork, 'split the points over several requests (planSweep)');
  const deadline = Date.now() + limits.maxMs;
  const points: PointOutcome[] = [];
  for (const job of jobs) {
    if (Date.now() >= deadline) {
      points.push({ job, state: 'not-started' });
      continue;
    }
    const r = await executeJob(job, { ...control, deadline });
    points.push({ job, ...runResponse(r) });
  }
  return { state: points.every((p) => p.state === 'completed') ? 'completed' : 'incomplete', points };
}

function errorBody(error: HttpError) {
  return json(error.status, { error: { status: error.status, code: error.code, field: error.field, message: error.message, ...error.extra } }, error.status === 405 ? { allow: 'POST' } : {});
}

/** Turns our typed errors into 4xx answers naming the field; anything else is a bug (500). */
function classify(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidOptionError) {
    return new HttpError(422, 'invalid-field', error.option, error.message, { expected: error.expected });
  }
  if (error instanceof CheckpointError) {
    return new HttpError(422, 'invalid-checkpoint', 'checkpoint', error.message, { reason: error.reason });
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new HttpError(500, 'internal', '', `internal error (a bug in criticality; please report it): ${message}`);
}

/** A fetch handler with the given bounds (see the module comment for the protocol). */
export function createHandler(options: HandlerOptions = {}): (request: Request) => Promise<Response> {
  const limits: Limits = {
    maxWork: options.maxWork ?? HANDLER_DEFAULTS.maxWork,
    maxMs: options.maxMs ?? HANDLER_DEFAULTS.maxMs,
    maxPoints: options.maxPoints ?? HANDLER_DEFAULTS.maxPoints,
    maxBodyBytes: options.maxBodyBytes ?? HANDLER_DEFAULTS.maxBodyBytes,
  };
  const control: ExecuteOptions = { core: options.core, backend: 'auto', progressEveryMs: Infinity };
  return async (request: Request): Promise<Response> => {
    try {
      if (request.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'method', `${request.method} is not allowed; POST a JSON job`);
      const type = request.headers.get('content-type');
      if (type && !/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'content-type', `content-type ${type}; send application/json`);
      const text = await readBody(request, limits.maxBodyBytes);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new HttpError(400, 'malformed-json', 'body', `the body is not valid JSON (${(error as Error).message})`);
      }
      const job = checkObject('body', body, '{ "job": "run", "options": { "size": 16 }, "sweeps": 10000 }');
      switch (job.job) {
        case 'run':
          return json(200, await runJob(job, limits, control));
        case 'resume':
          return json(200, await resumeJob(job, limits, control));
        case 'sweep':
          return json(200, await sweepJob(job, limits, control));
        default:
          throw new InvalidOptionError('job', job.job, 'one of "run", "sweep", "resume"');
      }
    } catch (error) {
      return errorBody(classify(error));
    }
  };
}

/** The fetch handler with the default bounds. */
export const handle: (request: Request) => Promise<Response> = createHandler();
