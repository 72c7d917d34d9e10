// The tables every Potts kernel installs (src/models/potts/kernel.ts), against the probabilities they
// encode: Metropolis thresholds are threshold(min(1, exp(-beta dE))); for every configuration of the
// four neighbours, the heat-bath pattern (partition key, position of state 0) gives cumulative
// thresholds whose steps are the exact conditional probabilities exp(beta (c(k) + h delta(k, 0))) / Z
// of the states, to within one unit in 2^32; and the partitions are the 15 set partitions of 4 positions.
import { describe, expect, it } from 'vitest';
import { threshold, TWO_POW_32 } from '../src/thresholds.js';
import {
  metropolisIndex,
  neighbourPartitions,
  partitionKey,
  POTTS_HEATBATH_GROUPS,
  POTTS_PARTITIONS,
  POTTS_SOURCE_STRIDE,
  pottsHeatBathTables,
  pottsMetropolisThresholds,
} from '../src/models/potts/kernel.js';

describe('Potts tables', () => {
  it('the neighbour partitions are the Bell number B4 = 15 (B6 = 203 for a cubic lattice)', () => {
    expect(neighbourPartitions(4)).toHaveLength(POTTS_PARTITIONS);
    expect(neighbourPartitions(6)).toHaveLength(203);
    expect(new Set(neighbourPartitions(4).map((p) => p.labels.join())).size).toBe(15);
  });

  it('Metropolis thresholds: threshold(min(1, exp(beta (dc + h dz))))', () => {
    const beta = 0.9;
    const h = -0.35;
    const table = pottsMetropolisThresholds(beta, h);
    for (let dz = -1; dz <= 1; dz++) {
      for (let dc = -4; dc <= 4; dc++) {
        const p = Math.min(1, Math.exp(beta * (dc + h * dz)));
        expect(table[metropolisIndex(dc, dz)]).toBe(threshold(p));
      }
    }
    expect(table[metropolisIndex(0, 0)]).toBe(TWO_POW_32);
  });

  it.each([
    // q, beta, h
    [2, 0.7, 0.3],
    [3, 1.005, 0],
    [5, 0.8, -0.6],
    [256, 1.3, 0.2],
    [4, 300, 0.5], // far below Tc: probabilities underflow, thresholds stay monotone and in range
  ])('heat bath, q=%d beta=%d h=%d: every neighbour configuration gets its exact conditional probabilities', (q, beta, h) => {
    const { partitions, thresholds, sources } = pottsHeatBathTables(beta, h, q);
    const values = Math.min(q, 5); // neighbour states 0 .. 4 cover every pattern
    for (let code = 0; code < values ** 4; code++) {
      const n = [code % values, Math.floor(code / values) % values, Math.floor(code / values ** 2) % values, Math.floor(code / values ** 3)];
      const z = n.indexOf(0) < 0 ? 4 : n.indexOf(0);
      const pattern = partitions[partitionKey(n)] * 5 + z;
      const T = thresholds.subarray(pattern * POTTS_HEATBATH_GROUPS, (pattern + 1) * POTTS_HEATBATH_GROUPS);
      const src = sources.subarray(pattern * POTTS_SOURCE_STRIDE, (pattern + 1) * POTTS_SOURCE_STRIDE);
      // exact probabilities of every state
      const logw = Array.from({ length: q }, (_, k) => beta * (n.filter((v) => v === k).length + (k === 0 ? h : 0)));
      const top = Math.max(...logw);
      const w = logw.map((a) => Math.exp(a - top));
      const total = w.reduce((s, v) => s + v, 0);
      // the groups the table lists, in order, and the probability mass each threshold step gives them
      const G = src[6];
      let previous = 0;
      const seen = new Set<number>();
      for (let g = 0; g < G; g++) {
        const state = src[g] < 4 ? n[src[g]] : 0;
        expect(seen.has(state)).toBe(false);
        seen.add(state);
        expect(T[g]).toBeGreaterThanOrEqual(previous);
        expect(Math.abs(T[g] - previous - (w[state] / total) * TWO_POW_32)).toBeLessThanOrEqual(2);
        previous = T[g];
      }
      // the groups are the distinct neighbour states in order of first appearance, then 0
      expect([...seen]).toEqual([...new Set([...n, 0])]);
      // the rest: every other state, weight 1 each, sharing what is left
      const rest = q - G;
      const restMass = rest > 0 ? w.filter((_, k) => !seen.has(k)).reduce((s, v) => s + v, 0) / total : 0;
      expect(Math.abs(TWO_POW_32 - previous - restMass * TWO_POW_32)).toBeLessThanOrEqual(2);
      for (let g = G; g < POTTS_HEATBATH_GROUPS; g++) expect(T[g]).toBe(TWO_POW_32);
      for (let g = G; g <= POTTS_HEATBATH_GROUPS; g++) expect(src[g]).toBe(5);
    }
  });
});
