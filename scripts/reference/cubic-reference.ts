/**
 * Builds test/fixtures/cubic-reference.json: independent reference values of e, |m|, m^2 and m^4
 * for the Ising model on the periodic simple cubic lattice at the points of issue 12's acceptance
 * (L = 8 and 16; beta = 0.2, beta_c = 0.221654626 and 0.24; h = 0), from scripts/reference/ising3d.c,
 * a plain C Monte Carlo that shares no code with criticality (its own generator, lattice, updates and
 * binning). This script imports nothing from src/: it compiles the C program with gcc, runs its
 * self-test against exact enumeration of the 2 x 2 x 2 cube, then runs every point and writes the
 * values with their provenance (command lines, compiler, date).
 *
 * Before the points it checks the C program twice against exact results it does not compute itself
 * in the same way: its --selftest (the 2 x 2 x 2 cube, enumerated inside the C program) and a run on
 * the 4 x 4 x 2 box (every neighbour along x and y distinct) against the exact moments of
 * test/fixtures/cubic-dos-4x4x2.json (all 2^32 states, scripts/reference/dos442.c), |z| < 4 for
 * e, |m|, m^2, m^4 at beta = 0.2 and 0.3.
 *
 * Usage: npx tsx scripts/reference/cubic-reference.ts [--steps 1000000] [--out test/fixtures/cubic-reference.json] [--checks-only]
 * (about 10 minutes of one core at the default 10^6 steps a point; --checks-only stops after the checks).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const steps = Number(flag('steps', '1000000'));
const out = flag('out', 'test/fixtures/cubic-reference.json');
const source = 'scripts/reference/ising3d.c';
const binary = join(tmpdir(), `ising3d-${process.pid}`);
const compile = ['-O2', '-o', binary, source, '-lm'];
execFileSync('gcc', compile, { stdio: 'inherit' });
const gcc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const selftest = execFileSync(binary, ['--selftest'], { encoding: 'utf8' });
process.stdout.write(selftest);
if (!selftest.includes('selftest passed')) throw new Error('ising3d self-test failed');

type Moments = Record<'energy' | 'absMagnetization' | 'magnetization2' | 'magnetization4', number>;
/** Exact <e>, <|m|>, <m^2>, <m^4> at beta (h = 0) from a density of states [B, M, count][]. */
function exactMoments(entries: [number, number, number][], N: number, beta: number): Moments {
  const top = Math.max(...entries.map(([B]) => beta * B));
  const sums = { z: 0, energy: 0, absMagnetization: 0, magnetization2: 0, magnetization4: 0 };
  for (const [B, M, count] of entries) {
    const w = count * Math.exp(beta * B - top);
    const m = M / N;
    sums.z += w;
    sums.energy += (w * -B) / N;
    sums.absMagnetization += w * Math.abs(m);
    sums.magnetization2 += w * m * m;
    sums.magnetization4 += w * m ** 4;
  }
  return { energy: sums.energy / sums.z, absMagnetization: sums.absMagnetization / sums.z, magnetization2: sums.magnetization2 / sums.z, magnetization4: sums.magnetization4 / sums.z };
}

const box = JSON.parse(readFileSync('test/fixtures/cubic-dos-4x4x2.json', 'utf8')) as { N: number; entries: [number, number, number][] };
const boxChecks = [];
for (const [k, beta] of [0.2, 0.3].entries()) {
  const args = ['4', String(beta), '400000', '1000', '2', '400', String(500 + k), '4', '2'];
  const run = JSON.parse(execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Record<keyof Moments, { mean: number; error: number }>;
  const exact = exactMoments(box.entries, box.N, beta);
  const z = Object.fromEntries((Object.keys(exact) as (keyof Moments)[]).map((name) => [name, Number(((run[name].mean - exact[name]) / run[name].error).toFixed(2))]));
  console.log(`4 x 4 x 2 at beta = ${beta}: z = ${JSON.stringify(z)}`);
  if (Object.values(z).some((v) => Math.abs(v) >= 4)) throw new Error('ising3d disagrees with the exact 4 x 4 x 2 density of states');
  boxChecks.push({ command: `ising3d ${args.join(' ')}`, z });
}
if (process.argv.includes('--checks-only')) process.exit(0);

const POINTS: [number, number][] = [];
for (const size of [8, 16]) for (const beta of [0.2, 0.221654626, 0.24]) POINTS.push([size, beta]);
const CLUSTERS = 4;
const BLOCK = Math.max(1, Math.floor(steps / 1000));
const points = [];
const started = Date.now();
for (const [k, [size, beta]] of POINTS.entries()) {
  const args = [String(size), String(beta), String(steps), '10000', String(CLUSTERS), String(BLOCK), String(1000 + k)];
  const t0 = Date.now();
  const line = execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const point = { ...JSON.parse(line), command: `ising3d ${args.join(' ')}`, seconds: Math.round((Date.now() - t0) / 1000) };
  console.log(JSON.stringify(point));
  points.push(point);
}

const fixture = {
  description:
    'Independent reference values for the Ising model on the periodic L^3 simple cubic lattice (J = 1, h = 0): e = -B/N, |m|, m^2, m^4 per site, from a plain C Monte Carlo sharing no code with criticality. Errors: standard error of the mean from block binning (largest over re-binning levels with >= 32 bins).',
  program: source,
  compiler: `gcc ${compile.join(' ')} (${gcc})`,
  method: `one step = one typewriter Metropolis sweep + ${CLUSTERS} Wolff clusters; xoshiro256+ seeded by splitmix64; 10^4 thermalisation steps; blocks of ${BLOCK} steps`,
  selftest: 'ising3d --selftest passed (L = 2 vs exact enumeration of its 256 states, |z| < 4 at beta = 0.1, 0.22, 0.4)',
  boxChecks,
  generated: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  points,
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out}`);
