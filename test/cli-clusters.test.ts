// The command line with cluster algorithms: run with --algorithm wolff|swendsen-wang|hybrid and
// their flags (JSON names, table rows of the improved estimators), `criticality dynamics` in every
// format, and bad flags rejected with a one-line message naming the flag and exit code 2.
import { describe, expect, it } from 'vitest';
import { cli, expectRejected } from './helpers/cli.js';

describe('criticality run with cluster algorithms', () => {
  it('--algorithm wolff --clusters-per-step: JSON with the settings, work and improved estimators', async () => {
    const r = await cli('run', '--size', '4', '--temperature', '2.5', '--algorithm', 'wolff', '--clusters-per-step', '2', '--sweeps', '20000', '--seed', '3', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ algorithm: 'wolff', clustersPerStep: 2, sweeps: 20000 });
    expect(out.sweepEquivalents).toBeGreaterThan(0);
    for (const name of ['magnetization2', 'susceptibilityFull']) {
      const o = out.improved[name];
      expect(Math.abs(o.mean - out.exact.finite[name]) / o.error, name).toBeLessThan(4);
    }
  });

  it('--algorithm hybrid with its flags; in a field there are no improved estimators', async () => {
    const r = await cli('run', '--size', '4', '--field', '0.2', '--algorithm', 'hybrid', '--hybrid-sweeps', '3', '--hybrid-cluster', 'swendsen-wang', '--sweeps', '2000', '--format', 'json');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ algorithm: 'hybrid', hybridSweeps: 3, hybridCluster: 'swendsen-wang', sweepEquivalents: 8000 });
    expect(out).not.toHaveProperty('clustersPerStep');
    expect(out).not.toHaveProperty('improved');
  });

  it('the table names the algorithm settings and shows the cluster estimators; CSV has their columns', async () => {
    const table = await cli('run', '--size', '16', '--algorithm', 'swendsen-wang', '--sweeps', '2000');
    expect(table.stdout).toMatch(/swendsen-wang on \w+/);
    expect(table.stdout).toMatch(/chi' \(cluster estimator\)\s+\d+\.\d+ \+- \d/);
    const csv = await cli('run', '--size', '8', '--algorithm', 'wolff', '--sweeps', '500', '--format', 'csv');
    const [head, row] = csv.stdout.trim().split('\n');
    expect(head.split(',').slice(-5)).toEqual(['sweepEquivalents', 'magnetization2_improved', 'magnetization2_improved_error', 'susceptibilityFull_improved', 'susceptibilityFull_improved_error']);
    expect(row.split(',')).toHaveLength(head.split(',').length);
  });
});

describe('criticality dynamics', () => {
  it('prints tau_int per point and z per algorithm (table, JSON, CSV), progress on stderr', async () => {
    const args = ['dynamics', '--sizes', '4,8', '--algorithms', 'swendsen-wang,wolff', '--steps', '3000', '--seed', '2'];
    const table = await cli(...args);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Critical slowing down at T = 2\.269185/);
    expect(table.stdout).toMatch(/swendsen-wang\s+8\s+3000\s+1\.0000/);
    expect(table.stdout).toMatch(/Dynamic exponent z/);
    expect(table.stderr.trim().split('\n')).toHaveLength(4);
    const json = JSON.parse((await cli(...args, '--format', 'json', '--quiet')).stdout);
    expect(json.points).toHaveLength(4);
    expect(json.fits[0]).toMatchObject({ fitMinSize: 4, points: 2 });
    const narrow = JSON.parse((await cli('dynamics', '--sizes', '4,8,12', '--algorithms', 'wolff', '--steps', '2000', '--fit-min-size', '8', '--format', 'json', '--quiet')).stdout);
    expect(narrow.points.map((p: { size: number }) => p.size)).toEqual([4, 8, 12]);
    expect(narrow.fits[0]).toMatchObject({ fitMinSize: 8, points: 2 });
    const single = JSON.parse((await cli('dynamics', '--sizes', '8', '--algorithms', 'wolff', '--steps', '1000', '--format', 'json', '--quiet')).stdout);
    expect(single.fits[0]).toMatchObject({ z: null, points: 1 });
    expect(json.fits.map((f: { algorithm: string; observable: string }) => `${f.algorithm}/${f.observable}`)).toEqual([
      'swendsen-wang/absMagnetization', 'swendsen-wang/energy', 'wolff/absMagnetization', 'wolff/energy',
    ]);
    const csv = await cli(...args, '--format', 'csv', '--quiet');
    expect(csv.stderr).toBe('');
    const lines = csv.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^temperature,algorithm,size,/);
  });
});

describe('bad cluster flags', () => {
  it.each([
    [['run', '--algorithm', 'wolff', '--clusters-per-step', '0'], /Invalid option "--clusters-per-step": expected an integer from 1 to 2147483647, got 0/],
    [['run', '--algorithm', 'wolff', '--clusters-per-step', 'many'], /Invalid option "--clusters-per-step": expected an integer >= 1, got "many"/],
    [['run', '--clusters-per-step', '3'], /Invalid option "--clusters-per-step": expected no clustersPerStep unless Wolff clusters are used \(algorithm "metropolis"\), got 3/],
    [['run', '--algorithm', 'wolff', '--hybrid-sweeps', '2'], /Invalid option "--hybrid-sweeps": expected no hybridSweeps unless algorithm is "hybrid"/],
    [['run', '--algorithm', 'hybrid', '--hybrid-cluster', 'metropolis'], /Invalid option "--hybrid-cluster": expected one of wolff, swendsen-wang, got "metropolis"/],
    [['dynamics', '--sizes', '8,7'], /Invalid option "--sizes": expected an even integer.*got 7/],
    [['dynamics', '--sizes', ''], /Invalid option "--sizes": expected a comma-separated list, got ""/],
    [['dynamics', '--algorithms', 'wolff,glauber'], /Invalid option "--algorithms": expected one of metropolis, heat-bath, wolff, swendsen-wang, hybrid, got "glauber"/],
    [['dynamics', '--steps', '5'], /Invalid option "--steps": expected an integer from 1000/],
    [['dynamics', '--sizes', '8,16', '--fit-min-size', '16'], /Invalid option "--fit-min-size": expected a size that leaves at least 2 of the sizes \(8, 16\) for the fit, got 16/],
    [['dynamics', '--format', 'xml'], /Invalid option "--format": expected one of table, json, csv, got "xml"/],
    [['dynamics', '--size', '8'], /Invalid option "--size": expected one of --sizes, --algorithms.*unknown flag/],
  ])('rejects %j', async (argv, message) => {
    await expectRejected(argv, message);
  });
});
