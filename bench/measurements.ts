/**
 * `npm run bench:measurements`: what measurements cost next to the sweeps they sample.
 * - one correlation sample (G(r), row and column sums: assembly/correlation.ts and its JS twin)
 *   in units of one Metropolis sweep of the same engine, for several L (tinybench);
 * - the wall time of the showcase (`npm start`): the sweep, and the finite-size-scaling analysis.
 * Writes bench/results-measurements.json and its section of bench/RESULTS.md. Figures, not tests: on a shared machine they are noisy.
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import { Bench } from 'tinybench';
import { writeResults } from './environment.js';
import { correlationValues } from '../src/backend/correlation-js.js';
import { JsIsingKernel } from '../src/models/ising/kernel-js.js';
import { loadCore } from '../src/backend/loader.js';
import type { IsingKernel } from '../src/models/ising/types.js';
import { WasmIsingKernel } from '../src/models/ising/kernel-wasm.js';
import { SHOWCASE, showcaseTemperatures } from '../src/cli/sweep.js';
import { CRITICAL_TEMPERATURE, finiteSizeScaling, runSweep } from '../src/index.js';
import { seedState } from '../src/rng.js';
import { heatBathThresholds, metropolisThresholds } from '../src/thresholds.js';

const sizes = (process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1] : '16,64,256').split(',').map(Number);
const module = await loadCore();

async function kernel(backend: 'wasm' | 'js', size: number): Promise<IsingKernel> {
  const k = backend === 'wasm' ? await WasmIsingKernel.create(module, size) : new JsIsingKernel(size);
  k.setRngState(seedState(1));
  k.fill('hot');
  const beta = 1 / CRITICAL_TEMPERATURE;
  k.setThresholds(metropolisThresholds(beta, 0), heatBathThresholds(beta, 0));
  return k;
}

const rows: string[] = [];
for (const size of sizes) {
  const bench = new Bench({ time: 500, warmupTime: 100 });
  const out = new Int32Array(correlationValues(size));
  for (const backend of ['wasm', 'js'] as const) {
    const k = await kernel(backend, size);
    bench.add(`${backend} sweep`, () => void k.sweep('metropolis', 1));
    bench.add(`${backend} correlation sample`, () => k.correlations(out));
  }
  await bench.run();
  const mean = (name: string) => {
    const r = bench.tasks.find((t) => t.name === name)!.result;
    if (r.state !== 'completed') throw new Error(`benchmark ${name} L=${size}: ${r.state}`);
    return r.latency.mean;
  };
  for (const backend of ['wasm', 'js']) {
    const sweep = mean(`${backend} sweep`);
    const sample = mean(`${backend} correlation sample`);
    rows.push(`| ${size} | ${backend} | ${(sweep * 1000).toFixed(1)} | ${(sample * 1000).toFixed(1)} | ${(sample / sweep).toFixed(2)} | ${((100 * sample) / (size * sweep)).toFixed(1)}% |`);
    console.log(rows.at(-1));
  }
}

let t0 = performance.now();
const sweep = await runSweep({ sizes: SHOWCASE.sizes, temperatures: showcaseTemperatures, thermalize: SHOWCASE.thermalize, sweeps: SHOWCASE.sweeps, seed: SHOWCASE.seed, keepSeries: true });
const sweepSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const fss = finiteSizeScaling(sweep.points.map((p) => p.measurement));
const analysisSeconds = (performance.now() - t0) / 1000;
console.log(`showcase: sweep ${sweepSeconds.toFixed(1)} s on ${sweep.points[0].measurement.backend}, analysis ${analysisSeconds.toFixed(1)} s; Tc = ${fss.criticalTemperature.mean.toFixed(4)}`);

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
const lines = [
  '## Measurement costs',
  '',
  'Written by `npm run bench:measurements` (bench/measurements.ts).',
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} (${os.cpus().length} cores), commit ${commit}, ${new Date().toISOString()}.`,
  '',
  '### One correlation sample vs one Metropolis sweep (T = Tc)',
  '',
  'A sample computes C(r) for r = 0..L/2 along both axes and the row and column sums (exact integers).',
  'The last column is the overhead with the default interval of one sample every L sweeps.',
  '',
  '| L | engine | sweep (us) | correlation sample (us) | sample / sweep | overhead at every = L |',
  '|---:|---|---:|---:|---:|---:|',
  ...rows,
  '',
  '### The showcase (`npm start`)',
  '',
  `L = ${SHOWCASE.sizes.join(', ')}, four temperatures each, ${SHOWCASE.sweeps} sweeps per point after ${SHOWCASE.thermalize}:`,
  `sweep ${sweepSeconds.toFixed(1)} s (${sweep.points[0].measurement.backend}), finite-size-scaling analysis ${analysisSeconds.toFixed(1)} s.`,
  '',
];
writeResults('results-measurements.json', { lines });
console.log('wrote bench/results-measurements.json and bench/RESULTS.md');
