// The packed Metropolis path against the exact finite-lattice energy and specific heat of
// Kaufman / Ferdinand-Fisher: L = 16 and 32 at T = 2.0, Tc, 2.5 on both backends.
// Tolerance |z| < 4 with binned (e) and jackknife (c) errors; 10^5 sweeps after 2000 discarded.
import { describe, expect, it } from 'vitest';
import { createSimulation, finiteLatticeExact, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { BackendName } from '../src/index.js';
import { zScore } from './helpers/core.js';

const TEMPERATURES = [2.0, CRITICAL_TEMPERATURE, 2.5];

describe('packed Metropolis vs Kaufman exact e and c', () => {
  for (const backend of ['wasm', 'js'] as BackendName[]) {
    for (const size of [16, 32]) {
      it.each(TEMPERATURES)(`L=${size} on ${backend}: T=%d`, async (temperature) => {
        const sim = await createSimulation({ size, temperature, backend, seed: 1600 + size });
        expect(sim.layout).toBe('packed');
        const m = sim.measure({ thermalize: 2000, sweeps: 100_000 });
        const exact = finiteLatticeExact(size, temperature);
        const ze = zScore(m.observables.energy, exact.energy);
        const zc = zScore(m.observables.specificHeat, exact.specificHeat);
        expect(Math.abs(ze), `energy z = ${ze}`).toBeLessThan(4);
        expect(Math.abs(zc), `specific heat z = ${zc}`).toBeLessThan(4);
        expect(m.warnings).toEqual([]);
      });
    }
  }
});
