// Spins one bit per site (src/spin-bits.ts): the documented layout, round trips for every length
// mod 8, the layout checkpoints use, and bad input named.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError, packSpins, spinBitsLength, unpackSpins, Xoshiro128, seedState } from '../src/index.js';

function randomSpins(n: number, seed: number): Int8Array {
  const rng = new Xoshiro128(seedState(seed));
  return Int8Array.from({ length: n }, () => (rng.next() >>> 31 ? 1 : -1));
}

describe('spin bits', () => {
  it('puts site i at bit i & 7 of byte i >> 3, 1 for up', () => {
    const spins = new Int8Array(11).fill(-1);
    spins[0] = 1;
    spins[3] = 1;
    spins[9] = 1;
    expect(Array.from(packSpins(spins))).toEqual([0b00001001, 0b00000010]);
    expect(spinBitsLength(11)).toBe(2);
    expect(spinBitsLength(16)).toBe(2);
    expect(spinBitsLength(0)).toBe(0);
  });

  it('round-trips lattices of every length mod 8', () => {
    for (let n = 0; n <= 70; n++) {
      const spins = randomSpins(n, n + 1);
      const bits = packSpins(spins);
      expect(bits.length).toBe(Math.ceil(n / 8));
      expect(unpackSpins(bits, n)).toEqual(spins);
    }
    const large = randomSpins(256 * 256, 9);
    expect(unpackSpins(packSpins(large), large.length)).toEqual(large);
    // into a reused array, also one that is a view at an offset
    const out = new Int8Array(large.length);
    expect(unpackSpins(packSpins(large), large.length, out)).toBe(out);
    expect(out).toEqual(large);
    const backing = new Int8Array(8 + 21);
    const view = backing.subarray(8);
    const small = randomSpins(21, 4);
    unpackSpins(packSpins(small), 21, view);
    expect(view).toEqual(small);
    expect(Array.from(backing.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('packs a simulation lattice as the checkpoint stores it', async () => {
    const sim = await createSimulation({ size: 16, seed: 5, backend: 'js' });
    sim.sweep(3);
    const spins = sim.spins();
    const bits = packSpins(spins);
    let up = 0;
    for (const byte of bits) for (let b = 0; b < 8; b++) up += (byte >> b) & 1;
    expect(2 * up - spins.length).toBe(Math.round(sim.magnetization() * sim.sites));
    sim.dispose();
  });

  it('rejects bad input with the field named', () => {
    expect(() => packSpins([1, -1] as unknown as Int8Array)).toThrow(InvalidOptionError);
    expect(() => unpackSpins(new Uint8Array(1), 9)).toThrow('Invalid option "bits": expected a Uint8Array of at least 2 bytes (9 sites at one bit each), got "Uint8Array of length 1"');
    expect(() => unpackSpins(new Uint8Array(1), -1)).toThrow('Invalid option "count"');
    expect(() => unpackSpins(new Uint8Array(1), 2.5)).toThrow('Invalid option "count"');
    expect(() => unpackSpins(new Uint8Array(2), 9, new Int8Array(8))).toThrow('Invalid option "out": expected an Int8Array of 9 spins at a byte offset that is a multiple of 4, got "Int8Array of length 8 at byte offset 0"');
    expect(() => unpackSpins(new Uint8Array(2), 9, new Int8Array(12).subarray(1, 10))).toThrow('Invalid option "out"');
  });
});
