// Block spins of the Potts model (majority of the q states, ties from the RG stream) through rgFlow:
// the flow runs to the ordered fixed point below T_c, to the disordered one above it and stays put
// at T_c; the pattern entropy of the blocks falls with scale below T_c and rises above it.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, coarseGrainPotts, coarseGrainPottsCubic, createSimulation, InvalidOptionError, pottsCriticalTemperature, rgFlow } from '../src/index.js';

async function flow(temperature: number) {
  const sim = await createSimulation({ model: 'potts', q: 3, size: 32, temperature, algorithm: 'heat-bath', seed: 3 });
  return rgFlow(sim, { thermalize: 1000, samples: 1500, every: 2 });
}

describe('Potts RG flow', () => {
  it('flows to the fixed points and crystallises on large scales first', async () => {
    const below = await flow(0.9);
    const at = await flow(pottsCriticalTemperature(3));
    const above = await flow(1.15);
    expect([below.direction, at.direction, above.direction]).toEqual(['ordered', 'critical', 'disordered']);
    expect(below.model).toBe('potts');
    expect(below.mcrg).toBeUndefined();
    const entropy = (r: typeof below) => r.flow.filter((l) => l.patternEntropy).map((l) => l.patternEntropy!.perSpin.mean);
    const [b, a] = [entropy(below), entropy(above)];
    expect(b[b.length - 1]).toBeLessThan(b[0]);
    expect(a[a.length - 1]).toBeGreaterThan(a[0]);
    expect(Math.max(...a)).toBeLessThan(Math.log(3));
  });

  it('builds a pyramid of majority states', async () => {
    const sim = await createSimulation({ model: 'potts', q: 3, size: 16, temperature: 1, seed: 1 });
    const p = blockSpinPyramid(sim, { levels: 2 });
    const [l0, l1] = p.lattices;
    expect(l1).toBeInstanceOf(Uint8Array);
    expect(l1.length).toBe(64);
    // every block state is one of the most frequent states of its 2 x 2 block
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        const counts = [0, 0, 0];
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) counts[l0[(2 * y + dy) * 16 + 2 * x + dx]]++;
        expect(counts[l1[y * 8 + x]]).toBe(Math.max(...counts));
      }
    }
  });

  it('coarse-grains a lattice given as states exactly as the kernels do (coarseGrainPotts), ties included', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      for (const rule of ['majority', 'decimation'] as const) {
        // q = 4 on 2 x 2 blocks at T_c: many ties (2 + 2, 1 + 1 + 1 + 1) for the RG stream to break
        const sim = await createSimulation({ model: 'potts', q: 4, size: 32, temperature: pottsCriticalTemperature(4), seed: 5, backend, algorithm: 'heat-bath' });
        sim.sweep(50);
        const kernel = blockSpinPyramid(sim, { levels: 3, rule, seed: 11 });
        const standalone = coarseGrainPotts(sim.spins(), 4, { levels: 3, rule, seed: 11 });
        expect(standalone.lattices).toEqual(kernel.lattices);
        expect(standalone.ties).toBe(kernel.ties);
        if (rule === 'majority') expect(standalone.ties).toBeGreaterThan(10);
        sim.dispose();
      }
    }
    expect(() => coarseGrainPotts(Uint8Array.from([0, 1, 2, 3]), 3)).toThrow(InvalidOptionError);
    expect(() => coarseGrainPotts(new Uint8Array(15), 3)).toThrow(/L\*L Potts states/);
    expect(() => coarseGrainPotts(new Uint8Array(16), 1)).toThrow(InvalidOptionError);
    expect(() => coarseGrainPotts(new Uint8Array(16), 3, { colour: 1 } as never)).toThrow(/unknown option "colour"/);
  });

  it('coarse-grains a cubic lattice given as states exactly as the kernels do (coarseGrainPottsCubic), 2 x 2 x 2 blocks, ties included', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      for (const rule of ['majority', 'decimation'] as const) {
        // q = 5 near the cubic transition: blocks of 8 sites often tie (4 + 4, 2 + 2 + 2 + 2, ...)
        const sim = await createSimulation({ model: 'potts', q: 5, size: 16, lattice: 'cubic', temperature: 1.2, seed: 8, backend, algorithm: 'heat-bath' });
        sim.sweep(20);
        const kernel = blockSpinPyramid(sim, { levels: 3, rule, seed: 4 });
        const standalone = coarseGrainPottsCubic(sim.spins(), 5, { levels: 3, rule, seed: 4 });
        expect(standalone.sizes).toEqual([16, 8, 4, 2]);
        expect(standalone.lattices.map((l) => l.length)).toEqual([4096, 512, 64, 8]);
        expect(standalone.lattices).toEqual(kernel.lattices);
        expect(standalone.ties).toBe(kernel.ties);
        if (rule === 'majority') expect(standalone.ties).toBeGreaterThan(10);
        sim.dispose();
      }
    }
    expect(() => coarseGrainPottsCubic(new Uint8Array(16), 3)).toThrow(/L\*L\*L Potts states/);
    expect(() => coarseGrainPottsCubic(Uint8Array.from({ length: 27 }, () => 3), 3)).toThrow(InvalidOptionError);
  });
});
