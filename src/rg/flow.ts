/**
 * RG flow of observables: the same observables measured on every block level, averaged over
 * the run with error bars. Definitions for level k (L_k = L / b^k, N_k = L_k^2 block spins,
 * M_k = sum of the block spins, m_k = M_k / N_k):
 *
 *   absMagnetization  <|m_k|>
 *   magnetization2    <m_k^2>,  magnetization4 <m_k^4>
 *   binder            U4 = 1 - <m_k^4> / (3 <m_k^2>^2)         (-> 2/3 ordered, -> 0 disordered)
 *   nn                <s_i s_j> over nearest-neighbour pairs     = <nn sum> / (2 N_k)
 *   nnn               <s_i s_j> over diagonal pairs             = <nnn sum> / (2 N_k)
 *   plaquette         <s_i s_j s_k s_l> over plaquettes         = <plaquette sum> / N_k
 *
 * Below Tc the flow runs to the ordered fixed point (nn, |m| -> 1), above Tc to the disordered
 * one (nn -> 0), and at Tc it stays near the critical fixed point. Errors: one common bin length
 * for every series of the run (binning), jackknife over the same bins for U4.
 */
import { integratedAutocorrelationTime, chooseBinSize, analyzeSeries } from '../stats/index.js';
import type { Observable, SampledObservable } from '../measure.js';
import { operatorSeries, type RgSamples } from './sample.js';

/** What every model's block level reports (the continuous-spin models: src/rg/continuous-flow.ts). */
export interface BlockLevelObservables {
  /** Level k (0 = the lattice). */
  level: number;
  /** Linear size L_k of the block lattice. */
  size: number;
  absMagnetization: SampledObservable;
  magnetization2: SampledObservable;
  magnetization4: SampledObservable;
  binder: Observable;
  nn: SampledObservable;
  nnn: SampledObservable;
}

/** Observables of one block level (Ising and Potts). */
export interface RgLevelFlow extends BlockLevelObservables {
  plaquette: SampledObservable;
}

const PRIMARIES = ['absMagnetization', 'magnetization2', 'magnetization4', 'nn', 'nnn', 'plaquette'] as const;

/** Per-sample primary series of every level, named `level<k>.<observable>`. */
export function flowSeries(s: RgSamples): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  s.block.sizes.forEach((n, k) => {
    // per site: d nearest-neighbour bonds, d (d - 1) diagonal pairs, d (d - 1) / 2 plaquettes
    const d = s.block.dimension;
    const sites = n ** d;
    const mag = operatorSeries(s, k, 4);
    const nn = operatorSeries(s, k, 0);
    const nnn = operatorSeries(s, k, 1);
    const plaq = operatorSeries(s, k, 2);
    const abs = new Float64Array(s.samples);
    const m2 = new Float64Array(s.samples);
    const m4 = new Float64Array(s.samples);
    for (let t = 0; t < s.samples; t++) {
      const m = mag[t] / sites;
      abs[t] = Math.abs(m);
      m2[t] = m * m;
      m4[t] = m2[t] * m2[t];
      nn[t] /= d * sites;
      nnn[t] /= d * (d - 1) * sites;
      plaq[t] /= ((d * (d - 1)) / 2) * sites;
    }
    Object.assign(out, {
      [`level${k}.absMagnetization`]: abs,
      [`level${k}.magnetization2`]: m2,
      [`level${k}.magnetization4`]: m4,
      [`level${k}.nn`]: nn,
      [`level${k}.nnn`]: nnn,
      [`level${k}.plaquette`]: plaq,
    });
  });
  return out;
}

/**
 * One bin length for every series of an RG run: b = max(ceil(n / 100), ceil(10 tau_max)) capped
 * at n / 2 (stats chooseBinSize), rounded up to a multiple of `multiple` (the pattern chunk).
 */
export function commonBinSize(series: Record<string, ArrayLike<number>>, samples: number, multiple = 1): number {
  let tauMax = 0.5;
  for (const x of Object.values(series)) {
    const tau = integratedAutocorrelationTime(x).tau;
    if (Number.isFinite(tau) && tau > tauMax) tauMax = tau;
  }
  const b = chooseBinSize(samples, tauMax);
  const rounded = Math.ceil(b / multiple) * multiple;
  return rounded <= samples / 2 ? rounded : Math.max(multiple, Math.floor(samples / 2 / multiple) * multiple);
}

/** Flow observables of every level with errors over bins of `binSize` samples. */
export function analyzeFlow(s: RgSamples, series: Record<string, Float64Array>, binSize: number): { flow: RgLevelFlow[]; warnings: string[] } {
  const derived: Record<string, (x: Record<string, number>) => number> = {};
  s.block.sizes.forEach((_, k) => {
    derived[`level${k}.binder`] = (x) => 1 - x[`level${k}.magnetization4`] / (3 * x[`level${k}.magnetization2`] ** 2);
  });
  const analysis = analyzeSeries(series, derived, { binSize });
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const flow = s.block.sizes.map((size, k) => {
    const level = Object.fromEntries(PRIMARIES.map((p) => [p, sampled(`level${k}.${p}`)])) as Record<(typeof PRIMARIES)[number], SampledObservable>;
    const binder = analysis.derived[`level${k}.binder`];
    return { level: k, size, ...level, binder: { mean: binder.mean, error: binder.error } };
  });
  return { flow, warnings: analysis.warnings };
}
