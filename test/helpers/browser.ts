/**
 * Test helpers for pages in a real browser: a plain static file server (no COOP/COEP headers,
 * like any static host) and Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven
 * by playwright-core with the launch flags of /work/shared/TOOLCHAIN.md.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** One file the static server answered: its path under the root, the status, and the body. */
export interface Served {
  path: string;
  status: number;
  body: Uint8Array;
}

/** A static server of `root` on 127.0.0.1 (a free port); `close()` stops it. Every answer is pushed to `served`. */
export async function serveStatic(root: string, served: Served[] = []): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (req, res) => {
    const relative = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html');
    const path = join(root, relative);
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
      served.push({ path: relative, status: 200, body });
    } catch {
      res.writeHead(404);
      res.end();
      served.push({ path: relative, status: 404, body: new Uint8Array() });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** Headless Chromium with a fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
