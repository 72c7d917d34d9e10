/** Putting a sweep on the queue (one job per point), and taking it off again. */
import { createHash } from 'node:crypto';
import { FlowProducer, type FlowJob, type JobsOptions } from 'bullmq';
import { InvalidOptionError } from '../errors.js';
import { validateRunJob, type RunJob } from '../jobs/job.js';
import { planSweep, type SweepPlan } from '../jobs/plan.js';
import { connected, connectionOptions } from './connection.js';
import {
  checkSweepId,
  MANIFEST_FORMAT,
  PAYLOAD_FORMAT,
  POINT_JOB_NAME,
  PROTOCOL_VERSION,
  pointJobId,
  type PointPayload,
  type SweepManifest,
} from './protocol.js';
import { deleteManifest, openQueue, queueName, readManifest, writeManifest, type QueueOptions } from './queue.js';

/** Options of {@link enqueueSweep}. */
export interface EnqueueOptions extends QueueOptions {
  /**
   * The sweep id. The default is a hash of the planned jobs, so enqueueing the same sweep again
   * finds the one already there (nothing is added twice) and collects the same results.
   * @default 24 hex digits of SHA-256 of the jobs
   */
  id?: string;
  /**
   * Chain the points of each size, in plan order: each point after the first of its size starts
   * from the final lattice of the previous one (reseeded with its own seed), as runSweep's warm
   * starts do. The points of one size then run one after another; different sizes in parallel.
   * @default false (every point independent: any number of workers at once)
   */
  warmStart?: boolean;
  /** Tries per point before it fails for good (each retry resumes from the point's last checkpoint). @default 3 */
  attempts?: number;
}

/** A sweep on the queue. */
export interface EnqueuedSweep {
  id: string;
  queue: string;
  /** The planned jobs, in plan order (what collectSweep merges against). */
  jobs: RunJob[];
  warmStart: boolean;
  /** False when this sweep was already on the queue (nothing was added). */
  created: boolean;
}

const BATCH = 500;

/** The default sweep id: a hash of the format version, the jobs and the chaining. */
function sweepId(jobs: RunJob[], warmStart: boolean): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: PROTOCOL_VERSION, jobs, warmStart }))
    .digest('hex')
    .slice(0, 24);
}

/** The plan index chains: one per size in plan order with warm starts, else one per point. */
function chains(jobs: RunJob[], warmStart: boolean): number[][] {
  if (!warmStart) return jobs.map((_, k) => [k]);
  const bySize = new Map<unknown, number[]>();
  jobs.forEach((job, k) => {
    const size = job.options.size;
    bySize.set(size, [...(bySize.get(size) ?? []), k]);
  });
  return [...bySize.values()];
}

/**
 * Puts a sweep on the queue: one job per point of `plan` (a SweepPlan, expanded by planSweep, or
 * the run jobs themselves), with the job's derived seed and options passed through untouched.
 * Stores the plan (a manifest) so that collectSweep(id) can merge the results in plan order.
 * Idempotent: the same sweep (same id) is added once; a sweep id already used by a different plan
 * is an InvalidOptionError. Throws InvalidOptionError for a bad plan before anything is stored.
 *
 * @example
 * const sweep = await enqueueSweep({ sizes: [16, 32], temperatures: [2.2, 2.3], sweeps: 20000 }, { connection: 'redis://127.0.0.1:6379' });
 * // workers: criticality worker --redis redis://127.0.0.1:6379
 * const merged = await collectSweep(sweep.id, { connection: 'redis://127.0.0.1:6379' });
 */
