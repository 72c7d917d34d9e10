// A sweep of the 4 x 4 lattice against exact enumeration of all 2^16 states: every observable,
// including |m|, m^2, m^4, U4 and the Binder ratio, on both backends. Tolerance |z| < 4.
import { describe, expect, it } from 'vitest';
import { densityOfStates, exactMoments, runSweep } from '../src/index.js';
import type { ObservableName } from '../src/index.js';
import { zScore } from './helpers/core.js';

const dos = densityOfStates(4);
const CHECKED: ObservableName[] = [
  'energy', 'absMagnetization', 'magnetization2', 'magnetization4', 'specificHeat', 'susceptibility', 'susceptibilityFull', 'binder', 'binderRatio',
];

describe('4 x 4 sweep vs exact enumeration', () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`${backend}: T = 1.5 .. 3.5`, async () => {
      const result = await runSweep({ sizes: [4], temperatures: { from: 1.5, to: 3.5, step: 0.5 }, sweeps: 100_000, seed: 4, backend });
      expect(result.points.map((p) => p.temperature)).toEqual([1.5, 2, 2.5, 3, 3.5]);
      for (const p of result.points) {
        const exact = exactMoments(dos, p.temperature);
        expect(p.exact.finiteMethod).toBe('enumeration');
        for (const name of CHECKED) {
          const o = p.measurement.observables[name];
          expect(p.exact.finite[name]).toBeCloseTo(exact[name], 12);
          expect(Math.abs(zScore(o, exact[name])), `T=${p.temperature} ${name}: ${o.mean} +- ${o.error} vs ${exact[name]}`).toBeLessThan(4);
        }
        expect(p.measurement.warnings).toEqual([]);
      }
    }, 120_000);
  }
});
