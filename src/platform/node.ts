/// <reference path="../worker/node-adapter.d.ts" />
/**
 * `#platform` under the "node" condition: files, worker_threads, the Comlink Node adapter and
 * the core count. A leaf (imports no module of the package), so that sources and the built copy
 * may mix (tests run sources against this file built). Its browser twin is ./browser.ts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { parentPort as nodeParentPort, Worker } from 'node:worker_threads';
import type { Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { scopePort } from './scope.js';
import type { ParentPort, Thread, ThreadEntry } from './types.js';

export type { ParentPort, Platform, Thread, ThreadEntry } from './types.js';

export const PLATFORM: 'node' | 'browser' = 'node';

/** Node (no global Web Worker): workers are worker_threads. Deno and Bun have Web Workers. */
export function usesThreads(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker !== 'function';
}

export async function readFileBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await readFile(url);
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

export function packageDirectory(name: string): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

export function listDirectory(directory: string): Promise<string[]> {
  return readdir(directory);
}

export function readTextFile(directory: string, name: string): Promise<string> {
  return readFile(join(directory, name), 'utf8');
}

/**
 * The built worker entries, next to this file's directory in dist/. Run from sources (tsx resolves
 * #platform to this .ts file through tsconfig paths) they are still the built ones: Node 20 cannot
 * run a .ts worker entry, so `npm run build` comes first.
 */
export function threadEntry(name: ThreadEntry): URL {
  const file = name === 'simulation' ? 'simulation.worker.js' : 'packed-worker.js';
  return import.meta.url.endsWith('.ts') ? new URL(`../../dist/worker/${file}`, import.meta.url) : new URL(`../worker/${file}`, import.meta.url);
}

type Adaptable = Parameters<typeof nodeEndpoint>[0];

export function startThread(entry: URL | string, options: { execArgv?: string[] } = {}): Thread {
  const worker = new Worker(entry, options);
  let endpoint: Endpoint | undefined;
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => void worker.on('message', listener),
    onError: (listener) => void worker.on('error', listener),
    onExit: (listener) => void worker.on('exit', listener),
    endpoint: () => (endpoint ??= nodeEndpoint(worker as unknown as Adaptable)),
    terminate: async () => void (await worker.terminate()),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

/** The thread that started this worker: worker_threads' parentPort (or the Web Worker scope in Deno and Bun). */
export function parentPort(): ParentPort {
  if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') return scopePort();
  const port = nodeParentPort;
  if (!port) throw new Error('this module must run as a worker (worker_threads or a Web Worker)');
  let endpoint: Endpoint | undefined;
  return {
    postMessage: (message) => port.postMessage(message),
    onceMessage: (listener) => void port.once('message', listener),
    endpoint: () => (endpoint ??= nodeEndpoint(port as unknown as Adaptable)),
  };
}

export function availableCores(): number {
  return availableParallelism?.() ?? cpus().length;
}
