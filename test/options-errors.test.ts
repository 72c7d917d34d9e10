// Every bad option gets an InvalidOptionError (a RangeError) naming the field, the value and what was expected.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const BAD: [string, SimulationOptions | Record<string, unknown>, RegExp][] = [
  ['size not an integer', { size: 16.5 }, /Invalid option "size": expected an even integer from 2 to 32766 .*got 16\.5/],
  ['size odd', { size: 63 }, /"size": expected an even integer .*checkerboard.*got 63/],
  ['size too small', { size: 0 }, /"size".*got 0/],
  ['size negative', { size: -4 }, /"size".*got -4/],
  ['size too large for memory', { size: 65536 }, /"size": expected an even integer from 2 to 32766.*got 65536/],
  ['size a string', { size: '16' }, /"size".*got "16"/],
  ['size NaN', { size: NaN }, /"size".*got NaN/],
  ['temperature zero', { temperature: 0 }, /"temperature": expected a number from 0\.000001 to 1000000 .*, got 0/],
  ['temperature negative', { temperature: -1 }, /"temperature".*got -1/],
  ['temperature NaN', { temperature: NaN }, /"temperature".*got NaN/],
  ['temperature Infinity', { temperature: Infinity }, /"temperature".*got Infinity/],
  ['beta zero', { beta: 0 }, /"beta": expected a number from 0\.000001 to 1000000 .*, got 0/],
  ['temperature and beta', { temperature: 2, beta: 0.5 }, /"beta": expected no beta when temperature is given/],
  ['field NaN', { field: NaN }, /"field": expected a number from -1000000 to 1000000, got NaN/],
  ['field Infinity', { field: -Infinity }, /"field".*got -Infinity/],
  ['unknown algorithm', { algorithm: 'glauber' as never }, /"algorithm": expected one of "metropolis", "heat-bath", "wolff", "swendsen-wang", "hybrid", got "glauber"/],
  ['unknown model', { model: 'spin-glass' as never }, /"model": expected one of "ising", "potts", "xy", "clock", "heisenberg", "phi4", got "spin-glass"/],
  ['potts without q', { model: 'potts' }, /"q": expected an integer from 2 to 256 .*got nothing/],
  ['q = 1', { model: 'potts', q: 1 }, /"q": expected an integer from 2 to 256 .*got 1/],
  ['q = 300', { model: 'potts', q: 300 }, /"q": expected an integer from 2 to 256 .*got 300/],
  ['q with ising', { q: 3 }, /"q": expected no q with model "ising"/],
  ['packed layout with potts', { model: 'potts', q: 3, layout: 'packed' }, /"layout": expected "auto" or "byte" for model "potts"/],
  ['unknown lattice', { lattice: 'hexagonal' as never }, /"lattice": expected one of "square", "cubic", got "hexagonal"/],
  ['unknown backend', { backend: 'gpu' as never }, /"backend": expected one of "auto", "wasm", "js", got "gpu"/],
  ['unknown start', { start: 'warm' as never }, /"start": expected one of "hot", "cold", got "warm"/],
  ['seed negative', { seed: -1 }, /"seed": expected an integer from 0 to 9007199254740991, got -1/],
  ['seed too large', { seed: 2 ** 53 }, /"seed".*got 9007199254740992/],
  ['seed fractional', { seed: 1.5 }, /"seed".*got 1\.5/],
  ['unknown option', { temprature: 2 }, /Invalid option "temprature": expected a known option/],
];

describe('bad options', () => {
  it.each(BAD)('%s', async (_label, options, message) => {
    const error = await createSimulation(options as SimulationOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(message);
  });

  it('bad arguments to methods are rejected and nothing computed is lost', async () => {
    const sim = await createSimulation({ size: 8, seed: 2, backend: 'js' });
    sim.sweep(10);
    const before = sim.snapshot();
    expect(() => sim.sweep(-1)).toThrow(/Invalid option "n": expected an integer from 0 to 2147483647, got -1/);
    expect(() => sim.sweep(1.5)).toThrow(InvalidOptionError);
    expect(() => sim.measure({ sweeps: 1 })).toThrow(/"sweeps": expected an integer from 2/);
    expect(() => sim.measure({ sweeps: 2 ** 26 })).toThrow(/"sweeps".*at most 33554432/);
    expect(() => sim.measure({ sweeps: 10, thermalize: -5 })).toThrow(/"thermalize"/);
    expect(() => sim.setTemperature(0)).toThrow(/"temperature": expected a number from 0\.000001 to 1000000 .*, got 0/);
    expect(() => sim.setBeta(-2)).toThrow(/"beta"/);
    expect(() => sim.setField(NaN)).toThrow(/"field": expected a number from -1000000 to 1000000, got NaN/);
    expect(() => sim.setAlgorithm('glauber' as never)).toThrow(/"algorithm": expected one of/);
    expect(() => sim.restore({ ...before, size: 16 })).toThrow(/"snapshot.size": expected 8/);
    expect(() => sim.restore({ ...before, spins: new Int8Array(64) })).toThrow(/"snapshot.spins"/);
    expect(() => sim.restore({ ...before, rngState: new Uint32Array(4) })).toThrow(/"snapshot.rngState"/);
    expect(sim.snapshot()).toEqual(before);
    expect(sim.options.temperature).toBeCloseTo(2.269185314213022, 14);
    sim.dispose();
    expect(() => sim.sweep()).toThrow(/Cannot call sweep\(\): the simulation has been disposed/);
  });
});
