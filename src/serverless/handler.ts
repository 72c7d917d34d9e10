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
 * It bounds the work it accepts: sites x sweeps per request (thermalization included) at most
 * `maxWork`, and wall time at most `maxMs`: a job whose first step (creating the lattice, one step,
 * a checkpoint) cannot fit is refused before it starts, and a run that reaches the bound stops
 * with a checkpoint. Every answer says which engine ran (body "engine", header x-criticality-engine,
 * and "fallbackReason" when 'auto' runs on JavaScript); CORS headers follow `cors`. Answers:
 *
 *   200 { "state": "completed", "result": {...}, "progress": {...}, "engine" }             run, resume
 *   200 { "state": "budget-exhausted", "checkpoint": "<base64>", "progress": {...}, "engine" }   run, resume:
 *       send the checkpoint back as a resume job to continue; a partial run never carries a result
 *   200 { "state": "completed" | "incomplete", "points": [{ "job", "state", "result" | "checkpoint" }], "engine" }   sweep
 *   204 an OPTIONS request (CORS preflight)
 *   4xx { "error": { "status", "code", "field", "message", "expected"?, "reason"? } }
 *       400 malformed JSON; 403 an origin that `cors` does not allow; 405 not POST or OPTIONS;
 *       413 body or work too large, or a step longer than `maxMs`; 415 not JSON;
 *       422 a field with a bad value, an unknown field, or a checkpoint that is corrupt, truncated,
 *       from another model or a newer version ("reason" says which)
 *   503 { "error": { "code": "backend-unavailable", ... } } the WebAssembly backend was asked for and
 *       cannot run here (never a silent fallback)
 *   500 { "error": { "code": "internal", ... } } only for a bug in criticality.
 */
import { checkObject, checkOptions, rejectUnknownKeys } from '../validate.js';
import { BackendUnavailableError, CheckpointError, InvalidOptionError } from '../errors.js';
import { decodeCheckpoint } from '../checkpoint.js';
import { geometryOf, shapeOf, sitesOfOptions } from '../lattice.js';
import { BACKENDS, checkCount, oneOf, type BackendChoice, type SimulationOptions } from '../options.js';
import { validateRunJob, type JobProgress, type JobResult, type RunJob } from '../jobs/job.js';
import { planSweep } from '../jobs/plan.js';
import { executeJob, type ExecuteOptions } from '../jobs/runner.js';
import type { EngineName } from '../backend/index.js';
import { isCoreSource, type CoreSource } from '../backend/loader.js';
import type { Measurement } from '../measure.js';
import { fromBase64, toBase64 } from './base64.js';
import { chooseEngine, type EngineChoice } from './engine.js';
import { firstStepMs } from './step-cost.js';

/** Cross-origin requests (CORS): which origins may call the handler from a browser. */
export interface CorsOptions {
  /** '*' (any origin) or a list of origins such as 'https://app.example'. @default '*' */
  origins?: '*' | readonly string[];
  /** How long a browser may cache a preflight answer, seconds. @default 86400 */
  maxAge?: number;
}

export interface HandlerOptions {
  /** Most site updates (lattice sites x sweeps, thermalization included) one request may run. @default 1e9 */
  maxWork?: number;
  /**
   * Wall-time bound of one request, ms: a job whose first step (with creating the lattice and
   * saving a checkpoint) is estimated to take longer is refused before it starts (413
   * `step-too-long`); runs stop with a checkpoint before the bound. @default 10000
   */
  maxMs?: number;
  /** Most points in one sweep request. @default 64 */
  maxPoints?: number;
  /**
   * Most recorded steps of one run (a run job, a resumed run, every point of a sweep): this bounds
   * the memory of its records and series and the time of its analysis, which the deadline of the
   * request that completes the run keeps free (ANALYSIS_MS_PER_SAMPLE a step). @default 1048576 (2^20)
   */
  maxSamples?: number;
  /** Largest request body, bytes. @default 16 MiB */
  maxBodyBytes?: number;
  /**
   * The WebAssembly core: bytes, a URL, a Response or a compiled WebAssembly.Module. Edge runtimes
   * that refuse to compile bytes need the Module: `import core from 'criticality/wasm'`.
   * @default the shipped core (see loadCore)
   */
  core?: CoreSource;
  /**
   * Backend of jobs whose options do not name one. 'wasm' answers 503 where the core cannot run
   * (never a silent fallback); 'auto' falls back to JavaScript and says so in every answer. @default 'auto'
   */
  backend?: BackendChoice;
  /** CORS headers and preflight answers; false: none (OPTIONS is still answered). @default { origins: '*' } */
  cors?: CorsOptions | false;
}

