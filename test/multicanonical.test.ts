// Multicanonical runs of the Potts model against exact results of small lattices (transfer matrices of
// src/models/potts): reweighted e and c at every temperature and U4 at one, within 4 jackknife errors, the density of
// states within 0.3 in ln g on the well-sampled levels; the same run on both backends bit for bit; reused
// weights; typed errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectRejected } from './helpers/cli.js';
import { InvalidOptionError } from '../src/errors.js';
import { multicanonical, type MulticanonicalResult } from '../src/multicanonical/index.js';
import { pottsDensityOfStates, pottsEnergyMoments, pottsExactMoments } from '../src/models/potts/exact.js';
import { multicanonical as fromPackage } from '../src/index.js';

function checkAgainstExact(r: MulticanonicalResult, q: number, L: number): void {
  const dos = pottsDensityOfStates(q, L);
  const within = (name: string, o: { mean: number; error: number }, value: number, T: number) => {
    expect(o.error, `${name} error at T = ${T}`).toBeGreaterThan(0);
    expect(Math.abs(o.mean - value) / o.error, `${name} at T = ${T}: ${o.mean} ± ${o.error} vs ${value}`).toBeLessThan(4);
  };
  for (const p of r.curve) {
    const exact = pottsEnergyMoments(dos, p.beta);
    within('e', p.energy, exact.energy, p.temperature);
    within('c', p.specificHeat, exact.specificHeat, p.temperature);
  }
  // the order parameter at the middle temperature (the transfer matrix with occupations is slower)
  const middle = r.curve[Math.floor(r.curve.length / 2)];
  within('U4', middle.binder, 1 - pottsExactMoments(q, L, L, middle.beta).binderRatio / 3, middle.temperature);
  const { bondCounts, counts, lnG } = r.densityOfStates;
  const ref = dos.lnCounts[bondCounts[counts.indexOf(Math.max(...counts))]];
  let checked = 0;
  bondCounts.forEach((b, i) => {
    if (counts[i] < 1000) return;
    checked++;
    expect(Math.abs(lnG[i] - (dos.lnCounts[b] - ref)), `ln g(${b})`).toBeLessThan(0.3);
  });
  expect(checked).toBeGreaterThan(5);
}

