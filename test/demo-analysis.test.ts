// The demo's pure helpers (demo/src/lattice-image.ts, demo/src/analysis.ts): lattice pictures
// pixel by pixel, histograms on whole grid steps (no comb), the mirrored Landau view, the second
// half of the samples since a change, the RG accumulator's U4 (and O(n) U, g), the per-level |m| and g of
// vector block lattices against the library's own sums, and the thinned time window.
import { describe, expect, it } from 'vitest';
import { seedState, Xoshiro128 } from '../src/index.js';
import { histogramView, landauView, Recent, RgAccumulator, TimeWindow, vectorLevelStats } from '../demo/src/analysis.js';
import { levelOf, levelSums, vectorSpins } from '../src/rg/continuous.js';
import { DOWN, drawLattice, pictureSize, UP } from '../demo/src/lattice-image.js';

const pixel = (out: Uint8ClampedArray, i: number) => Array.from(out.subarray(4 * i, 4 * i + 4));

describe('lattice pictures', () => {
  it('draws one pixel per spin, or the mean of b x b spins', () => {
    const spins = Int8Array.from([1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, 1, -1, -1, -1, -1]);
    const out = new Uint8ClampedArray(4 * 16);
    drawLattice(spins, 4, 4, out);
    spins.forEach((s, i) => expect(pixel(out, i)).toEqual([...(s > 0 ? UP : DOWN), 255]));
    const small = new Uint8ClampedArray(4 * 4);
    drawLattice(spins, 4, 2, small);
    // blocks (top left, top right, bottom left, bottom right) hold 1, 3, 2, 2 up spins of 4
    const mix = (k: number) => [...UP.map((u, c) => Math.round(DOWN[c] + ((u - DOWN[c]) * k) / 4)), 255];
    expect([0, 1, 2, 3].map((i) => pixel(small, i))).toEqual([mix(1), mix(3), mix(2), mix(2)]);
    expect(pictureSize(4096, 1024)).toBe(1024);
    expect(pictureSize(48, 20)).toBe(16);
    expect(pictureSize(64, 1024)).toBe(64);
    expect(() => drawLattice(spins, 4, 3, new Uint8ClampedArray(36))).toThrow(RangeError);
  });

  it('gives each cluster its own colour, the same for all its sites', () => {
    const spins = Int8Array.from([1, 1, -1, -1]);
    const labels = Int32Array.from([0, 0, 2, -1]);
    const out = new Uint8ClampedArray(16);
    drawLattice(spins, 2, 2, out, labels);
    expect(pixel(out, 0)).toEqual(pixel(out, 1));
    expect(pixel(out, 2)).not.toEqual(pixel(out, 0));
    expect(pixel(out, 3)).toEqual([...DOWN, 255]);
  });
});

