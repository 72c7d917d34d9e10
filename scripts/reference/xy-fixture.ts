/**
 * Writes test/fixtures/xy-reference.json: independent reference values of the 2D XY model (e, |m|,
 * m^2, helicity modulus) at L = 16, 32 and T = 0.7, 0.9, 1.1, from scripts/reference/xy-reference.c,
 * a plain C program that shares no code with criticality (its own generator, update and estimators;
 * libm's cos, sin and exp). Each point is a long Wolff run (binning errors over 1000 bins); one point
 * is repeated with the C program's own Metropolis update as a cross-check of the two C updates.
 *
 *   npx tsx scripts/reference/xy-fixture.ts            (about 15 minutes on one core)
 *   npx tsx scripts/reference/xy-fixture.ts --updates 200000   (a quick trial, not for the fixture)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = new URL('./xy-reference.c', import.meta.url);
const fixture = new URL('../../test/fixtures/xy-reference.json', import.meta.url);
const at = process.argv.indexOf('--updates');
const UPDATES = at >= 0 ? Number(process.argv[at + 1]) : 5_000_000;
const SIZES = [16, 32];
const TEMPERATURES = [0.7, 0.9, 1.1];

const binary = join(tmpdir(), `xy-reference-${process.pid}`);
const flags = ['-O2', '-o', binary, source.pathname, '-lm'];
execFileSync('gcc', flags);
const gcc = execFileSync('gcc', ['--version']).toString().split('\n')[0];
const run = (args: (string | number)[]) => {
  const started = Date.now();
  const out = JSON.parse(execFileSync(binary, args.map(String)).toString());
  process.stderr.write(`${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return { command: `xy-reference ${args.join(' ')}`, ...out };
};

const points = [];
let seed = 20261207;
for (const L of SIZES) for (const T of TEMPERATURES) points.push(run([L, T, UPDATES, seed++, 'wolff', 1]));
const crossCheck = run([16, 0.9, UPDATES / 2, seed++, 'metropolis', 1]);

writeFileSync(
  fixture,
  `${JSON.stringify(
    {
      description:
        'Independent reference values of the 2D XY model, H = -sum_<ij> cos(theta_i - theta_j), periodic L x L, h = 0: e, |m|, m^2 and the helicity modulus (1/2N) sum_mu [<C_mu> - beta (<S_mu^2> - <S_mu>^2)]',
      provenance: {
        program: 'scripts/reference/xy-reference.c (plain C, no code shared with criticality; splitmix64 generator; libm cos/sin/exp)',
        sourceSha256: createHash('sha256').update(readFileSync(source)).digest('hex'),
        compiler: `${gcc}: gcc ${flags.slice(0, 1).join(' ')} xy-reference.c -lm`,
        generatedBy: 'npx tsx scripts/reference/xy-fixture.ts',
        date: new Date().toISOString(),
        errors: 'binning over 1000 consecutive bins (errors250: the same with 250 bins, a plateau check); helicity modulus by the jackknife over the bins',
      },
      points,
      crossCheck,
    },
    null,
    1,
  )}\n`,
);
