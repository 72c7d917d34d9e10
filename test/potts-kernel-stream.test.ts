// The Potts kernels follow the stream contracts written in the header of assembly/potts.ts: a naive
// reference written from that text alone (site by site, full-width arithmetic, no tables but the
// thresholds the contract names) gives the same lattice, record and generator state as the
// JavaScript twin and the SIMD WebAssembly core (and so, by potts-kernel-parity.test.ts, the scalar
// core), for Metropolis (short rows, partial chunks, queued lanes needing 2, 3 and 4 bytes) and heat
// bath (every group pattern, the "rest" states) with and without field, and for the hot start.
import { describe, expect, it } from 'vitest';
import { fmix32, seedState, Xoshiro128 } from '../src/rng.js';
import { threshold, TWO_POW_32 } from '../src/thresholds.js';
import { pottsMetropolisThresholds, type PottsKernel } from '../src/models/potts/kernel.js';
import { JsPottsKernel } from '../src/models/potts/kernel-js.js';
import { naiveRecord, prepare, wasmPotts } from './helpers/potts.js';

/** The four neighbours of site (x, y) in contract order: left, right, up, down. */
function neighbours(spins: Uint8Array, L: number, x: number, y: number): number[] {
  return [spins[y * L + ((x + L - 1) % L)], spins[y * L + ((x + 1) % L)], spins[((y + L - 1) % L) * L + x], spins[((y + 1) % L) * L + x]];
}

interface Tally {
  queued: number;
  /** Lanes decided after 2, 3, 4 bytes. */
  deeper: number[];
}

/** One Metropolis sweep by the contract; `main` is the simulation's generator. */
function metropolisSweep(spins: Uint8Array, L: number, q: number, table: Float64Array, main: Xoshiro128, tally: Tally): void {
  for (let c = 0; c < 2; c++) {
    for (let y = 0; y < L; y++) {
      // 1. lane generators: 16 outputs through fmix32, word t >> 2 of generator t & 3
      const words = Array.from({ length: 16 }, () => fmix32(main.next()));
      const gens = [0, 1, 2, 3].map((g) => {
        const state = Uint32Array.from([words[g], words[4 + g], words[8 + g], words[12 + g]]);
        if (state.every((w) => w === 0)) state[0] = 1;
        return new Xoshiro128(state);
      });
      const plane = (): number[] => {
        const out = gens.map((g) => g.next());
        return Array.from({ length: 16 }, (_, b) => (out[b >> 2] >>> (8 * (b & 3))) & 255);
      };
      // 2. the row's pairs, one per chunk
      const J = Math.ceil(L / 32);
      const pairs = Array.from({ length: J }, () => ({ u: plane(), a: plane() }));
      const p = (y + c) & 1;
      const decide = (x: number, u: number, a: number, r: number): boolean | undefined => {
        const span = 2 ** (32 - 8 * r);
        const dLow = Math.floor((u * span * (q - 1)) / TWO_POW_32);
        const dHigh = Math.floor((((u + 1) * span - 1) * (q - 1)) / TWO_POW_32);
        if (dLow !== dHigh) return undefined;
        const s = spins[y * L + x];
        const n = neighbours(spins, L, x, y);
        const sn = (s + 1 + dLow) % q;
        const count = (k: number) => n.filter((v) => v === k).length;
        const t = table[count(sn) - count(s) + 4 + 9 * (+(sn === 0) - +(s === 0) + 1)];
        if (t >= TWO_POW_32) return true;
        const tp = Math.floor(t / span);
        if (a !== tp) return a < tp;
        return r === 4 ? false : undefined;
      };
      const apply = (x: number, u: number, accepted: boolean, r: number): void => {
        if (accepted) spins[y * L + x] = (spins[y * L + x] + 1 + Math.floor((u * 2 ** (32 - 8 * r) * (q - 1)) / TWO_POW_32)) % q;
      };
      // 3. chunks in order, lanes decided by their top bytes; the others queued
      const queue: { x: number; k: number; j: number }[] = [];
      for (let j = 0; j < J; j++) {
        for (let k = 0; 32 * j + 2 * k + p < Math.min(L, 32 * (j + 1)); k++) {
          const x = 32 * j + 2 * k + p;
          const decided = decide(x, pairs[j].u[k], pairs[j].a[k], 1);
          if (decided === undefined) queue.push({ x, k, j });
          else apply(x, pairs[j].u[k], decided, 1);
        }
      }
      // 4. queued lanes in turn draw pairs while undecided
      tally.queued += queue.length;
      for (const { x, k, j } of queue) {
        let u = pairs[j].u[k];
        let a = pairs[j].a[k];
        for (let r = 2; ; r++) {
          const next = { u: plane(), a: plane() };
          u = u * 256 + next.u[k];
          a = a * 256 + next.a[k];
          const decided = decide(x, u, a, r);
          if (decided !== undefined) {
            tally.deeper[r - 2]++;
            apply(x, u, decided, r);
            break;
          }
        }
      }
    }
  }
}

