// The Ising cluster kernels keep B = sum_<ij> s_i s_j and M = sum_i s_i exactly while they move clusters
// (the engine's marker bookkeeping, assembly/cluster-engine.ts): after every call, on both backends,
// the counters equal those recomputed from the spins, on small and odd lattices (where a site's
// neighbours repeat), with and without a field, and through rejected moves.
import { describe, expect, it } from 'vitest';
import { clusterThresholds } from '../src/cluster/thresholds.js';
import { seedState } from '../src/rng.js';
import type { ClusterStep } from '../src/vocabulary.js';
import { bothKernels } from './helpers/core.js';

function recount(spins: Int8Array, size: number): [number, number] {
  let b = 0;
  let m = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = spins[y * size + x];
      b += s * (spins[y * size + ((x + 1) % size)] + spins[((y + 1) % size) * size + x]);
      m += s;
    }
  }
  return [b, m];
}

const CASES: [number, number, number, ClusterStep][] = [
  [2, 1.5, 0, { cluster: 'wolff', clustersPerStep: 1, localSweeps: 0 }],
  [3, 2.0, 0, { cluster: 'wolff', clustersPerStep: 2, localSweeps: 0 }],
  [3, 2.0, 0.4, { cluster: 'wolff', clustersPerStep: 1, localSweeps: 0 }],
  [5, 2.3, -0.2, { cluster: 'wolff', clustersPerStep: 3, localSweeps: 0 }],
  [16, 2.27, 0, { cluster: 'wolff', clustersPerStep: 1, localSweeps: 0 }],
  [6, 0.4, 0, { cluster: 'wolff', clustersPerStep: 1, localSweeps: 0 }],
  [3, 2.0, 0.3, { cluster: 'swendsen-wang', clustersPerStep: 1, localSweeps: 0 }],
  [7, 2.27, 0, { cluster: 'swendsen-wang', clustersPerStep: 1, localSweeps: 0 }],
  [9, 1.8, -0.5, { cluster: 'swendsen-wang', clustersPerStep: 1, localSweeps: 0 }],
];

describe('Ising cluster kernels: exact B and M', () => {
  it.each(CASES)('L=%d T=%d h=%d %o', async (size, temperature, field, step) => {
    const kernels = await bothKernels(size);
    const t = clusterThresholds(1 / temperature, field);
    for (const k of kernels) {
      k.setRngState(seedState(size * 1000 + Math.round(temperature * 100)));
      k.fill('hot');
      expect(k.reserveClusters()).toBe(true);
      k.setClusterThresholds(t.bond, t.ghost, t.fieldSign);
    }
    let moved = 0;
    for (let call = 0; call < 40; call++) {
      for (const k of kernels) {
        moved += k.clusterSweep(step, 1 + (call % 5)).clusterFlips;
        expect([k.bondSum, k.magnetization], `${k.backend} after call ${call}`).toEqual(recount(k.readSpins(), size));
      }
      expect(kernels[0].readSpins()).toEqual(kernels[1].readSpins());
    }
    expect(moved).toBeGreaterThan(0);
  });
});
