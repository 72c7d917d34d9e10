// The rg and landau commands: JSON with the documented names, tables, and bad flags rejected with
// a one-line message naming the flag on stderr and exit code 2.
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('criticality rg and landau', { timeout: 60_000 }, () => {
  it('rg --format json: flow per level, direction, MCRG entries, all as documented', async () => {
    const r = await cli('rg', '--size', '16', '--temperature', '3', '--samples', '400', '--every', '2', '--thermalize', '100', '--block', '2', '--levels', '2', '--rg-seed', '5', '--backend', 'js', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ size: 16, temperature: 3, blockSize: 2, rule: 'majority', levels: 2, rgSeed: 5, samples: 400, every: 2, thermalize: 100, backend: 'js' });
    expect(out.flow.map((l: { size: number }) => l.size)).toEqual([16, 8, 4]);
    for (const name of ['absMagnetization', 'magnetization2', 'magnetization4', 'binder', 'nn', 'nnn', 'plaquette']) {
      expect(Object.keys(out.flow[1][name]).slice(0, 2)).toEqual(['mean', 'error']);
    }
    expect(out.flow[0].patternEntropy.perSpin.mean).toBeGreaterThan(0.5);
    expect(out.direction).toBe('disordered');
    expect(out.mcrg.thermal).toHaveLength(8); // 2 transitions x 4 operator counts
    expect(out.mcrg.magnetic).toHaveLength(6);
    expect(out.mcrg.thermal[0]).toMatchObject({ level: 0, from: 16, to: 8, operators: ['nn'], state: 'estimated' });
  });

  it('rg table: the flow, the direction and both MCRG tables', async () => {
    const r = await cli('rg', '--size', '16', '--temperature', 'tc', '--samples', '300', '--levels', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^RG {2}Ising 16x16 {2}T=2\.269185/);
    expect(r.stdout).toMatch(/level\s+L\s+\|m\|\s+U4\s+nn\s+nnn\s+plaquette\s+entropy\/spin/);
    expect(r.stdout).toMatch(/flow direction: (critical|ordered|disordered|undetermined)/);
    expect(r.stdout).toMatch(/MCRG thermal exponent y_t = 1\/nu/);
    expect(r.stdout).toMatch(/MCRG magnetic exponent y_h/);
    expect(r.stdout).toMatch(/undetermined:\n(.*\n)* {2}4 -> 2, 4 operator\(s\): operator nn3 does not fluctuate/);
  });

  it('landau: JSON profile and table', async () => {
    const r = await cli('landau', '--size', '8', '--temperature', '5', '--sweeps', '5000', '--bins', '33', '--order', '4', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ size: 8, temperature: 5, variable: '|m|', shape: 'single-well' });
    expect(out.fit.order).toBe(4);
    expect(out.points).toHaveLength(17);
    expect(Object.keys(out.points[0])).toEqual(['x', 'count', 'F', 'error', 'fitted']);
    const table = await cli('landau', '--size', '16', '--temperature', '2', '--sweeps', '3000');
    expect(table.stdout).toMatch(/shape: double-well {2}barrier > [\d.]+ \(m = 0 never visited\)/);
    expect(table.stdout).toMatch(/fit F = a0 \+ a2 m\^2 \+ a4 m\^4 \+ a6 m\^6: a2 = /);
  });

  it.each([
    [['rg', '--size', '32', '--block', '3'], /Invalid option "--block": expected an integer >= 2 that divides the lattice size 32.*got 3/],
    [['rg', '--size', '32', '--levels', '9'], /Invalid option "--levels": expected an integer from 1 to 4.*got 9/],
    [['rg', '--rule', 'average'], /Invalid option "--rule": expected one of majority, decimation, got "average"/],
    [['rg', '--samples', '1'], /Invalid option "--samples": expected an integer from 2.*got 1/],
    [['rg', '--samples', 'many'], /Invalid option "--samples": expected an integer number of configurations, got "many"/],
    [['rg', '--rg-seed', '-1'], /Invalid option "--rg-seed": expected an integer from 0 to 9007199254740991, got -1/],
    [['rg', '--size', '7'], /Invalid option "--size": expected an even integer/],
    [['rg', '--format', 'csv'], /Invalid option "--format": expected one of table, json, got "csv"/],
    [['rg', '--sweeps', '10'], /Invalid option "--sweeps": expected one of .*--samples.*\(unknown flag\)/],
    [['landau', '--bins', '50'], /Invalid option "--bins": expected an odd integer from 3 to 100001.*got 50/],
    [['landau', '--order', '5'], /Invalid option "--order": expected 4 or 6, got 5/],
    [['landau', '--min-count', '0'], /Invalid option "--min-count": expected an integer from 1.*got 0/],
    [['landau', '--sweeps', '1'], /Invalid option "--sweeps": expected an integer from 2.*got 1/],
  ])('rejects %j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('help lists the new commands and their flags', async () => {
    const r = await cli('help');
    expect(r.stdout).toMatch(/rg {8}block-spin renormalization/);
    expect(r.stdout).toMatch(/--rule majority\|decimation/);
    expect((await cli('rg', '--help')).stdout).toBe(r.stdout);
  });
});
