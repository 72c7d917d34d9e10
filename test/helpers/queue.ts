// Test helpers for the queue: worker processes (the CLI's `criticality worker`), job polling, exact comparison.
import { hostname } from 'node:os';
import { Queue, type Job } from 'bullmq';
import { spawnWorkerProcesses, type ProcessExit, type WorkerProcesses } from '../../src/cli/worker-processes.js';
import { toWire } from '../../src/distributed/wire.js';
import type { PointPayload } from '../../src/distributed/protocol.js';

export interface TestWorkers extends WorkerProcesses {
  /** Worker names ("<hostname>:<pid>"), as they appear in checkpoints and logs. */
  names: string[];
  /** Every stderr line, prefixed "[k]". */
  lines: string[];
  /** Processes that ended before stop(). */
  exits: ProcessExit[];
}

/** Starts `count` `criticality worker --redis URL <args>` processes (the built CLI). Stop them with stop(). */
export function startWorkerProcesses(count: number, url: string, args: string[] = []): TestWorkers {
  const lines: string[] = [];
  const exits: ProcessExit[] = [];
  const processes = spawnWorkerProcesses(count, ['--redis', url, ...args], (k, line) => lines.push(`[${k}] ${line}`), (exit) => exits.push(exit));
  return Object.assign(processes, { names: processes.pids.map((pid) => `${hostname()}:${pid}`), lines, exits });
}

/** Polls `test` every 20 ms until it returns a value, at most `ms`; throws `what` on timeout. */
export async function waitFor<T>(what: string, ms: number, test: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await test();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The first active job of `queue` holding a checkpoint written by `worker` (any worker when
 * undefined) at more than 0 and at most `before` of its sweeps.
 */
export async function activeWithCheckpoint(queue: Queue, worker?: string, before = 1): Promise<Job<PointPayload> | undefined> {
  const active = (await queue.getActive()) as Job<PointPayload>[];
  return active.find((job) => {
    const c = job.data.checkpoint;
    return c && c.sweepsDone > 0 && c.sweepsDone <= before * c.sweepsTotal && (worker === undefined || c.worker === worker);
  });
}

/** Exact text of a value: numbers bit for bit (NaN, -0 tagged), typed arrays element by element. */
export function exact(value: unknown): string {
  return JSON.stringify(toWire(value));
}
