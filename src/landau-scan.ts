/**
 * Where symmetry breaks on a finite lattice: scan temperatures for each size L, fit the Landau
 * profile F(|m|) = a0 + a2 m^2 + a4 m^4 at each (the quartic: near the crossover the sextic trades
 * a2 against a6 where F is flat, and its a2 jumps about), and locate T*(L), where the single well
 * at m = 0 (a2 > 0) turns into a double well (a2 < 0), as the zero of a weighted straight line
 * through a2(T) at the four scanned temperatures around its first sign change; the error follows
 * from the jackknife errors of a2. Finite-size scaling predicts T*(L) - Tc ~ L^(-1/nu) (nu = 1 in
 * 2D): the result gives the shift, the shift times L, and the exponent -d ln(T* - Tc) / d ln L
 * between successive sizes.
 */
import { checkOptions } from './validate.js';
import { InvalidOptionError } from './errors.js';
import { CRITICAL_TEMPERATURE } from './exact/index.js';
import { landau, type LandauBarrier, type LandauShape } from './landau.js';
import { leastSquares } from './linalg.js';
import type { Observable } from './measure.js';
import { ALGORITHMS, BACKENDS, checkCount, checkSeed, checkSize, checkTemperature, oneOf, type Algorithm, type BackendChoice } from './options.js';
import { childSeed } from './rng.js';
import { createSimulation } from './simulation.js';

export interface LandauScanOptions {
  /** Lattice sizes L (even, >= 4). */
  sizes: number[];
  /** Temperatures for every size, or a function giving the temperatures of size L. */
  temperatures: number[] | ((size: number) => number[]);
  /** Sweeps recorded per point. */
  sweeps: number;
  /** Sweeps discarded per point. @default 1000 */
  thermalize?: number;
  /** Seed; point k of the scan runs with childSeed(seed, k). @default 1 */
  seed?: number;
  /** @default 'auto' */
  backend?: BackendChoice;
  /** @default 'metropolis' */
  algorithm?: Algorithm;
  /** Histogram bins (odd). @default 51 */
  bins?: number;
}

export interface LandauScanPoint {
  temperature: number;
  shape: LandauShape;
  barrier?: LandauBarrier;
  /** Landau coefficient a2 of the quartic fit F = a0 + a2 m^2 + a4 m^4 (absent without a fit). */
  a2?: Observable;
  /** Fitted well position (0 for a single well). */
  minimum?: number;
  warnings: string[];
}

export type LandauCrossover =
  | {
      state: 'estimated';
      /** T*(L). */
      temperature: Observable;
      /** The scanned temperatures around the sign change of B: [double well, single well]. */
      bracket: [number, number];
      /** T*(L) - Tc. */
      shift: Observable;
      /** (T*(L) - Tc) L: constant when T* - Tc ~ 1/L. */
      scaledShift: Observable;
    }
  | { state: 'undetermined'; reason: string };

export interface LandauScanSize {
  size: number;
  points: LandauScanPoint[];
  crossover: LandauCrossover;
}

export interface LandauScanResult {
  sizes: LandauScanSize[];
  /** Between successive sizes with estimated crossovers: -ln(shift_2 / shift_1) / ln(L_2 / L_1) (-> 1/nu = 1). */
  shiftExponents: { sizes: [number, number]; exponent: Observable }[];
  warnings: string[];
}

/**
 * T* from the first sign change of a2 going up in temperature (a2 < 0 at T_i, a2 >= 0 at T_i+1):
 * the zero of a weighted straight line a2 = c0 + c1 T through the scanned points i-1 .. i+2.
 */
