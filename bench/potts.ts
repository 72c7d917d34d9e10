/**
 * `npm run bench:potts`: q-state Potts local updates at T = Tc = 1 / ln(1 + sqrt q) next to the Ising
 * byte kernels (at Onsager's Tc) in the same run: update attempts (sites visited) per nanosecond on
 * one thread, mean time of batches of about 2^22 attempts (tinybench). One WebAssembly kernel of each
 * model runs `--thermalize` Metropolis sweeps from a hot start and every engine of that model starts
 * from its lattice; the energy per site during the timed sweeps is reported next to the
 * infinite-lattice e(Tc) = -(1 + 1/sqrt q) to show the state that was timed (at L = 1024 local
 * updates coarsen slowly: 2000 sweeps bring e within about 2% of e(Tc)). Writes
 * bench/results-potts.json, then bench/RESULTS.md (its Potts section) from every JSON result.
 *
 * The kernels are timed through their contract (PottsKernel, src/models/potts/kernel.ts; IsingKernel),
 * the layer the public API drives for every sweep. Besides tinybench's wall time, every batch's CPU
 * time (process.cpuUsage) is summed: on a machine shared with other work, wall time counts the time
 * slices other processes took, CPU time does not (it still feels a busy sibling hyperthread).
 *
 * Flags: --q 3 (default), --sizes 1024 (default), --time ms per task (default 2000),
 * --thermalize sweeps (default 2000).
 */
import os from 'node:os';
import { Bench } from 'tinybench';
import { loadInlinedCore } from '../src/backend/inline.js';
import { JsIsingKernel } from '../src/models/ising/kernel-js.js';
import { WasmIsingKernel } from '../src/models/ising/kernel-wasm.js';
import { CRITICAL_TEMPERATURE } from '../src/exact/index.js';
import { createSimulation } from '../src/index.js';
import { seedState } from '../src/rng.js';
import { heatBathThresholds, metropolisThresholds } from '../src/thresholds.js';
import { JsPottsKernel } from '../src/models/potts/kernel-js.js';
import { WasmPottsKernel } from '../src/models/potts/kernel-wasm.js';
import type { PottsAlgorithm } from '../src/models/potts/kernel.js';
import { baseEnvironment, writeResults } from './environment.js';
import { flag } from './node-args.js';
import type { PottsReport, PottsThroughput } from './potts-report.js';
import type { Environment } from './report.js';

const q = Number(flag('q', '3'));
const sizes = flag('sizes', '1024').split(',').map(Number);
const time = Number(flag('time', '2000'));
const thermalize = Number(flag('thermalize', '2000'));
const pottsTc = 1 / Math.log(1 + Math.sqrt(q));

/** An engine ready to time: `sweeps` sweeps, then the energy per site of its lattice. */
interface Timed {
  engine: string;
  sweep(sweeps: number): void;
  energy(): number;
}

/** A thermalized lattice of each model for size L: `thermalize` Metropolis sweeps of a WebAssembly kernel from a hot start. */
async function thermalized(L: number): Promise<{ potts: Uint8Array; ising: Int8Array }> {
  const potts = await WasmPottsKernel.create(await loadInlinedCore('simd'), L, q);
  potts.setRngState(seedState(1));
  potts.setCouplings(1 / pottsTc, 0);
  potts.fill('hot');
  potts.sweep('metropolis', thermalize);
  const ising = await WasmIsingKernel.create(await loadInlinedCore('simd'), L);
  ising.setThresholds(metropolisThresholds(1 / CRITICAL_TEMPERATURE, 0), heatBathThresholds(1 / CRITICAL_TEMPERATURE, 0));
  ising.setRngState(seedState(1));
  ising.fill('hot');
  ising.sweep('metropolis', thermalize);
  return { potts: potts.readSpins(), ising: ising.readSpins() };
}

async function pottsEngine(engine: string, backend: 'simd' | 'scalar' | 'js', algorithm: PottsAlgorithm, lattice: Uint8Array, L: number): Promise<Timed> {
  const kernel = backend === 'js' ? new JsPottsKernel(L, q) : await WasmPottsKernel.create(await loadInlinedCore(backend), L, q);
  kernel.setRngState(seedState(2));
  kernel.setCouplings(1 / pottsTc, 0);
  kernel.writeSpins(lattice);
  return { engine, sweep: (n) => kernel.sweep(algorithm, n), energy: () => -kernel.bondCount / (L * L) };
}

async function isingEngine(engine: string, backend: 'wasm' | 'js', lattice: Int8Array, L: number): Promise<Timed> {
  const kernel = backend === 'js' ? new JsIsingKernel(L) : await WasmIsingKernel.create(await loadInlinedCore('simd'), L);
  kernel.setThresholds(metropolisThresholds(1 / CRITICAL_TEMPERATURE, 0), heatBathThresholds(1 / CRITICAL_TEMPERATURE, 0));
  kernel.setRngState(seedState(2));
  kernel.writeSpins(lattice);
  return { engine, sweep: (n) => kernel.sweep('metropolis', n), energy: () => -kernel.bondSum / (L * L) };
}

