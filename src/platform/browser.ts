/**
 * `#platform` everywhere but Node (browsers, Web Workers, edge runtimes, Deno and Bun bundles):
 * no `node:` import. Files and worker_threads do not exist here; workers are Web Workers,
 * created in src/worker/ with the literal `new Worker(new URL(...), { type: 'module' })`.
 * A leaf with the same exports as ./node.ts.
 */
import { scopePort } from './scope.js';
import type { ParentPort, Thread, ThreadEntry } from './types.js';

export type { ParentPort, Platform, Thread, ThreadEntry } from './types.js';

export const PLATFORM: 'node' | 'browser' = 'browser';

export function usesThreads(): boolean {
  return false;
}

export function readFileBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  return Promise.reject(new Error(`cannot read ${url.href}: file: URLs are read only in Node (pass the bytes, an http(s) URL or a WebAssembly.Module)`));
}

export function packageDirectory(): string | undefined {
  return undefined;
}

export function listDirectory(directory: string): Promise<string[]> {
  return Promise.reject(new Error(`cannot list ${directory}: folders are read only in Node`));
}

export function readTextFile(directory: string, name: string): Promise<string> {
  return Promise.reject(new Error(`cannot read ${name} in ${directory}: files are read only in Node`));
}

export function threadEntry(name: ThreadEntry): URL {
  throw new Error(`no worker_threads here (the ${name} worker is a Web Worker outside Node)`);
}

export function startThread(entry: URL | string): Thread {
  throw new Error(`no worker_threads here: cannot start ${String(entry)} (workers are Web Workers outside Node)`);
}

export function parentPort(): ParentPort {
  return scopePort();
}

export function availableCores(): number {
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
}
