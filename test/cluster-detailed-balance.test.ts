// Detailed balance of the cluster algorithms in a field, on the 2 x 2 lattice (16 states) against
// exact enumeration. For every state s, the fraction of steps spent in s must match the Boltzmann
// weight pi(s) (per-state z with a binned error); for the reversible updates (Wolff, Swendsen-Wang)
// the probability flows must balance: pi(a) P(a->b) = pi(b) P(b->a) for every pair, where P(a->.)
// is estimated from the steps leaving a (independent draws by the Markov property, binomial errors).
// Tolerance |z| < 4. A control shows that the flow test has teeth: checkerboard Metropolis sweeps
// keep pi stationary but are not reversible, and fail it.
import { describe, expect, it } from 'vitest';
import { boltzmannWeights, createSimulation, densityOfStates, dosCount, stats } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const dos = densityOfStates(2);
const STATES = 16;
const STEPS = 200_000;

/** Exact probability of each of the 16 configurations (bit i set: spin i up), from the enumerated P(B, M). */
function exactStateProbabilities(temperature: number, field: number): Float64Array {
  const { probabilities } = boltzmannWeights(dos, temperature, field);
  const pi = new Float64Array(STATES);
  for (let state = 0; state < STATES; state++) {
    const s = [0, 1, 2, 3].map((i) => ((state >> i) & 1 ? 1 : -1));
    // 2 x 2 torus: every site has its right and lower neighbour twice over (2N = 8 bonds).
    const B = 2 * (s[0] * s[1] + s[2] * s[3] + s[0] * s[2] + s[1] * s[3]);
    const M = s[0] + s[1] + s[2] + s[3];
    pi[state] = probabilities[((B + 8) / 2) * 5 + (M + 4) / 2] / dosCount(dos, B, M);
  }
  return pi;
}

/** The visited state after every step. */
async function trajectory(options: SimulationOptions): Promise<Uint8Array> {
  const sim = await createSimulation({ ...options, size: 2, seed: 77 });
  sim.sweep(100);
  const states = new Uint8Array(STEPS);
  for (let k = 0; k < STEPS; k++) {
    sim.sweep(1);
    const s = sim.spins();
    states[k] = (s[0] > 0 ? 1 : 0) | (s[1] > 0 ? 2 : 0) | (s[2] > 0 ? 4 : 0) | (s[3] > 0 ? 8 : 0);
  }
  return states;
}

/**
 * Per-state z of the occupation fractions against pi. Errors by binning: the fraction of each bin of
 * 1000 steps spent in the state, standard error over the 200 bins (1000 steps is far longer than the
 * autocorrelation time of a 2 x 2 lattice, a few steps).
 */
function occupationZ(states: Uint8Array, pi: Float64Array): number[] {
  const binSize = 1000;
  const bins = Math.floor(states.length / binSize);
  const fractions = Array.from({ length: STATES }, () => new Float64Array(bins));
  for (let k = 0; k < bins * binSize; k++) fractions[states[k]][Math.floor(k / binSize)] += 1 / binSize;
  return fractions.map((f, state) => (stats.sampleMean(f) - pi[state]) / stats.standardError(f));
}

/** z of pi(a) P(a->b) - pi(b) P(b->a) for every pair a < b with transitions between them. */
function flowZ(states: Uint8Array, pi: Float64Array): number[] {
  const counts = new Float64Array(STATES * STATES);
  for (let k = 1; k < states.length; k++) counts[states[k - 1] * STATES + states[k]]++;
  const visits = Array.from({ length: STATES }, (_, a) => counts.slice(a * STATES, (a + 1) * STATES).reduce((x, y) => x + y, 0));
  const z: number[] = [];
  for (let a = 0; a < STATES; a++) {
    for (let b = a + 1; b < STATES; b++) {
      if (counts[a * STATES + b] + counts[b * STATES + a] === 0) continue;
      const pab = counts[a * STATES + b] / visits[a];
      const pba = counts[b * STATES + a] / visits[b];
      const variance = (pi[a] ** 2 * pab * (1 - pab)) / visits[a] + (pi[b] ** 2 * pba * (1 - pba)) / visits[b];
      z.push((pi[a] * pab - pi[b] * pba) / Math.sqrt(variance));
    }
  }
  return z;
}

