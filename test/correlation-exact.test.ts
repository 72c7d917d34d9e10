// G(r), S(0), S(k_min) and the second-moment correlation length on a 4 x 4 lattice against
// their exact Boltzmann averages, obtained by enumerating all 2^16 states in this file.
// Both backends, Metropolis; tolerance |z| < 4 with binned / jackknife errors.
import { describe, expect, it } from 'vitest';
import { createSimulation, secondMomentCorrelationLength } from '../src/index.js';
import { zScore } from './helpers/core.js';

const L = 4;
const N = L * L;

/** Every state of the 4 x 4 lattice: B, M and the sampled quantities G(1), G(2), S(0), S(k_min). */
const STATES = (() => {
  const table: number[][] = [];
  const s = new Int8Array(N);
  const at = (x: number, y: number) => s[((y + L) % L) * L + ((x + L) % L)];
  const cos = [1, 0, -1, 0];
  const sin = [0, 1, 0, -1];
  for (let state = 0; state < 1 << N; state++) {
    for (let i = 0; i < N; i++) s[i] = (state >> i) & 1 ? 1 : -1;
    let B = 0;
    let M = 0;
    const C = [0, 0, 0];
    let [reX, imX, reY, imY] = [0, 0, 0, 0];
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const v = at(x, y);
        B += v * (at(x + 1, y) + at(x, y + 1));
        M += v;
        for (let r = 0; r <= 2; r++) C[r] += v * (at(x + r, y) + at(x, y + r));
        reX += v * cos[x];
        imX += v * sin[x];
        reY += v * cos[y];
        imY += v * sin[y];
      }
    }
    table.push([B, M, C[1] / (2 * N), C[2] / (2 * N), (M * M) / N, (reX ** 2 + imX ** 2 + reY ** 2 + imY ** 2) / (2 * N)]);
  }
  return table;
})();

/** Exact <G(1)>, <G(2)>, <S(0)>, <S(k_min)> and xi_2nd at (T, h): Boltzmann averages over all 2^16 states. */
function exact(T: number, h: number): { G: number[]; S0: number; Smin: number; xi: number } {
  const logw = STATES.map(([B, M]) => (B + h * M) / T);
  const max = Math.max(...logw);
  const sums = [0, 0, 0, 0];
  let Z = 0;
  STATES.forEach((row, k) => {
    const w = Math.exp(logw[k] - max);
    Z += w;
    for (let q = 0; q < 4; q++) sums[q] += w * row[q + 2];
  });
  const [G1, G2, S0, Smin] = sums.map((x) => x / Z);
  return { G: [1, G1, G2], S0, Smin, xi: secondMomentCorrelationLength(L, S0, Smin) };
}

const POINTS: [number, number][] = [
  [2.0, 0],
  [2.269185314213022, 0],
  [3.0, 0],
  [2.5, 0.3],
];

describe('4 x 4 correlations vs exact enumeration', () => {
  for (const backend of ['wasm', 'js'] as const) {
    it.each(POINTS)(`${backend}: T=%d h=%d`, async (temperature, field) => {
      const sim = await createSimulation({ size: L, temperature, field, backend, seed: 44 });
      const m = sim.measure({ thermalize: 1000, sweeps: 200_000, correlations: { every: 2 } });
      const c = m.correlations!;
      const x = exact(temperature, field);
      expect(c.samples).toBe(100_000);
      expect(c.distances).toEqual([0, 1, 2]);
      expect(c.correlation[0]).toEqual({ mean: 1, error: 0 });
      for (const r of [1, 2]) expect(Math.abs(zScore(c.correlation[r], x.G[r])), `G(${r}) vs ${x.G[r]}`).toBeLessThan(4);
      expect(Math.abs(zScore(c.structureFactorZero, x.S0)), `S(0) vs ${x.S0}`).toBeLessThan(4);
      expect(Math.abs(zScore(c.structureFactorMin, x.Smin)), `S(kmin) vs ${x.Smin}`).toBeLessThan(4);
      expect(Math.abs(zScore(c.correlationLength, x.xi)), `xi vs ${x.xi}`).toBeLessThan(4);
      // S(0) is N <m^2> from the same lattices: consistent with the per-sweep m^2.
      expect(Math.abs(c.structureFactorZero.mean / N - m.observables.magnetization2.mean)).toBeLessThan(5 * m.observables.magnetization2.error + 5 * c.structureFactorZero.error / N);
      expect(m.warnings).toEqual([]);
      sim.dispose();
    });
  }

  it('xi_2nd is NaN, not a made-up value, when S(0) <= S(k_min)', () => {
    expect(secondMomentCorrelationLength(8, 1.0, 1.2)).toBeNaN();
    expect(secondMomentCorrelationLength(8, 2, 1)).toBeCloseTo(1 / (2 * Math.sin(Math.PI / 8)), 14);
  });
});
