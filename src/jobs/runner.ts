/**
 * The resumable job runner: the common core of workers, the pool and the serverless handler.
 *
 * A run thermalizes, then records one (B, M) pair per sweep, in chunks of about `chunkMs`
 * of work sized by the measured speed. Between chunks it checks the abort signal, the pause
 * request, the sweep budget and the deadline, reports progress, and yields to the event loop.
 * Stopping early returns a checkpoint holding the lattice, generator, counters and every record
 * so far; resuming from it and finishing gives a result IDENTICAL to an uninterrupted run (the
 * final analysis runs on the full series), on either backend.
 */
import { decodeCheckpoint, encodeCheckpoint, simulationState, type CheckpointContents, type RunState } from '../checkpoint.js';
import { checkOptions, rejectUnknownKeys } from '../check.js';
import { CheckpointError, InvalidOptionError } from '../errors.js';
import type { BackendChoice } from '../options.js';
import type { CoreSource } from '../backend/index.js';
import { clusterStepOf } from '../cluster/step.js';
import { createSimulation, measurementFromRecords, MAX_MEASURE_SWEEPS, simulationKernel, type Simulation } from '../simulation.js';
import { correlationValues } from '../backend/correlation-js.js';
import { correlationInterval } from '../recorder.js';
import { validateRunJob, type JobProgress, type JobResult, type RunJob } from './job.js';
import { yieldToEventLoop } from './yield.js';

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
  /** How to let other work run between chunks. @default yieldToEventLoop (a MessageChannel task) */
  yield?: () => Promise<void>;
  /** Backend when the job's options do not name one. @default 'auto' */
  backend?: BackendChoice;
  /** Where to load the WebAssembly core from (see SimulationOptions.core). */
  core?: CoreSource;
}

/** A new measuring run: sweeps discarded, sweeps recorded, and what the result keeps besides the estimates. */
export interface RunPlan {
  thermalize: number;
  sweeps: number;
  /** Keep the per-sweep e and m series. */
  keepSeries?: boolean;
  /** Add the e and m histograms. */
  histograms?: boolean;
  /** Sweeps between correlation samples (0 or absent: none). */
  every?: number;
}

/** A measuring run bound to a live simulation. */
class Run implements RunState, ChunkedWork {
  records: Int32Array;
  /** Keep the per-sweep e and m series in the result (stored in checkpoints). */
  keepSeries = false;
  /** Add the e and m histograms to the result (stored in checkpoints). */
  histograms = false;
  /** Cluster algorithms: the per-step cluster-size statistic, for the improved estimators (stored in checkpoints). */
  sizes: Float64Array | undefined;
  /** Correlation samples every `every` recorded sweeps (stored in checkpoints); every = 0: none. */
  every = 0;
  correlations: Int32Array | undefined;

  constructor(
    readonly sim: Simulation,
    readonly thermalize: number,
    readonly sweeps: number,
    public thermalized = 0,
    public measured = 0,
    public measureFlips = 0,
    public measureWork = 0,
    recordsSoFar?: Int32Array,
    sizesSoFar?: Float64Array,
  ) {
    this.records = new Int32Array(2 * sweeps);
    if (recordsSoFar) this.records.set(recordsSoFar.subarray(0, 2 * measured));
    // sizes are kept when the run records them from its first step (a checkpoint without them, of
    // a run already measuring, goes on without improved estimators)
    if (clusterStepOf(sim.options) && (measured === 0 || sizesSoFar)) {
      this.sizes = new Float64Array(sweeps);
      if (sizesSoFar) this.sizes.set(sizesSoFar.subarray(0, measured));
    }
  }

  get done(): number {
    return this.thermalized + this.measured;
  }

  get total(): number {
    return this.thermalize + this.sweeps;
  }

  get sites(): number {
    return this.sim.sites;
  }

  get phase(): JobProgress['phase'] {
    return this.done === this.total ? 'done' : this.thermalized < this.thermalize ? 'thermalize' : 'measure';
  }

