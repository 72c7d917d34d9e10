/** Machine, versions and commit for both benchmark runners, and the RESULTS.md writer (Node only). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { commit } from './node-args.js';
import type { PoolReport } from './pool-report.js';
import { pottsSection, type PottsReport } from './potts-report.js';
import { renderResults, type Environment, type RunReport, type SectionReport } from './report.js';

export { flag } from './node-args.js';

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

/** Where and when a Node benchmark ran: date, commit, runtime, CPU, and the load average before (given) and now. */
export function runEnvironment(loadBefore: number): Record<string, string | number> {
  return {
    date: new Date().toISOString(),
    commit: commit(),
    runtime: `Node ${process.version}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    loadAverage1mBefore: Number(loadBefore.toFixed(2)),
    loadAverage1mAfter: Number(os.loadavg()[0].toFixed(2)),
  };
}

function readReport<T>(name: string): T | undefined {
  const url = new URL(name, import.meta.url);
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as T) : undefined;
}

/** The Potts section of RESULTS.md (bench/potts.ts). */
function pottsLines(report: PottsReport | undefined): SectionReport | undefined {
  return report && { lines: pottsSection(report) };
}

/** Writes a run's JSON, then RESULTS.md from every run's JSON that exists (Node, browser, worker pool, RG, measurements, language, queue, Potts, multicanonical, continuous spins, cubic). */
export function writeResults(
  file: 'results.json' | 'results-browser.json' | 'results-pool.json' | 'results-rg.json' | 'results-measurements.json' | 'results-language.json' | 'results-queue.json' | 'results-potts.json' | 'results-multicanonical.json' | 'results-continuous.json' | 'results-cubic.json',
  report: RunReport | PoolReport | SectionReport | PottsReport,
): void {
  writeFileSync(new URL(`./${file}`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    new URL('./RESULTS.md', import.meta.url),
    renderResults(readReport<RunReport>('./results.json'), readReport<RunReport>('./results-browser.json'), readReport<PoolReport>('./results-pool.json'), [
      readReport<SectionReport>('./results-rg.json'),
      readReport<SectionReport>('./results-measurements.json'),
      readReport<SectionReport>('./results-language.json'),
      readReport<SectionReport>('./results-queue.json'),
      pottsLines(readReport<PottsReport>('./results-potts.json')),
      readReport<SectionReport>('./results-multicanonical.json'),
      readReport<SectionReport>('./results-continuous.json'),
      readReport<SectionReport>('./results-cubic.json'),
    ]),
  );
}
