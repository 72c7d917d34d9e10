// Fuzzing method calls (issue 18): seeded random calls with random arguments on Ising and Potts
// simulations of both backends. A call either works or throws a typed error (InvalidOptionError,
// CheckpointError, DisposedError), and a call that throws changes nothing: the lattice, the
// generator, the counters and the options are those from before it.
import { describe, expect, it } from 'vitest';
import { CheckpointError, createSimulation, DisposedError, InvalidOptionError, type Simulation, type Model } from '../src/index.js';
import { Fuzz } from './helpers/fuzz.js';

type Call = [string, (sim: Simulation<Model>) => unknown];

/** A fuzzed count, with valid counts above 100 cut to 100 (valid long runs are not what is tested). */
function count(fuzz: Fuzz, small: number): unknown {
  const v = fuzz.chance(0.7) ? fuzz.int(small) : fuzz.value();
  return typeof v === 'number' && Number.isInteger(v) && v > 100 && v < 2 ** 31 ? 100 : v;
}

function calls(fuzz: Fuzz, other: Uint8Array): Call[] {
  const n = () => count(fuzz, 20);
  return [
    ['sweep', (s) => s.sweep(n() as number)],
    ['sweep+records', (s) => s.sweep(count(fuzz, 5) as number, fuzz.chance(0.7) ? new Int32Array(fuzz.int(40)) : (fuzz.value() as Int32Array), fuzz.chance(0.5) ? new Float64Array(fuzz.int(6)) : undefined)],
    ['measure', (s) => s.measure({ sweeps: count(fuzz, 30) as number, thermalize: count(fuzz, 5) as number, ...(fuzz.chance(0.3) ? { correlations: fuzz.value() as boolean } : {}) })],
    ['setTemperature', (s) => s.setTemperature(fuzz.chance(0.5) ? 0.5 + fuzz.int(40) / 10 : (fuzz.value() as number))],
    ['setBeta', (s) => s.setBeta(fuzz.value() as number)],
    ['setField', (s) => s.setField(fuzz.chance(0.5) ? fuzz.int(10) / 10 - 0.5 : (fuzz.value() as number))],
    ['setAlgorithm', (s) => s.setAlgorithm(fuzz.pick(['metropolis', 'heat-bath', 'wolff', 'swendsen-wang', 'hybrid', 'glauber']) as never, fuzz.chance(0.5) ? { [fuzz.pick(['clustersPerStep', 'hybridSweeps', 'hybridCluster', 'x'])]: count(fuzz, 4) } : undefined)],
    ['restore', (s) => {
      const snap = s.snapshot() as unknown as Record<string, unknown>;
      if (fuzz.chance(0.8)) snap[fuzz.pick(['version', 'model', 'size', 'spins', 'rngState', 'sweeps', 'flips', 'sweepEquivalents', 'q'])] = fuzz.value();
      s.restore(snap as never);
    }],
    ['resume', (s) => s.resume(fuzz.chance(0.5) ? other : (fuzz.value() as Uint8Array))],
    ['startMeasurement', (s) => s.startMeasurement(fuzz.chance(0.5) ? other : (fuzz.value() as never)).step(5)],
    ['read', (s) => [s.energy(), s.magnetization(), s.spins(), s.clusterLabels(), s.checkpoint()]],
  ];
}

function state(sim: Simulation<Model>) {
  const snap = sim.snapshot();
  return { options: sim.options, spins: Array.from(snap.spins), rng: Array.from(snap.rngState), counters: [sim.sweeps, sim.flips, sim.sweepEquivalents] };
}

describe('fuzzed method calls', () => {
  for (const model of ['ising', 'potts'] as const) {
    it(`${model}: work or throw a typed error and change nothing (seeded, at most 10 s)`, async () => {
      const fuzz = new Fuzz(model === 'ising' ? 2 : 3);
      const sims = await Promise.all((['wasm', 'js'] as const).map((backend) => createSimulation(model === 'ising' ? { size: 16, backend, seed: 5 } : { model, q: 3, size: 8, backend, seed: 5 })));
      const donor = await createSimulation(model === 'ising' ? { size: 8 } : { model, q: 4, size: 8 });
      const other = donor.checkpoint();
      const started = Date.now();
      let failed = 0;
      for (let k = 0; k < 3000 && Date.now() - started < 10_000; k++) {
        const sim = fuzz.pick(sims);
        const [name, call] = fuzz.pick(calls(fuzz, other));
        const before = state(sim);
        try {
          call(sim);
        } catch (error) {
          failed++;
          if (!(error instanceof InvalidOptionError || error instanceof CheckpointError || error instanceof DisposedError)) throw new Error(`call ${k} ${name}: ${String(error)}`);
          expect(state(sim), `call ${k} ${name} failed with ${String(error)} and changed the simulation`).toEqual(before);
        }
      }
      expect(failed).toBeGreaterThan(100);
      for (const sim of sims) sim.dispose();
    });
  }
});
