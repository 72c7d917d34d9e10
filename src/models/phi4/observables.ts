/**
 * Observables of the O(2) phi^4 field from its per-step records [B_x, B_y, M_x, M_y, B_z, P_2, P_4]
 * (./kernel.ts): B_mu = sum_i phi_i . phi_{i+mu}, M = sum_i phi_i, P_2 = sum_i |phi_i|^2, P_4 = sum_i |phi_i|^4.
 *
 * Definitions (N = L^d sites, beta the hopping coupling, h the field, m = M / N the vector
 * magnetization per site, |m| its length):
 *   E = -(B_x + B_y + B_z) - h M_x,  e = E / N     energy per site: the hopping (and field) part of the
 *                                                  action per site divided by beta, the quantity conjugate
 *                                                  to beta (S = beta E + sum_i V(phi_i)); the local potential
 *                                                  is reported apart, in `potential`
 *   potential           v = <sum_i V(phi_i)> / N = <P_2 + lambda (P_4 - 2 P_2 + N)> / N
 *   phi2                <|phi|^2> = <P_2> / N      (the squared length of the field at a site)
 *   magnetizationX, magnetizationY   <m_x>, <m_y>
 *   absMagnetization    <|m|>;  magnetization2 <|m|^2>;  magnetization4 <|m|^4>
 *   specificHeat        c = N beta^2 (<e^2> - <e>^2)   (= d<e>/dT at fixed lambda, T = 1/beta)
 *   susceptibility      chi = N beta (<|m|^2> - <|m|>^2)
 *   susceptibilityFull  chi' = N beta <|m|^2>        (the literature's chi = N <|m|^2> is chi' / beta)
 *   binder              U = 2 - <|m|^4> / <|m|^2>^2, the O(2) Binder cumulant (-> 1 ordered, -> 0 disordered)
 *   binderRatio         Q = <|m|^4> / <|m|^2>^2     (-> 1 ordered, -> 2 disordered; often called U_4 in the
 *                                                  phi^4 literature)
 * Errors as for every model: primaries by binning with one common bin length >= 10 tau_int, derived
 * quantities by the leave-one-bin-out jackknife over the same bins (src/stats); the signed components
 * <m_a> by their own binning (the direction of M wanders far more slowly than |m|).
 */
import type { Measurement, Observable, SampledObservable, SeriesContext } from '../../measure.js';
import { analyzeSeries } from '../../stats/index.js';
import { PHI4_RECORD_WIDTH } from './kernel.js';

/** Every observable of the module comment with errors, from records of a field with quartic coupling lambda. */
export function analyzePhi4(records: Float64Array, context: SeriesContext, lambda: number): Measurement {
  const w = PHI4_RECORD_WIDTH;
  const steps = Math.floor(records.length / w);
  const { sites: N, beta, field } = context;
  const series = (): Float64Array => new Float64Array(steps);
  const s = {
    energy: series(),
    energy2: series(),
    absMagnetization: series(),
    magnetization2: series(),
    magnetization4: series(),
    phi2: series(),
    potential: series(),
  };
  const components = { magnetizationX: series(), magnetizationY: series() };
  for (let k = 0, at = 0; k < steps; k++, at += w) {
    const Mx = records[at + 2];
    const My = records[at + 3];
    const e = (-(records[at] + records[at + 1] + records[at + 4]) - field * Mx) / N;
    const P2 = records[at + 5];
    const P4 = records[at + 6];
    const m2 = (Mx * Mx + My * My) / (N * N);
    s.energy[k] = e;
    s.energy2[k] = e * e;
    s.absMagnetization[k] = Math.sqrt(m2);
    s.magnetization2[k] = m2;
    s.magnetization4[k] = m2 * m2;
    s.phi2[k] = P2 / N;
    s.potential[k] = (P2 + lambda * (P4 - 2 * P2 + N)) / N;
    components.magnetizationX[k] = Mx / N;
    components.magnetizationY[k] = My / N;
  }
  const derived: Record<string, (x: Record<string, number>) => number> = {
    specificHeat: (x) => N * beta * beta * (x.energy2 - x.energy * x.energy),
    susceptibility: (x) => N * beta * (x.magnetization2 - x.absMagnetization * x.absMagnetization),
    susceptibilityFull: (x) => N * beta * x.magnetization2,
    binder: (x) => 2 - x.magnetization4 / (x.magnetization2 * x.magnetization2),
    binderRatio: (x) => x.magnetization4 / (x.magnetization2 * x.magnetization2),
  };
  const analysis = analyzeSeries(s, derived);
  const direction = analyzeSeries(components);
  const sampled = (name: string): SampledObservable => {
    const p = analysis.primaries[name] ?? direction.primaries[name];
    return { mean: p.mean, error: p.error, tauInt: p.tauInt };
  };
  const derivedOf = (name: string): Observable => ({ mean: analysis.derived[name].mean, error: analysis.derived[name].error });
  const observables: Record<string, Observable> = {
    energy: sampled('energy'),
    magnetizationX: sampled('magnetizationX'),
    magnetizationY: sampled('magnetizationY'),
    absMagnetization: sampled('absMagnetization'),
    magnetization2: sampled('magnetization2'),
    magnetization4: sampled('magnetization4'),
    phi2: sampled('phi2'),
    potential: sampled('potential'),
    ...Object.fromEntries(Object.keys(derived).map((name) => [name, derivedOf(name)])),
  };
  const { keepSeries, sites: _sites, ...rest } = context;
  return {
    ...rest,
    observables,
    binSize: analysis.binSize,
    bins: analysis.bins,
    warnings: [...analysis.warnings, ...direction.warnings],
    ...(keepSeries ? { series: { energy: s.energy, magnetization: s.absMagnetization } } : {}),
  } as unknown as Measurement;
}
