import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/errors.js';
import {
  pottsCriticalBeta,
  pottsCriticalEnergy,
  pottsCriticalTemperature,
  pottsDensityOfStates,
  pottsEnergyMoments,
  pottsExactMoments,
  pottsLatentHeat,
  pottsTransition,
} from '../src/models/potts/exact.js';

describe('Potts infinite-lattice references', () => {
  it('beta_c = ln(1 + sqrt q), T_c = 1/beta_c', () => {
    expect(pottsCriticalBeta(3)).toBeCloseTo(Math.log(1 + Math.sqrt(3)), 15);
    expect(pottsCriticalTemperature(3)).toBeCloseTo(0.99497286, 8);
    expect(pottsCriticalTemperature(10)).toBeCloseTo(0.70123157, 8);
  });

  it("Baxter's latent heat per site: 0.0529 (q = 5), 0.696 (q = 10), 0 for q <= 4, increasing in q", () => {
    expect(pottsLatentHeat(5)).toBeCloseTo(0.052919, 6);
    expect(pottsLatentHeat(10)).toBeCloseTo(0.696049, 6);
    expect(pottsLatentHeat(20)).toBeCloseTo(1.194155, 6);
    for (const q of [2, 3, 4]) expect(pottsLatentHeat(q)).toBe(0);
    let last = 0;
    for (let q = 5; q <= 256; q++) {
      const L = pottsLatentHeat(q);
      expect(L).toBeGreaterThan(last);
      last = L;
    }
    // q -> infinity: the disordered energy -> 0 and the ordered energy -> -2 (Delta e -> 2)
    expect(pottsLatentHeat(256)).toBeLessThan(2);
  });

  it('coexisting energies of q = 10: e_d = -0.968203, e_o = -1.664252, mean -(1 + 1/sqrt 10)', () => {
    const t = pottsTransition(10);
    expect(t.order).toBe('first-order');
    expect(t.disorderedEnergy).toBeCloseTo(-0.968203, 6);
    expect(t.orderedEnergy).toBeCloseTo(-1.664252, 6);
    expect((t.disorderedEnergy + t.orderedEnergy) / 2).toBeCloseTo(pottsCriticalEnergy(10), 15);
    expect(pottsTransition(4)).toMatchObject({ order: 'continuous', latentHeat: 0, energy: -1.5, disorderedEnergy: -1.5, orderedEnergy: -1.5 });
  });

  it('finite lattices approach e(T_c) at beta_c: |e_L - e_inf| shrinks from L = 4 to 6 (q = 3)', () => {
    const e4 = pottsEnergyMoments(pottsDensityOfStates(3, 4), pottsCriticalBeta(3)).energy;
    const e6 = pottsEnergyMoments(pottsDensityOfStates(3, 6), pottsCriticalBeta(3)).energy;
    expect(Math.abs(e6 - pottsCriticalEnergy(3))).toBeLessThan(Math.abs(e4 - pottsCriticalEnergy(3)));
  });

  it('bad input is an InvalidOptionError naming the field and value', () => {
    expect(() => pottsCriticalBeta(1)).toThrow(InvalidOptionError);
    expect(() => pottsLatentHeat(300)).toThrow(/Invalid option "q": expected an integer from 2 to 256 .*, got 300/);
    expect(() => pottsDensityOfStates(3, 1)).toThrow(/Invalid option "Lx": expected an integer >= 2, got 1/);
    expect(() => pottsExactMoments(3, 4, 4, -1)).toThrow(/Invalid option "beta": expected a finite number >= 0, got -1/);
    expect(() => pottsExactMoments(3, 4, 4, 1, Number.NaN)).toThrow(/Invalid option "field"/);
    expect(() => pottsExactMoments(8, 8, 8, 1)).toThrow(/Invalid option "Lx, Ly": expected a lattice whose transfer state/);
  });
});
