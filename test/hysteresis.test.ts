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

  it('reports every point as it is measured (onPoint), heating up then cooling down, without changing the run', async () => {
    const points: { branch: string; index: number; temperature: number; energy: number; orderParameter: number; repeat: number }[] = [];
    const options = { model: 'potts' as const, q: 3, size: 8, temperatures: [0.9, 1.0, 1.1], sweeps: 20, repeats: 2, seed: 3 };
    const r = await hysteresis({ ...options, onPoint: (p) => points.push(p) });
    expect(points.map((p) => `${p.repeat}${p.branch[0]}${p.index}`)).toEqual(['0h0', '0h1', '0h2', '0c2', '0c1', '0c0', '1h0', '1h1', '1h2', '1c2', '1c1', '1c0']);
    expect(points.map((p) => p.temperature)).toEqual([0.9, 1.0, 1.1, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0, 0.9]);
    // the means of the two ramps are the branch points
    for (const [k, T] of r.temperatures.entries()) {
      const heat = points.filter((p) => p.branch === 'heating' && p.temperature === T);
      expect((heat[0].energy + heat[1].energy) / 2).toBeCloseTo(r.heating.energy[k].mean, 12);
      const cool = points.filter((p) => p.branch === 'cooling' && p.temperature === T);
      expect((cool[0].orderParameter + cool[1].orderParameter) / 2).toBeCloseTo(r.cooling.orderParameter[k].mean, 12);
    }
    expect((await hysteresis(options)).heating).toEqual(r.heating);
    await expect(hysteresis({ ...options, onPoint: 3 as never })).rejects.toThrow(/"onPoint"/);
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
