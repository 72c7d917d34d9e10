// The XY model against truth. (1) The 2 x 2 periodic lattice, whose expectations are known by
// quadrature (src/models/xy/exact.ts), itself checked against the ring's transfer integral
// Z = (2 pi)^4 sum_k I_k(2 beta)^4: e, c, |m|, m^2, m^4, <m_x>, the helicity modulus and the vortex
// density within 4 error bars for Metropolis (with and without over-relaxation), the heat bath, Wolff,
// Swendsen-Wang by embedding and hybrid steps, with and without a field. (2) The spin-wave limit at low T: e = -2 + T/2 and
// Upsilon = 1 - T/4 up to O(T^2). (3) Metropolis and Wolff, independent chains, agree on L = 8.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Measurement, type SimulationOptions } from '../src/index.js';
import { xyExact2x2, xyRingEnergy } from '../src/models/xy/exact.js';
import { zScore } from './helpers/core.js';

describe('2 x 2 quadrature', () => {
  // (the sums of 48^4 weights carry rounding errors near 1e-11)
  it('agrees with the transfer integral of the ring at h = 0', () => {
    for (const T of [0.3, 0.9, 2.5]) expect(Math.abs(xyExact2x2(1 / T, 0).energy - xyRingEnergy(4, 2, 1 / T))).toBeLessThan(1e-9);
  });
  it('has converged in the number of points', () => {
    const a = xyExact2x2(1 / 0.5, 0.7, 48);
    const b = xyExact2x2(1 / 0.5, 0.7, 40);
    expect(Math.abs(a.energy - b.energy)).toBeLessThan(1e-9);
    expect(Math.abs(a.helicityModulus - b.helicityModulus)).toBeLessThan(1e-9);
  });
});

const OBSERVABLES = ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4', 'magnetizationX', 'helicityModulus', 'vortexDensity'] as const;

const CASES: [string, SimulationOptions][] = [
  ['metropolis T=0.9 js', { temperature: 0.9, backend: 'js' }],
  ['metropolis T=0.7 h=0.3 wasm', { temperature: 0.7, field: 0.3, backend: 'wasm' }],
  ['metropolis + over-relaxation T=1.5 h=-0.2', { temperature: 1.5, field: -0.2, overRelaxation: 2 }],
  ['wolff T=0.9', { temperature: 0.9, algorithm: 'wolff' }],
  ['wolff T=0.6 h=0.5', { temperature: 0.6, field: 0.5, algorithm: 'wolff' }],
  ['hybrid T=1.1 h=0.2', { temperature: 1.1, field: 0.2, algorithm: 'hybrid' }],
  ['heat-bath T=0.9 js', { temperature: 0.9, algorithm: 'heat-bath', backend: 'js' }],
  ['heat-bath + over-relaxation T=0.6 h=0.5 wasm', { temperature: 0.6, field: 0.5, algorithm: 'heat-bath', overRelaxation: 1, backend: 'wasm' }],
  ['swendsen-wang T=0.9 wasm', { temperature: 0.9, algorithm: 'swendsen-wang', backend: 'wasm' }],
  ['swendsen-wang T=0.7 h=0.3 js', { temperature: 0.7, field: 0.3, algorithm: 'swendsen-wang', backend: 'js' }],
  ['hybrid swendsen-wang T=1.1 h=0.2', { temperature: 1.1, field: 0.2, algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }],
];

describe('XY on 2 x 2 against exact quadrature', () => {
  for (const [name, options] of CASES) {
    it(name, async () => {
      const sim = await createSimulation({ model: 'xy', size: 2, seed: 5, ...options });
      const m = sim.measure({ thermalize: 2000, sweeps: 100000 }) as Measurement<'xy'>;
      const exact = xyExact2x2(m.beta, m.field);
      for (const name of OBSERVABLES) {
        const o = m.observables[name];
        expect(Math.abs(zScore(o, exact[name])), `${name}: ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
      }
      sim.dispose();
    });
  }
});

describe('spin-wave limit', () => {
  it('e = -2 + T/2 and Upsilon = 1 - T/4 at T = 0.05 (L = 16), up to T^2', async () => {
    const T = 0.05;
    const sim = await createSimulation({ model: 'xy', size: 16, temperature: T, start: 'cold', seed: 2 });
    const m = sim.measure({ thermalize: 500, sweeps: 4000 }) as Measurement<'xy'>;
    const { energy, helicityModulus: upsilon, vortexDensity } = m.observables;
    expect(Math.abs(energy.mean - (-2 + T / 2))).toBeLessThan(4 * energy.error + T * T);
    expect(Math.abs(upsilon.mean - (1 - T / 4))).toBeLessThan(4 * upsilon.error + T * T);
    expect(vortexDensity.mean).toBe(0);
    sim.dispose();
  });
});

describe('independent algorithms agree beyond exact sizes', () => {
  it('Metropolis (+ over-relaxation) and Wolff give the same e, |m|, m^2 and Upsilon on L = 8 at T = 0.9', async () => {
    const run = async (options: SimulationOptions) => {
      const sim = await createSimulation({ model: 'xy', size: 8, temperature: 0.9, seed: 11, ...options });
      const m = sim.measure({ thermalize: 1000, sweeps: 30000 }) as Measurement<'xy'>;
      sim.dispose();
      return m.observables;
    };
    const a = await run({ algorithm: 'metropolis', overRelaxation: 1 });
    const b = await run({ algorithm: 'wolff', clustersPerStep: 2 });
    for (const name of ['energy', 'absMagnetization', 'magnetization2', 'helicityModulus'] as const) {
      const z = (a[name].mean - b[name].mean) / Math.hypot(a[name].error, b[name].error);
      expect(Math.abs(z), `${name}: ${a[name].mean} +- ${a[name].error} vs ${b[name].mean} +- ${b[name].error}`).toBeLessThan(4);
    }
  });
});
