// The flow-direction thresholds of the simple cubic lattice (src/rg/run.ts FLOW_THRESHOLDS.cubic,
// docs/rg-landau.md "Flow direction on the cube"): 2 x 2 x 2 majority blocks of the Ising model,
// L = 16 (16 -> 8 -> 4), Swendsen-Wang. At beta_c = 0.221654626 and at beta = 0.223 (inside the
// finite-size scaling window, (beta/beta_c - 1) L^(1/nu) = 0.5) the flow is critical; the square
// lattice's band |d| < ln sqrt 2 calls beta = 0.223 ordered (the measured drift of the cubic flow at
// beta_c is d = 0.36 at L = 16). Well below and above beta_c the flow runs to the fixed points.
import { describe, expect, it } from 'vitest';
import { createSimulation, CUBIC_CRITICAL_BETA, FLOW_THRESHOLDS, flowDirection, flowRate, rgFlow } from '../src/index.js';

async function run(beta: number, samples: number) {
  const sim = await createSimulation({ lattice: 'cubic', size: 16, beta, seed: 1, algorithm: 'swendsen-wang' });
  const r = rgFlow(sim, { thermalize: 300, samples, patterns: false });
  sim.dispose();
  return r;
}

describe('RG flow direction on the cube', { timeout: 120_000 }, () => {
  it('critical at beta_c and in the finite-size window, where the square thresholds read ordered', async () => {
    for (const beta of [CUBIC_CRITICAL_BETA, 0.223]) {
      const r = await run(beta, 5000);
      expect(r.levels).toBe(2);
      expect(r.direction).toBe('critical');
      const d = flowRate(r.flow)!;
      // the cubic flow drifts up at beta_c: d lies above the square band
      expect(d.rate).toBeGreaterThan(0.3);
      if (beta === 0.223) expect(flowDirection(r.flow, FLOW_THRESHOLDS.square)).toBe('ordered');
    }
  });

  it('ordered and disordered away from beta_c', async () => {
    const below = await run(0.2, 2000);
    const above = await run(0.235, 2000);
    expect([below.direction, above.direction]).toEqual(['disordered', 'ordered']);
    expect(FLOW_THRESHOLDS.cubic.centre).toBeGreaterThan(FLOW_THRESHOLDS.square.centre);
  });
});
