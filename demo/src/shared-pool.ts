/** The page's one pool of simulation workers (the temperature sweep and the emergence view share it), made on first use. */
import { createPool, type Pool } from 'criticality';

let pool: Promise<Pool> | undefined;

/** The pool: the cores minus two (one for the live lattice, one for the page), at least one, at most four. */
export function sharedPool(): Promise<Pool> {
  const cores = navigator.hardwareConcurrency || 2;
  pool ??= createPool({ size: Math.max(1, Math.min(4, cores - 2)) });
  pool.catch(() => (pool = undefined));
  return pool;
}
