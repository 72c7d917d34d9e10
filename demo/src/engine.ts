/**
 * The live run: one simulation in a Comlink worker (createSimulationWorker), driven in slices of
 * about SLICE_MS by sweepFor(), whose records and bit-packed lattices are handed on to the view
 * worker. Every call to the simulation goes through one queue, so a change of temperature, field
 * or algorithm lands between two slices and each slice's records belong to one set of parameters
 * (an "epoch"). The main thread only relays transferred buffers and small numbers.
 */
import { createSimulationWorker, SWEEP_FOR_DEFAULT_MAX, type Algorithm, type EngineName, type SimulationWorker } from 'criticality';
import type { RunTag } from './protocol.js';
import { libraryParameters } from './models.js';
import type { LabState } from './state.js';

/** Work per slice in the simulation worker, ms. */
export const SLICE_MS = 20;

/** What runs, as the worker reports it. */
export interface EngineInfo {
  engine: EngineName;
  layout: 'packed' | 'byte';
  fallbackReason: string | undefined;
  /** The model parameters the simulation runs with, as it reports them (absent for models without them). */
  overRelaxation?: number;
  lambda?: number;
}

/** Speed of the last slices. */
export interface Speed {
  /** Site updates (sweep equivalents x N) per ns of kernel time, smoothed. */
  updatesPerNs: number;
  /** Steps per second of wall time, smoothed. */
  stepsPerSecond: number;
}

export interface EngineHooks {
  /** The records of the steps just run (steps firstStep + 1 ..), and the speed. */
  records(tag: RunTag, firstStep: number, records: Int32Array | Float64Array, speed: Speed): void;
  /** Whether to fetch the lattice now (the view is idle and a picture is due). */
  wantsFrame(size: number): boolean;
  /** Whether to fetch the cluster labels with the lattice. */
  wantsLabels(state: LabState): boolean;
  /** A lattice for the view: square Ising spins one bit a site, else what `spins()` returns (states one byte a site, vectors as float64 components). */
  frame(tag: RunTag, spins: Uint8Array | Int8Array | Float64Array, labels?: Int32Array): void;
  /** Running stopped by itself (the end of "run N steps") or by an error. */
  stopped(error?: unknown): void;
}

/** The parameters a running simulation can change without a new lattice. */
export type LiveParameters = Pick<LabState, 'temperature' | 'field' | 'algorithm'>;

export class LiveEngine {
  private sim: SimulationWorker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | undefined;
  private pending: Partial<LiveParameters> = {};
  private applying = false;
  private remaining: number | undefined;
  private lastSliceAt = 0;
  /** The state the simulation runs with. */
  state: LabState;
  lattice = 0;
  epoch = 0;
  /** Steps run on the current lattice. */
  steps = 0;
  running = false;
  info: EngineInfo | undefined;
  speed: Speed = { updatesPerNs: NaN, stepsPerSecond: NaN };

  constructor(
    initial: LabState,
    private readonly hooks: EngineHooks,
  ) {
    this.state = { ...initial };
    void this.loop();
  }

