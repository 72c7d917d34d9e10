/**
 * `npm run bench`: runs the suite in Node and writes bench/RESULTS.md and bench/results.json
 * with the machine, runtime, versions and commit. Figures, not tests.
 *
 * Flags: --sizes 256,1024 (default), --time ms per task (default 1500); cluster algorithms:
 * --cluster-sizes 1024,4096 (default), --decorrelation-sizes 64 (default), --skip-clusters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { clusterSection, runClusterSuite, type ClusterSuiteOptions } from './clusters.js';
import { commit, flag } from './node-args.js';
import { ratio, runSuite, type SuiteResult } from './suite.js';

const sizes = flag('sizes', '256,1024').split(',').map(Number);
const time = Number(flag('time', '1500'));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const environment = {
  date: new Date().toISOString(),
  commit: commit(),
  package: pkg.version,
  runtime: `Node ${process.version} (V8 ${process.versions.v8})`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  assemblyscript: pkg.devDependencies.assemblyscript,
  tinybench: pkg.devDependencies.tinybench,
};

console.log(`criticality benchmarks: ${environment.runtime}, ${environment.cpu} (${environment.cores} cores), commit ${environment.commit}`);
const result: SuiteResult = await runSuite({ sizes, time, log: (line) => console.log(line) });
console.log(`cold start (decode + compile + instantiate + 64x64 lattice): ${result.coldStart.medianMs.toFixed(2)} ms median of ${result.coldStart.runs}`);
const clusterOptions: ClusterSuiteOptions = {
  sizes: flag('cluster-sizes', '1024,4096').split(',').map(Number),
  decorrelationSizes: flag('decorrelation-sizes', '64').split(',').map(Number),
  time,
  log: (line) => console.log(line),
};
const clusters = process.argv.includes('--skip-clusters') ? undefined : await runClusterSuite(clusterOptions);

const lines = [
  '# Benchmark results',
  '',
  'Written by `npm run bench` (bench/run-node.ts). Update attempts (sites visited) per nanosecond,',
  'one thread, 2D Ising at T = Tc, h = 0, hot start; mean time of a batch of about 2^21 attempts',
  '(tinybench). Ratios are between engines measured in the same run.',
  '',
  '## Environment',
  '',
  ...Object.entries(environment).map(([k, v]) => `- ${k}: ${v}`),
  '',
  '## Throughput (flips/ns)',
  '',
  `| engine | ${sizes.map((s) => `L = ${s}`).join(' | ')} |`,
  `|---|${sizes.map(() => '---:').join('|')}|`,
  ...[...new Set(result.flips.map((f) => f.engine))].map(
    (engine) => `| ${engine} | ${sizes.map((s) => {
      const f = result.flips.find((x) => x.engine === engine && x.size === s);
      return f ? `${f.flipsPerNs.toFixed(4)} (+-${f.rme.toFixed(1)}%)` : '';
    }).join(' | ')} |`,
  ),
  '',
  '## Ratios (same run)',
  '',
  `| ratio | ${sizes.map((s) => `L = ${s}`).join(' | ')} |`,
  `|---|${sizes.map(() => '---:').join('|')}|`,
  ...([
    ['wasm byte metropolis', 'js byte metropolis'],
    ['wasm byte heat-bath', 'js byte heat-bath'],
    ['wasm byte metropolis', 'typical JS demo'],
    ['js byte metropolis', 'typical JS demo'],
  ] as const).map(([a, b]) => `| ${a} / ${b} | ${sizes.map((s) => `${ratio(result.flips, a, b, s).toFixed(1)}x`).join(' | ')} |`),
  '',
  '## Cold start',
  '',
  `Decode the inlined core, compile, instantiate and prepare a 64 x 64 lattice: ${result.coldStart.medianMs.toFixed(2)} ms (median of ${result.coldStart.runs}).`,
  '',
  ...(clusters ? clusterSection(clusters, clusterOptions) : []),
];
writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'));
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ environment, ...result, ...(clusters ? { clusters } : {}) }, null, 2)}\n`);
console.log('wrote bench/RESULTS.md and bench/results.json');
