/**
 * `npm run bench:pool`: the worker-pool scaling benchmark (bench/pool.ts). Writes
 * bench/results-pool.json (with the machine, its load average and the commit), then
 * bench/RESULTS.md from every JSON result that exists.
 *
 * Flags: --size 64 --points 8 --sweeps 40000 --pools 1,2 --repeats 3
 */
import os from 'node:os';
import { runEnvironment, writeResults } from './environment.js';
import { flag } from './node-args.js';
import { runPoolBench } from './pool.js';
import type { PoolReport } from './pool-report.js';

const poolSizes = flag('pools', '1,2').split(',').map(Number);
const loadBefore = os.loadavg()[0];
const result = await runPoolBench({
  size: Number(flag('size', '64')),
  points: Number(flag('points', '8')),
  sweeps: Number(flag('sweeps', '40000')),
  poolSizes,
  repeats: Number(flag('repeats', '3')),
  log: (line) => console.log(line),
});
const report: PoolReport = {
  environment: runEnvironment(loadBefore),
  poolSizes,
  ...result,
};
writeResults('results-pool.json', report);
console.log(`speed-up of ${poolSizes.at(-1)} workers over ${poolSizes[0]}: ${result.speedup[poolSizes.at(-1)!].toFixed(2)}x; wrote bench/results-pool.json and bench/RESULTS.md`);
