// The cubic packed kernel follows its documented random-stream contract (assembly/packed3d.ts
// header): a naive reference written from that text alone (site by site, bit by bit, no packing)
// gives the same lattice and generator state as the JavaScript engine (and so, by
// cubic-packed-parity.test.ts, as both WebAssembly cores), for zero and non-zero field, odd and even
// B = L/16, and rows whose undecided lanes need several layers.
import { describe, expect, it } from 'vitest';
import { JsPacked3dEngine, PACKED3D_PLANES } from '../src/models/ising/packed3d-js.js';
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

/** One sweep by the contract on a byte lattice (site order, +1/-1); `main` is the simulation's generator. */
function referenceSweep(spins: Int8Array, L: number, table: Float64Array, main: Xoshiro128): { flips: number; layeredRows: number } {
  const B = L / 16;
  // seeding: 32 L outputs, colour 0 planes 0 .. L - 1, then colour 1, 16 words a plane
  const lanes: Xoshiro128[][] = [];
  for (let q = 0; q < 2 * L; q++) {
    const words = Array.from({ length: 16 }, () => fmix32(main.next()));
    lanes.push(
      [0, 1, 2, 3].map((g) => {
        const state = Uint32Array.from([words[g], words[4 + g], words[8 + g], words[12 + g]]);
        if (state.every((x) => x === 0)) state[0] = 1;
        return new Xoshiro128(state);
      }),
    );
  }
  const at = (x: number, y: number, z: number) => (((z + L) % L) * L + ((y + L) % L)) * L + ((x + L) % L);
  const thresholdOf = (i: number) => {
    const x = i % L,
      y = Math.floor(i / L) % L,
      z = Math.floor(i / (L * L)),
      s = spins[i];
    const n = spins[at(x + 1, y, z)] + spins[at(x - 1, y, z)] + spins[at(x, y + 1, z)] + spins[at(x, y - 1, z)] + spins[at(x, y, z + 1)] + spins[at(x, y, z - 1)];
    const a = (6 - s * n) / 2; // antiparallel neighbours
    return table[s > 0 ? 13 - a : a];
  };
  let flips = 0,
    layeredRows = 0;
  for (let c = 0; c < 2; c++) {
    for (let z = 0; z < L; z++) {
      const cp = (c + z) & 1;
      const gens = lanes[c * L + z];
      const plane = () => gens.map((g) => g.next());
      const bitOf = (u: number[], l: number) => (u[l >> 5] >>> (l & 31)) & 1;
      for (let r = 0; r < B; r++) {
        // the sites of vector (z, c', r, w), lane l = 8 by + bx
        const site = (w: number, l: number) => {
          const by = l >> 3,
            bx = l & 7;
          const y = by * B + r,
            j = bx * B + w;
          return at(2 * j + ((y + cp) & 1), y, z);
        };
        const queue: { w: number; lanes: number[] }[] = [];
        const accepted: number[] = [];
        for (let w = 0; w < B; w++) {
          const t = Array.from({ length: 128 }, (_, l) => thresholdOf(site(w, l)));
          let open = t.flatMap((v, l) => (v > 0 && v < TWO_POW_32 ? [l] : []));
          t.forEach((v, l) => {
            if (v >= TWO_POW_32) accepted.push(site(w, l));
          });
          if (open.length === 0) continue;
          for (let k = 0; k < PACKED3D_PLANES; k++) {
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
        // end of the row: layers, first fit in queue order, planes PACKED3D_PLANES .. 31
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
          for (let k = PACKED3D_PLANES; k < 32 && layer.length > 0; k++) {
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
  }
  return { flips, layeredRows };
}

const CASES: [number, number, number][] = [
  // size, temperature, field
  [16, 4.5115, 0],
  [32, 4.0, 0.3],
  [48, 5.0, -0.8],
  [64, 4.5115, 0],
];

describe('cubic packed kernel: the documented random stream', () => {
  it.each(CASES)('L=%d T=%d h=%d', (size, temperature, field) => {
    const table = metropolisThresholds(1 / temperature, field, 6);
    const init = new Xoshiro128(seedState(size * 7 + 1));
    const spins = Int8Array.from({ length: size ** 3 }, () => (init.next() >>> 31 ? 1 : -1));
    const engine = new JsPacked3dEngine(size);
    engine.prepare(table);
    engine.pack(spins, 0, 0);
    const engineState = Uint32Array.from(init.state);
    const reference = new Xoshiro128(init.state);
    let layeredRows = 0;
    for (let sweep = 0; sweep < 2; sweep++) {
      const flips = engine.sweep(1, engineState);
      const ref = referenceSweep(spins, size, table, reference);
      expect(ref.flips).toBe(flips);
      const out = new Int8Array(size ** 3);
      engine.unpack(out);
      expect(out).toEqual(spins);
      expect(engineState).toEqual(reference.state);
      layeredRows += ref.layeredRows;
    }
    // with 4 vectors a row, queued lanes collide: rows with several layers occur
    if (size >= 64) expect(layeredRows).toBeGreaterThan(0);
  });
});
