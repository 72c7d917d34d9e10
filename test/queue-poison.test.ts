// A point whose payload a worker cannot run (bad options, another protocol version) fails at once
// with a clear error in collectSweep's result, instead of being retried; the other points complete,
// and in a warm-start chain the points after it fail with it. Misuse of ids is a typed error.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSweep, enqueueSweep, removeSweep, startWorker, type ClusterWorker } from '../src/distributed/index.js';
import { InvalidOptionError, type SweepPlan } from '../src/index.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

const plan: SweepPlan = { sizes: [8], temperatures: [2.0, 2.3, 2.6], sweeps: 2000 };

describe('poisoned points', { timeout: 30_000 }, () => {
  let redis: TestRedis;
  let queue: Queue;
  let worker: ClusterWorker | undefined;
  const options = () => ({ connection: redis.url, queue: 'poison' });

  beforeAll(async () => {
    redis = await startRedis();
    queue = new Queue('poison', { connection: { url: redis.url } });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await redis?.stop();
  });

  it('fail once with the reason; the others complete; a warm-start chain fails after the bad point', async () => {
    const independent = await enqueueSweep(plan, { ...options(), attempts: 3 });
    const chained = await enqueueSweep(plan, { ...options(), attempts: 3, warmStart: true });
    expect(chained.id).not.toBe(independent.id);
    // what an incompatible client or a hand-made job would put on the queue
    const bad = (await queue.getJob(`${independent.id}-1`))!;
    await bad.updateData({ ...bad.data, job: { ...bad.data.job, options: { ...bad.data.job.options, size: 7 } } });
    const skewed = (await queue.getJob(`${chained.id}-1`))!;
    await skewed.updateData({ ...skewed.data, version: 2 });

    worker = await startWorker({ ...options(), lockDurationMs: 2000 });
    const a = await collectSweep(independent.id, { ...options(), timeoutMs: 20_000, pollMs: 200 });
    expect(a.finished).toBe(true);
    expect(a.state).toBe('incomplete');
    expect(a.failed.map((f) => f.index)).toEqual([1]);
    expect(a.failed[0].error).toMatch(/^bad job payload: Invalid option "data\.job\.options\.size": expected .*, got 7$/);
    expect(a.missing).toEqual([independent.jobs[1]]);
    expect(a.points.map((p) => p.result?.temperature)).toEqual([2.0, undefined, 2.6]);
    expect((await queue.getJob(`${independent.id}-1`))!.attemptsMade).toBe(1);

    const b = await collectSweep(chained.id, { ...options(), timeoutMs: 20_000, pollMs: 200 });
    expect(b.failed.map((f) => f.index)).toEqual([1, 2]);
    expect(b.failed[0].error).toMatch(/^bad job payload: Invalid option "data\.version": expected 1 .*, got 2$/);
    expect(b.failed[1].error).toBe('the point it warm-starts from (L=8 T=2.3, index 1) failed');
    expect(b.points.map((p) => p.result !== undefined)).toEqual([true, false, false]);
    expect((await queue.getJob(`${chained.id}-1`))!.attemptsMade).toBe(1);

    expect(await removeSweep(independent.id, options())).toBe(3);
    await expect(collectSweep(independent.id, options())).rejects.toThrow(/Invalid option "id": expected the id of a sweep on queue "poison"/);
  });

  it('refuses an id used by another plan, and bad options, before touching the queue', async () => {
    await enqueueSweep(plan, { ...options(), id: 'mine' });
    await expect(enqueueSweep({ ...plan, sweeps: 3000 }, { ...options(), id: 'mine' })).rejects.toThrow(/Invalid option "id": expected an id not used by another sweep/);
    await expect(enqueueSweep(plan, { ...options(), id: 'a:b' })).rejects.toThrow(InvalidOptionError);
    await expect(enqueueSweep({ ...plan, sizes: [7] }, options())).rejects.toThrow(/sizes\[0\]/);
    await expect(enqueueSweep([], options())).rejects.toThrow(/Invalid option "plan": expected at least one job/);
    await expect(enqueueSweep(plan, { ...options(), attempts: 0 })).rejects.toThrow(/Invalid option "attempts"/);
    await expect(enqueueSweep(plan, { connection: 'http://x' })).rejects.toThrow(/Invalid option "connection": expected a redis:\/\/ or rediss:\/\/ URL/);
    await expect(startWorker({ ...options(), concurrency: 0 })).rejects.toThrow(/Invalid option "concurrency"/);
  });

  it('says which Redis it cannot reach, within a bounded time', async () => {
    const t0 = Date.now();
    await expect(collectSweep('x', { connection: 'redis://127.0.0.1:1', connectTimeoutMs: 300 })).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/? within 0\.3 s \(.*ECONNREFUSED/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
