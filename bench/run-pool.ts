/**
 * `npm run bench:pool`: the worker-pool scaling benchmark (bench/pool.ts). Replaces the
 * "Worker pool" section of bench/RESULTS.md (the rest is left as `npm run bench` wrote it) and
 * writes bench/results-pool.json, with the machine, its load average and the commit.
 *
 * Flags: --size 64 --points 8 --sweeps 4000 --pools 1,2 --repeats 3
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { commit, flag } from './node-args.js';
import { runPoolBench } from './pool.js';

const poolSizes = flag('pools', '1,2').split(',').map(Number);
const loadBefore = os.loadavg()[0];
const result = await runPoolBench({
  size: Number(flag('size', '64')),
  points: Number(flag('points', '8')),
  sweeps: Number(flag('sweeps', '4000')),
  poolSizes,
  repeats: Number(flag('repeats', '3')),
  log: (line) => console.log(line),
});
const environment = {
  date: new Date().toISOString(),
  commit: commit(),
  runtime: `Node ${process.version}`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  loadAverage1mBefore: Number(loadBefore.toFixed(2)),
  loadAverage1mAfter: Number(os.loadavg()[0].toFixed(2)),
};
const reference = poolSizes[0];
const section = [
  '## Worker pool',
  '',
  `Written by \`npm run bench:pool\` (bench/run-pool.ts, ${environment.date}, commit ${environment.commit}, ${environment.runtime},`,
  `${environment.cpu}, ${environment.cores} cores, 1-minute load average ${environment.loadAverage1mBefore} before and ${environment.loadAverage1mAfter} after).`,
  `A sweep of ${result.points} independent points (L = ${result.size}, ${result.sweepsPerPoint} recorded sweeps each, WebAssembly),`,
  `${(result.updates / 1e6).toFixed(0)} M site updates, on pools of different sizes; median wall time of the repeats, workers warmed up.`,
  '',
  '| workers | wall time | speed-up |',
  '|---:|---:|---:|',
  ...poolSizes.map((s) => `| ${s} | ${(result.medianMs[s] / 1000).toFixed(2)} s | ${result.speedup[s].toFixed(2)}x vs ${reference} |`),
  '',
].join('\n');
const file = new URL('./RESULTS.md', import.meta.url);
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
const start = current.indexOf('## Worker pool');
const rest = start < 0 ? '' : current.slice(start).replace(/^## Worker pool[\s\S]*?(?=\n## |$)/, '');
writeFileSync(file, `${(start < 0 ? current : current.slice(0, start)).trimEnd()}\n\n${section}${rest}`);
writeFileSync(new URL('./results-pool.json', import.meta.url), `${JSON.stringify({ environment, ...result }, null, 2)}\n`);
console.log(`speed-up of ${poolSizes.at(-1)} workers over ${reference}: ${result.speedup[poolSizes.at(-1)!].toFixed(2)}x; wrote bench/RESULTS.md (Worker pool section) and bench/results-pool.json`);
