// In a plain Node process (not under vitest, which keeps the event loop busy): idle workers do not
// keep the process alive, but a pending call or dispose() does; the process ends by itself.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const script = `
  import { createPool, createSimulationWorker } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
  const job = { kind: 'run', options: { size: 8 }, sweeps: 100 };
  for (let i = 0; i < 2; i++) {
    const pool = await createPool({ size: 2 });
    const r = await pool.run([job, job]);
    await pool.dispose();
    console.log('pool', i, r.state);
  }
  const w = await createSimulationWorker({ size: 8 });
  console.log('sweep', (await w.sweep(10)).sweeps);
  await new Promise((r) => setTimeout(r, 50)); // idle worker: unreferenced
  console.log('energy', typeof (await w.energy()));
  await w.dispose();
  const idle = await createSimulationWorker({ size: 8 });
  await idle.sweep(1);
  console.log('done'); // no dispose: the idle worker must not keep the process alive
`;

describe('worker lifetime in a Node process', { timeout: 60_000 }, () => {
  it('waits for pending calls and dispose, and exits when idle', async () => {
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      const child = execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 50_000 }, (error, out) => resolve({ stdout: out, code: error ? (error as { code?: number }).code ?? 1 : 0 }));
      void child;
    });
    expect(stdout.trim().split('\n')).toEqual(['pool 0 completed', 'pool 1 completed', 'sweep 10', 'energy number', 'done']);
    expect(code).toBe(0);
  });
});
