/**
 * Multicanonical simulation of the zero-field q-state Potts model (Berg and Neuhaus, Phys. Rev. Lett. 68,
 * 9 (1992)), with weights built by the Wang-Landau recursion in its 1/t form (Wang and Landau, Phys. Rev.
 * Lett. 86, 2050 (2001); Belardinelli and Pereyra, Phys. Rev. E 75, 046701 (2007)).
 *
 * At a first-order transition a canonical run must cross the suppressed mixed-phase states between the
 * ordered and the disordered peak; their weight falls as exp(-2 σ L^(d-1)), so tunnelling times grow
 * exponentially with L. A multicanonical chain samples configurations with probability ∝ exp(W(b)), b the
 * number of satisfied bonds (E = -b), with W ≈ -ln g(b) across a window of b: the energy histogram is then
 * nearly flat and the chain random-walks between the phases. Canonical averages at any β whose distribution
 * lies in the sampled range follow by reweighting:
 *
 *   P_β(b) ∝ H(b) exp(β b - W(b)),    <O>_β = Σ_b S_O(b) exp(β b - W(b)) / Σ_b H(b) exp(β b - W(b)),
 *
 * H(b) the production histogram and S_O(b) the sum of O over the sweeps that ended at level b.
 *
 * ## The run
 * 1. Window. Two canonical heat-bath runs of `thermalize` sweeps each, one from a cold start at the lowest
 *    temperature (β_hi, ordered edge) and one from a hot start at the highest (β_lo, disordered edge); the
 *    window runs from the 10th percentile of b over the second half of the hot run to the 90th percentile over
 *    the second half of the cold run (inside the disordered and the ordered peak, even when a small lattice's
 *    canonical run visits both phases); outside it W is extended linearly with the slopes β_lo and β_hi, so the
 *    tails are sampled canonically at the edge temperatures (assembly/multicanonical.ts), which is what
 *    reweighting to the temperatures in between needs there.
 * 2. Weights. Start from W'(b) interpolating β_lo → β_hi linearly across the window; then `tuningSweeps`
 *    sweeps of Wang-Landau: after every single-site step at a window level b, W(b) -= ln f. ln f starts at 1
 *    and is halved when every level visited so far (and levels within 4 of both edges) was visited again
 *    since the last halving; once ln f would drop below 1/t (t = steps / levels of the window) it follows
 *    1/t, for 3 times as many sweeps again as it took to get there (or until `tuningSweeps`). Levels never
 *    visited (most cannot occur, e.g. b = 2N - 1) get W interpolated from their neighbours. The schedule
 *    depends on the state, but it only builds W: the weights are then frozen.
 * 3. Production. `thermalize` sweeps with frozen W are discarded, then `sweeps` sweeps with frozen W (a
 *    fixed number of sweeps of N steps, detailed balance with respect to exp(W)), recording b and the state
 * counts after every sweep. The run is cut into `bins`
 *    equal blocks; each block keeps its own H(b) and S_O(b).
 *
 * ## Estimators (e = -b / N, m = |M| / N with |M|² = (q Σ_k n_k² - N²) / (q - 1), as for canonical runs)
 *   c = N β² (<e²> - <e>²),  chi = N β (<m²> - <m>²),  U4 = 1 - <m⁴> / (3 <m²>²),  V4 = 1 - <e⁴> / (3 <e²>²);
 * the first-order analysis of src/analysis/first-order.ts (equal-weight point with k = q ordered phases,
 * equal-height point, latent heat, Lee-Kosterlitz interface tension) on the reweighted P_β(e).
 * Errors: leave-one-block-out jackknife over the `bins` blocks (every estimate recomputed per replica). The
 * blocks are independent when each spans several tunnellings; the result counts them (`tunnelings`: one-way
 * trips between the two peak maxima at the equal-weight point, or between the window's outer tenths when no
 * double peak is resolved) and warns when there are fewer than the blocks; it also warns when the production
 * histogram is far from flat (`flatness`: smallest over largest count of the window's tenths, below 0.1).
 *
 * Density of states: ln g(b) = ln H(b) - W(b) + const on every level with H(b) > 0, reported relative to the
 * most visited level.
 *
 * @module
 */
