/**
 * The documented MCRG runs (docs/rg-landau.md, "Monte Carlo renormalization group"; docs/cubic.md).
 *
 * Square lattice (default): Metropolis at Onsager's Tc on L = 64, 128, 256 with 2 x 2 majority
 * blocks; the thermal exponent y_t = 1/nu and the magnetic y_h from every level transition and
 * operator count, jackknife errors. The quoted estimate of each L is the transition into the 8 x 8
 * block lattice with all operators (the most RG steps whose coarse lattice is still 8 x 8, the same
 * final size for every L). Exits 1 if an estimate misses nu within 5% of 1 or y_h within 3% of 15/8.
 *
 *   npx tsx scripts/validate-mcrg.ts [--sizes 64,128,256] [--sweeps 1000000] [--every 10] [--seed 1] [--backend wasm]
 *
 * Simple cubic lattice (--lattice cubic): Swendsen-Wang at beta_c = 0.221654626 (Ferrenberg, Xu and
 * Landau 2018) on L = 8, 16, 32 with 2 x 2 x 2 majority blocks, every sweep recorded; the quoted
 * estimate of each L is the transition into the 4 x 4 x 4 block lattice. The literature values are
 * y_t = 1/nu = 1/0.629971 = 1.5874 and y_h = (5 - eta)/2 = 2.4819 (eta = 0.0362978). Exits 1 if the
 * largest L misses y_t within 3% or y_h within 1% (smaller L take fewer RG steps and converge less).
 *
 *   npx tsx scripts/validate-mcrg.ts --lattice cubic [--sizes 8,16,32] [--sweeps 40000,20000,10000] [--every 1]
 *
 * --sweeps gives the recorded sweeps of every size (one number for all, or one per size).
 * Prints the tables and one summary line per L.
 */
import { createSimulation, CRITICAL_TEMPERATURE, CUBIC_CRITICAL_BETA, ISING_3D_ETA, ISING_3D_NU, rgFlow } from '../src/index.js';
import type { BackendChoice, McrgEntry, McrgEstimate } from '../src/index.js';
import { rgToTable } from '../src/cli/rg.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const cubic = flag('lattice', 'square') === 'cubic';
const sizes = flag('sizes', cubic ? '8,16,32' : '64,128,256').split(',').map(Number);
const sweepList = flag('sweeps', cubic ? '40000,20000,10000' : '1000000').split(',').map(Number);
const every = Number(flag('every', cubic ? '1' : '10'));
/** Linear size of the block lattice the quoted estimates go into. */
const FINAL = cubic ? 4 : 8;
const finalShape = cubic ? '4 x 4 x 4' : '8 x 8';
const YT = cubic ? 1 / ISING_3D_NU : 1;
const YH = cubic ? (5 - ISING_3D_ETA) / 2 : 1.875;
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
  const levels = Math.log2(size / (FINAL / 2));
  const sim = cubic
    ? await createSimulation({ lattice: 'cubic', size, beta: CUBIC_CRITICAL_BETA, seed, backend, algorithm: 'swendsen-wang' })
    : await createSimulation({ size, temperature: CRITICAL_TEMPERATURE, seed, backend, algorithm: 'metropolis' });
  const t0 = performance.now();
  const r = rgFlow(sim, { thermalize: Math.min(200_000, sweeps / 10), samples: Math.floor(sweeps / every), every, levels });
  const seconds = (performance.now() - t0) / 1000;
  console.log(rgToTable(r));
  const thermal = quoted(r.mcrg.thermal, FINAL);
  const magnetic = quoted(r.mcrg.magnetic, FINAL);
  if (!thermal || !magnetic) {
    summary.push(`L=${size}: no estimate at the transition into ${finalShape}`);
    failed = true;
    continue;
  }
  const nu = thermal.nu!;
  const yt = thermal.exponent;
  const yh = magnetic.exponent;
  const checked = !cubic || i === sizes.length - 1;
  const ytOk = cubic ? Math.abs(yt.mean / YT - 1) < 0.03 : Math.abs(nu.mean - 1) < 0.05;
  const yhOk = Math.abs(yh.mean / YH - 1) < (cubic ? 0.01 : 0.03);
  if (checked) failed ||= !ytOk || !yhOk;
  const miss = (ok: boolean, what: string) => (ok || !checked ? '' : `: MISSES ${what}`);
  summary.push(
    `L=${size}: ${thermal.from} -> ${FINAL}, ${thermal.operators.length} even operators: y_t = ${yt.mean.toFixed(4)} +- ${yt.error.toFixed(4)}` +
      (cubic
        ? ` (${(100 * (yt.mean / YT - 1)).toFixed(1)}% from 1/nu = ${YT.toFixed(4)}${miss(ytOk, '3%')}), nu = ${nu.mean.toFixed(4)} +- ${nu.error.toFixed(4)}; `
        : `, nu = ${nu.mean.toFixed(4)} +- ${nu.error.toFixed(4)} (${(100 * (nu.mean - 1)).toFixed(1)}% from 1${miss(ytOk, '5%')}); `) +
      `${magnetic.operators.length} odd operators: y_h = ${yh.mean.toFixed(4)} +- ${yh.error.toFixed(4)} ` +
      `(${(100 * (yh.mean / YH - 1)).toFixed(2)}% from ${cubic ? `(5 - eta)/2 = ${YH.toFixed(4)}` : '15/8'}${miss(yhOk, cubic ? '1%' : '3%')}); ` +
      `${r.samples} samples every ${every} sweeps, bins ${r.bins} x ${r.binSize}, ${seconds.toFixed(0)} s on ${r.backend}`,
  );
  sim.dispose();
}
console.log(summary.join('\n'));
process.exitCode = failed ? 1 : 0;
