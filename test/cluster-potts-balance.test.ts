// Detailed balance of the Potts cluster kernels (q = 3) against exact enumeration, at the kernel level.
//
// 2 x 2 lattice (81 configurations): the fraction of steps spent in each configuration against its
// Boltzmann weight (per-state z with a binned error: bins of 1000 steps, 200 bins, far longer than
// the autocorrelation of a 4-site lattice), their chi^2 against the upper 1e-4 quantile of chi^2(80),
// and the probability flows pi(a) P(a->b) = pi(b) P(b->a) for every pair with at least 20
// transitions (P(a->.) from the steps leaving a, independent by the Markov property; binomial
// errors). Tolerances: |z| < 4.5 for the 81 states and < 5 for the (up to 3240) pairs, so that a
// correct kernel fails with probability < 1e-3 (Bonferroni); fixed seeds.
// 3 x 3 lattice (19683 configurations, 4 neighbours each, the unrolled walk): the joint distribution
// of (Nb, n_0) against the exact one, over the levels expected at least 50 times.
// Controls show the tests have teeth: the Ising convention's bond probability 1 - exp(-2 beta J) on
// the Potts model, and a Wolff move that may pick the cluster's own state (not detailed balance for
// the field's acceptance), both fail.
import { describe, expect, it } from 'vitest';
import { stats } from '../src/index.js';
import type { ClusterAlgorithm } from '../src/vocabulary.js';
import { pottsThresholds } from '../src/cluster/potts.js';
import { threshold } from '../src/thresholds.js';
import { bothPottsLattices, chiSquareCritical, pottsBoltzmann, recordOf, stateIndex, type PottsCase, type PottsLattice } from './helpers/potts-clusters.js';

const STEPS = 200_000;
const BIN = 1000;

/** The class (configuration index, or level) after every step, after 100 unrecorded steps. */
function trajectory(lattice: PottsLattice, cluster: ClusterAlgorithm, classOf: (states: Uint8Array) => number): Int32Array {
  lattice.clusters.update(cluster, 100, 1);
  const out = new Int32Array(STEPS);
  for (let k = 0; k < STEPS; k++) {
    lattice.clusters.update(cluster, 1, 1);
    out[k] = classOf(lattice.readStates());
  }
  return out;
}

/** Per-class z of the occupation fractions (binned errors) and their chi^2, over the classes expected at least `minimum` times. */
function occupation(path: Int32Array, pi: Float64Array, minimum: number): { z: number[]; chi2: number; dof: number } {
  const bins = STEPS / BIN;
  const classes = [...pi.keys()].filter((a) => pi[a] * STEPS >= minimum);
  const fractions = new Map(classes.map((a) => [a, new Float64Array(bins)]));
  for (let k = 0; k < STEPS; k++) {
    const f = fractions.get(path[k]);
    if (f) f[Math.floor(k / BIN)] += 1 / BIN;
  }
  const z = classes.map((a) => (stats.sampleMean(fractions.get(a)!) - pi[a]) / stats.standardError(fractions.get(a)!));
  return { z, chi2: z.reduce((s, x) => s + x * x, 0), dof: classes.length - 1 };
}

