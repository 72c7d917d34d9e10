// The RG flow of the continuous-spin models (src/rg/continuous-flow.ts) against its limits: at
// T -> 0 the block spins stay aligned on every level; at T = infinity the block correlations vanish
// and the O(n) Binder cumulant of level k is exactly 1/N_k (independent isotropic block spins); the
// flow directions (2D XY and clock q = 6 in their BKT phase on the line of fixed points, clock
// q = 6 ordered below T_1, XY disordered above T_BKT, 3D phi^4 either side of beta_c); results
// identical on both backends; and `criticality rg --model xy`.
import { describe, expect, it } from 'vitest';
import { createSimulation, rgFlow, type ContinuousRgResult } from '../src/index.js';
import { cli } from './helpers/cli.js';

type Extra = { q?: number; lattice?: 'cubic'; algorithm?: 'metropolis' | 'wolff' | 'hybrid'; start?: 'hot' | 'cold'; backend?: 'wasm' | 'js' };

async function flow(model: 'xy' | 'clock' | 'heisenberg' | 'phi4', size: number, temperature: number, samples: number, extra: Extra = {}) {
  const sim = await createSimulation({ model, size, temperature, seed: 3, ...extra } as never);
  const r = rgFlow(sim as never, { thermalize: 300, samples, every: 2 }) as ContinuousRgResult;
  sim.dispose();
  return r;
}

describe('RG flow of the continuous-spin models', { timeout: 120_000 }, () => {
  it('T -> 0: the block spins stay aligned on every level', async () => {
    for (const [model, extra] of [
      ['xy', {}],
      ['heisenberg', {}],
      ['clock', { q: 6 }],
    ] as const) {
      const r = await flow(model, 16, 0.01, 50, { start: 'cold', algorithm: 'metropolis', ...extra });
      for (const level of r.flow) {
        expect(level.nn.mean).toBeGreaterThan(0.99);
        expect(level.absMagnetization.mean).toBeGreaterThan(0.99);
        expect(level.binder.mean).toBeGreaterThan(0.999);
      }
      // the block spins order further as the scale grows
      expect(r.flow[r.levels].nn.mean).toBeGreaterThanOrEqual(r.flow[0].nn.mean);
    }
  });

  it('T = infinity: block correlations vanish and U_k = 1 / N_k', async () => {
    for (const [model, extra] of [
      ['xy', {}],
      ['heisenberg', {}],
      ['clock', { q: 5 }],
      ['phi4', { algorithm: 'metropolis' }],
    ] as const) {
      const r = await flow(model, 16, 1e6, 3000, { algorithm: 'metropolis', ...extra });
      for (const level of r.flow) {
        expect(Math.abs(level.nn.mean) / level.nn.error).toBeLessThan(4);
        expect(Math.abs(level.nnn.mean) / level.nnn.error).toBeLessThan(4);
        if (model !== 'phi4') expect(Math.abs(level.binder.mean - 1 / level.size ** 2) / level.binder.error).toBeLessThan(4);
      }
      expect(r.direction).toBe('disordered');
    }
  });

  it('flows: 2D XY on the BKT line below T_BKT, disordered above; clock q = 6 ordered below T_1; 3D phi^4 either side of beta_c', async () => {
    const xyLow = await flow('xy', 32, 0.7, 1500, { algorithm: 'wolff' });
    const xyHigh = await flow('xy', 32, 1.5, 1500, { algorithm: 'wolff' });
    const clockLow = await flow('clock', 32, 0.4, 1500, { q: 6, algorithm: 'wolff' });
    const clockMid = await flow('clock', 32, 0.8, 1500, { q: 6, algorithm: 'wolff' });
    expect([xyLow.direction, xyHigh.direction, clockLow.direction, clockMid.direction]).toEqual(['fixed-line', 'disordered', 'ordered', 'fixed-line']);
    // free vortices: none on large scales below T_BKT, more on every level above it
    expect(xyLow.flow[xyLow.levels].vortexDensity!.mean).toBeLessThan(xyLow.flow[0].vortexDensity!.mean);
    expect(xyHigh.flow[xyHigh.levels].vortexDensity!.mean).toBeGreaterThan(xyHigh.flow[0].vortexDensity!.mean);
    const phiLow = await flow('phi4', 8, 1.6, 600, { lattice: 'cubic', algorithm: 'hybrid' });
    const phiHigh = await flow('phi4', 8, 2.5, 600, { lattice: 'cubic', algorithm: 'hybrid' });
    expect([phiLow.flow.length, phiLow.flow[1].nn.mean > phiLow.flow[0].nn.mean, phiHigh.flow[1].nn.mean < phiHigh.flow[0].nn.mean]).toEqual([2, true, true]);
    // the block field's local shape: toward a fixed length below T_c, toward a Gaussian above
    expect(phiLow.flow[1].siteBinder!.mean).toBeGreaterThan(phiLow.flow[0].siteBinder!.mean);
    expect(phiHigh.flow[1].siteBinder!.mean).toBeLessThan(phiHigh.flow[0].siteBinder!.mean - 0.2);
    // block averages keep the magnetization per site: the same |m| and U on every level
    expect(phiLow.flow[1].absMagnetization.mean).toBeCloseTo(phiLow.flow[0].absMagnetization.mean, 12);
    expect(phiLow.flow[1].binder.mean).toBeCloseTo(phiLow.flow[0].binder.mean, 9);
    expect('mcrg' in xyLow).toBe(false);
  });

  it('is identical on both backends', async () => {
    for (const [model, extra] of [
      ['xy', { algorithm: 'wolff' }],
      ['clock', { q: 6, algorithm: 'metropolis' }],
      ['phi4', { lattice: 'cubic', algorithm: 'hybrid' }],
    ] as const) {
      const [a, b] = [await flow(model, 8, 1, 100, { ...extra, backend: 'wasm' }), await flow(model, 8, 1, 100, { ...extra, backend: 'js' })];
      expect({ ...a, backend: 'js' }).toEqual(b);
    }
  });

  it('criticality rg --model xy: table and JSON', async () => {
    const json = await cli('rg', '--model', 'xy', '--size', '16', '--temperature', '1.5', '--samples', '200', '--thermalize', '50', '--format', 'json');
    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ model: 'xy', size: 16, levels: 2, samples: 200 });
    expect(out.flow.map((l: { size: number }) => l.size)).toEqual([16, 8, 4]);
    for (const name of ['absMagnetization', 'binder', 'nn', 'nnn', 'vortexDensity']) expect(Object.keys(out.flow[1][name]).slice(0, 2)).toEqual(['mean', 'error']);
    const table = await cli('rg', '--model', 'clock', '--q', '6', '--size', '16', '--temperature', '0.8', '--samples', '100', '--thermalize', '50');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/block spin = the clock state nearest to the block sum/);
    expect(table.stdout).toMatch(/vortices\/plaquette/);
    expect(table.stdout).toMatch(/MCRG: not defined for continuous spins/);
    const refused = await cli('rg', '--model', 'xy', '--size', '16', '--temperature', '1', '--samples', '100', '--block', '5');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--block/);
  });
});