const base = baseEnvironment();
const environment: Environment = {
  runtime: `Node ${process.version} (V8 ${process.versions.v8})`,
  ...base,
  'uptime load average (1, 5, 15 min) at start': os.loadavg().map((l) => l.toFixed(2)).join(', '),
};
console.log(`Potts benchmarks (q = ${q}, T = Tc = ${pottsTc.toFixed(6)}): ${environment.runtime}, ${base.cpu}, commit ${base.commit}, load ${environment['uptime load average (1, 5, 15 min) at start']}`);
const results: PottsThroughput[] = [];
for (const L of sizes) {
  const start = await thermalized(L);
  const engines: Timed[] = [
    await pottsEngine('wasm potts simd', 'simd', 'metropolis', start.potts, L),
    await pottsEngine('wasm potts scalar', 'scalar', 'metropolis', start.potts, L),
    await pottsEngine('js potts', 'js', 'metropolis', start.potts, L),
    await pottsEngine('wasm potts simd heat-bath', 'simd', 'heat-bath', start.potts, L),
    await pottsEngine('js potts heat-bath', 'js', 'heat-bath', start.potts, L),
    await isingEngine('wasm ising byte', 'wasm', start.ising, L),
    await isingEngine('js ising byte', 'js', start.ising, L),
  ];
  const sweeps = Math.max(1, Math.round(2 ** 22 / (L * L)));
  const bench = new Bench({ time, warmup: true, warmupTime: 300 });
  const energies = new Map<string, number[]>();
  const cpu = new Map<string, { micros: number; batches: number }>();
  for (const e of engines) {
    energies.set(e.engine, []);
    cpu.set(e.engine, { micros: 0, batches: 0 });
    bench.add(e.engine, () => {
      const before = process.cpuUsage();
      e.sweep(sweeps);
      const used = process.cpuUsage(before);
      const c = cpu.get(e.engine)!;
      c.micros += used.user + used.system;
      c.batches++;
      energies.get(e.engine)!.push(e.energy());
    });
  }
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
    const e = energies.get(task.name)!;
    const c = cpu.get(task.name)!;
    const row: PottsThroughput = {
      engine: task.name,
      size: L,
      updatesPerNs: (sweeps * L * L) / (r.latency.mean * 1e6),
      cpuUpdatesPerNs: (c.batches * sweeps * L * L) / (c.micros * 1e3),
      rme: r.latency.rme,
      samples: r.latency.samplesCount,
      energy: e.reduce((s, v) => s + v, 0) / e.length,
    };
    results.push(row);
    console.log(`${row.engine.padEnd(28)} L = ${L}: ${row.updatesPerNs.toFixed(4)} updates/ns (+-${row.rme.toFixed(1)}%), ${row.cpuUpdatesPerNs.toFixed(4)} per ns of CPU time, e = ${row.energy.toFixed(4)}`);
  }
}
// Cluster updates through the public API, in equilibrium: a hot start, then cluster steps until
// 200 N sites have been flipped (sweep equivalents), then batches of about 2^22 flipped sites; the
// figure is flipped sites (cluster spins) per ns, with the mean cluster size per N of the timed state.
for (const L of sizes) {
  for (const backend of ['wasm', 'js'] as const) {
    for (const algorithm of ['wolff', 'swendsen-wang'] as const) {
      const sim = await createSimulation({ model: 'potts', q, size: L, temperature: pottsTc, algorithm, backend, seed: 3 });
      const N = L * L;
      let warm = 0;
      while (warm < 200) warm += sim.sweep(algorithm === 'wolff' ? 10 : 1).sweepEquivalents;
      // steps per batch from the warm-up's mean work per step
      const probe = sim.sweep(algorithm === 'wolff' ? 50 : 2);
      const perStep = probe.sweepEquivalents / probe.sweeps;
      const steps = Math.max(1, Math.round(2 ** 22 / (perStep * N)));
      let spins = 0;
      let micros = 0;
      let wall = 0;
      let batches = 0;
      const until = performance.now() + (backend === 'js' ? time / 2 : time);
      while (performance.now() < until || batches < 3) {
        const before = process.cpuUsage();
        const t0 = performance.now();
        const r = sim.sweep(steps);
        wall += performance.now() - t0;
        const used = process.cpuUsage(before);
        micros += used.user + used.system;
        spins += r.sweepEquivalents * N;
        batches++;
      }
      const row: PottsThroughput = {
        engine: `${backend} potts ${algorithm} (cluster spins)`,
        size: L,
        updatesPerNs: spins / (wall * 1e6),
        cpuUpdatesPerNs: spins / (micros * 1e3),
        rme: NaN,
        samples: batches,
        energy: sim.energy(),
        clusterFraction: algorithm === 'wolff' ? perStep : undefined,
      };
      results.push(row);
      console.log(`${row.engine.padEnd(40)} L = ${L}: ${row.updatesPerNs.toFixed(4)} cluster spins/ns, ${row.cpuUpdatesPerNs.toFixed(4)} per ns of CPU time, ${algorithm === 'wolff' ? `<|C|>/N = ${perStep.toFixed(3)}, ` : ''}e = ${row.energy.toFixed(4)}`);
      sim.dispose();
    }
  }
}

const report: PottsReport = { environment, q, temperature: pottsTc, exactEnergy: -(1 + 1 / Math.sqrt(q)), isingTemperature: CRITICAL_TEMPERATURE, thermalize, results };
writeResults('results-potts.json', report);
console.log('wrote bench/results-potts.json and bench/RESULTS.md');
