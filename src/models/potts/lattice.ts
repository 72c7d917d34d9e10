/**
 * Shared pieces of the exact Potts computations: argument checks (q itself: ./kernel.ts), the orbits of
 * first rows under the symmetries of the torus, and falling factorials.
 *
 * Lattice convention (as in `src/exact/`): an Lx × Ly torus with `N = Lx·Ly` sites and `2N` bonds,
 * every site bonded to its right and its down neighbour with periodic wrap. A side of length 2 joins
 * its two sites by two bonds.
 *
 * @module
 */

import { InvalidOptionError } from '../../errors.js';

/** Throws unless `v` is an integer >= 2 (a side of the torus). */
export function checkSide(v: unknown, option: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 2) {
    throw new InvalidOptionError(option, v, 'an integer >= 2');
  }
  return v;
}

/** Throws unless `beta` is a finite number >= 0. */
export function checkBeta(beta: unknown, option = 'beta'): number {
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new InvalidOptionError(option, beta, 'a finite number >= 0');
  }
  return beta;
}

/** Throws unless `field` is a finite number. */
export function checkField(field: unknown, option = 'field'): number {
  if (typeof field !== 'number' || !Number.isFinite(field)) {
    throw new InvalidOptionError(option, field, 'a finite number');
  }
  return field;
}

/** `n (n - 1) … (n - k + 1)`, the number of ways to give k labelled blocks distinct colours out of n. */
export function fallingFactorial(n: number, k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= n - i;
  return p;
}

/**
 * Relabels the colours of a row in order of first appearance: `0, 1, 2, …`; with `fixZero`, colour 0
 * keeps label 0 and the other colours are relabelled from 1.
 */
export function canonicalRow(row: ArrayLike<number>, fixZero: boolean): number[] {
  const map = new Map<number, number>();
  let next = fixZero ? 1 : 0;
  const out = new Array<number>(row.length);
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (fixZero && c === 0) {
      out[i] = 0;
      continue;
    }
    let label = map.get(c);
    if (label === undefined) {
      label = next++;
      map.set(c, label);
    }
    out[i] = label;
  }
  return out;
}

/** One orbit of first rows: a representative and the number of rows in the orbit. */
export interface RowClass {
  /** Canonical representative: colours relabelled by first appearance (see {@link canonicalRow}). */
  readonly row: Uint8Array;
  /** Number of distinct rows of colours `0 … q-1` in the orbit. */
  readonly weight: number;
}

/**
 * The orbits of the q^L rows of length L under the colour permutations (all of S_q, or those that fix
 * colour 0 when `fixZero`, as a field on colour 0 requires) and the 2L translations and reflections
 * of the row. Every quantity computed on the torus is the same for all first rows of one orbit, so
 * a transfer matrix needs to start from one representative per orbit only; the weights sum to q^L.
 */
export function rowClasses(q: number, L: number, fixZero: boolean): RowClass[] {
  const classes = new Map<string, { row: number[]; weight: number }>();
  const row = new Array<number>(L).fill(0);
  const key = (r: number[]) => String.fromCharCode(...r);
  const visit = (pos: number, used: number): void => {
    if (pos === L) {
      let best: number[] | undefined;
      let bestKey = '';
      for (let t = 0; t < L; t++) {
        for (const flip of [false, true]) {
          const image = canonicalRow(
            Array.from({ length: L }, (_, i) => row[flip ? (t - i + L) % L : (i + t) % L]),
            fixZero,
          );
          const k = key(image);
          if (best === undefined || k < bestKey) {
            best = image;
            bestKey = k;
          }
        }
      }
      const colourings = fixZero ? fallingFactorial(q - 1, used) : fallingFactorial(q, used);
      const entry = classes.get(bestKey);
      if (entry) entry.weight += colourings;
      else classes.set(bestKey, { row: best!, weight: colourings });
      return;
    }
    const first = fixZero ? 1 : 0;
    if (fixZero) {
      row[pos] = 0;
      visit(pos + 1, used);
    }
    for (let label = first; label < first + used; label++) {
      row[pos] = label;
      visit(pos + 1, used);
    }
    const available = fixZero ? q - 1 : q;
    if (used < available) {
      row[pos] = first + used;
      visit(pos + 1, used + 1);
    }
  };
  visit(0, 0);
  return [...classes.values()].map(({ row: r, weight }) => ({ row: Uint8Array.from(r), weight }));
}

/** Number of satisfied horizontal bonds of a row on its own ring of L sites (a ring of 2 has 2 bonds). */
export function rowBonds(row: ArrayLike<number>): number {
  const L = row.length;
  let b = 0;
  for (let i = 0; i < L; i++) if (row[i] === row[(i + 1) % L]) b++;
  return b;
}
