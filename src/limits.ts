/**
 * Size limits that depend on the layout and on workers: pure checks, no WebAssembly and no
 * worker code, so that options validation can run them before anything is loaded.
 */
import { InvalidOptionError } from './errors.js';
import { geometryOf, packableOn } from './lattice.js';
import { MAX_WORKERS, SERIES_CAPACITY, type Lattice } from './vocabulary.js';

/** True when the packed layout can hold a lattice of linear size L (square unless named). */
export function packable(size: number, lattice: Lattice = 'square'): boolean {
  return packableOn(geometryOf(lattice), size);
}

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
export function sharedMemoryBytes(size: number, workers: number, lattice: Lattice = 'square'): number {
  if (lattice === 'cubic') {
    // L^3 bytes and L^3 / 8 packed; per thread 4 lane generators per (colour, plane) and a row queue (assembly/packed3d.ts)
    return size ** 3 + size ** 3 / 8 + (workers + 1) * (size * CUBIC_SEED_TABLE_BYTES_PER_PLANE + (size / 16) * 96) + SERIES_CAPACITY * 8 + 16 * 65536;
  }
  return size * size + (size * size) / 8 + (workers + 1) * (size / 16) * SEED_TABLE_BYTES_PER_ROW + SERIES_CAPACITY * 8 + 16 * 65536;
}

/** Bytes of one thread's cubic seed table per plane: 4 lane generators (64 bytes) for each colour. */
export const CUBIC_SEED_TABLE_BYTES_PER_PLANE = 128;

/** Validates `workers` for this lattice (a pure check: options validation runs it). */
export function checkWorkerCount(workers: unknown, size: number, layout: 'packed' | 'byte', backend: string, lattice: Lattice = 'square'): number {
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new InvalidOptionError('workers', workers, `an integer from 1 to ${MAX_WORKERS}`);
  }
  if (workers === 1) return workers;
  if (backend === 'js') throw new InvalidOptionError('workers', workers, '1 with backend "js" (workers run the WebAssembly core)');
  if (layout !== 'packed')
    throw new InvalidOptionError('workers', workers, '1 with the byte layout (workers share a packed Ising lattice: L a multiple of 16)');
  if (lattice === 'cubic') {
    if (workers > size) throw new InvalidOptionError('workers', workers, `at most L = ${size} on the cubic lattice (one plane each at least)`);
  } else if (workers > size / 16)
    throw new InvalidOptionError('workers', workers, `at most L / 16 = ${size / 16} for L = ${size} (one vector row each at least)`);
  const pages = Math.ceil(sharedMemoryBytes(size, workers, lattice) / 65536);
  if (pages > MAX_PAGES) {
    throw new InvalidOptionError(
      'size',
      size,
      `a lattice whose byte and packed copies fit in a 4 GiB shared WebAssembly memory (needs ${pages} pages of 64 KiB, at most ${MAX_PAGES})`,
    );
  }
  return workers;
}
