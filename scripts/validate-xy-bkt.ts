/**
 * The BKT temperature of the 2D XY model from the helicity modulus: for each L, the temperature
 * T*(L) where Upsilon(T, L) crosses 2 T / pi (the Nelson-Kosterlitz jump), then the standard
 * finite-size extrapolation T*(L) = T_BKT + a / (ln L)^2 (weighted least squares). Compared with
 * T_BKT = 0.8929(1) (Hasenbusch, J. Phys. A 38, 5869 (2005)). Its figures go into docs/models.md.
 *
 *   npx tsx scripts/validate-xy-bkt.ts [--sizes 8,16,32,64] [--temperatures 0.86:1.06:0.02] [--sweeps 40000] [--seed 1]
 *
 * Wolff steps (one cluster each) on WebAssembly; every point thermalizes 2000 steps.
 */
import { createSimulation, type Measurement } from '../src/index.js';
import { XY_BKT_TEMPERATURE, XY_BKT_TEMPERATURE_ERROR } from '../src/models/xy/exact.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '8,16,32,64').split(',').map(Number);
const [from, to, by] = flag('temperatures', '0.86:1.06:0.02').split(':').map(Number);
const temperatures: number[] = [];
for (let T = from; T <= to + 1e-9; T += by) temperatures.push(Number(T.toFixed(6)));
const sweeps = Number(flag('sweeps', '40000'));
const seed = Number(flag('seed', '1'));
const started = performance.now();

interface Crossing { size: number; temperature: number; error: number }
const crossings: Crossing[] = [];
console.log(`validate-xy-bkt: L = ${sizes.join(', ')}, T = ${temperatures.join(', ')}, ${sweeps} Wolff steps per point, seed ${seed}`);
console.log('L     T        Upsilon            2T/pi     vortex density');
for (const L of sizes) {
  const points: { T: number; u: number; du: number }[] = [];
  for (const T of temperatures) {
    const sim = await createSimulation({ model: 'xy', size: L, temperature: T, algorithm: 'wolff', seed: seed + 1000 * L + Math.round(1000 * T), backend: 'wasm', start: 'cold' });
    const m = sim.measure({ thermalize: 2000, sweeps }) as Measurement<'xy'>;
    sim.dispose();
    const u = m.observables.helicityModulus;
    points.push({ T, u: u.mean, du: u.error });
    console.log(`${String(L).padEnd(5)} ${T.toFixed(3)}    ${u.mean.toFixed(4)} +- ${u.error.toFixed(4)}   ${(2 * T / Math.PI).toFixed(4)}    ${m.observables.vortexDensity.mean.toFixed(5)}`);
  }
  // first sign change of Upsilon - 2T/pi, linear interpolation, error from the two points' errors
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const da = a.u - (2 * a.T) / Math.PI;
    const db = b.u - (2 * b.T) / Math.PI;
    if (da > 0 && db <= 0) {
      const slope = (db - da) / (b.T - a.T);
      const T = a.T - da / slope;
      const w = (T - a.T) / (b.T - a.T);
      const error = Math.hypot((1 - w) * a.du, w * b.du) / Math.abs(slope);
      crossings.push({ size: L, temperature: T, error });
      break;
    }
  }
}
console.log('\nL     T*(L)');
for (const c of crossings) console.log(`${String(c.size).padEnd(5)} ${c.temperature.toFixed(4)} +- ${c.error.toFixed(4)}`);
if (crossings.length >= 2) {
  // T*(L) = T_BKT + a x, x = 1 / (ln L)^2: weighted linear least squares
  let s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const c of crossings) {
    const w = 1 / (c.error * c.error);
    const x = 1 / Math.log(c.size) ** 2;
    s += w; sx += w * x; sy += w * c.temperature; sxx += w * x * x; sxy += w * x * c.temperature;
  }
  const det = s * sxx - sx * sx;
  const tBkt = (sxx * sy - sx * sxy) / det;
  const a = (s * sxy - sx * sy) / det;
  const error = Math.sqrt(sxx / det);
  const deviation = (100 * (tBkt - XY_BKT_TEMPERATURE)) / XY_BKT_TEMPERATURE;
  console.log(`\nextrapolation T*(L) = T_BKT + a / (ln L)^2: T_BKT = ${tBkt.toFixed(4)} +- ${error.toFixed(4)} (a = ${a.toFixed(3)}); literature ${XY_BKT_TEMPERATURE}(${XY_BKT_TEMPERATURE_ERROR * 1e4}) (Hasenbusch 2005): ${deviation >= 0 ? '+' : ''}${deviation.toFixed(2)}%`);
}
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
