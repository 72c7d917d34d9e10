// The operator sums measured on every block level, against their definitions evaluated by brute
// force with modular indices, including the small lattices (2 x 2, 3 x 3) where neighbours wrap
// onto each other.
import { describe, expect, it } from 'vitest';
import { JsBlockSpinKernel, measureLevel } from '../src/models/ising/rg-js.js';
import { RG_OPERATORS, RG_OPERATOR_NAMES } from '../src/backend/rg-types.js';
import { createSimulation } from '../src/index.js';
import { kernelOf } from '../src/simulation.js';
import { seedState, Xoshiro128 } from '../src/rng.js';

/** Every operator from its definition (see src/backend/rg-types.ts). */
function bruteForce(s: Int8Array, n: number): Record<string, number> {
  const at = (x: number, y: number) => s[(((y % n) + n) % n) * n + (((x % n) + n) % n)];
  const out = { nn: 0, nnn: 0, plaquette: 0, nn3: 0, magnetization: 0, plaquette3: 0, row3: 0 };
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const a = at(x, y), b = at(x + 1, y), c = at(x, y + 1), d = at(x + 1, y + 1);
      out.magnetization += a;
      out.nn += a * b + a * c;
      out.nnn += a * d + a * at(x + 1, y - 1);
      out.plaquette += a * b * c * d;
      out.plaquette3 += a * b * c + a * b * d + a * c * d + b * c * d;
      out.nn3 += a * at(x + 2, y) + a * at(x, y + 2);
      out.row3 += at(x - 1, y) * a * b + at(x, y - 1) * a * c;
    }
  }
  return out;
}

describe('operator sums', () => {
  it.each([2, 3, 4, 5, 8, 13])('match their definitions on random %d x %d lattices', (n) => {
    const g = new Xoshiro128(seedState(n));
    for (let trial = 0; trial < 20; trial++) {
      const s = Int8Array.from({ length: n * n }, () => (g.next() >>> 30 ? 1 : -1));
      const out = new Float64Array(RG_OPERATORS);
      measureLevel(s, n, out, 0);
      const expected = bruteForce(s, n);
      RG_OPERATOR_NAMES.forEach((name, a) => expect(out[a], name).toBe(expected[name]));
    }
  });

  it('the WebAssembly kernel measures the same sums on every level', async () => {
    const sim = await createSimulation({ size: 24, temperature: 2.5, seed: 8, backend: 'wasm' });
    sim.sweep(10);
    const kernel = kernelOf(sim, 'test').blockSpins!();
    kernel.configure(2, 3, false);
    kernel.build('majority');
    const ops = new Float64Array(4 * RG_OPERATORS);
    kernel.measure(ops);
    [24, 12, 6, 3].forEach((n, k) => {
      const expected = bruteForce(kernel.readLevel(k), n);
      RG_OPERATOR_NAMES.forEach((name, a) => expect(ops[k * RG_OPERATORS + a], `level ${k} ${name}`).toBe(expected[name]));
    });
  });

  it('an all-up lattice: every operator at its maximum', () => {
    const kernel = new JsBlockSpinKernel(() => new Int8Array(36).fill(1), 6);
    kernel.configure(3, 1, true);
    kernel.build('majority');
    const ops = new Float64Array(2 * RG_OPERATORS);
    kernel.measure(ops);
    expect(Array.from(ops.slice(0, 7))).toEqual([72, 72, 36, 72, 36, 144, 72]);
    expect(Array.from(ops.slice(7))).toEqual([8, 8, 4, 8, 4, 16, 8]);
    const patterns = new Uint32Array(512);
    kernel.readPatterns(patterns);
    expect(patterns[511]).toBe(4);
  });
});
