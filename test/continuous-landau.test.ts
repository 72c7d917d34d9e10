// The Mexican hat from data: F(m) = -ln P(m) / N of the vector magnetization of the XY model is
// lowest on a ring |m| = m* > 0 at low temperature (shape 'ring', with a barrier at the centre) and a
// single well at high temperature; the Heisenberg model's (n = 3) is a shell; the map F(m_x, m_y) is given for n = 2.
import { describe, expect, it } from 'vitest';
import { createSimulation, landau, type SimulationOptions } from '../src/index.js';

async function profile(options: SimulationOptions) {
  const sim = await createSimulation({ size: 8, algorithm: 'wolff', seed: 4, ...options });
  return landau(sim, { thermalize: 1000, sweeps: 20000 });
}

describe('Landau view of continuous spins', () => {
  it('XY: a ring at T = 0.5, a single well at T = 2', async () => {
    const low = await profile({ model: 'xy', temperature: 0.5 });
    expect(low.orderParameter).toBe('vector');
    expect(low.components).toBe(2);
    expect(low.shape).toBe('ring');
    expect(low.fit?.minimum).toBeGreaterThan(0.7);
    expect(low.map?.F.length).toBeGreaterThan(0);
    const high = await profile({ model: 'xy', temperature: 2 });
    expect(high.shape).toBe('single-well');
  });

  it('Heisenberg: a shell at T = 0.3 (n = 3, no map)', async () => {
    const r = await profile({ model: 'heisenberg', temperature: 0.3 });
    expect(r.components).toBe(3);
    expect(r.shape).toBe('ring');
    expect(r.map).toBeUndefined();
  });
});
