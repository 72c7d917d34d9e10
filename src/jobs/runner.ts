/**
 * The resumable job runner: the common core of workers, the pool and the serverless handler.
 *
 * It drives the measuring run of src/run.ts (thermalization, then one record per step) in chunks
 * of about `chunkMs` of work sized by the measured speed. Between chunks it checks the abort signal, the pause
 * request, the sweep budget and the deadline, reports progress, and yields to the event loop.
 * Stopping early returns a checkpoint holding the lattice, generator, counters and every record
 * so far; resuming from it and finishing gives a result IDENTICAL to an uninterrupted run (the
 * final analysis runs on the full series), on either backend.
 */
import { decodeCheckpoint, decodeRunCheckpoint, simulationOptionsOf } from '../checkpoint.js';
import { InvalidOptionError } from '../errors.js';
import { checkOptions, rejectUnknownKeys } from '../validate.js';
import type { BackendChoice, CoreSource, Model } from '../vocabulary.js';
import type { MeasureOptions, MeasurementRun } from '../run.js';
import { createSimulation, type Simulation } from '../simulation.js';
import { validateRunJob, type ChunkedWork, type JobProgress, type JobResult, type RunJob } from './job.js';
import { yieldToEventLoop } from './yield.js';

export type { ChunkedWork } from './job.js';

/** Controls of {@link executeJob} and {@link continueRun}. Every field is optional. */
export interface ExecuteOptions {
  /** Most sweeps (thermalization and recorded together) this call may run; then 'budget-exhausted'. @default no limit */
  maxSweeps?: number;
  /** Wall-clock limit (a Date.now() value): no chunk starts that would end after it; then 'budget-exhausted'. @default none */
  deadline?: number;
  /** Aborting returns 'aborted' with a checkpoint after the current chunk. */
  signal?: AbortSignal;
  /** Asked between chunks; true returns 'paused' with a checkpoint. */
  shouldPause?: () => boolean;
  /** Progress, at most every `progressEveryMs` and once at the end. */
  onProgress?: (progress: JobProgress) => void;
  /** @default 100 */
  progressEveryMs?: number;
  /** A fresh checkpoint every `checkpointEveryMs` (the pool keeps the latest to recover from a crash). */
  onCheckpoint?: (checkpoint: Uint8Array, progress: JobProgress) => void;
  /** @default 1000 */
  checkpointEveryMs?: number;
  /** Target wall time of one chunk of sweeps, ms (a single sweep is never split). @default 15 */
  chunkMs?: number;
  /**
   * With a deadline: time to keep free before it for the analysis of a run that completes, ms. The
   * chunk that would complete the run starts only when its sweeps and this much still fit; otherwise
   * the call stops 'budget-exhausted' one step short, and a later call completes it. @default 0
   */
  completionReserveMs?: number;
  /** How to let other work run between chunks. @default yieldToEventLoop (a MessageChannel task) */
  yield?: () => Promise<void>;
  /** Backend when the job's options do not name one. @default 'auto' */
  backend?: BackendChoice;
  /** Where to load the WebAssembly core from (see SimulationOptions.core). */
  core?: CoreSource;
}

/** First chunk before any speed is known: assume 0.02 site updates per ns (slower than either backend). */
function firstChunk(sites: number, chunkMs: number): number {
  return Math.max(1, Math.floor((0.02 * chunkMs * 1e6) / sites));
}

/**
 * Runs `work` in chunks of about `control.chunkMs`, checking abort, pause, sweep budget and
 * deadline between chunks and yielding to the event loop. Returns how it ended.
 */
export async function runChunks(work: ChunkedWork, control: ExecuteOptions): Promise<{ state: JobResult['state']; progress: JobProgress }> {
  checkControl(control);
  const chunkMs = control.chunkMs ?? 15;
  const progressEvery = control.progressEveryMs ?? 100;
  const checkpointEvery = control.checkpointEveryMs ?? 1000;
  const pause = control.yield ?? yieldToEventLoop;
  const budget = control.maxSweeps ?? Infinity;
  const t0 = Date.now();
  const startDone = work.done;
  let perMs = NaN; // measured sweeps per ms
  let lastProgress = t0;
  let lastCheckpoint = t0;

  const progress = (): JobProgress => {
    const elapsedMs = Date.now() - t0;
    const thisCall = work.done - startDone;
    const sweepsPerSecond = thisCall > 0 && elapsedMs > 0 ? (1000 * thisCall) / elapsedMs : NaN;
    const finished = work.done === work.total;
    return {
      phase: work.phase,
      sweepsDone: work.done,
      sweepsTotal: work.total,
      sweepsThisCall: thisCall,
      elapsedMs,
      sweepsPerSecond,
      etaMs: finished ? 0 : (1000 * (work.total - work.done)) / sweepsPerSecond,
    };
  };
  const end = (state: JobResult['state']) => {
    const p = progress();
    control.onProgress?.(p);
    return { state, progress: p };
  };

  // one trip through the event loop first, so that an abort or pause sent along with the call is seen
  if (work.done < work.total) await pause();
  for (;;) {
    if (work.done === work.total) return end('completed');
    if (control.signal?.aborted) return end('aborted');
    if (control.shouldPause?.()) return end('paused');
    const left = budget - (work.done - startDone);
    if (left <= 0) return end('budget-exhausted');
    let n = Number.isNaN(perMs) ? firstChunk(work.sites, chunkMs) : Math.max(1, Math.floor(perMs * chunkMs));
    if (control.deadline !== undefined) {
      const remainingMs = control.deadline - Date.now();
      if (remainingMs <= 0) return end('budget-exhausted');
      if (!Number.isNaN(perMs)) {
        const fits = Math.floor(perMs * remainingMs);
        if (fits < 1) return end('budget-exhausted');
        n = Math.min(n, fits);
      }
    }
    n = Math.min(n, left);
    const reserve = control.completionReserveMs ?? 0;
    if (reserve > 0 && control.deadline !== undefined && work.done + n >= work.total) {
      const chunkEstimate = Number.isNaN(perMs) ? 0 : n / perMs;
      if (control.deadline - Date.now() - chunkEstimate < reserve) {
        n = work.total - work.done - 1; // all but the last step; the analysis waits for a call with room for it
        if (n < 1) return end('budget-exhausted');
      }
    }
    const c0 = performance.now();
    const ran = work.advance(n);
    const dt = performance.now() - c0;
    // speed from this chunk; a chunk too short to time grows the next one at most 4 times
    perMs = dt > 0.5 ? ran / dt : Number.isNaN(perMs) ? (4 * ran) / chunkMs : Math.max(perMs, (4 * ran) / chunkMs);
    const now = Date.now();
    if (control.onProgress && now - lastProgress >= progressEvery) {
      lastProgress = now;
      control.onProgress(progress());
    }
    if (control.onCheckpoint && now - lastCheckpoint >= checkpointEvery && work.done < work.total) {
      lastCheckpoint = now;
      control.onCheckpoint(work.checkpoint(), progress());
    }
    await pause();
  }
}

