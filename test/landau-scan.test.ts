// Where the single well turns into a double well: T*(L), the zero of the quartic Landau
// coefficient a2(T), lies above Tc and moves towards it as L grows (T* - Tc ~ 1/L in 2D).
// Small lattices (8, 16), 2 x 10^4 sweeps per temperature.
import { describe, expect, it } from 'vitest';
import { CRITICAL_TEMPERATURE, landauScan } from '../src/index.js';

describe('symmetry-breaking temperature per size', { timeout: 60_000 }, () => {
  it('T*(16) < T*(8), both above Tc, with (T* - Tc) L of the same order', async () => {
    const r = await landauScan({
      sizes: [8, 16],
      temperatures: (L) => Array.from({ length: 8 }, (_, i) => CRITICAL_TEMPERATURE + (2 + i) / L),
      sweeps: 20_000,
      thermalize: 1000,
      seed: 4,
      backend: 'wasm',
    });
    const [c8, c16] = r.sizes.map((s) => s.crossover);
    expect(c8.state).toBe('estimated');
    expect(c16.state).toBe('estimated');
    if (c8.state !== 'estimated' || c16.state !== 'estimated') return;
    expect((c16.shift.mean - 0) / c16.shift.error).toBeGreaterThan(4);
    expect((c8.temperature.mean - c16.temperature.mean) / Math.hypot(c8.temperature.error, c16.temperature.error)).toBeGreaterThan(4);
    // both scaled shifts between 3 and 8 (about 5 for these sizes)
    for (const c of [c8, c16]) expect(c.scaledShift.mean > 3 && c.scaledShift.mean < 8, JSON.stringify(c)).toBe(true);
    expect(r.shiftExponents).toHaveLength(1);
    expect(r.shiftExponents[0].exponent.mean).toBeGreaterThan(0.5);
    // the bracket holds a double-well-side and a single-well-side point, in order
    expect(c16.bracket[0]).toBeLessThan(c16.bracket[1]);
  });
});
