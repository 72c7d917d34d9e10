// Data-collapse quality: exactly scaling data collapse perfectly (S = 0) only at the true
// parameters; with noise of the stated size S is about 1; wrong parameters give large S.
import { describe, expect, it } from 'vitest';
import { collapseQuality, type CollapseSeries } from '../src/index.js';

const TC = 2.269185314213022;
const master = (x: number) => 1 / (1 + x * x) + 0.3 * Math.exp(-x);

/** A = L^a f((T - Tc)/Tc L^{1/nu}) on a grid of T for each L, with Gaussian noise of relative size `noise`. */
function synthetic(nu: number, a: number, noise: number, seed = 1): CollapseSeries[] {
  let state = seed;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return [16, 32, 64].map((L) => {
    const temperatures = Array.from({ length: 41 }, (_, i) => TC * (1 + (-2 + 0.1 * i) / L ** (1 / nu)));
    const exact = temperatures.map((t) => L ** a * master(((t - TC) / TC) * L ** (1 / nu)));
    const errors = exact.map((v) => Math.abs(v) * Math.max(noise, 1e-9));
    return { size: L, temperatures, values: exact.map((v, i) => v + noise * gauss() * errors[i] / Math.max(noise, 1e-9)), errors };
  });
}

describe('collapseQuality', () => {
  it('exact scaling data collapse perfectly at the true parameters only', () => {
    const data = synthetic(1, 1.75, 0);
    const best = collapseQuality(data, { criticalTemperature: TC, nu: 1, exponent: 1.75 });
    expect(best.comparisons).toBeGreaterThan(100);
    expect(best.quality).toBeLessThan(1e-6);
    expect(collapseQuality(data, { criticalTemperature: TC, nu: 1, exponent: 1.7 }).quality).toBeGreaterThan(1);
    expect(best.scaled[1].x[20]).toBeCloseTo(0, 12);
    expect(best.scaled[2].y[20]).toBeCloseTo(master(0), 12);
  });

  it('noisy data give S ~ 1 at the truth and much more when Tc, nu or the exponent are off', () => {
    const data = synthetic(1, 1.75, 0.01, 7);
    const truth = collapseQuality(data, { criticalTemperature: TC, nu: 1, exponent: 1.75 }).quality;
    expect(truth).toBeGreaterThan(0.5);
    expect(truth).toBeLessThan(1.6);
    expect(collapseQuality(data, { criticalTemperature: TC * 1.01, nu: 1, exponent: 1.75 }).quality).toBeGreaterThan(10 * truth);
    expect(collapseQuality(data, { criticalTemperature: TC, nu: 1.3, exponent: 1.75 }).quality).toBeGreaterThan(10 * truth);
    expect(collapseQuality(data, { criticalTemperature: TC, nu: 1, exponent: 1.6 }).quality).toBeGreaterThan(10 * truth);
  });

  it('rejects bad input by name', () => {
    const data = synthetic(1, 1.75, 0);
    expect(() => collapseQuality([data[0]], { criticalTemperature: TC, nu: 1, exponent: 1 })).toThrow(/Invalid option "series": expected data of at least two sizes/);
    expect(() => collapseQuality(data, { criticalTemperature: -1, nu: 1, exponent: 1 })).toThrow(/Invalid option "criticalTemperature": expected a finite number > 0, got -1/);
    expect(() => collapseQuality(data, { criticalTemperature: TC, nu: 0, exponent: 1 })).toThrow(/Invalid option "nu"/);
    expect(() => collapseQuality([{ ...data[0], values: [1] }, data[1]], { criticalTemperature: TC, nu: 1, exponent: 1 })).toThrow(/Invalid option "series\[0\]".*as many values and errors as temperatures/);
  });
});
