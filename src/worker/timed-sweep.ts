/**
 * Sweeps for a time budget: the worker's `sweepFor(ms)`, for callers that pace themselves by the
 * clock (a page drawing frames) rather than by a number of sweeps. The work runs in chunks through
 * the job runner (abortable between chunks), stops at the deadline or after `maxSweeps` steps,
 * and can return the per-step records (the model's layout, e.g. Ising (B, M)), so that a live view
 * loses no sample.
 */
import { InvalidOptionError } from '../errors.js';
import { checkCount, checkPositive } from '../options.js';
import type { ChunkedWork } from '../jobs/runner.js';
import type { Simulation, SweepResult } from '../simulation.js';
import { createRecords, type RecordArray } from '../models/model.js';
import { clusterStepOf, maxStepWorkOf } from '../cluster/step.js';

/** Options of `sweepFor`. */
export interface SweepForOptions {
  /** Most steps this call may run (it ends earlier at the deadline): an integer from 1 to 2^31 - 1. @default 1048576 (2^20) */
  maxSweeps?: number;
  /** Return the records (the model's layout, e.g. Ising (B, M)) of every step run. @default false */
  record?: boolean;
}

/** What `sweepFor` returns. */
export interface TimedSweepResult extends SweepResult {
  /** Wall time of the call in the worker, ms (kernel time plus the yields between chunks). */
  elapsedMs: number;
  /** Time spent in the kernel, ms: the speed is sweepEquivalents * N / (computeMs * 10^6) site updates per ns. */
  computeMs: number;
  /**
   * With `record: true`: the record of step k at records[W k .. W k + W - 1] (W = recordWidth; Ising:
   * B = sum_<ij> s_i s_j at records[2k] and M = sum_i s_i at records[2k + 1]), for the `sweeps` steps of
   * this call (as Simulation.sweep(n, records) writes them; a Float64Array for models with float64 records).
   */
  records?: RecordArray;
}

/** Default `maxSweeps` (with records every step takes 8 bytes: 2^20 steps, 8 MiB). */
export const SWEEP_FOR_DEFAULT_MAX = 2 ** 20;

export function checkSweepFor(ms: unknown, options: unknown): { ms: number; maxSweeps: number; record: boolean } {
  checkPositive('ms', ms);
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', options, 'an object like { maxSweeps: 1000, record: true }');
  for (const key of Object.keys(options)) {
    if (key !== 'maxSweeps' && key !== 'record')
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known option (unknown option "${key}"; known: maxSweeps, record)`);
  }
  const o = options as SweepForOptions;
  const maxSweeps = checkCount('maxSweeps', o.maxSweeps ?? SWEEP_FOR_DEFAULT_MAX, 1);
  const record = o.record ?? false;
  if (typeof record !== 'boolean') throw new InvalidOptionError('record', record, 'true or false');
  return { ms: ms as number, maxSweeps, record };
}

/** Steps of `sim` in chunks, timing the kernel and keeping the records of every chunk when asked. */
export class TimedSweeps implements ChunkedWork {
  done = 0;
  flips = 0;
  work = 0;
  computeMs = 0;
  readonly maxStepWork: number;
  private readonly chunks: RecordArray[] = [];

  constructor(
    private readonly sim: Simulation,
    readonly total: number,
    private readonly record: boolean,
  ) {
    this.maxStepWork = maxStepWorkOf(clusterStepOf(sim.options));
  }

  get sites(): number {
    return this.sim.sites;
  }

  get phase(): 'sweep' | 'done' {
    return this.done === this.total ? 'done' : 'sweep';
  }

  advance(n: number): number {
    const k = Math.min(n, this.total - this.done);
    const out = this.record ? createRecords(this.sim.recordType, this.sim.recordWidth * k) : undefined;
    const t0 = performance.now();
    const result = this.sim.sweep(k, out);
    this.computeMs += performance.now() - t0;
    if (out) this.chunks.push(out);
    this.flips += result.flips;
    this.work += result.sweepEquivalents;
    this.done += k;
    return k;
  }

  checkpoint(): Uint8Array {
    return this.sim.checkpoint();
  }

  /** The result of the steps run so far. */
  result(elapsedMs: number): TimedSweepResult {
    const result: TimedSweepResult = {
      sweeps: this.done,
      flips: this.flips,
      acceptance: this.done > 0 ? this.flips / (this.done * this.sim.sites) : NaN,
      sweepEquivalents: this.work,
      elapsedMs,
      computeMs: this.computeMs,
    };
    if (this.record) {
      const records = createRecords(this.sim.recordType, this.sim.recordWidth * this.done);
      let at = 0;
      for (const chunk of this.chunks) {
        records.set(chunk, at);
        at += chunk.length;
      }
      result.records = records;
    }
    return result;
  }
}
