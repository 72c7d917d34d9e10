/**
 * Spins one bit per site: the compact form of a lattice for transfers (a worker sending the
 * lattice to a page every frame: L^2 / 8 bytes instead of L^2) and for checkpoints.
 *
 * Layout: row-major sites i = 0 .. N - 1; site i is bit (i & 7) of byte (i >> 3), least
 * significant bit first; 1 = spin +1, 0 = spin -1. The unused high bits of the last byte are 0.
 */
import { InvalidOptionError } from './errors.js';

/** Bytes that hold `count` spins at one bit each: ceil(count / 8). */
export function spinBitsLength(count: number): number {
  return (count + 7) >> 3;
}

/**
 * Packs spins (+1 / -1, e.g. from `spins()`) into bits: bit (i & 7) of byte (i >> 3) is 1 when
 * site i is up. A value > 0 counts as up, anything else as down.
 */
export function packSpins(spins: Int8Array): Uint8Array {
  if (!(spins instanceof Int8Array)) throw new InvalidOptionError('spins', spins, 'an Int8Array of spins (+1 / -1)');
  const n = spins.length;
  const out = new Uint8Array(spinBitsLength(n));
  const whole = n >> 3;
  // (-s) >>> 31 is 1 for s > 0 and 0 for s <= 0 (s an Int8 value)
  for (let k = 0, i = 0; k < whole; k++, i += 8) {
    out[k] =
      (-spins[i] >>> 31) |
      ((-spins[i + 1] >>> 31) << 1) |
      ((-spins[i + 2] >>> 31) << 2) |
      ((-spins[i + 3] >>> 31) << 3) |
      ((-spins[i + 4] >>> 31) << 4) |
      ((-spins[i + 5] >>> 31) << 5) |
      ((-spins[i + 6] >>> 31) << 6) |
      ((-spins[i + 7] >>> 31) << 7);
  }
  for (let i = whole << 3; i < n; i++) out[i >> 3] |= (-spins[i] >>> 31) << (i & 7);
  return out;
}

/**
 * Unpacks `count` spins from bits (the layout of {@link packSpins}) into an Int8Array of +1 / -1:
 * a new one, or `out` (an Int8Array of exactly `count` sites, e.g. reused from frame to frame).
 * Throws InvalidOptionError when `bits` is not a Uint8Array of at least ceil(count / 8) bytes.
 */
export function unpackSpins(bits: Uint8Array, count: number, out?: Int8Array): Int8Array {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    throw new InvalidOptionError('count', count, 'a number of sites: an integer >= 0');
  if (!(bits instanceof Uint8Array) || bits.length < spinBitsLength(count)) {
    const got = bits instanceof Uint8Array ? `Uint8Array of length ${bits.length}` : bits;
    throw new InvalidOptionError('bits', got, `a Uint8Array of at least ${spinBitsLength(count)} bytes (${count} sites at one bit each)`);
  }
  if (out !== undefined && (!(out instanceof Int8Array) || out.length !== count || out.byteOffset % 4 !== 0)) {
    throw new InvalidOptionError(
      'out',
      out instanceof Int8Array ? `Int8Array of length ${out.length} at byte offset ${out.byteOffset}` : out,
      `an Int8Array of ${count} spins at a byte offset that is a multiple of 4`,
    );
  }
  const spins = out ?? new Int8Array(count);
  // whole bytes through a table of the 8 spins of every byte value, written as two 32-bit words
  // (the table is built through Int8 views, so the words are right for either byte order)
  const words = new Uint32Array(spins.buffer, spins.byteOffset, (count >> 3) * 2);
  const table = byteTable();
  for (let k = 0; k < words.length; k += 2) {
    const b = bits[k >> 1] << 1;
    words[k] = table[b];
    words[k + 1] = table[b + 1];
  }
  for (let i = (count >> 3) << 3; i < count; i++) spins[i] = (((bits[i >> 3] >> (i & 7)) & 1) << 1) - 1;
  return spins;
}

let table: Uint32Array | undefined;

/** Two 32-bit words per byte value b: the spins (+1 / -1 as Int8) of its bits 0..7. */
function byteTable(): Uint32Array {
  if (table) return table;
  const spins = new Int8Array(256 * 8);
  for (let b = 0; b < 256; b++) for (let j = 0; j < 8; j++) spins[8 * b + j] = (((b >> j) & 1) << 1) - 1;
  return (table = new Uint32Array(spins.buffer));
}
