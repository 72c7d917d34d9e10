/**
 * Observables of the continuous-spin models (XY, clock, Heisenberg) from their per-step records:
 * XY and clock [B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z] (src/models/xy/kernel.ts), Heisenberg
 * [B_x, B_y, M_x, M_y, M_z, B_z] (src/models/heisenberg/kernel.ts): B_mu = sum_i s_i . s_{i+mu},
 * M = sum_i s_i (n components), I_mu = sum_i sin(theta_{i+mu} - theta_i), V = number of plaquettes
 * with winding +1 or -1; B_z = I_z = 0 on the square lattice.
 *
 * Definitions (N = L^d sites on the square (d = 2) or simple cubic (d = 3) lattice, beta = 1/T,
 * J = 1, m = M / N an n-vector, |m| its length, h along the field axis a: x for XY and clock, z for
 * Heisenberg):
 *   E = -(B_x + B_y + B_z) - h M_a,  e = E / N          energy per site
 *   magnetizationX, magnetizationY (, magnetizationZ)   <m_x>, <m_y> (, <m_z>): the vector order parameter
 *   absMagnetization    <|m|>
 *   magnetization2      <|m|^2>,  magnetization4 <|m|^4>
 *   specificHeat        c = N beta^2 (<e^2> - <e>^2)
 *   susceptibility      chi = N beta (<|m|^2> - <|m|>^2)
 *   susceptibilityFull  chi' = N beta <|m|^2>
 *   binder              U = (n + 2)/2 - (n/2) <|m|^4> / <|m|^2>^2, the O(n) Binder cumulant:
 *                       -> 1 ordered, -> 0 for a Gaussian (disordered) n-component m;
 *                       n = 2: U = 2 - <|m|^4>/<|m|^2>^2; n = 3: U = 5/2 - (3/2) <|m|^4>/<|m|^2>^2
 *   binderRatio         Q = <|m|^4> / <|m|^2>^2            (-> 1 ordered, -> 1 + 2/n disordered)
 *   helicityModulus     (XY, clock) Upsilon = (1 / dN) sum_mu [ <B_mu> - beta (<I_mu^2> - <I_mu>^2) ]
 *                       over the d axes: the spin stiffness, the second derivative of the free
 *                       energy per site with respect to a twist of the boundary conditions, averaged
 *                       over the axes (Teitel and Jayaprakash, Phys. Rev. B 27, 598 (1983)); in 2D the
 *                       BKT transition is where Upsilon = 2 T / pi (Nelson and Kosterlitz 1977); in 3D
 *                       Upsilon > 0 below T_c and L Upsilon is scale invariant at T_c (Upsilon ~ t^nu)
 *   vortexDensity       (XY, clock) <V> / (N d (d - 1) / 2): the fraction of plaquettes with a vortex,
 *                       vortices plus antivortices per plaquette (N plaquettes in 2D); on the cubic
 *                       lattice the plaquettes of all three orientations (3N), so that it is the
 *                       density of vortex-line segments (each pierced plaquette is one unit of line)
 * Errors as for every model: primaries by binning with one common bin length >= 10 tau_int,
 * derived quantities by the leave-one-bin-out jackknife over the same bins (src/stats); the signed
 * components <m_a> by their own binning (the direction of M decorrelates far more slowly than |m|).
 */
import { analyzeCorrelationSamples, emptySamples, rowColumnWaves, waveTable, type CorrelationSamples } from '../../correlation.js';
import type { CorrelationMeasurement, Measurement, Observable, SampledObservable, SeriesContext } from '../../measure.js';
import { analyzeSeries } from '../../stats/index.js';
import { continuousCorrelationValues } from './kernel.js';
import { analyzePhi4Correlations, phi4CorrelationValues } from '../phi4/correlation.js';
import type { Lattice } from '../../vocabulary.js';

