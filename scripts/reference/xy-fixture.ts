/**
 * Writes test/fixtures/xy-reference.json: independent reference values of the 2D XY model (e, |m|,
 * m^2, helicity modulus) at L = 16, 32 and T = 0.7, 0.9, 1.1, from scripts/reference/xy-reference.c,
 * a plain C program that shares no code with criticality (its own generator, update and estimators;
 * libm's cos, sin and exp). Each point is a long Wolff run (binning errors over 1000 bins); one point
 * is repeated with the C program's own Metropolis update as a cross-check of the two C updates.
 *
 *   npx tsx scripts/reference/xy-fixture.ts             (about 15 minutes on an idle core)
 *   npx tsx scripts/reference/xy-fixture.ts --only 32   (run some sizes; runs are cached, see below)
 *
 * Updates: 2 x 10^6 Wolff clusters at L = 16, 10^6 at L = 32 (each cluster is a large fraction of the
 * lattice at these temperatures), 5 x 10^5 Metropolis sweeps for the cross-check (--updates N scales
 * them all to N, for a quick trial). Each run's output is kept in --cache DIR (default
 * /tmp/xy-reference-cache) and reused, so that sizes can run in parallel processes (--only) and a
 * last call without --only writes the fixture from the cache.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = new URL('./xy-reference.c', import.meta.url);
const fixture = new URL('../../test/fixtures/xy-reference.json', import.meta.url);
const flag = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const scale = flag('updates');
const UPDATES: Record<number, number> = scale ? { 16: Number(scale), 32: Number(scale) } : { 16: 2_000_000, 32: 1_000_000 };
const CROSS_CHECK = scale ? Number(scale) : 500_000;
const only = flag('only')?.split(',').map(Number);
const SIZES = only ?? [16, 32];
const cache = flag('cache') ?? join(tmpdir(), 'xy-reference-cache');
mkdirSync(cache, { recursive: true });
const TEMPERATURES = [0.7, 0.9, 1.1];

const binary = join(tmpdir(), `xy-reference-${process.pid}`);
const flags = ['-O2', '-o', binary, source.pathname, '-lm'];
execFileSync('gcc', flags);
const gcc = execFileSync('gcc', ['--version']).toString().split('\n')[0];
const sourceSha256 = createHash('sha256').update(readFileSync(source)).digest('hex');
const run = (args: (string | number)[]) => {
  const file = join(cache, `${sourceSha256.slice(0, 12)}-${args.join('-')}.json`);
  if (!existsSync(file)) {
    const started = Date.now();
    writeFileSync(file, execFileSync(binary, args.map(String)).toString());
    process.stderr.write(`${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return { command: `xy-reference ${args.join(' ')}`, ...JSON.parse(readFileSync(file, 'utf8')) };
};

const points = [];
for (const L of SIZES) for (const [k, T] of TEMPERATURES.entries()) points.push(run([L, T, UPDATES[L], 20261207 + L + k, 'wolff', 1]));
if (only && !only.includes(16)) process.exit(0);
const crossCheck = run([16, 0.9, CROSS_CHECK, 20261299, 'metropolis', 1]);
if (only) process.exit(0);

writeFileSync(
  fixture,
  `${JSON.stringify(
    {
      description:
        'Independent reference values of the 2D XY model, H = -sum_<ij> cos(theta_i - theta_j), periodic L x L, h = 0: e, |m|, m^2 and the helicity modulus (1/2N) sum_mu [<C_mu> - beta (<S_mu^2> - <S_mu>^2)]',
      provenance: {
        program: 'scripts/reference/xy-reference.c (plain C, no code shared with criticality; splitmix64 generator; libm cos/sin/exp)',
        sourceSha256,
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
