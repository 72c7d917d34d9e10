/**
 * The worker entry: one optional simulation (the mirror of the Simulation API used by
 * createSimulationWorker) plus stateless jobs (run, tempering rounds) used by the pool.
 * Long calls run in chunks through the job runner and yield to the event loop between chunks,
 * so abort and pause messages arrive within a chunk (about 15 ms).
 *
 * The caller imports only the type {@link SimulationWorkerApi}.
 */
import * as Comlink from 'comlink';
import { parentPort } from '#platform';
import { AbortedError, InvalidOptionError } from '../errors.js';
import { continueRun, executeJob, runChunks, type ExecuteOptions } from '../jobs/runner.js';
import type { JobOptions, JobProgress, JobResult, RunJob } from '../jobs/job.js';
import type { Measurement } from '../measure.js';
import type { Algorithm, BackendChoice, Model, NormalizedOptions, UpdateSettings } from '../options.js';
import { checkCount } from '../validate.js';
import { createSimulation, type MeasureOptions, type Simulation, type Snapshot, type SweepResult } from '../simulation.js';
import { setDefaultCore, type BackendName, type EngineName } from '../backend/index.js';
import type { RecordType, SpinArray } from '../models/index.js';
import { packSpins } from '../spin-bits.js';
import { temperingRound, type TemperingTask, type TemperingTaskResult } from './tempering-task.js';
import { checkSweepFor, TimedSweeps, type SweepForOptions, type TimedSweepResult } from './timed-sweep.js';
import { registerTransferHandlers } from './transfer.js';

/** The read-only properties of a Simulation, in one message. */
export interface SimulationInfo {
  options: NormalizedOptions;
  backend: BackendName;
  fallbackReason: string | undefined;
  sites: number;
  recordWidth: number;
  recordType: RecordType;
  sweeps: number;
  flips: number;
  sweepEquivalents: number;
  engine: EngineName;
  layout: 'packed' | 'byte';
}

/** Limits of a job run in a worker (the serialisable part of ExecuteOptions). */
export interface WorkerRunLimits {
  /** The caller's signal was already aborted when it made the call: stop before any work. */
  aborted?: boolean;
  maxSweeps?: number;
  deadline?: number;
  chunkMs?: number;
  progressEveryMs?: number;
  checkpointEveryMs?: number;
  backend?: BackendChoice;
}

type Callback<T> = ((value: T) => void) | undefined;

/**
 * TEST HOOK, not for applications: where an armed worker crashes (see crashForTesting), so that
 * fault tests hit a point of the work rather than a moment in time.
 */
export interface CrashPlan {
  /** Crash in a job run once it has done this many sweeps and sent at least one checkpoint. */
  afterSweeps?: number;
  /** Crash at the start of this worker's n-th tempering round call (1 = the next one). */
  atTemperingRound?: number;
}

let crashPlan: CrashPlan | undefined;

function crashNow(code: number): void {
  if (typeof process === 'object' && typeof process.exit === 'function') process.exit(code);
  (globalThis as unknown as { close(): void }).close();
}

let sim: Simulation<Model> | undefined;
/** Abort and pause flags of the calls in progress, by the caller's call id. */
const calls = new Map<number, { abort: AbortController; pause: boolean }>();

function current(): Simulation {
  if (!sim) throw new InvalidOptionError('simulation', 'none', 'create() first (createSimulationWorker does this)');
  return sim;
}

function info(): SimulationInfo {
  const s = current();
  return {
    options: s.options,
    backend: s.backend,
    fallbackReason: s.fallbackReason,
    sites: s.sites,
    recordWidth: s.recordWidth,
    recordType: s.recordType,
    sweeps: s.sweeps,
    flips: s.flips,
    sweepEquivalents: s.sweepEquivalents,
    engine: s.engine,
    layout: s.layout,
  };
}

/** Calls a proxied callback without waiting for it (a closed caller must not stop the work). */
function notify<T>(callback: Callback<T>, value: T): void {
  if (callback) void Promise.resolve(callback(value)).catch(() => {});
}

