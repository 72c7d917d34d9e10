// The Potts kernels sample the Boltzmann distribution: on the periodic 2 x 2 lattice (every site
// bonded twice to each of its two neighbours, 8 bonds) the frequencies of the whole record
// [Nb, n_0, ..., n_{q-1}] over 10^5 sweeps match the exact weights of every configuration
// (q^4 of them, enumerated), for Metropolis and heat bath, with and without field, q = 3, 4
// (a proposal that needs more than the top byte of U) and 10 (heat bath's "rest" states); the
// JavaScript twin, bit-identical to the WebAssembly kernel for equal seeds (potts-kernel-parity),
// runs an independent sample of its own seeds for two cases. Criterion: every cell's z-score, with a batch-means error (50 batches, so the
// autocorrelation of the chain is in the error), below 4.5 (about 15 cells: a false alarm has
// probability ~1e-4). The same criterion rejects the exact distribution of a 10% different beta.
import { describe, expect, it } from 'vitest';
import { JsPottsKernel } from '../src/models/potts/kernel-js.js';
import type { PottsAlgorithm, PottsKernel } from '../src/models/potts/kernel.js';
import { naiveRecord, prepare, wasmPotts } from './helpers/potts.js';

const L = 2;
const SWEEPS = 100_000;
const BATCHES = 50;

/** A cell: the whole record, or (Nb, n_0) for `marginal`, as a number (base 9: every entry is at most 8). */
function keyOf(records: Int32Array, at: number, q: number, marginal: boolean): number {
  let key = 0;
  for (let i = (marginal ? 2 : q + 1) - 1; i >= 0; i--) key = key * 9 + records[at + i];
  return key;
}

/** Calls `visit` with the record and Boltzmann weight exp(beta (Nb + h n_0)) of each of the q^4 configurations; returns Z. */
function enumerate(q: number, beta: number, field: number, visit: (record: Int32Array, weight: number) => void): number {
  const states = new Uint8Array(L * L);
  let Z = 0;
  for (let c = 0; c < q ** (L * L); c++) {
    for (let i = 0, v = c; i < L * L; i++, v = Math.floor(v / q)) states[i] = v % q;
    const record = naiveRecord(states, L, q);
    const w = Math.exp(beta * (record[0] + field * record[1]));
    visit(record, w);
    Z += w;
  }
  return Z;
}

/** Exact probability of every cell. */
function exactCells(q: number, beta: number, field: number, marginal: boolean): Map<number, number> {
  const cells = new Map<number, number>();
  const Z = enumerate(q, beta, field, (record, w) => {
    const key = keyOf(record, 0, q, marginal);
    cells.set(key, (cells.get(key) ?? 0) + w);
  });
  for (const [key, w] of cells) cells.set(key, w / Z);
  return cells;
}

/** The mean of a series over BATCHES batches of `per` values and its error from the spread of the batch means. */
function batchMean(series: Float64Array, per = series.length / BATCHES): { mean: number; error: number } {
  const b = Array.from({ length: BATCHES }, (_, i) => series.subarray(i * per, (i + 1) * per).reduce((s, v) => s + v, 0) / per);
  const mean = b.reduce((s, v) => s + v, 0) / BATCHES;
  return { mean, error: Math.sqrt(b.reduce((s, v) => s + (v - mean) ** 2, 0) / (BATCHES - 1) / BATCHES) };
}

