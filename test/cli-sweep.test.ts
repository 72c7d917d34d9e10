// criticality sweep: table, CSV and JSON with one row per point and the exact e and c alongside;
// the progress bar only on a terminal or when asked; Ctrl-C (the io signal) prints the finished
// points; bad flags exit 2 with one line naming the flag.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';

async function cli(argv: string[], extra: Partial<Io> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...extra });
  return { code, stdout, stderr };
}

const SMALL = ['sweep', '--sizes', '4,8', '--temperatures', '2.0:2.4:0.2', '--sweeps', '2000', '--seed', '5'];

describe('criticality sweep', () => {
  it('--format json: one row per point with every observable and the exact e and c', async () => {
    const r = await cli([...SMALL, '--format', 'json', '--correlations']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe('completed');
    expect(out.points.map((p: { size: number; temperature: number }) => [p.size, p.temperature])).toEqual([[4, 2], [4, 2.2], [4, 2.4], [8, 2], [8, 2.2], [8, 2.4]]);
    for (const p of out.points) {
      for (const name of ['energy', 'absMagnetization', 'magnetization2', 'magnetization4', 'specificHeat', 'susceptibility', 'susceptibilityFull', 'binder', 'binderRatio', 'correlationLength']) {
        expect(Object.keys(p.observables[name]).slice(0, 2), name).toEqual(['mean', 'error']);
      }
      expect(p.exact.method).toBe(p.size === 4 ? 'enumeration' : 'kaufman');
      expect(Math.abs(p.observables.energy.mean - p.exact.energy) / p.observables.energy.error).toBeLessThan(4);
      expect(p.correlation.G[0]).toEqual({ mean: 1, error: 0 });
    }
  });

  it('--format csv: a header and one row per point; table: measured vs exact with z', async () => {
    const csv = await cli([...SMALL, '--format', 'csv']);
    const [head, ...rows] = csv.stdout.trim().split('\n');
    expect(rows).toHaveLength(6);
    const columns = head.split(',');
    expect(columns).toEqual(expect.arrayContaining(['size', 'temperature', 'energy', 'energy_error', 'specificHeat_exact', 'binderRatio_error', 'energy_exact']));
    for (const row of rows) expect(row.split(',')).toHaveLength(columns.length);
    const table = await cli(SMALL);
    expect(table.stdout).toMatch(/^Ising sweep: sizes 4, 8 {2}metropolis on wasm/);
    expect(table.stdout).toMatch(/\n {0,2}8 {2}2\.2000 +-1\.5\d+ \+- 0\.\d+ +-1\.56804 /);
  });

  it('--analysis adds the finite-size-scaling summary', async () => {
    const r = await cli(['sweep', '--sizes', '8,16', '--temperatures', '2.1:2.6:0.1', '--sweeps', '20000', '--analysis']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Binder crossing/);
    expect(r.stdout).toMatch(/L=8 \/ L=16 +2\.2\d+ \+- 0\.\d+/);
    expect(r.stdout).toMatch(/Tc from Binder crossings +2\.\d+ \+- 0\.\d+ +2\.269185 \(Onsager\)/);
    expect(r.stdout).toMatch(/gamma\/nu from chi_max/);
    const json = JSON.parse((await cli(['sweep', '--sizes', '8,16', '--temperatures', '2.1:2.6:0.1', '--sweeps', '20000', '--analysis', '--format', 'json'])).stdout);
    expect(json.analysis.criticalTemperature.exact).toBe(2.269185314213022);
    expect(json.analysis.gammaOverNu.exact).toBe(1.75);
    expect(json.analysis.curves.map((c: { size: number }) => c.size)).toEqual([8, 16]);
    const curve = json.analysis.curves[1].points;
    expect(curve).toHaveLength(41);
    expect(Object.keys(curve[0].specificHeat)).toEqual(['mean', 'error']);
    expect(curve.filter((p: { reliable: boolean }) => p.reliable).length).toBeGreaterThan(30);
  }, 60_000);

  it('shows the progress bar on a terminal or with --progress, never otherwise', async () => {
    const quiet = await cli(SMALL, { stderrIsTTY: false });
    expect(quiet.stderr).toBe('');
    const forced = await cli([...SMALL, '--progress'], { stderrIsTTY: false });
    const lines = forced.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^\[#{24}\] 6\/6 points 100% {2}L=8 T=2\.4000 {2}elapsed \d+:\d\d {2}ETA 0:00$/);
    const tty = await cli(SMALL, { stderrIsTTY: true });
    expect(tty.stderr).toMatch(/^\r\[[#-]{24}\] \d\/6 points/);
    expect(tty.stderr.endsWith('\r')).toBe(true);
  });

  it('an abort (Ctrl-C) prints the finished points and exits 130', async () => {
    const controller = new AbortController();
    let out = '';
    const code = await main(['sweep', '--sizes', '8,16', '--temperatures', '2.0:2.6:0.1', '--sweeps', '3000', '--format', 'json', '--progress'], {
      stdout: (t) => (out += t),
      stderr: (t) => { if (t.includes(' 2/14 points')) controller.abort(); },
      signal: controller.signal,
    });
    expect(code).toBe(130);
    const json = JSON.parse(out);
    expect(json.state).toBe('aborted');
    expect(json.points.length).toBeGreaterThanOrEqual(2);
    expect(json.points.length + json.remaining.length).toBeGreaterThanOrEqual(14);
  });

  it.each([
    [['sweep', '--sizes', '8,9'], /Invalid option "--sizes": expected an even integer from 2 to 32766 \(the checkerboard update needs even L\) \(sizes\[1\]\), got 9/],
    [['sweep', '--sizes', '8,x'], /Invalid option "--sizes": expected a comma-separated list of even integers like 8,16,32, got "8,x"/],
    [['sweep', '--sizes', '16,16'], /Invalid option "--sizes": expected distinct sizes \(16 appears twice\)/],
    [['sweep', '--temperatures', '2.6:2.0:0.1'], /Invalid option "--temperatures": expected a temperature >= from = 2\.6 .*\(temperatures\.to\), got 2/],
    [['sweep', '--temperatures', '2.0:2.6:0'], /Invalid option "--temperatures": expected a finite number > 0 \(temperatures\.step\), got 0/],
    [['sweep', '--temperatures', '2.0:2.6:0.0000001'], /"--temperatures": expected a step giving at most 10000 temperatures/],
    [['sweep', '--temperatures', '2.4,2.2'], /"--temperatures": expected strictly increasing temperatures/],
    [['sweep', '--temperatures', '2:3'], /"--temperatures": expected a range FROM:TO:STEP like 2\.0:2\.6:0\.05, or an increasing list like 2\.1,2\.2,tc, got "2:3"/],
    [['sweep', '--sweeps', '10'], /Invalid option "--sweeps": expected at least 100 recorded sweeps per point/],
    [['sweep', '--correlations', '--every', '1000'], /Invalid option "--every": expected at most 100 so that 10000 sweeps give at least 100 correlation samples/],
    [['sweep', '--every', '5'], /"--every": expected to be given with --correlations/],
    [['sweep', '--analysis', '--format', 'csv'], /"--analysis": expected table or json output/],
    [['sweep', '--histograms'], /"--histograms": expected json output/],
    [['sweep', '--algorithm', 'glauber'], /Invalid option "--algorithm"/],
    [['sweep', '--seed', '-1'], /Invalid option "--seed".*got -1/],
    [['sweep', '--temps', '2'], /Invalid option "--temps": expected one of --sizes, --temperatures.*unknown flag/],
    [['showcase', '--sweeps', '5'], /Invalid option "--sweeps": expected at least 100/],
  ])('rejects %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the installed bin stops a sweep on SIGINT and prints what it finished', async () => {
    const bin = new URL('../bin/criticality.js', import.meta.url).pathname;
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'sweep', '--sizes', '8,64', '--temperatures', '2.0:2.6:0.05', '--sweeps', '200000', '--format', 'csv', '--progress']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!child.killed && / 1\/26 points/.test(stderr)) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/criticality: sweep aborted: \d+ point\(s\) completed/);
    expect(stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2);
    expect(spawnSync(process.execPath, [bin, 'sweep', '--sizes', '7'], { encoding: 'utf8' }).status).toBe(2);
  }, 60_000);
});