async function tracked<T>(
  callId: number,
  work: (control: ExecuteOptions) => Promise<T>,
  onProgress?: Callback<JobProgress>,
  onCheckpoint?: Callback<Uint8Array>,
  limits: WorkerRunLimits = {},
): Promise<T> {
  const entry = { abort: new AbortController(), pause: false };
  calls.set(callId, entry);
  const { aborted, ...rest } = limits;
  if (aborted) entry.abort.abort();
  // an armed crash (test hook) is checked at every chunk, once a checkpoint has gone out
  const crashAt = crashPlan?.afterSweeps;
  let checkpointed = false;
  const progressed =
    crashAt === undefined
      ? onProgress && ((p: JobProgress) => notify(onProgress, p))
      : (p: JobProgress) => {
          if (checkpointed && p.sweepsDone >= crashAt) crashNow(3);
          notify(onProgress, p);
        };
  try {
    return await work({
      ...rest,
      ...(crashAt === undefined ? {} : { progressEveryMs: 1e-6 }), // every chunk
      signal: entry.abort.signal,
      shouldPause: () => entry.pause,
      onProgress: progressed,
      onCheckpoint:
        onCheckpoint &&
        ((bytes) => {
          checkpointed = true;
          notify(onCheckpoint, Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]));
        }),
    });
  } finally {
    calls.delete(callId);
    for (const callback of [onProgress, onCheckpoint]) (callback as unknown as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
  }
}

/** Plain sweeps in chunks, so that a long sweep(n) can be aborted. */
function transferResult(result: JobResult): JobResult {
  return result.state === 'completed' ? result : Comlink.transfer(result, [result.checkpoint.buffer as ArrayBuffer]);
}

