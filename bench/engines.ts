/**
 * Every engine the benchmarks compare, behind one interface. No Node APIs here: the same
 * engines run in Node (bench/run-node.ts) and in the browser (demo/bench.html).
 */
import { createSimulation, loadInlinedCore, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

/** A prepared lattice: `run(sweeps)` performs that many sweeps of L*L update attempts. */
export interface Prepared {
  run(sweeps: number): void;
  dispose(): void;
}

export interface Engine {
  /** Name in tables and JSON. */
  name: string;
  /** Prepares an L x L lattice at T = Tc, h = 0, hot start. Rejects where the engine cannot run. */
  prepare(size: number): Promise<Prepared>;
}

/** An engine of this package: a simulation with these options (T = Tc, seed 1, hot start). */
function packageEngine(name: string, options: () => Promise<SimulationOptions> | SimulationOptions): Engine {
  return {
    name,
    async prepare(size) {
      const sim = await createSimulation({ size, temperature: CRITICAL_TEMPERATURE, seed: 1, start: 'hot', ...(await options()) });
      sim.sweep(1); // converts to the engine's layout outside the timed runs
      return { run: (n) => void sim.sweep(n), dispose: () => sim.dispose() };
    },
  };
}

/**
 * The "typical JavaScript demo" baseline: nested arrays, random site selection with
 * Math.random, Math.exp per attempt, periodic neighbours with %. What most web demos do.
 */
export const typicalDemo: Engine = {
  name: 'typical JS demo',
  async prepare(size) {
    const beta = 1 / CRITICAL_TEMPERATURE;
    const grid: number[][] = Array.from({ length: size }, () => Array.from({ length: size }, () => (Math.random() < 0.5 ? 1 : -1)));
    return {
      run(sweeps) {
        for (let k = 0; k < sweeps * size * size; k++) {
          const x = Math.floor(Math.random() * size);
          const y = Math.floor(Math.random() * size);
          const s = grid[y][x];
          const n = grid[(y + 1) % size][x] + grid[(y - 1 + size) % size][x] + grid[y][(x + 1) % size] + grid[y][(x - 1 + size) % size];
          const dE = 2 * s * n;
          if (dE <= 0 || Math.random() < Math.exp(-beta * dE)) grid[y][x] = -s;
        }
      },
      dispose() {},
    };
  },
};

/** Engine names used in ratios and targets. */
export const NAMES = {
  simd: 'wasm packed simd',
  scalar: 'wasm packed scalar',
  workers: 'wasm packed simd, 2 workers',
  wasmByte: 'wasm byte',
  jsPacked: 'js packed',
  jsByte: 'js byte',
  demo: typicalDemo.name,
} as const;

export const ENGINES: Engine[] = [
  packageEngine(NAMES.simd, async () => ({ backend: 'wasm', layout: 'packed', core: await loadInlinedCore('simd') })),
  packageEngine(NAMES.scalar, async () => ({ backend: 'wasm', layout: 'packed', core: await loadInlinedCore('scalar') })),
  packageEngine(NAMES.workers, () => ({ backend: 'wasm', layout: 'packed', workers: 2 })),
  packageEngine(NAMES.wasmByte, () => ({ backend: 'wasm', layout: 'byte' })),
  packageEngine(NAMES.jsPacked, () => ({ backend: 'js', layout: 'packed' })),
  packageEngine(NAMES.jsByte, () => ({ backend: 'js', layout: 'byte' })),
  packageEngine('wasm byte heat-bath', () => ({ backend: 'wasm', layout: 'byte', algorithm: 'heat-bath' })),
  packageEngine('js byte heat-bath', () => ({ backend: 'js', layout: 'byte', algorithm: 'heat-bath' })),
  typicalDemo,
];
