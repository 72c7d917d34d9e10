// A sweep over L = 8, 16, 32 and T = 1.5 .. 3.5 against the exact finite-lattice energy and
// specific heat of Kaufman / Ferdinand-Fisher, on both backends. Tolerance |z| < 4 (binned and
// jackknife errors); fixed seed; warm starts from a cold lattice at T = 1.5.
import { describe, expect, it } from 'vitest';
import { finiteLatticeExact, runSweep } from '../src/index.js';
import { zScore } from './helpers/core.js';

describe('sweep vs Kaufman: e and c at L = 8, 16, 32, T = 1.5 .. 3.5', () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`${backend}`, async () => {
      const result = await runSweep({ sizes: [8, 16, 32], temperatures: { from: 1.5, to: 3.5, step: 0.25 }, sweeps: 20_000, thermalize: 1000, seed: 7, backend });
      expect(result.state).toBe('completed');
      expect(result.points).toHaveLength(27);
      for (const p of result.points) {
        const exact = finiteLatticeExact(p.size, p.temperature);
        const { energy, specificHeat } = p.measurement.observables;
        expect(p.exact.finiteMethod).toBe('kaufman');
        expect(p.exact.finite.energy).toBe(exact.energy);
        expect(p.exact.finite.specificHeat).toBe(exact.specificHeat);
        expect(Math.abs(zScore(energy, exact.energy)), `L=${p.size} T=${p.temperature} e=${energy.mean}+-${energy.error} exact ${exact.energy}`).toBeLessThan(4);
        expect(Math.abs(zScore(specificHeat, exact.specificHeat)), `L=${p.size} T=${p.temperature} c=${specificHeat.mean}+-${specificHeat.error} exact ${exact.specificHeat}`).toBeLessThan(4);
        expect(p.measurement.warnings, `L=${p.size} T=${p.temperature}`).toEqual([]);
        expect(p.measurement.backend).toBe(backend);
      }
    }, 120_000);
  }
});
