// The demo's Potts helpers in Node (demo/src/lattice-image.ts, analysis.ts, first-order-settings.ts):
// q colours pixel by pixel (distinct for every q offered), blocks as the mean colour, clusters in one
// colour each; P(m) of m = |M| / N; the page's summary of a multicanonical run
// (T = 1 / beta with its error carried over); the default ramp and the checks of a typed ramp.
import { describe, expect, it } from 'vitest';
import { multicanonical } from '../src/index.js';
import { firstOrderSummary, unsignedHistogram } from '../demo/src/analysis.js';
import { defaultRamp, rampTemperatures } from '../demo/src/first-order-settings.js';
import { drawPotts, pottsPalette } from '../demo/src/lattice-image.js';
import { Q_MAX, Q_MIN } from '../demo/src/state.js';

const pixel = (out: Uint8ClampedArray, i: number) => Array.from(out.subarray(4 * i, 4 * i + 4));

describe('Potts pictures', () => {
  it('has q distinct colours for every q offered, neighbouring states clearly apart', () => {
    for (let q = Q_MIN; q <= Q_MAX; q++) {
      const palette = pottsPalette(q);
      expect(new Set(palette.map((c) => c.join())).size).toBe(q);
      for (let k = 0; k < q; k++) {
        const [a, b] = [palette[k], palette[(k + 1) % q]];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeGreaterThan(40);
      }
    }
  });

  it('draws one colour per state, the mean colour of a block, one colour per cluster', () => {
    const q = 3;
    const palette = pottsPalette(q);
    const states = Uint8Array.from([0, 1, 2, 0, 1, 1, 2, 2, 0, 0, 0, 0, 2, 2, 2, 1]);
    const out = new Uint8ClampedArray(4 * 16);
    drawPotts(states, q, 4, 4, out);
    states.forEach((s, i) => expect(pixel(out, i)).toEqual([...palette[s], 255]));
    // 2 x 2 blocks: top left holds states 0, 1, 1, 1; bottom right 0, 0, 2, 1
    const small = new Uint8ClampedArray(4 * 4);
    drawPotts(states, q, 4, 2, small);
    const mean = (...ks: number[]) => [...[0, 1, 2].map((c) => Math.round(ks.reduce((sum, k) => sum + palette[k][c], 0) / ks.length)), 255];
    expect(pixel(small, 0)).toEqual(mean(0, 1, 1, 1));
    expect(pixel(small, 3)).toEqual(mean(0, 0, 2, 1));
    // clusters: each labelled cluster one colour of its own; unlabelled sites keep their state's colour
    const labels = Int32Array.from({ length: 16 }, (_, i) => (i < 4 ? 7 : i < 8 ? 9 : -1));
    drawPotts(states, q, 4, 4, out, labels);
    expect(new Set([0, 1, 2, 3].map((i) => pixel(out, i).join())).size).toBe(1);
    expect(pixel(out, 4)).not.toEqual(pixel(out, 0));
    expect(pixel(out, 10)).toEqual([...palette[states[10]], 255]);
    expect(() => drawPotts(states, q, 4, 3, new Uint8ClampedArray(36))).toThrow(RangeError);
  });
});

describe('Potts live analysis', () => {
  it('bins m in [0, 1]', () => {
    const m = Float64Array.from([0.1, 0.1, 0.1, 0.1, 0.2, 0.9, 0.9]);
    const h = unsignedHistogram(m, 8);
    expect(h.p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h.x[0]).toBeCloseTo(0.1 + 0.1 / 2, 12);
    expect(h.p.map((p) => Math.round(7 * p))).toEqual([4, 1, 0, 0, 0, 0, 0, 2]); // bins of width 0.1 from 0.1, the top one closed
    expect(h.p[h.p.length - 1]).toBeCloseTo(2 / 7, 12);
    expect(unsignedHistogram(new Float64Array(0))).toEqual({ x: [], p: [] });
  });

  it('summarises a multicanonical run for the page: P(e) at the equal-weight point, T = 1/beta with its error', async () => {
    const r = await multicanonical({ q: 10, size: 12, seed: 1 });
    const s = firstOrderSummary(r.firstOrder);
    const w = r.firstOrder.equalWeight!;
    expect(s.point).toBe('equal weight');
    expect(s.temperature!.mean).toBe(1 / w.beta.mean);
    expect(s.temperature!.error).toBeCloseTo(w.beta.error / w.beta.mean ** 2, 15);
    expect(Math.abs(s.temperature!.mean - 1 / Math.log(1 + Math.sqrt(10)))).toBeLessThan(0.01);
    expect(s.distribution!.e).toEqual(Array.from(w.distribution.energies));
    expect(s.distribution!.p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(s.peaks).toEqual({ ordered: w.ordered.energy, disordered: w.disordered.energy });
    expect(s.latentHeat).toEqual(r.firstOrder.latentHeat);
    expect(s.verdict.doublePeak).toBe(r.firstOrder.verdict.doublePeak);
  });
});

describe('hysteresis settings', () => {
  it('ramps +-8 % around T_c by default and refuses a ramp it cannot run', () => {
    expect(defaultRamp(10)).toEqual({ from: 0.645, to: 0.757, step: 0.003 });
    expect(rampTemperatures(0.62, 0.78, 0.02)).toHaveLength(9);
    expect(() => rampTemperatures(0.7, 0.6, 0.01)).toThrow('expected 0 < T from < T to and a step > 0');
    expect(() => rampTemperatures(0.6, 0.7, NaN)).toThrow('must be numbers');
    expect(() => rampTemperatures(0.6, 0.7, 0.0001)).toThrow('expected 2 to 200 temperatures; these settings give 1001');
    expect(() => rampTemperatures(0.6, 0.7, 0.5)).toThrow('these settings give 1');
  });
});
