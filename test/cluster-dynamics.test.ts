// Critical slowing down, small version (L = 8, 16, 32 at Tc; 10^5 Metropolis sweeps, 2 x 10^4 cluster
// steps a point): Metropolis tau_int grows roughly as L^2 (z above 1), Wolff and Swendsen-Wang much
// more slowly (z below 1), each with 3 standard errors of the fitted z to spare. docs/algorithms.md records
// a longer run (L = 8..128).
import { describe, expect, it } from 'vitest';
import { criticalSlowingDown } from '../src/index.js';

describe('criticalSlowingDown()', () => {
  it('tau_int and z at Tc: Metropolis slows down critically, cluster algorithms hardly at all', async () => {
    const local = await criticalSlowingDown({ sizes: [8, 16, 32], algorithms: ['metropolis'], steps: 100_000, backend: 'wasm', seed: 3 });
    const cluster = await criticalSlowingDown({ sizes: [8, 16, 32], algorithms: ['wolff', 'swendsen-wang'], steps: 20_000, backend: 'wasm', seed: 3 });
    const r = { points: [...local.points, ...cluster.points], fits: [...local.fits, ...cluster.fits] };
    expect(r.points.map((p) => `${p.algorithm}:${p.size}`)).toEqual([
      'metropolis:8', 'metropolis:16', 'metropolis:32', 'wolff:8', 'wolff:16', 'wolff:32', 'swendsen-wang:8', 'swendsen-wang:16', 'swendsen-wang:32',
    ]);
    for (const p of r.points) {
      if (p.algorithm === 'wolff') {
        // A Wolff cluster at Tc covers a fraction of the lattice that shrinks with L (<|C|>/N ~ L^(-1/4)).
        expect(p.sweepsPerStep).toBeGreaterThan(0.2);
        expect(p.sweepsPerStep).toBeLessThan(0.8);
      } else {
        expect(p.sweepsPerStep).toBe(1);
      }
      expect(p.tau.absMagnetization.converged && p.tau.energy.converged, `${p.algorithm} L=${p.size}`).toBe(true);
      expect(p.tau.absMagnetization.sweeps).toBeCloseTo(p.tau.absMagnetization.steps * p.sweepsPerStep, 10);
    }
    const metropolis = r.points.filter((p) => p.algorithm === 'metropolis').map((p) => p.tau.absMagnetization.sweeps);
    expect(metropolis[1] / metropolis[0]).toBeGreaterThan(2);
    expect(metropolis[2] / metropolis[1]).toBeGreaterThan(2);
    const z = (algorithm: string, observable: string) => r.fits.find((f) => f.algorithm === algorithm && f.observable === observable)!;
    expect(r.fits).toHaveLength(6);
    const zm = z('metropolis', 'absMagnetization');
    expect(zm.z - 3 * zm.zError, `Metropolis z = ${zm.z} +- ${zm.zError}`).toBeGreaterThan(1);
    for (const algorithm of ['wolff', 'swendsen-wang']) {
      for (const observable of ['absMagnetization', 'energy']) {
        const f = z(algorithm, observable);
        expect(f.points).toBe(3);
        expect(f.z + 3 * f.zError, `${algorithm} ${observable}: z = ${f.z} +- ${f.zError}`).toBeLessThan(1);
      }
    }
  }, 60_000);
});
