/**
 * Longer finite-size-scaling run than the tests can afford; its figures go into docs/validation.md.
 *
 *   npx tsx scripts/validate-fss.ts [--sizes 16,32,64,128] [--sweeps 1000000] [--seed 1]
 *
 * Each size L runs at T = Tc + c/L, c = -0.6, 0.6, 1.8, 3.0 (the showcase grid), Metropolis on
 * WebAssembly; then Binder crossings, Tc, nu, chi_max and gamma/nu by multiple-histogram
 * reweighting, and the chi / U4 collapse quality at the exact exponents.
 */
import { criticalReference } from '../src/reference.js';
import { CRITICAL_TEMPERATURE, collapseQuality, collapseSeries, finiteSizeScaling, runSweep } from '../src/index.js';
import { SHOWCASE, showcaseTemperatures } from '../src/cli/sweep.js';
import { analysisToTable, sweepToTable } from '../src/cli/sweep-format.js';
import { createProgressBar } from '../src/cli/progress.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '16,32,64,128').split(',').map(Number);
const sweeps = Number(flag('sweeps', '1000000'));
const seed = Number(flag('seed', '1'));
const bar = createProgressBar((t) => process.stderr.write(t), Boolean(process.stderr.isTTY));
const started = performance.now();
const result = await runSweep({
  sizes, temperatures: showcaseTemperatures, thermalize: 10 * SHOWCASE.thermalize, sweeps, seed, backend: 'wasm', keepSeries: true,
  onProgress: (p) => bar.update(p),
});
bar.done();
const sweepSeconds = (performance.now() - started) / 1000;
const t0 = performance.now();
const fss = finiteSizeScaling(result.points.map((p) => p.measurement));
const analysisSeconds = (performance.now() - t0) / 1000;
console.log(sweepToTable(result, `validate-fss: L = ${sizes.join(', ')}, ${sweeps} sweeps per point, seed ${seed}: sweep ${sweepSeconds.toFixed(0)} s, analysis ${analysisSeconds.toFixed(1)} s`));
console.log(analysisToTable({ reference: criticalReference(), fss, warnings: [] }));
const measurements = result.points.map((p) => p.measurement);
const exact = { criticalTemperature: CRITICAL_TEMPERATURE, nu: 1 };
console.log(`collapse quality at the exact exponents: chi (gamma/nu = 7/4) S = ${collapseQuality(collapseSeries(measurements, 'susceptibility'), { ...exact, exponent: 1.75 }).quality.toFixed(2)}, ` +
  `U4 S = ${collapseQuality(collapseSeries(measurements, 'binder'), { ...exact, exponent: 0 }).quality.toFixed(2)}`);