/**
 * Wall time the analysis of one recorded step may take, ms (measured: about 2 us a step at 2^20 steps
 * on a loaded core; with a margin). The deadline of a run keeps this much free for its analysis.
 */
export const ANALYSIS_MS_PER_SAMPLE = 0.005;

export const HANDLER_DEFAULTS = {
  maxWork: 1e9,
  maxMs: 10_000,
  maxPoints: 64,
  maxSamples: 2 ** 20,
  maxBodyBytes: 16 * 2 ** 20,
  backend: 'auto',
  cors: { origins: '*', maxAge: 86_400 },
} as const;

const HANDLER_KEYS = ['maxWork', 'maxMs', 'maxPoints', 'maxSamples', 'maxBodyBytes', 'core', 'backend', 'cors'];

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
  return new Response(JSON.stringify(body, plainArrays), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
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
  return new HttpError(413, 'work-too-large', field, `this job needs ${work} site updates; one request may run at most ${limit} (${hint})`, {
    work,
    maxWork: limit,
  });
}

/** Work and wall-time limits of one invocation, from the request's budget and the handler's bounds. */
function budgetOf(value: unknown, limits: Limits): { sweeps?: number; ms: number } {
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

interface Limits {
  maxWork: number;
  maxMs: number;
  maxPoints: number;
  maxSamples: number;
  maxBodyBytes: number;
}

/** What one request runs with: its bounds, the handler's core and backend, and when it started. */
interface Context {
  limits: Limits;
  core: CoreSource | undefined;
  backend: BackendChoice;
  started: number;
  /** The engine of the request, once chosen (for the answer). */
  engine?: EngineChoice;
}

/** The engine for a job's options (the job's backend, else the handler's), remembered for the answer. */
async function engineFor(ctx: Context, options: { backend?: BackendChoice }, field: string): Promise<EngineChoice> {
  const backend = options.backend ?? ctx.backend;
  try {
    ctx.engine = await chooseEngine(backend, ctx.core);
  } catch (error) {
    if (error instanceof BackendUnavailableError) throw new HttpError(503, 'backend-unavailable', options.backend ? field : 'backend', error.message);
    throw error;
  }
  return ctx.engine;
}

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.ceil(ms)} ms`;
}

/**
 * Refuses, before any work, a job whose first step cannot finish within `budgetMs` here; returns
 * the deadline for the runner (leaving room for the checkpoint of a stopped run).
 */
async function deadlineFor(
  ctx: Context,
  options: SimulationOptions,
  engine: EngineChoice,
  budgetMs: number,
  field: string,
  startAt = ctx.started,
): Promise<number> {
  const { ms, checkpointMs } = await firstStepMs(options, engine);
  const left = startAt + budgetMs - Date.now();
  if (ms > left) {
    const geometry = geometryOf(options.lattice);
    throw new HttpError(
      413,
      'step-too-long',
      field,
      `one step of this ${shapeOf(geometry, options.size ?? geometry.defaultSize)} lattice (${options.algorithm ?? 'metropolis'}, ` +
        `${engine.engine}) needs about ${formatMs(ms)} here, with creating the lattice and saving its checkpoint; this request may take ` +
        `${formatMs(left)} (maxMs ${ctx.limits.maxMs}): use a smaller lattice, or a handler with a larger maxMs`,
      { estimatedMs: Math.ceil(ms), maxMs: ctx.limits.maxMs },
    );
  }
  return startAt + budgetMs - checkpointMs;
}

/** Refuses a run of more recorded steps than `maxSamples`; returns the time its analysis needs, ms. */
function analysisReserve(samples: number, limits: Limits, field: string): number {
  // a run whose analysis alone cannot fit in half a request could never complete here
  const most = Math.min(limits.maxSamples, Math.floor(limits.maxMs / 2 / ANALYSIS_MS_PER_SAMPLE));
  if (samples > most) {
    throw new HttpError(
      413,
      'too-many-samples',
      field,
      `${samples} recorded steps; one run here may record at most ${most} (its records, series and analysis are bounded by maxSamples ` +
        `${limits.maxSamples} and by maxMs ${limits.maxMs}): split it into several runs and merge them, or use a handler with larger bounds`,
      { samples, maxSamples: most },
    );
  }
  return samples * ANALYSIS_MS_PER_SAMPLE;
}

/** What a run keeps besides the estimates (as for measure()), passed on to the job as given. */
const OUTPUT_KEYS = ['keepSeries', 'histograms', 'correlations'] as const;

function outputOf(body: Record<string, unknown>): Pick<RunJob, (typeof OUTPUT_KEYS)[number]> {
  return Object.fromEntries(OUTPUT_KEYS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

async function runJob(body: Record<string, unknown>, ctx: Context, control: ExecuteOptions) {
  const { limits } = ctx;
  rejectUnknownKeys(body, ['job', 'options', 'thermalize', 'sweeps', 'budget', ...OUTPUT_KEYS]);
  const job = validateRunJob({ kind: 'run', options: body.options, thermalize: body.thermalize, sweeps: body.sweeps, ...outputOf(body) });
  const sites = sitesOfOptions(job.options);
  const budget = budgetOf(body.budget, limits);
  const total = job.thermalize + job.sweeps;
  const sweeps = Math.min(total, budget.sweeps ?? total);
  if (sites * sweeps > limits.maxWork) {
    throw tooMuch(
      budget.sweeps === undefined ? 'sweeps' : 'budget.sweeps',
      sites * sweeps,
      limits.maxWork,
      `at most ${Math.floor(limits.maxWork / sites)} sweeps of this lattice: send budget.sweeps and continue with resume jobs`,
    );
  }
  const reserve = analysisReserve(job.sweeps, limits, 'sweeps');
  const engine = await engineFor(ctx, job.options, 'options.backend');
  const deadline = await deadlineFor(ctx, job.options, engine, budget.ms, 'options.size');
  const pinned = { ...job, options: { ...job.options, backend: engine.backend } };
  return runResponse(await executeJob(pinned, { ...control, core: engine.core, maxSweeps: sweeps, deadline, completionReserveMs: reserve }));
}

async function resumeJob(body: Record<string, unknown>, ctx: Context, control: ExecuteOptions) {
  const { limits } = ctx;
  rejectUnknownKeys(body, ['job', 'checkpoint', 'budget']);
  const bytes = fromBase64(body.checkpoint, 'checkpoint');
  const { state, run } = decodeCheckpoint(bytes);
  if (!run) throw new CheckpointError('kind', 'a simulation checkpoint; resume needs the checkpoint of a run job (from a budget-exhausted response)');
  const sites = sitesOfOptions(state);
  const budget = budgetOf(body.budget, limits);
  const left = run.thermalize + run.sweeps - run.thermalized - run.measured;
  const sweeps = Math.min(left, budget.sweeps ?? Math.max(1, Math.floor(limits.maxWork / sites)));
  if (sites * sweeps > limits.maxWork)
    throw tooMuch('budget.sweeps', sites * sweeps, limits.maxWork, `at most ${Math.floor(limits.maxWork / sites)} sweeps of this lattice`);
  const reserve = analysisReserve(run.sweeps, limits, 'checkpoint');
  const engine = await engineFor(ctx, {}, 'backend');
  const options: SimulationOptions = {
    model: state.model,
    ...(state.q === undefined ? {} : { q: state.q }),
    ...(state.lattice === 'square' ? {} : { lattice: state.lattice }),
    size: state.size,
    algorithm: state.algorithm,
    temperature: state.temperature,
    field: state.field,
    layout: state.layout,
    ...clusterSettings(state),
  };
  const deadline = await deadlineFor(ctx, options, engine, budget.ms, 'checkpoint');
  return runResponse(
    await executeJob(bytes, { ...control, backend: engine.backend, core: engine.core, maxSweeps: sweeps, deadline, completionReserveMs: reserve }),
  );
}

/** The cluster settings a checkpoint's algorithm takes (others would be refused as not applying). */
function clusterSettings(s: { algorithm: string; clustersPerStep: number; hybridSweeps: number; hybridCluster: 'wolff' | 'swendsen-wang' }): SimulationOptions {
  if (s.algorithm === 'wolff') return { clustersPerStep: s.clustersPerStep };
  if (s.algorithm !== 'hybrid') return {};
  return { hybridSweeps: s.hybridSweeps, hybridCluster: s.hybridCluster, ...(s.hybridCluster === 'wolff' ? { clustersPerStep: s.clustersPerStep } : {}) };
}

interface PointOutcome {
  job: RunJob;
  state: JobResult['state'] | 'not-started';
  result?: Measurement;
  checkpoint?: string;
  progress?: JobProgress;
}

async function sweepJob(body: Record<string, unknown>, ctx: Context, control: ExecuteOptions) {
  const { limits } = ctx;
  rejectUnknownKeys(body, ['job', 'options', 'points', 'seed', 'thermalize', 'sweeps', ...OUTPUT_KEYS]);
  if (Array.isArray(body.points) && body.points.length > limits.maxPoints) {
    throw new HttpError(
      413,
      'too-many-points',
      'points',
      `${body.points.length} points; one request may run at most ${limits.maxPoints} (split the sweep with planSweep)`,
    );
  }
  const jobs = planSweep({
    points: body.points as never,
    options: body.options as never,
    seed: body.seed as never,
    thermalize: body.thermalize as never,
    sweeps: body.sweeps as never,
    ...outputOf(body),
  });
  const work = jobs.reduce((sum, j) => sum + sitesOfOptions(j.options) * ((j.thermalize ?? 0) + j.sweeps), 0);
  if (work > limits.maxWork) throw tooMuch('points', work, limits.maxWork, 'split the points over several requests (planSweep)');
  const engine = await engineFor(ctx, (body.options ?? {}) as { backend?: BackendChoice }, 'options.backend');
  // every point must fit in a request of its own; a point that does not fit in what is left waits
  for (const [i, job] of jobs.entries()) {
    analysisReserve(job.sweeps, limits, `points[${i}].sweeps`);
    await deadlineFor(ctx, job.options, engine, limits.maxMs, `points[${i}].size`, Date.now());
  }
  let end = ctx.started + limits.maxMs;
  const points: PointOutcome[] = [];
  for (const job of jobs) {
    const deadline = Date.now() < end ? await deadlineFor(ctx, job.options, engine, limits.maxMs, 'points', ctx.started).catch(notStarted) : undefined;
    if (deadline === undefined) {
      points.push({ job, state: 'not-started' });
      continue;
    }
    const r = await executeJob(
      { ...job, options: { ...job.options, backend: engine.backend } },
      { ...control, core: engine.core, deadline, completionReserveMs: job.sweeps * ANALYSIS_MS_PER_SAMPLE },
    );
    points.push({ job, ...runResponse(r) });
    if (r.state === 'budget-exhausted') end = Date.now(); // out of time: the points after it wait
  }
  return { state: points.every((p) => p.state === 'completed') ? 'completed' : 'incomplete', points };
}

/** A point whose first step no longer fits in what is left of the request waits for another one. */
function notStarted(error: unknown): undefined {
  if (error instanceof HttpError && error.code === 'step-too-long') return undefined;
  throw error;
}

function errorBody(error: HttpError, headers: Record<string, string>) {
  return json(
    error.status,
    { error: { status: error.status, code: error.code, field: error.field, message: error.message, ...error.extra } },
    { ...headers, ...(error.status === 405 ? { allow: 'POST, OPTIONS' } : {}) },
  );
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
  if (error instanceof BackendUnavailableError) return new HttpError(503, 'backend-unavailable', 'backend', error.message);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new HttpError(500, 'internal', '', `internal error (a bug in criticality; please report it): ${message}`);
}

/** The handler's options, checked once: unknown keys and bad values throw InvalidOptionError here, not in every request. */
function checkHandlerOptions(value: unknown): { limits: Limits; core: CoreSource | undefined; backend: BackendChoice; cors: Required<CorsOptions> | false } {
  const o = checkOptions('options', value, HANDLER_KEYS) as HandlerOptions;
  const limits: Limits = {
    maxWork: positive('maxWork', o.maxWork ?? HANDLER_DEFAULTS.maxWork),
    maxMs: positive('maxMs', o.maxMs ?? HANDLER_DEFAULTS.maxMs),
    maxPoints: checkCount('maxPoints', o.maxPoints ?? HANDLER_DEFAULTS.maxPoints, 1),
    maxSamples: checkCount('maxSamples', o.maxSamples ?? HANDLER_DEFAULTS.maxSamples, 2),
    maxBodyBytes: checkCount('maxBodyBytes', o.maxBodyBytes ?? HANDLER_DEFAULTS.maxBodyBytes, 1),
  };
  const backend = oneOf('backend', o.backend ?? HANDLER_DEFAULTS.backend, BACKENDS);
  if (o.core !== undefined && !isCoreSource(o.core)) throw new InvalidOptionError('core', o.core, 'bytes, a URL, a Response or a WebAssembly.Module');
  return { limits, core: o.core, backend, cors: checkCors(o.cors) };
}

function positive(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InvalidOptionError(option, value, 'an integer >= 1');
  return value;
}

function checkCors(value: unknown): Required<CorsOptions> | false {
  if (value === false) return false;
  const c = checkOptions('cors', value, ['origins', 'maxAge']) as CorsOptions;
  const origins = c.origins ?? HANDLER_DEFAULTS.cors.origins;
  if (origins !== '*' && !(Array.isArray(origins) && origins.every((x) => typeof x === 'string' && /^https?:\/\/[^/\s]+$/.test(x)))) {
    throw new InvalidOptionError('cors.origins', origins, `'*' or a list of origins such as ['https://app.example'] (scheme and host, no path)`);
  }
  return { origins, maxAge: checkCount('cors.maxAge', c.maxAge ?? HANDLER_DEFAULTS.cors.maxAge, 0) };
}

/** CORS headers for a request from `origin` (none for a same-origin or non-browser request). */
function corsHeaders(cors: Required<CorsOptions> | false, origin: string | null): Record<string, string> | 'forbidden' {
  if (!cors || origin === null) return {};
  if (cors.origins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': ENGINE_HEADER };
  if (!cors.origins.includes(origin)) return 'forbidden';
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': ENGINE_HEADER, vary: 'origin' };
}

const ENGINE_HEADER = 'x-criticality-engine';

/** Answers an OPTIONS request: a CORS preflight, or which methods exist. */
function preflight(request: Request, headers: Record<string, string>, cors: Required<CorsOptions> | false): Response {
  const base = { allow: 'POST, OPTIONS', ...headers };
  if (!cors || !request.headers.get('origin') || !request.headers.get('access-control-request-method'))
    return new Response(null, { status: 204, headers: base });
  return new Response(null, {
    status: 204,
    headers: {
      ...base,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'content-type',
      'access-control-max-age': String(cors.maxAge),
    },
  });
}

/**
 * A fetch handler with the given bounds (see the module comment for the protocol). Throws
 * InvalidOptionError for an unknown option or a bad value.
 */
export function createHandler(options: HandlerOptions = {}): (request: Request) => Promise<Response> {
  const { limits, core, backend, cors } = checkHandlerOptions(options);
  const control: ExecuteOptions = { progressEveryMs: Infinity };
  return async (request: Request): Promise<Response> => {
    const ctx: Context = { limits, core, backend, started: Date.now() };
    const allowed = corsHeaders(cors, request.headers.get('origin'));
    const headers = allowed === 'forbidden' ? {} : allowed;
    try {
      if (allowed === 'forbidden')
        throw new HttpError(403, 'origin-not-allowed', 'origin', `requests from ${request.headers.get('origin')} are not allowed (cors.origins)`);
      if (request.method === 'OPTIONS') return preflight(request, headers, cors);
      if (request.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'method', `${request.method} is not allowed; POST a JSON job`);
      const type = request.headers.get('content-type');
      if (type && !/^application\/json\s*(;|$)/i.test(type))
        throw new HttpError(415, 'unsupported-media-type', 'content-type', `content-type ${type}; send application/json`);
      const text = await readBody(request, limits.maxBodyBytes);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new HttpError(400, 'malformed-json', 'body', `the body is not valid JSON (${(error as Error).message})`);
      }
      const job = checkObject('body', body, '{ "job": "run", "options": { "size": 16 }, "sweeps": 10000 }');
      let answer: object;
      switch (job.job) {
        case 'run':
          answer = await runJob(job, ctx, control);
          break;
        case 'resume':
          answer = await resumeJob(job, ctx, control);
          break;
        case 'sweep':
          answer = await sweepJob(job, ctx, control);
          break;
        default:
          throw new InvalidOptionError('job', job.job, 'one of "run", "sweep", "resume"');
      }
      const engine = ctx.engine!;
      const said: { engine: EngineName; fallbackReason?: string } = {
        engine: engine.engine,
        ...(engine.fallbackReason ? { fallbackReason: engine.fallbackReason } : {}),
      };
      return json(200, { ...answer, ...said }, { ...headers, [ENGINE_HEADER]: engine.engine });
    } catch (error) {
      return errorBody(classify(error), headers);
    }
  };
}

/** The fetch handler with the default bounds. */
export const handle: (request: Request) => Promise<Response> = createHandler();
