import { describe, expect, it } from 'vitest';
import { pottsDensityOfStates, pottsEnergyMoments, pottsExactMoments } from '../src/models/potts/exact.js';
import { fixtureDensity, pottsFixture } from './helpers/potts-fixture.js';

// test/fixtures/potts-exact.json holds references too slow to recompute here (scripts/potts-exact-fixture.ts).
// These tests recompute what is cheap and check that every stored number follows from the stored g(b).

describe('Potts exact fixture (scripts/potts-exact-fixture.ts)', () => {
  it('covers q = 3 on 6x6 and q = 4, 5, 8 on 4x4 and 6x6 at T = 1 and at T_c', () => {
    for (const [q, L] of [[3, 6], [4, 4], [4, 6], [5, 4], [5, 6], [8, 4], [8, 6], [10, 6]]) {
      const c = pottsFixture.cases.find((x) => x.q === q && x.Lx === L);
      expect(c, `q=${q} ${L}x${L}`).toBeDefined();
      expect(c!.points.some((p) => p.temperature === 1)).toBe(true);
      expect(c!.points.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('every stored g(b) sums to q^N, has q ground states and q (q-1) N single-site excitations', () => {
    for (const c of pottsFixture.cases) {
      const dos = fixtureDensity(c.q, c.Lx);
      const N = dos.N;
      const lnTotal = N * Math.log(c.q);
      const sum = dos.lnCounts.reduce((s, x) => s + Math.exp(x - lnTotal), 0);
      expect(sum, `q=${c.q} L=${c.Lx}`).toBeCloseTo(1, 12);
      expect(Math.exp(dos.lnCounts[2 * N])).toBeCloseTo(c.q, 8);
      expect(Math.exp(dos.lnCounts[2 * N - 4]) / (c.q * (c.q - 1) * N)).toBeCloseTo(1, 12);
    }
  });

  it('the stored e, c and V4 follow from the stored g(b); the stored g(b) of the cheap lattices is recomputed', () => {
    for (const c of pottsFixture.cases) {
      const dos = fixtureDensity(c.q, c.Lx);
      for (const p of c.points) {
        const m = pottsEnergyMoments(dos, 1 / p.temperature);
        expect(m.energy).toBeCloseTo(p.energy, 12);
        expect(m.specificHeat).toBeCloseTo(p.specificHeat, 10);
        expect(m.energyCumulant).toBeCloseTo(p.energyCumulant, 12);
      }
      if (c.Lx === 4 || c.q === 3) {
        const fresh = pottsDensityOfStates(c.q, c.Lx);
        for (let b = 0; b < fresh.lnCounts.length; b++) {
          if (fresh.lnCounts[b] === -Infinity) expect(dos.lnCounts[b]).toBe(-Infinity);
          else expect(dos.lnCounts[b]).toBeCloseTo(fresh.lnCounts[b], 11);
        }
      }
    }
  });

  it('the moment transfer matrix reproduces the stored e, c, <m^2>, <m^4> (q = 3 on 6x6 at T = 1, q = 8 on 4x4 at T_c)', () => {
    for (const [q, L, pick] of [[3, 6, (t: number) => t === 1], [8, 4, (t: number) => Math.abs(t - 1 / Math.log1p(Math.sqrt(8))) < 1e-12]] as const) {
      const c = pottsFixture.cases.find((x) => x.q === q && x.Lx === L)!;
      const p = c.points.find((x) => pick(x.temperature))!;
      const m = pottsExactMoments(q, L, L, 1 / p.temperature);
      expect(m.energy).toBeCloseTo(p.energy, 12);
      expect(m.specificHeat).toBeCloseTo(p.specificHeat, 10);
      expect(m.magnetization2).toBeCloseTo(p.magnetization2!, 12);
      expect(m.magnetization4).toBeCloseTo(p.magnetization4!, 12);
    }
  });
});
