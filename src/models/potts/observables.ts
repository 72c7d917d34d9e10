/**
 * Observables of the q-state Potts model from its per-step records (Nb, n_0, ..., n_{q-1}):
 * Nb = sum_<ij> delta(s_i, s_j) over the 2N bonds, n_k = number of sites in state k.
 *
 * Definitions (N = L^2 sites, beta = 1/T, J = 1):
 *   E = -Nb - h n_0,  e = E / N                      energy per site
 *   M = sum_i e_{s_i}                                the order parameter: e_k are the q unit vectors
 *                                                    of the (q-1)-simplex, e_a . e_b = (q delta_ab - 1) / (q - 1),
 *   |M|^2 = (q sum_k n_k^2 - N^2) / (q - 1),  m = |M| / N   (0 for equal occupation, 1 when ordered)
 *   energy              <e>
 *   absMagnetization    <m>                          (m >= 0: the length of the order parameter)
 *   magnetization2      <m^2>,  magnetization4 <m^4>
 *   majority            <max_k n_k / N>              the fraction of the majority state (1/q .. 1)
 *   specificHeat        c = N beta^2 (<e^2> - <e>^2)
 *   susceptibility      chi = N beta (<m^2> - <m>^2)
 *   susceptibilityFull  chi' = N beta <m^2>
 *   binder              U4 = 1 - <m^4> / (3 <m^2>^2)  the Ising form, for the (q-1)-component M:
 *                                                    -> 2/3 ordered; -> 1 - (q + 1) / (3 (q - 1))
 *                                                    disordered (1/3 for q = 3; 0 for q = 2, as Ising)
 *   binderRatio         Q = <m^4> / <m^2>^2
 *   energyCumulant      V4 = 1 - <e^4> / (3 <e^2>^2)  (Challa, Landau and Binder, Phys. Rev. B 34,
 *                                                    1841 (1986)): -> 2/3 away from a first-order
 *                                                    transition, a minimum below 2/3 at it that
 *                                                    persists as L grows (latent heat), and 2/3 - V4_min ~ L^-d
 * Errors as for every model: primaries by binning with one common bin length >= 10 tau_int,
 * derived quantities by the leave-one-bin-out jackknife over the same bins (src/stats).
 */
import { emptySamples, rowColumnWaves, waveTable, type CorrelationSamples } from '../../correlation.js';
import type { Measurement, Observable, PottsObservables, SampledObservable, SeriesContext } from '../../measure.js';
import { analyzeSeries } from '../../stats/index.js';
import { pottsCorrelationValues } from './kernel.js';

/** |M|^2 of one record: (q sum_k n_k^2 - N^2) / (q - 1). */
export function orderParameterSquared(records: ArrayLike<number>, offset: number, q: number, sites: number): number {
  let sum = 0;
  for (let k = 1; k <= q; k++) sum += records[offset + k] * records[offset + k];
  return Math.max(0, (q * sum - sites * sites) / (q - 1));
}

/** The largest n_k of one record. */
export function majorityCount(records: ArrayLike<number>, offset: number, q: number): number {
  let most = 0;
  for (let k = 1; k <= q; k++) if (records[offset + k] > most) most = records[offset + k];
  return most;
}

const DERIVED = ['specificHeat', 'susceptibility', 'susceptibilityFull', 'binder', 'binderRatio', 'energyCumulant'] as const;

