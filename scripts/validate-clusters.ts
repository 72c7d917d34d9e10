/**
 * Longer validation of the cluster algorithms than the test suite runs (figures for docs/validation.md):
 *   - L = 4 against exact enumeration, with and without a field: the largest |z| over
 *     e, |m|, m^2, m^4, c, chi, chi', U4 (and the improved m^2, chi' at h = 0);
 *   - L = 64 and 128 against Kaufman's exact e and c at T = 2.0, Tc, 2.5;
 *   - the improved estimator of chi' against the direct one: the ratio of their error bars.
 *
 * Usage: npx tsx scripts/validate-clusters.ts [--steps 1000000] [--kaufman-steps 100000] [--backend wasm]
 * Prints a Markdown table per check.
 */
import { createSimulation, densityOfStates, exactMoments, finiteLatticeExact, CRITICAL_TEMPERATURE } from '../src/index.js';
import type { BackendChoice, ObservableName, SimulationOptions } from '../src/index.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const steps = Number(flag('steps', '1000000'));
const kaufmanSteps = Number(flag('kaufman-steps', '100000'));
const backend = flag('backend', 'wasm') as BackendChoice;
const ALGORITHMS: [string, SimulationOptions][] = [
  ['wolff', { algorithm: 'wolff' }],
  ['swendsen-wang', { algorithm: 'swendsen-wang' }],
  ['hybrid (1 sweep + wolff)', { algorithm: 'hybrid' }],
];
const OBSERVABLES: ObservableName[] = ['energy', 'absMagnetization', 'magnetization2', 'magnetization4', 'specificHeat', 'susceptibility', 'susceptibilityFull', 'binder'];
const z = (o: { mean: number; error: number }, exact: number) => (o.mean - exact) / o.error;

console.log(`## L = 4 vs exact enumeration (${steps} steps, ${backend})\n`);
console.log('| algorithm | T | h | largest \\|z\\| (8 observables) | improved m^2 z | improved chi\' z | chi\' error: direct / improved |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const dos = densityOfStates(4);
for (const [label, algorithm] of ALGORITHMS) {
  for (const [temperature, field] of [[2.0, 0], [CRITICAL_TEMPERATURE, 0], [3.0, 0.4], [1.5, -0.2]]) {
    const sim = await createSimulation({ ...algorithm, size: 4, temperature, field, backend, seed: 4 });
    const m = sim.measure({ thermalize: 1000, sweeps: steps });
    const exact = exactMoments(dos, temperature, field);
    const worst = Math.max(...OBSERVABLES.map((name) => Math.abs(z(m.observables[name], exact[name]))));
    const improved = m.improved;
    console.log(`| ${label} | ${temperature.toFixed(4)} | ${field} | ${worst.toFixed(2)} | ` +
      `${improved ? z(improved.magnetization2, exact.magnetization2).toFixed(2) : ''} | ` +
      `${improved ? z(improved.susceptibilityFull, exact.susceptibilityFull).toFixed(2) : ''} | ` +
      `${improved ? (m.observables.susceptibilityFull.error / improved.susceptibilityFull.error).toFixed(2) : ''} |`);
    sim.dispose();
  }
}

console.log(`\n## L = 64 and 128 vs Kaufman (${kaufmanSteps} steps, ${backend})\n`);
console.log('| algorithm | L | T | e | exact e | z | c | exact c | z | sweep equivalents |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [label, algorithm] of ALGORITHMS.slice(0, 2)) {
  for (const size of [64, 128]) {
    for (const temperature of [2.0, CRITICAL_TEMPERATURE, 2.5]) {
      const sim = await createSimulation({ ...algorithm, size, temperature, backend, seed: size });
      const m = sim.measure({ thermalize: 2000, sweeps: kaufmanSteps });
      const exact = finiteLatticeExact(size, temperature);
      const { energy: e, specificHeat: c } = m.observables;
      console.log(`| ${label} | ${size} | ${temperature.toFixed(4)} | ${e.mean.toFixed(6)} +- ${e.error.toFixed(6)} | ${exact.energy.toFixed(6)} | ` +
        `${z(e, exact.energy).toFixed(2)} | ${c.mean.toFixed(4)} +- ${c.error.toFixed(4)} | ${exact.specificHeat.toFixed(4)} | ${z(c, exact.specificHeat).toFixed(2)} | ${m.sweepEquivalents.toFixed(0)} |`);
      sim.dispose();
    }
  }
}