  /**
   * Sets what the result keeps besides the estimates; correlation samples are taken every `every`
   * recorded sweeps (a checkpoint's samples so far in `samples`).
   */
  keep(output: { keepSeries?: boolean; histograms?: boolean; every?: number }, samples?: Int32Array): this {
    this.keepSeries = output.keepSeries ?? false;
    this.histograms = output.histograms ?? false;
    const every = (this.every = output.every ?? 0);
    if (every === 0) return this;
    this.correlations = new Int32Array(Math.floor(this.sweeps / every) * correlationValues(this.sim.options.size));
    if (samples) this.correlations.set(samples.subarray(0, this.correlations.length));
    return this;
  }

  /** Runs up to n sweeps of the current phase (stopping at a correlation sample); returns how many ran. */
  advance(n: number): number {
    if (this.thermalized < this.thermalize) {
      const k = Math.min(n, this.thermalize - this.thermalized);
      this.sim.sweep(k);
      this.thermalized += k;
      return k;
    }
    const every = this.every;
    const k = Math.min(n, this.sweeps - this.measured, every > 0 ? every - (this.measured % every) : Infinity);
    const { flips, sweepEquivalents } = this.sim.sweep(k, this.records.subarray(2 * this.measured, 2 * (this.measured + k)), this.sizes?.subarray(this.measured, this.measured + k));
    this.measureFlips += flips;
    this.measureWork += sweepEquivalents;
    this.measured += k;
    if (every > 0 && this.measured % every === 0 && this.correlations) {
      const stride = correlationValues(this.sim.options.size);
      const sample = this.measured / every - 1;
      simulationKernel(this.sim, 'measure').correlations(this.correlations.subarray(sample * stride, (sample + 1) * stride));
    }
    return k;
  }

  checkpoint(): Uint8Array {
    return encodeCheckpoint({ kind: 'run', state: simulationState(this.sim), run: this });
  }
}

/** First chunk before any speed is known: assume 0.02 site updates per ns (slower than either backend). */
function firstChunk(sites: number, chunkMs: number): number {
  return Math.max(1, Math.floor((0.02 * chunkMs * 1e6) / sites));
}

/** Work done in chunks of sweeps (a measuring run, or plain sweeps on a worker). */
export interface ChunkedWork {
  /** Sites of the lattice (sizes the first chunk). */
  readonly sites: number;
  /** Sweeps done and to do in total. */
  readonly done: number;
  readonly total: number;
  readonly phase: JobProgress['phase'];
  /** Runs up to n sweeps (never across a phase boundary); returns how many ran. */
  advance(n: number): number;
  /** A checkpoint that continues this work. */
  checkpoint(): Uint8Array;
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

const CONTROL_KEYS = ['maxSweeps', 'deadline', 'signal', 'shouldPause', 'onProgress', 'progressEveryMs', 'onCheckpoint', 'checkpointEveryMs', 'chunkMs', 'yield', 'backend', 'core'];

/** Validates the controls: no unknown keys, numbers in range (InvalidOptionError naming the field; never a silent clamp). */
export function checkControl(control: ExecuteOptions): void {
  if (typeof control !== 'object' || control === null) throw new InvalidOptionError('control', control, 'an object of run controls');
  rejectUnknownKeys(control, CONTROL_KEYS, '', 'option');
  if (control.maxSweeps !== undefined && (!Number.isSafeInteger(control.maxSweeps) || control.maxSweeps < 0)) {
    throw new InvalidOptionError('maxSweeps', control.maxSweeps, 'an integer number of sweeps >= 0');
  }
  if (control.deadline !== undefined && !Number.isFinite(control.deadline)) throw new InvalidOptionError('deadline', control.deadline, 'a time in ms since the epoch (Date.now() + budget)');
  for (const key of ['chunkMs', 'progressEveryMs', 'checkpointEveryMs'] as const) {
    const value = control[key];
    if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value <= 0)) throw new InvalidOptionError(key, value, 'a number of milliseconds > 0');
  }
}

