/**
 * The resumable job runner: the common core of workers, the pool and the serverless handler.
 *
 * It drives the measuring run of src/run.ts (thermalization, then one record per step) in chunks
 * of about `chunkMs` of work, run in batches of steps sized by the measured speed and by the most a
 * step can cost (BatchSizer). Between chunks it checks the abort signal, the pause
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

/** Before any timing: an assumed 0.02 site updates per ns (slower than any engine), in ms per site. */
const ASSUMED_MS_PER_SITE = 1 / (0.02 * 1e6);
/** Batches shorter than this are timed together. */
const MIN_TIMED_MS = 0.5;
/** A chunk ends before a batch smaller than 1 / TAIL_FRACTION of its largest batch (the tail of a chunk). */
const TAIL_FRACTION = 4;

/**
 * How many steps to run at once (the batch) so that a chunk of work honours its time, for every
 * algorithm. A step is fixed in advance, but its cost may depend on the state: a Wolff step at
 * low T flips anything from one spin (a hot start) to the whole lattice (once ordered), and that
 * jump can come within a few hundred steps. So a batch is sized three ways and takes the smallest:
 *  - growth: at most twice the previous batch (the first batch of a call is one step);
 *  - rate: the steps that fit in the time left at the time per step measured last;
 *  - worst case: the steps that fit if every one costs the most a step can cost (maxStepWork sweep
 *    equivalents, e.g. clustersPerStep for Wolff) at the time per sweep equivalent measured last
 *    (before any timing, an assumed 0.02 site updates per ns, slower than any engine).
 * A batch always has at least one step (a single step is never split). Timings shorter than
 * MIN_TIMED_MS are pooled until they reach it; each estimate is the smaller of the last two pooled
 * timings, so that one pause of the thread does not shrink the batches that follow to single steps.
 * (runChunks also ends a chunk rather than run a batch below a quarter of the chunk's largest.)
 */
class BatchSizer {
  private last = 0;
  private msPerStep = NaN;
  private msPerWork: number;
  private lastPerStep = Infinity;
  private lastPerWork = Infinity;
  private poolSteps = 0;
  private poolWork = 0;
  private poolMs = 0;

  constructor(
    sites: number,
    private readonly maxStepWork: number,
  ) {
    this.msPerWork = sites * ASSUMED_MS_PER_SITE;
  }

  /** Expected time of n steps, ms (0 before any timing). */
  expectedMs(n: number): number {
    return Number.isNaN(this.msPerStep) ? 0 : n * this.msPerStep;
  }

  /** Steps that are expected to fit in `ms` (Infinity before any timing). */
  fits(ms: number): number {
    return Number.isNaN(this.msPerStep) ? Infinity : Math.floor(ms / this.msPerStep);
  }

  /** The next batch for `ms` of time left (at least 1). */
  next(ms: number): number {
    const growth = this.last === 0 ? 1 : 2 * this.last;
    const worst = Math.floor(ms / (this.maxStepWork * this.msPerWork));
    return Math.max(1, Math.min(growth, this.fits(ms), worst));
  }

  /** Records a batch of `steps` steps that did `work` sweep equivalents in `ms`. */
  ran(steps: number, work: number, ms: number): void {
    this.last = steps;
    this.poolSteps += steps;
    this.poolWork += work;
    this.poolMs += ms;
    if (this.poolMs < MIN_TIMED_MS) return;
    // each estimate is the smaller of the last two timings: a single timing stretched by a pause of the
    // thread (garbage collection, another process) is not taken for the speed of the steps
    const perStep = this.poolMs / this.poolSteps;
    this.msPerStep = Math.min(perStep, this.lastPerStep);
    this.lastPerStep = perStep;
    if (this.poolWork > 0) {
      const perWork = this.poolMs / this.poolWork;
      this.msPerWork = Math.min(perWork, this.lastPerWork);
      this.lastPerWork = perWork;
    }
    this.poolSteps = this.poolWork = this.poolMs = 0;
  }
}

/**
 * Runs `work` in chunks of about `control.chunkMs`, checking abort, pause, sweep budget and
 * deadline between chunks and yielding to the event loop. A chunk runs its steps in batches sized
 * by {@link BatchSizer}, so that it ends near its time whatever the steps cost. How the steps are
 * grouped never changes them: the result depends only on the seed and the number of steps.
 * Returns how it ended.
 */
export async function runChunks(work: ChunkedWork, control: ExecuteOptions): Promise<{ state: JobResult['state']; progress: JobProgress }> {
  checkControl(control);
  const chunkMs = control.chunkMs ?? 15;
  const progressEvery = control.progressEveryMs ?? 100;
  const checkpointEvery = control.checkpointEveryMs ?? 1000;
  const reserve = control.completionReserveMs ?? 0;
  const pause = control.yield ?? yieldToEventLoop;
  const budget = control.maxSweeps ?? Infinity;
  const t0 = Date.now();
  // the deadline on the monotonic clock that times the batches
  const deadlineAt = control.deadline === undefined ? Infinity : performance.now() + (control.deadline - t0);
  const startDone = work.done;
  const sizer = new BatchSizer(work.sites, work.maxStepWork);
  /** The largest batch of the current chunk, and whether the chunk ended at its tail (see nextBatch). */
  let chunkLargest = 0;
  let tailEnded = false;
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

  /** The next batch of a chunk ending at `chunkEnd` (0: none; the first batch of a chunk has a step unless the deadline forbids it). */
  const nextBatch = (chunkEnd: number, first: boolean): number => {
    const left = budget - (work.done - startDone);
    if (work.done === work.total || left <= 0) return 0;
    const now = performance.now();
    if (deadlineAt - now <= 0 || sizer.fits(deadlineAt - now) < 1) return 0;
    const timeLeft = chunkEnd - now;
    if (!first && (timeLeft <= 0 || sizer.fits(timeLeft) < 1)) return 0;
    let n = Math.min(sizer.next(Math.max(timeLeft, 0)), left);
    // the tail of a chunk: each batch may take only a fraction of the time left (the worst-case size),
    // so the batches would shrink toward one step, each paying a call's overhead; the chunk ends instead
    if (!first && n < left && n * TAIL_FRACTION < chunkLargest) {
      tailEnded = true;
      return 0;
    }
    if (reserve > 0 && deadlineAt !== Infinity && work.done + n >= work.total && deadlineAt - now - sizer.expectedMs(n) < reserve) {
      n = work.total - work.done - 1; // all but the last step; the analysis waits for a call with room for it
    }
    return Math.max(n, 0);
  };

  // one trip through the event loop first, so that an abort or pause sent along with the call is seen
  if (work.done < work.total) await pause();
  for (;;) {
    if (work.done === work.total) return end('completed');
    if (control.signal?.aborted) return end('aborted');
    if (control.shouldPause?.()) return end('paused');
    if (budget - (work.done - startDone) <= 0) return end('budget-exhausted');
    const chunkEnd = Math.min(performance.now() + chunkMs, deadlineAt);
    let n = nextBatch(chunkEnd, true);
    if (n === 0) return end('budget-exhausted');
    chunkLargest = 0;
    tailEnded = false;
    while (n > 0) {
      const work0 = work.work;
      const b0 = performance.now();
      const ran = work.advance(n);
      chunkLargest = Math.max(chunkLargest, ran);
      sizer.ran(ran, work.work - work0, performance.now() - b0);
      n = nextBatch(chunkEnd, false);
    }
    // a chunk that ran up to the deadline and ended at its tail: another chunk would only run its tail
    // again, in ever smaller batches with a yield between each
    if (tailEnded && chunkEnd === deadlineAt) return end('budget-exhausted');
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
