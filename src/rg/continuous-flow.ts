/**
 * The RG flow of the continuous-spin models (block spins: ./continuous.ts). After every `every`
 * sweeps the configuration is read (`spins()`), coarse-grained into its pyramid and every level
 * measured; the statistics layer turns the per-sample values into estimates. Definitions for
 * level k (L_k = L / b^k, N_k = L_k^d block spins S_i with n components, m_k = |sum_i S_i| / N_k):
 *
 *   absMagnetization  <m_k>,  magnetization2 <m_k^2>,  magnetization4 <m_k^4>
 *   binder            U = (n + 2)/2 - (n/2) <m_k^4> / <m_k^2>^2, the O(n) Binder cumulant of the
 *                     measurements (-> 1 ordered, -> 0 for a Gaussian n-component m)
 *   nn                < sum_<ij> S_i . S_j / (d sum_i |S_i|^2) >, the nearest-neighbour correlation
 *                     (unit spins: <S_i . S_j>; phi^4: normalised by the block field's own |phi|^2,
 *                     so that it lies in [-1, 1] and does not depend on the field normalisation)
 *   nnn               the same over the d (d - 1) face-diagonal pairs a site
 *   vortexDensity     (n = 2) <V_k> / P_k: plaquettes with a nonzero winding number over the P_k =
 *                     d (d - 1)/2 N_k plaquettes of the level (the free vortices of the block lattice)
 *   fieldSquared      (phi^4) <sum_i |phi_i|^2 / N_k>, the mean square block field
 *   siteBinder        (phi^4) (n + 2)/2 - (n/2) <|phi_i|^4> / <|phi_i|^2>^2 over the block sites:
 *                     the shape of the local distribution of the block field (1 for a field of fixed
 *                     length, the bottom of a deep Mexican hat; 0 for a Gaussian field)
 *
 * The helicity modulus is not reported per level: it is the response of the free energy to a twist
 * at the level's own coupling (beta times the level's Hamiltonian), and a block lattice has no known
 * Hamiltonian; the vortex density and the nn correlation carry the stiffness's message instead.
 * Errors: one common bin length for every series (binning), jackknife over the same bins for the
 * ratios (src/stats). MCRG (Swendsen's exponents) is not run: its operator basis is that of the
 * Ising spin-flip symmetry.
 */
import type { Observable, SampledObservable } from '../measure.js';
import { analyzeSeries } from '../stats/index.js';
import type { Simulation } from '../simulation.js';
import type { Model } from '../vocabulary.js';
import type { NormalizedBlockOptions } from './blockspin.js';
import { checkVectorSpins, levelSums, rgStream, vectorPyramid, vectorSpins, type ContinuousModel } from './continuous.js';
import { commonBinSize, type BlockLevelObservables } from './flow.js';

/** Most per-sample series kept per level (phi^4: |m|, m^2, m^4, nn, nnn, vortices, |phi|^2, |phi|^4). */
export const CONTINUOUS_SERIES = 8;

/** Observables of one block level of a continuous-spin model (see the module comment). */
export interface ContinuousRgLevel extends BlockLevelObservables {
  /** XY, clock, phi^4 (two components). */
  vortexDensity?: SampledObservable;
  /** phi^4 only. */
  fieldSquared?: SampledObservable;
  /** phi^4 only. */
  siteBinder?: Observable;
}

/** Runs `sim` and returns the flow of every level, the ties broken and the bin length. */
export function continuousFlow(
  sim: Simulation<Model>,
  block: NormalizedBlockOptions,
  run: { samples: number; every: number; thermalize: number },
): { flow: ContinuousRgLevel[]; ties: number; binSize: number; warnings: string[] } {
  const model = sim.options.model as ContinuousModel;
  const spec = vectorSpins(model, sim.options.q ?? 0);
  const n = spec.components;
  const d = block.dimension;
  const rng = rgStream(block.seed);
  const { samples, every, thermalize } = run;
  const names = ['absMagnetization', 'magnetization2', 'magnetization4', 'nn', 'nnn'];
  if (n === 2) names.push('vortexDensity');
  if (model === 'phi4') names.push('fieldSquared', 'fieldFourth');
  const series: Record<string, Float64Array> = {};
  block.sizes.forEach((_, k) => names.forEach((name) => (series[`level${k}.${name}`] = new Float64Array(samples))));
  if (thermalize > 0) sim.sweep(thermalize);
  let ties = 0;
  const sites = sim.options.size ** d;
  for (let t = 0; t < samples; t++) {
    sim.sweep(every);
    const pyramid = vectorPyramid(spec, checkVectorSpins(spec, sim.spins(), sites), block, rng);
    ties += pyramid.ties;
    pyramid.levels.forEach((level, k) => {
      const L = block.sizes[k];
      const N = L ** d;
      const s = levelSums(spec, level, L, d);
      let M2 = 0;
      for (let a = 0; a < n; a++) M2 += s.magnetization[a] ** 2;
      const m2 = M2 / (N * N);
      const put = (name: string, value: number) => (series[`level${k}.${name}`][t] = value);
      put('absMagnetization', Math.sqrt(m2));
      put('magnetization2', m2);
      put('magnetization4', m2 * m2);
      put('nn', s.s2 > 0 ? s.nn / (d * s.s2) : 0);
      put('nnn', s.s2 > 0 ? s.nnn / (d * (d - 1) * s.s2) : 0);
      if (n === 2) put('vortexDensity', s.vortices / (((d * (d - 1)) / 2) * N));
      if (model === 'phi4') {
        put('fieldSquared', s.s2 / N);
        put('fieldFourth', s.s4 / N);
      }
    });
  }
  const binSize = commonBinSize(series, samples);
  const derived: Record<string, (x: Record<string, number>) => number> = {};
  const binder = (m4: number, m2: number) => (n + 2) / 2 - (n / 2) * (m4 / (m2 * m2));
  block.sizes.forEach((_, k) => {
    derived[`level${k}.binder`] = (x) => binder(x[`level${k}.magnetization4`], x[`level${k}.magnetization2`]);
    if (model === 'phi4') derived[`level${k}.siteBinder`] = (x) => binder(x[`level${k}.fieldFourth`], x[`level${k}.fieldSquared`]);
  });
  const analysis = analyzeSeries(series, derived, { binSize });
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const estimate = (name: string): Observable => ({ mean: analysis.derived[name].mean, error: analysis.derived[name].error });
  const flow = block.sizes.map((size, k): ContinuousRgLevel => {
    const at = (name: string) => sampled(`level${k}.${name}`);
    return {
      level: k,
      size,
      absMagnetization: at('absMagnetization'),
      magnetization2: at('magnetization2'),
      magnetization4: at('magnetization4'),
      binder: estimate(`level${k}.binder`),
      nn: at('nn'),
      nnn: at('nnn'),
      ...(n === 2 ? { vortexDensity: at('vortexDensity') } : {}),
      ...(model === 'phi4' ? { fieldSquared: at('fieldSquared'), siteBinder: estimate(`level${k}.siteBinder`) } : {}),
    };
  });
  return { flow, ties, binSize, warnings: analysis.warnings };
}
