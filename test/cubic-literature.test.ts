// The 3D Ising model on the cubic lattice against the literature (src/exact/cubic.ts): Wolff runs at
// L = 8 and 16 near beta_c = 0.221654626(5) (Ferrenberg, Xu and Landau 2018).
// - The Binder cumulants of L = 8 and 16 cross within 0.9% of beta_c: U4(16) - U4(8) is negative at
//   beta_c (1 - 0.009) and positive at beta_c (1 + 0.009), each by more than 4 errors.
// - At beta_c, U4(L = 16) lies within 0.03 of U4* = 1 - Q*/3 = 0.46547 (Hasenbusch 2010; the
//   allowance covers the corrections to scaling at L = 16), far from the 2D value 0.61069.
// - chi' = N beta <m^2> grows as L^(gamma/nu): log2(chi'(16) / chi'(8)) at beta_c within 4 errors
//   plus 0.03 of gamma/nu = 2 - eta = 1.9637 (Kos et al. 2016), and away from the 2D 7/4.
// - xi_2nd / L at beta_c, L = 16, within 4 errors plus 0.02 of (xi_2nd / L)* = 0.6431 (Hasenbusch 2010).
// 2 x 10^4 steps of L/4 clusters each: a few seconds.
import { describe, expect, it } from 'vitest';
import { CUBIC_CRITICAL_BETA, CUBIC_CRITICAL_BINDER_RATIO, CUBIC_CRITICAL_XI_OVER_L, ISING_3D_GAMMA_OVER_NU, createSimulation } from '../src/index.js';
import type { Measurement } from '../src/index.js';

async function run(size: number, beta: number): Promise<Measurement> {
  const sim = await createSimulation({ lattice: 'cubic', size, beta, algorithm: 'wolff', clustersPerStep: size / 4, seed: 7, backend: 'wasm' });
  const m = sim.measure({ thermalize: 500, sweeps: 20_000, correlations: beta === CUBIC_CRITICAL_BETA ? { every: 4 } : false });
  sim.dispose();
  return m;
}

describe('cubic Ising model vs the literature', () => {
  it('Binder crossing, U4* and gamma/nu of L = 8 and 16 at beta_c', async () => {
    const betas = [CUBIC_CRITICAL_BETA * 0.991, CUBIC_CRITICAL_BETA, CUBIC_CRITICAL_BETA * 1.009];
    const small = await Promise.all(betas.map((b) => run(8, b)));
    const large = await Promise.all(betas.map((b) => run(16, b)));
    const difference = (k: number) => {
      const a = large[k].observables.binder;
      const b = small[k].observables.binder;
      return { mean: a.mean - b.mean, error: Math.hypot(a.error, b.error) };
    };
    const below = difference(0);
    const above = difference(2);
    expect(below.mean / below.error, `U4(16) - U4(8) at 0.991 beta_c: ${below.mean} +- ${below.error}`).toBeLessThan(-4);
    expect(above.mean / above.error, `U4(16) - U4(8) at 1.009 beta_c: ${above.mean} +- ${above.error}`).toBeGreaterThan(4);

    const uStar = 1 - CUBIC_CRITICAL_BINDER_RATIO / 3;
    const u16 = large[1].observables.binder;
    expect(Math.abs(u16.mean - uStar), `U4(16) = ${u16.mean} +- ${u16.error}, U4* = ${uStar}`).toBeLessThan(0.03);

    const c16 = large[1].observables.susceptibilityFull;
    const c8 = small[1].observables.susceptibilityFull;
    const slope = Math.log2(c16.mean / c8.mean);
    const error = Math.hypot(c16.error / c16.mean, c8.error / c8.mean) / Math.LN2;
    expect(Math.abs(slope - ISING_3D_GAMMA_OVER_NU), `gamma/nu from L = 8, 16: ${slope} +- ${error}`).toBeLessThan(4 * error + 0.03);
    expect(Math.abs(slope - 1.75)).toBeGreaterThan(0.15);

    const xi = large[1].correlations!.correlationLength;
    expect(Math.abs(xi.mean / 16 - CUBIC_CRITICAL_XI_OVER_L), `xi_2nd / L at L = 16: ${xi.mean / 16} +- ${xi.error / 16}`).toBeLessThan(4 * (xi.error / 16) + 0.02);
  });
});
