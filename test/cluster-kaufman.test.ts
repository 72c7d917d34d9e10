// Cluster algorithms against the exact finite-lattice energy and specific heat of Kaufman /
// Ferdinand-Fisher: L = 16 and 32 at T = 2.0, Tc and 2.5, Wolff (one cluster a step) and
// Swendsen-Wang; WebAssembly at both sizes, JavaScript at L = 16 (its kernels are bit-identical:
// test/cluster-parity.test.ts). Tolerance |z| < 4 with binned (e) and jackknife (c) errors;
// 2 x 10^4 recorded steps after 1000 discarded (relative error of c about 1-3 %).
import { describe, expect, it } from 'vitest';
import { createSimulation, finiteLatticeExact, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { BackendName, SimulationOptions } from '../src/index.js';
import { zScore } from './helpers/core.js';

const TEMPERATURES = [2.0, CRITICAL_TEMPERATURE, 2.5];
const ALGORITHMS: [string, SimulationOptions][] = [
  ['wolff', { algorithm: 'wolff' }],
  ['swendsen-wang', { algorithm: 'swendsen-wang' }],
];

describe('L = 16 and 32 vs Kaufman exact e and c: cluster algorithms', () => {
  for (const [backend, sizes] of [['wasm', [16, 32]], ['js', [16]]] as [BackendName, number[]][]) {
    for (const size of sizes) {
      for (const [label, algorithm] of ALGORITHMS) {
        it.each(TEMPERATURES)(`${label} L=${size} on ${backend}: T=%d`, async (temperature) => {
          const sim = await createSimulation({ ...algorithm, size, temperature, backend, seed: size });
          const m = sim.measure({ thermalize: 1000, sweeps: 20_000 });
          const exact = finiteLatticeExact(size, temperature);
          expect(Math.abs(zScore(m.observables.energy, exact.energy)), `energy ${m.observables.energy.mean} +- ${m.observables.energy.error}, exact ${exact.energy}`).toBeLessThan(4);
          expect(Math.abs(zScore(m.observables.specificHeat, exact.specificHeat)), `c ${m.observables.specificHeat.mean} +- ${m.observables.specificHeat.error}, exact ${exact.specificHeat}`).toBeLessThan(4);
          expect(m.observables.specificHeat.error / exact.specificHeat, 'the test is sharp: c to within 5 %').toBeLessThan(0.05);
          expect(m.warnings).toEqual([]);
        }, 60_000);
      }
    }
  }
});
