// The packed kernel follows its documented random-stream contract (assembly/packed.ts header):
// a naive reference written from that text alone (site by site, bit by bit, no packing) gives the
// same lattice and generator state as the JavaScript engine (and so, by packed-parity.test.ts, as
// both WebAssembly cores), for zero and non-zero field, odd and even B = L/16, and rows whose
// undecided lanes need several layers.
import { describe, expect, it } from 'vitest';
import { JsPackedEngine, PACKED_PLANES } from '../src/models/ising/packed-js.js';
import { metropolisThresholds, TWO_POW_32 } from '../src/thresholds.js';
import { seedState, Xoshiro128 } from '../src/rng.js';

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Bit `bit` (0 = least significant) of a threshold t in [0, 2^32]. */
const thresholdBit = (t: number, bit: number) => Math.floor(t / 2 ** bit) % 2;

/**
 * One sweep by the contract, on a byte lattice (row-major, +1/-1); `main` is the simulation's
 * generator. Returns the flips and the number of rows whose queued lanes needed several layers.
 */
function referenceSweep(spins: Int8Array, L: number, table: Float64Array, main: Xoshiro128): { flips: number; layeredRows: number } {
  const B = L / 16;
  // seeding: 32 B outputs, colour 0 rows then colour 1 rows, 16 words a row
  const lanes: Xoshiro128[][] = [];
  for (let q = 0; q < 2 * B; q++) {
    const words = Array.from({ length: 16 }, () => fmix32(main.next()));
    lanes.push([0, 1, 2, 3].map((g) => {
      const state = Uint32Array.from([words[g], words[4 + g], words[8 + g], words[12 + g]]);
      if (state.every((x) => x === 0)) state[0] = 1;
      return new Xoshiro128(state);
    }));
  }
  let flips = 0, layeredRows = 0;
  for (let c = 0; c < 2; c++) {
    for (let r = 0; r < B; r++) {
      const gens = lanes[c * B + r];
      const plane = () => gens.map((g) => g.next());
      const bitOf = (u: number[], l: number) => (u[l >> 5] >>> (l & 31)) & 1;
      // the sites of vector (c, r, w), lane l = 8 by + bx
      const site = (w: number, l: number) => {
        const by = l >> 3, bx = l & 7;
        const y = by * B + r, j = bx * B + w;
        return y * L + 2 * j + ((y + c) & 1);
      };
      const thresholdOf = (i: number) => {
        const x = i % L, y = (i - x) / L, s = spins[i];
        const n = spins[y * L + ((x + 1) % L)] + spins[y * L + ((x + L - 1) % L)] + spins[((y + 1) % L) * L + x] + spins[((y + L - 1) % L) * L + x];
        const a = s > 0 ? (4 - n) / 2 : (4 + n) / 2;
        return table[s > 0 ? 9 - a : a];
      };
      const queue: { w: number; lanes: number[] }[] = [];
      const accepted: number[] = [];
      for (let w = 0; w < B; w++) {
        const t = Array.from({ length: 128 }, (_, l) => thresholdOf(site(w, l)));
        let open = t.flatMap((v, l) => (v > 0 && v < TWO_POW_32 ? [l] : []));
        t.forEach((v, l) => { if (v >= TWO_POW_32) accepted.push(site(w, l)); });
        if (open.length === 0) continue;
        for (let k = 0; k < PACKED_PLANES; k++) {
          const u = plane();
          open = open.filter((l) => {
            const tb = thresholdBit(t[l], 31 - k);
            if (bitOf(u, l) === tb) return true;
            if (tb === 1) accepted.push(site(w, l));
            return false;
          });
        }
        if (open.length > 0) queue.push({ w, lanes: open });
      }
      // end of the row: layers, first fit in queue order, planes PACKED_PLANES .. 31
      let layers = 0;
      while (queue.some((e) => e.lanes.length > 0)) {
        layers++;
        const taken = new Set<number>();
        let layer: { w: number; l: number; t: number }[] = [];
        for (const e of queue) {
          e.lanes = e.lanes.filter((l) => {
            if (taken.has(l)) return true;
            taken.add(l);
            layer.push({ w: e.w, l, t: thresholdOf(site(e.w, l)) });
            return false;
          });
        }
        for (let k = PACKED_PLANES; k < 32 && layer.length > 0; k++) {
          const u = plane();
          layer = layer.filter(({ w, l, t }) => {
            const tb = thresholdBit(t, 31 - k);
            if (bitOf(u, l) === tb) return true;
            if (tb === 1) accepted.push(site(w, l));
            return false;
          });
        }
      }
      for (const i of accepted) spins[i] = -spins[i];
      flips += accepted.length;
      if (layers > 1) layeredRows++;
    }
  }
  return { flips, layeredRows };
}

const CASES: [number, number, number][] = [
  // size, temperature, field
  [32, 2.269, 0],
  [48, 2.0, 0],
  [48, 2.6, 0.4],
  [64, 1.7, -1.1],
  [128, 2.269, 0],
];

describe('packed kernel: the documented random stream', () => {
  it.each(CASES)('L=%d T=%d h=%d', (size, temperature, field) => {
    const table = metropolisThresholds(1 / temperature, field);
    const init = new Xoshiro128(seedState(size * 7 + 1));
    const spins = Int8Array.from({ length: size * size }, () => (init.next() >>> 31 ? 1 : -1));
    const engine = new JsPackedEngine(size);
    engine.prepare(table);
    engine.pack(spins, 0, 0);
    const engineState = Uint32Array.from(init.state);
    const reference = new Xoshiro128(init.state);
    let layeredRows = 0;
    for (let sweep = 0; sweep < 6; sweep++) {
      const flips = engine.sweep(1, engineState);
      const ref = referenceSweep(spins, size, table, reference);
      expect(ref.flips).toBe(flips);
      const out = new Int8Array(size * size);
      engine.unpack(out);
      expect(out).toEqual(spins);
      expect(engineState).toEqual(reference.state);
      layeredRows += ref.layeredRows;
    }
    // with 4 or more vectors a row, queued lanes collide: rows with several layers occur
    if (size >= 64) expect(layeredRows).toBeGreaterThan(0);
  });
});
