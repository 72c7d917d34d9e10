/**
 * The benchmark suite: spin-flip attempts per nanosecond for every engine and size, with
 * tinybench, plus the cold start of the WebAssembly core. Runs in Node and in browsers.
 */
import { Bench } from 'tinybench';
import { WASM_BASE64 } from '../src/backend/wasm-inline.js';
import { createSimulation, loadCore } from '../src/index.js';
import { ENGINES, type Engine } from './engines.js';

export interface FlipResult {
  engine: string;
  size: number;
  /** Update attempts (sites visited) per nanosecond, from the mean time of one batch. */
  flipsPerNs: number;
  /** Relative margin of error of the batch time (%), from tinybench. */
  rme: number;
  samples: number;
}

export interface ColdStart {
  /** Decode + compile + instantiate + first 64 x 64 lattice, ms (median of runs). */
  medianMs: number;
  runs: number;
}

export interface SuiteResult {
  flips: FlipResult[];
  coldStart: ColdStart;
}

export interface SuiteOptions {
  sizes: number[];
  /** Time budget per task in ms. */
  time: number;
  engines?: Engine[];
  log?: (line: string) => void;
}

/** Sweeps per timed batch: about 2^21 update attempts, at least one sweep. */
function batchSweeps(size: number): number {
  return Math.max(1, Math.round(2 ** 21 / (size * size)));
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const flips: FlipResult[] = [];
  const log = options.log ?? (() => {});
  for (const size of options.sizes) {
    const bench = new Bench({ time: options.time, warmupTime: Math.min(200, options.time / 4), iterations: 3 });
    const sweeps = batchSweeps(size);
    const prepared = new Map<string, { run(n: number): void; dispose(): void }>();
    for (const engine of options.engines ?? ENGINES) {
      const p = await engine.prepare(size);
      prepared.set(engine.name, p);
      bench.add(engine.name, () => p.run(sweeps));
    }
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result;
      if (r.state !== 'completed') throw new Error(`benchmark ${task.name} L=${size} ${r.state}`);
      const ns = r.latency.mean * 1e6;
      const result = { engine: task.name, size, flipsPerNs: (sweeps * size * size) / ns, rme: r.latency.rme, samples: r.latency.samples?.length ?? 0 };
      flips.push(result);
      log(`${task.name.padEnd(24)} L=${String(size).padStart(5)}  ${result.flipsPerNs.toFixed(4)} flips/ns  (+-${result.rme.toFixed(1)}%)`);
    }
    for (const p of prepared.values()) p.dispose();
  }
  return { flips, coldStart: await coldStart() };
}

/** Cold start: from the inlined base64 to a ready 64 x 64 lattice, bypassing the compile cache. */
async function coldStart(runs = 15): Promise<ColdStart> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const binary = atob(WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
    const module = await loadCore(bytes);
    const sim = await createSimulation({ size: 64, backend: 'wasm', core: module });
    times.push(performance.now() - t0);
    sim.dispose();
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[runs >> 1], runs };
}

/** Ratio of two engines' flips/ns at one size, measured in the same run. */
export function ratio(flips: FlipResult[], a: string, b: string, size: number): number {
  const fa = flips.find((f) => f.engine === a && f.size === size);
  const fb = flips.find((f) => f.engine === b && f.size === size);
  return fa && fb ? fa.flipsPerNs / fb.flipsPerNs : NaN;
}
