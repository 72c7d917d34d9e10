// The package as a new user gets it: `npm pack`, installed once into a fresh project
// (test/consumers/), then used with no configuration by Vite (dev and build, pages in Chromium),
// webpack 5, esbuild (browser and Node), Node ESM and CommonJS, TypeScript (moduleResolution
// bundler, node16, nodenext) and an edge runtime that refuses to compile WebAssembly bytes. Each
// fixture runs the same seeded simulation, whose energy must equal this process's; the built Vite
// pages are weighed (gzip) and checked to download the core once and never its inlined copy.
// Problems 1-5 of issue 15 each have a check here. .ci/run installs Chromium.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { build as viteBuild, createLogger, createServer as viteServer } from 'vite';
import webpack from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, executeJob } from '../src/index.js';
import { launchChromium, serveStatic, type Served } from './helpers/browser.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const fixtures = fileURLToPath(new URL('./consumers/', import.meta.url));
const OPTIONS = { size: 16, temperature: 2.3, seed: 5 };
/** The first bytes of a .wasm file ("\0asm" and version 1) in base64: the mark of an inlined core. */
const INLINED_MARK = 'AGFzbQEAAAA';

let project: string;
let browser: Browser;
let expected: { energy: number; poolEnergy: number };
const sizes: Record<string, unknown> = {};

async function sh(cwd: string, command: string, args: string[], timeout = 120_000): Promise<string> {
  const { stdout } = await run(command, args, { cwd, timeout, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 24 });
  return stdout;
}

/** Opens `url`, waits for window.__result, and returns it with the console errors and warnings. */
async function visit(url: string): Promise<{ result: Record<string, unknown>; problems: string[] }> {
  const page: Page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as { __result?: unknown }).__result !== undefined, undefined, { timeout: 60_000 });
    return { result: await page.evaluate(() => (window as unknown as { __result: Record<string, unknown> }).__result), problems };
  } finally {
    await page.close();
  }
}

/** Serves `root` statically, visits it, and weighs what the page downloaded. */
async function visitStatic(root: string) {
  const served: Served[] = [];
  const server = await serveStatic(root, served);
  try {
    const visit_ = await visit(server.url);
    return { ...visit_, served };
  } finally {
    server.close();
  }
}

/** What a page downloads: each file once (a static host lets the browser cache a worker's script), with its gzip size. */
function weigh(served: Served[]) {
  const once = [...new Map(served.filter((f) => f.status === 200).map((f) => [f.path, f])).values()];
  const files = once.map((f) => ({ path: f.path, bytes: f.body.length, gzip: gzipSync(f.body, { level: 9 }).length }));
  const sum = (pick: (f: (typeof files)[number]) => boolean) => files.filter(pick).reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  return { files, total: sum(() => true), js: sum((f) => f.path.endsWith('.js')), wasm: sum((f) => f.path.endsWith('.wasm')) };
}

const page = (dir: string) => cp(join(fixtures, 'shared/page.js'), join(dir, 'page.js'));

