// Bad input to the XY model: a typed InvalidOptionError naming the option and the value, never a
// silent clamp or a WebAssembly trap.
import { describe, expect, it } from 'vitest';
import { blockSpinPyramid, createSimulation, InvalidOptionError, type Simulation, type SimulationOptions } from '../src/index.js';
import { cli, expectRejected } from './helpers/cli.js';

async function rejects(options: SimulationOptions, option: string, value: unknown, message?: RegExp): Promise<void> {
  const error = await createSimulation(options).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidOptionError);
  expect((error as InvalidOptionError).option).toBe(option);
  expect((error as InvalidOptionError).value).toEqual(value);
  if (message) expect((error as Error).message).toMatch(message);
}

describe('XY options', () => {
  it('refuses bad overRelaxation values', async () => {
    for (const value of [-1, 1.5, 65, '2', null]) await rejects({ model: 'xy', overRelaxation: value as number }, 'overRelaxation', value, /integer from 0 to 64/);
  });
  it('refuses the parameters and algorithms of other models', async () => {
    await rejects({ model: 'xy', q: 3 }, 'q', 3, /parameter of another model/);
    await rejects({ model: 'ising', overRelaxation: 1 }, 'overRelaxation', 1, /parameter of another model/);
    await rejects({ model: 'potts', q: 3, overRelaxation: 1 }, 'overRelaxation', 1);
    await rejects({ model: 'xy', algorithm: 'annealing' as never }, 'algorithm', 'annealing', /"metropolis", "heat-bath", "wolff", "swendsen-wang", "hybrid"/);
    await rejects({ model: 'xy', algorithm: 'hybrid', hybridCluster: 'metropolis' as never }, 'hybridCluster', 'metropolis', /"wolff", "swendsen-wang"/);
    await rejects({ model: 'xy', algorithm: 'heat-bath', clustersPerStep: 2 }, 'clustersPerStep', 2, /unless Wolff clusters are used/);
    await rejects({ model: 'xy', algorithm: 'hybrid', hybridCluster: 'swendsen-wang', clustersPerStep: 2 }, 'clustersPerStep', 2);
    await rejects({ model: 'xy', layout: 'packed' }, 'layout', 'packed');
    await rejects({ model: 'xy', stepSize: 1 } as SimulationOptions, 'stepSize', 1, /unknown option/);
  });
  it('refuses wrong records, snapshots and algorithms on a live simulation', async () => {
    const sim = (await createSimulation({ model: 'xy', size: 4 })) as Simulation<'xy'>;
    expect(() => sim.sweep(2, new Int32Array(18) as never)).toThrow(/Float64Array of length >= 18/);
    expect(() => sim.sweep(2, new Float64Array(17))).toThrow(InvalidOptionError);
    expect(() => sim.setAlgorithm('annealing' as never)).toThrow(InvalidOptionError);
    const snapshot = sim.snapshot();
    const spins = snapshot.spins.slice();
    spins[0] = 2;
    expect(() => sim.restore({ ...snapshot, spins })).toThrow(/snapshot\.spins.*unit vectors/);
    expect(() => sim.restore({ ...snapshot, spins: new Float64Array(16) })).toThrow(/snapshot\.spins/);
    expect(() => sim.restore({ ...snapshot, stepSize: 4 })).toThrow(/snapshot\.stepSize/);
    expect(() => sim.restore({ ...snapshot, overRelaxation: 2 })).toThrow(/snapshot\.overRelaxation/);
    // block spins of continuous spins (src/rg/continuous.ts): unit vectors; bad block options are typed errors
    const pyramid = blockSpinPyramid(sim);
    expect(pyramid.lattices[1]).toBeInstanceOf(Float64Array);
    expect(pyramid.lattices[1].length).toBe(2 * 2 * 2);
    expect(() => blockSpinPyramid(sim, { blockSize: 3 })).toThrow(/Invalid option "blockSize"/);
    sim.dispose();
  });
  it('the CLI names the flag', async () => {
    await expectRejected(['run', '--model', 'xy', '--over-relaxation', '-1'], /--over-relaxation/);
    await expectRejected(['run', '--model', 'xy', '--algorithm', 'annealing'], /--algorithm/);
    await expectRejected(['run', '--model', 'phi4', '--beta', '0.5', '--algorithm', 'heat-bath'], /--algorithm.*no exact heat bath/);
    await expectRejected(['run', '--model', 'xy', '--q', '3'], /--q/);
  });
});

describe('continuous spins on the cubic lattice: a lattice beyond the kernels is a typed error on both backends', () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`${backend}: XY, clock, Heisenberg and phi4 at L = 894 name "size"`, async () => {
      for (const model of ['xy', 'clock', 'heisenberg', 'phi4'] as const) {
        const options = { model, lattice: 'cubic', size: 894, temperature: 2, backend, ...(model === 'clock' ? { q: 4 } : {}) } as const;
        await expect(createSimulation(options)).rejects.toThrow(/Invalid option "size": expected a lattice that fits in (WebAssembly )?memory/);
      }
    });
  }
});

describe('XY on the CLI', () => {
  it('run --model xy --format json carries the model, the helicity modulus and the 2 x 2 exact values', async () => {
    const r = await cli('run', '--model', 'xy', '--size', '2', '--temperature', '0.9', '--sweeps', '20000', '--algorithm', 'wolff', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.model).toBe('xy');
    expect(json.exact.method).toBe('quadrature');
    for (const name of ['helicityModulus', 'vortexDensity', 'magnetizationX', 'magnetizationY', 'binder']) expect(json.observables[name].error).toBeGreaterThan(0);
    const z = (json.observables.helicityModulus.mean - json.exact.finite.helicityModulus) / json.observables.helicityModulus.error;
    expect(Math.abs(z)).toBeLessThan(4);
  });
});
