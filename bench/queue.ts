/**
 * `npm run bench:queue`: sweeps on the distributed queue (criticality/cluster, BullMQ on a private
 * redis-server started here), through the public API and the `criticality worker` command.
 *
 * 1. Throughput: one sweep of independent points run by 1, 2 and 4 worker processes, wall time from
 *    enqueueSweep to collectSweep's answer; and the same points one after another in this process
 *    without a queue (executeJob), the reference. Ratios are from the same run. The CPU time the
 *    workers got (Linux /proc) tells the queue's cost apart from the machine's load.
 * 2. Overhead per point: enqueue to start (BullMQ's job.processedOn - job.timestamp) of tiny points
 *    with an idle worker, the whole round trip of a tiny point, and enqueueSweep's time per point.
 * 3. Checkpoints: run checkpoints after R recorded sweeps for several L: size, encoding time (in the
 *    worker's thread, between chunks) and write time (job.updateData into Redis).
 * 4. Redis memory (INFO used_memory) per completed point, without and with keepSeries.
 *
 * Writes bench/results-queue.json, then bench/RESULTS.md from every JSON result that exists.
 * Flags: --size 128 --points 8 --sweeps 50000 --workers 1,2,4 --repeats 3 (configurations interleaved)
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Queue, type Job } from 'bullmq';
import { decodeCheckpoint, encodeCheckpoint, executeJob, planSweep, type RunJob } from '../dist/index.js';
import { collectSweep, enqueueSweep, removeSweep, type PointPayload } from '../dist/distributed/index.js';
import { spawnWorkerProcesses, type WorkerProcesses } from '../dist/cli/worker-processes.js';
import { startRedis } from '../test/helpers/redis.js';
import { runEnvironment, writeResults } from './environment.js';
import { flag } from './node-args.js';
import { queueSection, type QueueReport } from './queue-report.js';

const size = Number(flag('size', '128'));
const points = Number(flag('points', '8'));
const sweeps = Number(flag('sweeps', '50000'));
const workerCounts = flag('workers', '1,2,4').split(',').map(Number);
const repeats = Number(flag('repeats', '3'));
const thermalize = Math.round(sweeps / 10);
const QUEUE = 'bench';

const TICK_MS = 1000 / Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim() || 100);
/** CPU time (user + system) of processes `pids` so far, ms (Linux /proc). */
const cpuMs = (pids: number[]) => pids.reduce((sum, pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return sum + (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const log = (line: string) => console.log(line);

const loadBefore = os.loadavg()[0];
const redis = await startRedis();
const options = { connection: redis.url, queue: QUEUE };
const queue = new Queue(QUEUE, { connection: { url: redis.url } });
const client = await queue.backend.client;
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await client.info())![1]);
let processes: WorkerProcesses | undefined;

/** Starts `count` worker processes and waits until each is taking points. */
async function startWorkers(count: number): Promise<WorkerProcesses> {
  let ready = 0;
  const started = spawnWorkerProcesses(count, ['--redis', redis.url, '--queue', QUEUE], (_, line) => {
    if (line.includes('waiting for points')) ready++;
  }, (exit) => log(`worker ${exit.index} ended: ${exit.code ?? exit.signal}`));
  const end = Date.now() + 30_000;
  while (ready < count) {
    if (Date.now() > end) throw new Error('workers did not start within 30 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  return started;
}

try {
  // 1. throughput
  const plan = (seed: number) => ({ sizes: [size], temperatures: Array.from({ length: points }, (_, k) => 2 + 0.05 * k), thermalize, sweeps, seed });
  const updates = points * size * size * (thermalize + sweeps);
  // configurations interleaved, so that a change of the machine's load hits them alike
  const sequential: number[] = [];
  const sequentialCpu: number[] = [];
  const times: Record<number, number[]> = Object.fromEntries(workerCounts.map((c) => [c, []]));
  const cpu: Record<number, number[]> = Object.fromEntries(workerCounts.map((c) => [c, []]));
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const job of planSweep(plan(1))) await executeJob(job);
    sequential.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    sequentialCpu.push((c1.user + c1.system) / 1000);
    log(`one process, no queue: ${(sequential.at(-1)! / 1000).toFixed(2)} s`);
    for (const count of workerCounts) {
      processes = await startWorkers(count);
      const cpuBefore = cpuMs(processes.pids);
      const start = performance.now();
      const sweep = await enqueueSweep(plan(100 * count + r), options);
      const merged = await collectSweep(sweep.id, { ...options, pollMs: 500 });
      times[count].push(performance.now() - start);
      cpu[count].push(cpuMs(processes.pids) - cpuBefore);
      if (merged.state !== 'completed') throw new Error(`sweep ${merged.state}`);
      await processes.stop();
      processes = undefined;
      await removeSweep(sweep.id, options);
      log(`${count} worker process(es): ${(times[count].at(-1)! / 1000).toFixed(2)} s, ${(cpu[count].at(-1)! / 1000).toFixed(2)} s of CPU`);
    }
  }
  const sequentialMs = median(sequential);
  const wallMs: Record<number, number> = Object.fromEntries(workerCounts.map((c) => [c, median(times[c])]));
  const cpuMsOf: Record<number, number> = Object.fromEntries(workerCounts.map((c) => [c, median(cpu[c])]));
  const sequentialCpuMs = median(sequentialCpu);

  // 2. overhead per point
  processes = await startWorkers(1);
  const startMs: number[] = [];
  const roundTripMs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const tiny: RunJob = { kind: 'run', options: { size: 8, temperature: 2.3, seed: 1000 + i }, sweeps: 100 };
    const t = performance.now();
    const sweep = await enqueueSweep([tiny], options);
    await collectSweep(sweep.id, { ...options, pollMs: 1000 });
    roundTripMs.push(performance.now() - t);
    const job = (await queue.getJob(`${sweep.id}-0`))!;
    startMs.push(job.processedOn! - job.timestamp);
    await removeSweep(sweep.id, options);
  }
  await processes.stop();
  processes = undefined;
  const many = Array.from({ length: 1000 }, (_, k): RunJob => ({ kind: 'run', options: { size: 8, temperature: 1 + k / 1000, seed: 1 }, sweeps: 100 }));
  const e0 = performance.now();
  const big = await enqueueSweep(many, options);
  const enqueuePerPointMs = (performance.now() - e0) / many.length;
  await queue.obliterate({ force: true });
  void big;
  log(`enqueue to start: median ${median(startMs)} ms; round trip ${median(roundTripMs).toFixed(1)} ms; enqueue ${enqueuePerPointMs.toFixed(3)} ms per point`);

  // 3. checkpoints
  const job = (await queue.add('point', { placeholder: true }, { jobId: 'checkpoint-bench' })) as Job<PointPayload>;
  const checkpoints: QueueReport['checkpoints'] = [];
  for (const [L, recorded] of [[64, 100_000], [256, 20_000], [1024, 2000]] as const) {
    const run: RunJob = { kind: 'run', options: { size: L, temperature: 2.269, seed: 1 }, thermalize: 200, sweeps: 10 * recorded };
    const r = await executeJob(run, { maxSweeps: 200 + recorded });
    if (r.state === 'completed') throw new Error('completed');
    const decoded = decodeCheckpoint(r.checkpoint);
    const encodeMs: number[] = [];
    const writeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      const bytes = encodeCheckpoint(decoded);
      encodeMs.push(performance.now() - t);
      t = performance.now();
      await job.updateData({ checkpoint: { data: Buffer.from(bytes).toString('base64'), sweepsDone: recorded, sweepsTotal: 10 * recorded, worker: 'bench', writtenAt: Date.now() } } as unknown as PointPayload);
      writeMs.push(performance.now() - t);
    }
    const latticeBytes = Math.ceil((L * L) / 8);
    checkpoints.push({ size: L, recorded, bytes: r.checkpoint.length, latticeBytes, bytesPerSweep: (r.checkpoint.length - latticeBytes) / recorded, encodeMs: median(encodeMs), writeMs: median(writeMs) });
    log(`checkpoint L=${L} after ${recorded} recorded sweeps: ${r.checkpoint.length} bytes, encode ${median(encodeMs).toFixed(2)} ms, write ${median(writeMs).toFixed(2)} ms`);
  }
  await queue.obliterate({ force: true });

  // 4. Redis memory per completed point
  processes = await startWorkers(2);
  const memory: QueueReport['memory'] = [];
  for (const keepSeries of [false, true]) {
    const memoryPlan = { sizes: [32], temperatures: Array.from({ length: 20 }, (_, k) => 2 + 0.02 * k), thermalize: 1000, sweeps: 20_000, seed: keepSeries ? 2 : 1, keepSeries };
    const before = await usedMemory();
    const sweep = await enqueueSweep(memoryPlan, options);
    await collectSweep(sweep.id, { ...options, pollMs: 500 });
    const perPoint = (await usedMemory() - before) / memoryPlan.temperatures.length;
    memory.push({ size: 32, sweeps: memoryPlan.sweeps, keepSeries, bytesPerPoint: perPoint });
    log(`Redis memory per completed point (L=32, ${memoryPlan.sweeps} sweeps, keepSeries ${keepSeries}): ${(perPoint / 1024).toFixed(1)} KiB`);
    await removeSweep(sweep.id, options);
  }
  await processes.stop();
  processes = undefined;

  const report: QueueReport = {
    environment: { ...runEnvironment(loadBefore), redis: (/redis_version:(\S+)/.exec(await client.info()) ?? [])[1] ?? 'unknown' },
    size, points, sweepsPerPoint: sweeps, thermalize, updates, repeats, sequentialMs, sequentialCpuMs, wallMs, cpuMs: cpuMsOf,
    overhead: { startMedianMs: median(startMs), startP90Ms: quantile(startMs, 0.9), roundTripMedianMs: median(roundTripMs), enqueuePerPointMs },
    checkpoints, memory,
  };
  writeResults('results-queue.json', { ...report, lines: queueSection(report) });
  log('wrote bench/results-queue.json and bench/RESULTS.md');
} finally {
  await processes?.stop();
  await queue.close();
  await redis.stop();
}
