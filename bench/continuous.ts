/**
 * `npm run bench:continuous`: the continuous-spin kernels through the public API in equilibrium
 * (issue 13's targets: XY Metropolis at L = 1024 on one thread, WebAssembly >= 3x its JavaScript twin
 * in the same run; Wolff XY at T_BKT in cluster spins per ns). Each engine thermalizes its own
 * lattice from a cold start (`--thermalize` sweeps, or Wolff steps worth as many sweeps; Metropolis
 * sweeps also tune the step), then the best of three
 * batches of `--sweeps` steps is timed: site updates per ns for Metropolis (N per sweep), cluster
 * spins per ns for Wolff (spins reflected). `sim.sweep(n)` runs the steps without records (as
 * thermalization does); the "recorded" rows time `sim.sweep(n, records)`, the steps of a measurement
 * with their per-step record. Each row gives wall-clock throughput and throughput per CPU-ns of this
 * process (process.cpuUsage: on a shared machine the wall clock also counts the time other processes
 * held the core; the CPU figure is what the thread did while it ran). Writes
 * bench/results-continuous.json and the "Continuous spins" section of bench/RESULTS.md. Figures, not tests.
 *
 * The heat baths (XY, Heisenberg, clock q = 6) and XY Swendsen-Wang by embedding run at the Wolff size.
 *
 * Flags: --size 1024, --sweeps 20, --thermalize 200, --wolff-size 256, --wolff-steps 2000, --phi4-size 96
 * (the O(2) phi^4 field on the L^3 cube at beta_c, lambda = 2.1).
 */
import os from 'node:os';
import { createSimulation, type Model, type SimulationOptions } from '../src/index.js';
import { baseEnvironment, flag, writeResults } from './environment.js';

const L = Number(flag('size', '1024'));
const sweeps = Number(flag('sweeps', '20'));
const thermalize = Number(flag('thermalize', '200'));
const wolffSize = Number(flag('wolff-size', '256'));
const wolffSteps = Number(flag('wolff-steps', '2000'));
const phi4Size = Number(flag('phi4-size', '96'));
const environment = { ...baseEnvironment(), runtime: process.version } as Record<string, string | number>;
console.log(`load average at start: ${os.loadavg()[0].toFixed(2)}`);

interface Row { model: Model; algorithm: string; recorded: boolean; size: number; temperature: number; backend: string; engine: string; perNs: number; perCpuNs: number; unit: string; energy: number }

async function time(options: SimulationOptions & { model: Model }, steps: number, backend: 'wasm' | 'js', recorded = false): Promise<Row> {
  const sim = await createSimulation({ ...options, backend, seed: 1, start: 'cold' });
  // Wolff steps are single clusters: thermalize with as many as make `thermalize` sweeps' worth of work
  if (options.algorithm === 'wolff') {
    while (sim.sweepEquivalents < thermalize) sim.sweep(100);
  } else {
    sim.sweep(thermalize);
  }
  let perNs = 0;
  let perCpuNs = 0;
  const records = recorded ? new Float64Array(sim.recordWidth * steps) : undefined;
  for (let rep = 0; rep < 3; rep++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = sim.sweep(steps, records);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const spins = options.algorithm === 'wolff' ? r.flips : steps * sim.sites;
    perNs = Math.max(perNs, spins / (t * 1e6));
    perCpuNs = Math.max(perCpuNs, spins / ((c.user + c.system) * 1e3));
  }
  const row = {
    model: options.model, algorithm: options.algorithm ?? 'metropolis', recorded, size: sim.options.size, temperature: sim.options.temperature, backend, engine: sim.engine,
    perNs, perCpuNs, unit: options.algorithm === 'wolff' ? 'cluster spins/ns' : 'updates/ns', energy: sim.energy(),
  };
  sim.dispose();
  console.log(`${row.model} ${row.algorithm}${recorded ? ' recorded' : ''} L=${row.size} T=${row.temperature} ${row.engine}: ${row.perNs.toFixed(4)} ${row.unit} wall, ${row.perCpuNs.toFixed(4)} per CPU-ns (e = ${row.energy.toFixed(4)}; load ${os.loadavg()[0].toFixed(2)})`);
  return row;
}

const rows: Row[] = [];
for (const backend of ['wasm', 'js'] as const) rows.push(await time({ model: 'xy', size: L, temperature: 0.8929 }, backend === 'js' ? Math.max(1, sweeps / 4) : sweeps, backend));
for (const backend of ['wasm', 'js'] as const) rows.push(await time({ model: 'xy', size: L, temperature: 0.8929 }, backend === 'js' ? Math.max(1, sweeps / 4) : sweeps, backend, true));
for (const backend of ['wasm', 'js'] as const) rows.push(await time({ model: 'xy', size: wolffSize, temperature: 0.8929, algorithm: 'wolff' }, wolffSteps, backend));
for (const backend of ['wasm', 'js'] as const) rows.push(await time({ model: 'heisenberg', size: L, temperature: 0.7 }, backend === 'js' ? Math.max(1, sweeps / 4) : sweeps, backend));
for (const backend of ['wasm', 'js'] as const) rows.push(await time({ model: 'clock', q: 6, size: L, temperature: 0.9008 }, backend === 'js' ? Math.max(1, sweeps / 4) : sweeps, backend));
// phi^4 on the cube at its critical point (lambda = 2.1, beta_c = 0.5091503): L^3 sites close to L^2 of the square rows
for (const backend of ['wasm', 'js'] as const)
  rows.push(await time({ model: 'phi4', lattice: 'cubic', size: phi4Size, beta: 0.5091503 }, backend === 'js' ? Math.max(1, sweeps / 4) : sweeps, backend));
