/**
 * Observables of the XY model from its per-step records [B_x, B_y, M_x, M_y, I_x, I_y, V]
 * (./kernel.ts): B_mu = sum_i s_i . s_{i+mu}, M = sum_i s_i, I_mu = sum_i sin(theta_{i+mu} - theta_i),
 * V = number of plaquettes with winding +1 or -1.
 *
 * Definitions (N = L^2 sites, beta = 1/T, J = 1, m = M / N a 2-vector, |m| its length):
 *   E = -(B_x + B_y) - h M_x,  e = E / N                energy per site
 *   magnetizationX, magnetizationY   <m_x>, <m_y>        the vector order parameter (<m_y> = 0 by symmetry)
 *   absMagnetization    <|m|>
 *   magnetization2      <|m|^2>,  magnetization4 <|m|^4>
 *   specificHeat        c = N beta^2 (<e^2> - <e>^2)
 *   susceptibility      chi = N beta (<|m|^2> - <|m|>^2)
 *   susceptibilityFull  chi' = N beta <|m|^2>
 *   binder              U = 2 - <|m|^4> / <|m|^2>^2   the O(2) Binder cumulant: the O(n) form
 *                       (n + 2)/2 - (n/2) <|m|^4>/<|m|^2>^2 at n = 2; -> 1 ordered, -> 0 for a
 *                       Gaussian (disordered) 2-component m
 *   binderRatio         Q = <|m|^4> / <|m|^2>^2            (-> 1 ordered, -> 2 disordered)
 *   helicityModulus     Upsilon = (1 / 2N) sum_{mu = x, y} [ <B_mu> - beta (<I_mu^2> - <I_mu>^2) ]
 *                       the spin stiffness: the second derivative of the free energy per site with
 *                       respect to a twist of the boundary conditions, averaged over both axes
 *                       (Teitel and Jayaprakash, Phys. Rev. B 27, 598 (1983)); the BKT
 *                       transition is where Upsilon = 2 T / pi (Nelson and Kosterlitz 1977)
 *   vortexDensity       <V> / N                           vortices plus antivortices per plaquette
 * Errors as for every model: primaries by binning with one common bin length >= 10 tau_int,
 * derived quantities by the leave-one-bin-out jackknife over the same bins (src/stats).
 */
import { analyzeCorrelationSamples, emptySamples, waveTable, type CorrelationSamples } from '../../correlation.js';
import type { CorrelationMeasurement, Measurement, Observable, SampledObservable, SeriesContext, XyObservables } from '../../measure.js';
import { analyzeSeries } from '../../stats/index.js';
import { XY_RECORD_WIDTH, xyCorrelationValues } from './kernel.js';

