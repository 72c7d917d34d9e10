/** The exact 4 x 4 x 2 density of states (test/fixtures/cubic-dos-4x4x2.json, scripts/reference/dos442.c). */
import { readFileSync } from 'node:fs';
import type { DensityOfStates } from '../../src/index.js';

export interface Dos442Fixture {
  Lx: number;
  Ly: number;
  Lz: number;
  N: number;
  bonds: number;
  states: number;
  entries: [number, number, number][];
}

export const dos442Fixture = JSON.parse(readFileSync(new URL('../fixtures/cubic-dos-4x4x2.json', import.meta.url), 'utf8')) as Dos442Fixture;

/** The fixture as a DensityOfStates (rows of the box flattened: Ly * Lz), for exactMoments. */
export function dos442(f: Dos442Fixture = dos442Fixture): DensityOfStates {
  const { N, bonds } = f;
  const counts = new Float64Array((bonds + 1) * (N + 1));
  for (const [B, M, count] of f.entries) counts[((B + bonds) / 2) * (N + 1) + (M + N) / 2] = count;
  const bValues = Int32Array.from({ length: bonds + 1 }, (_, j) => -bonds + 2 * j);
  const mValues = Int32Array.from({ length: N + 1 }, (_, i) => -N + 2 * i);
  return { Lx: f.Lx, Ly: f.Ly * f.Lz, N, bonds, bValues, mValues, counts };
}
