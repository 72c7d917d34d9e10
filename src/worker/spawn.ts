/**
 * Starting a worker and noticing when it dies. Browsers (and Deno, Bun) get a module Web Worker,
 * written literally as `new Worker(new URL('./simulation.worker.js', import.meta.url), { type: 'module' })`
 * so that bundlers (Vite, webpack) find and bundle the worker with no configuration; Node gets a
 * worker_thread on the built file (`#platform`: Node 20 cannot run a .ts worker entry).
 *
 * Comlink alone would wait forever on a dead worker; `died` rejects with a WorkerCrashedError when
 * the worker exits, is terminated or throws an uncaught error, and callers race their calls against it.
 */
import type { Endpoint } from 'comlink';
import { startThread, threadEntry, usesThreads } from '#platform';
import { InvalidOptionError, WorkerCrashedError } from '../errors.js';

export interface SpawnedWorker {
  readonly endpoint: Endpoint;
  /** Rejects with a WorkerCrashedError when the worker stops for any reason; never resolves. */
  readonly died: Promise<never>;
  /** Ends the worker at once (pending calls reject through `died`). */
  terminate(): Promise<void>;
  /** Node: keep the process alive while calls are pending (ref) or not (unref); no-ops in browsers. */
  ref(): void;
  unref(): void;
}

/** Where the worker module is: the default, or a caller's URL (e.g. a CDN copy). */
export type WorkerSource = URL | string | undefined;

/** Checks a `worker` option: a URL or a URL string. */
export function checkWorkerSource(value: unknown): WorkerSource {
  if (!(value instanceof URL) && typeof value !== 'string') throw new InvalidOptionError('worker', value, 'the URL of the worker module (a URL or a string)');
  return value;
}

/** Starts a worker running src/worker/simulation.worker.ts (built), or the module at `source`. */
export async function spawnWorker(source?: WorkerSource): Promise<SpawnedWorker> {
  let fail!: (error: WorkerCrashedError) => void;
  const died = new Promise<never>((_, reject) => (fail = reject));
  died.catch(() => {}); // observed by the calls that race against it
  if (usesThreads()) {
    // the worker inherits the process's flags, except --input-type (refused for a file entry, e.g. under `node -e`)
    const execArgv = process.execArgv.filter((arg, i, all) => !arg.startsWith('--input-type') && all[i - 1] !== '--input-type');
    const thread = startThread(source ?? threadEntry('simulation'), { execArgv });
    thread.onError((error) => fail(new WorkerCrashedError(`the worker crashed: ${error.name}: ${error.message}`)));
    thread.onExit((code) => fail(new WorkerCrashedError(`the worker stopped (exit code ${code}) with calls pending`)));
    return { endpoint: thread.endpoint(), died, terminate: () => thread.terminate(), ref: () => thread.ref(), unref: () => thread.unref() };
  }
  const worker =
    source === undefined ? new Worker(new URL('./simulation.worker.js', import.meta.url), { type: 'module' }) : new Worker(source, { type: 'module' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new WorkerCrashedError(`the worker crashed: ${event.message || 'an uncaught error or a failed load'}`));
  });
  worker.addEventListener('messageerror', () => fail(new WorkerCrashedError('the worker sent a message that could not be read')));
  return {
    endpoint: worker,
    died,
    terminate: async () => {
      worker.terminate();
      fail(new WorkerCrashedError('the worker was terminated with calls pending'));
    },
    ref: () => {},
    unref: () => {},
  };
}
