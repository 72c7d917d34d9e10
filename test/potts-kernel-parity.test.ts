// Potts kernels, WebAssembly (SIMD and scalar cores) vs JavaScript: the same seed, couplings and
// start give the same lattice, the same per-sweep records, the same number of changed sites and
// the same generator state, bit for bit; and the running record always equals the record counted
// from the lattice. On the SIMD core L >= 32 runs the SIMD rows (a short last chunk, L mod 32 != 0,
// lane by lane), smaller L and the scalar core lane by lane. The JavaScript kernel runs q <= 3 with
// L divisible by 4 two lanes a 32-bit word (one word a row for L = 4, a short last chunk for
// L mod 32 != 0), other q and L site by site.
import { describe, expect, it } from 'vitest';
import { pottsRecordWidth, type PottsAlgorithm } from '../src/models/potts/kernel.js';
import { seedState } from '../src/rng.js';
import { JsPottsKernel } from '../src/models/potts/kernel-js.js';
import { allPotts, firstDifference, naiveRecord, wasmPotts } from './helpers/potts.js';

const TC3 = 1 / Math.log(1 + Math.sqrt(3));

const CASES: [PottsAlgorithm, number, number, number, number, number, 'hot' | 'cold'][] = [
  // algorithm, L, q, beta, field, seed, start
  ['metropolis', 2, 3, 0.8, 0, 1, 'hot'],
  ['metropolis', 6, 3, 1 / TC3, 0, 2, 'hot'],
  ['metropolis', 32, 3, 1 / TC3, 0, 3, 'hot'],
  ['metropolis', 64, 3, 1.1, 0.2, 4, 'hot'],
  ['metropolis', 34, 2, 0.9, 0, 5, 'hot'],
  ['metropolis', 100, 3, 1 / TC3, 0.1, 21, 'hot'],
  ['metropolis', 48, 6, 1.3, 0, 22, 'hot'],
  ['metropolis', 64, 2, 0.8, -0.3, 6, 'cold'],
  ['metropolis', 32, 4, 1.0, 0, 7, 'hot'],
  ['metropolis', 64, 4, 1.2, 0.4, 8, 'hot'],
  ['metropolis', 64, 5, 1.1, 0, 9, 'hot'],
  ['metropolis', 64, 10, 1.4, 0.5, 10, 'hot'],
  ['metropolis', 32, 256, 1.0, 0, 11, 'hot'],
  ['metropolis', 96, 7, 2.0, 0, 12, 'cold'],
  ['metropolis', 32, 3, 40, 0, 13, 'hot'], // thresholds 0: lanes decided only after 4 bytes
  ['metropolis', 32, 10, 0.004, 0.1, 14, 'hot'], // thresholds near 2^32
  ['metropolis', 4, 3, 1 / TC3, 0, 23, 'hot'], // JS word rows: one word a row
  ['metropolis', 36, 2, 0.9, 0.2, 24, 'hot'], // JS word rows: 9 words, a short last chunk
  ['metropolis', 8, 3, 1.2, -0.3, 25, 'cold'],
  ['heat-bath', 2, 3, 0.8, 0.3, 15, 'hot'],
  ['heat-bath', 6, 10, 1.2, 0.3, 16, 'hot'],
  ['heat-bath', 32, 3, 1 / TC3, 0, 17, 'hot'],
  ['heat-bath', 34, 256, 3.0, 0, 18, 'hot'],
  ['heat-bath', 16, 2, 1.0, 0.4, 19, 'cold'],
  ['heat-bath', 16, 4, 60, -0.2, 20, 'hot'],
];

describe('Potts kernels: WASM (SIMD, scalar) vs JS bit-identical', () => {
  it.each(CASES)('%s L=%d q=%d beta=%d h=%d seed=%d %s', async (algorithm, size, q, beta, field, seed, start) => {
    const kernels = await allPotts(size, q, seed, beta, field, start);
    const [reference, ...others] = kernels;
    for (const k of others) expect(k.readSpins()).toEqual(reference.readSpins());
    const width = pottsRecordWidth(q);
    for (const n of [1, 7, 40]) {
      const outs = kernels.map(() => new Int32Array(width * n));
      const changed = kernels.map((k, i) => k.sweep(algorithm, n, outs[i]));
      const lattice = reference.readSpins();
      for (let i = 1; i < kernels.length; i++) {
        expect(changed[i]).toBe(changed[0]);
        expect(outs[i]).toEqual(outs[0]);
        expect(kernels[i].readSpins()).toEqual(lattice);
        expect(kernels[i].getRngState()).toEqual(reference.getRngState());
      }
      const record = new Int32Array(width);
      for (const k of kernels) {
        k.record(record);
        expect(record).toEqual(naiveRecord(lattice, size, q));
        expect(k.bondCount).toBe(record[0]);
      }
      expect(outs[0].subarray(width * (n - 1))).toEqual(record);
      // sweeps without records change the same sites
      expect(new Set(kernels.map((k) => k.sweep(algorithm, 2))).size).toBe(1);
    }
    for (const k of kernels) k.dispose();
  });

  it('recorded runs longer than one core call (q = 256: 255 records a call) stay identical', async () => {
    const q = 256;
    const kernels = await allPotts(4, q, 99, 0.7, 0.1);
    const n = 600;
    const outs = kernels.map(() => new Int32Array(pottsRecordWidth(q) * n));
    for (const algorithm of ['metropolis', 'heat-bath'] as const) {
      kernels.forEach((k, i) => k.sweep(algorithm, n, outs[i]));
      expect(firstDifference(outs[1], outs[0])).toBe(-1);
      expect(firstDifference(outs[2], outs[0])).toBe(-1);
    }
    expect(kernels[2].readSpins()).toEqual(kernels[0].readSpins());
  });

  it('a new kernel runs at beta = 0, h = 0 (every Metropolis move accepted) on every backend', async () => {
    const kernels = await allPotts(32, 4, 3, 0, 0);
    const fresh = [await wasmPotts(32, 4), await wasmPotts(32, 4, 'scalar'), new JsPottsKernel(32, 4)];
    for (const k of fresh) {
      k.setRngState(seedState(3));
      k.fill('hot');
    }
    const changed = [...kernels, ...fresh].map((k) => k.sweep('metropolis', 3));
    expect(changed).toEqual(changed.map(() => 3 * 32 * 32));
    for (const k of fresh) expect(k.readSpins()).toEqual(kernels[0].readSpins());
  });

  it('a lattice written by the caller continues identically on every kernel', async () => {
    const kernels = await allPotts(32, 5, 7, 1.2, 0.3);
    const lattice = Uint8Array.from({ length: 32 * 32 }, (_, i) => (i * 7 + (i >> 5)) % 5);
    for (const k of kernels) {
      k.writeSpins(lattice);
      k.sweep('metropolis', 5);
      k.sweep('heat-bath', 5);
    }
    expect(kernels[1].readSpins()).toEqual(kernels[0].readSpins());
    expect(kernels[2].readSpins()).toEqual(kernels[0].readSpins());
    expect(kernels[2].getRngState()).toEqual(kernels[0].getRngState());
  });
});
