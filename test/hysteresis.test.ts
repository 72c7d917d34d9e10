// Hysteresis ramps (src/hysteresis.ts): heating then cooling on one lattice. Through the first-order
// transition of the q = 10 Potts model the branches part and the loop has a clear area, of the
// order of Baxter's latent heat times the metastable width; for the continuous q = 2 and Ising
// transitions the loop of a slow ramp is small and shrinks as the ramp slows. Deterministic per seed.
import { describe, expect, it } from 'vitest';
import { hysteresis, pottsLatentHeat, InvalidOptionError } from '../src/index.js';

describe('hysteresis', () => {
  it('opens a loop at the first-order transition of q = 10', async () => {
    const r = await hysteresis({ model: 'potts', q: 10, size: 24, temperatures: { from: 0.66, to: 0.75, step: 0.01 }, sweeps: 300, seed: 1 });
    expect(r.temperatures).toHaveLength(10);
    // the heating branch stays ordered past T_t = 0.7012, the cooling branch disordered below it
    const at = r.temperatures.indexOf(0.7);
    expect(r.heating.orderParameter[at].mean).toBeGreaterThan(0.7);
    expect(r.cooling.orderParameter[at].mean).toBeLessThan(0.4);
    expect(r.cooling.energy[at].mean - r.heating.energy[at].mean).toBeGreaterThan(0.5 * pottsLatentHeat(10));
    expect(r.loopArea.energy.mean).toBeGreaterThan(0.02);
    expect(r.loopArea.orderParameter.mean).toBeGreaterThan(0.02);
    // the same seed gives the same ramp
    const again = await hysteresis({ model: 'potts', q: 10, size: 24, temperatures: { from: 0.66, to: 0.75, step: 0.01 }, sweeps: 300, seed: 1, backend: 'js' });
    expect(again.heating).toEqual(r.heating);
  });

  it('closes as the ramp slows through a continuous transition (Ising)', async () => {
    const ramp = (sweeps: number) => hysteresis({ size: 32, temperatures: { from: 2.0, to: 2.6, step: 0.05 }, sweeps, repeats: 3, seed: 4 });
    const fast = await ramp(20);
    const slow = await ramp(500);
    expect(slow.loopArea.energy.mean).toBeLessThan(fast.loopArea.energy.mean);
    expect(Math.abs(slow.loopArea.energy.mean)).toBeLessThan(0.01);
    expect(slow.loopArea.energy.error).toBeGreaterThan(0);
  });

  it('refuses what a ramp cannot take', async () => {
    await expect(hysteresis({ size: 8, temperatures: [2] })).rejects.toThrow(/at least two temperatures/);
    await expect(hysteresis({ size: 8, temperatures: [2, 3], temperature: 2 } as never)).rejects.toThrow(InvalidOptionError);
    await expect(hysteresis({ size: 8, temperatures: [2, 3], sweeps: 0 })).rejects.toThrow(/"sweeps"/);
    await expect(hysteresis({ size: 8, temperatures: [3, 2] })).rejects.toThrow(/strictly increasing/);
  });
});
