// A sweep on a real redis-server, run by 3 worker processes; one is SIGKILLed mid-point. Another
// worker picks the point up (BullMQ stalled-job check) and resumes it from its last checkpoint, and
// the merged result is bit-identical to the one-machine run. Collecting and enqueueing again are idempotent.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSweep, enqueueSweep } from '../src/distributed/index.js';
import { executeJob, mergeResults, planSweep, type Measurement, type SweepPlan } from '../src/index.js';
import { activeWithCheckpoint, exact, startWorkerProcesses, waitFor, type TestWorkers } from './helpers/queue.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

// four points of about a second each (WebAssembly, 2-core machine): long enough to be killed mid-point
const plan: SweepPlan = { sizes: [128], temperatures: [2.2, 2.3, 2.4, 2.5], thermalize: 1000, sweeps: 100_000, seed: 7 };

describe('a distributed sweep survives a SIGKILLed worker', { timeout: 60_000 }, () => {
  let redis: TestRedis;
  let workers: TestWorkers | undefined;
  let queue: Queue;

  beforeAll(async () => {
    redis = await startRedis();
    queue = new Queue('kill', { connection: { url: redis.url } });
  });

  afterAll(async () => {
    await workers?.stop(10_000);
    await queue?.close();
    await redis?.stop();
  });

  it('resumes the killed point from its checkpoint and merges to the one-machine result, bit for bit', async () => {
    const options = { connection: redis.url, queue: 'kill' };
    const sweep = await enqueueSweep(plan, options);
    expect(sweep.created).toBe(true);
    expect(sweep.jobs).toEqual(planSweep(plan));
    workers = startWorkerProcesses(3, redis.url, ['--queue', 'kill', '--checkpoint-ms', '100', '--lock-ms', '1500']);

    // kill a worker that holds a point with a checkpoint (mid-point: neither at zero nor finished)
    const victim = await waitFor('a running point with a checkpoint', 30_000, () => activeWithCheckpoint(queue, undefined, 0.7));
    const killedName = victim.data.checkpoint!.worker;
    const k = workers.names.indexOf(killedName);
    expect(k).toBeGreaterThanOrEqual(0);
    process.kill(workers.pids[k], 'SIGKILL');
    const seenAt = victim.data.checkpoint!.sweepsDone;

    // the one-machine run, while the others work
    const reference = mergeResults(sweep.jobs, await Promise.all(sweep.jobs.map(async (job) => {
      const r = await executeJob(job);
      if (r.state !== 'completed') throw new Error(r.state);
      return r.result;
    })));

    const merged = await collectSweep(sweep.id, { ...options, timeoutMs: 45_000, pollMs: 500 });
    expect(merged.finished).toBe(true);
    expect(merged.failed).toEqual([]);
    expect(merged.state).toBe('completed');
    expect(exact(merged.points)).toBe(exact(reference.points));

    // the killed point was resumed by another worker from the killed worker's checkpoint, not from zero
    const { logs } = await queue.getJobLogs(victim.id!);
    const resumed = logs.map((line) => /^(\S+): resumed from the checkpoint at sweep (\d+) of (\d+) written by (\S+)$/.exec(line)).find((m) => m && m[4] === killedName);
    expect(resumed?.[4], logs.join('\n')).toBe(killedName);
    expect(resumed![1]).not.toBe(killedName);
    expect(Number(resumed![2])).toBeGreaterThanOrEqual(seenAt);
    expect(Number(resumed![2])).toBeLessThan(Number(resumed![3]));
    expect(workers.exits).toEqual([{ index: k, code: null, signal: 'SIGKILL' }]);

    // collecting again returns the same; enqueueing the same sweep again adds nothing
    const again = await collectSweep(sweep.id, options);
    expect(exact(again)).toBe(exact(merged));
    const twice = await enqueueSweep(plan, options);
    expect(twice).toMatchObject({ id: sweep.id, created: false });
    expect(await queue.getJobCounts('wait', 'active', 'completed')).toEqual({ wait: 0, active: 0, completed: plan.temperatures!.length });
    expect((merged.points[0].result as Measurement).sweeps).toBe(plan.sweeps);

    // the two others drain on SIGTERM and exit 0
    const stopped = workers;
    workers = undefined;
    const codes = await stopped.stop(10_000);
    expect(codes.filter((_, i) => i !== k)).toEqual([0, 0]);
  });
});
