/// <reference path="./node-adapter.d.ts" />
/**
 * Starting a worker and noticing when it dies. Browsers (and Deno, Bun) get a module Web Worker,
 * written literally as `new Worker(new URL('./simulation.worker.js', import.meta.url), { type: 'module' })`
 * so that bundlers (Vite, webpack, esbuild) find and bundle the worker; Node gets a worker_thread on
 * the built file next to this one (Node 20 cannot run a .ts worker entry).
 *
 * Comlink alone would wait forever on a dead worker; `died` rejects with a WorkerCrashedError when
 * the worker exits, is terminated or throws an uncaught error, and callers race their calls against it.
 */
import type { Endpoint } from 'comlink';
import { WorkerCrashedError } from '../errors.js';

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

const isNode = typeof globalThis.Worker !== 'function' && typeof process === 'object' && typeof process.versions?.node === 'string';

/** Starts a worker running src/worker/simulation.worker.ts (built), or the module at `source`. */
export async function spawnWorker(source?: WorkerSource): Promise<SpawnedWorker> {
  let fail!: (error: WorkerCrashedError) => void;
  const died = new Promise<never>((_, reject) => (fail = reject));
  died.catch(() => {}); // observed by the calls that race against it
  if (isNode) {
    // specifiers in variables: bundlers for browsers leave the Node branch alone
    const nodeWorkerModule = 'node:worker_threads';
    const adapterModule = 'comlink/dist/esm/node-adapter.mjs';
    const builtWorker = './simulation.worker.js';
    const { Worker } = (await import(/* @vite-ignore */ nodeWorkerModule)) as typeof import('node:worker_threads');
    const { default: nodeEndpoint } = (await import(/* @vite-ignore */ adapterModule)) as typeof import('comlink/dist/esm/node-adapter.mjs');
    // the worker inherits the process's flags, except --input-type (refused for a file entry, e.g. under `node -e`)
    const execArgv = process.execArgv.filter((arg, i, all) => !arg.startsWith('--input-type') && all[i - 1] !== '--input-type');
    const worker = new Worker(source ?? new URL(builtWorker, import.meta.url), { execArgv });
    worker.on('error', (error: Error) => fail(new WorkerCrashedError(`the worker crashed: ${error.name}: ${error.message}`)));
    worker.on('exit', (code: number) => fail(new WorkerCrashedError(`the worker stopped (exit code ${code}) with calls pending`)));
    return {
      endpoint: nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0]),
      died,
      terminate: async () => void (await worker.terminate()),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  }
  const worker = source === undefined
    ? new Worker(new URL('./simulation.worker.js', import.meta.url), { type: 'module' })
    : new Worker(source, { type: 'module' });
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
