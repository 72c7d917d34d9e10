/**
 * `criticality worker --redis URL`: runs points of sweeps from the queue until SIGTERM or Ctrl-C,
 * then drains (running points go back to the queue with a checkpoint) and exits 0.
 * Loads bullmq only when run (it is an optional peer dependency).
 */
import { InvalidOptionError } from '../errors.js';
import { checkQueueName } from '../distributed/protocol.js';
import { BACKENDS } from '../options.js';
import { choiceFlag, numberFlag, parseFlags, type FlagSpec } from './args.js';
import type { Io } from './io.js';
import { spawnWorkerProcesses, type ProcessExit } from './worker-processes.js';

export const WORKER_FLAGS: FlagSpec = {
  redis: { type: 'string' },
  concurrency: { type: 'string' },
  queue: { type: 'string' },
  'checkpoint-ms': { type: 'string' },
  'lock-ms': { type: 'string' },
  backend: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const WORKER_USAGE = `criticality worker flags (defaults in brackets):
  --redis URL                        Redis of the queue, e.g. redis://10.0.0.5:6379 (required)
  --concurrency N                    worker processes on this host, one point each (one per core) [1]
  --queue NAME                       queue name [criticality]
  --checkpoint-ms MS                 a running point checkpoints into Redis this often [5000]
  --lock-ms MS                       a dead worker's point is picked up after about this long [30000]
  --backend auto|wasm|js             engine for points that do not name one [auto]
  --quiet                            no log lines on stderr
  SIGTERM or Ctrl-C: running points go back to the queue with a checkpoint, then the worker exits.
`;

/** The optional peer dependencies, or a clear error naming them. */
export async function loadCluster(): Promise<typeof import('../distributed/index.js')> {
  try {
    await import('ioredis');
    return await import('../distributed/index.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(`--redis needs the optional packages bullmq and ioredis (npm install bullmq ioredis): ${(error as Error).message}`);
    }
    throw error;
  }
}

/** An integer flag from `min` to `max`, or the default. */
export function integerFlag(flag: string, text: string | boolean | undefined, min: number, max: number, fallback: number): number {
  const value = numberFlag(flag, text, `an integer from ${min} to ${max}`) ?? fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new InvalidOptionError(`--${flag}`, value, `an integer from ${min} to ${max}`);
  return value;
}

/** A Redis URL flag (redis:// or rediss://). */
export function redisFlag(text: string | boolean | undefined): string {
  if (typeof text !== 'string' || !/^rediss?:\/\/./.test(text)) throw new InvalidOptionError('--redis', text, 'a Redis URL like redis://127.0.0.1:6379');
  return text;
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve(), { once: true })));
}

/** `criticality worker [flags]`. */
export async function workerCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, WORKER_FLAGS);
  if (flags.help) {
    io.stdout(WORKER_USAGE);
    return 0;
  }
  const redis = redisFlag(flags.redis);
  const concurrency = integerFlag('concurrency', flags.concurrency, 1, 64, 1);
  const checkpointEveryMs = integerFlag('checkpoint-ms', flags['checkpoint-ms'], 10, 3_600_000, 5000);
  const lockDurationMs = integerFlag('lock-ms', flags['lock-ms'], 500, 3_600_000, 30_000);
  const backend = choiceFlag('backend', flags.backend, BACKENDS);
  const queue = flags.queue === undefined ? undefined : checkQueueName(flags.queue, '--queue');
  const log = flags.quiet ? undefined : (line: string) => io.stderr(`${line}\n`);

  if (concurrency > 1) {
    // one process per point: the simulation of a point keeps its thread busy
    const args = argv.filter((_, i) => argv[i] !== '--concurrency' && argv[i - 1] !== '--concurrency' && !argv[i].startsWith('--concurrency='));
    let first: ProcessExit | undefined;
    const stopped = new AbortController();
    const processes = spawnWorkerProcesses(
      concurrency,
      args,
      (k, line) => io.stderr(`[${k}] ${line}\n`),
      (exit) => {
        first ??= exit;
        stopped.abort();
      },
    );
    await Promise.race([aborted(io.signal), aborted(stopped.signal)]);
    await processes.stop();
    if (first) {
      io.stderr(`criticality: worker process ${first.index} ended (${first.signal ?? `exit code ${first.code}`}); the others were stopped\n`);
      return 1;
    }
    return 0;
  }

  const cluster = await loadCluster();
  const worker = await cluster.startWorker({ connection: redis, queue, checkpointEveryMs, lockDurationMs, backend, log });
  await aborted(io.signal);
  log?.(`${worker.name}: stopping (${worker.completed} point(s) completed)`);
  await worker.close();
  return 0;
}
