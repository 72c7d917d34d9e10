// The queue passes a job's options through untouched: a q = 3 Potts sweep runs on it as any other
// model would, and merges to the one-machine results bit for bit; the CLI's Potts sweeps too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSweep, enqueueSweep, startWorker, type ClusterWorker } from '../src/distributed/index.js';
import { executeJob, mergeResults, planSweep, type SweepPlan } from '../src/index.js';
import { cli } from './helpers/cli.js';
import { exact } from './helpers/queue.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

const plan: SweepPlan = { sizes: [8, 16], temperatures: [0.95, 1.05], sweeps: 2000, seed: 5, options: { model: 'potts', q: 3 } };

describe('other models on the queue', () => {
  let redis: TestRedis;
  let worker: ClusterWorker | undefined;

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  });

  it('a Potts sweep merges to the one-machine results, bit for bit', async () => {
    const options = { connection: redis.url, queue: 'models' };
    worker = await startWorker(options);
    const sweep = await enqueueSweep(plan, options);
    const merged = await collectSweep(sweep.id, { ...options, timeoutMs: 20_000 });
    const jobs = planSweep(plan);
    const reference = mergeResults(jobs, await Promise.all(jobs.map(async (job) => {
      const r = await executeJob(job);
      if (r.state !== 'completed') throw new Error(r.state);
      return r.result;
    })));
    expect(merged.state).toBe('completed');
    expect(merged.points.map((p) => p.result?.model)).toEqual(['potts', 'potts', 'potts', 'potts']);
    expect(exact(merged.points)).toBe(exact(reference.points));
  });

  it('criticality sweep --model potts --redis prints what it prints without --redis (warm starts)', async () => {
    const sweep = ['sweep', '--model', 'potts', '--q', '3', '--sizes', '8,16', '--temperatures', '0.9,1.0,1.1', '--sweeps', '2000', '--format', 'json'];
    const local = await cli(...sweep);
    const queued = await cli(...sweep, '--redis', redis.url, '--queue', 'models');
    expect(queued.code, queued.stderr).toBe(0);
    const { elapsedMs: _a, ...a } = JSON.parse(queued.stdout);
    const { elapsedMs: _b, ...b } = JSON.parse(local.stdout);
    expect(a.points).toHaveLength(6);
    expect(a).toEqual(b);
  });
});