/** One heat-bath sweep by the contract. */
function heatBathSweep(spins: Uint8Array, L: number, q: number, beta: number, field: number, main: Xoshiro128, rests: { count: number }): void {
  for (let c = 0; c < 2; c++) {
    for (let y = 0; y < L; y++) {
      for (let x = (y + c) & 1; x < L; x += 2) {
        const n = neighbours(spins, L, x, y);
        const r = main.next();
        // groups: distinct neighbour states in order of first appearance, then 0 if no neighbour has it
        const groups = n.filter((v, i) => n.indexOf(v) === i);
        if (!groups.includes(0)) groups.push(0);
        const weight = (k: number) => Math.exp(beta * (n.filter((v) => v === k).length + (k === 0 ? field : 0)));
        const m = q - groups.length;
        const total = groups.reduce((sum, k) => sum + weight(k), 0) + m;
        let cumulative = 0;
        const T = groups.map((k, g) => {
          cumulative += weight(k);
          return g === groups.length - 1 && m === 0 ? TWO_POW_32 : threshold(cumulative / total);
        });
        const g = T.filter((t) => t <= r).length;
        let sn: number;
        if (g < groups.length) sn = groups[g];
        else {
          const base = T[groups.length - 1];
          const j = Math.floor(((r - base) * m) / (TWO_POW_32 - base));
          sn = Array.from({ length: q }, (_, k) => k).filter((k) => !groups.includes(k))[j];
          rests.count++;
        }
        spins[y * L + x] = sn;
      }
    }
  }
}

async function kernelsFor(L: number, q: number, seed: number, beta: number, field: number): Promise<PottsKernel[]> {
  return [prepare(new JsPottsKernel(L, q), seed, beta, field), prepare(await wasmPotts(L, q), seed, beta, field)];
}

/** The hot start by the contract: one draw per site, row-major, state = floor(r q / 2^32). */
function hotStart(L: number, q: number, main: Xoshiro128): Uint8Array {
  return Uint8Array.from({ length: L * L }, () => Math.floor((main.next() * q) / TWO_POW_32));
}

describe('Potts stream contracts (assembly/potts.ts header), replayed naively', () => {
  it.each([
    // L, q, beta, field, sweeps
    [2, 3, 0.9, 0, 6],
    [6, 4, 1.0, 0.3, 4],
    [32, 3, 1.005, 0, 3],
    [34, 10, 1.3, -0.4, 2],
    [64, 2, 0.8, 0.2, 2],
    [32, 256, 0.6, 0, 2],
    [32, 3, 40, 0, 2], // zero thresholds: lanes need every byte of A
    [32, 7, 0.9, 0.5, 3],
  ])('Metropolis: L=%d q=%d beta=%d h=%d', async (L, q, beta, field, sweeps) => {
    const main = new Xoshiro128(seedState(2024));
    const spins = hotStart(L, q, main);
    const table = pottsMetropolisThresholds(beta, field);
    const tally: Tally = { queued: 0, deeper: [0, 0, 0] };
    const kernels = await kernelsFor(L, q, 2024, beta, field);
    for (const k of kernels) expect(k.readSpins()).toEqual(spins);
    for (let i = 0; i < sweeps; i++) metropolisSweep(spins, L, q, table, main, tally);
    const record = new Int32Array(q + 1);
    for (const k of kernels) {
      k.sweep('metropolis', sweeps);
      expect(k.readSpins()).toEqual(spins);
      expect(k.getRngState()).toEqual(main.state);
      k.record(record);
      expect(record).toEqual(naiveRecord(spins, L, q));
    }
    if (beta === 40) {
      // every lane with t = 0 and a zero top byte of A is queued; some need the third and fourth byte
      expect(tally.queued).toBeGreaterThan(0);
    }
  });

  it('queued lanes that need a second and a third byte replay (q = 3, zero thresholds, 64 x 64)', async () => {
    // With t = 0 a lane is undecided after r bytes when they are all zero (probability 256^-r): in
    // 100 sweeps about 1600 lanes are queued and about 6 need a third byte (a fourth: 0.02 expected).
    const L = 64;
    const q = 3;
    const main = new Xoshiro128(seedState(5));
    const spins = hotStart(L, q, main);
    const table = pottsMetropolisThresholds(40, 0);
    const tally: Tally = { queued: 0, deeper: [0, 0, 0] };
    const js = prepare(new JsPottsKernel(L, q), 5, 40, 0);
    for (let i = 0; i < 100; i++) metropolisSweep(spins, L, q, table, main, tally);
    js.sweep('metropolis', 100);
    expect(js.readSpins()).toEqual(spins);
    expect(js.getRngState()).toEqual(main.state);
    expect(tally.queued).toBeGreaterThan(1000);
    expect(tally.deeper[0]).toBeGreaterThan(1000);
    expect(tally.deeper[1]).toBeGreaterThan(0);
  });

  it.each([
    [2, 3, 0.9, 0.4, 8],
    [6, 3, 1.005, 0, 4],
    [8, 10, 0.5, 0.3, 4],
    [34, 5, 1.2, -0.3, 2],
    [16, 256, 0.8, 0, 2],
    [16, 2, 0.7, 0.2, 3],
  ])('heat bath: L=%d q=%d beta=%d h=%d', async (L, q, beta, field, sweeps) => {
    const main = new Xoshiro128(seedState(77));
    const spins = hotStart(L, q, main);
    const rests = { count: 0 };
    for (let i = 0; i < sweeps; i++) heatBathSweep(spins, L, q, beta, field, main, rests);
    for (const k of await kernelsFor(L, q, 77, beta, field)) {
      k.sweep('heat-bath', sweeps);
      expect(k.readSpins()).toEqual(spins);
      expect(k.getRngState()).toEqual(main.state);
    }
    if (q > 4) expect(rests.count).toBeGreaterThan(0);
  });

  it('cold start is all state 0 and draws nothing; hot start draws one number per site', async () => {
    for (const k of await kernelsFor(10, 7, 3, 1, 0)) {
      const main = new Xoshiro128(seedState(3));
      expect(k.readSpins()).toEqual(hotStart(10, 7, main));
      const before = k.getRngState();
      k.fill('cold');
      expect(k.readSpins()).toEqual(new Uint8Array(100));
      expect(k.getRngState()).toEqual(before);
      const record = new Int32Array(8);
      k.record(record);
      expect(Array.from(record)).toEqual([200, 100, 0, 0, 0, 0, 0, 0]);
    }
  });
});
