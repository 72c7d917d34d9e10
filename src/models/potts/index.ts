/**
 * The q-state Potts model on the periodic L x L square lattice:
 *
 *   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   s_i in {0, ..., q - 1},   J = k_B = 1,
 *   2 <= q <= 256 (one byte a site). T_c = 1 / ln(1 + sqrt q); continuous for q <= 4, first order
 *   with a latent heat for q > 4 (Baxter 1973).
 *
 * Record of a step: (Nb, n_0, ..., n_{q-1}) with Nb = sum_<ij> delta(s_i, s_j) over the 2N bonds
 * and n_k the number of sites in state k, exact integers; E = -Nb - h n_0. Observables and their
 * formulas: ./observables.ts. Kernels: assembly/potts.ts and its JavaScript twin ./kernel-js.ts
 * (local updates, correlations, block spins), adapted to the model seam by ./model-kernel.ts.
 */
import { InvalidOptionError } from '../../errors.js';
import { analyzeCorrelationSamples } from '../../correlation.js';
import { ALGORITHMS, type Algorithm, type Layout } from '../../vocabulary.js';
import { cubicPottsTransitionTemperature } from '../../exact/cubic.js';

import type { ModelDefinition, ModelParameters } from '../model.js';
import { pottsCriticalTemperature } from './exact.js';
import { checkQ, pottsCorrelationValues, pottsRecordWidth } from './kernel.js';
import { analyzePotts, majorityCount, orderParameterSquared, pottsCorrelationSamples } from './observables.js';

export interface PottsParameters extends ModelParameters {
  readonly q: number;
}

/** The q of Potts parameters (always present: validated by `parameters`). */
const qOf = (parameters: ModelParameters): number => parameters.q as number;

export const potts: ModelDefinition<PottsParameters> = {
  name: 'potts',
  title: 'q-state Potts',
  hamiltonian: 'H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0), s_i in {0, ..., q - 1}',
  parameterKeys: ['q'],
  parameters(given) {
    const { q } = given as { q?: unknown };
    if (q === undefined) throw new InvalidOptionError('q', q, 'an integer from 2 to 256 (the number of states: model "potts" needs q)');
    return { q: checkQ(q) };
  },
  algorithms: ALGORITHMS,
  lattices: ['square', 'cubic'],
  /** Every algorithm on both lattices (the cubic local kernels: assembly/potts-cubic.ts). */
  /** Square: 1 / ln(1 + sqrt q); cubic: known for q = 2 and 3 (src/exact/cubic.ts), NaN otherwise. */
  criticalTemperature: (parameters, lattice) => (lattice === 'cubic' ? cubicPottsTransitionTemperature(parameters.q) : pottsCriticalTemperature(parameters.q)),

  resolveLayout(layout: Layout) {
    if (layout === 'packed')
      throw new InvalidOptionError('layout', layout, '"auto" or "byte" for model "potts" (the packed layout holds one bit a site: Ising only)');
    return 'byte';
  },
  layoutOf: () => 'byte',

  recordWidth: (parameters) => pottsRecordWidth(parameters.q),
  recordType: 'int32',
  recordLayout: (parameters) => `(Nb, n_0, ..., n_${parameters.q - 1}): Nb = sum_<ij> delta(s_i, s_j), n_k = sites in state k`,

  spins: {
    create: (sites) => new Uint8Array(sites),
    invalid(spins, sites, parameters) {
      if (!(spins instanceof Uint8Array) || spins.length !== sites) return 'wrong type or length';
      const q = qOf(parameters);
      return spins.some((s) => s >= q) ? `a state of ${q} or more` : undefined;
    },
    describe: (sites, parameters) => `a Uint8Array of ${sites} states, each 0 .. ${qOf(parameters) - 1}`,
    encoding: 'bytes',
    encode: (spins) => Uint8Array.from(spins as Uint8Array),
    decode: (bytes, sites, parameters) => (bytes.length === sites && bytes.every((s) => s < qOf(parameters)) ? Uint8Array.from(bytes) : undefined),
  },

  // the kernels load on first use (see the Ising definition)
  createKernel: async (request, parameters) => (await import('./model-kernel.js')).createPottsKernel(request, parameters.q),

  energy: (records, offset, field) => -records[offset] - field * records[offset + 1],
  orderParameter: (records, offset, sites, parameters) => Math.sqrt(orderParameterSquared(records, offset, parameters.q, sites)) / sites,
  analyze: (records, context, parameters) => analyzePotts(records as Int32Array, context, parameters.q),
  correlationValues(size, parameters, lattice) {
    if (lattice === 'cubic')
      throw new InvalidOptionError(
        'correlations',
        true,
        'false for model "potts" on the cubic lattice (the Potts correlation kernel runs on the square lattice)',
      );
    return pottsCorrelationValues(size, parameters.q);
  },
  analyzeCorrelations: (samples, size, count, every, parameters) =>
    analyzeCorrelationSamples(pottsCorrelationSamples(samples as Int32Array, size, count, parameters.q), size, count, every),
  // Fortuin-Kasteleyn at h = 0: clusters take independent uniform states, and e_a . e_b averages to
  // 0 over independent states, so <|M|^2> = <sum_C |C|^2> (Swendsen-Wang) and <m^2> = <|C|> / N (Wolff)
  improvedEstimators: true,

  /**
   * Sectors: the majority state. With h > 0 the field favours state 0: an ordered phase in another
   * state (majority fraction f) has fewer sites in state 0 by N (f - (1 - f) / (q - 1)) and costs
   * dE = h N (f - (1 - f) / (q - 1)) more, so the q - 1 disfavoured phases carry the weight
   * w = (q - 1) x / (1 + (q - 1) x), x = exp(-beta dE). With h < 0 the q - 1 states other than 0 are
   * favoured alike and the phase of state 0 alone is disfavoured: w = x / (q - 1 + x).
   */
  phases: {
    describe: 'the majority state',
    order: 'majority',
    sector(records, offset, previous, parameters) {
      const most = majorityCount(records, offset, parameters.q);
      let state = -1;
      for (let k = 0; k < parameters.q; k++) {
        if (records[offset + 1 + k] !== most) continue;
        if (k === previous) return previous;
        if (state < 0) state = k;
      }
      return state;
    },
    favoured: (sector, field) => (field === 0 ? undefined : field > 0 ? sector === 0 : sector !== 0),
    disfavouredWeight(order, beta, field, sites, parameters) {
      const q = parameters.q;
      const x = Math.exp(-beta * Math.abs(field) * sites * (order - (1 - order) / (q - 1)));
      return field > 0 ? ((q - 1) * x) / (1 + (q - 1) * x) : x / (q - 1 + x);
    },
  },

  references: [
    { what: 'the q-state Potts model', citation: 'R. B. Potts, Proc. Camb. Phil. Soc. 48, 106 (1952); F. Y. Wu, Rev. Mod. Phys. 54, 235 (1982)' },
    { what: 'T_c = 1 / ln(1 + sqrt q) by self-duality; e(T_c) = -(1 + 1/sqrt q)', citation: 'Potts (1952); Baxter, J. Phys. C 6, L445 (1973)' },
    { what: 'first order for q > 4, the latent heat and the coexisting energies', citation: 'R. J. Baxter, J. Phys. C 6, L445 (1973)' },
  ],
};
