/**
 * The documented MCRG run (docs/rg-landau.md, "Monte Carlo renormalization group"): Metropolis at Onsager's Tc on
 * L = 64, 128, 256 with 2 x 2 majority blocks; the thermal exponent y_t = 1/nu and the magnetic
 * y_h from every level transition and operator count, jackknife errors. The quoted estimate of
 * each L is the transition into the 8 x 8 block lattice with all operators (the most RG steps
 * whose coarse lattice is still 8 x 8, the same final size for every L).
 *
 *   npx tsx scripts/validate-mcrg.ts [--sizes 64,128,256] [--sweeps 1000000] [--every 10] [--seed 1] [--backend wasm]
 *
 * --sweeps gives the recorded sweeps of every size (one number for all, or one per size).
 *
 * Prints the tables and one summary line per L; exits 1 if an estimate misses nu within 5% of 1 or
 * y_h within 3% of 15/8.
 */
import { createSimulation, CRITICAL_TEMPERATURE, rgFlow } from '../src/index.js';
import type { BackendChoice, McrgEntry, McrgEstimate } from '../src/index.js';
import { rgToTable } from '../src/cli/rg.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '64,128,256').split(',').map(Number);
const sweepList = flag('sweeps', '1000000').split(',').map(Number);
const every = Number(flag('every', '10'));
const seed = Number(flag('seed', '1'));
const backend = flag('backend', 'wasm') as BackendChoice;

function quoted(entries: McrgEntry[], to: number): McrgEstimate | undefined {
  const candidates = entries.filter((e) => e.to === to && e.state === 'estimated') as McrgEstimate[];
  return candidates.sort((a, b) => b.operators.length - a.operators.length)[0];
}

let failed = false;
const summary: string[] = [];
for (const [i, size] of sizes.entries()) {
  const sweeps = sweepList[Math.min(i, sweepList.length - 1)];
  const levels = Math.log2(size / 4);
  const sim = await createSimulation({ size, temperature: CRITICAL_TEMPERATURE, seed, backend, algorithm: 'metropolis' });
  const t0 = performance.now();
  const r = rgFlow(sim, { thermalize: Math.min(200_000, sweeps / 10), samples: Math.floor(sweeps / every), every, levels });
  const seconds = (performance.now() - t0) / 1000;
  console.log(rgToTable(r));
  const thermal = quoted(r.mcrg.thermal, 8);
  const magnetic = quoted(r.mcrg.magnetic, 8);
  if (!thermal || !magnetic) {
    summary.push(`L=${size}: no estimate at the transition into 8 x 8`);
    failed = true;
    continue;
  }
  const nu = thermal.nu!;
  const nuOk = Math.abs(nu.mean - 1) < 0.05;
  const yhOk = Math.abs(magnetic.exponent.mean / 1.875 - 1) < 0.03;
  failed ||= !nuOk || !yhOk;
  summary.push(
    `L=${size}: ${thermal.from} -> 8, ${thermal.operators.length} even operators: y_t = ${thermal.exponent.mean.toFixed(4)} +- ${thermal.exponent.error.toFixed(4)}, ` +
      `nu = ${nu.mean.toFixed(4)} +- ${nu.error.toFixed(4)} (${(100 * (nu.mean - 1)).toFixed(1)}% from 1${nuOk ? '' : ': MISSES 5%'}); ` +
      `${magnetic.operators.length} odd operators: y_h = ${magnetic.exponent.mean.toFixed(4)} +- ${magnetic.exponent.error.toFixed(4)} ` +
      `(${(100 * (magnetic.exponent.mean / 1.875 - 1)).toFixed(2)}% from 15/8${yhOk ? '' : ': MISSES 3%'}); ` +
      `${r.samples} samples every ${every} sweeps, bins ${r.bins} x ${r.binSize}, ${seconds.toFixed(0)} s on ${r.backend}`,
  );
  sim.dispose();
}
console.log(summary.join('\n'));
process.exitCode = failed ? 1 : 0;
