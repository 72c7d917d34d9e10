/**
 * `npm run bench:browser`: serves the built demo (vite preview, cross-origin isolated), runs
 * demo/bench.html in headless Chromium through playwright-core, and writes
 * bench/results-browser.json and bench/RESULTS.md. Run `npm run build:demo` first (the npm
 * script does). Flags: --sizes 256,1024,4096, --time 1500, --port 4179, --chromium /usr/bin/chromium,
 * --engines "name;name" (a subset of bench/engines.ts; then the JSON holds only those).
 */
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { baseEnvironment, flag, writeResults } from './environment.js';
import type { RunReport } from './report.js';

const sizes = flag('sizes', '256,1024,4096');
const engines = flag('engines', '');
const time = flag('time', '1500');
const port = Number(flag('port', '4179'));
const executablePath = flag('chromium', '/usr/bin/chromium');
const root = new URL('..', import.meta.url);

const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--config', 'demo/vite.config.ts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stop);

await new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('vite preview did not start within 30 s')), 30_000);
  server.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes(`${port}`)) {
      clearTimeout(timer);
      resolve();
    }
  });
  server.once('exit', (code) => reject(new Error(`vite preview exited with code ${code}`)));
});

// playwright gives the browser a fresh profile of its own
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.log(`[chromium] ${message.text()}`));
  page.on('pageerror', (error) => console.error(`[chromium] page error: ${error.message}`));
  const url = `http://127.0.0.1:${port}/bench.html?auto=1&sizes=${sizes}&time=${time}${engines ? `&engines=${encodeURIComponent(engines)}` : ''}`;
  console.log(`criticality benchmarks in Chromium ${browser.version()}: ${url}`);
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 30 * 60_000, polling: 1000 });
  const error = await page.evaluate(() => (window as { __benchError?: string }).__benchError);
  if (error) throw new Error(`the suite failed in the browser: ${error}`);
  const result = (await page.evaluate(() => (window as { __benchResult?: unknown }).__benchResult)) as RunReport;
  const report: RunReport = { ...result, environment: { ...result.environment, runtime: `Chromium ${browser.version()} (headless)`, ...baseEnvironment() } };
  writeResults('results-browser.json', report);
  console.log('wrote bench/results-browser.json and bench/RESULTS.md');
} finally {
  await browser.close();
  stop();
}
