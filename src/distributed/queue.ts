/** The queue of a sweep: opening it, and reading and writing the sweep's manifest. */
import { Queue } from 'bullmq';
import { InvalidOptionError } from '../errors.js';
import { connected, connectionOptions, type RedisConnection } from './connection.js';
import { checkQueueName, MANIFEST_FORMAT, PROTOCOL_VERSION, type SweepManifest } from './protocol.js';

/** Where a sweep's jobs are: the Redis connection and the queue name. Shared by enqueue, worker and collect. */
export interface QueueOptions {
  /** Redis: a URL like "redis://127.0.0.1:6379", or BullMQ connection options. */
  connection: RedisConnection;
  /** Queue name (BullMQ keys start with "bull:<queue>:"). @default 'criticality' */
  queue?: string;
  /** How long the first connection may take before a clear error, ms. @default 10000 */
  connectTimeoutMs?: number;
}

/** The queue name of `options`, checked. */
export function queueName(options: QueueOptions): string {
  return checkQueueName(options.queue);
}

/** A connected Queue (throws a clear error when Redis cannot be reached). Close it when done. */
export async function openQueue(options: QueueOptions): Promise<Queue> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidOptionError('options', options, 'an object like { connection: "redis://127.0.0.1:6379" }');
  const queue = new Queue(queueName(options), { connection: connectionOptions(options.connection) });
  // connection errors reach the caller through `connected` and failing commands; an 'error' event
  // without a listener would end the process instead
  queue.on('error', () => {});
  try {
    await connected(queue, options);
  } catch (error) {
    await queue.close();
    throw error;
  }
  return queue;
}

function manifestKey(queue: Queue, id: string): string {
  return queue.toKey(`criticality-sweep:${id}`);
}

/** The manifest of sweep `id`, or undefined when there is none. */
export async function readManifest(queue: Queue, id: string): Promise<SweepManifest | undefined> {
  const client = await queue.backend.client;
  const text = await client.get(manifestKey(queue, id));
  if (text === null) return undefined;
  const manifest = JSON.parse(text) as SweepManifest;
  if (manifest.format !== MANIFEST_FORMAT || manifest.version !== PROTOCOL_VERSION) {
    throw new InvalidOptionError('id', id, `a sweep stored by this version (the stored one has format ${manifest.format} version ${manifest.version})`);
  }
  return manifest;
}

export async function writeManifest(queue: Queue, manifest: SweepManifest): Promise<void> {
  const client = await queue.backend.client;
  await client.set(manifestKey(queue, manifest.id), JSON.stringify(manifest));
}

export async function deleteManifest(queue: Queue, id: string): Promise<void> {
  const client = await queue.backend.client;
  await client.del(manifestKey(queue, id));
}
