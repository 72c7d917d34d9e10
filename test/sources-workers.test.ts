// Run from sources (tsx, as the benchmarks and scripts run), the worker entries are the built ones:
// tsx resolves #platform to src/platform/node.ts through tsconfig paths, whose threadEntry must still
// point at dist/worker/ (Node 20 cannot run a .ts worker entry). npm test builds first.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = `
import { createSimulation, createSimulationWorker } from '../src/index.ts';
const shared = await createSimulation({ size: 64, workers: 2, backend: 'wasm', seed: 1 });
const one = await createSimulation({ size: 64, backend: 'wasm', seed: 1 });
shared.sweep(5); one.sweep(5);
const worker = await createSimulationWorker({ size: 16, seed: 2 });
const w = await worker.measure({ sweeps: 100 });
await worker.dispose();
console.log(JSON.stringify({ same: shared.energy() === one.energy(), engine: shared.engine, worker: w.sweeps }));
shared.dispose(); one.dispose();
process.exit(0);
`;

describe('workers from sources', { timeout: 60_000 }, () => {
  it('start the built entries under tsx', async () => {
    const dir = join(repo, 'tmp');
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'sources-workers.ts');
    await writeFile(file, script);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(`${repo}node_modules/.bin/tsx`, [file], { cwd: repo, timeout: 50_000 }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))),
    );
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ same: true, engine: 'wasm-simd', worker: 100 });
  });
});
