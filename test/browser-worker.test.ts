// createSimulationWorker in a real browser: Vite bundles test/browser/ (the worker comes from the
// literal new Worker(new URL('./simulation.worker.js', import.meta.url)) in src/worker/spawn.ts),
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) runs it: same lattice and
// measurement as the main thread, typed errors across the hop, abort. .ci/run installs Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { launchChromium, serveStatic } from './helpers/browser.js';

describe('simulation worker in Chromium', { timeout: 120_000 }, () => {
  it('bundles with Vite and gives the main-thread numbers', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'criticality-browser-'));
    let server: { url: string; close: () => void } | undefined;
    const browser = await launchChromium();
    try {
      await build({
        root: fileURLToPath(new URL('./browser/', import.meta.url)),
        base: './',
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true, target: 'es2022' },
      });
      server = await serveStatic(outDir);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
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
