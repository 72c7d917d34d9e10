/**
 * Every engine the benchmarks compare, behind one interface. No Node APIs here: the same
 * engines run in Node (bench/run-node.ts) and in the browser.
 */
import { createSimulation, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { Algorithm, BackendChoice } from '../src/index.js';

/** A prepared lattice: `run(sweeps)` performs that many sweeps of L*L update attempts. */
export interface Prepared {
  run(sweeps: number): void;
  dispose(): void;
}

export interface Engine {
  /** Name in tables and JSON. */
  name: string;
  /** Prepares an L x L lattice at T = Tc, h = 0, hot start. */
  prepare(size: number): Promise<Prepared>;
}

function packageEngine(name: string, backend: BackendChoice, algorithm: Algorithm): Engine {
  return {
    name,
    async prepare(size) {
      const sim = await createSimulation({ size, backend, algorithm, temperature: CRITICAL_TEMPERATURE, seed: 1, start: 'hot' });
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

export const ENGINES: Engine[] = [
  packageEngine('wasm byte metropolis', 'wasm', 'metropolis'),
  packageEngine('js byte metropolis', 'js', 'metropolis'),
  packageEngine('wasm byte heat-bath', 'wasm', 'heat-bath'),
  packageEngine('js byte heat-bath', 'js', 'heat-bath'),
  typicalDemo,
];
