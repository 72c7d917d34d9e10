// A point comes back to a worker three ways, and each time resumes from its last checkpoint with a
// result identical bit for bit to an uninterrupted run: a worker drained by SIGTERM (it writes a
// checkpoint and puts the point back, and exits 0), a failed attempt that BullMQ retries, and a
// stalled worker (SIGSTOP: its lock expires and another worker takes the point over).
// Every worker here has the same short lock: BullMQ runs the stalled-job check of a queue at most once
// per interval of the worker that ran it last.
import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSweep, enqueueSweep, startWorker, type ClusterWorker, type PointPayload } from '../src/distributed/index.js';
import { executeJob, type RunJob } from '../src/index.js';
import { activeWithCheckpoint, exact, startWorkerProcesses, waitFor, type TestWorkers } from './helpers/queue.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

const LOCK_MS = 2000;

// one point of a few seconds (WebAssembly, 2-core machine)
const point = (seed: number): RunJob => ({ kind: 'run', options: { size: 96, temperature: 2.3, seed }, thermalize: 500, sweeps: 200_000 });

async function reference(job: RunJob) {
  const r = await executeJob(job);
  if (r.state !== 'completed') throw new Error(r.state);
  return r.result;
}

/** The "<resumer>: resumed from the checkpoint at sweep N of M written by W" lines of a job. */
async function resumes(queue: Queue, jobId: string) {
  const { logs } = await queue.getJobLogs(jobId);
  return logs.flatMap((line) => {
    const m = /^(\S+): resumed from the checkpoint at sweep (\d+) of (\d+) written by (\S+)$/.exec(line);
    return m ? [{ by: m[1], at: Number(m[2]), of: Number(m[3]), writer: m[4] }] : [];
  });
}

describe('a point resumes from its checkpoint', { timeout: 60_000 }, () => {
  let redis: TestRedis;
  let queue: Queue;
  const processes: TestWorkers[] = [];
  const workers: ClusterWorker[] = [];
  const options = () => ({ connection: redis.url, queue: 'resume' });

  beforeAll(async () => {
    redis = await startRedis();
    queue = new Queue('resume', { connection: { url: redis.url } });
  });

  afterAll(async () => {
    for (const p of processes) {
      for (const pid of p.pids) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // already ended
        }
      }
      await p.stop(10_000);
    }
    for (const w of workers) await w.close();
    await queue?.close();
    await redis?.stop();
  });

  it('after SIGTERM: the worker checkpoints, puts the point back and exits 0', async () => {
    const job = point(1);
    const sweep = await enqueueSweep([job], options());
    const first = startWorkerProcesses(1, redis.url, ['--queue', 'resume', '--checkpoint-ms', '60000', '--lock-ms', String(LOCK_MS)]);
    processes.push(first);
    const jobId = `${sweep.id}-0`;
    await waitFor('the point to run', 30_000, async () => ((await queue.getJobState(jobId)) === 'active' ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    const [code] = await first.stop(10_000);
    expect(code).toBe(0);
    const parked = (await queue.getJob(jobId)) as Job<PointPayload>;
    expect(await parked.getState()).toBe('waiting');
    expect(parked.attemptsMade).toBe(0);
    expect(parked.data.checkpoint).toMatchObject({ worker: first.names[0] });
    expect(parked.data.checkpoint!.sweepsDone).toBeGreaterThan(0);
    expect(first.lines.some((l) => /returned to the queue at sweep \d+\/200500 \(worker stopping\)/.test(l))).toBe(true);

    workers.push(await startWorker({ ...options(), name: 'second', lockDurationMs: LOCK_MS }));
    const merged = await collectSweep(sweep.id, { ...options(), timeoutMs: 40_000, pollMs: 200 });
    expect(merged.state).toBe('completed');
    expect(await resumes(queue, jobId)).toEqual([{ by: 'second', at: parked.data.checkpoint!.sweepsDone, of: 200_500, writer: first.names[0] }]);
    expect(exact(merged.points[0].result)).toBe(exact(await reference(job)));
    expect(((await queue.getJob(jobId)) as Job<PointPayload>).data.checkpoint).toBeUndefined();
    await workers.pop()!.close();
  });

  it('after a failed attempt: BullMQ retries it and the retry starts from the checkpoint', async () => {
    const job = point(2);
    const sweep = await enqueueSweep([job], { ...options(), attempts: 2 });
    const jobId = `${sweep.id}-0`;
    // a first attempt that checkpoints at sweep 30000 and then fails (as after an exception)
    const manual = new Worker('resume', null, { connection: { url: redis.url }, autorun: false });
    const taken = (await manual.getNextJob('t1')) as Job<PointPayload>;
    expect(taken.id).toBe(jobId);
    const partial = await executeJob(job, { maxSweeps: 30_000 });
    if (partial.state === 'completed') throw new Error('completed');
    await taken.updateData({ ...taken.data, checkpoint: { data: Buffer.from(partial.checkpoint).toString('base64'), sweepsDone: 30_000, sweepsTotal: 200_500, worker: 'first-attempt', writtenAt: Date.now() } });
    await taken.moveToFailed(new Error('out of memory (say)'), 't1');
    await manual.close();
    expect(await queue.getJobState(jobId)).toMatch(/delayed|waiting/);

    workers.push(await startWorker({ ...options(), name: 'retrier', lockDurationMs: LOCK_MS }));
    const merged = await collectSweep(sweep.id, { ...options(), timeoutMs: 40_000, pollMs: 200 });
    expect(merged.state).toBe('completed');
    expect((await queue.getJob(jobId))!.attemptsMade).toBe(2);
    expect(await resumes(queue, jobId)).toEqual([{ by: 'retrier', at: 30_000, of: 200_500, writer: 'first-attempt' }]);
    expect(exact(merged.points[0].result)).toBe(exact(await reference(job)));
    await workers.pop()!.close();
  });

  it('after a stall (SIGSTOP): another worker takes the point over; the stalled one, woken, changes nothing', async () => {
    const job = point(3);
    const sweep = await enqueueSweep([job], options());
    const jobId = `${sweep.id}-0`;
    const stalled = startWorkerProcesses(1, redis.url, ['--queue', 'resume', '--checkpoint-ms', '100', '--lock-ms', String(LOCK_MS)]);
    processes.push(stalled);
    const running = await waitFor('a checkpoint', 30_000, () => activeWithCheckpoint(queue, stalled.names[0], 0.5));
    process.kill(stalled.pids[0], 'SIGSTOP');
    const frozenAt = running.data.checkpoint!.sweepsDone;

    workers.push(await startWorker({ ...options(), name: 'rescuer', lockDurationMs: LOCK_MS }));
    await waitFor('the rescue', 30_000, async () => ((await resumes(queue, jobId)).length > 0 ? true : undefined));
    process.kill(stalled.pids[0], 'SIGCONT');
    const merged = await collectSweep(sweep.id, { ...options(), timeoutMs: 40_000, pollMs: 200 });
    expect(merged.state).toBe('completed');
    const [rescue] = await resumes(queue, jobId);
    expect(rescue).toMatchObject({ by: 'rescuer', writer: stalled.names[0] });
    expect(rescue.at).toBeGreaterThanOrEqual(frozenAt);
    expect(exact(merged.points[0].result)).toBe(exact(await reference(job)));
    // woken, the stalled worker learns that its lock is gone and stops without writing anything
    await waitFor('the stalled worker to let go', 20_000, async () => (stalled.lines.some((l) => /its lock was lost/.test(l)) ? true : undefined));
    expect(stalled.names[0]).toContain(hostname());
  });
});
