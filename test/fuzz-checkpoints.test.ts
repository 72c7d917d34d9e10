// Fuzzing checkpoints (issue 18): checkpoints come from clients, so they are input. Seeded random
// corruptions of valid Ising and Potts checkpoints (simulation and run kinds): byte flips,
// truncations and extensions with the stored CRC (caught by the checksum) and with a recomputed one
// (reaching the header and section checks), and header fields replaced by random values. Every
// corruption is refused with a CheckpointError or, where it is still a valid checkpoint, resumes:
// never another error, a trap or a hang.
import { describe, expect, it } from 'vitest';
import { CheckpointError, createSimulation, decodeCheckpoint, executeJob, InvalidOptionError } from '../src/index.js';
import { crc32, encodeContainer } from '../src/checkpoint.js';
import { Fuzz } from './helpers/fuzz.js';

function withCrc(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(bytes.length - 4, crc32(bytes, bytes.length - 4), true);
  return bytes;
}

function parts(bytes: Uint8Array): { header: Record<string, unknown>; body: Uint8Array } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(10, true);
  return { header: JSON.parse(new TextDecoder().decode(bytes.subarray(14, 14 + length))), body: bytes.subarray(14 + length, bytes.length - 4) };
}

async function sources(): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const options of [{ size: 16, algorithm: 'wolff' as const }, { model: 'potts' as const, q: 3, size: 8 }]) {
    const sim = await createSimulation({ ...options, seed: 3 });
    sim.sweep(10);
    out.push(sim.checkpoint());
    const run = await executeJob({ kind: 'run', options: { ...options, seed: 3 }, thermalize: 10, sweeps: 200, correlations: { every: 20 } }, { maxSweeps: 120 });
    if (run.state !== 'completed') out.push(run.checkpoint);
  }
  return out;
}

/** Decodes and, when that succeeds, continues the checkpoint briefly; returns how it ended. */
async function attempt(bytes: Uint8Array): Promise<'refused' | 'resumed'> {
  try {
    const { kind, state } = decodeCheckpoint(bytes);
    // a forged but valid step of 2^31 clusters or sweeps is legitimate work, not what is tested here
    // (the serverless handler bounds it: test/serverless-limits.test.ts)
    if (state.clustersPerStep > 100 || state.hybridSweeps > 100) return 'resumed';
    if (kind === 'run') {
      const r = await executeJob(bytes, { maxSweeps: 50, backend: 'js' });
      expect(['completed', 'budget-exhausted']).toContain(r.state);
    } else {
      const sim = await createSimulation({ model: state.model, ...(state.q === undefined ? {} : { q: state.q }), size: state.size, layout: state.layout, backend: 'js' });
      sim.resume(bytes);
      sim.sweep(2);
      sim.dispose();
    }
    return 'resumed';
  } catch (error) {
    if (error instanceof CheckpointError || error instanceof InvalidOptionError) return 'refused';
    throw error;
  }
}

describe('fuzzed checkpoints', () => {
  it('are refused with a CheckpointError or resume (seed 4, at most 12 s)', async () => {
    const fuzz = new Fuzz(4);
    const good = await sources();
    const started = Date.now();
    const seen = { refused: 0, resumed: 0, checksum: 0 };
    for (let k = 0; k < 2000 && Date.now() - started < 12_000; k++) {
      const source = fuzz.pick(good);
      let bytes: Uint8Array;
      const kind = fuzz.int(4);
      if (kind === 0) {
        // header field replaced, container rewritten (a valid CRC over forged content)
        const { header, body } = parts(source);
        const section = fuzz.pick(['options', 'counters', 'run', 'parameters', null]);
        const target = section && typeof header[section] === 'object' && header[section] !== null ? (header[section] as Record<string, unknown>) : header;
        const keys = Object.keys(target);
        target[fuzz.chance(0.9) ? fuzz.pick(keys) : 'extra'] = fuzz.value();
        bytes = encodeContainer(JSON.parse(JSON.stringify(header, (_k, v) => (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function' ? String(v) : v))), [body]);
      } else {
        bytes = source.slice();
        if (kind === 1) bytes[fuzz.int(bytes.length)] ^= 1 << fuzz.int(8);
        else if (kind === 2) bytes = bytes.slice(0, fuzz.int(bytes.length));
        else bytes = Uint8Array.from([...bytes.subarray(0, bytes.length - 4), ...Array.from({ length: 1 + fuzz.int(8) }, () => fuzz.int(256)), 0, 0, 0, 0]);
        if (fuzz.chance(0.5) && bytes.length >= 18) bytes = withCrc(bytes);
      }
      const outcome = await attempt(bytes);
      seen[outcome]++;
      try {
        decodeCheckpoint(bytes);
      } catch (error) {
        if ((error as CheckpointError).reason === 'checksum') seen.checksum++;
      }
    }
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.checksum).toBeGreaterThan(20);
  });
});