import { analyzeDistributionFamily, type EnergyDistribution, type FirstOrderAnalysis } from '../analysis/first-order.js';
import { InvalidOptionError } from '../errors.js';
import type { Observable } from '../measure.js';
import { orderParameterSquared } from '../models/potts/observables.js';
import type { PottsModelKernel } from '../models/potts/model-kernel.js';
import { pottsCriticalTemperature } from '../models/potts/exact.js';
import { childSeed } from '../rng.js';
import { createSimulation, kernelOf, type Simulation } from '../simulation.js';
import { jackknifeError } from '../stats/index.js';
import { expandTemperatures, type TemperatureSpec } from '../sweep.js';
import { checkCount, checkInteger, checkObject, checkSeed, rejectUnknownKeys } from '../validate.js';
import type { CoreSource } from '../vocabulary.js';
import { multicanonicalKernel, type MulticanonicalKernel, type MulticanonicalWindow } from './kernel.js';

/** Weights of a multicanonical run: the window, its slopes and W(lo .. hi); reusable as {@link MulticanonicalOptions.weights}. */
export interface MulticanonicalWeights extends MulticanonicalWindow {
  /** W(b) for b = lo .. hi. */
  values: number[];
}

/** Options of {@link multicanonical}. */
export interface MulticanonicalOptions {
  /** The model: only `'potts'` (q = 2 is the Ising model at coupling J/2). @default 'potts' */
  model?: 'potts';
  /** Number of Potts states, 2 .. 256. */
  q: number;
  /** Linear size L of the L x L periodic lattice (even, 2 .. 1024). */
  size: number;
  /**
   * Temperatures at which canonical results are reconstructed; the lowest and highest set the window.
   * @default 21 temperatures from 0.99 T_c to 1.01 T_c, T_c = 1 / ln(1 + √q)
   */
  temperatures?: TemperatureSpec;
  /** Seed (the window's disordered-edge run uses childSeed(seed, 1)). @default 1 */
  seed?: number;
  /** Engine. @default 'auto' */
  backend?: 'auto' | 'wasm' | 'js';
  /** Where to load the WebAssembly core from. @default the inlined core */
  core?: CoreSource;
  /**
   * Canonical heat-bath sweeps at each window edge (the second half measures b), and multicanonical sweeps
   * with the frozen weights before production. @default 1000
   */
  thermalize?: number;
  /**
   * Most Wang-Landau sweeps; tuning stops earlier, at 4 times the sweep at which the 1/t stage began.
   * @default max(20000, 1500 ceil(levels² / N)), levels the window's width
   */
  tuningSweeps?: number;
  /** Production sweeps with frozen weights (a tunnelling takes some 20 ceil(levels² / N) sweeps at q = 10). @default max(10000, 1000 ceil(levels² / N)) */
  sweeps?: number;
  /** Jackknife blocks of the production run, 2 .. 1000. @default 20 */
  bins?: number;
  /** Weights of an earlier run of the same q and size (its `weights`): no window runs and no tuning. */
  weights?: MulticanonicalWeights;
}

/** Canonical results at one temperature, reweighted from the multicanonical run (estimators: module comment). */
export interface MulticanonicalPoint {
  temperature: number;
  beta: number;
  energy: Observable;
  specificHeat: Observable;
  absMagnetization: Observable;
  susceptibility: Observable;
  binder: Observable;
  energyCumulant: Observable;
}

