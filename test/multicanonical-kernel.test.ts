// The multicanonical kernel (assembly/multicanonical.ts) and its JavaScript twin: the same seed, window
// and weights give the same lattice, weights, visits, records and generator state bit for bit, on the
// SIMD and the scalar core, with Wang-Landau learning and with frozen weights; the kernels' exp agree
// bit for bit and with Math.exp to 1e-15; the running bond count stays the lattice's.
import { describe, expect, it } from 'vitest';
import { expNonPositive } from '../src/multicanonical/exp.js';
import { multicanonicalKernel } from '../src/multicanonical/kernel.js';
import { WasmMulticanonicalKernel } from '../src/multicanonical/kernel-wasm.js';
import { allPotts, firstDifference, naiveRecord, wasmPotts } from './helpers/potts.js';

describe('multicanonical exp', () => {
  it('WebAssembly and JavaScript compute the same bits, within 1e-15 of Math.exp', async () => {
    const kernel = multicanonicalKernel(await wasmPotts(4, 3)) as WasmMulticanonicalKernel;
    let worst = 0;
    const xs: number[] = [0, -0, -1e-300, -1e-17, -5e-324, -40, -40.000001, -1e6, -Infinity];
    for (let i = 0; i < 20000; i++) xs.push(-40 * ((i * 0.6180339887498949) % 1), -((i * 1e-4) % 0.02));
    for (const x of xs) {
      const js = expNonPositive(x);
      expect(Object.is(kernel.exp(x), js), `x = ${x}`).toBe(true);
      if (x >= -40) worst = Math.max(worst, Math.abs(js / Math.exp(x) - 1));
      else expect(js).toBe(0);
    }
    expect(worst).toBeLessThan(1e-15);
    expect(expNonPositive(0)).toBe(1);
  });
});

const CASES: [number, number, number, number, number, number][] = [
  // L, q, seed, lo, hi (fractions of 2N), Wang-Landau sweeps
  [4, 256, 1, 0.1, 0.9, 300], // records in several batches (255 per call at q = 256)
  [6, 10, 2, 0.3, 0.85, 200],
  [16, 3, 3, 0.5, 0.95, 100],
  [34, 5, 4, 0.45, 0.9, 50],
  [8, 2, 5, 0.2, 1, 100], // q = 2: odd levels never occur; hi = 2N
];

describe('multicanonical kernels: WASM (SIMD, scalar) vs JS bit-identical', () => {
  for (const [L, q, seed, loFraction, hiFraction, learn] of CASES) {
    it(`L = ${L}, q = ${q}, seed ${seed}`, async () => {
      const N = L * L;
      const lo = Math.round(2 * N * loFraction);
      const hi = Math.round(2 * N * hiFraction);
      const window = { lo, hi, betaLo: 1.1, betaHi: 1.6 };
      const start = Float64Array.from({ length: hi - lo + 1 }, (_, i) => 1.3 * i + 0.001 * i * i);
      const out = [];
      for (const potts of await allPotts(L, q, seed, 1, 0)) {
        const kernel = multicanonicalKernel(potts);
        kernel.setWeights(window, start);
        const learning = new Int32Array((q + 1) * learn);
        const acceptedLearning = kernel.sweep(learn, 0.05, learning);
        const visits = kernel.visits();
        const visited = kernel.visited();
        const frozen = new Int32Array((q + 1) * 300);
        const acceptedFrozen = kernel.sweep(300, 0, frozen);
        const naive = naiveRecord(potts.readSpins(), L, q);
        expect(potts.bondCount).toBe(naive[0]);
        expect(Array.from(frozen.subarray(299 * (q + 1)))).toEqual(Array.from(naive));
        out.push({ spins: potts.readSpins(), weights: kernel.weights(), visits, visited, learning, frozen, acceptedLearning, acceptedFrozen, rng: Array.from(potts.getRngState()) });
      }
      const [simd, scalar, js] = out;
      for (const other of [scalar, js]) {
        expect(firstDifference(other.spins, simd.spins)).toBe(-1);
        expect(firstDifference(other.learning, simd.learning)).toBe(-1);
        expect(firstDifference(other.frozen, simd.frozen)).toBe(-1);
        expect(Array.from(other.weights)).toEqual(Array.from(simd.weights));
        expect(Array.from(other.visits)).toEqual(Array.from(simd.visits));
        expect([other.visited, other.acceptedLearning, other.acceptedFrozen, other.rng]).toEqual([simd.visited, simd.acceptedLearning, simd.acceptedFrozen, simd.rng]);
      }
      // the learning changed the weights of the visited levels, and only those, by a multiple of ln f
      const changed = Array.from(simd.weights, (w, i) => w !== start[i]);
      expect(changed).toEqual(Array.from(simd.visits, (v) => v > 0));
      expect(simd.visited).toBe(simd.visits.filter((v) => v > 0).length);
      expect(simd.acceptedFrozen).toBeGreaterThan(0);
    });
  }
});
