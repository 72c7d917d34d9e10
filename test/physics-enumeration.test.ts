// Monte Carlo on a 4 x 4 lattice against exact enumeration of all 2^16 states, with and without
// a field, both algorithms, both backends. Tolerance: |z| < 4 with binned/jackknife errors.
import { describe, expect, it } from 'vitest';
import { createSimulation, densityOfStates, exactMoments } from '../src/index.js';
import type { Algorithm, BackendName, ObservableName } from '../src/index.js';
import { zScore } from './helpers/core.js';

const dos = densityOfStates(4);
const CHECKED: ObservableName[] = ['energy', 'absMagnetization', 'magnetization2', 'magnetization4', 'specificHeat', 'susceptibility', 'susceptibilityFull', 'binder'];
const POINTS: [number, number][] = [
  [2.0, 0],
  [2.269185314213022, 0],
  [3.0, 0.4],
  [1.5, -0.2],
];

describe('4 x 4 lattice vs exact enumeration', () => {
  for (const backend of ['wasm', 'js'] as BackendName[]) {
    for (const algorithm of ['metropolis', 'heat-bath'] as Algorithm[]) {
      it.each(POINTS)(`${algorithm} on ${backend}: T=%d h=%d`, async (temperature, field) => {
        const sim = await createSimulation({ size: 4, temperature, field, algorithm, backend, seed: 2024 });
        const m = sim.measure({ thermalize: 1000, sweeps: 200_000 });
        const exact = exactMoments(dos, temperature, field);
        for (const name of CHECKED) {
          const z = zScore(m.observables[name], exact[name]);
          expect(Math.abs(z), `${name}: measured ${m.observables[name].mean} +- ${m.observables[name].error}, exact ${exact[name]}`).toBeLessThan(4);
        }
        // the only warning allowed says that a local update crossed between the phases too rarely
        // below T_c in a field (src/phases.ts): heat bath at T = 1.5, h = -0.2 crosses twice here
        expect(m.warnings.filter((w) => !w.startsWith('phases not sampled:'))).toEqual([]);
      });
    }
  }
});
