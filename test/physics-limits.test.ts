// Limits: far below Tc the lattice orders (|m| -> spontaneous magnetization, e -> -2),
// far above it disorders (|m| ~ 1/sqrt(N), e -> 0), and a strong field aligns the spins.
import { describe, expect, it } from 'vitest';
import { createSimulation, onsagerMagnetization } from '../src/index.js';

describe('limits', () => {
  for (const backend of ['wasm', 'js'] as const) {
    // From a cold start: a hot start quenched to T = 1 often freezes into long-lived stripes
    // (two domain walls around the torus), which is physics, not a limit.
    it(`T = 1.0 is ordered (${backend})`, async () => {
      const sim = await createSimulation({ size: 32, temperature: 1.0, backend, seed: 5, start: 'cold', algorithm: 'heat-bath' });
      const m = sim.measure({ thermalize: 3000, sweeps: 2000 });
      // Exact infinite-lattice values at T = 1: |m| = 0.99927, e = -1.99715; finite-size corrections are exponentially small.
      expect(m.observables.absMagnetization.mean).toBeGreaterThan(0.995);
      expect(Math.abs(m.observables.absMagnetization.mean - onsagerMagnetization(1.0))).toBeLessThan(0.002);
      expect(m.observables.energy.mean).toBeLessThan(-1.99);
      expect(m.observables.binder.mean).toBeGreaterThan(0.666);
    });

    it(`T = 50 is disordered (${backend})`, async () => {
      const sim = await createSimulation({ size: 32, temperature: 50, backend, seed: 6, start: 'cold' });
      const m = sim.measure({ thermalize: 100, sweeps: 2000 });
      // High-temperature series: e = -2 tanh(1/T) ~ -0.04, <m^2> ~ chi T / N ~ 1/N.
      expect(Math.abs(m.observables.energy.mean - -2 * Math.tanh(1 / 50))).toBeLessThan(5 * m.observables.energy.error);
      expect(m.observables.absMagnetization.mean).toBeLessThan(0.05);
      expect(Math.abs(m.observables.binder.mean)).toBeLessThan(0.1);
    });

    it(`a strong field aligns the spins along it (${backend})`, async () => {
      const sim = await createSimulation({ size: 16, temperature: 2.0, field: -3, backend, seed: 7, start: 'cold' });
      sim.sweep(200);
      expect(sim.magnetization()).toBeLessThan(-0.99);
    });
  }
});
