/** The distributed-queue section of bench/RESULTS.md: bench/queue.ts stores its lines in results-queue.json. */
import type { PoolBenchResult } from './pool.js';

/** bench/results-queue.json: a bench/queue.ts run (the sweep described as the pool bench's) with where and when it ran. */
export interface QueueReport extends Pick<PoolBenchResult, 'size' | 'points' | 'sweepsPerPoint' | 'updates'> {
  environment: Record<string, string | number>;
  thermalize: number;
  repeats: number;
  /** The points one after another in one process, no queue. */
  sequentialMs: number;
  /** CPU time (user + system) of the reference, ms. */
  sequentialCpuMs: number;
  /** Median wall time from enqueueSweep to collectSweep's answer, per number of worker processes. */
  wallMs: Record<number, number>;
  /** Median CPU time of the worker processes over the same span, ms. */
  cpuMs: Record<number, number>;
  overhead: { startMedianMs: number; startP90Ms: number; roundTripMedianMs: number; enqueuePerPointMs: number };
  checkpoints: { size: number; recorded: number; bytes: number; latticeBytes: number; bytesPerSweep: number; encodeMs: number; writeMs: number }[];
  memory: { size: number; sweeps: number; keepSeries: boolean; bytesPerPoint: number }[];
}

/** The "Distributed queue" section of bench/RESULTS.md. */
export function queueSection(report: QueueReport): string[] {
  const { environment: env } = report;
  const counts = Object.keys(report.wallMs).map(Number);
  const one = report.wallMs[counts[0]];
  const perNs = (ms: number) => (report.updates / (ms * 1e6)).toFixed(2);
  const o = report.overhead;
  return [
    '## Distributed queue (criticality/cluster)',
    '',
    `Written by \`npm run bench:queue\` (bench/queue.ts, ${env.date}, commit ${env.commit}, ${env.runtime}, Redis ${env.redis} on the same machine,`,
    `${env.cpu}, ${env.cores} cores, 1-minute load average ${env.loadAverage1mBefore} before and ${env.loadAverage1mAfter} after; other agents share this machine).`,
    `A sweep of ${report.points} independent points (L = ${report.size}, ${report.thermalize} + ${report.sweepsPerPoint} sweeps each, WebAssembly),`,
    `${(report.updates / 1e6).toFixed(0)} M site updates, from enqueueSweep to collectSweep's answer with \`criticality worker\` processes already`,
    `waiting; median of ${report.repeats}, the configurations interleaved. Reference: the same points one after another in one
process, without a queue.`,
    '',
    'CPU time is what the worker processes (or the reference process) got over the same span (Linux /proc): cores used =',
    'CPU time / wall time shows how much of the machine they had; site updates per CPU ns shows the work per CPU second,',
    'which the queue leaves unchanged if its overhead is small.',
    '',
    '| worker processes | wall time | site updates/ns | speed-up vs 1 | vs one process, no queue | CPU time | cores used | site updates per CPU ns |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| none (one process, no queue) | ${(report.sequentialMs / 1000).toFixed(2)} s | ${perNs(report.sequentialMs)} | | 1.00x | ${(report.sequentialCpuMs / 1000).toFixed(2)} s | ${(report.sequentialCpuMs / report.sequentialMs).toFixed(2)} | ${perNs(report.sequentialCpuMs)} |`,
    ...counts.map((c) => `| ${c} | ${(report.wallMs[c] / 1000).toFixed(2)} s | ${perNs(report.wallMs[c])} | ${(one / report.wallMs[c]).toFixed(2)}x | ${(report.sequentialMs / report.wallMs[c]).toFixed(2)}x | ${(report.cpuMs[c] / 1000).toFixed(2)} s | ${(report.cpuMs[c] / report.wallMs[c]).toFixed(2)} | ${perNs(report.cpuMs[c])} |`),
    '',
    `Overhead per point: enqueue to start ${o.startMedianMs} ms median (${o.startP90Ms} ms 90th percentile; BullMQ's processedOn - timestamp, an`,
    `idle worker, tiny points); a tiny point's round trip (enqueueSweep, run, collectSweep) ${o.roundTripMedianMs.toFixed(1)} ms median; enqueueSweep`,
    `${o.enqueuePerPointMs.toFixed(3)} ms per point in a sweep of 1000.`,
    '',
    'Run checkpoints after R recorded sweeps at T = 2.269 (a worker writes one every 5 s by default, and on SIGTERM):',
    'size in bytes (Redis holds it base64, 4/3 as much), encoding time in the worker\'s thread, and `job.updateData` time.',
    '',
    '| L | R | checkpoint | of which lattice | bytes per recorded sweep | encode | write to Redis |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...report.checkpoints.map((c) => `| ${c.size} | ${c.recorded} | ${(c.bytes / 1024).toFixed(1)} KiB | ${(c.latticeBytes / 1024).toFixed(1)} KiB | ${c.bytesPerSweep.toFixed(2)} | ${c.encodeMs.toFixed(2)} ms | ${c.writeMs.toFixed(2)} ms |`),
    '',
    'Redis memory (INFO used_memory) per completed point, results kept until removeSweep:',
    '',
    '| L | sweeps | keepSeries | per point |',
    '|---:|---:|:---:|---:|',
    ...report.memory.map((m) => `| ${m.size} | ${m.sweeps} | ${m.keepSeries ? 'yes' : 'no'} | ${(m.bytesPerPoint / 1024).toFixed(1)} KiB |`),
    '',
  ];
}
