// Checkpoints written by the release before the model seam still load: a simulation checkpoint
// resumes, and a paused Wolff run (records, cluster sizes, correlations) finishes to the result
// that release computed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, executeJob, resumeSimulation } from '../src/index.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('version-1 checkpoints of the first release', () => {
  it('a simulation checkpoint resumes', async () => {
    const bytes = fixture('ising-simulation-v1.ckpt');
    const sim = await resumeSimulation(bytes, { backend: 'js' });
    expect(sim.options).toMatchObject({ model: 'ising', size: 16, temperature: 2.4, seed: 21, algorithm: 'wolff' });
    expect(sim.sweeps).toBe(30);
    expect(decodeCheckpoint(sim.checkpoint()).state.spins).toEqual(decodeCheckpoint(bytes).state.spins);
    sim.dispose();
  });

  it('a paused run finishes to the stored result, on either backend', async () => {
    const expected = JSON.parse(readFileSync(new URL('./fixtures/ising-run-v1.result.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    for (const backend of ['js', 'wasm'] as const) {
      const r = await executeJob(fixture('ising-run-v1.ckpt'), { backend });
      expect(r.state).toBe('completed');
      if (r.state !== 'completed') return;
      const result = JSON.parse(JSON.stringify(r.result)) as Record<string, unknown>;
      for (const [key, value] of Object.entries(expected)) expect(result[key], key).toEqual(key === 'backend' ? backend : value);
    }
  });
});
