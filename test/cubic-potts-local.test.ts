// Local updates of the q-state Potts model on the cubic lattice (assembly/potts-cubic.ts and its
// JavaScript twin src/models/potts/cubic-local.ts): Metropolis, heat bath and the hybrids on the
// 2 x 2 x 2 cube against the exact sum over its q^8 states (doubled bonds), with and without a
// field; WebAssembly and JavaScript bit for bit (the heat bath's "other states" branch needs
// q > the distinct neighbour states: q = 5 and 10 at L = 4, 6); and, at L = 4 where every neighbour
// is distinct, local and cluster updates agreeing.
import { describe, expect, it } from 'vitest';
import { createSimulation, pottsCubeMoments } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';
import { zScore } from './helpers/core.js';

const NAMES = ['energy', 'specificHeat', 'absMagnetization', 'magnetization2', 'magnetization4'] as const;

describe('Potts local updates on the cubic lattice', () => {
  it.each([
    [3, 1.5, 0, 'metropolis'],
    [3, 2.5, 0.3, 'heat-bath'],
    [4, 1.8, -0.4, 'metropolis'],
    [4, 2.0, 0.5, 'heat-bath'],
    [3, 1.3, 0, 'hybrid'],
  ] as const)('q = %d, T = %d, h = %d, %s on the cube vs the exact sum', async (q, temperature, field, algorithm) => {
    const sim = await createSimulation({ model: 'potts', q, lattice: 'cubic', size: 2, temperature, field, algorithm, seed: 5, backend: 'wasm' });
    const m = sim.measure({ thermalize: 500, sweeps: 40_000 });
    const exact = pottsCubeMoments(q, 1 / temperature, field);
    for (const name of NAMES) {
      const o = m.observables[name];
      expect(Math.abs(zScore(o, exact[name])), `${name}: ${o.mean} +- ${o.error}, exact ${exact[name]}`).toBeLessThan(4);
    }
  });

  it.each([
    ['metropolis q=3 L=4 h=0.2', { q: 3, size: 4, temperature: 1.8, field: 0.2, algorithm: 'metropolis' }],
    ['metropolis q=10 L=6', { q: 10, size: 6, temperature: 1.2, algorithm: 'metropolis' }],
    ['heat-bath q=5 L=4 h=-0.3', { q: 5, size: 4, temperature: 1.6, field: -0.3, algorithm: 'heat-bath' }],
    ['heat-bath q=10 L=6 h=0.4', { q: 10, size: 6, temperature: 1.1, field: 0.4, algorithm: 'heat-bath' }],
    ['hybrid (2 sweeps + swendsen-wang) q=3 L=4', { q: 3, size: 4, temperature: 1.8, algorithm: 'hybrid', hybridSweeps: 2, hybridCluster: 'swendsen-wang' }],
  ] as [string, SimulationOptions][])('%s: WASM and JS bit for bit', async (_label, options) => {
    const wasm = await createSimulation({ ...options, model: 'potts', lattice: 'cubic', seed: 9, backend: 'wasm' });
    const js = await createSimulation({ ...options, model: 'potts', lattice: 'cubic', seed: 9, backend: 'js' });
    for (const n of [1, 7, 40, 300]) {
      expect(wasm.sweep(n)).toEqual(js.sweep(n));
      expect(wasm.spins()).toEqual(js.spins());
    }
    const a = wasm.measure({ sweeps: 100, keepSeries: true });
    const b = js.measure({ sweeps: 100, keepSeries: true });
    expect(a.series).toEqual(b.series);
    expect(a.observables).toEqual(b.observables);
    // the energy the kernel kept against a recount from the spins: e = -Nb / N over the 3N bonds
    const spins = wasm.spins() as Uint8Array;
    const L = options.size!;
    let nb = 0;
    for (let z = 0; z < L; z++) {
      for (let y = 0; y < L; y++) {
        for (let x = 0; x < L; x++) {
          const s = spins[(z * L + y) * L + x];
          nb += +(s === spins[(z * L + y) * L + ((x + 1) % L)]) + +(s === spins[(z * L + ((y + 1) % L)) * L + x]) + +(s === spins[(((z + 1) % L) * L + y) * L + x]);
        }
      }
    }
    const h = options.field ?? 0;
    const n0 = spins.filter((s) => s === 0).length;
    expect(a.series!.energy.at(-1)).toBeCloseTo(-(nb + h * n0) / L ** 3, 12);
  });

  it('L = 4, q = 5: Metropolis and heat bath agree with Swendsen-Wang within 4 errors', async () => {
    const run = async (algorithm: 'metropolis' | 'heat-bath' | 'swendsen-wang') => {
      const sim = await createSimulation({ model: 'potts', q: 5, lattice: 'cubic', size: 4, temperature: 1.6, algorithm, seed: 21, backend: 'wasm' });
      return sim.measure({ thermalize: 1000, sweeps: 30_000 });
    };
    const [metropolis, heatBath, sw] = [await run('metropolis'), await run('heat-bath'), await run('swendsen-wang')];
    for (const local of [metropolis, heatBath]) {
      for (const name of ['energy', 'magnetization2'] as const) {
        const x = local.observables[name];
        const y = sw.observables[name];
        expect(Math.abs(x.mean - y.mean) / Math.hypot(x.error, y.error), `${local.algorithm} ${name}: ${x.mean} +- ${x.error} vs ${y.mean} +- ${y.error}`).toBeLessThan(4);
      }
    }
  });
});
