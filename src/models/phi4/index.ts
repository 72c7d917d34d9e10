/**
 * The O(2) phi^4 lattice field (the Mexican hat made literal) on the periodic square (d = 2) or
 * simple cubic (d = 3) lattice, phi_i in R^2, with Boltzmann weight exp(-S):
 *
 *   S = sum_i [ -beta sum_mu phi_i . phi_{i+mu} - beta h phi_i^x + |phi_i|^2 + lambda (|phi_i|^2 - 1)^2 ]
 *     = beta E + sum_i V(phi_i),   E = -sum_<ij> phi_i . phi_j - h sum_i phi_i^x,   V(phi) = |phi|^2 + lambda (|phi|^2 - 1)^2.
 *
 * Convention: `beta` is the hopping coupling (kappa in the notation; the beta of Campostrini,
 * Hasenbusch, Pelissetto, Rossi and Vicari, Phys. Rev. B 63, 214503 (2001); 2 kappa in the notation of
 * Hasenbusch and Török 1999), `temperature` is 1 / beta, and the field couples as beta h, so that E is
 * the quantity conjugate to beta (reweighting in beta and c = N beta^2 var(e) are exact). lambda > 0 is a
 * parameter of the simulation (default 2.1, the improved model). lambda -> infinity pins |phi| = 1: the
 * XY model at the same beta. 3D: beta_c = 0.5091503(6) at lambda = 2.1 (./exact.ts), the default
 * temperature there; elsewhere no default (give `temperature` or `beta`).
 *
 * Record of a step: [B_x, B_y, M_x, M_y, B_z, P_2, P_4] (./kernel.ts); observables with formulas:
 * ./observables.ts. Kernels: assembly/phi4.ts and its JavaScript twin ./kernel-js.ts (deterministic
 * exp, sin, cos). Algorithms: Metropolis (a uniform step in a square of half-width delta, delta tuned by
 * the sweeps run without records, frozen while recording), optionally followed by `overRelaxation`
 * reflection sweeps; hybrid: Metropolis sweeps, then Wolff single clusters or one Swendsen-Wang update
 * by embedding (Brower and Tamayo 1989; `hybridCluster`). Clusters alone keep every |phi_i| and are not
 * ergodic: `algorithm: 'wolff'` and `'swendsen-wang'` are refused, and so is `'heat-bath'` (not exact here).
 */
import { InvalidOptionError } from '../../errors.js';
import type { Lattice } from '../../vocabulary.js';
import type { ModelDefinition, ModelParameters } from '../model.js';
import { continuousPhases } from '../continuous/definition.js';
import { PHI4_CUBIC_BETA_C, PHI4_IMPROVED_LAMBDA } from './exact.js';
import { PHI4_MAX_OVER_RELAXATION, PHI4_RECORD_WIDTH } from './kernel.js';
import { analyzePhi4 } from './observables.js';
import { analyzePhi4Correlations, phi4CorrelationValues } from './correlation.js';
import { fieldCodec } from './codec.js';

export interface Phi4Parameters extends ModelParameters {
  readonly lambda: number;
  readonly overRelaxation: number;
}

/** Largest lambda accepted (beyond it |phi| = 1 to 1e-6: run the XY model). */
export const PHI4_MAX_LAMBDA = 1e6;

const dimensionOf = (lattice: Lattice | undefined) => (lattice === 'cubic' ? 3 : 2);