export async function enqueueSweep(plan: SweepPlan | readonly RunJob[], options: EnqueueOptions): Promise<EnqueuedSweep> {
  const jobs = Array.isArray(plan) ? (plan as readonly RunJob[]).map((job, k) => validateRunJob(job, `jobs[${k}].`) as RunJob) : planSweep(plan as SweepPlan);
  if (jobs.length === 0) throw new InvalidOptionError('plan', plan, 'at least one job');
  const warmStart = options.warmStart ?? false;
  if (typeof warmStart !== 'boolean') throw new InvalidOptionError('warmStart', warmStart, 'true or false');
  const attempts = options.attempts ?? 3;
  if (!Number.isSafeInteger(attempts) || attempts < 1 || attempts > 100) throw new InvalidOptionError('attempts', attempts, 'an integer from 1 to 100');
  const id = options.id === undefined ? sweepId(jobs, warmStart) : checkSweepId(options.id);
  const name = queueName(options);

  const queue = await openQueue(options);
  try {
    const existing = await readManifest(queue, id);
    if (existing && JSON.stringify({ jobs: existing.jobs, warmStart: existing.warmStart }) !== JSON.stringify({ jobs, warmStart })) {
      throw new InvalidOptionError('id', id, `an id not used by another sweep (queue "${name}" holds a different sweep with this id)`);
    }
    if (!existing) {
      const manifest: SweepManifest = { format: MANIFEST_FORMAT, version: PROTOCOL_VERSION, id, jobs, warmStart, createdAt: Date.now() };
      await writeManifest(queue, manifest);
    }
    const opts = (k: number): JobsOptions => ({
      jobId: pointJobId(id, k),
      attempts,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    const payload = (k: number, after?: number): PointPayload => ({
      format: PAYLOAD_FORMAT,
      version: PROTOCOL_VERSION,
      sweep: id,
      index: k,
      job: jobs[k],
      ...(after === undefined ? {} : { after }),
    });
    const all = chains(jobs, warmStart);
    const single = all.filter((chain) => chain.length === 1).map(([k]) => k);
    // a job id already on the queue is not added again (BullMQ keeps the existing job)
    for (let i = 0; i < single.length; i += BATCH) {
      await queue.addBulk(single.slice(i, i + BATCH).map((k) => ({ name: POINT_JOB_NAME, data: payload(k), opts: opts(k) })));
    }
    const linked = all.filter((chain) => chain.length > 1);
    if (linked.length > 0) {
      const flows = new FlowProducer({ connection: connectionOptions(options.connection) });
      flows.on('error', () => {});
      try {
        await connected(flows, options);
        for (const chain of linked) {
          // a chain is added atomically: when its last point exists, the whole chain does
          if (await queue.getJob(pointJobId(id, chain[chain.length - 1]))) continue;
          let node: FlowJob | undefined;
          chain.forEach((k, position) => {
            node = {
              name: POINT_JOB_NAME,
              queueName: name,
              data: payload(k, position > 0 ? chain[position - 1] : undefined),
              opts: { ...opts(k), failParentOnFailure: true },
              ...(node ? { children: [node] } : {}),
            } as FlowJob;
          });
          await flows.add(node!);
        }
      } finally {
        await flows.close();
      }
    }
    return { id, queue: name, jobs, warmStart, created: !existing };
  } finally {
    await queue.close();
  }
}

/**
 * Removes a sweep from the queue: its jobs (results, checkpoints, logs) and its manifest. Points
 * still running cannot be removed: stop their workers first. Returns the number of jobs removed.
 */
export async function removeSweep(id: string, options: QueueOptions): Promise<number> {
  checkSweepId(id);
  const queue = await openQueue(options);
  try {
    const manifest = await readManifest(queue, id);
    if (!manifest) return 0;
    const ids = manifest.jobs.map((_, k) => pointJobId(id, k));
    const present = async () => (await Promise.all(ids.map((jobId) => queue.getJob(jobId)))).filter((job) => job !== undefined).map((job) => job.id as string);
    const before = await present();
    // parents first: removing a flow's parent removes its children with it
    for (const jobId of [...before].reverse()) await queue.remove(jobId, { removeChildren: true }).catch(() => 0);
    const left = await present();
    if (left.length > 0)
      throw new Error(
        `removeSweep: ${left.length} job(s) of sweep ${id} are running and were not removed ` +
          `(${left.slice(0, 5).join(', ')}${left.length > 5 ? ', ...' : ''}); stop their workers and try again`,
      );
    await deleteManifest(queue, id);
    return before.length;
  } finally {
    await queue.close();
  }
}
