/**
 * Issue 12's acceptance check of the cubic lattice (figures for docs/cubic.md and docs/validation.md):
 * at L = 8 and 16 and beta = 0.2, beta_c = 0.221654626 and 0.24 (h = 0), runs
 *
 *   criticality run --lattice cubic --size L --beta B --algorithm A --sweeps 100000 --format json --backend X --seed S
 *
 * through the CLI (the built package, default layout: whichever Metropolis kernel `auto` picks) for
 * Wolff and Metropolis on WebAssembly and on JavaScript, each with its own seed, and compares e, |m|,
 * m^2 and m^4 with the independent reference values of test/fixtures/cubic-reference.json (a plain C
 * Monte Carlo sharing no code with criticality: scripts/reference/ising3d.c, 10^6 steps a point):
 * z = (measured - reference) / sqrt(err_measured^2 + err_reference^2), binned errors with tau_int.
 * Exits with status 1 if any |z| >= 4.
 *
 * Usage: npm run build && npx tsx scripts/validate-cubic.ts [--sweeps 100000] [--sizes 8,16]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Value {
  mean: number;
  error: number;
}
interface ReferencePoint {
  size: number;
  beta: number;
  energy: Value;
  absMagnetization: Value;
  magnetization2: Value;
  magnetization4: Value;
}

const sweeps = Number(flag('sweeps', '100000'));
const sizes = flag('sizes', '8,16').split(',').map(Number);
const reference = JSON.parse(readFileSync('test/fixtures/cubic-reference.json', 'utf8')) as { points: ReferencePoint[] };
const RUNS = [
  ['wolff', 'wasm', 1],
  ['wolff', 'js', 2],
  ['metropolis', 'wasm', 3],
  ['metropolis', 'js', 4],
] as const;
const NAMES = ['energy', 'absMagnetization', 'magnetization2', 'magnetization4'] as const;
const LABELS = { energy: 'e', absMagnetization: '\\|m\\|', magnetization2: 'm^2', magnetization4: 'm^4' } as const;

/** mean +- error with two significant digits of the error. */
function fmt(v: Value): string {
  const digits = Math.max(0, 1 - Math.floor(Math.log10(v.error)));
  return `${v.mean.toFixed(digits)} +- ${v.error.toFixed(digits)}`;
}

const started = performance.now();
console.log(`## Cubic lattice vs the independent C reference: ${sweeps} steps a run, z against the reference\n`);
console.log(`| L | beta | observable | reference (C, 10^6 steps) | ${RUNS.map(([a, b]) => `${a} (${b})`).join(' | ')} |`);
console.log(`|---:|---:|---|---:|${RUNS.map(() => '---:|').join('')}`);
let worst = 0;
let count = 0;
for (const point of reference.points.filter((p) => sizes.includes(p.size))) {
  const runs = RUNS.map(([algorithm, backend, seed]) => {
    const args = ['bin/criticality.js', 'run', '--lattice', 'cubic', '--size', String(point.size), '--beta', String(point.beta), '--algorithm', algorithm];
    args.push('--sweeps', String(sweeps), '--format', 'json', '--backend', backend, '--seed', String(seed));
    return JSON.parse(execFileSync('node', args, { encoding: 'utf8', maxBuffer: 1 << 24 })) as { observables: Record<string, Value> };
  });
  for (const name of NAMES) {
    const ref = point[name];
    const cells = runs.map((run) => {
      const o = run.observables[name];
      const z = (o.mean - ref.mean) / Math.hypot(o.error, ref.error);
      worst = Math.max(worst, Math.abs(z));
      count++;
      return `${fmt(o)} (z ${z >= 0 ? '+' : ''}${z.toFixed(2)})`;
    });
    console.log(`| ${point.size} | ${point.beta} | ${LABELS[name]} | ${fmt(ref)} | ${cells.join(' | ')} |`);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`\nLargest |z| over ${count} comparisons: ${worst.toFixed(2)} (${seconds} s).`);
if (worst >= 4) process.exit(1);
