// Cluster labels for callers: a copy, row-major; Swendsen-Wang labels every site by the smallest
// index of its cluster (clusters are uniform in spin after the update); Wolff labels the sites of
// the last cluster and marks the rest -1; nothing is labelled before a cluster update.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/index.js';

describe('clusterLabels()', () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`is all -1 before any cluster update (${backend})`, async () => {
      const sim = await createSimulation({ size: 8, backend });
      sim.sweep(3);
      expect(Array.from(new Set(sim.clusterLabels()))).toEqual([-1]);
    });

    it(`Swendsen-Wang: the smallest site index of each cluster, one spin per cluster (${backend})`, async () => {
      const size = 16;
      const sim = await createSimulation({ size, backend, algorithm: 'swendsen-wang', temperature: 2.3, seed: 4 });
      sim.sweep(5);
      const labels = sim.clusterLabels();
      const spins = sim.spins();
      expect(labels).toHaveLength(size * size);
      for (let i = 0; i < labels.length; i++) {
        expect(labels[i]).toBeLessThanOrEqual(i);
        expect(labels[labels[i]]).toBe(labels[i]);
        expect(spins[i]).toBe(spins[labels[i]]);
      }
      // Every cluster is connected: a flood fill over equal-label neighbours from the label site reaches all its sites.
      const reached = new Uint8Array(labels.length);
      for (const root of new Set(labels)) {
        const stack = [root];
        reached[root] = 1;
        while (stack.length > 0) {
          const i = stack.pop()!;
          const x = i % size;
          const y = (i - x) / size;
          for (const j of [y * size + ((x + 1) % size), y * size + ((x + size - 1) % size), ((y + 1) % size) * size + x, ((y + size - 1) % size) * size + x]) {
            if (!reached[j] && labels[j] === root) {
              reached[j] = 1;
              stack.push(j);
            }
          }
        }
      }
      expect(reached.every((r) => r === 1)).toBe(true);
      const copy = sim.clusterLabels();
      copy.fill(7);
      expect(sim.clusterLabels()).toEqual(labels);
    });

    it(`Wolff: the last cluster's sites carry its smallest index, the others -1 (${backend})`, async () => {
      const size = 32;
      const sim = await createSimulation({ size, backend, algorithm: 'wolff', temperature: 2.269, seed: 6 });
      sim.sweep(50);
      const before = sim.spins();
      const { flips } = sim.sweep(1);
      const after = sim.spins();
      const labels = sim.clusterLabels();
      const members = [...labels.keys()].filter((i) => labels[i] !== -1);
      expect(members.length).toBe(flips);
      expect(new Set(members.map((i) => labels[i]))).toEqual(new Set([Math.min(...members)]));
      for (let i = 0; i < labels.length; i++) expect(after[i] !== before[i]).toBe(labels[i] !== -1);
    });
  }
});