export interface MulticanonicalResult {
  model: 'potts';
  q: number;
  size: number;
  seed: number;
  backend: 'wasm' | 'js';
  temperatures: number[];
  /** The weights used in production (the window and W(lo .. hi)); pass as `weights` to skip tuning. */
  weights: MulticanonicalWeights;
  tuning: {
    /** Wang-Landau sweeps run (0 with given weights). */
    sweeps: number;
    /** Halvings of ln f. */
    stages: number;
    /** ln f at the end. */
    lnF: number;
    /** Whether the 1/t stage was reached. */
    converged: boolean;
  };
  production: {
    sweeps: number;
    bins: number;
    /** One-way trips between the ordered and the disordered peak at the equal-weight point (without a double peak: between the window's outer tenths). */
    tunnelings: number;
    /** Accepted single-site moves / steps. */
    acceptance: number;
    /** Levels b of the window never visited in production. */
    unvisitedLevels: number;
    /** Smallest over largest production count of the window's tenths (1 for a flat histogram). */
    flatness: number;
  };
  /** Canonical curves, one point per temperature. */
  curve: MulticanonicalPoint[];
  /** The first-order analysis of the reweighted distributions (src/analysis/first-order.ts). */
  firstOrder: FirstOrderAnalysis;
  /**
   * ln g(b) - ln g(b*) on the levels b visited in production (b* the most visited), with the production
   * counts H(b) (flat across the window when the weights are good; ln g is as precise as H(b) is large).
   */
  densityOfStates: { bondCounts: number[]; counts: number[]; lnG: number[] };
  /** Work in sweep equivalents (window runs, tuning and production). */
  sweepEquivalents: number;
  warnings: string[];
}

const KNOWN = ['model', 'q', 'size', 'temperatures', 'seed', 'backend', 'core', 'thermalize', 'tuningSweeps', 'sweeps', 'bins', 'weights'] as const;
const WEIGHT_KEYS = ['lo', 'hi', 'betaLo', 'betaHi', 'values'] as const;
/** Production sweeps between two reads of the records. */
const CHUNK = 4096;

/** W(b) everywhere: stored inside the window, linear outside (assembly/multicanonical.ts). */
function weightFunction(w: MulticanonicalWeights): (b: number) => number {
  const { lo, hi, betaLo, betaHi, values } = w;
  return (b) => (b > hi ? values[hi - lo] + betaHi * (b - hi) : b < lo ? values[0] + betaLo * (b - lo) : values[b - lo]);
}

function checkWeights(value: unknown, bonds: number): MulticanonicalWeights {
  const w = checkObject('weights', value, '{ lo, hi, betaLo, betaHi, values } (the weights of an earlier result)');
  rejectUnknownKeys(w, WEIGHT_KEYS, 'weights.');
  const lo = checkInteger('weights.lo', w.lo, 0, bonds, `(a bond count of this lattice, 0 .. 2N = ${bonds})`);
  const hi = checkInteger('weights.hi', w.hi, lo, bonds, `(a bond count from weights.lo to 2N = ${bonds})`);
  for (const key of ['betaLo', 'betaHi'] as const) {
    if (typeof w[key] !== 'number' || !Number.isFinite(w[key]) || (w[key] as number) <= 0)
      throw new InvalidOptionError(`weights.${key}`, w[key], 'a finite number > 0');
  }
  const values = w.values;
  if (!Array.isArray(values) || values.length !== hi - lo + 1) {
    throw new InvalidOptionError('weights.values', Array.isArray(values) ? `${values.length} values` : values, `hi - lo + 1 = ${hi - lo + 1} weights`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidOptionError(`weights.values[${i}]`, v, 'a finite number');
  });
  return { lo, hi, betaLo: w.betaLo as number, betaHi: w.betaHi as number, values: [...values] };
}

/** The 10th and 90th percentiles of b over the second half of `sweeps` canonical sweeps. */
function edgeLevels(sim: Simulation, sweeps: number, width: number): { low: number; high: number } {
  sim.sweep(Math.ceil(sweeps / 2));
  const n = Math.max(2, Math.floor(sweeps / 2));
  const records = new Int32Array(width * n);
  sim.sweep(n, records);
  const b = Int32Array.from({ length: n }, (_, k) => records[k * width]).sort();
  return { low: b[Math.floor(0.1 * (n - 1))], high: b[Math.ceil(0.9 * (n - 1))] };
}

