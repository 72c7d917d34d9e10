/**
 * Writes test/fixtures/potts-exact.json: exact references for the Potts acceptance tests that take too
 * long to recompute inside `npm test` (the q = 8 density of states on 6 x 6 alone takes ~30 s).
 *
 *   npx tsx scripts/potts-exact-fixture.ts               (about 10 minutes on one core)
 *   npx tsx scripts/potts-exact-fixture.ts --only 10x6   (recompute some lattices, keep the others)
 *
 * For every lattice: the exact density of states ln g(b) (src/models/potts/density.ts), and at a grid of
 * temperatures e, c and V4 from it; <m^2>, <m^4> from the moment transfer matrix where it fits (not q = 8 on
 * 6 x 6), and <m> from the occupation-vector transfer matrix where that fits (q = 3 on 6 x 6, q = 4 on 4 x 4).
 * Conventions: H = -sum_<ij> delta(s_i, s_j) (h = 0), periodic Lx x Ly, 2N bonds, per-site e = E/N,
 * c = N beta^2 (<e^2> - <e>^2), m = |M|/N with |M|^2 = (q sum_k n_k^2 - N^2)/(q - 1).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  pottsCriticalTemperature,
  pottsDensityOfStates,
  pottsEnergyMoments,
  pottsExactMoments,
  pottsMagnetizationDistribution,
} from '../src/models/potts/exact.js';

const LATTICES: { q: number; L: number; moments: boolean; abs: boolean }[] = [
  { q: 3, L: 4, moments: true, abs: true },
  { q: 3, L: 6, moments: true, abs: true },
  { q: 4, L: 4, moments: true, abs: true },
  { q: 4, L: 6, moments: true, abs: false },
  { q: 5, L: 4, moments: true, abs: false },
  { q: 5, L: 6, moments: true, abs: false },
  { q: 8, L: 4, moments: true, abs: false },
  { q: 8, L: 6, moments: false, abs: false },
  { q: 10, L: 4, moments: true, abs: false },
  { q: 10, L: 6, moments: false, abs: false },
];
const TEMPERATURES = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.5, 2.0, 3.0];

const round = (x: number) => Number(x.toPrecision(15));
const path = new URL('../test/fixtures/potts-exact.json', import.meta.url);
const at = process.argv.indexOf('--only');
const only = at >= 0 ? new Set(process.argv[at + 1].split(',')) : undefined;
const previous: { q: number; Lx: number }[] = only && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).cases : [];
const cases: unknown[] = [];
for (const { q, L, moments, abs } of LATTICES) {
  if (only && !only.has(`${q}x${L}`)) {
    const kept = previous.find((c) => c.q === q && c.Lx === L);
    if (kept) cases.push(kept);
    continue;
  }
  const started = performance.now();
  const dos = pottsDensityOfStates(q, L);
  const temperatures = [...TEMPERATURES, pottsCriticalTemperature(q)].sort((a, b) => a - b);
  const points = temperatures.map((temperature) => {
    const beta = 1 / temperature;
    const d = pottsEnergyMoments(dos, beta);
    const point: Record<string, number> = {
      temperature: round(temperature),
      energy: round(d.energy),
      specificHeat: round(d.specificHeat),
      energyCumulant: round(d.energyCumulant),
    };
    if (moments) {
      const m = pottsExactMoments(q, L, L, beta);
      point.magnetization2 = round(m.magnetization2);
      point.magnetization4 = round(m.magnetization4);
    }
    if (abs) point.absMagnetization = round(pottsMagnetizationDistribution(q, L, L, beta).absMagnetization);
    return point;
  });
  cases.push({ q, Lx: L, Ly: L, lnCounts: Array.from(dos.lnCounts, (x) => (x === -Infinity ? null : round(x))), points });
  process.stderr.write(`q=${q} ${L}x${L}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const fixture = {
  description:
    'Exact q-state Potts references (h = 0): H = -sum_<ij> delta(s_i, s_j), J = k_B = 1, periodic L x L, 2N bonds. ' +
    'lnCounts[b] = ln g(b), the number of configurations with b satisfied bonds (E = -b; null: none). ' +
    'Per-site e = E/N, c = N beta^2 (<e^2> - <e>^2), energyCumulant V4 = 1 - <E^4>/(3 <E^2>^2), ' +
    'm = |M|/N with |M|^2 = (q sum_k n_k^2 - N^2)/(q - 1).',
  generatedBy: 'npx tsx scripts/potts-exact-fixture.ts',
  cases,
};
writeFileSync(path, `${JSON.stringify(fixture, null, 1)}\n`);
