/**
 * The two BKT transitions of the 2D six-state clock model from this engine (docs/models.md, "The
 * six-state clock model: two transitions"), against T_1 = 0.7014(11) and T_2 = 0.9008(6) (Tomita and
 * Okabe 2002; src/models/clock/exact.ts). Wolff clusters (mirror lines of the hexagon), a sweep of T
 * for every L; at each point:
 *
 * - the helicity modulus Upsilon (measure(): the response to an infinitesimal twist) and the
 *   crossing of Upsilon(T) with the BKT line 2 T / pi, the finite-size estimate of T_2;
 * - the six-fold order parameter psi_6 = <cos 6 phi_M>, phi_M the angle of the magnetization M:
 *   1 when M sits in one of the six wells (ordered phase), 0 when its angle is uniform (the ring of
 *   the intermediate phase, where the six-fold anisotropy is irrelevant and U(1) emerges, and the
 *   disordered phase); psi_6 falls more sharply with L, and the curves of successive L cross near T_1;
 *   T_2 is then extrapolated with the BKT form T_2(L) = T_2 + a / (ln L)^2 (least squares, L >= 16);
 * - the Landau view of the angle: F(phi) = -ln P(phi_M) over 24 bins of one twelfth of the period
 *   pi / 3 folded onto [0, pi / 3), and its well depth dF = F(pi / 6) - F(0) (between two wells minus
 *   in a well): six wells at low T (dF > 0), a ring (dF -> 0) in the intermediate phase.
 *
 * Errors: the measurement's binning and jackknife; psi_6 and dF from 20 batches of the samples.
 *
 *   npx tsx scripts/validate-clock6.ts [--sizes 8,16,32] [--temperatures 0.5:1.1:0.05] [--steps 20000] [--seed 1]
 */
import { CLOCK6_T1, CLOCK6_T2, createSimulation } from '../src/index.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '8,16,32').split(',').map(Number);
const [t0, t1, dt] = flag('temperatures', '0.5:1.1:0.05').split(':').map(Number);
const temperatures = Array.from({ length: Math.round((t1 - t0) / dt) + 1 }, (_, k) => +(t0 + k * dt).toFixed(6));
const steps = Number(flag('steps', '20000'));
const seed = Number(flag('seed', '1'));
const BATCHES = 20;
const BINS = 12;

interface Point {
  T: number;
  upsilon: { mean: number; error: number };
  m: number;
  psi6: { mean: number; error: number };
  well: { mean: number; error: number };
}

function batchStats(values: number[]): { mean: number; error: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const error = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length * (values.length - 1)));
  return { mean, error };
}

const cos6 = Array.from({ length: 6 }, (_, k) => [Math.cos((Math.PI * k) / 3), Math.sin((Math.PI * k) / 3)]);

async function point(L: number, T: number): Promise<Point> {
  const sim = await createSimulation({ model: 'clock', q: 6, size: L, temperature: T, algorithm: 'wolff', seed });
  const m = sim.measure({ thermalize: 2000, sweeps: steps });
  const perBatch = Math.floor(steps / 4 / BATCHES);
  const psi: number[] = [];
  const wells: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    let sum = 0;
    const histogram = new Array(BINS).fill(0);
    for (let t = 0; t < perBatch; t++) {
      sim.sweep(2);
      const s = sim.spins();
      let mx = 0;
      let my = 0;
      for (const k of s) {
        mx += cos6[k][0];
        my += cos6[k][1];
      }
      const phi = Math.atan2(my, mx);
      sum += Math.cos(6 * phi);
      // fold the angle onto one period of the hexagon, [0, pi / 3), and onto its mirror half [0, pi / 6]
      let folded = ((phi % (Math.PI / 3)) + Math.PI / 3) % (Math.PI / 3);
      if (folded > Math.PI / 6) folded = Math.PI / 3 - folded;
      histogram[Math.min(BINS - 1, Math.floor((folded / (Math.PI / 6)) * BINS))]++;
    }
    psi.push(sum / perBatch);
    // F(pi / 6) - F(0) from the outermost bins (plus one count each so that an empty bin stays finite)
    wells.push(Math.log((histogram[0] + 1) / (histogram[BINS - 1] + 1)));
  }
  sim.dispose();
  const up = m.observables.helicityModulus as { mean: number; error: number };
  return { T, upsilon: { mean: up.mean, error: up.error }, m: m.observables.absMagnetization.mean, psi6: batchStats(psi), well: batchStats(wells) };
}