describe('multicanonical Potts runs vs exact results', () => {
  it('q = 10, 4 x 4, T = 0.6 .. 0.8: both backends, identical', async () => {
    const options = { q: 10, size: 4, seed: 1, temperatures: { from: 0.6, to: 0.8, step: 0.04 }, sweeps: 40000 };
    const wasm = await multicanonical({ ...options, backend: 'wasm' });
    const js = await multicanonical({ ...options, backend: 'js' });
    expect(wasm.backend).toBe('wasm');
    expect(js.backend).toBe('js');
    expect({ ...js, backend: 'wasm' }).toEqual(wasm);
    expect(wasm.tuning.converged).toBe(true);
    expect(wasm.production.flatness).toBeGreaterThan(0.2); // the top tenth holds the impossible levels 29 .. 31
    expect(wasm.production.tunnelings).toBeGreaterThan(40);
    expect(wasm.warnings).toEqual([]);
    checkAgainstExact(wasm, 10, 4);
  });

  it('q = 3, 6 x 6 across T_c, and the weights reused without tuning', async () => {
    const options = { q: 3, size: 6, seed: 2, temperatures: { from: 0.9, to: 1.1, step: 0.05 }, sweeps: 40000 };
    const first = await multicanonical(options);
    checkAgainstExact(first, 3, 6);
    const again = await fromPackage({ ...options, seed: 3, weights: first.weights });
    expect(again.tuning.sweeps).toBe(0);
    expect(again.weights).toEqual(first.weights);
    checkAgainstExact(again, 3, 6);
  });

  it('q = 2 (Ising at coupling 1/2): odd levels never occur and are not reported as unvisited', async () => {
    const r = await multicanonical({ q: 2, size: 4, seed: 4, temperatures: [1.0, 1.2, 1.4], sweeps: 40000 });
    expect(r.production.unvisitedLevels).toBe(0);
    expect(r.densityOfStates.bondCounts.every((b) => b % 2 === 0)).toBe(true);
    checkAgainstExact(r, 2, 4);
  });

  it('warns when production has fewer tunnelings than jackknife blocks', async () => {
    const r = await multicanonical({ q: 10, size: 8, seed: 5, sweeps: 200, bins: 100, tuningSweeps: 100 });
    expect(r.warnings.some((w) => /tunnelings/.test(w))).toBe(true);
    expect(r.production.flatness).toBeLessThan(0.1);
    expect(r.warnings.some((w) => /far from flat/.test(w))).toBe(true);
  });

  it('rejects bad options with typed errors naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ q: 10, size: 8, sweep: 100 }, /"sweep"/],
      [{ q: 10, size: 8, field: 0.1 }, /"field"/],
      [{ model: 'ising', q: 2, size: 8 }, /"model"/],
      [{ q: 1, size: 8 }, /"q"/],
      [{ q: 10, size: 7 }, /"size"/],
      [{ q: 10, size: 8, temperatures: [0.7] }, /"temperatures"/],
      [{ q: 10, size: 8, bins: 1 }, /"bins"/],
      [{ q: 10, size: 8, sweeps: 10, bins: 20 }, /"sweeps"/],
      [{ q: 10, size: 8, weights: { lo: 10, hi: 20, betaLo: 1, betaHi: 1.5, values: [1, 2] } }, /"weights.values"/],
      [{ q: 10, size: 8, weights: { lo: 10, hi: 200, betaLo: 1, betaHi: 1.5, values: [] } }, /"weights.hi"/],
      [{ q: 10, size: 8, weights: { lo: 10, hi: 11, betaLo: 1, betaHi: 1.5, values: [0, 1], extra: 1 } }, /"weights.extra"/],
      [{ q: 10, size: 8, weights: { lo: 10, hi: 11, betaLo: 1, betaHi: 1.5, values: [0, 1] }, tuningSweeps: 10 }, /"tuningSweeps"/],
    ];
    for (const [options, field] of cases) {
      const error = await multicanonical(options as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toMatch(field);
    }
  });
});

describe('criticality multicanonical', () => {
  it('prints the curve and the first-order summary; json weights are reused by --weights', async () => {
    const args = ['multicanonical', '--q', '10', '--size', '4', '--temperatures', '0.6:0.8:0.05', '--sweeps', '20000', '--seed', '3'];
    const table = await cli(...args);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Multicanonical: Potts \(q = 10\) 4x4 on \w+ {2}seed=3/);
    expect(table.stdout).toMatch(/window b = \d+ \.\. 32/);
    expect(table.stdout.match(/^0\.\d{5} +-\d\.\d+ \+- 0\.\d+/gm)).toHaveLength(5);
    expect(table.stdout).toMatch(/interface tension sigma_L/);
    const json = await cli(...args, '--format', 'json');
    const result = JSON.parse(json.stdout) as MulticanonicalResult;
    expect(result.curve).toHaveLength(5);
    expect(Array.isArray(result.firstOrder.equalHeight?.distribution.energies ?? [])).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'muca-'));
    try {
      writeFileSync(join(dir, 'run.json'), json.stdout);
      const again = JSON.parse((await cli(...args, '--weights', join(dir, 'run.json'), '--format', 'json')).stdout) as MulticanonicalResult;
      expect(again.tuning.sweeps).toBe(0);
      expect(again.weights).toEqual(result.weights);
      const csv = await cli(...args, '--weights', join(dir, 'run.json'), '--format', 'csv');
      expect(csv.stdout.trim().split('\n')).toHaveLength(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['multicanonical', '--size', '8'], /"--q"/],
    [['multicanonical', '--q', '10', '--size', '8', '--tuning-sweeps', '-1'], /"--tuning-sweeps"/],
    [['multicanonical', '--q', '10', '--size', '8', '--model', 'ising'], /"--model"/],
    [['multicanonical', '--q', '10', '--size', '8', '--field', '0.1'], /field/],
    [['multicanonical', '--q', '10', '--size', '8', '--weights', '/nonexistent/w.json'], /"--weights"/],
  ])('rejects %j', async (argv, message) => {
    await expectRejected(argv, message);
  });
});
