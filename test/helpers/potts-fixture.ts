/** Reads test/fixtures/potts-exact.json (written by scripts/potts-exact-fixture.ts). */
import { readFileSync } from 'node:fs';
import type { PottsDensityOfStates } from '../../src/models/potts/exact.js';

export interface FixturePoint {
  temperature: number;
  energy: number;
  specificHeat: number;
  energyCumulant: number;
  magnetization2?: number;
  magnetization4?: number;
  absMagnetization?: number;
}

export interface FixtureCase {
  q: number;
  Lx: number;
  Ly: number;
  lnCounts: (number | null)[];
  points: FixturePoint[];
}

export const pottsFixture: { cases: FixtureCase[] } = JSON.parse(readFileSync(new URL('../fixtures/potts-exact.json', import.meta.url), 'utf8'));

/** The stored density of states of one lattice as a {@link PottsDensityOfStates}. */
export function fixtureDensity(q: number, L: number): PottsDensityOfStates {
  const c = pottsFixture.cases.find((x) => x.q === q && x.Lx === L && x.Ly === L);
  if (!c) throw new Error(`no q=${q} ${L}x${L} case in test/fixtures/potts-exact.json`);
  const N = L * L;
  return { q, Lx: L, Ly: L, N, bonds: 2 * N, lnCounts: Float64Array.from(c.lnCounts, (x) => (x === null ? -Infinity : x)) };
}
