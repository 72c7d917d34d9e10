/**
 * `criticality sweep ... --redis URL [--local-workers N]`: the same sweep, its points run by
 * workers of a queue (on any hosts), printed exactly as a one-machine sweep prints it.
 *
 * The points are runSweep's, as run jobs (sweepJobs); with warm starts (the default) the points of
 * one size form a chain on the queue, so the numbers are the same bit for bit. The sweep id is a
 * hash of the plan: running the same command again after an interruption finds the sweep on the
 * queue and collects it (points resume from their checkpoints). A sweep that finished is removed
 * from the queue once its results are in hand.
 */
import { describeConnection } from '../distributed/connection.js';
import { exactReference } from '../reference.js';
import { sweepJobs, type RunSweepOptions, type RunSweepResult, type SweepPoint } from '../sweep.js';
import type { Io } from './io.js';
import { createProgressBar } from './progress.js';
import { loadCluster } from './worker.js';
import { spawnWorkerProcesses, type WorkerProcesses } from './worker-processes.js';

export interface QueueSweepOptions {
  redis: string;
  queue?: string;
  /** Worker processes started here for the run, with their lock and checkpoint intervals. */
  localWorkers: number;
  lockMs: number;
  checkpointMs: number;
  showProgress: boolean;
}

/** Runs `options` on the queue and returns what runSweep would (state, points in run order, remaining, seed). */
export async function queueSweep(options: RunSweepOptions, how: QueueSweepOptions, io: Io): Promise<RunSweepResult> {
  const started = performance.now();
  const { jobs, warmStart, seed } = sweepJobs(options);
  const cluster = await loadCluster();
  const queueOptions = { connection: how.redis, queue: how.queue };
  const sweep = await cluster.enqueueSweep(jobs, { ...queueOptions, warmStart });
  const where = describeConnection(how.redis); // without the password
  const hint = how.localWorkers === 0 ? `; workers: criticality worker --redis ${where}${how.queue ? ` --queue ${how.queue}` : ''}` : '';
  io.stderr(
    `criticality: sweep ${sweep.id} ${sweep.created ? 'queued' : 'already on the queue (collecting it)'}: ${jobs.length} point(s) on queue ` +
      `"${sweep.queue}" at ${where}${hint}\n`,
  );

  let workers: WorkerProcesses | undefined;
  const lastLines = new Map<number, string[]>(); // the last lines of each local worker, shown if it dies
  const stopWaiting = new AbortController();
  const forward = () => stopWaiting.abort();
  io.signal?.addEventListener('abort', forward, { once: true });
  const bar = how.showProgress ? createProgressBar(io.stderr, io.stderrIsTTY ?? false) : undefined;
  let collected;
  try {
    if (how.localWorkers > 0) {
      const args = [
        '--redis',
        how.redis,
        '--lock-ms',
        String(how.lockMs),
        '--checkpoint-ms',
        String(how.checkpointMs),
        ...(how.queue ? ['--queue', how.queue] : []),
      ];
      // another worker picks up the point of a local worker that dies; when none is left, the wait ends
      workers = spawnWorkerProcesses(
        how.localWorkers,
        args,
        (k, line) => lastLines.set(k, [...(lastLines.get(k) ?? []).slice(-2), `[${k}] ${line}`]),
        ({ index, code, signal }) => {
          const last = lastLines.get(index) ?? [];
          io.stderr(
            `criticality: local worker ${index} ended (${signal ?? `exit code ${code}`})${last.length ? `; its last lines:\n${last.join('\n')}` : ''}\n`,
          );
          if (workers?.alive === 0) stopWaiting.abort();
        },
      );
    }
    collected = await cluster.collectSweep(sweep.id, {
      ...queueOptions,
      signal: stopWaiting.signal,
      onProgress: bar
        ? (p) => {
            const o = p.latest.job.options as { size: number; temperature: number };
            bar.update({
              pointsDone: p.pointsDone,
              pointsTotal: p.pointsTotal,
              size: o.size,
              temperature: o.temperature,
              fraction: p.fraction,
              elapsedMs: p.elapsedMs,
              etaMs: p.etaMs,
            });
          }
        : undefined,
    });
  } finally {
    bar?.done();
    io.signal?.removeEventListener('abort', forward);
    await workers?.stop();
  }

  const points: SweepPoint[] = [];
  collected.points.forEach(({ job, result }, k) => {
    if (!result) return;
    const o = job.options as { size: number; temperature: number; seed: number };
    const warmStarted = warmStart && k > 0 && jobs[k - 1].options.size === o.size;
    points.push({
      state: 'completed',
      size: o.size,
      temperature: o.temperature,
      seed: o.seed,
      warmStarted,
      measurement: result,
      exact: exactReference(o.size, o.temperature, result.field, job.options),
    });
  });
  const remaining = collected.missing.map((job) => ({ size: job.options.size as number, temperature: job.options.temperature as number }));
  const elapsedMs = performance.now() - started;
  if (!collected.finished) {
    io.stderr(`criticality: sweep ${sweep.id} stays on the queue; run the same command again to collect it (its points resume from their checkpoints)\n`);
    return { state: 'aborted', points, remaining, seed, elapsedMs };
  }
  await cluster.removeSweep(sweep.id, queueOptions);
  if (collected.failed.length > 0) {
    const lines = collected.failed.map(({ job, error }) => `L=${job.options.size} T=${job.options.temperature}: ${error}`);
    const error = new Error(`${collected.failed.length} point(s) failed on the queue:\n  ${lines.join('\n  ')}`);
    return { state: 'errored', points, remaining, error, seed, elapsedMs };
  }
  return { state: 'completed', points, remaining, seed, elapsedMs };
}
