// The two language kernels bit for bit: counts (equal pairs, joint pairs, k-grams) on u8 and u16
// texts with ragged blocks, and the samplers (chain walk, CNF trees) from the same generator state.
import { describe, expect, it } from 'vitest';
import { JsLanguageKernel } from '../src/language/kernel-js.js';
import { WasmLanguageKernel } from '../src/language/kernel-wasm.js';
import { thresholdsOf, type ChainTable, type TreeTables } from '../src/language/kernel.js';
import { seedState, Xoshiro128 } from '../src/rng.js';
import { loadInlinedCore } from '../src/backend/inline.js';

/** Element-wise equality (vitest's deep equality is slow on long typed arrays). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function randomText(n: number, K: number, seed: number): Uint8Array | Uint16Array {
  const g = new Xoshiro128(seedState(seed));
  const out = K <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  // correlated: repeat the previous symbol half of the time, so equal pairs are plentiful
  for (let i = 0; i < n; i++) out[i] = i > 0 && g.next() < 0x80000000 ? out[i - 1] : g.next() % K;
  return out;
}

describe('language kernels: WebAssembly and JavaScript agree bit for bit', () => {
  for (const [K, n, blockLen] of [[7, 20011, 4099], [300, 9001, 3000], [2, 70001, 70001]] as const) {
    it(`counts, K = ${K}, n = ${n}, blocks of ${blockLen}, SIMD and scalar cores`, async () => {
      const text = randomText(n, K, K);
      for (const variant of ['simd', 'scalar'] as const) {
        const wasm = await WasmLanguageKernel.create(await loadInlinedCore(variant));
        const js = new JsLanguageKernel();
        wasm.setText(text);
        js.setText(text);
        const maxR = Math.min(600, blockLen - 1);
        const eq = wasm.equalCounts(blockLen, maxR);
        expect(same(eq, js.equalCounts(blockLen, maxR))).toBe(true);
        expect(eq[1]).toBeGreaterThan(0);
        for (const r of [0, 1, 17, maxR]) expect(same(wasm.pairCounts(blockLen, r, K), js.pairCounts(blockLen, r, K))).toBe(true);
        for (const k of K <= 7 ? [1, 2, 3] : [1]) expect(same(wasm.ngramCounts(blockLen, k, K), js.ngramCounts(blockLen, k, K))).toBe(true);
      }
    });
  }

  it('samples the same chain walk and the same trees', async () => {
    // a 3-state chain emitting symbols 0..4
    const rows = Int32Array.from([0, 2, 5, 7]);
    const thresholds = new Uint32Array(7);
    thresholdsOf([0.3, 0.7], thresholds, 0);
    thresholdsOf([0.2, 0.2, 0.6], thresholds, 2);
    thresholdsOf([1, 3], thresholds, 5);
    const table: ChainTable = { rows, thresholds, symbols: Int32Array.from([0, 1, 2, 3, 4, 0, 1]), next: Int32Array.from([1, 2, 0, 1, 2, 2, 0]) };
    const wasm = await WasmLanguageKernel.create();
    const js = new JsLanguageKernel();
    for (const width of [1, 2] as const) {
      const a = seedState(9);
      const b = seedState(9);
      const x = wasm.sampleChain(table, 0, 5000, width, a);
      const y = js.sampleChain(table, 0, 5000, width, b);
      expect(x.symbols).toEqual(y.symbols);
      expect(x.state).toBe(y.state);
      expect(a).toEqual(b);
    }
    const N = 4;
    const M = 3;
    const g = new Xoshiro128(seedState(2));
    const branch = new Uint32Array(N * N * N);
    const emit = new Uint32Array(N * M);
    for (let a = 0; a < N; a++) {
      thresholdsOf(Array.from({ length: N * N }, () => g.next()), branch, a * N * N);
      thresholdsOf(Array.from({ length: M }, () => g.next()), emit, a * M);
    }
    const tables: TreeTables = { hidden: N, observable: M, branch, emit };
    for (const root of [-1, 2]) {
      const a = seedState(5);
      const b = seedState(5);
      const x = wasm.sampleTrees(tables, 6, 20, root, 1, a, true);
      const y = js.sampleTrees(tables, 6, 20, root, 1, b, true);
      expect(x.symbols).toEqual(y.symbols);
      expect(x.hidden).toEqual(y.hidden);
      expect(a).toEqual(b);
    }
  });
});
