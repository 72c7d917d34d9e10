/**
 * Critical slowing down, measured: integrated autocorrelation times of |m| and e at one
 * temperature (default the critical one of the lattice: Onsager's T_c, or 1 / 0.221654626 on the
 * cubic lattice) for several lattice sizes and algorithms, and the dynamic
 * exponent z fitted to tau_int ~ A L^z.
 *
 * Units. tau_int is estimated in recorded steps (Sokal's automatic window, src/stats) and
 * converted to sweep equivalents by the measured work per step (docs/algorithms.md, "Work accounting"):
 * tau_sweeps = tau_steps * sweepEquivalents / steps. For Wolff that is the usual
 * tau_steps <|C|> / N; for Metropolis, heat bath and Swendsen-Wang one step is one sweep.
 * z is fitted to tau in sweep equivalents (src/stats/fit.ts: weighted least squares in log-log).
 */
import { CRITICAL_TEMPERATURE } from '../exact/onsager.js';
import { CUBIC_CRITICAL_TEMPERATURE } from '../exact/cubic.js';
import { checkOptions } from '../validate.js';
import { InvalidOptionError } from '../errors.js';
import {
  ALGORITHMS,
  BACKENDS,
  LATTICES,
  checkCount,
  checkSeed,
  checkSize,
  checkTemperature,
  oneOf,
  type Algorithm,
  type BackendChoice,
  type Lattice,
} from '../options.js';
import { childSeed } from '../rng.js';
import { createSimulation } from '../simulation.js';
import { fitPowerLaw, integratedAutocorrelationTime } from '../stats/index.js';
import type { CoreSource } from '../backend/loader.js';

/** Observables whose autocorrelation is measured. */
export type DynamicsObservable = 'absMagnetization' | 'energy';
export const DYNAMICS_OBSERVABLES: readonly DynamicsObservable[] = ['absMagnetization', 'energy'];

export interface DynamicsOptions {
  /** Lattice: `'square'` or `'cubic'` (L x L x L). @default 'square' */
  lattice?: Lattice;
  /** Linear sizes (even, >= 4). @default [8, 16, 32, 64, 128] */
  sizes?: number[];
  /** Algorithms compared. @default ['metropolis', 'wolff', 'swendsen-wang'] */
  algorithms?: Algorithm[];
  /** Temperature. @default the lattice's T_c: 2.269185314213022 (Onsager), cubic 1 / 0.221654626 */
  temperature?: number;
  /** Recorded steps per (algorithm, size), from 1000 to 2^25. @default {@link defaultDynamicsSteps} */
  steps?: number;
  /** Steps discarded before recording. @default steps / 10 (rounded up) */
  thermalize?: number;
  /**
   * Smallest size that enters the fit of z (smaller sizes are measured and reported, but their
   * corrections to scaling are left out of the fit); it must leave at least 2 sizes. @default the
   * smallest of `sizes` (with a single size, z is NaN)
   */
  fitMinSize?: number;
  /** Seed; point k (in the order algorithms x sizes) runs with childSeed(seed, k). @default 1 */
  seed?: number;
  /** Engine. @default 'auto' */
  backend?: BackendChoice;
  /** Where to load the WebAssembly core from. @default the inlined core */
  core?: CoreSource;
  /** Called after every point (progress reports). */
  onPoint?: (point: DynamicsPoint) => void;
}

/** An integrated autocorrelation time with its Madras-Sokal error. */
export interface TauEstimate {
  /** tau_int in recorded steps. */
  steps: number;
  /** tau_int in sweep equivalents. */
  sweeps: number;
  /** Error of `sweeps`. */
  error: number;
  /** Whether Sokal's window W >= 6 tau_int was reached (if not, tau is an underestimate). */
  converged: boolean;
}

export interface DynamicsPoint {
  algorithm: Algorithm;
  size: number;
  seed: number;
  steps: number;
  thermalize: number;
  /** Measured sweep equivalents per recorded step. */
  sweepsPerStep: number;
  tau: Record<DynamicsObservable, TauEstimate>;
  /** Wall-clock seconds of the recorded steps (informational: depends on the machine). */
  seconds: number;
  /** The measurement's reliability warnings (e.g. a run shorter than 50 tau_int). */
  warnings: string[];
}

export interface DynamicsFit {
  algorithm: Algorithm;
  observable: DynamicsObservable;
  /** Dynamic exponent z in tau_int(sweeps) = A L^z. */
  z: number;
  zError: number;
  amplitude: number;
  chi2PerDof: number;
  /** Number of sizes that entered the fit. */
  points: number;
  /** Smallest size that entered the fit. */
  fitMinSize: number;
}

export interface DynamicsResult {
  lattice: Lattice;
  temperature: number;
  points: DynamicsPoint[];
  fits: DynamicsFit[];
}

export const DYNAMICS_DEFAULTS = {
  sizes: [8, 16, 32, 64, 128],
  algorithms: ['metropolis', 'wolff', 'swendsen-wang'] as Algorithm[],
  seed: 1,
  backend: 'auto' as BackendChoice,
};