/** Every XY observable with errors from `records.length / 7` records. */
export function analyzeXy(records: Float64Array, context: SeriesContext): Measurement {
  const w = XY_RECORD_WIDTH;
  const n = Math.floor(records.length / w);
  const { sites: N, beta, field } = context;
  const series = {
    energy: new Float64Array(n),
    energy2: new Float64Array(n),
    magnetizationX: new Float64Array(n),
    magnetizationY: new Float64Array(n),
    absMagnetization: new Float64Array(n),
    magnetization2: new Float64Array(n),
    magnetization4: new Float64Array(n),
    stiffnessBond: new Float64Array(n),
    stiffnessCurrent2: new Float64Array(n),
    currentX: new Float64Array(n),
    currentY: new Float64Array(n),
    vortexDensity: new Float64Array(n),
  };
  for (let k = 0, at = 0; k < n; k++, at += w) {
    const [bx, by, mx, my, ix, iy, v] = records.subarray(at, at + w);
    const e = (-(bx + by) - field * mx) / N;
    const m2 = (mx * mx + my * my) / (N * N);
    series.energy[k] = e;
    series.energy2[k] = e * e;
    series.magnetizationX[k] = mx / N;
    series.magnetizationY[k] = my / N;
    series.absMagnetization[k] = Math.sqrt(m2);
    series.magnetization2[k] = m2;
    series.magnetization4[k] = m2 * m2;
    series.stiffnessBond[k] = (bx + by) / (2 * N);
    series.stiffnessCurrent2[k] = (ix * ix + iy * iy) / (2 * N);
    series.currentX[k] = ix;
    series.currentY[k] = iy;
    series.vortexDensity[k] = v / N;
  }
  const derived: Record<string, (x: Record<string, number>) => number> = {
    specificHeat: (x) => N * beta * beta * (x.energy2 - x.energy * x.energy),
    susceptibility: (x) => N * beta * (x.magnetization2 - x.absMagnetization * x.absMagnetization),
    susceptibilityFull: (x) => N * beta * x.magnetization2,
    binder: (x) => 2 - x.magnetization4 / (x.magnetization2 * x.magnetization2),
    binderRatio: (x) => x.magnetization4 / (x.magnetization2 * x.magnetization2),
    helicityModulus: (x) => x.stiffnessBond - beta * (x.stiffnessCurrent2 - (x.currentX * x.currentX + x.currentY * x.currentY) / (2 * N)),
  };
  const analysis = analyzeSeries(series, derived);
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const derivedOf = (name: string): Observable => ({ mean: analysis.derived[name].mean, error: analysis.derived[name].error });
  const observables: XyObservables = {
    energy: sampled('energy'),
    magnetizationX: sampled('magnetizationX'),
    magnetizationY: sampled('magnetizationY'),
    absMagnetization: sampled('absMagnetization'),
    magnetization2: sampled('magnetization2'),
    magnetization4: sampled('magnetization4'),
    vortexDensity: sampled('vortexDensity'),
    specificHeat: derivedOf('specificHeat'),
    susceptibility: derivedOf('susceptibility'),
    susceptibilityFull: derivedOf('susceptibilityFull'),
    binder: derivedOf('binder'),
    binderRatio: derivedOf('binderRatio'),
    helicityModulus: derivedOf('helicityModulus'),
  };
  const { keepSeries, sites: _sites, ...rest } = context;
  return {
    ...rest,
    observables,
    binSize: analysis.binSize,
    bins: analysis.bins,
    // I_x and I_y are auxiliary sums of the helicity modulus, identically 0 on L = 2 (each bond twice, opposite signs)
    warnings: analysis.warnings.filter((w) => !(/^current[XY]: /.test(w) && w.includes('constant'))),
    ...(keepSeries ? { series: { energy: series.energy, magnetization: series.absMagnetization } } : {}),
  } as Measurement;
}

/**
 * G(r), S(0), S(k_min) and xi_2nd from XY correlation samples (layout of xyCorrelationSample in
 * ./kernel.ts):
 *   G(r)     = <s_i . s_{i+r}> = C(r) / (2N),  G(0) = 1
 *   S(0)     = |M|^2 / N
 *   S(k)     = sum_{a = x, y} |sum_y e^{i k y} R_a(y)|^2 / N, averaged over rows and columns at k_min = 2 pi / L.
 */
export function xyCorrelationSamples(records: Float64Array, size: number, samples: number): CorrelationSamples {
  const L = size;
  const N = L * L;
  const half = L >> 1;
  const stride = xyCorrelationValues(L);
  const { cos, sin } = waveTable(L);
  const { g, zero, min } = emptySamples(L, samples);
  for (let k = 0; k < samples; k++) {
    const base = k * stride;
    for (let r = 1; r <= half; r++) g[r - 1][k] = records[base + r] / (2 * N);
    const rows = base + half + 1;
    const cols = rows + 2 * L;
    let squares = 0;
    let waves = 0;
    for (let a = 0; a < 2; a++) {
      let total = 0;
      let rowRe = 0;
      let rowIm = 0;
      let colRe = 0;
      let colIm = 0;
      for (let x = 0; x < L; x++) {
        const R = records[rows + 2 * x + a];
        const C = records[cols + 2 * x + a];
        total += R;
        rowRe += R * cos[x];
        rowIm += R * sin[x];
        colRe += C * cos[x];
        colIm += C * sin[x];
      }
      squares += total * total;
      waves += rowRe * rowRe + rowIm * rowIm + colRe * colRe + colIm * colIm;
    }
    zero[k] = squares / N;
    min[k] = waves / (2 * N);
  }
  return { g, zero, min };
}

/** The correlation measurement of XY samples. */
export function analyzeXyCorrelations(records: Float64Array, size: number, samples: number, every: number): CorrelationMeasurement {
  return analyzeCorrelationSamples(xyCorrelationSamples(records, size, samples), size, samples, every);
}
