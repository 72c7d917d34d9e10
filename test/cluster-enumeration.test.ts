// Cluster algorithms on a 4 x 4 lattice against exact enumeration of all 2^16 states, with and
// without a field (ghost spin): e, |m|, m^2, m^4, c, chi, chi', U4, and at h = 0 the improved
// estimators of m^2 and chi' from cluster sizes. Tolerance |z| < 4 (binned/jackknife errors), 10^5
// steps. Wolff and Swendsen-Wang on both backends; the hybrids on WebAssembly (the JavaScript
// kernels are bit-identical to it: test/cluster-parity.test.ts).
import { describe, expect, it } from 'vitest';
import { createSimulation, densityOfStates, exactMoments } from '../src/index.js';
import type { BackendName, ObservableName, SimulationOptions } from '../src/index.js';
import { OBSERVABLE_LABELS } from '../src/cli/format.js';
import { zScore } from './helpers/core.js';

const dos = densityOfStates(4);
/** Every observable of a run (the order of the CLI's output). */
const CHECKED: ObservableName[] = OBSERVABLE_LABELS.map(([name]) => name);
const POINTS: [number, number][] = [
  [2.0, 0],
  [2.269185314213022, 0],
  [3.0, 0.4],
  [1.5, -0.2],
];
const ALGORITHMS: [string, SimulationOptions, BackendName[]][] = [
  ['wolff', { algorithm: 'wolff' }, ['wasm', 'js']],
  ['swendsen-wang', { algorithm: 'swendsen-wang' }, ['wasm', 'js']],
  ['hybrid (2 sweeps + wolff)', { algorithm: 'hybrid', hybridSweeps: 2 }, ['wasm']],
  ['hybrid (1 sweep + swendsen-wang)', { algorithm: 'hybrid', hybridCluster: 'swendsen-wang' }, ['wasm']],
];

describe('4 x 4 lattice vs exact enumeration: cluster algorithms', () => {
  for (const [label, algorithm, backends] of ALGORITHMS) {
    for (const backend of backends) {
      it.each(POINTS)(`${label} on ${backend}: T=%d h=%d`, async (temperature, field) => {
        const sim = await createSimulation({ ...algorithm, size: 4, temperature, field, backend, seed: 2025 });
        const m = sim.measure({ thermalize: 1000, sweeps: 100_000 });
        const exact = exactMoments(dos, temperature, field);
        for (const name of CHECKED) {
          const o = m.observables[name];
          expect(Math.abs(zScore(o, exact[name])), `${name}: measured ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
        }
        if (field === 0) {
          const improved = m.improved!;
          expect(Math.abs(zScore(improved.magnetization2, exact.magnetization2)), 'improved m^2').toBeLessThan(4);
          expect(Math.abs(zScore(improved.susceptibilityFull, exact.susceptibilityFull)), 'improved chi\'').toBeLessThan(4);
        } else {
          expect(m.improved, 'no improved estimators in a field').toBeUndefined();
        }
        expect(m.warnings).toEqual([]);
      });
    }
  }
});