const CONTROL_KEYS = [
  'maxSweeps',
  'deadline',
  'signal',
  'shouldPause',
  'onProgress',
  'progressEveryMs',
  'onCheckpoint',
  'checkpointEveryMs',
  'chunkMs',
  'completionReserveMs',
  'yield',
  'backend',
  'core',
];

/** Validates the controls: no unknown keys, numbers in range (InvalidOptionError naming the field; never a silent clamp). */
export function checkControl(control: ExecuteOptions): void {
  if (typeof control !== 'object' || control === null) throw new InvalidOptionError('control', control, 'an object of run controls');
  rejectUnknownKeys(control, CONTROL_KEYS, '', 'option');
  if (control.maxSweeps !== undefined && (!Number.isSafeInteger(control.maxSweeps) || control.maxSweeps < 0)) {
    throw new InvalidOptionError('maxSweeps', control.maxSweeps, 'an integer number of sweeps >= 0');
  }
  if (control.deadline !== undefined && !Number.isFinite(control.deadline))
    throw new InvalidOptionError('deadline', control.deadline, 'a time in ms since the epoch (Date.now() + budget)');
  if (control.completionReserveMs !== undefined && (typeof control.completionReserveMs !== 'number' || !(control.completionReserveMs >= 0))) {
    throw new InvalidOptionError('completionReserveMs', control.completionReserveMs, 'a number of milliseconds >= 0');
  }
  for (const key of ['chunkMs', 'progressEveryMs', 'checkpointEveryMs'] as const) {
    const value = control[key];
    if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value <= 0))
      throw new InvalidOptionError(key, value, 'a number of milliseconds > 0');
  }
}

async function drive(run: MeasurementRun, control: ExecuteOptions): Promise<JobResult> {
  const { state, progress } = await runChunks(run, control);
  if (state === 'completed') return { state, result: run.result(), progress };
  return { state, checkpoint: run.checkpoint(), progress };
}

/**
 * Runs (or continues) a measuring run on an existing simulation, in chunks: measure options start
 * a new run from the simulation's current state; a run checkpoint continues a stopped run (the
 * simulation takes the checkpoint's state).
 */
export async function continueRun(sim: Simulation, plan: MeasureOptions | Uint8Array, control: ExecuteOptions = {}): Promise<JobResult> {
  checkControl(control);
  return drive(sim.startMeasurement(plan), control);
}

/**
 * Runs a job, or continues one from its checkpoint, until it completes or stops (abort, pause,
 * sweep budget, deadline). A stopped run returns a checkpoint; passing it back here continues
 * exactly. Throws InvalidOptionError for a bad job and CheckpointError for a bad checkpoint.
 *
 * @example
 * let r = await executeJob({ kind: 'run', options: { size: 32, temperature: 2.3 }, thermalize: 1000, sweeps: 100_000 }, { maxSweeps: 20_000 });
 * while (r.state !== 'completed') r = await executeJob(r.checkpoint, { maxSweeps: 20_000 });
 * console.log(r.result.observables.energy);
 */
export async function executeJob(job: RunJob | Uint8Array, control: ExecuteOptions = {}): Promise<JobResult> {
  checkControl(control);
  if (job instanceof Uint8Array) {
    const contents = decodeRunCheckpoint(job);
    const sim = await createSimulation({ ...simulationOptionsOf(contents.state), backend: control.backend, core: control.core });
    try {
      return await drive(sim.startMeasurement(job), control);
    } finally {
      sim.dispose();
    }
  }
  const valid = validateRunJob(job);
  const sim = await createSimulation({ ...valid.options, backend: valid.options.backend ?? control.backend, core: control.core });
  try {
    const { thermalize, sweeps, keepSeries, histograms, correlations } = valid;
    return await drive(sim.startMeasurement({ thermalize, sweeps, keepSeries, histograms, correlations }), control);
  } finally {
    sim.dispose();
  }
}

/** A simulation continued from a checkpoint (either kind) on the chosen backend. */
export async function resumeSimulation(checkpoint: Uint8Array, options: { backend?: BackendChoice; core?: CoreSource } = {}): Promise<Simulation<Model>> {
  checkOptions('options', options, ['backend', 'core']);
  const { state } = decodeCheckpoint(checkpoint);
  const sim = await createSimulation({ ...simulationOptionsOf(state), backend: options.backend, core: options.core });
  sim.resume(checkpoint);
  return sim;
}
