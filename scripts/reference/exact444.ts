/**
 * Builds test/fixtures/cubic-exact-4x4x4.json: exact <e>, c, <|m|>, <m^2>, <m^4>, U4, chi, chi' and ln Z of
 * the Ising model on the periodic 4 x 4 x 4 cube (h = 0) at beta = 0.1, 0.2, beta_c = 0.221654626, 0.24
 * and 0.3, from scripts/reference/exact444.c (a transfer matrix along z, one spin at a time, sharing no
 * code with criticality). This script imports nothing from src/: it compiles the C program with the
 * system cc, checks it, runs the cube and writes the values with their provenance.
 *
 * Checks before the cube: the transfer code against the program's own brute-force enumeration (Gray
 * code over all 2^N states) on the 2 x 2 x 2, 2 x 2 x 4 and 4 x 4 x 2 boxes, every observable to a
 * relative 1e-9. The 4 x 4 x 2 transfer values also go into the fixture, where
 * test/cubic-exact-444.test.ts checks them against test/fixtures/cubic-dos-4x4x2.json (dos442.c).
 *
 * Usage: npx tsx scripts/reference/exact444.ts [--out test/fixtures/cubic-exact-4x4x4.json]
 * (about 5 minutes of one core: about a minute a beta for the cube, 15 s for the 4 x 4 x 2 enumeration).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? process.argv[outIndex + 1] : 'test/fixtures/cubic-exact-4x4x4.json';
const source = 'scripts/reference/exact444.c';
const binary = join(tmpdir(), `exact444-${process.pid}`);
const compile = ['-O2', '-o', binary, source, '-lm'];
execFileSync('cc', compile, { stdio: 'inherit' });
const cc = execFileSync('cc', ['--version'], { encoding: 'utf8' }).split('\n')[0];

type Point = Record<string, number>;
interface Run {
  Lx: number;
  Ly: number;
  Lz: number;
  N: number;
  method: string;
  points: Point[];
}
function run(args: string[]): Run {
  return JSON.parse(execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 })) as Run;
}

const CHECK_BETAS = ['0.1', '0.221654626', '0.4'];
const checks = [];
let box442: Run | undefined;
for (const [layer, lz] of [
  [2, 2],
  [2, 4],
  [4, 2],
]) {
  const box = ['--layer', String(layer), '--lz', String(lz)];
  const transfer = run([...box, ...CHECK_BETAS]);
  const enumeration = run([...box, '--enumerate', ...CHECK_BETAS]);
  let worst = 0;
  for (const [k, p] of transfer.points.entries()) {
    for (const [name, value] of Object.entries(p)) worst = Math.max(worst, Math.abs(value - enumeration.points[k][name]) / Math.abs(value));
  }
  const label = `${layer} x ${layer} x ${lz}`;
  console.log(`${label}: transfer vs enumeration at beta = ${CHECK_BETAS.join(', ')}: largest relative difference ${worst.toExponential(2)}`);
  if (!(worst < 1e-9)) throw new Error(`exact444: transfer and enumeration disagree on the ${label} box`);
  checks.push({ box: label, betas: CHECK_BETAS.map(Number), largestRelativeDifference: Number(worst.toExponential(2)) });
  if (layer === 4) box442 = transfer;
}

const BETAS = ['0.1', '0.2', '0.221654626', '0.24', '0.3'];
const started = Date.now();
const cube = run(BETAS);
const seconds = Math.round((Date.now() - started) / 1000);
for (const p of cube.points) console.log(JSON.stringify(p));

const fixture = {
  description:
    'Exact thermodynamics of the Ising model on the periodic 4 x 4 x 4 cube (J = 1, h = 0, N = 64): e = -<B>/N, c = beta^2 (<B^2> - <B>^2)/N, <|m|>, <m^2>, <m^4> with m = M/N, U4 = 1 - <m^4>/(3<m^2>^2), chi = N beta (<m^2> - <|m|>^2), chi\' = N beta <m^2>, ln Z. Transfer matrix along z (2^16 layer states, one spin at a time, first layer fixed and reduced by symmetry), doubles.',
  program: source,
  compiler: `cc ${compile.join(' ')} (${cc})`,
  command: `exact444 ${BETAS.join(' ')}`,
  checks,
  box442: { command: `exact444 --layer 4 --lz 2 ${CHECK_BETAS.join(' ')}`, points: box442!.points },
  generated: new Date().toISOString(),
  seconds,
  points: cube.points,
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out} (cube: ${seconds} s)`);