/** The record layout of a continuous-spin model: n components of M after B_x, B_y; then I_x, I_y, V when `planar`. */
export interface ContinuousLayout {
  /** Spin components n. */
  readonly components: number;
  /** Which component of M the field couples to (0: x, 2: z). */
  readonly fieldAxis: number;
  /** XY and clock: I_x, I_y, V follow M, and I_z follows B_z (helicity modulus and vortices). */
  readonly planar: boolean;
}

/** Offset of B_z in a record of `layout`: after B_x, B_y, M and (planar) I_x, I_y, V. */
export function bondZOffset(layout: ContinuousLayout): number {
  return 2 + layout.components + (layout.planar ? 3 : 0);
}

/** Values in a record of `layout`. */
export function continuousRecordWidth(layout: ContinuousLayout): number {
  return bondZOffset(layout) + (layout.planar ? 2 : 1);
}

/** The record's energy E = -(B_x + B_y + B_z) - h M_a. */
export function continuousEnergy(layout: ContinuousLayout, records: ArrayLike<number>, offset: number, field: number): number {
  return -(records[offset] + records[offset + 1] + records[offset + bondZOffset(layout)]) - field * records[offset + 2 + layout.fieldAxis];
}

const AXES = ['X', 'Y', 'Z'];

/** Every observable of the module comment with errors from records of `layout`. */
export function analyzeContinuous(records: Float64Array, context: SeriesContext, layout: ContinuousLayout): Measurement {
  const { components: n, planar } = layout;
  const w = continuousRecordWidth(layout);
  const bz = bondZOffset(layout);
  const steps = Math.floor(records.length / w);
  const { sites: N, beta, field } = context;
  const d = context.lattice === 'cubic' ? 3 : 2;
  const cubic = d === 3;
  const series = (): Float64Array => new Float64Array(steps);
  const s: Record<string, Float64Array> = {
    energy: series(),
    energy2: series(),
    absMagnetization: series(),
    magnetization2: series(),
    magnetization4: series(),
  };
  // the signed components of M, analysed apart: their autocorrelation (the direction of M wanders,
  // or tunnels between clock states) must not set the bin length of everything else
  const components: Record<string, Float64Array> = {};
  for (let a = 0; a < n; a++) components[`magnetization${AXES[a]}`] = series();
  if (planar) Object.assign(s, { stiffnessBond: series(), stiffnessCurrent2: series(), currentX: series(), currentY: series(), vortexDensity: series() });
  if (planar && cubic) s.currentZ = series();
  for (let k = 0, at = 0; k < steps; k++, at += w) {
    const bond = records[at] + records[at + 1] + records[at + bz];
    const e = continuousEnergy(layout, records, at, field) / N;
    let M2 = 0;
    for (let a = 0; a < n; a++) {
      const Ma = records[at + 2 + a];
      M2 += Ma * Ma;
      components[`magnetization${AXES[a]}`][k] = Ma / N;
    }
    const m2 = M2 / (N * N);
    s.energy[k] = e;
    s.energy2[k] = e * e;
    s.absMagnetization[k] = Math.sqrt(m2);
    s.magnetization2[k] = m2;
    s.magnetization4[k] = m2 * m2;
    if (planar) {
      const ix = records[at + 2 + n];
      const iy = records[at + 3 + n];
      const iz = records[at + bz + 1];
      s.stiffnessBond[k] = bond / (d * N);
      s.stiffnessCurrent2[k] = (ix * ix + iy * iy + iz * iz) / (d * N);
      s.currentX[k] = ix;
      s.currentY[k] = iy;
      if (cubic) s.currentZ[k] = iz;
      s.vortexDensity[k] = records[at + 4 + n] / ((N * d * (d - 1)) / 2);
    }
  }
  const derived: Record<string, (x: Record<string, number>) => number> = {
    specificHeat: (x) => N * beta * beta * (x.energy2 - x.energy * x.energy),
    susceptibility: (x) => N * beta * (x.magnetization2 - x.absMagnetization * x.absMagnetization),
    susceptibilityFull: (x) => N * beta * x.magnetization2,
    binder: (x) => (n + 2) / 2 - (n / 2) * (x.magnetization4 / (x.magnetization2 * x.magnetization2)),
    binderRatio: (x) => x.magnetization4 / (x.magnetization2 * x.magnetization2),
  };
  if (planar) {
    derived.helicityModulus = (x) =>
      x.stiffnessBond - beta * (x.stiffnessCurrent2 - (x.currentX * x.currentX + x.currentY * x.currentY + (cubic ? x.currentZ * x.currentZ : 0)) / (d * N));
  }
  const analysis = analyzeSeries(s, derived);
  const direction = analyzeSeries(components);
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name] ?? direction.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const derivedOf = (name: string): Observable => ({ mean: analysis.derived[name].mean, error: analysis.derived[name].error });
  const observables: Record<string, Observable> = {
    energy: sampled('energy'),
    ...Object.fromEntries(AXES.slice(0, n).map((a) => [`magnetization${a}`, sampled(`magnetization${a}`)])),
    absMagnetization: sampled('absMagnetization'),
    magnetization2: sampled('magnetization2'),
    magnetization4: sampled('magnetization4'),
    ...(planar ? { vortexDensity: sampled('vortexDensity') } : {}),
    ...Object.fromEntries(Object.keys(derived).map((name) => [name, derivedOf(name)])),
  };
  const { keepSeries, sites: _sites, ...rest } = context;
  return {
    ...rest,
    observables,
    binSize: analysis.binSize,
    bins: analysis.bins,
    // the auxiliary sums of the helicity modulus speak through it (I_x, I_y are identically 0 on L = 2)
    warnings: [...analysis.warnings.filter((w) => !/^(current[XYZ]|stiffnessBond|stiffnessCurrent2): /.test(w)), ...direction.warnings],
    ...(keepSeries ? { series: { energy: s.energy, magnetization: s.absMagnetization } } : {}),
  } as unknown as Measurement;
}

