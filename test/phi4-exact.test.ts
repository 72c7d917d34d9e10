// phi^4 physics against truth: the 2 x 2 square lattice against its ring transfer integral (itself
// checked at beta = 0 against single-site quadrature and, as lambda -> infinity, against the XY ring);
// independent sites at beta -> 0 on the cubic lattice; the first order of the high-temperature
// expansion e = -beta d <|phi|^2>_0^2 / 2 on both lattices.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type SimulationOptions } from '../src/index.js';
import { phi4Exact2x2, phi4SingleSite } from '../src/models/phi4/exact.js';
import { xyRingEnergy } from '../src/models/xy/exact.js';
import { zScore } from './helpers/core.js';

describe('phi4 exact references', () => {
  it('the ring at beta = 0 is four independent sites (single-site quadrature)', () => {
    const one = phi4SingleSite(2.1);
    const ring = phi4Exact2x2(0, 2.1);
    expect(ring.phi2).toBeCloseTo(one.phi2, 10);
    expect(ring.potential).toBeCloseTo(one.potential, 10);
    expect(ring.magnetization2).toBeCloseTo(one.phi2 / 4, 10);
    expect(ring.energy).toBeCloseTo(0, 12);
  });

  it('lambda -> infinity: the 2 x 2 energy approaches the XY ring at the same beta, with corrections O(1/lambda)', () => {
    const xy = xyRingEnergy(4, 2, 0.5);
    const gap = (lambda: number) => Math.abs(phi4Exact2x2(0.5, lambda).energy - xy);
    expect(gap(1e4)).toBeLessThan(2e-4);
    expect(gap(1e3)).toBeGreaterThan(3 * gap(1e4));
    expect(gap(1e3)).toBeLessThan(2e-3);
  });
});

const EXACT: [string, SimulationOptions][] = [
  ['wasm metropolis + over-relaxation, beta = 0.5, lambda = 2.1', { beta: 0.5, overRelaxation: 1, backend: 'wasm' }],
  ['js hybrid, beta = 0.7, lambda = 0.5', { beta: 0.7, lambda: 0.5, algorithm: 'hybrid', backend: 'js' }],
  ['wasm hybrid, beta = 0.3, lambda = 8', { beta: 0.3, lambda: 8, algorithm: 'hybrid', clustersPerStep: 2, backend: 'wasm' }],
  ['wasm hybrid swendsen-wang, beta = 0.7, lambda = 0.5', { beta: 0.7, lambda: 0.5, algorithm: 'hybrid', hybridCluster: 'swendsen-wang', backend: 'wasm' }],
  ['js hybrid swendsen-wang, beta = 0.3, lambda = 8', { beta: 0.3, lambda: 8, algorithm: 'hybrid', hybridCluster: 'swendsen-wang', backend: 'js' }],
];

describe('phi4 2 x 2 against the ring transfer integral', () => {
  for (const [name, options] of EXACT) {
    it(name, async () => {
      const sim = (await createSimulation({ model: 'phi4', size: 2, seed: 11, ...options })) as Simulation<'phi4'>;
      const m = sim.measure({ thermalize: 2000, sweeps: 100000 });
      const exact = phi4Exact2x2(m.beta, m.lambda as number);
      const o = m.observables;
      for (const name of ['energy', 'specificHeat', 'phi2', 'potential', 'magnetization2'] as const) {
        expect(Math.abs(zScore(o[name], exact[name])), `${name}: ${o[name].mean} +- ${o[name].error} vs ${exact[name]}`).toBeLessThan(4);
      }
    });
  }
});

describe('phi4 Swendsen-Wang by embedding in three dimensions', () => {
  it('cubic L = 6, beta = 0.5 (near beta_c): hybrid steps with Swendsen-Wang agree with hybrid steps with Wolff', async () => {
    const run = async (hybridCluster: 'wolff' | 'swendsen-wang') => {
      const sim = (await createSimulation({ model: 'phi4', lattice: 'cubic', size: 6, beta: 0.5, seed: 8, algorithm: 'hybrid', hybridCluster })) as Simulation<'phi4'>;
      const o = sim.measure({ thermalize: 500, sweeps: 8000 }).observables;
      sim.dispose();
      return o;
    };
    const [a, b] = [await run('wolff'), await run('swendsen-wang')];
    for (const name of ['energy', 'phi2', 'magnetization2', 'absMagnetization'] as const) {
      const z = (b[name].mean - a[name].mean) / Math.hypot(a[name].error, b[name].error);
      expect(Math.abs(z), `${name}: ${b[name].mean} +- ${b[name].error} vs Wolff ${a[name].mean} +- ${a[name].error}`).toBeLessThan(4);
    }
  });
});

describe('phi4 at high temperature', () => {
  it('cubic, beta -> 0: independent sites (<|phi|^2>, <V>, <|m|^2> = <|phi|^2> / N)', async () => {
    const sim = (await createSimulation({ model: 'phi4', lattice: 'cubic', size: 4, beta: 1e-6, seed: 2 })) as Simulation<'phi4'>;
    const o = sim.measure({ thermalize: 200, sweeps: 4000 }).observables;
    const one = phi4SingleSite(2.1);
    expect(Math.abs(zScore(o.phi2, one.phi2))).toBeLessThan(4);
    expect(Math.abs(zScore(o.potential, one.potential))).toBeLessThan(4);
    expect(Math.abs(zScore(o.magnetization2, one.phi2 / 64))).toBeLessThan(4);
  });

  for (const lattice of ['square', 'cubic'] as const) {
    it(`${lattice}: e = -beta d <|phi|^2>_0^2 / 2 + O(beta^3) at beta = 0.05`, async () => {
      const beta = 0.05;
      const d = lattice === 'cubic' ? 3 : 2;
      const sim = await createSimulation({ model: 'phi4', lattice, size: lattice === 'cubic' ? 6 : 16, beta, seed: 8, overRelaxation: 1 });
      const { energy } = sim.measure({ thermalize: 300, sweeps: 6000 }).observables;
      const r2 = phi4SingleSite(2.1).phi2;
      const expected = (-beta * d * r2 * r2) / 2;
      // the next order is beta^3: below 1e-4 here
      expect(Math.abs(energy.mean - expected)).toBeLessThan(4 * energy.error + 1e-4);
      expect(energy.error).toBeLessThan(0.05 * Math.abs(expected));
    });
  }
});
