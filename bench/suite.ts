/**
 * The benchmark suite: update attempts (spin-flip attempts) per nanosecond for every engine
 * and size with tinybench, the cold start of each WebAssembly core apart from warm throughput,
 * and the random bits the packed kernel draws per spin. Runs in Node and in browsers.
 */
import { Bench } from 'tinybench';
import { decodeBase64 } from '../src/base64.js';
import { CORE_BASE64 as SIMD_BASE64 } from '../src/backend/wasm-inline-simd.js';
import { CORE_BASE64 as SCALAR_BASE64 } from '../src/backend/wasm-inline-scalar.js';
import { JsPackedEngine } from '../src/models/ising/packed-js.js';
import { metropolisThresholds } from '../src/thresholds.js';
import { createSimulation, loadCore, CRITICAL_TEMPERATURE, Xoshiro128, seedState } from '../src/index.js';
import { ENGINES, type Engine, type Prepared } from './engines.js';

export interface FlipResult {
  engine: string;
  size: number;
  /** Update attempts (sites visited) per nanosecond, from the mean time of one batch. */
  flipsPerNs: number;
  /** Relative margin of error of the batch time (%), from tinybench. */
  rme: number;
  samples: number;
}

/** An engine that could not run here (e.g. workers on a browser's main thread). */
export interface Unavailable {
  engine: string;
  size: number;
  reason: string;
}

export interface ColdStart {
  /** Which inlined core. */
  core: 'simd' | 'scalar';
  /** Decode base64 + compile + instantiate + a ready 64 x 64 lattice, ms (median of runs). */
  medianMs: number;
  /** The same from bytes in hand (no base64 decoding), ms (median of runs). */
  compileMs: number;
  runs: number;
}

export interface PackedCost {
  size: number;
  /** Random bits drawn per spin update at T = Tc, h = 0 (planes of 128 bits per 128 sites, plus the seeding). */
  randomBitsPerSpin: number;
  /** Planes drawn per vector of 128 sites. */
  planesPerVector: number;
  /** Of those, planes drawn by the layers that finish the rows. */
  layerPlanesPerVector: number;
  /** Fraction of vectors with lanes left after their fixed planes (queued for the end of the row). */
  queuedPerVector: number;
  /** Layers formed per vector row. */
  layersPerRow: number;
}

export interface SuiteResult {
  flips: FlipResult[];
  unavailable: Unavailable[];
  coldStart: ColdStart[];
  packedCost: PackedCost;
}

export interface SuiteOptions {
  sizes: number[];
  /** Time budget per task in ms. */
  time: number;
  engines?: Engine[];
  log?: (line: string) => void;
}

/** Sweeps per timed batch: about 2^22 update attempts, at least one sweep. */
export function batchSweeps(size: number): number {
  return Math.max(1, Math.round(2 ** 22 / (size * size)));
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const flips: FlipResult[] = [];
  const unavailable: Unavailable[] = [];
  const log = options.log ?? (() => {});
  for (const size of options.sizes) {
    const bench = new Bench({ time: options.time, warmupTime: Math.min(300, options.time / 4), iterations: 3 });
    const sweeps = batchSweeps(size);
    const prepared: Prepared[] = [];
    for (const engine of options.engines ?? ENGINES) {
      try {
        const p = await engine.prepare(size);
        prepared.push(p);
        bench.add(engine.name, () => p.run(sweeps));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        unavailable.push({ engine: engine.name, size, reason });
        log(`${engine.name.padEnd(28)} L=${String(size).padStart(5)}  unavailable: ${reason}`);
      }
    }
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result;
      if (r.state !== 'completed') throw new Error(`benchmark ${task.name} L=${size} ${r.state}`);
      const ns = r.latency.mean * 1e6;
      const result = { engine: task.name, size, flipsPerNs: (sweeps * size * size) / ns, rme: r.latency.rme, samples: r.latency.samples?.length ?? 0 };
      flips.push(result);
      log(`${task.name.padEnd(28)} L=${String(size).padStart(5)}  ${result.flipsPerNs.toFixed(4)} flips/ns  (+-${result.rme.toFixed(1)}%)`);
    }
    for (const p of prepared) p.dispose();
  }
  return { flips, unavailable, coldStart: [await coldStart('simd'), await coldStart('scalar')], packedCost: packedCost() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Cold start: from the inlined base64 to a ready 64 x 64 lattice, bypassing the compile cache. */
async function coldStart(core: 'simd' | 'scalar', runs = 15): Promise<ColdStart> {
  const base64 = core === 'simd' ? SIMD_BASE64 : SCALAR_BASE64;
  const total: number[] = [];
  const compile: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const bytes = decodeBase64(base64);
    const t1 = performance.now();
    const sim = await createSimulation({ size: 64, backend: 'wasm', core: await loadCore(bytes) });
    const t2 = performance.now();
    total.push(t2 - t0);
    compile.push(t2 - t1);
    sim.dispose();
  }
  return { core, medianMs: median(total), compileMs: median(compile), runs };
}

/**
 * Random bits per spin of the packed kernel at Tc, h = 0 (the same on every engine: the
 * stream is part of the contract), counted by the JavaScript twin on an L x L lattice (default
 * 1024, the size of the targets) after 500 sweeps of equilibration.
 */
export function packedCost(size = 1024, sweeps = 20): PackedCost {
  const engine = new JsPackedEngine(size);
  engine.prepare(metropolisThresholds(1 / CRITICAL_TEMPERATURE, 0));
  const state = seedState(1);
  const rng = new Xoshiro128(state);
  const spins = Int8Array.from({ length: size * size }, () => (rng.next() >>> 31 ? 1 : -1));
  engine.pack(spins, 0, 0);
  engine.sweep(500, rng.state);
  engine.planes = 0;
  engine.layerPlanes = 0;
  engine.queuedVectors = 0;
  engine.layers = 0;
  engine.sweep(sweeps, rng.state);
  const vectors = (sweeps * size * size) / 128;
  const rows = sweeps * 2 * (size / 16);
  const seedBits = (sweeps * 32 * (size / 16) * 32) / (sweeps * size * size);
  return {
    size,
    planesPerVector: engine.planes / vectors,
    randomBitsPerSpin: engine.planes / vectors + seedBits,
    layerPlanesPerVector: engine.layerPlanes / vectors,
    queuedPerVector: engine.queuedVectors / vectors,
    layersPerRow: engine.layers / rows,
  };
}

/** Ratio of two engines' flips/ns at one size, measured in the same run. */
export function ratio(flips: FlipResult[], a: string, b: string, size: number): number {
  const fa = flips.find((f) => f.engine === a && f.size === size);
  const fb = flips.find((f) => f.engine === b && f.size === size);
  return fa && fb ? fa.flipsPerNs / fb.flipsPerNs : NaN;
}
