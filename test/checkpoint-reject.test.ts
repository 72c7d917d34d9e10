// Corrupt, truncated, foreign, future-version, other-model and other-size checkpoints are refused
// with a CheckpointError naming the reason; a refused resume leaves the simulation as it was.
import { describe, expect, it } from 'vitest';
import { CheckpointError, createSimulation, decodeCheckpoint, encodeCheckpoint, executeJob } from '../src/index.js';
import { crc32, encodeContainer, type CheckpointHeader } from '../src/checkpoint.js';

const sim = await createSimulation({ size: 8, temperature: 2.4, seed: 5 });
sim.sweep(4);
const good = sim.checkpoint();
const headerLength = new DataView(good.buffer).getUint32(10, true);
const header = JSON.parse(new TextDecoder().decode(good.subarray(14, 14 + headerLength))) as CheckpointHeader;
const spinBytes = good.subarray(14 + headerLength, good.length - 4);

/** The bytes with their CRC recomputed (to reach the checks after the checksum). */
function withCrc(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes, bytes.length - 4), true);
  return bytes;
}

function reason(bytes: unknown): string {
  try {
    decodeCheckpoint(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return (error as CheckpointError).reason;
  }
  return 'accepted';
}

describe('checkpoint rejection', () => {
  it('accepts the good one', () => {
    expect(reason(good)).toBe('accepted');
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the CRC-32 check value
  });

  it.each([
    ['a string', 'not a checkpoint', 'not-bytes'],
    ['an ArrayBuffer', good.buffer, 'not-bytes'],
    ['an empty array', new Uint8Array(0), 'truncated'],
    ['the first half', good.slice(0, good.length >> 1), 'truncated'],
    ['all but the last byte', good.slice(0, good.length - 1), 'truncated'],
    ['wrong magic', Uint8Array.from(good, (b, i) => (i === 1 ? 0x44 : b)), 'magic'],
    ['a PNG', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(40)), 'magic'],
    ['a flipped spin bit', Uint8Array.from(good, (b, i) => (i === good.length - 6 ? b ^ 1 : b)), 'checksum'],
    ['a changed header digit', Uint8Array.from(good, (b, i) => (i === 30 ? b ^ 2 : b)), 'checksum'],
    ['a trailing byte', Uint8Array.of(...good, 0), 'checksum'],
    ['a future version', encodeContainer(header, [spinBytes], 2), 'version'],
    ['another model', encodeContainer({ ...header, model: 'spin-glass' }, [spinBytes]), 'model'],
    ['another lattice', encodeContainer({ ...header, lattice: 'hexagonal' }, [spinBytes]), 'model'],
    ['a bad option in the header', encodeContainer({ ...header, options: { ...header.options, size: 7 } }, [spinBytes]), 'header'],
    ['an all-zero generator', encodeContainer({ ...header, rng: [0, 0, 0, 0] }, [spinBytes]), 'header'],
    ['a missing section', encodeContainer({ ...header, sections: [] }, []), 'header'],
    ['a header that is not JSON (with a valid CRC)', withCrc(encodeContainer({}, []).map((b, i) => (i === 15 ? 0x2c : b))), 'header'],
    ['a header that is not an object', encodeContainer(['spins'], []), 'header'],
  ])('refuses %s', (_name, bytes, expected) => {
    expect(reason(bytes)).toBe(expected);
  });

  it('names the reason in the message', () => {
    expect(() => decodeCheckpoint(encodeContainer(header, [spinBytes], 7))).toThrow(/Invalid checkpoint \(version\): format version 7; this build reads version 1 \(written by a newer criticality\)/);
    expect(() => decodeCheckpoint(good.slice(0, 20))).toThrow(/Invalid checkpoint \(truncated\)/);
  });

  it('refuses another size or kind where it is used, and leaves the simulation unchanged', async () => {
    const other = await createSimulation({ size: 6, temperature: 3, seed: 9 });
    const before = other.checkpoint();
    expect(() => other.resume(good)).toThrow(expect.objectContaining({ reason: 'size' }));
    expect(() => other.resume(Uint8Array.from(good, (b, i) => (i === 40 ? b ^ 1 : b)))).toThrow(CheckpointError);
    expect(other.checkpoint()).toEqual(before);
    await expect(executeJob(good)).rejects.toMatchObject({ name: 'CheckpointError', reason: 'kind' });
  });

  it('a run checkpoint with inconsistent counts is refused', () => {
    const state = decodeCheckpoint(good).state;
    const bytes = encodeCheckpoint({ kind: 'run', state, run: { thermalize: 5, sweeps: 10, thermalized: 2, measured: 3, measureFlips: 0, measureWork: 3, records: new Int32Array(6) } });
    expect(reason(bytes)).toBe('header');
  });
});