/** z of pi(a) P(a->b) - pi(b) P(b->a) for every pair a < b with at least 20 transitions between them. */
function flows(path: Int32Array, pi: Float64Array): number[] {
  const visits = new Float64Array(pi.length);
  const counts = new Map<number, number>();
  for (let k = 1; k < STEPS; k++) {
    visits[path[k - 1]]++;
    const key = path[k - 1] * pi.length + path[k];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const z: number[] = [];
  for (let a = 0; a < pi.length; a++) {
    for (let b = a + 1; b < pi.length; b++) {
      const ab = counts.get(a * pi.length + b) ?? 0;
      const ba = counts.get(b * pi.length + a) ?? 0;
      if (ab + ba < 20) continue;
      const pab = ab / visits[a];
      const pba = ba / visits[b];
      const variance = (pi[a] ** 2 * pab * (1 - pab)) / visits[a] + (pi[b] ** 2 * pba * (1 - pba)) / visits[b];
      z.push((pi[a] * pab - pi[b] * pba) / Math.sqrt(variance));
    }
  }
  return z;
}

const maxAbs = (z: number[]) => Math.max(...z.map(Math.abs));
const show = (z: number[]) => z.map((x) => x.toFixed(1)).join(' ');

const SMALL: [ClusterAlgorithm, number, number][] = [
  ['wolff', 1.5, 0],
  ['wolff', 2.0, 0.5],
  ['wolff', 2.0, -0.6],
  ['swendsen-wang', 1.5, 0],
  ['swendsen-wang', 2.0, 0.5],
  ['swendsen-wang', 2.0, -0.6],
];

describe('Potts q = 3 cluster kernels keep the Boltzmann distribution (exact enumeration)', () => {
  it.each(SMALL)('2 x 2, %s at T=%d h=%d: states and flows', async (cluster, temperature, field) => {
    const c: PottsCase = { q: 3, size: 2, temperature, field, seed: 101 };
    const pi = pottsBoltzmann(2, 3, temperature, field);
    expect(Math.min(...pi) * STEPS, 'every state is expected often enough for a binned error').toBeGreaterThan(100);
    const [wasm, js] = await bothPottsLattices(c);
    const path = trajectory(wasm, cluster, (s) => stateIndex(s, 3));
    const { z, chi2, dof } = occupation(path, pi, 0);
    expect(maxAbs(z), `occupation z: ${show(z)}`).toBeLessThan(4.5);
    expect(chi2, `chi^2 over ${dof} dof`).toBeLessThan(chiSquareCritical(dof));
    const f = flows(path, pi);
    expect(f.length, 'pairs with transitions').toBeGreaterThan(100);
    expect(maxAbs(f), `largest flow z of ${f.length}`).toBeLessThan(5);
    // bit-identical twin (test/cluster-potts-parity.test.ts): the same trajectory, the same verdict
    if (field === 0) expect(trajectory(js, cluster, (s) => stateIndex(s, 3))).toEqual(path);
  }, 60_000);

  const levels = (temperature: number, field: number) => {
    const pi = pottsBoltzmann(3, 3, temperature, field);
    const byLevel = new Float64Array(19 * 10);
    const states = new Uint8Array(9);
    for (let index = 0; index < pi.length; index++) {
      let k = index;
      for (let i = 0; i < 9; i++) {
        states[i] = k % 3;
        k = Math.floor(k / 3);
      }
      const record = recordOf(states, 3, 3);
      byLevel[record[0] * 10 + record[1]] += pi[index];
    }
    return byLevel;
  };
  const levelOf = (s: Uint8Array) => {
    const record = recordOf(s, 3, 3);
    return record[0] * 10 + record[1];
  };

  it.each([
    ['wolff', 1.0, 0],
    ['wolff', 1.2, -0.3],
    ['swendsen-wang', 1.0, 0],
    ['swendsen-wang', 1.2, 0.3],
  ] as [ClusterAlgorithm, number, number][])('3 x 3, %s at T=%d h=%d: levels of (Nb, n_0)', async (cluster, temperature, field) => {
    const pi = levels(temperature, field);
    const [wasm] = await bothPottsLattices({ q: 3, size: 3, temperature, field, seed: 202 });
    const { z, chi2, dof } = occupation(trajectory(wasm, cluster, levelOf), pi, 50);
    expect(dof, 'levels tested').toBeGreaterThan(15);
    expect(maxAbs(z), `level z: ${show(z)}`).toBeLessThan(4.5);
    expect(chi2, `chi^2 over ${dof} dof`).toBeLessThan(chiSquareCritical(dof));
  }, 60_000);

  it('control: the Ising bond probability 1 - exp(-2 beta J) on the Potts model is rejected', async () => {
    const [wasm] = await bothPottsLattices({ q: 3, size: 2, temperature: 1.5, field: 0, seed: 101 });
    wasm.clusters.setThresholds({ bond: threshold(-Math.expm1(-2 / 1.5)), ghost: 0, fieldMode: 0 });
    const { z } = occupation(trajectory(wasm, 'swendsen-wang', (s) => stateIndex(s, 3)), pottsBoltzmann(2, 3, 1.5, 0), 0);
    expect(maxAbs(z)).toBeGreaterThan(10);
  }, 60_000);

  it('control: a field without its ghost acceptance is rejected', async () => {
    const t = pottsThresholds(1 / 2.0, 0.5);
    const [wasm] = await bothPottsLattices({ q: 3, size: 2, temperature: 2.0, field: 0.5, seed: 101 });
    wasm.clusters.setThresholds({ ...t, ghost: 0 }); // ghost threshold 0: every move accepted
    const { z } = occupation(trajectory(wasm, 'wolff', (s) => stateIndex(s, 3)), pottsBoltzmann(2, 3, 2.0, 0.5), 0);
    expect(maxAbs(z)).toBeGreaterThan(10);
  }, 60_000);
});
