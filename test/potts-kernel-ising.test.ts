// q = 2 Potts is the Ising model: with sigma = +1 for state 0 and -1 for state 1,
// delta(s_i, s_j) = (1 + sigma_i sigma_j) / 2 and delta(s_i, 0) = (1 + sigma_i) / 2, so the Potts
// weight at (beta, h) is the Ising weight at beta_I = beta / 2 (K_Ising = K_Potts / 2), h_I = h, and
//   Nb / N = 1 + B / (2N),   n_0 / N = (1 + M / N) / 2.
// On a 32 x 32 lattice (the SIMD rows), both Potts algorithms agree with the Ising byte kernel run
// at (beta / 2, h), and at h = 0 with the exact finite-lattice energy of Kaufman (src/exact/finite.ts);
// |z| < 4 with binned errors (src/stats, autocorrelation included). The JavaScript twin, bit-identical
// to the WebAssembly kernel for equal seeds (potts-kernel-parity), runs two cases with its own seeds
// on 16 x 16.
import { describe, expect, it } from 'vitest';
import { finiteLatticeExact } from '../src/exact/index.js';
import { estimateMean } from '../src/stats/index.js';
import { heatBathThresholds, metropolisThresholds } from '../src/thresholds.js';
import { WasmIsingKernel } from '../src/models/ising/kernel-wasm.js';
import { loadCore } from '../src/backend/loader.js';
import { seedState } from '../src/rng.js';
import { JsPottsKernel } from '../src/models/potts/kernel-js.js';
import type { PottsAlgorithm } from '../src/models/potts/kernel.js';
import { prepare, wasmPotts } from './helpers/potts.js';

const SWEEPS = 20_000;
const THERMALIZE = 1000;

function z(a: { mean: number; error: number }, b: { mean: number; error: number }): number {
  return (a.mean - b.mean) / Math.hypot(a.error, b.error);
}

/** Lattice size of a backend's runs. */
const sizeOf = (backend: 'wasm' | 'js') => (backend === 'wasm' ? 32 : 16);

/** <Nb>/N and <n_0>/N of q = 2 Potts at (beta, h). */
async function potts(backend: 'wasm' | 'js', algorithm: PottsAlgorithm, beta: number, field: number, seed: number) {
  const L = sizeOf(backend);
  const N = L * L;
  const kernel = prepare(backend === 'wasm' ? await wasmPotts(L, 2) : new JsPottsKernel(L, 2), seed, beta, field);
  kernel.sweep(algorithm, THERMALIZE);
  const records = new Int32Array(3 * SWEEPS);
  kernel.sweep(algorithm, SWEEPS, records);
  const bonds = estimateMean(Float64Array.from({ length: SWEEPS }, (_, t) => records[3 * t] / N));
  const zeros = estimateMean(Float64Array.from({ length: SWEEPS }, (_, t) => records[3 * t + 1] / N));
  return { bonds, zeros };
}

const isingRuns = new Map<string, Promise<{ bonds: { mean: number; error: number }; zeros: { mean: number; error: number } }>>();

/** The same observables from the Ising byte kernel at (beta / 2, h) on L x L (one run per case, shared). */
function ising(L: number, algorithm: PottsAlgorithm, beta: number, field: number, seed: number) {
  const key = `${L} ${algorithm} ${beta} ${field}`;
  if (!isingRuns.has(key)) isingRuns.set(key, runIsing(L, algorithm, beta, field, seed));
  return isingRuns.get(key)!;
}

async function runIsing(L: number, algorithm: PottsAlgorithm, beta: number, field: number, seed: number) {
  const N = L * L;
  const kernel = await WasmIsingKernel.create(await loadCore(), L);
  kernel.setThresholds(metropolisThresholds(beta / 2, field), heatBathThresholds(beta / 2, field));
  kernel.setRngState(seedState(seed));
  kernel.fill('hot');
  kernel.sweep(algorithm, THERMALIZE);
  const records = new Int32Array(2 * SWEEPS);
  kernel.sweep(algorithm, SWEEPS, records);
  const bonds = estimateMean(Float64Array.from({ length: SWEEPS }, (_, t) => 1 + records[2 * t] / (2 * N)));
  const zeros = estimateMean(Float64Array.from({ length: SWEEPS }, (_, t) => (1 + records[2 * t + 1] / N) / 2));
  return { bonds, zeros };
}

describe('q = 2 Potts vs Ising (K_Ising = K_Potts / 2)', { timeout: 60_000 }, () => {
  const CASES: ['wasm' | 'js', PottsAlgorithm, number][] = [
    ['wasm', 'metropolis', 21],
    ['wasm', 'heat-bath', 23],
    ['js', 'metropolis', 25],
  ];
  it.each(CASES)('%s %s: beta = 0.8 (T_Ising = 2.5), h = 0, vs the Ising kernel and Kaufman\'s exact energy', async (backend, algorithm, seed) => {
    const p = await potts(backend, algorithm, 0.8, 0, seed);
    const i = await ising(sizeOf(backend), algorithm, 0.8, 0, 22);
    expect(Math.abs(z(p.bonds, i.bonds))).toBeLessThan(4);
    const exact = 1 - finiteLatticeExact(sizeOf(backend), 2.5).energy / 2;
    expect(Math.abs((p.bonds.mean - exact) / p.bonds.error)).toBeLessThan(4);
  });

  it.each([...CASES.slice(0, 2), ['js', 'heat-bath', 27] as ['js', PottsAlgorithm, number]])('%s %s: beta = 0.9, h = 0.05 (ordered by the field), vs the Ising kernel', async (backend, algorithm, seed) => {
    const p = await potts(backend, algorithm, 0.9, 0.05, seed + 10);
    const i = await ising(sizeOf(backend), algorithm, 0.9, 0.05, 32);
    expect(Math.abs(z(p.bonds, i.bonds))).toBeLessThan(4);
    expect(Math.abs(z(p.zeros, i.zeros))).toBeLessThan(4);
    expect(p.zeros.mean).toBeGreaterThan(0.6);
  });
});
