import { describe, expect, it } from 'vitest';
import { analyzeFirstOrder, transitionPoints } from '../src/analysis/first-order.js';
import { pottsCriticalBeta, pottsEnergyDistribution } from '../src/models/potts/exact.js';
import { correlatedSamples } from './helpers/energy-series.js';
import { fixtureDensity } from './helpers/potts-fixture.js';

// The q = 10 Potts model on 6 x 6: its exact density of states (transfer matrix, test/fixtures/potts-exact.json)
// gives the exact P(e) at every beta. A correlated series sampled from the exact P(e) at beta_c is analysed
// like Monte Carlo data; the same estimators applied to the exact distributions are the truth.
const q = 10;
const L = 6;
const N = L * L;
const dos = fixtureDensity(q, L);
const exactAt = (beta: number) => {
  const d = pottsEnergyDistribution(dos, beta);
  // energies E = -b come in decreasing order: reverse to increasing per-site energies
  return { energies: Float64Array.from(d.energies, (E) => E / N).reverse(), probabilities: Float64Array.from(d.probabilities).reverse() };
};
const beta0 = pottsCriticalBeta(q);
const sample = exactAt(beta0);
const series = correlatedSamples(sample.energies, sample.probabilities, 200_000, 0.8, 5);
const z = (o: { mean: number; error: number }, exact: number) => Math.abs(o.mean - exact) / o.error;

describe('first-order analysis of q = 10 Potts energies sampled from the exact distribution (6 x 6)', () => {
  // Bandwidth 2/N: the ordered side of a small lattice is a comb (no states at b = 2N-1 .. 2N-3), which a
  // width of two energy quanta smooths into one peak.
  {
    it('equal weight, equal height, peaks, c_max and V4_min within 4 errors of exact', () => {
      const a = analyzeFirstOrder([{ beta: beta0, energy: series }], { sites: N, size: L, bandwidth: 2 / N });
      const exact = transitionPoints(exactAt, { betaFrom: a.betaRange.from, betaTo: a.betaRange.to, sites: N, bandwidth: a.bandwidth });
      expect(a.verdict.doublePeak, a.verdict.reason).toBe(true);
      const w = exact.equalWeight!;
      expect(z(a.equalWeight!.beta, w.beta)).toBeLessThan(4);
      expect(z(a.equalWeight!.ordered.energy, w.peaks.ordered.energy)).toBeLessThan(4);
      expect(z(a.equalWeight!.disordered.energy, w.peaks.disordered.energy)).toBeLessThan(4);
      expect(z(a.latentHeat, w.peaks.disordered.energy - w.peaks.ordered.energy)).toBeLessThan(4);
      expect(z(a.equalHeight!.beta, exact.equalHeight!.beta)).toBeLessThan(4);
      expect(z(a.equalHeight!.barrier, exact.equalHeight!.barrier)).toBeLessThan(4);
      expect(z(a.specificHeatMaximum.value, exact.specificHeat.value)).toBeLessThan(4);
      expect(z(a.energyCumulantMinimum.value, exact.energyCumulant.value)).toBeLessThan(4);
      // the reweighted P(e) at beta_w is the exact one: Kolmogorov distance of the cumulative distributions
      const rw = a.equalWeight!.distribution;
      const ex = exactAt(a.equalWeight!.beta.mean);
      let cr = 0;
      let ce = 0;
      let distance = 0;
      let k = 0;
      for (let i = 0; i < ex.energies.length; i++) {
        ce += ex.probabilities[i];
        while (k < rw.energies.length && rw.energies[k] <= ex.energies[i] + 1e-12) cr += rw.probabilities[k++];
        distance = Math.max(distance, Math.abs(cr - ce));
      }
      expect(distance).toBeLessThan(0.03);
    }, 60_000);
  }

  it('equal weight per phase (W_o = q W_d) lies above beta_w of equal areas, closer to beta_c', () => {
    const exact1 = transitionPoints(exactAt, { betaFrom: 1.2, betaTo: 1.6, sites: N, bandwidth: 2 / N, orderedPhases: 1 });
    const exactQ = transitionPoints(exactAt, { betaFrom: 1.2, betaTo: 1.6, sites: N, bandwidth: 2 / N, orderedPhases: q });
    expect(exactQ.equalWeight!.beta).toBeGreaterThan(exact1.equalWeight!.beta);
    expect(Math.abs(exactQ.equalWeight!.beta - beta0)).toBeLessThan(Math.abs(exact1.equalWeight!.beta - beta0));
    // on 6 x 6 the disordered peak is only a shoulder there: the point says so
    expect(exactQ.equalWeight!.peaks.resolved).toBe(false);
    const a = analyzeFirstOrder([{ beta: beta0, energy: series }], { sites: N, size: L, bandwidth: 2 / N, orderedPhases: q });
    expect(a.orderedPhases).toBe(q);
    expect(a.warnings.join(' ')).toMatch(/shoulder/);
  }, 60_000);
});
