// Feature detection: the default core is the SIMD build where WebAssembly SIMD validates, else
// the scalar build; the simulation says which engine ran, and both give the same lattice.
import { describe, expect, it, vi } from 'vitest';
import { createSimulation, simdSupported } from '../src/index.js';

describe('SIMD feature detection', () => {
  it('picks the SIMD core here and the scalar core where SIMD does not validate', async () => {
    expect(simdSupported()).toBe(true);
    const simd = await createSimulation({ size: 32, seed: 5 });
    expect(simd.engine).toBe('wasm-simd');
    const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      expect(simdSupported()).toBe(false);
      const scalar = await createSimulation({ size: 32, seed: 5 });
      expect(scalar.backend).toBe('wasm');
      expect(scalar.engine).toBe('wasm-scalar');
      expect(scalar.fallbackReason).toBeUndefined();
      simd.sweep(10);
      scalar.sweep(10);
      expect(scalar.spins()).toEqual(simd.spins());
    } finally {
      validate.mockRestore();
    }
  });
});
