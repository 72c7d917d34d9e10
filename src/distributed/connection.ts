/** Connections: a Redis URL or BullMQ connection options, and a bounded wait for the first connection. */
import type { ConnectionOptions } from 'bullmq';
import { InvalidOptionError } from '../errors.js';

/**
 * Where Redis is: a URL ("redis://host:6379", "redis://:password@host:6379/2", "rediss://..." for
 * TLS) or BullMQ connection options (ioredis options, or an ioredis instance to share).
 */
export type RedisConnection = string | ConnectionOptions;

/** How long the first connection may take before a clear error. @default 10000 ms */
export const CONNECT_TIMEOUT_MS = 10_000;

/** BullMQ connection options for `connection` (validated; URLs must be redis: or rediss:). */
export function connectionOptions(connection: RedisConnection): ConnectionOptions {
  if (typeof connection === 'string') {
    let url: URL;
    try {
      url = new URL(connection);
    } catch {
      throw new InvalidOptionError('connection', connection, 'a Redis URL like redis://127.0.0.1:6379');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new InvalidOptionError('connection', connection, 'a redis:// or rediss:// URL');
    // BullMQ workers need commands that wait through reconnections (maxRetriesPerRequest: null)
    return { url: connection, maxRetriesPerRequest: null };
  }
  if (typeof connection !== 'object' || connection === null) throw new InvalidOptionError('connection', connection, 'a Redis URL or BullMQ connection options');
  return connection;
}

/** Where `connection` points, for messages (the password left out). */
export function describeConnection(connection: RedisConnection): string {
  if (typeof connection !== 'string') {
    const o = connection as { host?: string; port?: number; url?: string };
    if (typeof o.url === 'string') return describeConnection(o.url);
    return `${o.host ?? '127.0.0.1'}:${o.port ?? 6379}`;
  }
  try {
    const url = new URL(connection);
    url.password = '';
    url.username = '';
    return url.toString();
  } catch {
    return connection;
  }
}

/** Anything of BullMQ's that connects (Queue, Worker, QueueEvents, FlowProducer). */
interface Connecting {
  waitUntilReady(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Waits until `target` is connected, at most `connectTimeoutMs`; then throws an Error naming the
 * connection and the last connection error (ioredis itself would retry forever).
 */
export async function connected(target: Connecting, options: { connection: RedisConnection; connectTimeoutMs?: number }): Promise<void> {
  const { connection, connectTimeoutMs: timeoutMs = CONNECT_TIMEOUT_MS } = options;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw new InvalidOptionError('connectTimeoutMs', timeoutMs, 'a number of milliseconds > 0');
  let last = '';
  const onError = (error: Error) => {
    last = error.message;
  };
  target.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      target.waitUntilReady(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`cannot reach Redis at ${describeConnection(connection)} within ${timeoutMs / 1000} s${last ? ` (${last})` : ''}`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    target.off('error', onError);
  }
}
