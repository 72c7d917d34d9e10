import { describe, expect, it } from 'vitest';
import { densityOfStates, exactMoments, finiteLatticeExact, finiteLatticeExactRect, onsagerEnergy } from '../src/exact/index.js';
import {
  pottsCriticalEnergy,
  pottsCriticalTemperature,
  pottsDensityOfStates,
  pottsEnergyMoments,
  pottsExactMoments,
  pottsMagnetizationDistribution,
} from '../src/models/potts/exact.js';

// q = 2 Potts at (T, h) is the Ising model at (2T, h): e_P = -(1 + h/2) + e_I / 2, c_P = c_I, m_P = |m_I|.

describe('Potts q = 2 is the Ising model (K_Ising = K_Potts / 2)', () => {
  it('g_Potts(b) = sum_M g_Ising(B = 2b - 2N, M) on 4x4 and 5x4', () => {
    for (const [Lx, Ly] of [[4, 4], [5, 4]]) {
      const ising = densityOfStates(Lx, Ly);
      const potts = pottsDensityOfStates(2, Lx, Ly);
      const N = Lx * Ly;
      for (let j = 0; j < ising.bValues.length; j++) {
        let g = 0;
        for (let i = 0; i <= N; i++) g += ising.counts[j * (N + 1) + i];
        const b = (ising.bValues[j] + 2 * N) / 2;
        if (g === 0) expect(potts.lnCounts[b]).toBe(-Infinity);
        else expect(Math.exp(potts.lnCounts[b]) / g).toBeCloseTo(1, 12);
      }
    }
  });

  it('e and c against Kaufman / Ferdinand-Fisher on 6x6, 8x8 and 6x10 at five temperatures', () => {
    for (const [Lx, Ly] of [[6, 6], [8, 8], [6, 10]]) {
      const dos = pottsDensityOfStates(2, Lx, Ly);
      for (const T of [0.6, 1.0, pottsCriticalTemperature(2), 1.5, 3]) {
        const ising = Lx === Ly ? finiteLatticeExact(Lx, 2 * T) : finiteLatticeExactRect(Lx, Ly, 2 * T);
        const p = pottsEnergyMoments(dos, 1 / T);
        expect(p.energy, `${Lx}x${Ly} T=${T}`).toBeCloseTo(-1 + ising.energy / 2, 12);
        expect(p.specificHeat, `${Lx}x${Ly} T=${T}`).toBeCloseTo(ising.specificHeat, 11);
      }
    }
  });

  it('in a field: e, c, <|m|>, <m^2>, <m^4> against the Ising enumeration (4x4, h = 0.3 and -0.2)', () => {
    const dos = densityOfStates(4);
    for (const [T, h] of [[1.2, 0.3], [0.9, -0.2], [2.0, 0.3]]) {
      const ising = exactMoments(dos, 2 * T, h);
      const p = pottsExactMoments(2, 4, 4, 1 / T, h);
      const d = pottsMagnetizationDistribution(2, 4, 4, 1 / T, h);
      expect(p.energy).toBeCloseTo(-(1 + h / 2) + ising.energy / 2, 12);
      expect(p.specificHeat).toBeCloseTo(ising.specificHeat, 11);
      expect(p.magnetization2).toBeCloseTo(ising.magnetization2, 12);
      expect(p.magnetization4).toBeCloseTo(ising.magnetization4, 12);
      expect(d.absMagnetization).toBeCloseTo(ising.absMagnetization, 12);
    }
  });

  it('infinite lattice: T_c = T_c^Ising / 2 and e(T_c) = -1 + e_Ising(T_c^Ising) / 2 = -(1 + 1/sqrt 2)', () => {
    expect(pottsCriticalTemperature(2)).toBeCloseTo(2.269185314213022 / 2, 14);
    expect(pottsCriticalEnergy(2)).toBeCloseTo(-1 + onsagerEnergy(2.269185314213022) / 2, 12);
  });
});
