/**
 * Whether this runtime can run workers on one shared lattice. The pure size checks live in
 * src/limits.ts (options validation runs them without loading worker code).
 */
import { InvalidOptionError } from '../errors.js';

export { MAX_WORKERS } from '../vocabulary.js';
export { MAX_PAGES, SEED_TABLE_BYTES_PER_ROW, sharedMemoryBytes, checkWorkerCount } from '../limits.js';

/** Checks that this runtime can run workers on a shared lattice; throws before any allocation. */
export function checkWorkerRuntime(workers: number): void {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') {
    throw new InvalidOptionError('workers', workers, '1 here: workers need SharedArrayBuffer (Node, or a crossOriginIsolated page)');
  }
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (!isNode && typeof (globalThis as { document?: unknown }).document !== 'undefined') {
    throw new InvalidOptionError('workers', workers, "1 on a browser's main thread (sweeps wait for the workers: create the simulation inside a Web Worker)");
  }
}
