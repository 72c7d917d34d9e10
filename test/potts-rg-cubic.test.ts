// Potts block spins on the simple cubic lattice: b x b x b majority with its tie draws replayed from
// the definition (blocks Z, Y, X; the j-th smallest tied state, j = floor(r t / 2^32)), both backends
// bit for bit, q = 2 equal to the Ising pyramid, the 3D operator sums against the Ising ones, and
// rgFlow identical on both backends.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, coarseGrainCubic, createSimulation, rgFlow, seedState, Xoshiro128 } from '../src/index.js';
import { TWO_POW_32 } from '../src/thresholds.js';
import { measureLevel3 } from '../src/models/ising/rg-js.js';
import { RG_OPERATORS } from '../src/backend/rg-types.js';
import { pottsOperators } from '../src/rg/potts.js';

/** The majority level of an n^3 lattice of states, from the definition. */
function directMajority(s: Uint8Array, n: number, b: number, rng: Xoshiro128): { level: Uint8Array; ties: number } {
  const m = n / b;
  const level = new Uint8Array(m ** 3);
  let ties = 0;
  for (let Z = 0; Z < m; Z++)
    for (let Y = 0; Y < m; Y++)
      for (let X = 0; X < m; X++) {
        const counts = new Map<number, number>();
        for (let dz = 0; dz < b; dz++)
          for (let dy = 0; dy < b; dy++)
            for (let dx = 0; dx < b; dx++) {
              const v = s[((b * Z + dz) * n + b * Y + dy) * n + b * X + dx];
              counts.set(v, (counts.get(v) ?? 0) + 1);
            }
        const most = Math.max(...counts.values());
        const tied = [...counts.keys()].filter((v) => counts.get(v) === most).sort((u, v) => u - v);
        let state = tied[0];
        if (tied.length > 1) {
          state = tied[Math.floor((rng.next() * tied.length) / TWO_POW_32)];
          ties++;
        }
        level[(Z * m + Y) * m + X] = state;
      }
  return { level, ties };
}

describe('Potts block spins on the simple cubic lattice', { timeout: 120_000 }, () => {
  it.each([
    [3, 8, 2, 2],
    [4, 8, 2, 2],
    [5, 6, 3, 1],
  ])('q=%d L=%d b=%d levels=%d: both backends build the majority pyramid of the definition, ties from the RG stream', async (q, L, b, levels) => {
    const sims = await Promise.all(
      (['wasm', 'js'] as const).map((backend) => createSimulation({ model: 'potts', q, lattice: 'cubic', size: L, beta: 0.4, seed: 6, backend })),
    );
    for (let round = 0; round < 2; round++) {
      for (const sim of sims) sim.sweep(3);
      const states = sims[0].spins() as Uint8Array;
      expect(sims[1].spins()).toEqual(states);
      const [pw, pj] = sims.map((sim) => blockSpinPyramid(sim, { blockSize: b, levels, seed: 17 + round }));
      expect(pj).toEqual(pw);
      const rng = new Xoshiro128(seedState(17 + round));
      let level = states;
      let ties = 0;
      for (let k = 1, n = L; k <= levels; k++, n /= b) {
        const next = directMajority(level, n, b, rng);
        expect(pw.lattices[k], `level ${k}`).toEqual(next.level);
        ties += next.ties;
        level = next.level;
      }
      expect(pw.ties).toBe(ties);
      if (b === 2) expect(ties).toBeGreaterThan(0);
    }
  });

  it('q = 2: the Potts pyramid is the Ising one (state 1 = +1) with the same RG stream, and nn, nnn, nn3, |M| are the Ising sums', async () => {
    const sim = await createSimulation({ model: 'potts', q: 2, lattice: 'cubic', size: 8, beta: 0.3, seed: 3, backend: 'wasm' });
    sim.sweep(5);
    const potts = blockSpinPyramid(sim, { levels: 2, seed: 5 });
    const ising = coarseGrainCubic(
      Int8Array.from(potts.lattices[0], (s) => 2 * s - 1),
      { levels: 2, seed: 5 },
    );
    expect(potts.ties).toBe(ising.ties);
    potts.lattices.forEach((l, k) =>
      expect(
        Int8Array.from(l, (s) => 2 * s - 1),
        `level ${k}`,
      ).toEqual(ising.lattices[k]),
    );
    for (const [k, n] of [8, 4, 2].entries()) {
      const p = new Float64Array(RG_OPERATORS);
      const i = new Float64Array(RG_OPERATORS);
      pottsOperators(potts.lattices[k], n, 2, p, 0, 3);
      measureLevel3(ising.lattices[k], n, i, 0);
      for (const a of [0, 1, 3]) expect(p[a], `level ${k} operator ${a}`).toBe(i[a]);
      expect(p[4]).toBe(Math.abs(i[4]));
    }
  });

  it('rgFlow of the 3-state Potts model on the cube: identical on both backends, 3^8 patterns counted', async () => {
    const run = async (backend: 'wasm' | 'js') => {
      const sim = await createSimulation({ model: 'potts', q: 3, lattice: 'cubic', size: 8, beta: 0.55, seed: 2, backend });
      const r = rgFlow(sim, { samples: 100, thermalize: 10, levels: 2 });
      return { ...r, backend: undefined };
    };
    const wasm = await run('wasm');
    expect(wasm).toEqual(await run('js'));
    expect(wasm.flow.map((l) => l.size)).toEqual([8, 4, 2]);
    expect(wasm.flow[0].patternEntropy).toBeDefined();
    expect(wasm.mcrg).toBeUndefined();
  });
});
