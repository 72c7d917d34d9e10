// The correlation kernel: WebAssembly and JavaScript give the same integers, and those integers
// are the documented C(r), row sums and column sums (checked against a naive computation).
import { describe, expect, it } from 'vitest';
import { correlationValues } from '../src/backend/correlation-js.js';
import { seedState } from '../src/rng.js';
import { heatBathThresholds, metropolisThresholds } from '../src/thresholds.js';
import { createSimulation } from '../src/index.js';
import { bothKernels } from './helpers/core.js';

/** C(r) = sum_i s_i (s_{i+r x} + s_{i+r y}), row sums, column sums, written the slow obvious way. */
function naive(spins: Int8Array, L: number): Int32Array {
  const out = new Int32Array(correlationValues(L));
  const at = (x: number, y: number) => spins[((y + L) % L) * L + ((x + L) % L)];
  for (let r = 0; r <= L / 2; r++) {
    for (let y = 0; y < L; y++) for (let x = 0; x < L; x++) out[r] += at(x, y) * (at(x + r, y) + at(x, y + r));
  }
  for (let y = 0; y < L; y++) for (let x = 0; x < L; x++) {
    out[L / 2 + 1 + y] += at(x, y);
    out[L / 2 + 1 + L + x] += at(x, y);
  }
  return out;
}

describe('correlation kernel', () => {
  it.each([2, 4, 6, 16, 18, 30, 34, 64])('L=%d: WebAssembly = JavaScript = definition', async (L) => {
    const [wasm, js] = await bothKernels(L);
    for (const k of [wasm, js]) {
      k.setRngState(seedState(L));
      k.fill('hot');
      k.setThresholds(metropolisThresholds(0.44, 0.1), heatBathThresholds(0.44, 0.1));
    }
    for (const sweeps of [0, 1, 5, 40]) {
      wasm.sweep('metropolis', sweeps);
      js.sweep('metropolis', sweeps);
      const a = new Int32Array(correlationValues(L));
      const b = new Int32Array(correlationValues(L));
      wasm.correlations(a);
      js.correlations(b);
      expect(a).toEqual(b);
      expect(a).toEqual(naive(js.readSpins(), L));
      expect(a[0]).toBe(2 * L * L);
    }
    // Measuring does not touch the lattice or the random stream.
    expect(wasm.readSpins()).toEqual(js.readSpins());
    expect(wasm.getRngState()).toEqual(js.getRngState());
  });

  it('measure({ correlations }) gives identical results on both backends', async () => {
    const options = { size: 12, temperature: 2.3, seed: 8, start: 'hot' } as const;
    const results = [];
    for (const backend of ['wasm', 'js'] as const) {
      const sim = await createSimulation({ ...options, backend });
      results.push(sim.measure({ thermalize: 100, sweeps: 3000, correlations: { every: 3 }, histograms: true }));
      sim.dispose();
    }
    expect(results[0].correlations).toEqual(results[1].correlations);
    expect(results[0].histograms).toEqual(results[1].histograms);
    expect(results[0].observables).toEqual(results[1].observables);
    expect(results[0].correlations!.samples).toBe(1000);
  });
});
