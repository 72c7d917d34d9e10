// The recorded series survives a checkpoint exactly, including the largest jumps an i32 allows,
// and compactly (about 2 bytes a record for a typical run).
import { describe, expect, it } from 'vitest';
import { createSimulation, decodeCheckpoint, encodeCheckpoint } from '../src/index.js';

const sim = await createSimulation({ size: 16, temperature: 2.3, seed: 4 });
const state = decodeCheckpoint(sim.checkpoint()).state;

describe('checkpoint records section', () => {
  it('round-trips extreme values', () => {
    const records = Int32Array.of(2 ** 31 - 1, -(2 ** 31), -(2 ** 31), 2 ** 31 - 1, 0, 0, -1, 1, 5, -5);
    const bytes = encodeCheckpoint({ kind: 'run', state, run: { thermalize: 0, sweeps: 8, thermalized: 0, measured: 5, measureFlips: 3, measureWork: 5, records } });
    const run = decodeCheckpoint(bytes).run!;
    expect(run.records).toEqual(records);
    expect(run).toMatchObject({ thermalize: 0, sweeps: 8, measured: 5, measureFlips: 3 });
  });

  it('stores a real series compactly', () => {
    const records = new Int32Array(2 * 10_000);
    sim.sweep(10_000, records);
    const bytes = encodeCheckpoint({ kind: 'run', state, run: { thermalize: 0, sweeps: 10_000, thermalized: 0, measured: 10_000, measureFlips: 0, measureWork: 10_000, records } });
    expect(decodeCheckpoint(bytes).run!.records).toEqual(records);
    expect(bytes.length).toBeLessThan(3 * 10_000); // 8 bytes a record raw
  });
});
