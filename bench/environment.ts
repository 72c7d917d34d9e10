/** Machine, versions and commit for both benchmark runners, and the RESULTS.md writer (Node only). */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { renderResults, type Environment, type RunReport } from './report.js';

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

function readReport(name: string): RunReport | undefined {
  const url = new URL(name, import.meta.url);
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as RunReport) : undefined;
}

/** Writes a run's JSON, then RESULTS.md from both runs' JSON (whichever exist). */
export function writeResults(file: 'results.json' | 'results-browser.json', report: RunReport): void {
  writeFileSync(new URL(`./${file}`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(new URL('./RESULTS.md', import.meta.url), renderResults(readReport('./results.json'), readReport('./results-browser.json')));
}
