/**
 * The Ising model on the periodic L x L square lattice and the periodic L x L x L simple cubic
 * lattice (src/lattice.ts):
 *
 *   H = -J sum_<ij> s_i s_j - h sum_i s_i,   s_i = +1 or -1,   J = k_B = 1.
 *
 * Record of a step: (B, M) with B = sum_<ij> s_i s_j over the d N bonds and M = sum_i s_i, exact
 * integers; e = (-B - h M) / N and m = M / N. Observables and their formulas: src/measure.ts.
 * Kernels, in this folder: ./kernel-wasm.ts and ./kernel-js.ts (the byte kernel of
 * assembly/ising2d.ts), ./packed.ts with ./packed-wasm.ts, ./packed-js.ts and ./packed3d-js.ts
 * (the multi-spin kernels of assembly/packed.ts and assembly/packed3d.ts), ./clusters-js.ts (twin of
 * assembly/cluster.ts), the block spins ./rg-*.ts; chosen by ./create-kernel.ts and adapted to the
 * model seam by ./kernel.ts.
 */
import { analyzeCorrelations } from '../../correlation.js';
import { correlationValues } from '../../backend/correlation-js.js';
import { InvalidOptionError } from '../../errors.js';
import { CRITICAL_TEMPERATURE } from '../../exact/onsager.js';
import { CUBIC_CRITICAL_TEMPERATURE } from '../../exact/cubic.js';
import { geometryOf } from '../../lattice.js';
import { packable } from '../../limits.js';
import { measureSeries } from '../../measure.js';
import { packSpins, unpackSpins } from '../../spin-bits.js';
import { ALGORITHMS, type Lattice, type Layout } from '../../vocabulary.js';
import type { ModelDefinition, SpinArray } from '../model.js';

export const ising: ModelDefinition = {
  name: 'ising',
  title: 'Ising',
  hamiltonian: 'H = -J sum_<ij> s_i s_j - h sum_i s_i, s_i = +1 or -1',
  parameterKeys: [],
  parameters: () => ({}),
  algorithms: ALGORITHMS,
  lattices: ['square', 'cubic'],
  /** Onsager's T_c on the square lattice; 1 / beta_c of Ferrenberg, Xu and Landau (2018) on the cubic one. */
  criticalTemperature: (_parameters, lattice?: Lattice) => (lattice === 'cubic' ? CUBIC_CRITICAL_TEMPERATURE : CRITICAL_TEMPERATURE),

  /**
   * 'auto' becomes 'packed' where L allows it (square: a multiple of 16 up to 32752; cubic: a
   * multiple of 16 up to 880); an explicit 'packed' with an unsuitable L is an error.
   */
  resolveLayout(layout: Layout, size: number, lattice?: Lattice) {
    if (layout === 'byte') return 'byte';
    if (packable(size, lattice)) return 'packed';
    if (layout === 'auto') return 'byte';
    const geometry = geometryOf(lattice);
    throw new InvalidOptionError(
      'size',
      size,
      `a multiple of ${geometry.packedMultiple} from ${geometry.packedMultiple} to ${geometry.maxPackedSize} for layout ` +
        `"packed"${geometry.name === 'cubic' ? ' on the cubic lattice' : ''} (or layout "byte")`,
    );
  },
  layoutOf: (layout, algorithm) => (layout === 'packed' && algorithm === 'metropolis' ? 'packed' : 'byte'),

  recordWidth: () => 2,
  recordType: 'int32',
  recordLayout: () => '(B, M): B = sum_<ij> s_i s_j, M = sum_i s_i',

  spins: {
    create: (sites) => new Int8Array(sites),
    invalid(spins, sites) {
      if (!(spins instanceof Int8Array) || spins.length !== sites) return 'wrong type or length';
      return spins.some((s) => s !== 1 && s !== -1) ? 'a spin other than +1 or -1' : undefined;
    },
    describe: (sites) => `an Int8Array of ${sites} spins, each +1 or -1`,
    encoding: 'bits',
    encode: (spins: SpinArray) => packSpins(spins as Int8Array),
    decode: (bytes, sites) => (bytes.length === (sites + 7) >> 3 ? unpackSpins(bytes, sites) : undefined),
  },

  // the kernels load on first use: validating options (a page that only starts workers) does not pull them in
  async createKernel(request) {
    const [{ createKernel }, { IsingModelKernel }] = await Promise.all([import('./create-kernel.js'), import('./kernel.js')]);
    const { kernel, engine, fallbackReason } = await createKernel(
      request.backend,
      request.size,
      request.core,
      request.layout,
      request.workers,
      request.lattice,
    );
    return { kernel: new IsingModelKernel(kernel), engine, fallbackReason };
  },

  energy: (records, offset, field) => -records[offset] - field * records[offset + 1],
  orderParameter: (records, offset, sites) => records[offset + 1] / sites,
  analyze: (records, context) => measureSeries(records as Int32Array, context),
  correlationValues: (size, _parameters, lattice) => correlationValues(size, geometryOf(lattice).dimension),
  analyzeCorrelations: (samples, size, count, every, _parameters, lattice) =>
    analyzeCorrelations(samples as Int32Array, size, count, every, geometryOf(lattice).dimension),
  improvedEstimators: true,

  /**
   * Sectors: the sign of M. In a field the reversed phase (magnetisation -sign(h) |m|) costs
   * 2 |h| |m| N in energy, so it carries the weight w = 1 / (1 + exp(2 beta |h| <|m|> N)).
   */
  phases: {
    describe: 'the sign of M',
    order: 'absMagnetization',
    sector: (records, offset, previous) => Math.sign(records[offset + 1]) || previous,
    favoured: (sector, field) => (field === 0 ? undefined : sector === Math.sign(field)),
    disfavouredWeight: (order, beta, field, sites) => 1 / (1 + Math.exp(2 * beta * Math.abs(field) * order * sites)),
  },

  references: [
    {
      what: 'T_c = 2 / ln(1 + sqrt 2), e, c and spontaneous m of the infinite lattice',
      citation: 'Onsager, Phys. Rev. 65, 117 (1944); Yang, Phys. Rev. 85, 808 (1952)',
    },
    {
      what: 'exact partition function of the finite periodic L x L lattice',
      citation: 'Kaufman, Phys. Rev. 76, 1232 (1949); Ferdinand and Fisher, Phys. Rev. 185, 832 (1969)',
    },
  ],
};
