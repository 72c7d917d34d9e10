// `criticality run` and `criticality sweep` with --lattice cubic: the JSON names the lattice, the
// 2 x 2 x 2 cube is compared with its exact enumeration, larger cubes with nothing (no 2D value is
// shown for them), and bad combinations are rejected with one line naming the flag.
import { describe, expect, it } from 'vitest';
import { cli, expectRejected } from './helpers/cli.js';

describe('CLI on the cubic lattice', () => {
  it('run --lattice cubic --size 2: JSON with the lattice and the exact enumeration of the cube', async () => {
    const r = await cli('run', '--lattice', 'cubic', '--size', '2', '--temperature', '5', '--algorithm', 'wolff', '--sweeps', '20000', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ model: 'ising', lattice: 'cubic', size: 2, algorithm: 'wolff' });
    expect(out.exact.method).toBe('enumeration');
    expect(out.exact.infinite).toEqual({});
    const z = (out.observables.energy.mean - out.exact.finite.energy) / out.observables.energy.error;
    expect(Math.abs(z)).toBeLessThan(4);
  });

  it('run --lattice cubic --temperature tc: the cubic T_c, a table titled with the cube and no Onsager column', async () => {
    const r = await cli('run', '--lattice', 'cubic', '--size', '4', '--temperature', 'tc', '--sweeps', '200', '--thermalize', '10');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Ising 4x4x4 \(cubic\)  T=4\.511523 \(beta=0\.2216546\)/);
    expect(r.stdout).not.toMatch(/Onsager/);
  });

  it('XY, clock and Heisenberg on the cube: the 3D critical temperatures and the exact 2 x 2 x 2 references', async () => {
    const xy = await cli('run', '--model', 'xy', '--lattice', 'cubic', '--size', '4', '--temperature', 'tc', '--sweeps', '200', '--thermalize', '20');
    expect(xy.code).toBe(0);
    expect(xy.stdout).toMatch(/^XY 4x4x4 \(cubic\)  T=2\.201843 \(beta=0\.4541650\)/);
    expect(xy.stdout).toMatch(/helicity modulus Upsilon/);
    const heisenberg = await cli('run', '--model', 'heisenberg', '--lattice', 'cubic', '--size', '4', '--temperature', 'tc', '--sweeps', '100', '--thermalize', '10');
    expect(heisenberg.stdout).toMatch(/^Heisenberg 4x4x4 \(cubic\)  T=1\.442997 \(beta=0\.6930020\)/);
    const clock = await cli('run', '--model', 'clock', '--q', '3', '--lattice', 'cubic', '--size', '2', '--temperature', '2', '--algorithm', 'wolff', '--sweeps', '20000', '--format', 'json');
    expect(clock.code).toBe(0);
    const out = JSON.parse(clock.stdout);
    expect(out).toMatchObject({ model: 'clock', q: 3, lattice: 'cubic', size: 2 });
    expect(out.exact.method).toBe('enumeration');
    for (const key of ['energy', 'helicityModulus', 'vortexDensity']) {
      expect(Math.abs((out.observables[key].mean - out.exact.finite[key]) / out.observables[key].error)).toBeLessThan(4);
    }
  });

  it('rejects bad combinations with one line', async () => {
    await expectRejected(['run', '--lattice', 'hexagonal'], /--lattice.*hexagonal/);
    await expectRejected(['run', '--lattice', 'cubic', '--model', 'potts', '--q', '5'], /temperature.*no known transition temperature on the cubic lattice/);
    await expectRejected(['run', '--lattice', 'cubic', '--size', '1000'], /"--size": expected an even integer from 2 to 894 on the cubic lattice/);
    await expectRejected(['sweep', '--lattice', 'cubic', '--sizes', '4,8'], /--temperatures.*cubic T_c = 4\.5115/);
    await expectRejected(['rg', '--lattice', 'cubic', '--size', '6', '--levels', '2'], /"--levels": expected an integer from 1 to 1 \(6 -> 3 with blocks of 2: b\^levels must divide L and leave at least 2 x 2 x 2\)/);
  });

  it('sweep --lattice cubic --analysis compares with the 3D literature', async () => {
    const r = await cli('sweep', '--lattice', 'cubic', '--sizes', '4,6', '--temperatures', '4.3,4.5,4.7', '--algorithm', 'wolff', '--sweeps', '2000', '--thermalize', '100', '--analysis', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.analysis.reference.temperature).toBeCloseTo(1 / 0.221654626, 9);
    expect(out.analysis.reference.exponents.nu).toBe(0.629971);
    expect(out.lattice).toBe('cubic');
    expect(out.points).toHaveLength(6);
  });

  it('showcase --lattice cubic: Wolff on L = 8, 16, 32 across beta_c with the 3D literature', async () => {
    const r = await cli('showcase', '--lattice', 'cubic', '--sweeps', '400', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lattice).toBe('cubic');
    expect(out.points.map((p: { size: number }) => p.size)).toEqual([8, 8, 8, 8, 16, 16, 16, 16, 32, 32, 32, 32]);
    expect(out.analysis.reference.exponents.gammaOverNu).toBeCloseTo(1.9637022, 7);
  });
});
