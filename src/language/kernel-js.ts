/** The JavaScript twin of assembly/language.ts: same loops, same integers, same draws. */
import { Xoshiro128 } from '../rng.js';
import { blockCount, pickThreshold, type ChainTable, type LanguageKernel, type TreeTables } from './kernel.js';

export class JsLanguageKernel implements LanguageKernel {
  readonly backend = 'js' as const;
  private text: Uint8Array | Uint16Array = new Uint8Array(0);

  setText(symbols: Uint8Array | Uint16Array): void {
    this.text = symbols;
  }

  equalCounts(blockLen: number, maxR: number): Int32Array {
    const s = this.text;
    const n = s.length;
    const out = new Int32Array(blockCount(n, blockLen) * (maxR + 1));
    for (let start = 0, blk = 0; start < n; start += blockLen, blk++) {
      const len = Math.min(blockLen, n - start);
      const row = blk * (maxR + 1);
      for (let r = 1; r <= maxR && r < len; r++) {
        let count = 0;
        for (let i = start, end = start + len - r; i < end; i++) if (s[i] === s[i + r]) count++;
        out[row + r] += count;
      }
    }
    return out;
  }

  pairCounts(blockLen: number, r: number, K: number): Int32Array {
    const s = this.text;
    const n = s.length;
    const out = new Int32Array(blockCount(n, blockLen) * K * K);
    for (let start = 0, blk = 0; start < n; start += blockLen, blk++) {
      const len = Math.min(blockLen, n - start);
      const t = blk * K * K;
      for (let i = start, end = start + len - r; i < end; i++) out[t + s[i] * K + s[i + r]]++;
    }
    return out;
  }

  ngramCounts(blockLen: number, k: number, K: number): Int32Array {
    const s = this.text;
    const n = s.length;
    const size = K ** k;
    const out = new Int32Array(blockCount(n, blockLen) * size);
    for (let start = 0, blk = 0; start < n; start += blockLen, blk++) {
      const len = Math.min(blockLen, n - start);
      const t = blk * size;
      let code = 0;
      for (let j = 0; j < len; j++) {
        code = (code * K + s[start + j]) % size;
        if (j >= k - 1) out[t + code]++;
      }
    }
    return out;
  }

  sampleChain(table: ChainTable, state: number, length: number, width: 1 | 2, rng: Uint32Array): { symbols: Uint8Array | Uint16Array; state: number } {
    const g = new Xoshiro128(rng);
    const out = width === 1 ? new Uint8Array(length) : new Uint16Array(length);
    const { rows, thresholds, symbols, next } = table;
    let s = state;
    for (let i = 0; i < length; i++) {
      const e = pickThreshold(thresholds, rows[s], rows[s + 1], g.next());
      out[i] = symbols[e];
      s = next[e];
    }
    rng.set(g.state);
    return { symbols: out, state: s };
  }

  sampleTrees(
    tables: TreeTables,
    depth: number,
    sentences: number,
    root: number,
    width: 1 | 2,
    rng: Uint32Array,
    keepHidden: boolean,
  ): { symbols: Uint8Array | Uint16Array; hidden?: Uint16Array } {
    const g = new Xoshiro128(rng);
    const { hidden: N, observable: M, branch, emit } = tables;
    const leaves = 1 << depth;
    const rules = N * N;
    const out = width === 1 ? new Uint8Array(leaves * sentences) : new Uint16Array(leaves * sentences);
    const deep = keepHidden ? new Uint16Array(leaves * sentences) : undefined;
    let cur = new Int32Array(leaves);
    let nxt = new Int32Array(leaves);
    let o = 0;
    for (let sentence = 0; sentence < sentences; sentence++) {
      cur[0] = root >= 0 ? root : Math.floor((g.next() * N) / 4294967296); // exact: the product is below 2^48
      for (let d = 0, w = 1; d < depth; d++, w <<= 1) {
        for (let j = 0; j < w; j++) {
          const a = cur[j];
          const e = pickThreshold(branch, a * rules, a * rules + rules, g.next()) - a * rules;
          const b = Math.floor(e / N);
          nxt[2 * j] = b;
          nxt[2 * j + 1] = e - b * N;
        }
        [cur, nxt] = [nxt, cur];
      }
      for (let j = 0; j < leaves; j++) {
        const a = cur[j];
        out[o] = pickThreshold(emit, a * M, a * M + M, g.next()) - a * M;
        if (deep) deep[o] = a;
        o++;
      }
    }
    rng.set(g.state);
    return deep ? { symbols: out, hidden: deep } : { symbols: out };
  }
}
