// Bad input to the Landau analyses: InvalidOptionError naming the field and value, before any sweep.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError, landau, landauFreeEnergy, landauScan } from '../src/index.js';
import type { LandauRunOptions, OrderParameterSamples } from '../src/index.js';

describe('Landau bad input', () => {
  it.each([
    ['even bins', { sweeps: 100, bins: 50 }, /Invalid option "bins": expected an odd integer from 3 to 100001 .*got 50/],
    ['one bin', { sweeps: 100, bins: 1 }, /"bins".*got 1/],
    ['minCount 0', { sweeps: 100, minCount: 0 }, /Invalid option "minCount": expected an integer from 1.*got 0/],
    ['one sweep', { sweeps: 1 }, /Invalid option "sweeps": expected an integer from 2.*got 1/],
    ['order 5', { sweeps: 100, order: 5 }, /Invalid option "order": expected 4 or 6, got 5/],
    ['unknown option', { sweeps: 100, bin: 3 }, /Invalid option "bin": expected a known option/],
  ])('landau: %s', async (_label, options, message) => {
    const sim = await createSimulation({ size: 8, seed: 1 });
    const before = sim.snapshot();
    expect(() => landau(sim, options as unknown as LandauRunOptions)).toThrow(message);
    expect(sim.snapshot()).toEqual(before);
  });

  it.each([
    ['no components', { components: [], sites: 4 }, /Invalid option "components": expected an array of n >= 1 series/],
    ['unequal lengths', { components: [[0, 0.5], [0.1]], sites: 4 }, /"components": expected series of one common length >= 2, got \[2,1\]/],
    ['value above 1', { components: [[0, 1.5, 0.2]], sites: 4 }, /"components": expected order-parameter values per site in \[-1, 1\], got 1\.5/],
    ['NaN value', { components: [[0, NaN, 0.2]], sites: 4 }, /"components".*got NaN/],
    ['no sites', { components: [[0, 0.5, 0.2]], sites: 0 }, /Invalid option "sites".*got 0/],
    ['grid step for a vector', { components: [[0, 0.5], [0, 0.1]], sites: 4, step: 0.5 }, /Invalid option "step": expected no grid step for an order parameter of 2 or more components/],
    ['asymmetric vector', { components: [[0, 0.5], [0, 0.1]], sites: 4, symmetric: false }, /Invalid option "symmetric": expected true/],
  ])('landauFreeEnergy: %s', (_label, data, message) => {
    const error = (() => {
      try {
        landauFreeEnergy(data as unknown as OrderParameterSamples);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it('landauFreeEnergy: a time bin too long for 2 bins', () => {
    expect(() => landauFreeEnergy({ components: [[0, 0.5, 0.25, 0]], sites: 4 }, { binSize: 3 })).toThrow(/Invalid option "binSize": expected at most 2/);
  });

  it('landauScan: sizes and temperatures', async () => {
    await expect(landauScan({ sizes: [], temperatures: [2, 3], sweeps: 10 })).rejects.toThrow(/Invalid option "sizes": expected a non-empty array/);
    await expect(landauScan({ sizes: [7], temperatures: [2, 3], sweeps: 10 })).rejects.toThrow(/Invalid option "sizes": expected an even integer/);
    await expect(landauScan({ sizes: [8], temperatures: [2], sweeps: 10 })).rejects.toThrow(/Invalid option "temperatures": expected at least 2 temperatures for L = 8/);
    await expect(landauScan({ sizes: [8], temperatures: [2, -1], sweeps: 10 })).rejects.toThrow(/"temperatures": expected a number from 0\.000001 to 1000000 .*, got -1/);
  });

  it('too few well-sampled bins: no fit, a warning, and no NaN coefficients', () => {
    const r = landauFreeEnergy({ components: [Float64Array.from({ length: 100 }, (_, t) => (t % 2 ? 0.5 : -0.5))], sites: 4 });
    expect(r.fit).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/only \d histogram bins with at least 10 counts: no Landau fit/);
  });
});
