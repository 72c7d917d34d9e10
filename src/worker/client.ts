/**
 * createSimulationWorker: the Simulation API, asynchronously, with the simulation running in a
 * Web Worker (browsers) or a worker_thread (Node). The worker starts on the first call and
 * ends on dispose(); long calls (sweep, measure, run) accept an AbortSignal and a progress
 * callback; lattices come back as transferred copies; errors keep their class and fields; a
 * worker that dies rejects its pending calls with a WorkerCrashedError instead of hanging.
 */
import * as Comlink from 'comlink';
import { DisposedError, InvalidOptionError } from '../errors.js';
import type { JobProgress, JobResult, RunJob } from '../jobs/job.js';
import type { Measurement } from '../measure.js';
import { normalizeOptions, type Algorithm, type NormalizedOptions, type SimulationOptions, type UpdateSettings } from '../options.js';
import type { MeasureOptions, Snapshot, SweepResult } from '../simulation.js';
import type { BackendName, EngineName, Model, SpinsOf } from '../vocabulary.js';
import type { RecordType } from '../models/model.js';
import { loadCore, type CoreSource } from '../backend/loader.js';
import { checkWorkerSource, spawnWorker, type SpawnedWorker, type WorkerSource } from './spawn.js';
import { checkFunction, checkOptions, checkSignal } from '../validate.js';
import type { SimulationInfo, SimulationWorkerApi, WorkerRunLimits } from './simulation.worker.js';
import type { SweepForOptions, TimedSweepResult } from './timed-sweep.js';
import { registerTransferHandlers } from './transfer.js';

type Remote = Comlink.Remote<SimulationWorkerApi>;

/** Abort and progress for a long call. */
export interface CallControl {
  /** Aborting stops the work within about one chunk (15 ms) and rejects with an AbortedError carrying a checkpoint. */
  signal?: AbortSignal;
  /** Progress (sweeps done, ETA), at most every 100 ms and at the end. */
  onProgress?: (progress: JobProgress) => void;
}

/** Controls of {@link SimulationWorker.run}. */
export interface RunControl extends CallControl, WorkerRunLimits {
  /** A fresh checkpoint every `checkpointEveryMs` (default 1000 ms). */
  onCheckpoint?: (checkpoint: Uint8Array) => void;
}

/**
 * One connection to one worker: started lazily, every call raced against the worker's death,
 * aborts forwarded as messages (an AbortSignal cannot cross the boundary).
 */
export class WorkerConnection {
  private started: Promise<{ worker: SpawnedWorker; remote: Remote }> | undefined;
  private pending = 0;
  private nextId = 1;
  private closed = false;
  /** Whether the worker got the compiled core from this thread (then it never loads one itself). */
  coreShared = false;
  /** The worker, once spawned (also when its start then failed, so that it can be ended). */
  private spawned: SpawnedWorker | undefined;

  /**
   * @param source where the worker module is (default: the package's simulation worker)
   * @param core the core to compile here once and send to the worker as a WebAssembly.Module
   *   (undefined: the default core; false: none, e.g. for backend 'js')
   */
  constructor(
    private readonly source?: WorkerSource,
    private readonly core: CoreSource | undefined | false = undefined,
  ) {}

  private start(): Promise<{ worker: SpawnedWorker; remote: Remote }> {
    this.started ??= (async () => {
      registerTransferHandlers();
      const worker = await spawnWorker(this.source);
      this.spawned = worker;
      worker.unref();
      const remote = Comlink.wrap<SimulationWorkerApi>(worker.endpoint);
      // a core that does not load here is left to the worker, which reports it as the main thread would
      const module = this.core === false ? undefined : await loadCore(this.core).catch(() => undefined);
      if (module) {
        await this.kept(worker, () => Promise.race([remote.useCore(module), worker.died]));
        this.coreShared = true;
      }
      return { worker, remote };
    })();
    return this.started;
  }

  /** Whether the worker has been started. */
  get running(): boolean {
    return this.started !== undefined && !this.closed;
  }

