// Landau free energy F(m) = -ln P(m) / N from the magnetization histogram: against exact
// enumeration of the 4 x 4 lattice (every bin, |z| < 4, both backends, at h = 0 folded onto |m| and
// at h != 0 signed), the double well at T = 2.0 and the single well at T = 3.0 on a 32 x 32 lattice,
// and the vector order parameter (n = 2) on synthetic samples with a known density.
import { describe, expect, it } from 'vitest';
import { boltzmannWeights, createSimulation, densityOfStates, landau, landauFreeEnergy, onsagerMagnetization, seedState, Xoshiro128 } from '../src/index.js';
import type { LandauProfile } from '../src/index.js';

/** Exact P(M) of the L x L lattice at (T, h), M = -N, -N+2, ..., N. */
function exactMagnetizationDistribution(L: number, T: number, h: number): Float64Array {
  const dos = densityOfStates(L);
  const { probabilities } = boltzmannWeights(dos, T, h);
  const N = dos.N;
  const p = new Float64Array(N + 1);
  for (let j = 0; j < dos.bValues.length; j++) for (let i = 0; i <= N; i++) p[i] += probabilities[j * (N + 1) + i];
  return p;
}

describe('Landau F(m) against exact enumeration (4 x 4)', { timeout: 60_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`h = 0, T = 2.5: F(|m|) in every bin (${backend})`, async () => {
      const sim = await createSimulation({ size: 4, temperature: 2.5, seed: 6, backend });
      const r = landau(sim, { thermalize: 1000, sweeps: 200_000 });
      expect(r.variable).toBe('|m|');
      expect(r.points).toHaveLength(9); // |M| = 0, 2, ..., 16: one value per bin (51 bins asked, 17 values)
      expect(r.warnings[0]).toMatch(/51 bins asked for 17 possible values of m: using 17 bins/);
      const p = exactMagnetizationDistribution(4, 2.5, 0);
      // F is defined up to a constant: compare differences to the centre bin
      const exact = r.points.map((_, j) => -Math.log(j === 0 ? p[8] : p[8 + j]) / 16);
      for (let j = 1; j < r.points.length; j++) {
        const pt = r.points[j];
        if (!pt.fitted) continue;
        const dF = pt.F! - r.points[0].F!;
        const error = Math.hypot(pt.error!, r.points[0].error!);
        expect(Math.abs((dF - (exact[j] - exact[0])) / error), `|M| = ${2 * j}`).toBeLessThan(4);
      }
      expect(r.points.filter((q) => q.fitted).length).toBeGreaterThanOrEqual(8);
    });

    it(`h = 0.3, T = 2.0: the signed F(m) and its fit with the odd term (${backend})`, async () => {
      const sim = await createSimulation({ size: 4, temperature: 2.0, field: 0.3, seed: 7, backend });
      const r = landau(sim, { thermalize: 1000, sweeps: 200_000 });
      expect(r.variable).toBe('m');
      expect(r.points).toHaveLength(17);
      expect(r.shape).toBe('undetermined');
      const p = exactMagnetizationDistribution(4, 2.0, 0.3);
      const ref = 16; // M = +16, the most likely value
      for (let i = 0; i <= 16; i++) {
        const pt = r.points[i];
        if (!pt.fitted || i === ref) continue;
        const dF = pt.F! - r.points[ref].F!;
        const exact = (-Math.log(p[i]) + Math.log(p[ref])) / 16;
        expect(Math.abs((dF - exact) / Math.hypot(pt.error!, r.points[ref].error!)), `M = ${2 * i - 16}`).toBeLessThan(4);
      }
      // the field tilts F: a1 < 0 (F = ... - (h / T) m per site for independent sites)
      expect(r.fit!.a1!.mean).toBeLessThan(0);
    });
  }
});

