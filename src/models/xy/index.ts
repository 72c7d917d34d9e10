/**
 * The XY (plane rotator) model on the periodic L x L square or L x L x L simple cubic lattice:
 *
 *   H = -J sum_<ij> cos(theta_i - theta_j) - h sum_i cos(theta_i) = -J sum_<ij> s_i . s_j - h sum_i s_i^x,
 *   s_i = (cos theta_i, sin theta_i),   J = k_B = 1.
 *
 * Square lattice: no long-range order at T > 0 (Mermin-Wagner); quasi-long-range order below the
 * Berezinskii-Kosterlitz-Thouless temperature T_BKT = 0.8929(1) (Hasenbusch 2005). Cubic lattice:
 * long-range order below T_c = 1 / beta_c, beta_c = 0.454165(2) (Campostrini et al. 2001), the 3D
 * XY universality class; the default temperature there.
 *
 * Record of a step: [B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z], float64 sums (./kernel.ts);
 * E = -(B_x + B_y + B_z) - h M_x.
 * Observables and their formulas: src/models/continuous/observables.ts. Kernels: assembly/xy.ts and its JavaScript twin
 * ./kernel-js.ts, with deterministic sin, cos and exp (assembly/detmath.ts, src/detmath.ts),
 * adapted to the model seam by src/models/continuous/model-kernel.ts. Algorithms: Metropolis (a rotation by a uniform
 * angle in (-delta, delta), delta tuned toward 50% acceptance by the sweeps run without records,
 * i.e. thermalization, and frozen while recording), optionally followed by `overRelaxation`
 * reflection sweeps; the exact heat bath (von Mises sampling, Best and Fisher 1979,
 * assembly/continuous-heatbath.ts), also with over-relaxation; Wolff single clusters by embedding
 * (Wolff 1989); Swendsen-Wang by embedding (every cluster of the embedded Ising model,
 * assembly/embedding.ts); hybrid (Metropolis sweeps, then Wolff or Swendsen-Wang).
 * Every algorithm runs on both lattices; the WebAssembly Metropolis sweep updates two sites at once
 * (SIMD) on the square lattice and one at a time on the cubic lattice.
 */
import { InvalidOptionError } from '../../errors.js';
import type { ModelDefinition, ModelParameters } from '../model.js';
import { XY_BKT_TEMPERATURE, XY_CUBIC_TEMPERATURE } from './exact.js';
import { XY_CORE, XY_MAX_OVER_RELAXATION, XY_RECORD_WIDTH, XY_TUNING } from './kernel.js';
import { continuousPhases, unitVectorCodec } from '../continuous/definition.js';
import {
  analyzeContinuous,
  analyzeContinuousCorrelations,
  continuousCorrelationValuesOn,
  continuousEnergy,
  type ContinuousLayout,
} from '../continuous/observables.js';
import type { ContinuousModel } from '../continuous/model-kernel.js';

/** The XY record for the shared analysis: 2 components, the field along x, helicity and vortex sums. */
export const XY_LAYOUT: ContinuousLayout = { components: 2, fieldAxis: 0, planar: true };

/** The XY kernels for src/models/continuous/model-kernel.ts (also the clock model's, with q). */
export async function xyKernels(): Promise<ContinuousModel> {
  const { JsXyKernel } = await import('./kernel-js.js');
  return { core: XY_CORE, js: (size, q, dimension) => new JsXyKernel(size, q, dimension), tuning: XY_TUNING };
}

export interface XyParameters extends ModelParameters {
  readonly overRelaxation: number;
}

export const xy: ModelDefinition<XyParameters> = {
  name: 'xy',
  title: 'XY',
  hamiltonian: 'H = -J sum_<ij> cos(theta_i - theta_j) - h sum_i cos(theta_i)',
  parameterKeys: ['overRelaxation'],
  parameters(given) {
    const { overRelaxation } = given as { overRelaxation?: unknown };
    const k = overRelaxation === undefined ? 0 : overRelaxation;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > XY_MAX_OVER_RELAXATION) {
      throw new InvalidOptionError(
        'overRelaxation',
        overRelaxation,
        `an integer from 0 to ${XY_MAX_OVER_RELAXATION} (over-relaxation sweeps after each Metropolis sweep)`,
      );
    }
    return { overRelaxation: k };
  },
  algorithms: ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang', 'hybrid'],
  lattices: ['square', 'cubic'],
  criticalTemperature: (_parameters, lattice) => (lattice === 'cubic' ? XY_CUBIC_TEMPERATURE : XY_BKT_TEMPERATURE),

  resolveLayout(layout) {
    if (layout === 'packed')
      throw new InvalidOptionError('layout', layout, '"auto" or "byte" for model "xy" (the packed layout holds one bit a site: Ising only)');
    return 'byte';
  },
  layoutOf: () => 'byte',

  recordWidth: () => XY_RECORD_WIDTH,
  recordType: 'float64',
  recordLayout: () =>
    '[B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z]: B_mu = sum_i s_i . s_{i+mu}, M = sum_i s_i, I_mu = sum_i sin(theta_{i+mu} - theta_i), ' +
    'V = plaquettes with a vortex (B_z = I_z = 0 on the square lattice)',

  spins: unitVectorCodec(2, '(cos theta_i, sin theta_i)'),

  createKernel: async (request, parameters) =>
    (await import('../continuous/model-kernel.js')).createContinuousKernel(request, await xyKernels(), parameters.overRelaxation),

  energy: (records, offset, field) => continuousEnergy(XY_LAYOUT, records, offset, field),
  orderParameter: (records, offset, sites) => Math.sqrt(records[offset + 2] ** 2 + records[offset + 3] ** 2) / sites,
  analyze: (records, context) => analyzeContinuous(records as Float64Array, context, XY_LAYOUT),
  correlationValues: (size, _parameters, lattice) => continuousCorrelationValuesOn(size, 2, lattice),
  analyzeCorrelations: (samples, size, count, every, _parameters, lattice) =>
    analyzeContinuousCorrelations(samples as Float64Array, size, count, every, 2, lattice),
  improvedEstimators: false,

  phases: continuousPhases('ring'),

  references: [
    {
      what: 'the Berezinskii-Kosterlitz-Thouless transition',
      citation: 'V. L. Berezinskii, Sov. Phys. JETP 32, 493 (1971); J. M. Kosterlitz and D. J. Thouless, J. Phys. C 6, 1181 (1973)',
    },
    { what: 'T_BKT = 0.8929(1) on the square lattice', citation: 'M. Hasenbusch, J. Phys. A 38, 5869 (2005)' },
    { what: 'the universal stiffness jump Upsilon(T_BKT) = 2 T_BKT / pi', citation: 'D. R. Nelson and J. M. Kosterlitz, Phys. Rev. Lett. 39, 1201 (1977)' },
    {
      what: 'beta_c = 0.454165(2) on the simple cubic lattice (3D XY universality class)',
      citation: 'M. Campostrini, M. Hasenbusch, A. Pelissetto, P. Rossi and E. Vicari, Phys. Rev. B 63, 214503 (2001)',
    },
    { what: 'Wolff single-cluster updates by embedding', citation: 'U. Wolff, Phys. Rev. Lett. 62, 361 (1989)' },
    { what: 'Swendsen-Wang multi-cluster updates (here by embedding)', citation: 'R. H. Swendsen and J.-S. Wang, Phys. Rev. Lett. 58, 86 (1987)' },
    { what: 'the heat bath: von Mises sampling by rejection', citation: 'D. J. Best and N. I. Fisher, Appl. Statist. 28, 152 (1979)' },
  ],
};
