/**
 * The classical Heisenberg (O(3)) model on the periodic L x L square or L x L x L simple cubic lattice:
 *
 *   H = -J sum_<ij> S_i . S_j - h sum_i S_i^z,   S_i a unit vector in R^3,   J = k_B = 1.
 *
 * No finite-temperature transition in 2D (Mermin-Wagner; asymptotic freedom: xi ~ exp(2 pi / T)):
 * the default temperature there is 1. On the cubic lattice long-range order sets in below
 * T_c = 1 / beta_c, beta_c = 0.693002(2) (Campostrini et al. 2002), the default temperature there.
 * Record of a step: [B_x, B_y, M_x, M_y, M_z, B_z] (./kernel.ts); E = -(B_x + B_y + B_z) - h M_z. Observables: src/models/continuous/observables.ts (n = 3). Kernels:
 * assembly/heisenberg.ts and its JavaScript twin ./kernel-js.ts, with the deterministic sin, cos and
 * exp of src/detmath.ts; Metropolis with a tuned step (then frozen), over-relaxation, the exact heat
 * bath (cos of the angle to the local field by inversion, assembly/continuous-heatbath.ts), Wolff and
 * Swendsen-Wang by embedding (assembly/embedding.ts), hybrid.
 */
import { InvalidOptionError } from '../../errors.js';
import type { ModelDefinition, ModelParameters } from '../model.js';
import { continuousPhases, unitVectorCodec } from '../continuous/definition.js';
import {
  analyzeContinuous,
  analyzeContinuousCorrelations,
  continuousCorrelationValuesOn,
  continuousEnergy,
  type ContinuousLayout,
} from '../continuous/observables.js';
import { HEISENBERG_CUBIC_TEMPERATURE } from './exact.js';
import {
  checkOverRelaxation,
  HEISENBERG_INITIAL_STEP,
  HEISENBERG_MAX_STEP,
  HEISENBERG_MIN_STEP,
  HEISENBERG_RECORD_CAPACITY,
  HEISENBERG_RECORD_WIDTH,
} from './kernel.js';

export interface HeisenbergParameters extends ModelParameters {
  readonly overRelaxation: number;
}

/** The Heisenberg record for the shared analysis: 3 components, the field along z. */
const LAYOUT: ContinuousLayout = { components: 3, fieldAxis: 2, planar: false };
const CORE = { prefix: 'heisenberg', components: 3, width: HEISENBERG_RECORD_WIDTH, capacity: HEISENBERG_RECORD_CAPACITY } as const;
const TUNING = { initial: HEISENBERG_INITIAL_STEP, min: HEISENBERG_MIN_STEP, max: HEISENBERG_MAX_STEP } as const;
export const heisenberg: ModelDefinition<HeisenbergParameters> = {
  name: 'heisenberg',
  title: 'Heisenberg',
  hamiltonian: 'H = -J sum_<ij> S_i . S_j - h sum_i S_i^z, |S_i| = 1 in R^3',
  parameterKeys: ['overRelaxation'],
  parameters(given) {
    const { overRelaxation } = given as { overRelaxation?: unknown };
    return { overRelaxation: checkOverRelaxation(overRelaxation) };
  },
  algorithms: ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang', 'hybrid'],
  lattices: ['square', 'cubic'],
  // no transition at T > 0 in 2D: the default temperature there
  criticalTemperature: (_parameters, lattice) => (lattice === 'cubic' ? HEISENBERG_CUBIC_TEMPERATURE : 1),

  resolveLayout(layout) {
    if (layout === 'packed')
      throw new InvalidOptionError('layout', layout, '"auto" or "byte" for model "heisenberg" (the packed layout holds one bit a site: Ising only)');
    return 'byte';
  },
  layoutOf: () => 'byte',

  recordWidth: () => HEISENBERG_RECORD_WIDTH,
  recordType: 'float64',
  recordLayout: () => '[B_x, B_y, M_x, M_y, M_z, B_z]: B_mu = sum_i S_i . S_{i+mu}, M = sum_i S_i (B_z = 0 on the square lattice)',

  spins: unitVectorCodec(3, '(S_x, S_y, S_z)'),

  async createKernel(request, parameters) {
    const [{ createContinuousKernel }, { JsHeisenbergKernel }] = await Promise.all([import('../continuous/model-kernel.js'), import('./kernel-js.js')]);
    return createContinuousKernel(
      request,
      { core: CORE, js: (size, _q, dimension) => new JsHeisenbergKernel(size, dimension), tuning: TUNING },
      parameters.overRelaxation,
    );
  },

  energy: (records, offset, field) => continuousEnergy(LAYOUT, records, offset, field),
  orderParameter: (records, offset, sites) => Math.sqrt(records[offset + 2] ** 2 + records[offset + 3] ** 2 + records[offset + 4] ** 2) / sites,
  analyze: (records, context) => analyzeContinuous(records as Float64Array, context, LAYOUT),
  correlationValues: (size, _parameters, lattice) => continuousCorrelationValuesOn(size, 3, lattice),
  analyzeCorrelations: (samples, size, count, every, _parameters, lattice) =>
    analyzeContinuousCorrelations(samples as Float64Array, size, count, every, 3, lattice),
  improvedEstimators: false,

  phases: continuousPhases('sphere'),

  references: [
    { what: 'no order at T > 0 in two dimensions', citation: 'N. D. Mermin and H. Wagner, Phys. Rev. Lett. 17, 1133 (1966)' },
    { what: 'asymptotic freedom of the 2D O(3) model: xi ~ exp(2 pi / T)', citation: 'A. M. Polyakov, Phys. Lett. B 59, 79 (1975)' },
    {
      what: 'beta_c = 0.693002(2) on the simple cubic lattice (3D O(3) universality class)',
      citation: 'M. Campostrini, M. Hasenbusch, A. Pelissetto, P. Rossi and E. Vicari, Phys. Rev. B 65, 144520 (2002)',
    },
    { what: 'Wolff single-cluster updates by embedding', citation: 'U. Wolff, Phys. Rev. Lett. 62, 361 (1989)' },
    { what: 'Swendsen-Wang multi-cluster updates (here by embedding)', citation: 'R. H. Swendsen and J.-S. Wang, Phys. Rev. Lett. 58, 86 (1987)' },
  ],
};
