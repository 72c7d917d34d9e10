// Bad input for the cluster algorithms: settings that do not apply to the chosen algorithm, bad
// values, a lattice whose cluster memory does not fit, bad dynamics options. Each gets an
// InvalidOptionError naming the field, the value and what was expected; nothing computed is lost.
import { describe, expect, it } from 'vitest';
import { createSimulation, criticalSlowingDown, InvalidOptionError } from '../src/index.js';
import type { DynamicsOptions, SimulationOptions } from '../src/index.js';

const BAD: [string, Record<string, unknown>, RegExp][] = [
  ['clustersPerStep with Metropolis', { clustersPerStep: 4 }, /Invalid option "clustersPerStep": expected no clustersPerStep unless Wolff clusters are used \(algorithm "metropolis"\), got 4/],
  ['clustersPerStep with Swendsen-Wang', { algorithm: 'swendsen-wang', clustersPerStep: 2 }, /"clustersPerStep": expected no clustersPerStep unless Wolff clusters are used \(algorithm "swendsen-wang"\), got 2/],
  ['clustersPerStep with a Swendsen-Wang hybrid', { algorithm: 'hybrid', hybridCluster: 'swendsen-wang', clustersPerStep: 2 }, /"clustersPerStep".*\(algorithm "hybrid" with hybridCluster "swendsen-wang"\), got 2/],
  ['clustersPerStep zero', { algorithm: 'wolff', clustersPerStep: 0 }, /"clustersPerStep": expected an integer from 1 to 2147483647, got 0/],
  ['clustersPerStep fractional', { algorithm: 'wolff', clustersPerStep: 1.5 }, /"clustersPerStep": expected an integer from 1.*got 1\.5/],
  ['clustersPerStep a string', { algorithm: 'wolff', clustersPerStep: '3' }, /"clustersPerStep".*got "3"/],
  ['hybridSweeps without hybrid', { algorithm: 'wolff', hybridSweeps: 3 }, /"hybridSweeps": expected no hybridSweeps unless algorithm is "hybrid" \(algorithm is "wolff"\), got 3/],
  ['hybridSweeps zero', { algorithm: 'hybrid', hybridSweeps: 0 }, /"hybridSweeps": expected an integer from 1 to 2147483647, got 0/],
  ['hybridCluster without hybrid', { hybridCluster: 'wolff' }, /"hybridCluster": expected no hybridCluster unless algorithm is "hybrid" \(algorithm is "metropolis"\), got "wolff"/],
  ['hybridCluster not a cluster algorithm', { algorithm: 'hybrid', hybridCluster: 'metropolis' }, /"hybridCluster": expected one of "wolff", "swendsen-wang", got "metropolis"/],
];

const BAD_DYNAMICS: [string, DynamicsOptions | Record<string, unknown>, RegExp][] = [
  ['no sizes', { sizes: [] }, /"sizes": expected a non-empty array, got \[\]/],
  ['odd size', { sizes: [8, 9] }, /"sizes": expected an even integer.*got 9/],
  ['size too small', { sizes: [2, 8] }, /"sizes": expected even sizes >= 4.*got 2/],
  ['repeated size', { sizes: [8, 8] }, /"sizes": expected distinct sizes, got \[8,8\]/],
  ['unknown algorithm', { algorithms: ['glauber'] }, /"algorithms": expected one of "metropolis".*got "glauber"/],
  ['too few steps', { steps: 10 }, /"steps": expected an integer from 1000/],
  ['temperature zero', { temperature: 0 }, /"temperature": expected a number from 0\.000001 to 1000000 .*, got 0/],
  ['fit over fewer than 2 sizes', { sizes: [8, 16, 32], fitMinSize: 32 }, /"fitMinSize": expected a size that leaves at least 2 of the sizes \(8, 16, 32\) for the fit, got 32/],
];

describe('bad cluster options', () => {
  it.each(BAD)('%s', async (_label, options, message) => {
    const error = await createSimulation(options as SimulationOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it.each(BAD_DYNAMICS)('dynamics: %s', async (_label, options, message) => {
    const error = await criticalSlowingDown(options as DynamicsOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it('setAlgorithm with bad settings is rejected and nothing computed is lost', async () => {
    const sim = await createSimulation({ size: 8, seed: 2, backend: 'js', algorithm: 'wolff', clustersPerStep: 2 });
    sim.sweep(10);
    const before = sim.snapshot();
    const labels = sim.clusterLabels();
    expect(() => sim.setAlgorithm('swendsen-wang', { clustersPerStep: 3 })).toThrow(/"clustersPerStep": expected no clustersPerStep/);
    expect(() => sim.setAlgorithm('hybrid', { hybridSweeps: -1 })).toThrow(/"hybridSweeps": expected an integer from 1/);
    expect(() => sim.setAlgorithm('wolff', { clusters: 3 } as never)).toThrow(/Invalid option "clusters": expected one of the algorithm settings clustersPerStep, hybridSweeps, hybridCluster, got 3/);
    expect(() => sim.setAlgorithm('wolff', 3 as never)).toThrow(/Invalid option "settings": expected an object/);
    expect(() => sim.restore({ ...before, sweepEquivalents: -1 })).toThrow(/"snapshot.sweepEquivalents": expected a finite number >= 0, got -1/);
    expect(sim.options).toMatchObject({ algorithm: 'wolff', clustersPerStep: 2 });
    expect(sim.snapshot()).toEqual(before);
    expect(sim.clusterLabels()).toEqual(labels);
    sim.setAlgorithm('hybrid', { hybridSweeps: 3, hybridCluster: 'swendsen-wang' });
    expect(sim.options).toMatchObject({ algorithm: 'hybrid', hybridSweeps: 3, hybridCluster: 'swendsen-wang', clustersPerStep: 2 });
    sim.dispose();
    expect(() => sim.clusterLabels()).toThrow(/Cannot call clusterLabels\(\): the simulation has been disposed/);
  });

  it('a lattice whose cluster memory does not fit in WebAssembly memory: a clear error, the simulation intact', async () => {
    // 20736^2 spins take 410 MiB; cluster updates need 9 bytes a site more (3.6 GiB): over the 4 GiB of wasm32.
    // (createSimulation({ algorithm: 'wolff', ... }) goes through the same check, then disposes the kernel.)
    const sim = await createSimulation({ size: 20736, backend: 'wasm', start: 'cold' });
    expect(() => sim.setAlgorithm('swendsen-wang')).toThrow(
      /^Invalid option "algorithm": expected an algorithm that fits in memory: cluster updates of a 20736 x 20736 lattice need 3691 MiB more \(9 bytes a site\), which the wasm backend could not allocate; use a smaller size or a local algorithm, got "swendsen-wang"$/,
    );
    expect(sim.options.algorithm).toBe('metropolis');
    expect(sim.sweep(0).sweeps).toBe(0);
    expect(sim.magnetization()).toBe(1);
    sim.dispose();
  }, 60_000);
});
