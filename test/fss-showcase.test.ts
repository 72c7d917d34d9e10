// Finite-size scaling on the showcase run (npm start): L = 16, 32, 64, four temperatures each at
// Tc + c/L, 10^5 Metropolis sweeps per point, seed 1 (about 13 s of WebAssembly on one quiet core).
// Done when: Tc from Binder crossings within 0.5% of Onsager, gamma/nu within 5% of 7/4; and
// every estimate within 4 of its own error bars of the exact value.
import { beforeAll, describe, expect, it } from 'vitest';
import { CRITICAL_TEMPERATURE, collapseQuality, collapseSeries, finiteSizeScaling, runSweep } from '../src/index.js';
import type { FiniteSizeScaling, RunSweepResult } from '../src/index.js';
import { SHOWCASE, showcaseTemperatures } from '../src/cli/sweep.js';

let sweep: RunSweepResult;
let fss: FiniteSizeScaling;

beforeAll(async () => {
  sweep = await runSweep({ sizes: SHOWCASE.sizes, temperatures: showcaseTemperatures, thermalize: SHOWCASE.thermalize, sweeps: SHOWCASE.sweeps, seed: SHOWCASE.seed, backend: 'wasm', keepSeries: true });
  fss = finiteSizeScaling(sweep.points.map((p) => p.measurement));
}, 240_000);

const z = (o: { mean: number; error: number }, exact: number) => (o.mean - exact) / o.error;

describe('finite-size scaling of the showcase run', () => {
  it('every point ran cleanly', () => {
    expect(sweep.state).toBe('completed');
    expect(sweep.points).toHaveLength(12);
    expect(fss.warnings).toEqual([]);
  });

  it('Tc from Binder crossings is within 0.5% of Onsager (and within 4 sigma)', () => {
    const tc = fss.criticalTemperature;
    expect(Math.abs(tc.mean / CRITICAL_TEMPERATURE - 1), `Tc = ${tc.mean} +- ${tc.error}`).toBeLessThan(0.005);
    expect(Math.abs(z(tc, CRITICAL_TEMPERATURE))).toBeLessThan(4);
    expect(tc.error).toBeGreaterThan(0);
    expect(tc.error).toBeLessThan(0.005);
    expect(fss.crossings.map((c) => c.sizes)).toEqual([[16, 32], [32, 64]]);
    for (const c of fss.crossings) {
      expect(Math.abs(z(c.temperature, CRITICAL_TEMPERATURE)), `crossing ${c.sizes}`).toBeLessThan(4);
      // U4 at the crossing: the universal value 0.61069 of the periodic square lattice.
      expect(Math.abs(z(c.binder, 0.61069)), `U4* ${c.sizes}: ${c.binder.mean} +- ${c.binder.error}`).toBeLessThan(4);
    }
  });

  it('gamma/nu from chi_max is within 5% of 7/4 (and within 4 sigma); nu within 4 sigma of 1', () => {
    const g = fss.gammaOverNu;
    expect(Math.abs(g.mean / 1.75 - 1), `gamma/nu = ${g.mean} +- ${g.error}`).toBeLessThan(0.05);
    expect(Math.abs(z(g, 1.75))).toBeLessThan(4);
    expect(Math.abs(z(fss.nu, 1)), `nu = ${fss.nu.mean} +- ${fss.nu.error}`).toBeLessThan(4);
    for (const c of fss.crossings) expect(Math.abs(z(c.inverseNu, 1)), `1/nu ${c.sizes}`).toBeLessThan(4);
    expect(fss.peaks.every((p) => !p.atEdge)).toBe(true);
  });

  it('chi collapses best with the exact (Tc, nu, gamma/nu)', () => {
    const data = collapseSeries(sweep.points.map((p) => p.measurement), 'susceptibility');
    const exact = collapseQuality(data, { criticalTemperature: CRITICAL_TEMPERATURE, nu: 1, exponent: 1.75 });
    const wrongExponent = collapseQuality(data, { criticalTemperature: CRITICAL_TEMPERATURE, nu: 1, exponent: 1.6 });
    const wrongTc = collapseQuality(data, { criticalTemperature: CRITICAL_TEMPERATURE + 0.03, nu: 1, exponent: 1.75 });
    expect(exact.comparisons).toBeGreaterThan(10);
    // S ~ 1 means the sizes agree within their errors (about 0.9 here); wrong parameters give ~14.
    expect(exact.quality).toBeLessThan(3);
    expect(wrongExponent.quality).toBeGreaterThan(5 * exact.quality);
    expect(wrongTc.quality).toBeGreaterThan(5 * exact.quality);
  });
});
