/**
 * The q-state clock model on the periodic L x L square or L x L x L simple cubic lattice:
 *
 *   H = -J sum_<ij> cos(theta_i - theta_j) - h sum_i cos(theta_i),   theta_i = 2 pi k_i / q,
 *   k_i in {0, ..., q - 1},   2 <= q <= 256,   J = k_B = 1.
 *
 * q = 2 is the Ising model; q = 3 the 3-state Potts model with J_Potts = 3J/2; q = 4 two decoupled
 * Ising models at coupling J/2 (s = (sigma_1 + sigma_2, sigma_1 - sigma_2)/2 in axes turned by 45
 * degrees gives s . s' = (sigma_1 sigma_1' + sigma_2 sigma_2') / 2), so T_c = T_c(Ising) / 2; for
 * q >= 5 two BKT transitions enclose a phase with an emergent U(1) symmetry (Jose, Kadanoff,
 * Kirkpatrick and Nelson 1977). On the cubic lattice q = 2 is the 3D Ising model, q = 4 two 3D Ising
 * models at J/2 (T_c = T_c(Ising, cubic) / 2), q = 3 the first-order 3-state Potts transition, and
 * q >= 5 a transition in the 3D XY universality class (the q-fold anisotropy is irrelevant there).
 * It runs on the XY kernels in clock mode (src/models/xy/kernel.ts, assembly/xy.ts): the same
 * record [B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z] and the same observables
 * (src/models/continuous/observables.ts). `spins()` returns the states 0 .. q-1 (Uint8Array).
 * Algorithms: Metropolis (a uniformly random other state), the exact discrete heat bath over the q
 * angles, Wolff and Swendsen-Wang by embedding with the q mirror lines of the q-gon (clock angles go
 * to clock angles), hybrid.
 */
import { InvalidOptionError } from '../../errors.js';
import type { ModelDefinition, ModelParameters } from '../model.js';
import { XY_RECORD_WIDTH } from '../xy/kernel.js';
import { analyzeContinuous, analyzeContinuousCorrelations, continuousCorrelationValuesOn, continuousEnergy } from '../continuous/observables.js';
import { XY_LAYOUT, xyKernels } from '../xy/index.js';
import { clockCriticalTemperature, CLOCK_MAX_Q } from './exact.js';

export interface ClockParameters extends ModelParameters {
  readonly q: number;
}

const qOf = (parameters: ModelParameters): number => parameters.q as number;

export const clock: ModelDefinition<ClockParameters> = {
  name: 'clock',
  title: 'q-state clock',
  hamiltonian: 'H = -J sum_<ij> cos(theta_i - theta_j) - h sum_i cos(theta_i), theta_i = 2 pi k_i / q',
  parameterKeys: ['q'],
  parameters(given) {
    const { q } = given as { q?: unknown };
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 2 || q > CLOCK_MAX_Q) {
      throw new InvalidOptionError('q', q, `an integer from 2 to ${CLOCK_MAX_Q} (the number of clock states: model "clock" needs q)`);
    }
    return { q };
  },
  algorithms: ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang', 'hybrid'],
  lattices: ['square', 'cubic'],
  criticalTemperature: (parameters, lattice) => clockCriticalTemperature(parameters.q, lattice),

  resolveLayout(layout) {
    if (layout === 'packed')
      throw new InvalidOptionError('layout', layout, '"auto" or "byte" for model "clock" (the packed layout holds one bit a site: Ising only)');
    return 'byte';
  },
  layoutOf: () => 'byte',

  recordWidth: () => XY_RECORD_WIDTH,
  recordType: 'float64',
  recordLayout: () => '[B_x, B_y, M_x, M_y, I_x, I_y, V, B_z, I_z] as for the XY model',

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

  createKernel: async (request, parameters) => {
    const kernels = await xyKernels();
    return (await import('../continuous/model-kernel.js')).createContinuousKernel(request, { ...kernels, tuning: undefined }, 0, parameters.q);
  },

  energy: (records, offset, field) => continuousEnergy(XY_LAYOUT, records, offset, field),
  orderParameter: (records, offset, sites) => Math.sqrt(records[offset + 2] ** 2 + records[offset + 3] ** 2) / sites,
  analyze: (records, context) => analyzeContinuous(records as Float64Array, context, XY_LAYOUT),
  correlationValues: (size, _parameters, lattice) => continuousCorrelationValuesOn(size, 2, lattice),
  analyzeCorrelations: (samples, size, count, every, _parameters, lattice) =>
    analyzeContinuousCorrelations(samples as Float64Array, size, count, every, 2, lattice),
  improvedEstimators: false,

  /** The direction of M: with q discrete minima the sector is the state nearest to the angle of M (M = 0 keeps the previous). */
  phases: {
    describe: 'the clock state nearest to the direction of M',
    order: 'absMagnetization',
    sector(records, offset, previous, parameters) {
      const mx = records[offset + 2];
      const my = records[offset + 3];
      if (mx === 0 && my === 0) return previous;
      const q = qOf(parameters);
      const angle = Math.atan2(my, mx);
      return ((Math.round((angle * q) / (2 * Math.PI)) % q) + q) % q;
    },
    // tunnelings between the q sectors are counted; no metastability judgement (no weight formula here)
    favoured: () => undefined,
    disfavouredWeight: () => NaN,
  },

  references: [
    {
      what: 'the q-state clock model and its two BKT transitions for q >= 5',
      citation: 'J. V. Jose, L. P. Kadanoff, S. Kirkpatrick and D. R. Nelson, Phys. Rev. B 16, 1217 (1977)',
    },
    { what: 'q = 6: T_1 = 0.7014(11), T_2 = 0.9008(6)', citation: 'Y. Tomita and Y. Okabe, Phys. Rev. B 65, 184405 (2002)' },
    {
      what: 'q = 4 as two Ising models at J/2 (T_c = 1.134593...); q = 3 as the 3-state Potts model with J_Potts = 3J/2',
      citation: 'exact mappings (e.g. F. Y. Wu, Rev. Mod. Phys. 54, 235 (1982))',
    },
  ],
};