/** Linear crossing of f(T) = 0 between the first two consecutive points where it changes sign. */
function zero(points: { T: number; f: number }[]): number | undefined {
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    if (a.f === 0) return a.T;
    if (a.f * b.f < 0) return a.T + ((b.T - a.T) * a.f) / (a.f - b.f);
  }
  return undefined;
}

const fmt = (o: { mean: number; error: number }, digits = 4) => `${o.mean.toFixed(digits)} +- ${o.error.toFixed(digits)}`;
const started = performance.now();
const results = new Map<number, Point[]>();
for (const L of sizes) {
  const points: Point[] = [];
  for (const T of temperatures) points.push(await point(L, T));
  results.set(L, points);
  console.log(`\nL = ${L}`);
  console.log('| T | Upsilon | 2T/pi | |m| | psi_6 = <cos 6 phi_M> | well depth F(pi/6) - F(0) |');
  console.log('|---|---|---|---|---|---|');
  for (const p of points) {
    console.log(`| ${p.T.toFixed(3)} | ${fmt(p.upsilon)} | ${((2 * p.T) / Math.PI).toFixed(4)} | ${p.m.toFixed(4)} | ${fmt(p.psi6, 3)} | ${fmt(p.well, 2)} |`);
  }
}

console.log('\nT_2(L): Upsilon(T) = 2T/pi (linear between the grid points)');
for (const [L, points] of results) {
  const t2 = zero(points.map((p) => ({ T: p.T, f: p.upsilon.mean - (2 * p.T) / Math.PI })));
  console.log(`  L = ${L}: T_2(L) = ${t2?.toFixed(4) ?? 'no crossing'}  (literature T_2 = ${CLOCK6_T2.value}(6))`);
}
// BKT: T_2(L) = T_2 + a / (ln L)^2, least squares over the sizes from 16 up (L = 8 is far from the asymptote)
const fitted = [...results]
  .filter(([L]) => L >= 16)
  .map(([L, points]) => ({ x: 1 / Math.log(L) ** 2, y: zero(points.map((p) => ({ T: p.T, f: p.upsilon.mean - (2 * p.T) / Math.PI }))) }))
  .filter((p): p is { x: number; y: number } => p.y !== undefined);
if (fitted.length >= 2) {
  const mx = fitted.reduce((s, p) => s + p.x, 0) / fitted.length;
  const my = fitted.reduce((s, p) => s + p.y, 0) / fitted.length;
  const a = fitted.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / fitted.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const t2 = my - a * mx;
  console.log(
    `  T_2 = T_2(L) - a / (ln L)^2 through L >= 16: ${t2.toFixed(4)} (a = ${a.toFixed(3)}; ${((t2 / CLOCK6_T2.value - 1) * 100).toFixed(1)}% from the literature)`,
  );
}
console.log('T_1(L, 2L): crossing of psi_6 for successive sizes');
for (let k = 0; k + 1 < sizes.length; k++) {
  const [a, b] = [results.get(sizes[k])!, results.get(sizes[k + 1])!];
  const t1 = zero(a.map((p, i) => ({ T: p.T, f: b[i].psi6.mean - p.psi6.mean })));
  console.log(`  L = ${sizes[k]}, ${sizes[k + 1]}: T_1 = ${t1?.toFixed(4) ?? 'no crossing'}  (literature T_1 = ${CLOCK6_T1.value}(11))`);
}
console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
