/**
 * When one lattice can be split across workers, and how much shared memory it needs. No
 * WebAssembly here, so options validation can use it without loading the shared-memory core.
 */
import { InvalidOptionError } from '../errors.js';
import { SERIES_CAPACITY } from '../backend/types.js';
import { MAX_WORKERS } from './control.js';

export { MAX_WORKERS } from './control.js';

/** Pages of 64 KiB in a 4 GiB WebAssembly memory, the most a shared-memory core may declare. */
export const MAX_PAGES = 65536;

/**
 * Bytes of one thread's seed table per vector row: 4 lane generators (64 bytes) for each colour,
 * and a row-queue entry of 96 bytes per vector (assembly/packed.ts seedTableBytes).
 */
export const SEED_TABLE_BYTES_PER_ROW = 128 + 96;

/**
 * Bytes the core needs for an L x L packed lattice with `workers` workers: the byte lattice,
 * the packed one, one seed table per thread, tables, series and alignment slack.
 */
export function sharedMemoryBytes(size: number, workers: number): number {
  return size * size + (size * size) / 8 + (workers + 1) * (size / 16) * SEED_TABLE_BYTES_PER_ROW + SERIES_CAPACITY * 8 + 16 * 65536;
}

/** Validates `workers` for this lattice (a pure check: options validation runs it). */
export function checkWorkerCount(workers: unknown, size: number, layout: 'packed' | 'byte', backend: string): number {
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new InvalidOptionError('workers', workers, `an integer from 1 to ${MAX_WORKERS}`);
  }
  if (workers === 1) return workers;
  if (backend === 'js') throw new InvalidOptionError('workers', workers, '1 with backend "js" (workers run the WebAssembly core)');
  if (layout !== 'packed') throw new InvalidOptionError('workers', workers, '1 with the byte layout (workers share a packed lattice: L a multiple of 16)');
  if (workers > size / 16) throw new InvalidOptionError('workers', workers, `at most L / 16 = ${size / 16} for L = ${size} (one vector row each at least)`);
  const pages = Math.ceil(sharedMemoryBytes(size, workers) / 65536);
  if (pages > MAX_PAGES) {
    throw new InvalidOptionError('size', size, `a lattice whose byte and packed copies fit in a 4 GiB shared WebAssembly memory (needs ${pages} pages of 64 KiB, at most ${MAX_PAGES})`);
  }
  return workers;
}

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