/** One-way trips of a series between "at or below `low`" and "at or above `high`". */
function countTunnelings(series: Int32Array, low: number, high: number): number {
  let side = 0;
  let trips = 0;
  for (const b of series) {
    const now = b <= low ? -1 : b >= high ? 1 : 0;
    if (now !== 0 && now !== side) {
      if (side !== 0) trips++;
      side = now;
    }
  }
  return trips;
}

/** Wang-Landau 1/t (module comment, step 2). */
function tune(kernel: MulticanonicalKernel, sweeps: number, sites: number, levels: number) {
  const ever = new Uint8Array(levels);
  const chunk = Math.max(1, Math.min(100, Math.ceil((10 * levels) / sites)));
  let lnF = 1;
  let stages = 0;
  let converged = false;
  let onset = 0;
  let done = 0;
  let steps = 0;
  kernel.resetVisits();
  while (done < sweeps) {
    const n = Math.min(chunk, sweeps - done);
    kernel.sweep(n, lnF);
    done += n;
    steps += n * sites;
    if (converged) {
      if (done >= 4 * onset) break;
      lnF = levels / steps;
      continue;
    }
    const visits = kernel.visits();
    let low = levels;
    let high = -1;
    let flat = true;
    for (let i = 0; i < levels; i++) {
      if (visits[i] > 0) ever[i] = 1;
      if (ever[i]) {
        low = Math.min(low, i);
        high = i;
        if (visits[i] === 0) flat = false;
      }
    }
    if (flat && low <= 4 && high >= levels - 5) {
      lnF /= 2;
      stages++;
      kernel.resetVisits();
      if (lnF < levels / steps) {
        converged = true;
        onset = done;
        lnF = levels / steps;
      }
    }
  }
  // levels never visited (most cannot occur, e.g. b = 2N - 1) keep no learnt weight: interpolate them
  const w = kernel.weights();
  let last = -1;
  for (let i = 0; i < levels; i++) {
    if (!ever[i]) continue;
    for (let j = last + 1; j < i; j++) w[j] = last < 0 ? w[i] : w[last] + ((w[i] - w[last]) * (j - last)) / (i - last);
    last = i;
  }
  for (let j = last + 1; j < levels && last >= 0; j++) w[j] = w[last];
  const shifted = Array.from(w, (v) => v - w[0]);
  return { sweeps: done, stages, lnF, converged, values: shifted };
}

/**
 * Runs a multicanonical simulation of the zero-field Potts model (module comment) and returns canonical
 * curves across `temperatures` with jackknife errors, the first-order analysis (latent heat, interface
 * tension), the density of states over the sampled range and the weights for a later run.
 *
 * @example
 * const r = await multicanonical({ q: 10, size: 32, seed: 1 });
 * console.log(r.firstOrder.latentHeat, r.firstOrder.equalHeight?.interfaceTension, r.production.tunnelings);
 * @throws InvalidOptionError on bad input (unknown keys, a field, another model ...)
 */