export function crossover(size: number, points: LandauScanPoint[]): LandauCrossover {
  const sorted = [...points].filter((p) => p.a2 && Number.isFinite(p.a2.error) && p.a2.error > 0).sort((a, b) => a.temperature - b.temperature);
  for (let i = 0; i + 1 < sorted.length; i++) {
    if (!(sorted[i].a2!.mean < 0 && sorted[i + 1].a2!.mean >= 0)) continue;
    const near = sorted.slice(Math.max(0, i - 1), Math.min(sorted.length, i + 3));
    const line = leastSquares(
      near.map((p) => [1, p.temperature]),
      near.map((p) => p.a2!.mean),
      near.map((p) => 1 / p.a2!.error ** 2),
    );
    if (!line || !(line.coefficients[1] > 0)) continue;
    const [c0, c1] = line.coefficients;
    const value = -c0 / c1;
    const v = line.covariance;
    // delta method for T* = -c0 / c1
    const error = Math.sqrt(v[0][0] + value * value * v[1][1] + 2 * value * v[0][1]) / c1;
    const temperature = { mean: value, error };
    const shift = { mean: value - CRITICAL_TEMPERATURE, error };
    return {
      state: 'estimated',
      temperature,
      bracket: [sorted[i].temperature, sorted[i + 1].temperature],
      shift,
      scaledShift: { mean: shift.mean * size, error: shift.error * size },
    };
  }
  const signs = sorted.map((p) => `${p.temperature.toPrecision(4)}: ${p.a2!.mean > 0 ? '+' : '-'}`).join(', ');
  return {
    state: 'undetermined',
    reason: `a2 does not change sign from negative to positive between the scanned temperatures (${signs || 'no fits'}): widen or refine the scan`,
  };
}

/** Runs the scan; options are validated before any simulation. */
export async function landauScan(options: LandauScanOptions): Promise<LandauScanResult> {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('scan options', options, 'an object');
  checkOptions('scan options', options, ['sizes', 'temperatures', 'sweeps', 'thermalize', 'seed', 'backend', 'algorithm', 'bins']);
  if (!Array.isArray(options.sizes) || options.sizes.length === 0)
    throw new InvalidOptionError('sizes', options.sizes, 'a non-empty array of even lattice sizes');
  const sizes = options.sizes.map((L) => checkSize(L, 'sizes'));
  const temperaturesOf = (L: number): number[] => {
    const list = typeof options.temperatures === 'function' ? options.temperatures(L) : options.temperatures;
    if (!Array.isArray(list) || list.length < 2) throw new InvalidOptionError('temperatures', list, `at least 2 temperatures for L = ${L}`);
    return list.map((T) => checkTemperature('temperatures', T));
  };
  const grid = sizes.map((L) => ({ L, temperatures: temperaturesOf(L) }));
  const sweeps = checkCount('sweeps', options.sweeps, 2);
  const thermalize = checkCount('thermalize', options.thermalize ?? 1000, 0);
  const seed = checkSeed(options.seed ?? 1);
  const backend = oneOf('backend', options.backend ?? 'auto', BACKENDS);
  const algorithm = oneOf('algorithm', options.algorithm ?? 'metropolis', ALGORITHMS);
  const bins = options.bins;

  let k = 0;
  const results: LandauScanSize[] = [];
  const warnings: string[] = [];
  for (const { L, temperatures } of grid) {
    const points: LandauScanPoint[] = [];
    for (const temperature of temperatures) {
      const sim = await createSimulation({ size: L, temperature, seed: childSeed(seed, k++), backend, algorithm });
      try {
        const r = landau(sim, { sweeps, thermalize, order: 4, ...(bins === undefined ? {} : { bins }) });
        points.push({
          temperature,
          shape: r.shape,
          ...(r.barrier ? { barrier: r.barrier } : {}),
          ...(r.fit ? { a2: r.fit.a2, minimum: r.fit.minimum } : {}),
          warnings: r.warnings,
        });
        for (const w of r.warnings) warnings.push(`L=${L} T=${temperature}: ${w}`);
      } finally {
        sim.dispose();
      }
    }
    results.push({ size: L, points, crossover: crossover(L, points) });
  }
  const shiftExponents: LandauScanResult['shiftExponents'] = [];
  for (let i = 0; i + 1 < results.length; i++) {
    const a = results[i];
    const b = results[i + 1];
    if (a.crossover.state !== 'estimated' || b.crossover.state !== 'estimated') continue;
    const sa = a.crossover.shift;
    const sb = b.crossover.shift;
    if (!(sa.mean > 0 && sb.mean > 0)) continue;
    const lnL = Math.log(b.size / a.size);
    shiftExponents.push({
      sizes: [a.size, b.size],
      exponent: { mean: -Math.log(sb.mean / sa.mean) / lnL, error: Math.hypot(sa.error / sa.mean, sb.error / sb.mean) / Math.abs(lnL) },
    });
  }
  return { sizes: results, shiftExponents, warnings };
}
