// Energy and specific heat of a 16 x 16 periodic lattice against the exact finite-lattice values
// of Kaufman / Ferdinand-Fisher, at T = 2.0, Tc and 2.5, both algorithms, both backends.
// Tolerance |z| < 4 with binned (e) and jackknife (c) errors; 10^5 sweeps after 2000 discarded.
import { describe, expect, it } from 'vitest';
import { createSimulation, finiteLatticeExact, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { Algorithm, BackendName } from '../src/index.js';
import { zScore } from './helpers/core.js';

const TEMPERATURES = [2.0, CRITICAL_TEMPERATURE, 2.5];

describe('16 x 16 lattice vs Kaufman exact e and c', () => {
  for (const backend of ['wasm', 'js'] as BackendName[]) {
    for (const algorithm of ['metropolis', 'heat-bath'] as Algorithm[]) {
      it.each(TEMPERATURES)(`${algorithm} on ${backend}: T=%d`, async (temperature) => {
        const sim = await createSimulation({ size: 16, temperature, algorithm, backend, seed: 16 });
        const m = sim.measure({ thermalize: 2000, sweeps: 100_000 });
        const exact = finiteLatticeExact(16, temperature);
        const ze = zScore(m.observables.energy, exact.energy);
        const zc = zScore(m.observables.specificHeat, exact.specificHeat);
        expect(Math.abs(ze), 'energy').toBeLessThan(4);
        expect(Math.abs(zc), 'specific heat').toBeLessThan(4);
        expect(m.warnings).toEqual([]);
      });
    }
  }
});
