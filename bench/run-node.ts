/**
 * `npm run bench`: runs the suite in Node and writes bench/results.json, then bench/RESULTS.md
 * (with bench/results-browser.json when `npm run bench:browser` has written it). Figures, not tests.
 *
 * Flags: --sizes 256,1024,4096 (default), --time ms per task (default 1500).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { kernelCost } from './kernel-cost.js';
import { renderResults, type Environment, type RunReport } from './report.js';
import { runSuite } from './suite.js';

export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The commit, marked when the benchmarked sources differ from it. */
export function commit(): string {
  try {
    const hash = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src assembly bench demo', { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${hash} (with uncommitted changes)` : hash;
  } catch {
    return 'unknown';
  }
}

/** Machine, versions and commit, shared by both runners. */
export function baseEnvironment(): Environment {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; devDependencies: Record<string, string> };
  return {
    date: new Date().toISOString(),
    commit: commit(),
    package: pkg.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    'load average (1 min) at start': os.loadavg()[0].toFixed(2),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    assemblyscript: pkg.devDependencies.assemblyscript,
    tinybench: pkg.devDependencies.tinybench,
  };
}

/** Reads a results JSON if present. */
export function readReport(name: string): RunReport | undefined {
  const url = new URL(name, import.meta.url);
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as RunReport) : undefined;
}

export function writeResultsMarkdown(): void {
  writeFileSync(new URL('./RESULTS.md', import.meta.url), renderResults(readReport('./results.json'), readReport('./results-browser.json')));
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop()!);
if (isMain) {
  const sizes = flag('sizes', '256,1024,4096').split(',').map(Number);
  const time = Number(flag('time', '1500'));
  const environment: Environment = { runtime: `Node ${process.version} (V8 ${process.versions.v8})`, ...baseEnvironment() };
  console.log(`criticality benchmarks: ${environment.runtime}, ${environment.cpu} (${environment.cores} cores), commit ${environment.commit}`);
  const result = await runSuite({ sizes, time, log: (line) => console.log(line) });
  for (const c of result.coldStart) console.log(`cold start (${c.core} core, decode + compile + instantiate + 64x64 lattice): ${c.medianMs.toFixed(2)} ms median of ${c.runs}`);
  console.log(`packed kernel at Tc: ${result.packedCost.planesPerVector.toFixed(2)} planes per vector, ${result.packedCost.randomBitsPerSpin.toFixed(2)} random bits per spin`);
  const report: RunReport = { environment, ...result, kernelCost: kernelCost(readFileSync(new URL('../build/criticality.wat', import.meta.url), 'utf8')) };
  console.log(`packed SIMD fast path: ${report.kernelCost!.planeInstructions} wasm instructions per plane, ${report.kernelCost!.vectorInstructions} per vector`);
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  writeResultsMarkdown();
  console.log('wrote bench/results.json and bench/RESULTS.md');
}