// the exact heat baths and Swendsen-Wang by embedding (site updates per ns: N a sweep or an update), at the Wolff size
const local = (backend: 'wasm' | 'js') => (backend === 'js' ? Math.max(1, sweeps / 4) : sweeps);
for (const options of [
  { model: 'xy', size: wolffSize, temperature: 0.8929, algorithm: 'heat-bath' },
  { model: 'xy', size: wolffSize, temperature: 0.8929, algorithm: 'swendsen-wang' },
  { model: 'heisenberg', size: wolffSize, temperature: 0.7, algorithm: 'heat-bath' },
  { model: 'clock', q: 6, size: wolffSize, temperature: 0.9008, algorithm: 'heat-bath' },
] as (SimulationOptions & { model: Model })[]) {
  for (const backend of ['wasm', 'js'] as const) rows.push(await time(options, local(backend), backend));
}

const ratio = (model: Model, algorithm: string, recorded = false, cpu = false) => {
  const [w, j] = ['wasm', 'js'].map((b) => rows.find((r) => r.model === model && r.algorithm === algorithm && r.recorded === recorded && r.backend === b)!);
  return cpu ? w.perCpuNs / j.perCpuNs : w.perNs / j.perNs;
};
const lines = [
  '## Continuous spins (XY, clock, Heisenberg, phi^4; issue 13)',
  '',
  `\`npm run bench:continuous\`: ${environment.date}, commit ${environment.commit}, Node ${process.version}, ${environment.cpu} (${environment.cores} cores), load average ${environment['load average (1 min) at start']} at start and ${os.loadavg()[0].toFixed(2)} at the end (a shared machine). Each engine thermalizes its own lattice from a cold start (${thermalize} sweeps, or Wolff clusters worth as many), then the best of three batches is timed through \`sim.sweep\`.`,
  '',
  '| model | algorithm | L | T | engine | throughput (wall clock) | per CPU-ns | e while timed |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.model}${r.model === 'clock' ? ' (q = 6)' : r.model === 'phi4' ? ' (cubic, lambda 2.1)' : ''} | ${r.algorithm}${r.recorded ? ', recorded' : ''} | ${r.size} | ${r.temperature} | ${r.engine} | ${r.perNs.toFixed(4)} ${r.unit} | ${r.perCpuNs.toFixed(4)} | ${r.energy.toFixed(4)} |`,
  ),
  '',
  `Ratios in the same run, WebAssembly / JavaScript (wall clock): XY Metropolis ${ratio('xy', 'metropolis').toFixed(2)}x (recorded ${ratio('xy', 'metropolis', true).toFixed(2)}x), XY Wolff ${ratio('xy', 'wolff').toFixed(2)}x, Heisenberg Metropolis ${ratio('heisenberg', 'metropolis').toFixed(2)}x, clock Metropolis ${ratio('clock', 'metropolis').toFixed(2)}x, phi4 Metropolis ${ratio('phi4', 'metropolis').toFixed(2)}x.`,
  `Per CPU-ns: XY Metropolis ${ratio('xy', 'metropolis', false, true).toFixed(2)}x (recorded ${ratio('xy', 'metropolis', true, true).toFixed(2)}x), XY Wolff ${ratio('xy', 'wolff', false, true).toFixed(2)}x.`,
  `Heat bath and Swendsen-Wang by embedding (assembly/continuous-heatbath.ts, assembly/embedding.ts; scalar), WebAssembly / JavaScript: XY heat bath ${ratio('xy', 'heat-bath').toFixed(2)}x, XY Swendsen-Wang ${ratio('xy', 'swendsen-wang').toFixed(2)}x, Heisenberg heat bath ${ratio('heisenberg', 'heat-bath').toFixed(2)}x, clock heat bath ${ratio('clock', 'heat-bath').toFixed(2)}x.`,
  'XY Metropolis (assembly/xy.ts): two sites of a row and colour as the lanes of f64x2, their draws from',
  'four lane generators (xoshiro128** as the lanes of i32x4, seeded each sweep from the main stream);',
  'rotations from a 1024-entry table of (cos, sin) times a small-angle polynomial; three software-',
  'pipelined stages (the next group\'s rotations, this pair\'s proposal, the previous pair\'s acceptance);',
  'acceptances decided against a bracket of exp (2^k times a cubic) and, inside it, Estrin\'s exp; the',
  'record summed over column pairs in f64x2. Heisenberg, clock and phi^4 Metropolis are still scalar.',
  '',
];
writeResults('results-continuous.json', { environment, rows, lines } as never);
console.log('wrote bench/results-continuous.json and bench/RESULTS.md');