/**
 * Default recorded steps, a budget fixed in advance (not a stopping rule): about 2000 tau_int(|m|)
 * at Tc (shorter runs underestimate tau_int: the automatic window cuts the slow tail). Local
 * algorithms: max(50000, 50 L^2.17) sweeps (tau_int(|m|) of checkerboard Metropolis at Tc is about
 * 0.025 L^2.17 sweeps for L = 32..128); cluster and hybrid algorithms: 10^5 steps (tau_int of a
 * few steps).
 */
export function defaultDynamicsSteps(algorithm: Algorithm, size: number): number {
  if (algorithm === 'metropolis' || algorithm === 'heat-bath') return Math.min(2 ** 25, Math.max(50_000, Math.ceil(50 * size ** 2.17)));
  return 100_000;
}

function checkList<T>(option: string, value: unknown, check: (item: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidOptionError(option, value, 'a non-empty array');
  return value.map(check);
}

/** Runs every (algorithm, size) point and fits z per algorithm and observable. */
export async function criticalSlowingDown(options: DynamicsOptions = {}): Promise<DynamicsResult> {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', options, 'an object');
  checkOptions('options', options, [
    'lattice',
    'sizes',
    'algorithms',
    'temperature',
    'steps',
    'thermalize',
    'fitMinSize',
    'seed',
    'backend',
    'core',
    'onPoint',
  ]);
  const lattice = oneOf('lattice', options.lattice ?? 'square', LATTICES);
  const sizes = checkList('sizes', options.sizes ?? DYNAMICS_DEFAULTS.sizes, (s) => {
    const size = checkSize(s, 'sizes', lattice);
    if (size < 4) throw new InvalidOptionError('sizes', s, 'even sizes >= 4 (smaller lattices have no critical dynamics to measure)');
    return size;
  });
  if (new Set(sizes).size !== sizes.length) throw new InvalidOptionError('sizes', sizes, 'distinct sizes');
  const algorithms = checkList('algorithms', options.algorithms ?? DYNAMICS_DEFAULTS.algorithms, (a) => oneOf('algorithms', a, ALGORITHMS));
  const temperature = checkTemperature('temperature', options.temperature ?? (lattice === 'cubic' ? CUBIC_CRITICAL_TEMPERATURE : CRITICAL_TEMPERATURE));
  const steps = options.steps === undefined ? undefined : checkCount('steps', options.steps, 1000);
  if (steps !== undefined && steps > 2 ** 25) throw new InvalidOptionError('steps', steps, `at most ${2 ** 25} steps per point`);
  const thermalize = options.thermalize === undefined ? undefined : checkCount('thermalize', options.thermalize, 0);
  const seed = checkSeed(options.seed ?? DYNAMICS_DEFAULTS.seed);
  const backend = oneOf('backend', options.backend ?? DYNAMICS_DEFAULTS.backend, BACKENDS);
  const fitMinSize = options.fitMinSize ?? Math.min(...sizes);
  if (options.fitMinSize !== undefined && (typeof fitMinSize !== 'number' || sizes.filter((size) => size >= fitMinSize).length < 2)) {
    throw new InvalidOptionError('fitMinSize', fitMinSize, `a size that leaves at least 2 of the sizes (${sizes.join(', ')}) for the fit`);
  }

  const points: DynamicsPoint[] = [];
  for (const algorithm of algorithms) {
    for (const size of sizes) {
      const pointSeed = childSeed(seed, points.length);
      const n = steps ?? defaultDynamicsSteps(algorithm, size);
      const skip = thermalize ?? Math.ceil(n / 10);
      const sim = await createSimulation({ lattice, size, temperature, algorithm, seed: pointSeed, backend, start: 'hot', core: options.core });
      try {
        if (skip > 0) sim.sweep(skip);
        const t0 = performance.now();
        const m = sim.measure({ sweeps: n, keepSeries: true });
        const seconds = (performance.now() - t0) / 1000;
        const sweepsPerStep = m.sweepEquivalents / n;
        const series = m.series!;
        const absM = series.magnetization.map(Math.abs);
        const tauOf = (x: Float64Array): TauEstimate => {
          const t = integratedAutocorrelationTime(x);
          return { steps: t.tau, sweeps: t.tau * sweepsPerStep, error: t.error * sweepsPerStep, converged: t.converged };
        };
        const point: DynamicsPoint = {
          algorithm,
          size,
          seed: pointSeed,
          steps: n,
          thermalize: skip,
          sweepsPerStep,
          tau: { absMagnetization: tauOf(absM), energy: tauOf(series.energy) },
          seconds,
          warnings: m.warnings,
        };
        points.push(point);
        options.onPoint?.(point);
      } finally {
        sim.dispose();
      }
    }
  }
  const fits: DynamicsFit[] = [];
  for (const algorithm of algorithms) {
    const mine = points.filter((p) => p.algorithm === algorithm && p.size >= fitMinSize);
    for (const observable of DYNAMICS_OBSERVABLES) {
      const fit = fitPowerLaw(
        mine.map((p) => p.size),
        mine.map((p) => p.tau[observable].sweeps),
        mine.map((p) => p.tau[observable].error),
      );
      fits.push({
        algorithm,
        observable,
        z: fit.exponent,
        zError: fit.exponentError,
        amplitude: fit.amplitude,
        chi2PerDof: fit.chi2PerDof,
        points: fit.points,
        fitMinSize,
      });
    }
  }
  return { lattice, temperature, points, fits };
}
