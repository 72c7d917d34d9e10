/**
 * The platform layer's vocabulary (a leaf: types only). `#platform` (package.json "imports")
 * resolves to ./node.ts under the "node" condition and to ./browser.ts everywhere else, so that
 * browser bundles never see a `node:` import; both export exactly {@link Platform}'s members.
 */
import type { Endpoint } from 'comlink';

/** A Node worker thread started by the platform layer. */
export interface Thread {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onError(listener: (error: Error) => void): void;
  onExit(listener: (code: number) => void): void;
  /** The thread as a Comlink endpoint (created on the first call). */
  endpoint(): Endpoint;
  terminate(): Promise<void>;
  /** Keep the process alive while the thread runs (ref) or not (unref). */
  ref(): void;
  unref(): void;
}

/** The side of a worker that talks to the thread that started it. */
export interface ParentPort {
  postMessage(message: unknown): void;
  /** Calls `listener` with the data of the next message only. */
  onceMessage(listener: (message: unknown) => void): void;
  /** The parent as a Comlink endpoint. */
  endpoint(): Endpoint;
}

/** The package's built worker entries (Node runs built JS; it cannot run a .ts worker entry). */
export type ThreadEntry = 'simulation' | 'packed';

/** What ./node.ts and ./browser.ts both export. */
export interface Platform {
  readonly PLATFORM: 'node' | 'browser';
  /** True where workers are Node worker_threads (no global Web Worker). */
  usesThreads(): boolean;
  readFileBytes(url: URL): Promise<Uint8Array<ArrayBuffer>>;
  /** The folder of an installed package (resolved from this package), or undefined when it is not installed. */
  packageDirectory(name: string): string | undefined;
  /** The names in a folder. */
  listDirectory(directory: string): Promise<string[]>;
  /** A UTF-8 file in a folder. */
  readTextFile(directory: string, name: string): Promise<string>;
  threadEntry(name: ThreadEntry): URL;
  startThread(entry: URL | string, options?: { execArgv?: string[] }): Thread;
  parentPort(): ParentPort;
  availableCores(): number;
}
