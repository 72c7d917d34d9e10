// The 2 x 2 x 2 cube against exact enumeration of its 256 states (doubled bonds: every site has six
// bonds, two to each of its three distinct neighbours, so the cube is the 3-cube graph at 2J).
// Every algorithm on WebAssembly (the JavaScript kernels are bit-identical: test/cubic-parity),
// with and without a field: e, c, |m|, m^2, m^4, chi, chi', U4 within |z| < 4 (binned errors),
// 10^5 steps; and the density of states itself against counts by hand.
import { describe, expect, it } from 'vitest';
import { createSimulation, cubicDensityOfStates, dosCount, exactMoments } from '../src/index.js';
import type { ObservableName, SimulationOptions } from '../src/index.js';
import { OBSERVABLE_LABELS } from '../src/cli/format.js';
import { zScore } from './helpers/core.js';

const dos = cubicDensityOfStates(2);
const CHECKED: ObservableName[] = OBSERVABLE_LABELS.map(([name]) => name);

describe('2 x 2 x 2 density of states', () => {
  it('counts 2^8 states with the doubled bonds of L = 2', () => {
    expect(dos.N).toBe(8);
    expect(dos.bonds).toBe(24);
    expect(dos.counts.reduce((a, b) => a + b, 0)).toBe(256);
    // ground states: all up, all down
    expect(dosCount(dos, 24, 8)).toBe(1);
    expect(dosCount(dos, 24, -8)).toBe(1);
    // one spin flipped breaks its 6 bonds: B = 24 - 12
    expect(dosCount(dos, 12, 6)).toBe(8);
    // the two checkerboard (Neel) states: every bond broken
    expect(dosCount(dos, -24, 0)).toBe(2);
    // two flipped neighbours break 2 x 4 bonds (their 2 shared bonds stay satisfied): B = 24 - 16,
    // 12 pairs; two flipped non-neighbours break 12: B = 0, 16 pairs (12 at distance 2, 4 at distance 3)
    expect(dosCount(dos, 8, 4)).toBe(12);
    expect(dosCount(dos, 0, 4)).toBe(16);
  });

  it('is symmetric under M -> -M and gives the high-temperature limit', () => {
    for (let B = -24; B <= 24; B += 2) for (let M = -8; M <= 8; M += 2) expect(dosCount(dos, B, M)).toBe(dosCount(dos, B, -M));
    // beta -> 0: <B> = beta Var(B); B = 2 sum over the 12 edges of the cube, Var(B) = 4 x 12, so
    // <e> = -6 beta (twice the -3 beta of a large lattice: the doubled bonds)
    const x = exactMoments(dos, 1e4);
    expect(x.energy / (-6 / 1e4)).toBeCloseTo(1, 3);
  });
});

const POINTS: [number, number][] = [
  [4.5, 0],
  [8.0, 0],
  [6.0, 0.5],
];
const ALGORITHMS: [string, SimulationOptions][] = [
  ['metropolis', { algorithm: 'metropolis' }],
  ['heat-bath', { algorithm: 'heat-bath' }],
  ['wolff', { algorithm: 'wolff' }],
  ['swendsen-wang', { algorithm: 'swendsen-wang' }],
  ['hybrid (1 sweep + swendsen-wang)', { algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
];

describe('2 x 2 x 2 cube vs exact enumeration, every algorithm', () => {
  for (const [label, algorithm] of ALGORITHMS) {
    it.each(POINTS)(`${label}: T=%d h=%d`, async (temperature, field) => {
      const sim = await createSimulation({ ...algorithm, lattice: 'cubic', size: 2, temperature, field, backend: 'wasm', seed: 2026 });
      const m = sim.measure({ thermalize: 1000, sweeps: 100_000 });
      const exact = exactMoments(dos, temperature, field);
      for (const name of CHECKED) {
        const o = m.observables[name];
        expect(Math.abs(zScore(o, exact[name])), `${name}: measured ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
      }
      if (field === 0 && m.improved) {
        expect(Math.abs(zScore(m.improved.magnetization2, exact.magnetization2)), 'improved m^2').toBeLessThan(4);
      }
      expect(m.warnings).toEqual([]);
    });
  }

  it.each(['wasm', 'js'] as const)('correlations on %s: G(1) = <B> / 3N = -<e> / 3 and S(0) = N <m^2> at h = 0', async (backend) => {
    const temperature = 5;
    const sim = await createSimulation({ lattice: 'cubic', size: 2, temperature, algorithm: 'wolff', backend, seed: 3 });
    const m = sim.measure({ thermalize: 1000, sweeps: 50_000, correlations: { every: 2 } });
    const exact = exactMoments(dos, temperature, 0);
    const c = m.correlations!;
    expect(c.distances).toEqual([0, 1]);
    expect(Math.abs(zScore(c.correlation[1], -exact.energy / 3)), `G(1) = ${c.correlation[1].mean} +- ${c.correlation[1].error}`).toBeLessThan(4);
    expect(Math.abs(zScore(c.structureFactorZero, 8 * exact.magnetization2)), 'S(0)').toBeLessThan(4);
  });
});

// At L = 2 the +x and -x neighbours coincide, so a kernel that took a wrong neighbour along an axis
// could still pass the cube; at L = 4 every neighbour is distinct: local and cluster updates must agree.
describe('4 x 4 x 4: local and cluster algorithms agree', () => {
  it('e, |m|, m^2 and c of Metropolis, heat bath, Wolff and Swendsen-Wang within 4 errors of each other', async () => {
    const measured = await Promise.all((['metropolis', 'heat-bath', 'wolff', 'swendsen-wang'] as const).map(async (algorithm) => {
      const sim = await createSimulation({ lattice: 'cubic', size: 4, temperature: 4.6, algorithm, ...(algorithm === 'wolff' ? { clustersPerStep: 4 } : {}), seed: 11, backend: 'wasm' });
      return sim.measure({ thermalize: 1000, sweeps: 40_000 });
    }));
    for (const name of ['energy', 'absMagnetization', 'magnetization2', 'specificHeat'] as const) {
      for (let a = 0; a < measured.length; a++) {
        for (let b = a + 1; b < measured.length; b++) {
          const x = measured[a].observables[name];
          const y = measured[b].observables[name];
          expect(Math.abs(x.mean - y.mean) / Math.hypot(x.error, y.error), `${name}: ${measured[a].algorithm} ${x.mean} +- ${x.error} vs ${measured[b].algorithm} ${y.mean} +- ${y.error}`).toBeLessThan(4);
        }
      }
    }
  });
});
