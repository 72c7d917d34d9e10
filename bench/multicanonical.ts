/**
 * `npm run bench:multicanonical`: multicanonical Potts sweeps (src/multicanonical, assembly/multicanonical.ts)
 * in the state users run them: weights tuned by `multicanonical()` for q = 10 at L = 32 (default), then the
 * frozen-weight production of `multicanonical({ weights })` through the public API, per engine, next to the
 * canonical heat-bath and Metropolis Potts sweeps of the same lattice size in the same run. Reports update
 * attempts per ns (wall and process CPU time), the multicanonical acceptance and the tunnellings, and writes
 * bench/results-multicanonical.json and the "Multicanonical" section of bench/RESULTS.md. Figures, not tests.
 *
 * Flags: --q 10, --size 32, --sweeps 200000 (production sweeps timed on WebAssembly; a tenth on JavaScript).
 */
import os from 'node:os';
import { createSimulation, multicanonical } from '../src/index.js';
import { pottsCriticalTemperature } from '../src/models/potts/exact.js';
import { baseEnvironment, flag, writeResults } from './environment.js';
import { multicanonicalSection, type MulticanonicalReport } from './multicanonical-report.js';

const q = Number(flag('q', '10'));
const size = Number(flag('size', '32'));
const sweeps = Number(flag('sweeps', '200000'));
const N = size * size;
const environment = { ...baseEnvironment(), runtime: process.version } as Record<string, string | number>;
console.log(`load average at start: ${os.loadavg()[0].toFixed(2)}`);

const timed = async <T>(run: () => Promise<T> | T): Promise<[T, number, number]> => {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return [value, wall, (used.user + used.system) / 1e6];
};

const [tuned, tuneWall] = await timed(() => multicanonical({ q, size, seed: 1, backend: 'wasm', sweeps: 10000 }));
console.log(`tuned: window ${tuned.weights.lo} .. ${tuned.weights.hi}, ${tuned.tuning.sweeps} Wang-Landau sweeps in ${tuneWall.toFixed(1)} s`);

const rows: MulticanonicalReport['rows'] = [];
for (const [backend, n] of [['wasm', sweeps], ['js', sweeps / 10]] as const) {
  const [r, wall, cpu] = await timed(() => multicanonical({ q, size, seed: 2, backend, weights: tuned.weights, sweeps: n, thermalize: 2 }));
  rows.push({ engine: `${backend} multicanonical (public API)`, sweeps: n, perNsWall: (n * N) / wall / 1e9, perNsCpu: (n * N) / cpu / 1e9, acceptance: r.production.acceptance, tunnelings: r.production.tunnelings });
}
const tc = pottsCriticalTemperature(q);
for (const algorithm of ['heat-bath', 'metropolis'] as const) {
  const sim = await createSimulation({ model: 'potts', q, size, temperature: tc, algorithm, backend: 'wasm', seed: 3, start: 'hot' });
  sim.sweep(2000);
  const n = sweeps / 2;
  const [, wall, cpu] = await timed(() => sim.sweep(n));
  rows.push({ engine: `wasm canonical ${algorithm} (sim.sweep)`, sweeps: n, perNsWall: (n * N) / wall / 1e9, perNsCpu: (n * N) / cpu / 1e9 });
  sim.dispose();
}
for (const row of rows) console.log(`${row.engine}: ${row.perNsCpu.toFixed(3)} updates/ns (CPU), ${row.perNsWall.toFixed(3)} (wall)`);

const report: MulticanonicalReport = { environment, q, size, window: [tuned.weights.lo, tuned.weights.hi], tuningSweeps: tuned.tuning.sweeps, rows, loadAtEnd: os.loadavg()[0] };
writeResults('results-multicanonical.json', { ...report, lines: multicanonicalSection(report) });
console.log('wrote bench/results-multicanonical.json and bench/RESULTS.md');