export const phi4: ModelDefinition<Phi4Parameters> = {
  name: 'phi4',
  title: 'O(2) phi^4',
  hamiltonian: 'S = sum_i [ -beta sum_mu phi_i . phi_{i+mu} - beta h phi_i^x + |phi_i|^2 + lambda (|phi_i|^2 - 1)^2 ], phi_i in R^2',
  parameterKeys: ['lambda', 'overRelaxation'],
  parameters(given) {
    const { lambda, overRelaxation, algorithm } = given as {
      lambda?: unknown;
      overRelaxation?: unknown;
      algorithm?: unknown;
    };
    if (algorithm === 'wolff') {
      throw new InvalidOptionError(
        'algorithm',
        algorithm,
        '"metropolis" or "hybrid" for model "phi4" (Wolff clusters alone never change |phi_i|, so they do not sample the field: "hybrid" ' +
          'runs them after Metropolis sweeps)',
      );
    }
    if (algorithm === 'swendsen-wang') {
      throw new InvalidOptionError(
        'algorithm',
        algorithm,
        '"metropolis" or "hybrid" for model "phi4" (cluster updates by embedding never change |phi_i|, so alone they do not sample the field)',
      );
    }
    if (algorithm === 'heat-bath') {
      throw new InvalidOptionError(
        'algorithm',
        algorithm,
        '"metropolis" or "hybrid" for model "phi4" (no exact heat bath: the conditional density of phi_i, ' +
          'exp(beta H . phi - |phi|^2 - lambda (|phi|^2 - 1)^2), has no direct sampler here; Metropolis with over-relaxation samples it)',
      );
    }
    const l = lambda === undefined ? PHI4_IMPROVED_LAMBDA : lambda;
    if (typeof l !== 'number' || !(l > 0 && l <= PHI4_MAX_LAMBDA)) {
      throw new InvalidOptionError(
        'lambda',
        lambda,
        `a number > 0 and <= ${PHI4_MAX_LAMBDA} (the quartic coupling of V = |phi|^2 + lambda (|phi|^2 - 1)^2; default ${PHI4_IMPROVED_LAMBDA})`,
      );
    }
    const k = overRelaxation === undefined ? 0 : overRelaxation;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > PHI4_MAX_OVER_RELAXATION) {
      throw new InvalidOptionError(
        'overRelaxation',
        overRelaxation,
        `an integer from 0 to ${PHI4_MAX_OVER_RELAXATION} (over-relaxation sweeps after each Metropolis sweep)`,
      );
    }
    return { lambda: l, overRelaxation: k };
  },
  // Wolff clusters by embedding keep every |phi_i|: not ergodic alone, they run inside hybrid steps
  algorithms: ['metropolis', 'hybrid'],
  lattices: ['square', 'cubic'],
  // T = 1 / beta_c where a critical coupling is known: the 3D improved model (lambda = 2.1)
  criticalTemperature: (parameters, lattice) => (lattice === 'cubic' && parameters.lambda === PHI4_IMPROVED_LAMBDA ? 1 / PHI4_CUBIC_BETA_C : NaN),

  resolveLayout(layout) {
    if (layout === 'packed')
      throw new InvalidOptionError('layout', layout, '"auto" or "byte" for model "phi4" (the packed layout holds one bit a site: Ising only)');
    return 'byte';
  },
  layoutOf: () => 'byte',

  recordWidth: () => PHI4_RECORD_WIDTH,
  recordType: 'float64',
  recordLayout: () =>
    '[B_x, B_y, M_x, M_y, B_z, P_2, P_4]: B_mu = sum_i phi_i . phi_{i+mu} (B_z = 0 in 2D), M = sum_i phi_i, P_2 = sum_i |phi_i|^2, P_4 = sum_i |phi_i|^4',

  spins: fieldCodec,

  createKernel: async (request, parameters) => (await import('./model-kernel.js')).createPhi4Kernel(request, parameters.lambda, parameters.overRelaxation),

  energy: (records, offset, field) => -(records[offset] + records[offset + 1] + records[offset + 4]) - field * records[offset + 2],
  orderParameter: (records, offset, sites) => Math.sqrt(records[offset + 2] ** 2 + records[offset + 3] ** 2) / sites,
  analyze: (records, context, parameters) => analyzePhi4(records as Float64Array, context, parameters.lambda),
  correlationValues: (size, _parameters, lattice) => phi4CorrelationValues(size, dimensionOf(lattice)),
  analyzeCorrelations: (samples, size, count, every, _parameters, lattice) =>
    analyzePhi4Correlations(samples as Float64Array, size, dimensionOf(lattice), count, every),
  improvedEstimators: false,

  phases: continuousPhases('ring'),

  references: [
    {
      what: 'beta_c = 0.5091503(6) of the 3D model at lambda = 2.1 (improved: leading corrections to scaling suppressed)',
      citation: 'M. Campostrini, M. Hasenbusch, A. Pelissetto, P. Rossi and E. Vicari, Phys. Rev. B 63, 214503 (2001)',
    },
    {
      what: 'the two-component phi^4 model on the simple cubic lattice (action with -2 kappa sum_mu: beta = 2 kappa)',
      citation: 'M. Hasenbusch and T. Török, J. Phys. A 32, 6361 (1999)',
    },
    { what: 'Wolff single-cluster updates of phi^4 fields by embedding', citation: 'R. C. Brower and P. Tamayo, Phys. Rev. Lett. 62, 1087 (1989)' },
    { what: 'Wolff single-cluster updates by embedding', citation: 'U. Wolff, Phys. Rev. Lett. 62, 361 (1989)' },
  ],
};