export async function multicanonical(options: MulticanonicalOptions): Promise<MulticanonicalResult> {
  const o = checkObject('options', options, '{ q: 10, size: 32 }');
  rejectUnknownKeys(o, KNOWN, '', 'option');
  if (o.model !== undefined && o.model !== 'potts') {
    throw new InvalidOptionError(
      'model',
      o.model,
      "'potts' (multicanonical runs are implemented for the zero-field Potts model; q = 2 is the Ising model at coupling J/2)",
    );
  }
  const q = checkInteger('q', o.q, 2, 256);
  const size = checkInteger('size', o.size, 2, 1024);
  const N = size * size;
  const bonds = 2 * N;
  const temperatures = expandTemperatures(o.temperatures ?? Array.from({ length: 21 }, (_, k) => pottsCriticalTemperature(q) * (0.99 + 0.001 * k)));
  if (temperatures.length < 2)
    throw new InvalidOptionError('temperatures', o.temperatures, 'at least two temperatures (the lowest and highest set the window)');
  const thermalize = checkCount('thermalize', o.thermalize ?? 1000, 2);
  const bins = checkInteger('bins', o.bins ?? 20, 2, 1000);
  const given = o.weights === undefined ? undefined : checkWeights(o.weights, bonds);
  const seed = checkSeed(o.seed ?? 1);
  const base = {
    model: 'potts' as const,
    q,
    size,
    backend: o.backend as MulticanonicalOptions['backend'],
    core: o.core as CoreSource | undefined,
    algorithm: 'heat-bath' as const,
  };
  const betaHi = 1 / temperatures[0];
  const betaLo = 1 / temperatures[temperatures.length - 1];
  const width = q + 1;

  const sim = await createSimulation({ ...base, seed, temperature: temperatures[0], start: 'cold' });
  const warnings: string[] = [];
  let work = 0;
  try {
    let weights: MulticanonicalWeights;
    if (given) {
      weights = given;
    } else {
      const ordered = edgeLevels(sim, thermalize, width);
      const hot = await createSimulation({ ...base, seed: childSeed(seed, 1), temperature: temperatures[temperatures.length - 1], start: 'hot' });
      let disordered: { low: number; high: number };
      try {
        disordered = edgeLevels(hot, thermalize, width);
      } finally {
        hot.dispose();
      }
      work += 2 * (Math.ceil(thermalize / 2) + Math.max(2, Math.floor(thermalize / 2)));
      const lo = disordered.low;
      const hi = Math.max(lo + 1, ordered.high);
      // W'(b) from betaLo at lo to betaHi at hi
      const values = Array.from({ length: hi - lo + 1 }, (_, i) => betaLo * i + ((betaHi - betaLo) * i * i) / (2 * (hi - lo)));
      weights = { lo, hi, betaLo, betaHi, values };
    }
    const levels = weights.hi - weights.lo + 1;
    const crossing = Math.ceil((levels * levels) / N);
    const tuningSweeps = given
      ? checkCount('tuningSweeps', o.tuningSweeps ?? 0, 0)
      : checkCount('tuningSweeps', o.tuningSweeps ?? Math.max(20000, 1500 * crossing), 0);
    if (given && tuningSweeps > 0) throw new InvalidOptionError('tuningSweeps', tuningSweeps, '0 or nothing with given weights (they are used as they are)');
    const sweeps = checkCount('sweeps', o.sweeps ?? Math.max(10000, 1000 * crossing), bins);

    const kernel = multicanonicalKernel((kernelOf(sim, 'multicanonical') as PottsModelKernel).potts);
    kernel.setWeights(weights, Float64Array.from(weights.values));
    let tuning = { sweeps: 0, stages: 0, lnF: 0, converged: true };
    if (!given) {
      const { values, ...t } = tune(kernel, tuningSweeps, N, levels);
      work += t.sweeps;
      weights = { ...weights, values };
      kernel.setWeights(weights, Float64Array.from(values));
      tuning = t;
    }

    // equilibration with the frozen weights (from the tuned state, or from the cold start with given weights)
    kernel.sweep(thermalize, 0);
    work += thermalize;

    // production: per block, per level b, the count and the sums of m, m², m⁴
    const K = bonds + 1;
    const H = Array.from({ length: bins }, () => new Float64Array(K));
    const M1 = Array.from({ length: bins }, () => new Float64Array(K));
    const M2 = Array.from({ length: bins }, () => new Float64Array(K));
    const M4 = Array.from({ length: bins }, () => new Float64Array(K));
    const records = new Int32Array(width * Math.min(CHUNK, sweeps));
    const series = new Int32Array(sweeps);
    let accepted = 0;
    for (let done = 0; done < sweeps;) {
      const n = Math.min(CHUNK, sweeps - done);
      accepted += kernel.sweep(n, 0, records);
      for (let k = 0; k < n; k++) {
        const at = k * width;
        const b = records[at];
        const block = Math.floor(((done + k) * bins) / sweeps);
        const m2 = orderParameterSquared(records, at, q, N) / (N * N);
        H[block][b] += 1;
        M1[block][b] += Math.sqrt(m2);
        M2[block][b] += m2;
        M4[block][b] += m2 * m2;
        series[done + k] = b;
      }
      done += n;
    }
    work += sweeps;

    // the full sums once; jackknife replica j is the full sum less block j
    const total = (parts: Float64Array[]): Float64Array => {
      const out = new Float64Array(K);
      for (const p of parts) for (let b = 0; b < K; b++) out[b] += p[b];
      return out;
    };
    const less = (all: Float64Array, part: Float64Array): Float64Array => all.map((v, b) => v - part[b]);
    const whole = { h: total(H), m1: total(M1), m2: total(M2), m4: total(M4) };
    const replicas = [-1, ...Array.from({ length: bins }, (_, j) => j)];
    const data = new Map(
      replicas.map((j) => [j, j < 0 ? whole : { h: less(whole.h, H[j]), m1: less(whole.m1, M1[j]), m2: less(whole.m2, M2[j]), m4: less(whole.m4, M4[j]) }]),
    );
    const W = weightFunction(weights);
    const lnW = Float64Array.from({ length: K }, (_, b) => -W(b));
    const full = data.get(-1)!;
    // levels that cannot occur are not counted: b = 2N - 1 .. 2N - 5 but 2N - 4 (one flipped site makes 4
    // unsatisfied bonds, two make at least 6), and odd b for q = 2 (unsatisfied bonds come in pairs on a torus)
    const possible = (b: number) => (b <= bonds - 6 || b === bonds - 4 || b === bonds) && (q > 2 || b % 2 === 0);
    let unvisited = 0;
    for (let b = weights.lo; b <= weights.hi; b++) if (possible(b) && full.h[b] === 0) unvisited++;
    if (unvisited > 0) {
      warnings.push(
        `${unvisited} of the ${levels} window levels were never visited in production: the reweighted distributions miss them; ` +
          'tune longer (tuningSweeps) or run longer (sweeps)',
      );
    }
    // flatness: the production histogram over 10 equal parts of the window
    const parts = Array.from({ length: Math.min(10, levels) }, (_, j) => {
      let sum = 0;
      for (let b = weights.lo + Math.floor((j * levels) / 10); b < weights.lo + Math.floor(((j + 1) * levels) / 10); b++) sum += full.h[b];
      return sum;
    });
    const flatness = Math.min(...parts) / Math.max(...parts);
    if (flatness < 0.1) {
      warnings.push(
        `the production histogram is far from flat across the window (its tenths differ by a factor ${(1 / flatness).toPrecision(3)}` +
          `${tuning.converged ? '' : '; Wang-Landau did not reach its 1/t stage'}): the weights are poor, so tunnelling is slow; ` +
          'results stay correct (reweighting removes any weights) but noisy: raise tuningSweeps',
      );
    }

    /** exp(β b - W(b)) H-weighted sums of one replica: returns the normalised weights per level. */
    const levelWeights = (beta: number, h: Float64Array): Float64Array => {
      let max = -Infinity;
      for (let b = 0; b < K; b++) if (h[b] > 0) max = Math.max(max, beta * b + lnW[b]);
      const p = new Float64Array(K);
      let z = 0;
      for (let b = 0; b < K; b++) {
        if (h[b] > 0) {
          p[b] = Math.exp(beta * b + lnW[b] - max);
          z += p[b] * h[b];
        }
      }
      for (let b = 0; b < K; b++) p[b] /= z;
      return p;
    };
    const estimates = (beta: number, replica: number) => {
      const d = data.get(replica)!;
      const p = levelWeights(beta, d.h);
      let e = 0;
      let e2 = 0;
      let e4 = 0;
      let m = 0;
      let m2 = 0;
      let m4 = 0;
      for (let b = 0; b < K; b++) {
        if (p[b] === 0) continue;
        const w = p[b] * d.h[b];
        const eb = -b / N;
        e += w * eb;
        e2 += w * eb * eb;
        e4 += w * eb ** 4;
        m += p[b] * d.m1[b];
        m2 += p[b] * d.m2[b];
        m4 += p[b] * d.m4[b];
      }
      let variance = 0;
      for (let b = 0; b < K; b++) if (p[b] > 0) variance += p[b] * d.h[b] * (-b / N - e) ** 2;
      return [e, N * beta * beta * variance, m, N * beta * (m2 - m * m), 1 - m4 / (3 * m2 * m2), 1 - e4 / (3 * e2 * e2)];
    };
    const curve = temperatures.map((temperature): MulticanonicalPoint => {
      const beta = 1 / temperature;
      const main = estimates(beta, -1);
      const reps = replicas.slice(1).map((j) => estimates(beta, j));
      const ob = (i: number): Observable => ({ mean: main[i], error: jackknifeError(reps.map((r) => r[i])) });
      return { temperature, beta, energy: ob(0), specificHeat: ob(1), absMagnetization: ob(2), susceptibility: ob(3), binder: ob(4), energyCumulant: ob(5) };
    });

    const distribution = (beta: number, replica: number): EnergyDistribution => {
      const h = data.get(replica)!.h;
      const p = levelWeights(beta, h);
      const energies: number[] = [];
      const probabilities: number[] = [];
      for (let b = bonds; b >= 0; b--) {
        if (h[b] > 0) {
          energies.push(-b / N);
          probabilities.push(p[b] * h[b]);
        }
      }
      return { energies: Float64Array.from(energies), probabilities: Float64Array.from(probabilities) };
    };
    const firstOrder = analyzeDistributionFamily(
      { sites: N, size, dimension: 2, bins, betaRange: { from: betaLo, to: betaHi }, distribution, warnings: [] },
      { orderedPhases: q },
    );

    // tunnellings between the two peaks at the equal-weight point (the window's outer tenths without them)
    const peaks = firstOrder.equalWeight;
    const [low, high, between] = peaks
      ? [-peaks.disordered.energy.mean * N, -peaks.ordered.energy.mean * N, 'the ordered and the disordered peak']
      : [weights.lo + (weights.hi - weights.lo) / 10, weights.hi - (weights.hi - weights.lo) / 10, "the window's outer tenths"];
    const tunnelings = countTunnelings(series, low, high);
    if (tunnelings < bins) {
      warnings.push(
        `only ${tunnelings} tunnelings between ${between} in ${sweeps} production sweeps, fewer than the ${bins} jackknife blocks: ` +
          'the blocks are correlated and the errors too small; run more sweeps (or tune the weights longer)',
      );
    }

    const bondCounts: number[] = [];
    const counts: number[] = [];
    const lnG: number[] = [];
    for (let b = 0; b < K; b++) {
      if (full.h[b] > 0) {
        bondCounts.push(b);
        counts.push(full.h[b]);
        lnG.push(Math.log(full.h[b]) - W(b));
      }
    }
    const ref = lnG[counts.indexOf(Math.max(...counts))];
    for (let i = 0; i < lnG.length; i++) lnG[i] -= ref;

    return {
      model: 'potts',
      q,
      size,
      seed,
      backend: kernel.backend,
      temperatures,
      weights,
      tuning,
      production: { sweeps, bins, tunnelings, acceptance: accepted / (sweeps * N), unvisitedLevels: unvisited, flatness },
      curve,
      firstOrder,
      densityOfStates: { bondCounts, counts, lnG },
      sweepEquivalents: work,
      warnings: [...warnings, ...firstOrder.warnings],
    };
  } finally {
    sim.dispose();
  }
}
