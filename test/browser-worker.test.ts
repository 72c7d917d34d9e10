// createSimulationWorker in a real browser: Vite bundles test/browser/ (the worker comes from the
// literal new Worker(new URL('./simulation.worker.js', import.meta.url)) in src/worker/spawn.ts),
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) runs it: same lattice and
// measurement as the main thread, typed errors across the hop, abort. .ci/run installs Chromium.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

describe('simulation worker in Chromium', { timeout: 120_000 }, () => {
  it('bundles with Vite and gives the main-thread numbers', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'criticality-browser-'));
    let server: Server | undefined;
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      await build({
        root: fileURLToPath(new URL('./browser/', import.meta.url)),
        base: './',
        logLevel: 'warn',
        worker: { format: 'es' },
        build: { outDir, emptyOutDir: true, target: 'es2022' },
      });
      server = createServer(async (req, res) => {
        const path = join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'));
        try {
          const body = await readFile(path);
          res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
          res.end(body);
        } catch {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, { timeout: 60_000 });
      const result = await page.evaluate(() => (window as unknown as { __result: Record<string, unknown> }).__result);
      expect(errors).toEqual([]);
      expect(result).toMatchObject({ backend: 'wasm', sameSpins: true, sameEnergy: true, errorClass: 'InvalidOptionError temperature', abortClass: 'AbortedError' });
      expect(result.latencyMs).toBeLessThan(1000);
    } finally {
      await browser.close();
      server?.close();
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
