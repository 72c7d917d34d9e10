// Bad input to the RG API: typed errors naming the field, the value and what was expected, raised
// before any sweep (nothing already computed is lost); runs too short or lattices too small for
// MCRG give undetermined entries with reasons and warnings, never a NaN exponent.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, coarseGrain, createSimulation, DisposedError, InvalidOptionError, rgFlow } from '../src/index.js';
import type { RgOptions, Simulation } from '../src/index.js';

const BAD: [string, Record<string, unknown>, RegExp][] = [
  ['block size not dividing L', { blockSize: 3, samples: 100 }, /Invalid option "blockSize": expected an integer >= 2 that divides the lattice size 32 .*one of 2, 4, 8, 16\), got 3/],
  ['block size 1', { blockSize: 1, samples: 100 }, /"blockSize".*got 1$/],
  ['block size = L', { blockSize: 32, samples: 100 }, /"blockSize".*at least 2 x 2.*got 32/],
  ['block size fractional', { blockSize: 2.5, samples: 100 }, /"blockSize".*got 2\.5/],
  ['block size a string', { blockSize: '2', samples: 100 }, /"blockSize".*got "2"/],
  ['too many levels', { levels: 5, samples: 100 }, /Invalid option "levels": expected an integer from 1 to 4 \(32 -> 2 with blocks of 2.*got 5/],
  ['zero levels', { levels: 0, samples: 100 }, /"levels": expected an integer from 1 to 4.*got 0/],
  ['levels for b = 4', { blockSize: 4, levels: 3, samples: 100 }, /"levels": expected an integer from 1 to 2 \(32 -> 2 with blocks of 4.*got 3/],
  ['unknown rule', { rule: 'average', samples: 100 }, /Invalid option "rule": expected one of "majority", "decimation", got "average"/],
  ['no samples', {}, /Invalid option "samples": expected an integer from 2 to 2147483647, got nothing/],
  ['one sample', { samples: 1 }, /"samples".*got 1/],
  ['too many samples', { samples: 2 ** 30 }, /Invalid option "samples": expected at most \d+ samples for 3 levels.*got 1073741824/],
  ['every 0', { samples: 100, every: 0 }, /Invalid option "every": expected an integer from 1.*got 0/],
  ['negative thermalize', { samples: 100, thermalize: -5 }, /"thermalize".*got -5/],
  ['bad seed', { samples: 100, seed: -1 }, /Invalid option "seed": expected an integer from 0 to 9007199254740991, got -1/],
  ['patterns not boolean', { samples: 100, patterns: 'yes' }, /Invalid option "patterns": expected true or false, got "yes"/],
  ['unknown option', { samples: 100, blocksize: 2 }, /Invalid option "blocksize": expected a known option/],
];

async function simulation(): Promise<Simulation<'ising'>> {
  return createSimulation({ size: 32, temperature: 2.5, seed: 1, backend: 'wasm' });
}

describe('RG bad input', { timeout: 60_000 }, () => {
  it.each(BAD)('%s', async (_label, options, message) => {
    const sim = await simulation();
    const before = sim.snapshot();
    const error = (() => {
      try {
        rgFlow(sim, options as unknown as RgOptions);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
    expect(sim.snapshot(), 'no sweep was run').toEqual(before);
  });

  it('block-spin helpers reject bad lattices and options', async () => {
    expect(() => coarseGrain(new Int8Array(15).fill(1))).toThrow(/Invalid option "spins": expected an Int8Array of L\*L spins \(L >= 2\), each \+1 or -1, got "Int8Array of length 15"/);
    expect(() => coarseGrain(Int8Array.from([1, 0, 1, 1]))).toThrow(InvalidOptionError);
    expect(() => coarseGrain([1, 1, 1, 1] as unknown as Int8Array)).toThrow(/"spins"/);
    expect(() => coarseGrain(new Int8Array(36).fill(1), { blockSize: 4 })).toThrow(/"blockSize".*divides the lattice size 6.*one of 2, 3\), got 4/);
    expect(() => coarseGrain(new Int8Array(4).fill(1))).toThrow(/"blockSize".*none exists for L = 2.*got 2/);
    const sim = await simulation();
    expect(() => blockSpinPyramid(sim, { levels: 9 })).toThrow(/"levels"/);
    expect(() => rgFlow({ options: sim.options } as unknown as Simulation, { samples: 10 })).toThrow(/Invalid option "simulation": expected a simulation from createSimulation\(\)/);
    sim.dispose();
    expect(() => rgFlow(sim, { samples: 10 })).toThrow(DisposedError);
  });

  it('runs too short for errors: undetermined MCRG entries with reasons and warnings, never NaN exponents', async () => {
    const sim = await simulation();
    const two = rgFlow(sim, { samples: 2, levels: 2 });
    expect(two.bins).toBe(2);
    for (const e of [...two.mcrg.thermal, ...two.mcrg.magnetic]) {
      expect(e.state).toBe('undetermined');
      if (e.state === 'undetermined') expect(e.reason).toMatch(/jackknife samples give no real positive leading eigenvalue|singular|does not fluctuate|is not positive|complex pair/);
    }
    expect(two.warnings).toContain('MCRG thermal: only 2 bins of 1 samples: the jackknife errors are unreliable (run longer)');
    expect(two.warnings.join('\n')).toMatch(/run of 2 samples is shorter than 50 tau_int/);
    const short = rgFlow(sim, { samples: 40, levels: 2 });
    expect(short.warnings.join('\n')).toMatch(/MCRG magnetic: only \d+ bins of \d+ samples: the jackknife errors are unreliable/);
  });

  it('a pyramid down to 2 x 2: operators that cannot fluctuate or coincide give undetermined entries', async () => {
    const sim = await createSimulation({ size: 16, temperature: 2.269, seed: 4, backend: 'wasm' });
    const r = rgFlow(sim, { samples: 400, levels: 3, thermalize: 100 });
    const last = r.mcrg.thermal.filter((e) => e.level === 2);
    expect(last.map((e) => e.state)).toContain('undetermined');
    const nn3 = last.find((e) => e.operators.length === 4)!;
    expect(nn3.state === 'undetermined' && nn3.reason).toMatch(/operator nn3 does not fluctuate on the 2 x 2 lattice of level 3/);
    for (const e of [...r.mcrg.thermal, ...r.mcrg.magnetic]) {
      if (e.state === 'estimated') expect(Number.isFinite(e.exponent.mean) && Number.isFinite(e.exponent.error)).toBe(true);
      else expect(e.reason.length).toBeGreaterThan(20);
    }
  });

  it('one level: the flow direction is undetermined, with a warning', async () => {
    const sim = await simulation();
    const r = rgFlow(sim, { samples: 200, levels: 1 });
    expect(r.direction).toBe('undetermined');
    expect(r.warnings).toContain('the flow direction needs at least 2 block levels (levels = 1): direction is undetermined');
    const b4 = rgFlow(sim, { samples: 200, blockSize: 4, levels: 2 });
    expect(b4.flow[0].patternEntropy).toBeUndefined();
    expect(b4.warnings).toContain('pattern entropy needs blocks of at most 3 x 3 (2^9 configurations): not computed for b = 4');
  });
});
