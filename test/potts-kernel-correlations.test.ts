// Potts correlation samples (layout: pottsCorrelationValues in src/models/potts/kernel.ts) are the
// exact integers of their definitions, computed naively here from the lattice, and identical on
// the SIMD and scalar WebAssembly cores and in JavaScript:
//   C(r) = sum_i [delta(s_i, s_{i + r x}) + delta(s_i, s_{i + r y})], r = 0 .. L/2,
//   n_k(y) per row, n_k(x) per column; C(0) = 2N and the row and column counts add up to n_k.
import { describe, expect, it } from 'vitest';
import { pottsCorrelationValues } from '../src/models/potts/kernel.js';
import { allPotts, firstDifference } from './helpers/potts.js';

function naiveCorrelations(s: Uint8Array, L: number, q: number): Int32Array {
  const out = new Int32Array(pottsCorrelationValues(L, q));
  const half = L >> 1;
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const v = s[y * L + x];
      for (let r = 0; r <= half; r++) out[r] += +(v === s[y * L + ((x + r) % L)]) + +(v === s[((y + r) % L) * L + x]);
      out[half + 1 + y * q + v]++;
      out[half + 1 + L * q + x * q + v]++;
    }
  }
  return out;
}

describe('Potts correlation samples', () => {
  it.each([
    // L, q, beta
    [2, 3, 0.5],
    [6, 3, 1.0],
    [32, 3, 1.0],
    [34, 2, 0.9],
    [48, 5, 1.2],
    [16, 256, 0.8],
  ])('L=%d q=%d beta=%d: every kernel gives the naive integers', async (L, q, beta) => {
    const kernels = await allPotts(L, q, 12, beta, 0);
    for (const k of kernels) k.sweep('metropolis', 30);
    const lattice = kernels[0].readSpins();
    const expected = naiveCorrelations(lattice, L, q);
    const record = new Int32Array(q + 1);
    kernels[0].record(record);
    for (const k of kernels) {
      const out = new Int32Array(pottsCorrelationValues(L, q));
      k.correlations(out);
      expect(firstDifference(out, expected)).toBe(-1);
      // and again (the region is reused)
      k.correlations(out);
      expect(firstDifference(out, expected)).toBe(-1);
    }
    expect(expected[0]).toBe(2 * L * L);
    const half = L >> 1;
    for (let k = 0; k < q; k++) {
      let rows = 0, cols = 0;
      for (let i = 0; i < L; i++) {
        rows += expected[half + 1 + i * q + k];
        cols += expected[half + 1 + L * q + i * q + k];
      }
      expect(rows).toBe(record[1 + k]);
      expect(cols).toBe(record[1 + k]);
    }
  });

  it('an ordered lattice correlates fully at every distance; C(1) is Nb', async () => {
    const [wasm] = await allPotts(8, 4, 1, 1, 0, 'cold');
    const out = new Int32Array(pottsCorrelationValues(8, 4));
    wasm.correlations(out);
    expect(Array.from(out.subarray(0, 5))).toEqual([128, 128, 128, 128, 128]);
    wasm.sweep('heat-bath', 5);
    wasm.correlations(out);
    expect(out[1]).toBe(wasm.bondCount);
  });
});
