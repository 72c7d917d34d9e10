// The command line: JSON with the documented names, CSV, table with exact values, and bad flags
// rejected with a message on stderr and exit code 2. Also runs the real bin once.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, expectRejected } from './helpers/cli.js';

const OBSERVABLES = ['energy', 'absMagnetization', 'magnetization2', 'magnetization4', 'specificHeat', 'susceptibility', 'binder'];

describe('criticality run', () => {
  it('--format json prints one object with the documented names', async () => {
    const r = await cli('run', '--model', 'ising', '--size', '4', '--temperature', '2.5', '--field', '-0.1', '--algorithm', 'heat-bath',
      '--thermalize', '100', '--sweeps', '20000', '--seed', '9', '--backend', 'js', '--start', 'cold', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(out).toMatchObject({ model: 'ising', size: 4, temperature: 2.5, beta: 0.4, field: -0.1, algorithm: 'heat-bath', backend: 'js', seed: 9, thermalize: 100, sweeps: 20000 });
    for (const name of OBSERVABLES) {
      expect(Object.keys(out.observables[name]).slice(0, 2)).toEqual(['mean', 'error']);
      expect(Number.isFinite(out.observables[name].mean) && out.observables[name].error > 0, name).toBe(true);
      // 4 x 4 is exactly enumerated: every observable has its exact value next to it and agrees.
      expect(Math.abs(out.observables[name].mean - out.exact.finite[name]) / out.observables[name].error, name).toBeLessThan(4);
    }
  });

  it('--beta is an alternative to --temperature; same seed gives the same numbers on both backends', async () => {
    const a = JSON.parse((await cli('run', '--size', '8', '--beta', '0.4', '--sweeps', '500', '--backend', 'wasm', '--format', 'json')).stdout);
    const b = JSON.parse((await cli('run', '--size', '8', '--beta', '0.4', '--sweeps', '500', '--backend', 'js', '--format', 'json')).stdout);
    expect(a.temperature).toBe(2.5);
    expect(a.observables).toEqual(b.observables);
  });

  it('--format csv prints a header and one row; table shows Kaufman exact values', async () => {
    const csv = await cli('run', '--size', '8', '--sweeps', '500', '--format', 'csv');
    const [head, row, ...rest] = csv.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(head.split(',')).toContain('specificHeat_exact');
    expect(row.split(',')).toHaveLength(head.split(',').length);
    const table = await cli('run', '--size', '16', '--temperature', 'tc', '--sweeps', '2000');
    expect(table.stdout).toMatch(/exact L=16 \(Kaufman\)/);
    expect(table.stdout).toMatch(/energy e\s+-1\.4\d+ \+- 0\.\d+\s+-1\.453065/);
  });

  it.each([
    [['run', '--size', '7'], /Invalid option "--size": expected an even integer from 2 to 32766.*got 7/],
    [['run', '--size', 'big'], /Invalid option "--size": expected an even integer.*got "big"/],
    [['run', '--temperature', '-1'], /Invalid option "--temperature": expected a number from 0\.000001 to 1000000 .*, got -1/],
    [['run', '--temperature', 'hot'], /Invalid option "--temperature": expected a number > 0 or "tc", got "hot"/],
    [['run', '--temperature', '2', '--beta', '0.5'], /Invalid option "--beta": expected no --beta when --temperature is given/],
    [['run', '--algorithm', 'glauber'], /Invalid option "--algorithm": expected one of metropolis, heat-bath, wolff, swendsen-wang, hybrid, got "glauber"/],
    [['run', '--backend', 'gpu'], /Invalid option "--backend".*got "gpu"/],
    [['run', '--model', 'spin-glass'], /Invalid option "--model".*got "spin-glass"/],
    [['run', '--model', 'potts'], /Invalid option "--q": expected an integer from 2 to 256 .*got nothing/],
    [['run', '--model', 'potts', '--q', '300'], /Invalid option "--q": expected an integer from 2 to 256/],
    [['run', '--q', '3'], /Invalid option "--q": expected no q with model "ising"/],
    [['run', '--start', 'warm'], /Invalid option "--start".*got "warm"/],
    [['run', '--format', 'xml'], /Invalid option "--format": expected one of table, json, csv, got "xml"/],
    [['run', '--seed', '-3'], /Invalid option "--seed": expected an integer from 0 to 9007199254740991, got -3/],
    [['run', '--sweeps', '1'], /Invalid option "--sweeps": expected an integer from 2/],
    [['run', '--thermalize', '2.5'], /Invalid option "--thermalize".*got 2\.5/],
    [['run', '--field', 'NaN'], /Invalid option "--field"/],
    [['run', '--sise', '8'], /Invalid option "--sise": expected one of --model, --lattice, --q, --size.*unknown flag/],
    [['run', '--size'], /Invalid option "--size": expected a value after the flag, got nothing/],
    [['run', 'extra'], /Invalid option "argument".*got "extra"/],
    [['frobnicate'], /Invalid option "command": expected one of run, sweep, showcase, hysteresis, multicanonical, dynamics, rg, landau, language, worker, help, version, got "frobnicate"/],
  ])('rejects %j', async (argv, message) => {
    await expectRejected(argv, message);
  });

  it('the installed bin runs (built package) and exits non-zero on bad input', () => {
    const bin = new URL('../bin/criticality.js', import.meta.url).pathname;
    const out = JSON.parse(execFileSync(process.execPath, [bin, 'run', '--size', '4', '--sweeps', '100', '--format', 'json'], { encoding: 'utf8' }));
    expect(out.size).toBe(4);
    const bad = spawnSync(process.execPath, [bin, 'run', '--size', '3'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Invalid option "--size"/);
    expect(execFileSync(process.execPath, [bin, 'version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
