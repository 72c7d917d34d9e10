/**
 * Longer validation of the cubic lattice than the test suite runs (figures for docs/cubic.md). With
 * no exact solution in 3D, the reference of a point (L, beta) is the other independent runs of it:
 * Wolff and checkerboard Metropolis, each on WebAssembly and on JavaScript with its own seed (four
 * independent Markov chains with the same stationary distribution). For every point and each of
 * e, |m|, m^2, m^4 the script prints the four means and the largest pairwise |z|
 * (|a - b| / sqrt(err_a^2 + err_b^2), binned errors with tau_int). The runs are
 * `criticality run --lattice cubic --size L --beta B --algorithm A --sweeps N --backend X`.
 *
 * Usage: npx tsx scripts/validate-cubic.ts [--sweeps 100000] [--sizes 8,16]
 */
import { CUBIC_CRITICAL_BETA, createSimulation } from '../src/index.js';
import type { Measurement } from '../src/index.js';
import { formatWithError } from '../src/cli/format.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sweeps = Number(flag('sweeps', '100000'));
const sizes = flag('sizes', '8,16').split(',').map(Number);
const betas = [0.2, CUBIC_CRITICAL_BETA, 0.24];
const RUNS = [
  ['wolff', 'wasm', 1],
  ['wolff', 'js', 2],
  ['metropolis', 'wasm', 3],
  ['metropolis', 'js', 4],
] as const;
const NAMES = ['energy', 'absMagnetization', 'magnetization2', 'magnetization4'] as const;

const started = performance.now();
console.log(`## Cubic lattice: Wolff and Metropolis, WebAssembly and JavaScript, ${sweeps} steps each\n`);
console.log(`| L | beta | observable | ${RUNS.map(([a, b]) => `${a} (${b})`).join(' | ')} | largest pairwise \\|z\\| |`);
console.log(`|---:|---:|---|${RUNS.map(() => '---:|').join('')}---:|`);
let worst = 0;
for (const size of sizes) {
  for (const beta of betas) {
    const runs: Measurement[] = [];
    for (const [algorithm, backend, seed] of RUNS) {
      const sim = await createSimulation({ lattice: 'cubic', size, beta, algorithm, backend, seed });
      runs.push(sim.measure({ thermalize: 2000, sweeps }));
      sim.dispose();
    }
    for (const name of NAMES) {
      let largest = 0;
      for (let a = 0; a < runs.length; a++) {
        for (let b = a + 1; b < runs.length; b++) {
          const x = runs[a].observables[name];
          const y = runs[b].observables[name];
          largest = Math.max(largest, Math.abs(x.mean - y.mean) / Math.hypot(x.error, y.error));
        }
      }
      worst = Math.max(worst, largest);
      console.log(`| ${size} | ${beta} | ${name} | ${runs.map((m) => formatWithError(m.observables[name].mean, m.observables[name].error)).join(' | ')} | ${largest.toFixed(2)} |`);
    }
  }
}
console.log(`\nLargest |z| over every point and observable: ${worst.toFixed(2)} (${sizes.length * betas.length * NAMES.length} points x observables, 6 pairs each); ${((performance.now() - started) / 1000).toFixed(0)} s.`);
