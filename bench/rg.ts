/**
 * `npm run bench:rg`: throughput of the block-spin kernels (assembly/rg.ts, assembly/rg-packed.ts
 * and the JS twins): building a 2 x 2 majority pyramid, counting its block patterns, and measuring
 * the operators of every level, in lattice sites per nanosecond, next to a Metropolis sweep of the
 * same lattice for scale. On the packed layout (the default where L is a multiple of 16) level 0
 * is read from the packed lanes; the `unpack+` tasks read it the old way, converting the packed
 * lattice to bytes after every sweep, and the `native / unpack` rows give the ratio measured in
 * the same run. Writes bench/results-rg.json and its section of bench/RESULTS.md. Figures, not tests.
 *
 * Flags: --sizes 64,256,1024 (default), --time ms per task (default 1000).
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import { Bench } from 'tinybench';
import { writeResults } from './environment.js';
import { createSimulation, CRITICAL_TEMPERATURE } from '../src/index.js';
import { RG_OPERATORS } from '../src/backend/rg-types.js';
import { kernelOf } from '../src/simulation.js';
import type { IsingModelKernel } from '../src/models/ising/kernel.js';
import { PackedLayoutKernel } from '../src/models/ising/packed.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '64,256,1024').split(',').map(Number);
const time = Number(flag('time', '1000'));
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();

interface Row { task: string; backend: string; size: number; sitesPerNs: number; rme: number }
const rows: Row[] = [];

for (const size of sizes) {
  const bench = new Bench({ time, warmupTime: Math.min(200, time / 4), iterations: 3 });
  const sims = [];
  for (const backend of ['wasm', 'js'] as const) {
    const sim = await createSimulation({ size, temperature: CRITICAL_TEMPERATURE, seed: 1, backend });
    sim.sweep(20);
    sims.push(sim);
    const levels = Math.log2(size / 4);
    const lattice = (kernelOf(sim, 'bench') as IsingModelKernel).ising;
    // kernels of one simulation share its pyramid (in WebAssembly): each task configures before it runs
    const kernel = lattice.blockSpins!();
    const withPatterns = { beforeAll: () => kernel.configure(2, levels, true) };
    const plain = { beforeAll: () => kernel.configure(2, levels, false) };
    const ops = new Float64Array((levels + 1) * RG_OPERATORS);
    bench.add(`build|${backend}|${size}`, () => void kernel.build('majority'), plain);
    bench.add(`build+patterns|${backend}|${size}`, () => void kernel.build('majority'), withPatterns);
    bench.add(`measure|${backend}|${size}`, () => kernel.measure(ops), withPatterns);
    bench.add(`metropolis sweep|${backend}|${size}`, () => void sim.sweep(1));
    if (lattice instanceof PackedLayoutKernel) {
      // one sweep before each pyramid leaves the byte copy stale, as in an RG run
      const viaBytes = lattice.blockSpins('byte');
      bench.add(`sweep+build+measure|${backend}|${size}`, () => { sim.sweep(1); kernel.build('majority'); kernel.measure(ops); }, withPatterns);
      bench.add(`sweep+unpack+build+measure|${backend}|${size}`, () => { sim.sweep(1); viaBytes.build('majority'); viaBytes.measure(ops); },
        { beforeAll: () => viaBytes.configure(2, levels, true) });
    }
  }
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`benchmark ${task.name} ${r.state}`);
    const [name, backend] = task.name.split('|');
    const row = { task: name, backend, size, sitesPerNs: (size * size) / (r.latency.mean * 1e6), rme: r.latency.rme };
    rows.push(row);
    console.log(`${name.padEnd(18)} ${backend.padEnd(5)} L=${String(size).padStart(5)}  ${row.sitesPerNs.toFixed(3)} sites/ns (+-${row.rme.toFixed(1)}%)`);
  }
  for (const sim of sims) sim.dispose();
}

const tasks = [...new Set(rows.map((r) => r.task))];
const cell = (task: string, backend: string, size: number) => rows.find((x) => x.task === task && x.backend === backend && x.size === size);
const ratios = ['wasm', 'js'].map((backend) => `| native / unpack | ${backend} | ${sizes.map((s) => {
  const native = cell('sweep+build+measure', backend, s);
  const unpack = cell('sweep+unpack+build+measure', backend, s);
  return native && unpack ? `${(native.sitesPerNs / unpack.sitesPerNs).toFixed(1)}x` : '-';
}).join(' | ')} |`);
const lines = [
  '## Block-spin kernel benchmarks',
  '',
  'Written by `npm run bench:rg` (bench/rg.ts). Level-0 lattice sites processed per nanosecond',
  '(one thread, 2D Ising at Tc after 20 sweeps, 2 x 2 majority blocks down to 4 x 4): `build` makes the',
  'pyramid, `build+patterns` also counts the 2 x 2 block configurations, `measure` evaluates the 7',
  'operators on every level; a Metropolis sweep of the same lattice for scale. The lattices use the',
  'packed layout, whose level 0 the block-spin kernels read straight from the packed lanes;',
  '`sweep+build+measure` is one RG sample that way, `sweep+unpack+build+measure` the same sample',
  'reading level 0 from the byte copy (converted after every sweep), and `native / unpack` their ratio.',
  '',
  `- date: ${new Date().toISOString()}`,
  `- commit: ${commit}`,
  `- runtime: Node ${process.version}`,
  `- cpu: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), 1-minute load average ${os.loadavg()[0].toFixed(2)} when written (about 1: otherwise idle)`,
  '',
  `| task | backend | ${sizes.map((s) => `L = ${s}`).join(' | ')} |`,
  `|---|---|${sizes.map(() => '---').join('|')}|`,
  ...tasks.flatMap((task) =>
    ['wasm', 'js'].map((backend) => `| ${task} | ${backend} | ${sizes.map((s) => {
      const r = cell(task, backend, s);
      return r ? `${r.sitesPerNs.toFixed(3)} (+-${r.rme.toFixed(0)}%)` : '-';
    }).join(' | ')} |`),
  ),
  ...ratios,
  '',
];
writeResults('results-rg.json', { lines });
console.log('wrote bench/results-rg.json and bench/RESULTS.md');
