/**
 * `npm run bench:clusters`: the cluster section alone (bench/clusters.ts, with the native reference
 * of bench/native/), written into bench/results.json next to the last full run's figures, then
 * bench/RESULTS.md. Flags: --cluster-sizes 1024, --decorrelation-sizes 64,128 (an empty value
 * skips them), --warmup-flips 200, --batch-sweeps 10, --batches 8.
 */
import { existsSync, readFileSync } from 'node:fs';
import { clusterOptionsForReport, runClusterSuite } from './clusters.js';
import { clusterSuiteOptions } from './cluster-options.js';
import { baseEnvironment, writeResults } from './environment.js';
import type { Environment, RunReport } from './report.js';

const file = new URL('./results.json', import.meta.url);
if (!existsSync(file)) throw new Error('bench/results.json is missing: run `npm run bench` once first');
const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
const options = clusterSuiteOptions();
const environment: Environment = { runtime: `Node ${process.version} (V8 ${process.versions.v8})`, ...baseEnvironment() };
console.log(`criticality cluster benchmarks: ${environment.runtime}, ${environment.cpu} (${environment.cores} cores), commit ${environment.commit}`);
const result = await runClusterSuite(options);
writeResults('results.json', { ...report, clusters: { result, options: clusterOptionsForReport(options), environment } });
console.log('wrote bench/results.json and bench/RESULTS.md');
