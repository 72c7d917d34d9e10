/**
 * Issue 13's done-when check for the 2D XY model: `criticality run --model xy --size L --temperature T
 * --algorithm A --sweeps 100000 --format json --backend B` (the CLI as users run it, default seed and
 * thermalization) against the independent reference values of test/fixtures/xy-reference.json
 * (scripts/reference/xy-reference.c, a plain C program sharing no code with criticality; long Wolff
 * runs with binning errors). Every L = 16, 32, T = 0.7, 0.9, 1.1, Wolff and Metropolis, WebAssembly
 * and JavaScript: e, |m|, m^2 and the helicity modulus, z = (ours - reference) / sqrt(err^2 + err_ref^2).
 * Prints a markdown table (docs/validation.md) and exits 1 when any |z| >= 4.
 *
 *   npm run build && npx tsx scripts/validate-xy-reference.ts [--sweeps 100000] [--backends wasm,js] [--cache DIR] [--cli bin/criticality.js]
 *
 * --cache DIR keeps each run's JSON in DIR and reuses it (the runs take about 20 minutes on a busy
 * 2-core machine); without the fixture the script only runs (and caches).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Value { mean: number; error: number }
interface Point { L: number; T: number; values: Record<string, Value> }

const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const sweeps = flag('sweeps', '100000');
const backends = flag('backends', 'wasm,js').split(',');
const cache = process.argv.includes('--cache') ? flag('cache', '') : undefined;
if (cache) mkdirSync(cache, { recursive: true });
const fixturePath = new URL('../test/fixtures/xy-reference.json', import.meta.url);
const grid: Point[] = [16, 32].flatMap((L) => [0.7, 0.9, 1.1].map((T) => ({ L, T, values: {} })));
const fixture = existsSync(fixturePath) ? (JSON.parse(readFileSync(fixturePath, 'utf8')) as { points: Point[] }) : undefined;
const cli = flag('cli', new URL('../bin/criticality.js', import.meta.url).pathname);
const OBSERVABLES = ['energy', 'absMagnetization', 'magnetization2', 'helicityModulus'] as const;
const LABELS: Record<string, string> = { energy: 'e', absMagnetization: '|m|', magnetization2: 'm^2', helicityModulus: 'Upsilon' };

console.log(`| L | T | algorithm | backend | ${OBSERVABLES.map((o) => `${LABELS[o]} (z)`).join(' | ')} |`);
console.log(`|---|---|---|---|${OBSERVABLES.map(() => '---|').join('')}`);
let total = 0;
const reference = (p: Point) => OBSERVABLES.map((o) => `${p.values[o].mean.toFixed(5)} +- ${p.values[o].error.toFixed(5)}`).join(' | ');
let worst = 0;
for (const point of fixture?.points ?? grid) {
  if (fixture) console.log(`| ${point.L} | ${point.T} | reference (C, Wolff) | | ${reference(point)} |`);
  for (const algorithm of ['wolff', 'metropolis']) {
    for (const backend of backends) {
      const args = ['run', '--model', 'xy', '--size', String(point.L), '--temperature', String(point.T), '--algorithm', algorithm, '--sweeps', sweeps, '--format', 'json', '--backend', backend];
      const file = cache && join(cache, `xy-${point.L}-${point.T}-${algorithm}-${backend}-${sweeps}.json`);
      const started = Date.now();
      const text = file && existsSync(file) ? readFileSync(file, 'utf8') : execFileSync(process.execPath, [cli, ...args], { maxBuffer: 1 << 26 }).toString();
      if (file) writeFileSync(file, text);
      const out = JSON.parse(text);
      total += (Date.now() - started) / 1000;
      if (!fixture) {
        console.log(`| ${point.L} | ${point.T} | ${algorithm} | ${out.backend} | (no fixture yet) |`);
        continue;
      }
      const cells = OBSERVABLES.map((o) => {
        const ours = out.observables[o] as Value;
        const ref = point.values[o];
        const z = (ours.mean - ref.mean) / Math.hypot(ours.error, ref.error);
        worst = Math.max(worst, Math.abs(z));
        return `${ours.mean.toFixed(5)} +- ${ours.error.toFixed(5)} (${z >= 0 ? '+' : ''}${z.toFixed(2)})`;
      });
      console.log(`| ${point.L} | ${point.T} | ${algorithm} | ${out.backend} | ${cells.join(' | ')} |`);
    }
  }
}
console.log(`\nlargest |z| = ${worst.toFixed(2)} (criterion: < 4); ${total.toFixed(0)} s of runs${cache ? ' (cached runs count as 0)' : ''}`);
if (worst >= 4) process.exitCode = 1;