/**
 * G(r), S(0), S(k_min) and xi_2nd from correlation samples of n-component spins (layout of
 * continuousCorrelationSample in ./kernel.ts):
 *   G(r)     = <s_i . s_{i+r}> = C(r) / (2N),  G(0) = 1
 *   S(0)     = |M|^2 / N
 *   S(k)     = sum_a |sum_y e^{i k y} R_a(y)|^2 / N, averaged over rows and columns at k_min = 2 pi / L.
 */
export function continuousCorrelationSamples(records: Float64Array, size: number, samples: number, n: number): CorrelationSamples {
  const L = size;
  const N = L * L;
  const half = L >> 1;
  const stride = continuousCorrelationValues(L, n);
  const { cos, sin } = waveTable(L);
  const { g, zero, min } = emptySamples(L, samples);
  for (let k = 0; k < samples; k++) {
    const base = k * stride;
    for (let r = 1; r <= half; r++) g[r - 1][k] = records[base + r] / (2 * N);
    const rows = base + half + 1;
    const cols = rows + n * L;
    const { squares, waves } = rowColumnWaves(records, rows, cols, L, n, cos, sin);
    zero[k] = squares / N;
    min[k] = waves / (2 * N);
  }
  return { g, zero, min };
}

/**
 * The correlation measurement of samples of n-component spins: on the cubic lattice those of the
 * d-axis sample of src/models/phi4/correlation.ts (G(r) along the three axes; G(0) = <|s|^2> = 1).
 */
export function analyzeContinuousCorrelations(
  records: Float64Array,
  size: number,
  samples: number,
  every: number,
  n: number,
  lattice?: Lattice,
): CorrelationMeasurement {
  if (lattice === 'cubic') return analyzePhi4Correlations(records, size, 3, samples, every, n);
  return analyzeCorrelationSamples(continuousCorrelationSamples(records, size, samples, n), size, samples, every);
}

/** Values of one correlation sample of n-component spins on `lattice`. */
export function continuousCorrelationValuesOn(size: number, n: number, lattice?: Lattice): number {
  return lattice === 'cubic' ? phi4CorrelationValues(size, 3, n) : continuousCorrelationValues(size, n);
}
