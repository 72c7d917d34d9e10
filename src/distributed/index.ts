/**
 * criticality/cluster: sweeps on a distributed job queue (BullMQ on Redis), resumable and
 * bit-identical to a one-machine sweep. Needs the optional peer dependencies bullmq and ioredis
 * (`npm install bullmq ioredis`); `import 'criticality'` never loads them.
 *
 * enqueueSweep puts one job per point on the queue; workers (startWorker, or `criticality worker
 * --redis URL` on any number of hosts) run them with checkpoints in Redis; collectSweep waits with
 * progress and returns what mergeResults returns. See docs/distributed.md.
 */
export { enqueueSweep, removeSweep } from './enqueue.js';
export type { EnqueueOptions, EnqueuedSweep } from './enqueue.js';
export { startWorker, WORKER_DEFAULTS } from './worker.js';
export type { StartWorkerOptions, ClusterWorker } from './worker.js';
export { collectSweep } from './collect.js';
export type { CollectOptions, CollectProgress, CollectedSweep, FailedPoint } from './collect.js';
export type { QueueOptions } from './queue.js';
export type { RedisConnection } from './connection.js';
export { DEFAULT_QUEUE, PROTOCOL_VERSION, pointJobId } from './protocol.js';
export type { PointPayload, PointProgress, PointOutcome, PointReturn, StoredCheckpoint, SweepManifest } from './protocol.js';
