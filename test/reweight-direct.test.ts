// Multiple-histogram reweighting of L = 16 runs at T = 2.2, 2.3, 2.4 agrees with direct
// simulations at the intermediate temperatures 2.25 and 2.35 (|z| < 4 with the combined
// errors) and with the exact Kaufman e and c; too little overlap is reported, not hidden;
// bad input gets typed errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, REWEIGHTED_NAMES, createSimulation, finiteLatticeExact, multipleHistogram, singleHistogram } from '../src/index.js';
import type { Measurement } from '../src/index.js';

async function run(size: number, temperature: number, seed: number, sweeps: number, options: { field?: number; keepSeries?: boolean } = {}): Promise<Measurement> {
  const sim = await createSimulation({ size, temperature, seed, field: options.field ?? 0, start: 'cold', backend: 'wasm' });
  const m = sim.measure({ thermalize: 2000, sweeps, keepSeries: options.keepSeries ?? true });
  sim.dispose();
  return m;
}

let runs: Measurement[];

beforeAll(async () => {
  runs = [await run(16, 2.2, 1, 100_000), await run(16, 2.3, 2, 100_000), await run(16, 2.4, 3, 100_000)];
}, 60_000);

describe('multiple histogram (L = 16) vs direct simulations and Kaufman', () => {
  it.each([2.25, 2.35])('T = %d', async (T) => {
    const rw = multipleHistogram(runs);
    expect(rw.warnings).toEqual([]);
    const point = rw.at(T);
    expect(point.reliable).toBe(true);
    const direct = await run(16, T, 10, 100_000, { keepSeries: false });
    for (const name of REWEIGHTED_NAMES) {
      const a = point[name];
      const b = direct.observables[name];
      const z = (a.mean - b.mean) / Math.hypot(a.error, b.error);
      expect(Math.abs(z), `${name}: reweighted ${a.mean} +- ${a.error}, direct ${b.mean} +- ${b.error}`).toBeLessThan(4);
    }
    const exact = finiteLatticeExact(16, T);
    expect(Math.abs((point.energy.mean - exact.energy) / point.energy.error)).toBeLessThan(4);
    expect(Math.abs((point.specificHeat.mean - exact.specificHeat) / point.specificHeat.error)).toBeLessThan(4);
    // Reweighting pools the runs: its errors are smaller than one direct run's.
    expect(point.specificHeat.error).toBeLessThan(direct.observables.specificHeat.error);
  });

  it("too little overlap gives a warning and unreliable points in the gap", async () => {
    const far = [await run(16, 1.8, 5, 20_000), await run(16, 3.0, 6, 20_000)];
    const rw = multipleHistogram(far);
    expect(rw.overlaps[0].overlap).toBeLessThan(0.01);
    expect(rw.warnings.join('\n')).toMatch(/energy histograms at T=1\.8 and T=3 overlap by only [\d.e-]+% \(< 10%\): reweighted values between them are not to be trusted/);
    expect(rw.at(2.4).reliable).toBe(false);
    expect(rw.at(1.8).reliable).toBe(true);
    expect(rw.range.from).toBeLessThan(1.8);
    expect(rw.range.to).toBeGreaterThan(3.0);
    // A single run reweighted far away is flagged too.
    const one = singleHistogram(runs[1]);
    expect(one.at(2.3).reliable).toBe(true);
    expect(one.at(2.9).reliable).toBe(false);
    expect(one.range.from).toBeGreaterThan(2.0);
    expect(one.range.to).toBeLessThan(2.6);
  });

  it('bad input gets typed errors naming the field', async () => {
    const noSeries = await run(16, 2.3, 7, 1000, { keepSeries: false });
    const other = await run(8, 2.3, 8, 1000);
    const field = await run(16, 2.5, 9, 1000, { field: 0.1 });
    const cases: [unknown, RegExp][] = [
      [[], /Invalid option "measurements": expected a non-empty list of measurements of one lattice size taken with keepSeries: true, got \[\]/],
      [[runs[0], noSeries], /Invalid option "measurements\[1\]\.series": expected a measurement taken with keepSeries: true \(per-sweep e and m\), got nothing/],
      [[runs[0], other], /Invalid option "measurements\[1\]\.size": expected 16 \(every run of one reweighting has the same size\), got 8/],
      [[runs[0], field], /Invalid option "measurements\[1\]\.field": expected 0 \(every run of one reweighting has the same field\), got 0\.1/],
      [[runs[1], runs[1]], /Invalid option "measurements\[1\]\.temperature": expected distinct temperatures/],
    ];
    for (const [input, message] of cases) {
      const error = (() => { try { multipleHistogram(input as Measurement[]); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toMatch(message);
    }
    // A run of 200 sweeps whose tau_int(e) is 50: the rule is checked on the stated tau_int (the
    // estimate from so few samples is itself too noisy to pin a seed on).
    const shortRun = await run(16, 2.27, 11, 200);
    const short = { ...shortRun, observables: { ...shortRun.observables, energy: { ...shortRun.observables.energy, tauInt: 50 } } };
    expect(() => singleHistogram(short)).toThrow(/Invalid option "measurements": expected runs of at least 20 tau_int, so that the jackknife has 2 bins of 10 tau_int, got "a run at T=2\.27 of 200 sweeps with tau_int = /);
    expect(() => singleHistogram(runs[0], { bins: 1 })).toThrow(/Invalid option "bins": expected an integer from 2/);
    expect(() => singleHistogram(runs[0], { minOverlap: 2 })).toThrow(/Invalid option "minOverlap": expected a number from 0 to 1, got 2/);
    expect(() => singleHistogram(runs[0]).at(-1)).toThrow(/Invalid option "temperature": expected a finite number > 0, got -1/);
  });
});
