// XY Metropolis keeps unit spins: the rotated spin is multiplied by the Newton factor (3 - |s|^2) / 2
// of the old one (src/models/xy/kernel.ts), so after many accepted moves |s|^2 - 1 stays at the
// rounding level, on both backends and both lattices (without the factor the rounding of the
// rotations would walk |s| away from 1).
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationOptions } from '../src/index.js';

const cases: [string, SimulationOptions, number][] = [
  ['square L=4 T=2', { size: 4, temperature: 2 }, 60000],
  ['cubic L=2 T=4', { lattice: 'cubic', size: 2, temperature: 4 }, 60000],
];

describe('XY Metropolis keeps |s| = 1 to the rounding level', () => {
  for (const [name, options, sweeps] of cases) {
    for (const backend of ['wasm', 'js'] as const) {
      it(`${name} (${backend}), ${sweeps} sweeps`, async () => {
        const sim = await createSimulation({ model: 'xy', seed: 3, ...options, backend });
        sim.sweep(sweeps);
        const s = sim.snapshot().spins as Float64Array;
        let worst = 0;
        for (let i = 0; i < s.length; i += 2) worst = Math.max(worst, Math.abs(s[i] * s[i] + s[i + 1] * s[i + 1] - 1));
        expect(worst).toBeLessThan(2e-15);
        sim.dispose();
      });
    }
  }
});