// Temperatures high enough that the rarest state (the checkerboard, B = -8) is expected >= 100 times.
const FIELDS: [number, number][] = [
  [2.5, 0.3],
  [2.8, -0.6],
  [3.0, 1.2],
];
const REVERSIBLE: [string, SimulationOptions, [number, number][]][] = [
  ['wolff', { algorithm: 'wolff' }, FIELDS],
  ['swendsen-wang', { algorithm: 'swendsen-wang' }, FIELDS],
  ['wolff, 3 clusters a step', { algorithm: 'wolff', clustersPerStep: 3 }, [FIELDS[1]]],
];

function checkBalance(states: Uint8Array, pi: Float64Array): void {
  expect(Math.min(...pi) * STEPS, 'every state is expected often enough for a binned error').toBeGreaterThan(100);
  const occupation = occupationZ(states, pi);
  expect(Math.max(...occupation.map(Math.abs)), `occupation z: ${occupation.map((z) => z.toFixed(2)).join(' ')}`).toBeLessThan(4);
  const flows = flowZ(states, pi);
  expect(flows.length, 'pairs with transitions').toBeGreaterThan(20);
  expect(Math.max(...flows.map(Math.abs)), `flow z: ${flows.map((z) => z.toFixed(2)).join(' ')}`).toBeLessThan(4);
}

describe('detailed balance in a field, 2 x 2 lattice vs exact enumeration', () => {
  for (const [label, algorithm, points] of REVERSIBLE) {
    it.each(points)(`${label}: T=%d h=%d`, async (temperature, field) => {
      checkBalance(await trajectory({ ...algorithm, backend: 'wasm', temperature, field }), exactStateProbabilities(temperature, field));
    }, 30_000);
  }

  // The JavaScript kernels are bit-identical (test/cluster-parity.test.ts): the same trajectory, hence the same verdict.
  it.each(['wolff', 'swendsen-wang'] as const)('%s on the JavaScript backend walks the same trajectory', async (algorithm) => {
    const [temperature, field] = FIELDS[0];
    const js = await trajectory({ algorithm, backend: 'js', temperature, field });
    checkBalance(js, exactStateProbabilities(temperature, field));
    expect(js).toEqual(await trajectory({ algorithm, backend: 'wasm', temperature, field }));
  }, 30_000);

  it.each([['wolff', ...FIELDS[0]], ['swendsen-wang', ...FIELDS[1]]] as const)(
    'hybrid steps with %s (not reversible) keep the Boltzmann distribution: T=%d h=%d',
    async (hybridCluster, temperature, field) => {
      const states = await trajectory({ algorithm: 'hybrid', hybridCluster, backend: 'wasm', temperature, field });
      const occupation = occupationZ(states, exactStateProbabilities(temperature, field));
      expect(Math.max(...occupation.map(Math.abs)), occupation.map((z) => z.toFixed(2)).join(' ')).toBeLessThan(4);
    },
    30_000,
  );

  it('control: the flow test rejects checkerboard Metropolis sweeps (stationary, not reversible)', async () => {
    const pi = exactStateProbabilities(2.5, 0.3);
    const states = await trajectory({ algorithm: 'metropolis', backend: 'wasm', temperature: 2.5, field: 0.3 });
    expect(Math.max(...occupationZ(states, pi).map(Math.abs))).toBeLessThan(4);
    expect(Math.max(...flowZ(states, pi).map(Math.abs))).toBeGreaterThan(10);
  }, 30_000);
});