const api = {
  /** The core the page compiled: every simulation of this worker runs it (no second download or compilation). */
  useCore(module: WebAssembly.Module): void {
    setDefaultCore(module);
  },
  /** Creates the worker's simulation (replacing any previous one). */
  async create(options: JobOptions): Promise<SimulationInfo> {
    const next = await createSimulation(options);
    sim?.dispose();
    sim = next;
    return info();
  },
  info,
  async sweep(n: number, callId: number, onProgress?: Callback<JobProgress>, aborted = false): Promise<SweepResult> {
    const s = current();
    checkCount('n', n ?? 1, 0);
    const work = new TimedSweeps(s, n ?? 1, false);
    const { state } = await tracked(callId, (control) => runChunks(work, control), onProgress, undefined, { aborted });
    if (state !== 'completed') throw new AbortedError(`sweep(${n}) ${state} after ${work.done} sweeps`, s.checkpoint());
    return { sweeps: work.total, flips: work.flips, acceptance: work.total > 0 ? work.flips / (work.total * s.sites) : NaN, sweepEquivalents: work.work };
  },
  async measure(options: MeasureOptions, callId: number, onProgress?: Callback<JobProgress>, aborted = false): Promise<Measurement> {
    const s = current();
    const result = await tracked(callId, (control) => continueRun(s, options, control), onProgress, undefined, { aborted });
    if (result.state !== 'completed') {
      throw new AbortedError(
        `measure() ${result.state} after ${result.progress.sweepsDone} of ${result.progress.sweepsTotal} sweeps; run(error.checkpoint) continues it`,
        result.checkpoint,
      );
    }
    return result.result;
  },
  /** Steps for about `ms` milliseconds (at least one step, at most options.maxSweeps), in chunks: abortable. */
  async sweepFor(ms: number, options: SweepForOptions, callId: number, aborted = false): Promise<TimedSweepResult> {
    const s = current();
    const o = checkSweepFor(ms, options ?? {});
    const work = new TimedSweeps(s, o.maxSweeps, o.record);
    const t0 = performance.now();
    const { state } = await tracked(
      callId,
      (control) => runChunks(work, { ...control, deadline: Date.now() + o.ms, chunkMs: Math.min(15, o.ms) }),
      undefined,
      undefined,
      { aborted },
    );
    if (state === 'aborted') throw new AbortedError(`sweepFor(${ms}) aborted after ${work.done} steps`, s.checkpoint());
    if (work.done === 0) work.advance(1); // the budget ran out in the first yield: a call always makes progress
    const result = work.result(performance.now() - t0);
    return result.records ? Comlink.transfer(result, [result.records.buffer as ArrayBuffer]) : result;
  },
  energy: () => current().energy(),
  magnetization: () => current().magnetization(),
  clusterLabels(): Int32Array {
    const labels = current().clusterLabels();
    return Comlink.transfer(labels, [labels.buffer as ArrayBuffer]);
  },
  spins(): SpinArray {
    const spins = current().spins();
    return Comlink.transfer(spins, [spins.buffer as ArrayBuffer]);
  },
  /** The Ising spins one bit per site (src/spin-bits.ts layout): L^2 / 8 bytes, transferred. */
  spinBits(): Uint8Array {
    const s = current();
    if (s.options.model !== 'ising')
      throw new InvalidOptionError('spinBits', s.options.model, 'an Ising simulation (one bit a site); spins() gives the states of other models');
    const bits = packSpins(s.spins() as Int8Array);
    return Comlink.transfer(bits, [bits.buffer as ArrayBuffer]);
  },
  snapshot(): Snapshot {
    const snap = current().snapshot();
    return Comlink.transfer(snap, [snap.spins.buffer as ArrayBuffer, snap.rngState.buffer as ArrayBuffer]);
  },
  restore: (snapshot: Snapshot) => current().restore(snapshot),
  checkpoint(): Uint8Array {
    const bytes = current().checkpoint();
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  resume: (checkpoint: Uint8Array) => current().resume(checkpoint),
  setTemperature: (temperature: number) => current().setTemperature(temperature),
  setBeta: (beta: number) => current().setBeta(beta),
  setField: (field: number) => current().setField(field),
  setAlgorithm: (algorithm: Algorithm, settings?: UpdateSettings) => current().setAlgorithm(algorithm, settings),
  /** Runs a job or continues one from its checkpoint on a fresh simulation (independent of create()). */
  async run(
    job: RunJob | Uint8Array,
    callId: number,
    limits: WorkerRunLimits = {},
    onProgress?: Callback<JobProgress>,
    onCheckpoint?: Callback<Uint8Array>,
  ): Promise<JobResult> {
    return transferResult(await tracked(callId, (control) => executeJob(job, control), onProgress, onCheckpoint, limits));
  },
  /** One round of parallel tempering for a group of replicas (see tempering-task.ts). */
  async temperingRound(task: TemperingTask): Promise<TemperingTaskResult> {
    if (crashPlan?.atTemperingRound !== undefined && --crashPlan.atTemperingRound <= 0) crashNow(3);
    const result = await temperingRound(task);
    return Comlink.transfer(
      result,
      result.replicas.flatMap((r) => [r.checkpoint.buffer as ArrayBuffer, r.records.buffer as ArrayBuffer]),
    );
  },
  /** Makes the call `callId` return (or throw) 'aborted' with a checkpoint after its current chunk. */
  abort(callId: number): void {
    calls.get(callId)?.abort.abort();
  },
  /** Makes the call `callId` return 'paused' with a checkpoint after its current chunk. */
  pause(callId: number): void {
    const entry = calls.get(callId);
    if (entry) entry.pause = true;
  },
  dispose(): void {
    sim?.dispose();
    sim = undefined;
  },
  /**
   * TEST HOOK, not for applications: ends the worker abruptly, as a crash would (Node:
   * process.exit(code) inside the worker_thread; browsers: close()), now or, with a plan, at a
   * given point of later work. Used by the fault tests.
   */
  crashForTesting(code = 1, plan?: CrashPlan): void {
    if (plan) crashPlan = { ...plan };
    else crashNow(code);
  },
};

/** The worker's API, as the caller sees it through Comlink (import it as a type only). */
export type SimulationWorkerApi = typeof api;

registerTransferHandlers();
Comlink.expose(api, parentPort().endpoint());
