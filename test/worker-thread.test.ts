// The default loader works inside a Node worker_thread with no configuration (built package),
// and gives the same numbers there as on the main thread.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';

const source = `
  import { parentPort } from 'node:worker_threads';
  import { createSimulation } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
  const sim = await createSimulation({ size: 16, temperature: 2.3, seed: 77, backend: 'auto' });
  sim.sweep(25);
  parentPort.postMessage({ backend: sim.backend, spins: sim.spins() });
`;

describe('Node worker_threads', () => {
  it('loads the inlined core and reproduces the main-thread lattice', async () => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
    const message = await new Promise<{ backend: string; spins: Int8Array }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(message.backend).toBe('wasm');
    const sim = await createSimulation({ size: 16, temperature: 2.3, seed: 77, backend: 'js' });
    sim.sweep(25);
    expect(message.spins).toEqual(sim.spins());
  });
});