  /** Runs `f` after every call queued before it (the simulation sees one call at a time). */
  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f);
    this.queue = run.catch(() => {});
    return run;
  }

  private tag(): RunTag {
    const { model, lattice, size, temperature, field } = this.state;
    return { lattice: this.lattice, epoch: this.epoch, model, ...libraryParameters(this.state), geometry: lattice, size, temperature, field };
  }

  /**
   * A new simulation for `next` (size, seed, start, backend, ...). With `handover`, it continues
   * from the current lattice (a checkpoint moves across, e.g. to the other backend). On failure
   * the current simulation keeps running and the error is thrown.
   */
  rebuild(next: LabState, handover = false): Promise<EngineInfo> {
    return this.exclusive(async () => {
      const { model, lattice, size, temperature, field, algorithm, backend, seed, start } = next;
      const sim: SimulationWorker = await createSimulationWorker({ model, ...libraryParameters(next), lattice, size, temperature, field, algorithm, backend, seed, start });
      try {
        if (handover && this.sim) await sim.resume(await this.sim.checkpoint());
        const [engine, layout, fallbackReason, steps, options] = await Promise.all([sim.engine, sim.layout, sim.fallbackReason, sim.sweeps, sim.options]);
        const old = this.sim;
        this.sim = sim;
        this.state = { ...next };
        const { overRelaxation, lambda } = options;
        this.info = { engine, layout, fallbackReason, ...(overRelaxation !== undefined ? { overRelaxation } : {}), ...(lambda !== undefined ? { lambda } : {}) };
        if (!handover) {
          this.lattice++;
          this.steps = steps;
        }
        this.epoch++;
        this.speed = { updatesPerNs: NaN, stepsPerSecond: NaN };
        void old?.dispose().catch(() => {});
        this.wake?.();
        return this.info;
      } catch (error) {
        void sim.terminate();
        throw error;
      }
    });
  }

  /** Changes temperature, field or algorithm between two slices (repeated changes coalesce). */
  set(parameters: Partial<LiveParameters>): Promise<void> {
    Object.assign(this.pending, parameters);
    if (this.applying) return this.queue.then(() => {});
    this.applying = true;
    return this.exclusive(async () => {
      this.applying = false;
      const p = this.pending;
      this.pending = {};
      const sim = this.sim;
      if (!sim) return;
      try {
        if (p.temperature !== undefined && p.temperature !== this.state.temperature) await sim.setTemperature(p.temperature);
        if (p.field !== undefined && p.field !== this.state.field) await sim.setField(p.field);
        if (p.algorithm !== undefined && p.algorithm !== this.state.algorithm) await sim.setAlgorithm(p.algorithm as Algorithm);
      } finally {
        // whatever was applied is read back: the state always says what runs
        const options = await sim.options;
        this.state = { ...this.state, temperature: options.temperature, field: options.field, algorithm: options.algorithm };
        const info = this.info;
        if (info) this.info = { ...info, layout: await sim.layout };
        this.epoch++;
      }
    });
  }

  /** Runs continuously (or `steps` steps, then stops). */
  run(steps?: number): void {
    this.remaining = steps;
    this.running = true;
    this.lastSliceAt = 0;
    this.wake?.();
  }

  pause(): void {
    this.running = false;
    this.remaining = undefined;
  }

  /** One step, then a picture (while paused). */
  step(): Promise<void> {
    return this.exclusive(() => this.slice(1, true));
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (!this.running || !this.sim) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
      if (!this.running || !this.sim) continue;
      try {
        await this.exclusive(() => this.slice(this.remaining ?? SWEEP_FOR_DEFAULT_MAX, false));
      } catch (error) {
        this.running = false;
        this.hooks.stopped(error);
      }
    }
  }

  /** One slice: at most `maxSweeps` steps for SLICE_MS, records to the view, and a picture when one is due. */
  private async slice(maxSweeps: number, picture: boolean): Promise<void> {
    const sim = this.sim;
    if (!sim || (!picture && !this.running)) return;
    const tag = this.tag();
    const r = await sim.sweepFor(SLICE_MS, { record: true, maxSweeps });
    const first = this.steps;
    this.steps += r.sweeps;
    const now = performance.now();
    const sites = tag.size ** (tag.geometry === 'cubic' ? 3 : 2);
    const updatesPerNs = r.computeMs > 0 ? (r.sweepEquivalents * sites) / (r.computeMs * 1e6) : NaN;
    const stepsPerSecond = this.lastSliceAt > 0 ? (1000 * r.sweeps) / Math.max(1, now - this.lastSliceAt) : NaN;
    this.lastSliceAt = now;
    const smooth = (old: number, x: number) => (Number.isFinite(old) && Number.isFinite(x) ? 0.8 * old + 0.2 * x : x);
    this.speed = { updatesPerNs: smooth(this.speed.updatesPerNs, updatesPerNs), stepsPerSecond: smooth(this.speed.stepsPerSecond, stepsPerSecond) };
    // records: Int32Array (Ising, Potts) or Float64Array (continuous spins), in the model's layout
    this.hooks.records(tag, first, r.records as Int32Array | Float64Array, this.speed);
    if (this.remaining !== undefined) {
      this.remaining -= r.sweeps;
      if (this.remaining <= 0) {
        this.pause();
        picture = true;
        this.hooks.stopped();
      }
    }
    if (picture || this.hooks.wantsFrame(tag.size)) await this.picture(sim, tag);
  }

  /** Fetches the lattice (and the cluster labels when they are shown) and hands it to the view. */
  private async picture(sim: SimulationWorker, tag: RunTag): Promise<void> {
    const spins = tag.model === 'ising' && tag.geometry === 'square' ? await sim.spinBits() : ((await sim.spins()) as Uint8Array | Int8Array | Float64Array);
    const labels = this.hooks.wantsLabels(this.state) ? await sim.clusterLabels() : undefined;
    this.hooks.frame(tag, spins, labels);
  }

  /** A picture of the current lattice (e.g. after a change while paused). */
  refresh(): Promise<void> {
    return this.exclusive(async () => {
      const sim = this.sim;
      if (sim) await this.picture(sim, this.tag());
    });
  }

  dispose(): Promise<void> {
    this.pause();
    return this.sim?.dispose() ?? Promise.resolve();
  }
}