beforeAll(async () => {
  const sim = await createSimulation(OPTIONS);
  sim.sweep(50);
  const pooled = await executeJob({ kind: 'run', options: OPTIONS, sweeps: 200 });
  expected = { energy: sim.energy(), poolEnergy: pooled.state === 'completed' ? pooled.result.observables.energy.mean : NaN };
  sim.dispose();

  project = await mkdtemp(join(tmpdir(), 'criticality-consumers-'));
  const packed = JSON.parse(await sh(repo, 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project])) as { filename: string; size: number; unpackedSize: number; files: unknown[] }[];
  sizes.tarball = { file: packed[0].filename, bytes: packed[0].size, unpackedBytes: packed[0].unpackedSize, files: packed[0].files.length };
  await cp(fixtures, project, { recursive: true });
  await Promise.all(['vite-main', 'vite-worker', 'webpack/src', 'esbuild'].map((d) => page(join(project, d))));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await sh(project, 'npm', ['install', `./${packed[0].filename}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (project) await rm(project, { recursive: true, force: true });
  await mkdir(join(repo, 'test-results'), { recursive: true });
  await writeFile(join(repo, 'test-results/consumer-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
});

describe('a fresh project with the packed tarball, no configuration', { timeout: 180_000 }, () => {
  it('ships no source maps, the cores as files, and one inlined copy per core (issue 15, problem 5)', async () => {
    const root = join(project, 'node_modules/criticality');
    const all = (await readdir(root, { recursive: true })).map(String);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(all.filter((f) => f.endsWith('.wasm')).sort()).toEqual(['build/criticality-scalar.wasm', 'build/criticality-shared-scalar.wasm', 'build/criticality-shared.wasm', 'build/criticality.wasm']);
    const js = all.filter((f) => f.endsWith('.js'));
    const inlined: string[] = [];
    for (const f of js) if ((await readFile(join(root, f), 'utf8')).includes(INLINED_MARK)) inlined.push(f);
    expect(inlined.sort()).toEqual(['dist/backend/wasm-inline-scalar.js', 'dist/backend/wasm-inline-simd.js']);
    for (const f of all.filter((f) => f.endsWith('.d.ts'))) expect((await readFile(join(root, f))).length, f).toBeLessThan(40_000);
    for (const f of js) expect(await readFile(join(root, f), 'utf8'), f).not.toContain('sourceMappingURL');
  });

  it('vite build: the main-thread page works, downloads the core once and no inlined copy (problems 1, 5)', async () => {
    const dir = join(project, 'vite-main');
    await viteBuild({ root: dir, logLevel: 'warn' });
    const { result, problems, served } = await visitStatic(join(dir, 'dist'));
    expect(problems).toEqual([]);
    expect(result).toEqual({ main: { engine: 'wasm-simd', energy: expected.energy } });
    const downloaded = weigh(served);
    expect(served.filter((f) => f.path.endsWith('.wasm'))).toHaveLength(1);
    for (const f of served) expect(new TextDecoder().decode(f.body).includes(INLINED_MARK), f.path).toBe(false);
    sizes.viteMainThread = { total: downloaded.total, js: downloaded.js, wasm: downloaded.wasm, files: downloaded.files };
  });

  it('vite build: a worker works with Vite\'s default worker format; the worker bundle carries no core (problems 1, 5)', async () => {
    const dir = join(project, 'vite-worker');
    await viteBuild({ root: dir, logLevel: 'warn' });
    const assets = await readdir(join(dir, 'dist/assets'));
    const { result, problems, served } = await visitStatic(join(dir, 'dist'));
    expect(problems).toEqual([]);
    expect(result).toEqual({ worker: { engine: 'wasm-simd', energy: expected.energy, error: 'InvalidOptionError temperature' } });
    const downloaded = weigh(served);
    // the page compiles the core once and sends the Module to the worker
    expect(served.filter((f) => f.path.endsWith('.wasm'))).toHaveLength(1);
    for (const f of served) expect(new TextDecoder().decode(f.body).includes(INLINED_MARK), f.path).toBe(false);
    const workerChunks = assets.filter((a) => a.startsWith('simulation.worker'));
    expect(workerChunks).toHaveLength(1);
    expect(await readFile(join(dir, 'dist/assets', workerChunks[0]), 'utf8')).not.toContain(INLINED_MARK);
    sizes.viteWorker = { total: downloaded.total, js: downloaded.js, wasm: downloaded.wasm, files: downloaded.files };
  });

  it('vite dev: both pages work, with no warning from Vite or the page (problems 1, 5)', async () => {
    for (const name of ['vite-main', 'vite-worker']) {
      const warnings: string[] = [];
      const logger = createLogger('warn');
      const customLogger = { ...logger, warn: (msg: string) => void warnings.push(msg), warnOnce: (msg: string) => void warnings.push(msg), error: (msg: string) => void warnings.push(msg) };
      const server = await viteServer({ root: join(project, name), logLevel: 'warn', customLogger, server: { host: '127.0.0.1', port: 0 } });
      try {
        await server.listen();
        const { result, problems } = await visit(server.resolvedUrls!.local[0]);
        expect(problems).toEqual([]);
        expect(warnings).toEqual([]);
        if (name === 'vite-main') expect(result).toEqual({ main: { engine: 'wasm-simd', energy: expected.energy } });
        else expect(result).toEqual({ worker: { engine: 'wasm-simd', energy: expected.energy, error: 'InvalidOptionError temperature' } });
      } finally {
        await server.close();
      }
    }
  });

  it('webpack 5: the page, a worker and a pool work; the core is fetched once (problem 1)', async () => {
    const dir = join(project, 'webpack');
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      // what `npx webpack` does in that folder: src/index.js to dist/main.js, production mode
      webpack({ context: dir, mode: 'production', output: { path: join(dir, 'dist') } }, (error, s) => (error || !s ? reject(error) : resolve(s))),
    );
    expect(stats.toJson({ all: false, errors: true, warnings: true })).toMatchObject({ errors: [], warnings: [] });
    await writeFile(join(dir, 'dist/index.html'), '<!doctype html><link rel="icon" href="data:,"><script src="main.js"></script>');
    const { result, problems, served } = await visitStatic(join(dir, 'dist'));
    expect(problems).toEqual([]);
    expect(result).toEqual({
      main: { engine: 'wasm-simd', energy: expected.energy },
      worker: { engine: 'wasm-simd', energy: expected.energy, error: 'InvalidOptionError temperature' },
      pool: { state: 'completed', energy: expected.poolEnergy },
    });
    expect(served.filter((f) => f.path.endsWith('.wasm'))).toHaveLength(1);
  });

  it('esbuild, browser platform: resolves without node: modules and runs on the inlined core (problem 2)', async () => {
    const dir = join(project, 'esbuild');
    const built = await esbuild.build({ absWorkingDir: dir, entryPoints: ['app.js'], bundle: true, format: 'esm', outdir: 'out', logLevel: 'silent' });
    expect(built.errors).toEqual([]);
    expect(built.warnings).toEqual([]);
    await writeFile(join(dir, 'out/index.html'), '<!doctype html><link rel="icon" href="data:,"><script type="module" src="app.js"></script>');
    const { result, problems } = await visitStatic(join(dir, 'out'));
    expect(result).toEqual({ main: { engine: 'wasm-simd', energy: expected.energy } });
    // esbuild does not emit new URL(..., import.meta.url) assets: one 404 for the shipped file, then the inlined copy
    expect(problems.every((p) => /Failed to load resource: the server responded with a status of 404/.test(p))).toBe(true);
  });

  it('esbuild, node platform: one file with the API and the serverless handler (problem 2)', async () => {
    const dir = join(project, 'esbuild');
    await esbuild.build({ absWorkingDir: dir, entryPoints: ['server.js'], bundle: true, platform: 'node', format: 'esm', outfile: 'out/server.mjs', logLevel: 'silent' });
    const out = JSON.parse(await sh(dir, process.execPath, ['out/server.mjs']));
    expect(out).toEqual({ engine: 'wasm-simd', energy: expected.energy, status: 200, state: 'completed' });
  });

  it('esbuild with the condition criticality-no-inline: no inlined core; a core passed in runs (problem 5)', async () => {
    const dir = join(project, 'esbuild');
    await esbuild.build({ absWorkingDir: dir, entryPoints: ['lean.js'], bundle: true, platform: 'node', format: 'esm', outfile: 'out/lean.mjs', conditions: ['criticality-no-inline'], logLevel: 'silent' });
    const bundle = await readFile(join(dir, 'out/lean.mjs'), 'utf8');
    expect(bundle).not.toContain(INLINED_MARK);
    const full = await esbuild.build({ absWorkingDir: dir, entryPoints: ['lean.js'], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
    expect(full.outputFiles[0].text).toContain(INLINED_MARK);
    sizes.esbuildNode = { withInlinedCores: full.outputFiles[0].contents.length, withoutInlinedCores: bundle.length };
    const out = JSON.parse(await sh(dir, process.execPath, ['out/lean.mjs']));
    expect(out.missing).toMatch(/left out of this build/);
    expect(out).toMatchObject({ engine: 'wasm-simd', energy: expected.energy });
  });

  it('Node ESM: the API, a worker, a pool and the serverless handler', async () => {
    const out = JSON.parse(await sh(join(project, 'node'), process.execPath, ['app.mjs']));
    expect(out).toEqual({
      main: { engine: 'wasm-simd', energy: expected.energy },
      worker: { engine: 'wasm-simd', energy: expected.energy, error: 'InvalidOptionError temperature' },
      pool: { state: 'completed' },
      serverless: { status: 200, engine: 'wasm-simd' },
    });
  });

  it('Node CommonJS: require() works (problem 3)', async () => {
    const out = JSON.parse(await sh(join(project, 'node'), process.execPath, ['app.cjs']));
    expect(out).toEqual({ engine: 'wasm-simd', energy: expected.energy, handler: 'function' });
  });

  it('TypeScript with moduleResolution bundler, node16 and nodenext, criticality/wasm included (problem 4)', async () => {
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const check = (mode: string) => sh(join(project, 'ts'), process.execPath, [tsc, '-p', `tsconfig.${mode}.json`]).catch((e: { stdout?: string }) => `failed: ${e.stdout}`);
    const modes = ['bundler', 'node16', 'nodenext'];
    const results = await Promise.all(modes.map(check));
    for (const [i, mode] of modes.entries()) expect(results[i], mode).toBe('');
  });

  it('edge runtime that refuses to compile bytes: the documented recipe, CORS, and no silent fallback (problem 4)', async () => {
    const dir = join(project, 'edge');
    // what edge bundlers (wrangler) do: browser-like conditions, no Node built-ins, .wasm imports bound by the platform
    const platformWasm: esbuild.Plugin = {
      name: 'edge-wasm',
      setup(b) {
        b.onResolve({ filter: /^criticality\/wasm$/ }, () => ({ path: 'criticality.wasm', namespace: 'edge-wasm' }));
        b.onLoad({ filter: /.*/, namespace: 'edge-wasm' }, (a) => ({ contents: `export default globalThis.__EDGE_WASM__[${JSON.stringify(a.path)}];`, loader: 'js' }));
      },
    };
    await esbuild.build({
      absWorkingDir: dir, entryPoints: ['function.js', 'fallback.js', 'probe.js'], bundle: true, format: 'esm', platform: 'neutral', outdir: 'out', outExtension: { '.js': '.mjs' },
      conditions: ['workerd', 'worker', 'browser'], mainFields: ['browser', 'module', 'main'], plugins: [platformWasm], logLevel: 'silent',
    });
    const wasm = join(project, 'node_modules/criticality/build/criticality.wasm');
    const out = JSON.parse(await sh(dir, process.execPath, ['run.mjs', join(dir, 'out'), wasm]));
    expect(out.compileRefused).toBe(true);
    expect(out.preflight.status).toBe(204);
    expect(out.preflight.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': expect.stringContaining('POST') });
    expect(out.run.status).toBe(200);
    expect(out.run.headers).toMatchObject({ 'access-control-allow-origin': '*', 'x-criticality-engine': 'wasm-simd' });
    expect(out.run.body).toMatchObject({ state: 'completed', engine: 'wasm-simd' });
    expect(out.asked.status).toBe(503);
    expect(out.asked.body.error).toMatchObject({ code: 'backend-unavailable', field: 'backend' });
    expect(out.asked.body.error.message).toMatch(/criticality\/wasm/);
    expect(out.auto.status).toBe(200);
    expect(out.auto.headers['x-criticality-engine']).toBe('js');
    expect(out.auto.body).toMatchObject({ state: 'completed', engine: 'js', fallbackReason: expect.stringMatching(/compile/) });
  });
});
