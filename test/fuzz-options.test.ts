// Fuzzing the options (issue 18): seeded random option objects, known and unknown keys with every
// kind of value. createSimulation either gives a working simulation or refuses with a typed error
// (InvalidOptionError naming a field, or BackendUnavailableError); never a TypeError, a raw trap
// or a message that crashes while it is built. Bounded in count and time.
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, createSimulation, InvalidOptionError, type SimulationOptions } from '../src/index.js';
import { Fuzz } from './helpers/fuzz.js';

const KEYS = ['model', 'q', 'lattice', 'size', 'temperature', 'beta', 'field', 'algorithm', 'clustersPerStep', 'hybridSweeps', 'hybridCluster', 'seed', 'backend', 'start', 'layout', 'workers', 'sise', '__proto__x'];

describe('fuzzed options', () => {
  it('give a working simulation or a typed refusal (seed 1, 1500 cases, at most 15 s)', async () => {
    const fuzz = new Fuzz(1);
    const started = Date.now();
    let accepted = 0;
    let refused = 0;
    for (let k = 0; k < 1500 && Date.now() - started < 15_000; k++) {
      const options: Record<string, unknown> = {};
      for (let i = fuzz.int(5); i > 0; i--) options[fuzz.pick(KEYS)] = fuzz.value();
      if (fuzz.chance(0.5)) options.size = fuzz.pick([2, 4, 8, 16, 32]); // lattices that are quick to make
      if (typeof options.size === 'number' && options.size > 64) options.size = 16;
      if (typeof options.workers === 'number' && options.workers > 1) delete options.workers;
      let sim;
      try {
        sim = await createSimulation(options as SimulationOptions);
      } catch (error) {
        refused++;
        if (!(error instanceof InvalidOptionError || error instanceof BackendUnavailableError)) throw new Error(`case ${k} ${String(JSON.stringify(options, (_k, v) => (typeof v === 'bigint' || typeof v === 'symbol' ? String(v) : v)))}: ${String(error)}`);
        expect(error.message.length).toBeLessThan(2000);
        continue;
      }
      accepted++;
      sim.sweep(2);
      expect(Number.isFinite(sim.energy())).toBe(true);
      expect(Number.isFinite(sim.magnetization())).toBe(true);
      sim.dispose();
    }
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});