describe('live analysis', () => {
  it('bins P(m) on whole grid steps: uniform samples give a flat histogram', () => {
    const sites = 16;
    const m = Float64Array.from({ length: 17 * 10 }, (_, i) => -1 + (2 * (i % 17)) / sites);
    const h = histogramView(m, sites, 5);
    expect(h.p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const full = h.p.slice(0, -1);
    expect(new Set(full.map((p) => p.toFixed(12))).size).toBe(1);
    expect(h.x[0]).toBeCloseTo(-1 + (2 / sites) * 1.5, 12); // bins of 4 grid values
  });

  it('mirrors F(m) = -ln P(m) at h = 0 and finds two wells for a bimodal run', () => {
    const sites = 256;
    const rng = new Xoshiro128(seedState(3));
    let well = 1;
    const m = Float64Array.from({ length: 40_000 }, () => {
      if (rng.next() >>> 0 < 2 ** 32 / 2000) well = -well; // a rare jump between the wells
      const M = Math.round(well * 0.7 * sites + ((rng.next() >>> 0) / 2 ** 32 - 0.5) * 40);
      return (M % 2 === 0 ? M : M + 1) / sites;
    });
    const view = landauView(m, sites, 0);
    expect(view.shape).toBe('double-well');
    expect(view.x).toEqual([...view.x].reverse().map((x) => -x));
    expect(Math.min(...view.F.filter((f): f is number => f !== null))).toBe(0);
    expect(view.fitX.length).toBe(view.fitF.length);
  });

  it('analyses the second half of the samples since a change', () => {
    const r = new Recent(8);
    for (let i = 0; i < 6; i++) r.push(i);
    expect(Array.from(r.equilibrated())).toEqual([3, 4, 5]);
    for (let i = 6; i < 30; i++) r.push(i);
    expect(Array.from(r.toArray())).toEqual([22, 23, 24, 25, 26, 27, 28, 29]);
    expect(Array.from(r.equilibrated())).toEqual([22, 23, 24, 25, 26, 27, 28, 29]);
    expect(r.last()).toBe(29);
    r.clear();
    expect(r.equilibrated().length).toBe(0);
  });

  it('gives U4 = 2/3 and |m| = 1 for an ordered flow, 1 - <m^4>/(3<m^2>^2) in general', () => {
    const rg = new RgAccumulator();
    rg.reset([8, 4]);
    for (let i = 0; i < 100; i++) rg.add([i % 2 ? 1 : -1, i % 3 ? 0.5 : -0.25]);
    const [fine, coarse] = rg.result()!;
    expect(fine.size).toBe(8);
    expect(fine.absMagnetization.mean).toBe(1);
    expect(fine.binder.mean).toBeCloseTo(2 / 3, 12);
    // the last 50 samples of level 1 (i = 50..99), in 10 bins of 5
    const values = Array.from({ length: 50 }, (_, j) => ((50 + j) % 3 ? 0.5 : -0.25));
    const m2 = values.reduce((a, v) => a + v * v, 0) / 50;
    const m4 = values.reduce((a, v) => a + v ** 4, 0) / 50;
    expect(coarse.binder.mean).toBeCloseTo(1 - m4 / (3 * m2 * m2), 12);
    expect(coarse.binder.error).toBeGreaterThan(0);
    expect(rg.samples).toBe(50);
  });

  it('gives the O(n) Binder cumulant of vector order parameters and the binned neighbour correlation per level', () => {
    const rg = new RgAccumulator();
    rg.reset([8, 4], 2);
    expect(rg.components).toBe(2);
    for (let i = 0; i < 100; i++) rg.add([1, i % 2 ? 0.5 : 0.25], [0.9, i % 2 ? 0.4 : 0.2]);
    const [fine, coarse] = rg.result()!;
    expect(fine.binder.mean).toBeCloseTo(1, 12); // (n + 2)/2 - (n/2) <m^4>/<m^2>^2 = 2 - 1 for |m| = 1
    const m2 = (0.5 ** 2 + 0.25 ** 2) / 2;
    const m4 = (0.5 ** 4 + 0.25 ** 4) / 2;
    expect(coarse.binder.mean).toBeCloseTo(2 - m4 / (m2 * m2), 12);
    expect(fine.nn!.mean).toBeCloseTo(0.9, 12);
    expect(coarse.nn!.mean).toBeCloseTo(0.3, 12);
    // without correlations, no g
    rg.reset([8, 4]);
    for (let i = 0; i < 20; i++) rg.add([1, 0.5]);
    expect(rg.result()![0].nn).toBeUndefined();
  });

  it('measures |m| and the neighbour correlation g of a block level as the library defines them', () => {
    // XY on 4 x 4: all along x (m = 1, g = 1); a checkerboard of +x / -x (m = 0, g = -1)
    const up = new Float64Array(32).map((_, i) => (i % 2 === 0 ? 1 : 0));
    expect(vectorLevelStats(up, 4, 2, 2, 0)).toEqual({ m: 1, nn: 1 });
    const checker = new Float64Array(32);
    for (let i = 0; i < 16; i++) checker[2 * i] = ((i % 4) + Math.floor(i / 4)) % 2 ? -1 : 1;
    expect(vectorLevelStats(checker, 4, 2, 2, 0)).toEqual({ m: 0, nn: -1 });
    // stripes along y (x-neighbours alike, y-neighbours opposite): g = (1 - 1) / 2 = 0
    const stripes = new Float64Array(32);
    for (let i = 0; i < 16; i++) stripes[2 * i] = Math.floor(i / 4) % 2 ? -1 : 1;
    expect(vectorLevelStats(stripes, 4, 2, 2, 0).nn).toBe(0);
    // clock q = 4 on a 2^3 cube: states 0 and 1 alternate along z (perpendicular): g = (1 + 1 + 0) / 3
    const clock = new Uint8Array(8).map((_, i) => (i >= 4 ? 1 : 0));
    const c = vectorLevelStats(clock, 2, 3, 2, 4);
    expect(c.nn).toBeCloseTo(2 / 3, 12);
    expect(c.m).toBeCloseTo(Math.SQRT1_2, 12);
    // Heisenberg and phi^4 lengths: g normalised by sum |S|^2 (a uniform field of length 3: g = 1, m = 3)
    const field = new Float64Array(32).map((_, i) => (i % 2 === 0 ? 3 : 0));
    expect(vectorLevelStats(field, 4, 2, 2, 0)).toEqual({ m: 3, nn: 1 });
  });

  it('agrees with the level sums of the library on random XY, Heisenberg, clock and phi^4 lattices (square and cube)', () => {
    const rng = new Xoshiro128(seedState(7));
    const u = () => rng.next() / 2 ** 32;
    for (const [model, L, d] of [['xy', 6, 2], ['heisenberg', 4, 3], ['clock', 4, 3], ['phi4', 6, 2]] as const) {
      const spec = vectorSpins(model, model === 'clock' ? 5 : 0);
      const sites = L ** d;
      let spins: Float64Array | Uint8Array;
      if (model === 'clock') spins = Uint8Array.from({ length: sites }, () => Math.floor(5 * u()));
      else if (model === 'heisenberg') {
        spins = new Float64Array(3 * sites);
        for (let i = 0; i < sites; i++) {
          const z = 2 * u() - 1;
          const a = 2 * Math.PI * u();
          spins.set([Math.sqrt(1 - z * z) * Math.cos(a), Math.sqrt(1 - z * z) * Math.sin(a), z], 3 * i);
        }
      } else spins = Float64Array.from({ length: 2 * sites }, () => 0.3 + 2 * u() - 1);
      const sums = levelSums(spec, levelOf(spec, spins), L, d);
      const ours = vectorLevelStats(spins, L, d, spec.components, 5);
      expect(ours.m, model).toBeCloseTo(Math.hypot(...sums.magnetization) / sites, 12);
      expect(ours.nn, model).toBeCloseTo(sums.nn / (d * sums.s2), 12);
    }
  });

  it('thins the time window with the speed and keeps at most its points', () => {
    const w = new TimeWindow(100, 10);
    w.setRate(50); // 50 steps a second over 10 s: every 5th step
    for (let t = 1; t <= 1000; t++) w.push(t, -t, t);
    expect(w.t.length).toBeLessThanOrEqual(125);
    expect(w.t.length).toBeGreaterThanOrEqual(100);
    expect(w.t[w.t.length - 1]).toBe(996);
    expect(w.t[1] - w.t[0]).toBe(5);
  });
});
