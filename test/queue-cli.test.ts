// The command line on a queue: `criticality sweep ... --redis URL --local-workers 3 --format json`
// prints what the same sweep prints without --redis (timing aside), also when a worker is killed
// mid-run; `criticality worker --concurrency 2` runs two processes and drains them on SIGTERM.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWithCheckpoint, startWorkerProcesses, waitFor, type TestWorkers } from './helpers/queue.js';
import { cli, expectRejected } from './helpers/cli.js';
import { exited, startRedis, type TestRedis } from './helpers/redis.js';

const withoutTiming = (stdout: string) => {
  const { elapsedMs, ...rest } = JSON.parse(stdout) as { elapsedMs: number };
  expect(elapsedMs).toBeGreaterThan(0);
  return rest;
};

describe('criticality sweep --redis and criticality worker', { timeout: 60_000 }, () => {
  let redis: TestRedis;
  let workers: TestWorkers | undefined;

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await workers?.stop(10_000);
    await redis?.stop();
  });

  it('prints the one-machine JSON, bit for bit, with 3 local worker processes', async () => {
    const sweep = ['sweep', '--sizes', '16,32', '--temperatures', '2.2:2.4:0.05', '--sweeps', '20000', '--format', 'json'];
    const local = await cli(...sweep);
    const queued = await cli(...sweep, '--redis', redis.url, '--local-workers', '3', '--queue', 'cli');
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stderr).toMatch(/^criticality: sweep [0-9a-f]{24} queued: 10 point\(s\) on queue "cli"/);
    expect(withoutTiming(queued.stdout)).toEqual(withoutTiming(local.stdout));
    // finished sweeps leave nothing on the queue
    const queue = new Queue('cli', { connection: { url: redis.url } });
    expect(await queue.getJobCounts('wait', 'active', 'completed', 'failed', 'waiting-children')).toEqual({ wait: 0, active: 0, completed: 0, failed: 0, 'waiting-children': 0 });
    await queue.close();
  });

  it('prints the same after a worker is SIGKILLed mid-point (warm-start chain)', async () => {
    const sweep = ['sweep', '--sizes', '128', '--temperatures', '2.2,2.3,2.4', '--thermalize', '1000', '--sweeps', '60000', '--correlations', '--histograms', '--format', 'json'];
    const local = await cli(...sweep);
    workers = startWorkerProcesses(2, redis.url, ['--queue', 'kill', '--checkpoint-ms', '100', '--lock-ms', '1500']);
    const queued = cli(...sweep, '--redis', redis.url, '--queue', 'kill');
    const queue = new Queue('kill', { connection: { url: redis.url } });
    try {
      const victim = await waitFor('a running point with a checkpoint', 30_000, () => activeWithCheckpoint(queue, undefined, 0.7));
      const k = workers.names.indexOf(victim.data.checkpoint!.worker);
      process.kill(workers.pids[k], 'SIGKILL');
      const { code, stdout, stderr } = await queued;
      expect(code, stderr).toBe(0);
      expect(withoutTiming(stdout)).toEqual(withoutTiming(local.stdout));
      expect(workers.exits).toEqual([{ index: k, code: null, signal: 'SIGKILL' }]);
      expect(workers.lines.some((line) => line.includes(`(checkpoint by ${workers!.names[k]})`))).toBe(true);
    } finally {
      await queue.close();
    }
  });

  it('carries series, histograms and correlations exactly: --independent --analysis', async () => {
    const sweep = ['sweep', '--sizes', '8,16', '--temperatures', '2.1:2.5:0.1', '--sweeps', '4000', '--independent', '--analysis', '--correlations', '--histograms', '--format', 'json'];
    const local = await cli(...sweep);
    const queued = await cli(...sweep, '--redis', redis.url, '--local-workers', '2', '--queue', 'analysis');
    expect(queued.code, queued.stderr).toBe(0);
    const result = withoutTiming(queued.stdout) as { analysis?: unknown; points: { histograms?: unknown; correlation?: unknown }[] };
    expect(result.analysis).toBeDefined();
    expect(result.points[0].histograms).toBeDefined();
    expect(result.points[0].correlation).toBeDefined();
    expect(result).toEqual(withoutTiming(local.stdout));
  });

  it('worker --concurrency 2 runs two processes and drains them on SIGTERM', async () => {
    const bin = fileURLToPath(new URL('../bin/criticality.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'worker', '--redis', redis.url, '--concurrency', '2', '--queue', 'pair'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      await waitFor('two waiting workers', 20_000, async () => (/\[0\] .*waiting for points/.test(stderr) && /\[1\] .*waiting for points/.test(stderr) ? true : undefined));
      child.kill('SIGTERM');
      expect(await exited(child, 15_000)).toBe(true);
      expect(child.exitCode).toBe(0);
      expect(stderr).toMatch(/\[0\] .*stopping \(0 point\(s\) completed\)/);
      expect(stderr).toMatch(/\[1\] .*stopping \(0 point\(s\) completed\)/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects bad queue flags naming the flag', async () => {
    await expectRejected(['sweep', '--local-workers', '2'], /Invalid option "--local-workers": expected to be given with --redis, got "2"/);
    await expectRejected(['sweep', '--redis', 'http://x'], /Invalid option "--redis": expected a Redis URL like redis:\/\/127\.0\.0\.1:6379, got "http:\/\/x"/);
    await expectRejected(['sweep', '--redis', redis.url, '--queue', 'a:b'], /Invalid option "--queue": expected a queue name/);
    await expectRejected(['worker'], /Invalid option "--redis": expected a Redis URL/);
    await expectRejected(['worker', '--redis', redis.url, '--concurrency', '0'], /Invalid option "--concurrency": expected an integer from 1 to 64, got 0/);
    await expectRejected(['worker', '--redis', redis.url, '--lock-ms', 'soon'], /Invalid option "--lock-ms": expected an integer from 500 to 3600000, got "soon"/);
  });
});