/** Every Potts observable with errors from `records.length / (q + 1)` records. */
export function analyzePotts(records: Int32Array, context: SeriesContext, q: number): Measurement {
  const width = q + 1;
  const n = Math.floor(records.length / width);
  const { sites: N, beta, field } = context;
  const e = new Float64Array(n);
  const e2 = new Float64Array(n);
  const e4 = new Float64Array(n);
  const m = new Float64Array(n);
  const m2 = new Float64Array(n);
  const m4 = new Float64Array(n);
  const majority = new Float64Array(n);
  for (let k = 0, at = 0; k < n; k++, at += width) {
    const ek = (-records[at] - field * records[at + 1]) / N;
    const mk2 = orderParameterSquared(records, at, q, N) / (N * N);
    e[k] = ek;
    e2[k] = ek * ek;
    e4[k] = e2[k] * e2[k];
    m[k] = Math.sqrt(mk2);
    m2[k] = mk2;
    m4[k] = mk2 * mk2;
    majority[k] = majorityCount(records, at, q) / N;
  }
  const derived: Record<(typeof DERIVED)[number], (x: Record<string, number>) => number> = {
    specificHeat: (x) => N * beta * beta * (x.energy2 - x.energy * x.energy),
    susceptibility: (x) => N * beta * (x.magnetization2 - x.absMagnetization * x.absMagnetization),
    susceptibilityFull: (x) => N * beta * x.magnetization2,
    binder: (x) => 1 - x.magnetization4 / (3 * x.magnetization2 * x.magnetization2),
    binderRatio: (x) => x.magnetization4 / (x.magnetization2 * x.magnetization2),
    energyCumulant: (x) => 1 - x.energy4 / (3 * x.energy2 * x.energy2),
  };
  const analysis = analyzeSeries({ energy: e, energy2: e2, energy4: e4, absMagnetization: m, magnetization2: m2, magnetization4: m4, majority }, derived);
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const derivedOf = (name: string): Observable => ({ mean: analysis.derived[name].mean, error: analysis.derived[name].error });
  const observables: PottsObservables = {
    energy: sampled('energy'),
    absMagnetization: sampled('absMagnetization'),
    magnetization2: sampled('magnetization2'),
    magnetization4: sampled('magnetization4'),
    majority: sampled('majority'),
    specificHeat: derivedOf('specificHeat'),
    susceptibility: derivedOf('susceptibility'),
    susceptibilityFull: derivedOf('susceptibilityFull'),
    binder: derivedOf('binder'),
    binderRatio: derivedOf('binderRatio'),
    energyCumulant: derivedOf('energyCumulant'),
  };
  const { keepSeries, sites: _sites, ...rest } = context;
  return {
    ...rest,
    observables,
    binSize: analysis.binSize,
    bins: analysis.bins,
    warnings: analysis.warnings,
    ...(keepSeries ? { series: { energy: e, magnetization: m } } : {}),
  } as Measurement;
}

/**
 * G(r), S(0), S(k_min) and xi_2nd of the simplex order parameter from Potts correlation samples
 * (layout of pottsCorrelationValues in ./kernel.ts, C(r) = sum_i [delta(s_i, s_{i + r x}) + delta(s_i, s_{i + r y})]):
 *   G(r)     = <e_{s_i} . e_{s_{i+r}}> = (q <delta(s_i, s_{i+r})> - 1) / (q - 1),   G(0) = 1
 *   S(0)     = |M|^2 / N = (q sum_a n_a^2 - N^2) / ((q - 1) N)
 *   S(k)     = |sum_y e^{i k y} R_y|^2 / N with R_y the row's order parameter, which for k != 0 is
 *              q sum_a |sum_y e^{i k y} n_a(y)|^2 / ((q - 1) N); S(k_min) averages rows and columns.
 */
export function pottsCorrelationSamples(records: Int32Array, size: number, samples: number, q: number): CorrelationSamples {
  const L = size;
  const N = L * L;
  const half = L >> 1;
  const stride = pottsCorrelationValues(L, q);
  const { cos, sin } = waveTable(L);
  const { g, zero, min } = emptySamples(L, samples);
  for (let k = 0; k < samples; k++) {
    const base = k * stride;
    for (let r = 1; r <= half; r++) g[r - 1][k] = (q * (records[base + r] / (2 * N)) - 1) / (q - 1);
    const rows = base + half + 1;
    const cols = rows + L * q;
    const { squares, waves } = rowColumnWaves(records, rows, cols, L, q, cos, sin);
    zero[k] = (q * squares - N * N) / ((q - 1) * N);
    min[k] = (q * waves) / (2 * (q - 1) * N);
  }
  return { g, zero, min };
}