/** Largest |z| over the cells: frequency vs exact probability, batch-means errors. */
function worstZ(records: Int32Array, q: number, exact: Map<number, number>, marginal: boolean): { z: number; cell: string } {
  const index = new Map([...exact.keys()].map((key, i) => [key, i]));
  const counts = new Float64Array(index.size * BATCHES);
  const per = SWEEPS / BATCHES;
  for (let t = 0; t < SWEEPS; t++) {
    const key = keyOf(records, t * (q + 1), q, marginal);
    const i = index.get(key);
    if (i === undefined) return { z: Infinity, cell: `impossible record ${key.toString(9)}` };
    counts[i * BATCHES + Math.floor(t / per)] += 1 / per;
  }
  let worst = { z: 0, cell: '' };
  for (const [key, p] of exact) {
    const i = index.get(key)!;
    const { mean, error } = batchMean(counts.subarray(i * BATCHES, (i + 1) * BATCHES), 1);
    // a cell too rare to be seen in a batch gets the binomial error of the whole run
    const z = (mean - p) / Math.max(error, Math.sqrt((p * (1 - p)) / SWEEPS));
    if (Math.abs(z) > Math.abs(worst.z)) worst = { z, cell: key.toString(9) };
  }
  return worst;
}

async function run(kernel: PottsKernel, algorithm: PottsAlgorithm, q: number): Promise<Int32Array> {
  const records = new Int32Array((q + 1) * SWEEPS);
  kernel.sweep(algorithm, 100);
  kernel.sweep(algorithm, SWEEPS, records);
  return records;
}

const CASES: [PottsAlgorithm, number, number, number][] = [
  // algorithm, q, beta, field
  ['metropolis', 3, 0.6, 0],
  ['metropolis', 3, 0.5, 0.4],
  ['metropolis', 4, 0.45, -0.3],
  ['metropolis', 10, 0.7, 0.5],
  ['heat-bath', 3, 0.6, 0],
  ['heat-bath', 3, 0.5, 0.4],
  ['heat-bath', 4, 0.45, -0.3],
  ['heat-bath', 10, 0.7, 0.5],
];

/** Checks the run of one case against the exact distribution (and, for q > 4, every state's occupation). */
function check(records: Int32Array, q: number, beta: number, field: number): void {
  const marginal = q > 4;
  const { z, cell } = worstZ(records, q, exactCells(q, beta, field, marginal), marginal);
  expect(Math.abs(z), `cell ${cell} (base 9, Nb first)`).toBeLessThan(4.5);
  if (!marginal) return;
  // every state's mean occupation (the marginal above only sees n_0)
  const exact = new Map<number, number>();
  const Z = enumerate(q, beta, field, (record, w) => {
    for (let k = 1; k < q; k++) exact.set(k, (exact.get(k) ?? 0) + (w * record[1 + k]) / (L * L));
  });
  for (let k = 1; k < q; k++) {
    const { mean, error } = batchMean(Float64Array.from({ length: SWEEPS }, (_, t) => records[t * (q + 1) + 1 + k] / (L * L)));
    expect(Math.abs((mean - exact.get(k)! / Z) / error), `n_${k}`).toBeLessThan(4.5);
  }
}

describe('Potts kernels on the 2 x 2 lattice vs exact enumeration', { timeout: 60_000 }, () => {
  it.each(CASES)('%s: q=%d beta=%d h=%d', async (algorithm, q, beta, field) => {
    const kernel = prepare(await wasmPotts(L, q), 1000 + q, beta, field);
    check(await run(kernel, algorithm, q), q, beta, field);
  });

  it.each([CASES[1], CASES[6]])('JavaScript twin, its own seeds: %s q=%d beta=%d h=%d', async (algorithm, q, beta, field) => {
    const kernel = prepare(new JsPottsKernel(L, q), 5000 + q, beta, field);
    check(await run(kernel, algorithm, q), q, beta, field);
  });

  it('the criterion has power: it rejects the exact distribution of beta x 1.1', async () => {
    const q = 3;
    const kernel = prepare(await wasmPotts(L, q), 7, 0.6, 0.2);
    const records = await run(kernel, 'metropolis', q);
    expect(Math.abs(worstZ(records, q, exactCells(q, 0.6, 0.2, false), false).z)).toBeLessThan(4.5);
    expect(Math.abs(worstZ(records, q, exactCells(q, 0.66, 0.2, false), false).z)).toBeGreaterThan(8);
  });
});
