// The cubic packed Metropolis kernel samples the Boltzmann distribution: no exact values exist for
// L >= 16 (its smallest L), so it is compared, observable by observable, with independent chains of
// other algorithms that are checked against exact enumeration at L = 2 (test/cubic-enumeration.test.ts):
// - h = 0 at beta_c, L = 16 (the zero-field path): packed Metropolis (WebAssembly) against Wolff;
//   e, <|m|>, <m^2>, <m^4> within 4 combined errors (binning errors with autocorrelation), and U4
//   within 0.03 of the literature U4* = 0.46547 (Hasenbusch 2010; corrections to scaling at L = 16);
// - h = 0.15 at beta = 0.2, L = 16 (the general 14-class path, JavaScript twin) against the byte
//   heat bath; e, <|m|>, <m^2> within 4 combined errors.
// A few seconds.
import { describe, expect, it } from 'vitest';
import { CUBIC_CRITICAL_BETA, CUBIC_CRITICAL_BINDER_RATIO, createSimulation } from '../src/index.js';
import type { Measurement, SimulationOptions } from '../src/index.js';

async function run(options: SimulationOptions, thermalize: number, sweeps: number): Promise<Measurement> {
  const sim = await createSimulation({ lattice: 'cubic', size: 16, ...options });
  expect(sim.layout).toBe(options.algorithm === 'metropolis' ? 'packed' : 'byte');
  const m = sim.measure({ thermalize, sweeps });
  sim.dispose();
  return m;
}

function expectAgree(a: Measurement, b: Measurement, names: ('energy' | 'absMagnetization' | 'magnetization2' | 'magnetization4')[]): void {
  for (const name of names) {
    const x = a.observables[name];
    const y = b.observables[name];
    const z = (x.mean - y.mean) / Math.hypot(x.error, y.error);
    expect(Math.abs(z), `${name}: ${x.mean} +- ${x.error} vs ${y.mean} +- ${y.error}`).toBeLessThan(4);
  }
}

describe('cubic packed Metropolis vs other algorithms', () => {
  it('h = 0 at beta_c, L = 16: packed Metropolis (WASM) agrees with Wolff, U4 near U4*', async () => {
    const packed = await run({ beta: CUBIC_CRITICAL_BETA, algorithm: 'metropolis', backend: 'wasm', seed: 31 }, 1000, 40_000);
    const wolff = await run({ beta: CUBIC_CRITICAL_BETA, algorithm: 'wolff', clustersPerStep: 4, backend: 'wasm', seed: 32 }, 500, 20_000);
    expectAgree(packed, wolff, ['energy', 'absMagnetization', 'magnetization2', 'magnetization4']);
    const u = packed.observables.binder;
    expect(Math.abs(u.mean - (1 - CUBIC_CRITICAL_BINDER_RATIO / 3)), `U4 = ${u.mean} +- ${u.error}`).toBeLessThan(0.03 + 4 * u.error);
  });

  it('h = 0.15 at beta = 0.2, L = 16: packed Metropolis (JS, general path) agrees with the byte heat bath', async () => {
    const packed = await run({ beta: 0.2, field: 0.15, algorithm: 'metropolis', backend: 'js', seed: 41 }, 500, 6000);
    const heatBath = await run({ beta: 0.2, field: 0.15, algorithm: 'heat-bath', backend: 'wasm', seed: 42 }, 500, 6000);
    expectAgree(packed, heatBath, ['energy', 'absMagnetization', 'magnetization2']);
  });
});