  /**
   * Calls the worker. `call` gets the remote API and a fresh call id (for abort and pause).
   * Rejects with WorkerCrashedError when the worker dies first, DisposedError after close().
   */
  async call<T>(method: string, call: (remote: Remote, callId: number) => Promise<T>, signal?: AbortSignal, onId?: (callId: number) => void): Promise<T> {
    if (this.closed) throw new DisposedError(method);
    const { worker, remote } = await this.start();
    const id = this.nextId++;
    onId?.(id);
    const abort = () => void remote.abort(id).catch(() => {});
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await this.kept(worker, () => Promise.race([call(remote, id), worker.died]));
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /**
   * Node: keeps the worker referenced while `exchange` is pending, so that the process waits for
   * the answer (an idle worker is unreferenced and does not keep the process alive).
   */
  private async kept<T>(worker: SpawnedWorker, exchange: () => Promise<T>): Promise<T> {
    if (this.pending++ === 0) worker.ref();
    try {
      return await exchange();
    } finally {
      if (--this.pending === 0) worker.unref();
    }
  }

  /** Asks the call `callId` to stop with 'paused' after its current chunk. */
  async pause(callId: number): Promise<void> {
    if (!this.started || this.closed) return;
    const started = await this.started.catch(() => undefined);
    if (!started) return;
    const { remote, worker } = started;
    await this.kept(worker, () => Promise.race([remote.pause(callId), worker.died])).catch(() => {});
  }

  /** Ends the worker at once: pending calls reject with WorkerCrashedError. */
  async terminate(): Promise<void> {
    this.closed = true;
    await this.started?.catch(() => undefined); // a worker that failed to start is ended too
    await this.spawned?.terminate();
  }

  /** Frees the worker's simulation and ends the worker; later calls reject with DisposedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    const started = await this.started?.catch(() => undefined);
    if (started) {
      const { remote, worker } = started;
      await this.kept(worker, () => Promise.race([remote.dispose(), worker.died])).catch(() => {});
      remote[Comlink.releaseProxy]();
    }
    await this.terminate();
  }
}

const CALL_KEYS = ['signal', 'onProgress'];
const RUN_KEYS = ['signal', 'onProgress', 'onCheckpoint', 'maxSweeps', 'deadline', 'chunkMs', 'progressEveryMs', 'checkpointEveryMs', 'backend'];

/** Checks the controls of a call on this side (the worker checks the numeric limits). */
function checkCallControl(control: unknown, known: readonly string[]): void {
  const c = checkOptions('control', control, known);
  if (c.signal !== undefined) checkSignal('signal', c.signal);
  for (const key of ['onProgress', 'onCheckpoint']) if (c[key] !== undefined) checkFunction(key, c[key]);
}

/** A function proxied to the worker (released by the worker when the call ends). */
function proxied<T extends (...args: never[]) => unknown>(f: T | undefined): T | undefined {
  return f ? Comlink.proxy(f) : undefined;
}

/**
 * The Simulation API, asynchronous: every method returns a Promise, every read-only property is a
 * Promise of its value (as with a Comlink Remote). `sweep` and `measure` also take a {@link CallControl}.
 */
export interface SimulationWorker<M extends Model = Model> {
  readonly options: Promise<NormalizedOptions>;
  readonly backend: Promise<BackendName>;
  readonly fallbackReason: Promise<string | undefined>;
  readonly sites: Promise<number>;
  readonly recordWidth: Promise<number>;
  readonly recordType: Promise<RecordType>;
  readonly sweeps: Promise<number>;
  readonly flips: Promise<number>;
  readonly sweepEquivalents: Promise<number>;
  readonly engine: Promise<EngineName>;
  readonly layout: Promise<'packed' | 'byte'>;
  /** Runs n sweeps in the worker (in chunks: abortable; an abort rejects with AbortedError, the sweeps done are kept). */
  sweep(n?: number, control?: CallControl): Promise<SweepResult>;
  /** As Simulation.measure, in chunks: an abort rejects with an AbortedError whose checkpoint continues the run with run(). */
  measure(options: MeasureOptions, control?: CallControl): Promise<Measurement<M>>;
  /**
   * Runs steps for about `ms` milliseconds in the worker (at least one step, at most
   * `options.maxSweeps`), for callers paced by the clock, e.g. a page drawing frames; with
   * `record: true` the records of every step (the model's layout) come back (transferred). Abortable like sweep().
   */
  sweepFor(ms: number, options?: SweepForOptions, control?: Pick<CallControl, 'signal'>): Promise<TimedSweepResult>;
  energy(): Promise<number>;
  magnetization(): Promise<number>;
  /** A transferred copy of the lattice (Ising spins as Int8Array, Potts states as Uint8Array). */
  spins(): Promise<SpinsOf<M>>;
  /** The spins one bit per site (see packSpins: site i is bit i & 7 of byte i >> 3, 1 = up), transferred: L^2 / 8 bytes. */
  spinBits(): Promise<Uint8Array>;
  /** A transferred copy of the cluster labels of the last cluster update. */
  clusterLabels(): Promise<Int32Array>;
  snapshot(): Promise<Snapshot<M>>;
  restore(snapshot: Snapshot<M>): Promise<void>;
  checkpoint(): Promise<Uint8Array>;
  resume(checkpoint: Uint8Array): Promise<void>;
  setTemperature(temperature: number): Promise<void>;
  setBeta(beta: number): Promise<void>;
  setField(field: number): Promise<void>;
  setAlgorithm(algorithm: Algorithm, settings?: UpdateSettings): Promise<void>;
  /**
   * Runs a job (or continues one from its checkpoint) in the worker, on its own simulation:
   * resolves to 'completed' with the measurement, or 'paused' / 'aborted' / 'budget-exhausted'
   * with a checkpoint. pause() stops the current run() this way.
   */
  run(job: RunJob | Uint8Array, control?: RunControl): Promise<JobResult>;
  /** Makes the current run() calls return 'paused' (with a checkpoint) after their current chunk. */
  pause(): Promise<void>;
  /** Frees the simulation and ends the worker. Later calls reject with DisposedError. */
  dispose(): Promise<void>;
  /** Ends the worker at once; pending calls reject with WorkerCrashedError. */
  terminate(): Promise<void>;
  /**
   * TEST HOOK, not for applications: makes the worker end abruptly from inside (process.exit in a
   * worker_thread, close() in a Web Worker), as a crash would, to exercise fault handling.
   */
  crashForTesting(): Promise<void>;
}

class RemoteSimulation implements SimulationWorker<Model> {
  private created: Promise<SimulationInfo> | undefined;
  private readonly runs = new Set<number>();

  constructor(
    private readonly connection: WorkerConnection,
    private readonly createOptions: SimulationOptions,
  ) {}

  /** Calls the worker's simulation, creating it on first use. */
  private async sim<T>(method: string, call: (remote: Remote, callId: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.created ??= this.connection.call('create', (remote) => remote.create(this.createOptionsFor(this.connection.coreShared) as never));
    await this.created;
    return this.connection.call(method, call, signal);
  }

  /** The options the worker creates its simulation with: without `core` when the compiled core was shared. */
  private createOptionsFor(coreShared: boolean): SimulationOptions {
    if (coreShared) {
      const { core: _shared, ...rest } = this.createOptions;
      return rest;
    }
    return portableOptions(this.createOptions);
  }

  private info(): Promise<SimulationInfo> {
    return this.sim('info', (r) => r.info());
  }

  get options() {
    return this.info().then((i) => i.options);
  }
  get backend() {
    return this.info().then((i) => i.backend);
  }
  get fallbackReason() {
    return this.info().then((i) => i.fallbackReason);
  }
  get sites() {
    return this.info().then((i) => i.sites);
  }
  get recordWidth() {
    return this.info().then((i) => i.recordWidth);
  }
  get recordType() {
    return this.info().then((i) => i.recordType);
  }
  get sweeps() {
    return this.info().then((i) => i.sweeps);
  }
  get flips() {
    return this.info().then((i) => i.flips);
  }
  get sweepEquivalents() {
    return this.info().then((i) => i.sweepEquivalents);
  }
  get engine() {
    return this.info().then((i) => i.engine);
  }
  get layout() {
    return this.info().then((i) => i.layout);
  }

  async sweep(n = 1, control: CallControl = {}) {
    checkCallControl(control, CALL_KEYS);
    return this.sim('sweep', (r, id) => r.sweep(n, id, proxied(control.onProgress), control.signal?.aborted), control.signal);
  }
  async measure(options: MeasureOptions, control: CallControl = {}) {
    checkCallControl(control, CALL_KEYS);
    return this.sim('measure', (r, id) => r.measure(options, id, proxied(control.onProgress), control.signal?.aborted), control.signal);
  }
  async sweepFor(ms: number, options: SweepForOptions = {}, control: Pick<CallControl, 'signal'> = {}) {
    checkCallControl(control, ['signal']);
    return this.sim('sweepFor', (r, id) => r.sweepFor(ms, options, id, control.signal?.aborted), control.signal);
  }
  energy() {
    return this.sim('energy', (r) => r.energy());
  }
  magnetization() {
    return this.sim('magnetization', (r) => r.magnetization());
  }
  spins() {
    return this.sim('spins', (r) => r.spins() as unknown as Promise<SpinsOf<Model>>);
  }
  spinBits() {
    return this.sim('spinBits', (r) => r.spinBits());
  }
  clusterLabels() {
    return this.sim('clusterLabels', (r) => r.clusterLabels());
  }
  snapshot() {
    return this.sim('snapshot', (r) => r.snapshot());
  }
  restore(snapshot: Snapshot) {
    return this.sim('restore', (r) => r.restore(snapshot));
  }
  checkpoint() {
    return this.sim('checkpoint', (r) => r.checkpoint());
  }
  resume(checkpoint: Uint8Array) {
    return this.sim('resume', (r) => r.resume(checkpoint));
  }
  setTemperature(temperature: number) {
    return this.sim('setTemperature', (r) => r.setTemperature(temperature));
  }
  setBeta(beta: number) {
    return this.sim('setBeta', (r) => r.setBeta(beta));
  }
  setField(field: number) {
    return this.sim('setField', (r) => r.setField(field));
  }
  setAlgorithm(algorithm: Algorithm, settings?: UpdateSettings) {
    return this.sim('setAlgorithm', (r) => r.setAlgorithm(algorithm, settings));
  }

  async run(job: RunJob | Uint8Array, control: RunControl = {}): Promise<JobResult> {
    checkCallControl(control, RUN_KEYS);
    const { signal, onProgress, onCheckpoint, ...limits } = control;
    return this.connection.call(
      'run',
      (r, id) =>
        (r.run(job, id, { ...limits, aborted: signal?.aborted }, proxied(onProgress), proxied(onCheckpoint)) as Promise<JobResult>).finally(() =>
          this.runs.delete(id),
        ),
      signal,
      (id) => this.runs.add(id),
    );
  }

  async pause(): Promise<void> {
    await Promise.all([...this.runs].map((id) => this.connection.pause(id)));
  }

  dispose() {
    return this.connection.close();
  }
  terminate() {
    return this.connection.terminate();
  }
  async crashForTesting(): Promise<void> {
    await this.connection.call('crashForTesting', (r) => r.crashForTesting(3)).catch(() => {});
  }
}

/**
 * Checks that a `core` option can be sent to a worker (structured clone): bytes, a URL string or a
 * WebAssembly.Module (used when it could not be compiled on this thread).
 */
function portableOptions(options: SimulationOptions): SimulationOptions {
  const { core } = options;
  if (core === undefined || typeof core === 'string' || core instanceof ArrayBuffer || ArrayBuffer.isView(core) || core instanceof WebAssembly.Module)
    return options;
  if (core instanceof URL) return { ...options, core: core.href };
  throw new InvalidOptionError('core', core, 'bytes, a URL or a WebAssembly.Module for a worker (a Response cannot be sent to a worker)');
}

/** Options of {@link createSimulationWorker} beyond the simulation's own. */
export interface WorkerOptions {
  /** Where the worker module is. @default the built simulation.worker.js next to this module */
  worker?: WorkerSource;
}

/**
 * Creates a simulation running in a worker. Options are validated here (bad ones reject with
 * InvalidOptionError before any worker starts); the worker starts on the first call.
 *
 * @example
 * const sim = await createSimulationWorker({ size: 256, temperature: 2.3 });
 * const controller = new AbortController();
 * const result = await sim.measure({ thermalize: 1000, sweeps: 100_000 }, { signal: controller.signal, onProgress: (p) => console.log(p.etaMs) });
 * await sim.dispose();
 */
export async function createSimulationWorker<M extends Model = 'ising'>(
  options: SimulationOptions & { model?: M } = {},
  workerOptions: WorkerOptions = {},
): Promise<SimulationWorker<M>> {
  normalizeOptions(options);
  checkOptions('workerOptions', workerOptions, ['worker']);
  if (workerOptions.worker !== undefined) checkWorkerSource(workerOptions.worker);
  return new RemoteSimulation(
    new WorkerConnection(workerOptions.worker, options.backend === 'js' ? false : options.core),
    options,
  ) as unknown as SimulationWorker<M>;
}
