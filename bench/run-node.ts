/**
 * `npm run bench`: runs the suite in Node (and the cluster-algorithm section) and writes
 * bench/results.json, then bench/RESULTS.md from every JSON result that exists (Node, browser,
 * worker pool). Figures, not tests.
 *
 * Flags: --sizes 256,1024,4096 (default), --time ms per task (default 1500); cluster algorithms
 * (bench/run-clusters.ts has the same flags and runs only them): --cluster-sizes 1024 (default),
 * --decorrelation-sizes 64,128 (default), --warmup-flips 200, --batch-sweeps 10, --batches 8, --skip-clusters.
 */
import { readFileSync } from 'node:fs';
import { clusterOptionsForReport, runClusterSuite } from './clusters.js';
import { clusterSuiteOptions } from './cluster-options.js';
import { baseEnvironment, writeResults } from './environment.js';
import { kernelCost } from './kernel-cost.js';
import { flag } from './node-args.js';
import type { Environment, RunReport } from './report.js';
import { runSuite } from './suite.js';

const sizes = flag('sizes', '256,1024,4096').split(',').map(Number);
const time = Number(flag('time', '1500'));
const environment: Environment = { runtime: `Node ${process.version} (V8 ${process.versions.v8})`, ...baseEnvironment() };
console.log(`criticality benchmarks: ${environment.runtime}, ${environment.cpu} (${environment.cores} cores), commit ${environment.commit}`);
const result = await runSuite({ sizes, time, log: (line) => console.log(line) });
for (const c of result.coldStart) console.log(`cold start (${c.core} core, decode + compile + instantiate + 64x64 lattice): ${c.medianMs.toFixed(2)} ms median of ${c.runs}`);
const pc = result.packedCost;
console.log(`packed kernel at Tc, L = ${pc.size}: ${pc.planesPerVector.toFixed(2)} planes per vector (${pc.layerPlanesPerVector.toFixed(2)} in row-finishing layers; ${(100 * pc.queuedPerVector).toFixed(0)}% of vectors queued, ${pc.layersPerRow.toFixed(2)} layers per row), ${pc.randomBitsPerSpin.toFixed(2)} random bits per spin`);
const clusterOptions = clusterSuiteOptions();
const clusters = process.argv.includes('--skip-clusters') ? undefined : await runClusterSuite(clusterOptions);
const report: RunReport = {
  environment,
  ...result,
  kernelCost: kernelCost(readFileSync(new URL('../build/criticality.wat', import.meta.url), 'utf8')),
  ...(clusters ? { clusters: { result: clusters, options: clusterOptionsForReport(clusterOptions) } } : {}),
};
console.log(`packed SIMD fast path: ${report.kernelCost!.planeInstructions} wasm instructions per fixed plane, ${report.kernelCost!.layerPlaneInstructions} per layer plane, ${report.kernelCost!.vectorInstructions} per vector`);
writeResults('results.json', report);
console.log('wrote bench/results.json and bench/RESULTS.md');