describe('symmetry breaking on a 32 x 32 lattice', { timeout: 60_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`T = 2.0: a double well at +-m* near Onsager's m (${backend})`, async () => {
      const sim = await createSimulation({ size: 32, temperature: 2.0, seed: 3, backend });
      const r = landau(sim, { thermalize: 2000, sweeps: 20_000 });
      expect(r.shape).toBe('double-well');
      expect(r.barrier?.state).toBe('unvisited'); // m = 0 lies ~30/N above the wells: never reached
      expect(Math.abs(r.fit!.minimum! - onsagerMagnetization(2.0))).toBeLessThan(0.03);
      expect(Math.abs(r.barrier!.position - onsagerMagnetization(2.0))).toBeLessThan(0.03);
    });

    it(`T = 3.0: a single well at m = 0 (${backend})`, async () => {
      const sim = await createSimulation({ size: 32, temperature: 3.0, seed: 3, backend });
      const r = landau(sim, { thermalize: 2000, sweeps: 20_000 });
      expect(r.shape).toBe('single-well');
      expect(r.fit!.minimum).toBe(0);
      expect(r.fit!.a2.mean / r.fit!.a2.error).toBeGreaterThan(4);
      expect(r.barrier?.state === 'measured' && r.barrier.mean).toBeLessThan(0);
      expect(r.points.find((p) => p.fitted && p.F! < r.points[0].F!)).toBeUndefined();
    });
  }
});

describe('vector order parameter (n = 2)', { timeout: 60_000 }, () => {
  /** Samples of (m_x, m_y) with radius drawn from `radius` and a uniform angle. */
  function ring(count: number, radius: (u: number, v: number) => number, seed: number): [Float64Array, Float64Array] {
    const g = new Xoshiro128(seedState(seed));
    const x = new Float64Array(count);
    const y = new Float64Array(count);
    for (let t = 0; t < count; t++) {
      const r = radius(g.next() / 2 ** 32, g.next() / 2 ** 32);
      const phi = (2 * Math.PI * g.next()) / 2 ** 32;
      x[t] = r * Math.cos(phi);
      y[t] = r * Math.sin(phi);
    }
    return [x, y];
  }

  it('a Mexican hat: samples on a ring of radius 0.6 give a ring at r = 0.6 (shape "ring") and a ring-shaped map', () => {
    // Gaussian radial profile around 0.6 (Box-Muller), width 0.08
    const [x, y] = ring(200_000, (u, v) => 0.6 + 0.08 * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v), 1);
    const r: LandauProfile = landauFreeEnergy({ components: [x, y], sites: 100 }, { bins: 41 });
    expect(r.variable).toBe('r');
    expect(r.shape).toBe('ring');
    expect(Math.abs(r.fit!.minimum! - 0.6)).toBeLessThan(0.05);
    expect(r.map!.F).toHaveLength(41);
    const centre = r.map!.F[20][20];
    const onRing = r.map!.F[20][Math.round(((0.6 + 1) / 2) * 41 - 0.5)];
    expect(onRing).not.toBeNull();
    expect(centre === null || centre > onRing!).toBe(true);
  });

  it('uniform density in the disk |m| < 0.5 gives a flat radial F (shell volumes are divided out)', () => {
    const [x, y] = ring(400_000, (u) => 0.5 * Math.sqrt(u), 2);
    const r = landauFreeEnergy({ components: [x, y], sites: 1 }, { bins: 41 });
    const inside = r.points.filter((p) => p.fitted && p.x < 0.45);
    const mean = inside.reduce((s, p) => s + p.F!, 0) / inside.length;
    for (const p of inside) expect(Math.abs(p.F! - mean) / p.error!, `r = ${p.x}`).toBeLessThan(4);
    expect(inside.length).toBeGreaterThan(8);
  });

  it('a blob at the origin gives a single well', () => {
    const [x, y] = ring(100_000, (u) => 0.15 * Math.sqrt(-2 * Math.log(1 - u)), 3);
    const r = landauFreeEnergy({ components: [x, y], sites: 50 });
    expect(r.shape).toBe('single-well');
  });
});