async function drive(run: Run, control: ExecuteOptions): Promise<JobResult> {
  const { state, progress } = await runChunks(run, control);
  if (state === 'completed') {
    return { state, result: measurementFromRecords(run.sim, run.records, { thermalize: run.thermalize, sweeps: run.sweeps, flips: run.measureFlips, sweepEquivalents: run.measureWork, keepSeries: run.keepSeries, histograms: run.histograms, sizes: run.sizes,
      correlations: run.every > 0 && run.correlations ? { every: run.every, records: run.correlations } : undefined,
    }), progress };
  }
  return { state, checkpoint: run.checkpoint(), progress };
}

/** Decodes a run checkpoint and checks its counts against the limits of a run. */
function decodeRun(bytes: Uint8Array): CheckpointContents & { run: RunState } {
  const contents = decodeCheckpoint(bytes);
  if (contents.kind !== 'run' || !contents.run) {
    throw new CheckpointError('kind', 'a simulation checkpoint (from checkpoint()); a run needs a run checkpoint (from a paused, aborted or budget-exhausted job)');
  }
  if (contents.run.sweeps > MAX_MEASURE_SWEEPS) throw new CheckpointError('header', `run.sweeps is ${contents.run.sweeps}, at most ${MAX_MEASURE_SWEEPS}`);
  return contents as CheckpointContents & { run: RunState };
}

/** Binds a new run, or a decoded run checkpoint, to `sim`. */
function bind(sim: Simulation, plan: RunPlan | Uint8Array, decoded?: RunState): Run {
  if (!(plan instanceof Uint8Array)) {
    return new Run(sim, plan.thermalize, plan.sweeps).keep(plan);
  }
  const r = decoded ?? decodeRun(plan).run;
  sim.resume(plan);
  return new Run(sim, r.thermalize, r.sweeps, r.thermalized, r.measured, r.measureFlips, r.measureWork, r.records, r.sizes).keep(r, r.correlations);
}

/**
 * Runs (or continues) a measuring run on an existing simulation, in chunks: `plan` starts a new
 * run of `thermalize` then `sweeps` recorded sweeps from the simulation's current state; a run
 * checkpoint continues a stopped run (the simulation takes the checkpoint's state).
 */
export async function continueRun(sim: Simulation, plan: RunPlan | Uint8Array, control: ExecuteOptions = {}): Promise<JobResult> {
  if (!(plan instanceof Uint8Array)) checkOptions('plan', plan, ['thermalize', 'sweeps', 'keepSeries', 'histograms', 'every']);
  return drive(bind(sim, plan), control);
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
  const valid = job instanceof Uint8Array ? undefined : validateRunJob(job);
  const decoded = job instanceof Uint8Array ? decodeRun(job) : undefined;
  const sim = decoded
    ? await createSimulation({ size: decoded.state.size, seed: decoded.state.seed, start: 'cold', layout: decoded.state.layout, backend: control.backend, core: control.core })
    : await createSimulation({ ...valid!.options, backend: valid!.options.backend ?? control.backend, core: control.core });
  try {
    const plan = valid ? { ...valid, every: correlationInterval(valid.correlations, valid.sweeps, sim.options.size) } : (job as Uint8Array);
    return await drive(bind(sim, plan, decoded?.run), control);
  } finally {
    sim.dispose();
  }
}

/** A simulation continued from a checkpoint (either kind) on the chosen backend. */
export async function resumeSimulation(checkpoint: Uint8Array, options: { backend?: BackendChoice; core?: CoreSource } = {}): Promise<Simulation> {
  checkOptions('options', options, ['backend', 'core']);
  const { state } = decodeCheckpoint(checkpoint);
  const sim = await createSimulation({ size: state.size, seed: state.seed, start: 'cold', layout: state.layout, backend: options.backend, core: options.core });
  sim.resume(checkpoint);
  return sim;
}
