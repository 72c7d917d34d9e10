// Histogram reweighting on the 4 x 4 lattice against exact enumeration: single histogram from
// one temperature to nearby ones (at h = 0 and in a field), and multiple histogram from two
// temperatures to one in between. Every observable, tolerance |z| < 4 (jackknife errors).
import { describe, expect, it } from 'vitest';
import { REWEIGHTED_NAMES, createSimulation, densityOfStates, exactMoments, multipleHistogram, singleHistogram } from '../src/index.js';
import type { Measurement } from '../src/index.js';
import { zScore } from './helpers/core.js';

const dos = densityOfStates(4);

async function run(temperature: number, field: number, seed: number, sweeps = 200_000): Promise<Measurement> {
  const sim = await createSimulation({ size: 4, temperature, field, seed, backend: 'wasm' });
  const m = sim.measure({ thermalize: 1000, sweeps, keepSeries: true });
  sim.dispose();
  return m;
}

function expectExact(point: ReturnType<ReturnType<typeof singleHistogram>['at']>, temperature: number, field: number): void {
  const exact = exactMoments(dos, temperature, field);
  expect(point.reliable).toBe(true);
  for (const name of REWEIGHTED_NAMES) {
    const o = point[name];
    expect(Math.abs(zScore(o, exact[name])), `T=${temperature} h=${field} ${name}: ${o.mean} +- ${o.error} vs ${exact[name]}`).toBeLessThan(4);
  }
}

describe('reweighting vs exact enumeration (4 x 4)', () => {
  it('single histogram from T = 2.4 to T = 2.1 .. 2.8', async () => {
    const rw = singleHistogram(await run(2.4, 0, 1));
    expect(rw.runs).toHaveLength(1);
    expect(rw.warnings).toEqual([]);
    for (const T of [2.1, 2.269185314213022, 2.4, 2.6, 2.8]) expectExact(rw.at(T), T, 0);
  });

  it('single histogram in a field h = 0.3, from T = 2.5 to 2.3 and 2.8', async () => {
    const rw = singleHistogram(await run(2.5, 0.3, 2));
    for (const T of [2.3, 2.8]) expectExact(rw.at(T), T, 0.3);
  });

  it('multiple histogram from T = 2.0 and 3.0 to temperatures in between', async () => {
    const rw = multipleHistogram([await run(3.0, 0, 3), await run(2.0, 0, 4)]);
    expect(rw.runs.map((r) => r.temperature)).toEqual([2.0, 3.0]);
    expect(rw.overlaps[0].overlap).toBeGreaterThan(0.1);
    for (const T of [2.25, 2.5, 2.75]) expectExact(rw.at(T), T, 0);
  });
});
