/**
 * Exact values to show next to measured ones.
 *
 * Ising: for small lattices (L <= 4) every observable by exact enumeration at any field; for any L
 * at h = 0 the exact finite-lattice energy and specific heat (Kaufman / Ferdinand-Fisher); in a
 * field for L <= 8, e, c and the moments of m by the transfer matrix of the q = 2 Potts model
 * (s = 2 delta(sigma, 0) - 1 maps H_Ising at (T, h) onto H_Potts at (T/2, h) with
 * e_Ising = 2 e_Potts + 2 + h, c_Ising = c_Potts and |m_Ising| = m_Potts); and Onsager's
 * infinite-lattice values at h = 0.
 *
 * Ising on the cubic lattice: every observable of the 2 x 2 x 2 cube by exact enumeration, at any
 * field; the 4 x 4 x 4 cube at h = 0 and the beta of src/exact/cubic.ts's CUBE4_EXACT (0.1, 0.2,
 * beta_c, 0.24, 0.3) by a transfer matrix; nothing else for larger L and no exact infinite-lattice values (the
 * literature values of β_c, ν and η are in {@link criticalReference} and src/exact/cubic.ts).
 * XY: the 2 x 2 lattice by quadrature at any field; clock: q = 2 and 4 through Ising at h = 0;
 * Heisenberg: the 2 x 2 lattice at h = 0 by the ring's transfer integral. On the cubic lattice:
 * the 2 x 2 x 2 cube, the clock model (q <= 6) by summing its q^8 states at any field, XY and
 * Heisenberg at h = 0 by integration (e, c, <|m|^2>: src/models/continuous/exact.ts).
 *
 * Potts: where the transfer matrices of src/models/potts/ are quick (q^L <= 1000), e, c, <m^2>,
 * <m^4> and what derives from them at any field (and <m> for q^L <= 100); at T = T_c and h = 0
 * the infinite-lattice e(T_c) = -(1 + 1/sqrt q).
 */
import {
  CRITICAL_TEMPERATURE,
  densityOfStates,
  exactMoments,
  finiteLatticeExact,
  onsagerEnergy,
  onsagerMagnetization,
  onsagerSpecificHeat,
} from './exact/index.js';
import type { ObservableName } from './measure.js';
import { pottsCriticalEnergy, pottsCriticalTemperature, pottsExactMoments, pottsMagnetizationDistribution, pottsTransition } from './models/potts/exact.js';
import {
  CUBIC_CRITICAL_TEMPERATURE,
  CUBIC_SOURCES,
  ISING_3D_GAMMA_OVER_NU,
  ISING_3D_NU,
  POTTS_CUBE_MAX_STATES,
  cube4Exact,
  cubicDensityOfStates,
  cubicPottsTransitionTemperature,
  pottsCubeMoments,
} from './exact/cubic.js';
import type { DensityOfStates } from './exact/enumerate.js';
import type { Lattice, Model } from './vocabulary.js';
import { XY_BKT_TEMPERATURE, XY_CUBIC_TEMPERATURE, xyExact2x2 } from './models/xy/exact.js';
import { CLOCK_CUBE_MAX_STATES, clockCriticalTemperature, clockCubeExact, clockIsingEquivalent } from './models/clock/exact.js';
import { HEISENBERG_CUBIC_TEMPERATURE, heisenbergRingEnergy, heisenbergRingSpecificHeat } from './models/heisenberg/exact.js';
import { unitVectorCubeExact } from './models/continuous/exact.js';
import { PHI4_CUBIC_BETA_C, PHI4_IMPROVED_LAMBDA, phi4Exact2x2 } from './models/phi4/exact.js';

/** Largest L for which every Ising observable is computed by exact enumeration (2^(L*L) states). */
export const ENUMERATION_MAX_SIZE = 4;
/** Largest L of the Ising transfer matrix in a field (through the q = 2 Potts model). */
export const ISING_TRANSFER_MAX_SIZE = 8;
/** Largest q^L for the Potts moment transfer matrix (a second or two), and for its P(m) one. */
export const POTTS_TRANSFER_MAX_ROWS = 1000;
export const POTTS_DISTRIBUTION_MAX_ROWS = 100;

/** The observables an exact reference can hold (every model's). */
export type ReferenceName =
  | ObservableName
  | 'energyCumulant'
  | 'majority'
  | 'magnetizationX'
  | 'magnetizationY'
  | 'magnetizationZ'
  | 'helicityModulus'
  | 'vortexDensity'
  | 'phi2'
  | 'potential';

export interface ExactReference {
  /** Exact values for this finite L x L periodic lattice, where known. */
  finite: Partial<Record<ReferenceName, number>>;
  /** How `finite` was obtained. */
  finiteMethod: 'enumeration' | 'kaufman' | 'transfer-matrix' | 'quadrature' | 'none';
  /** Infinite-lattice values where known (Ising: Onsager at h = 0; Potts: e(T_c) at T_c). */
  infinite: Partial<Record<ReferenceName, number>>;
}

/** Which model and lattice an exact reference is for (Ising on the square lattice when absent). */
export interface ReferenceModel {
  model?: Model;
  q?: number;
  lattice?: Lattice;
  /** The phi^4 quartic coupling (model 'phi4'; 2.1 when absent). */
  lambda?: number;
}

const dosCache = new Map<string, DensityOfStates>();

/** The (cached) density of states of an enumerable lattice. */
function cachedDensity(lattice: Lattice, size: number): DensityOfStates {
  const key = `${lattice} ${size}`;
  let dos = dosCache.get(key);
  if (!dos) dosCache.set(key, (dos = lattice === 'cubic' ? cubicDensityOfStates(size) : densityOfStates(size)));
  return dos;
}

/** Every observable of an enumerated lattice at (T, h). */
function enumerated(dos: DensityOfStates, temperature: number, field: number): ExactReference['finite'] {
  const x = exactMoments(dos, temperature, field);
  return {
    energy: x.energy,
    absMagnetization: x.absMagnetization,
    magnetization2: x.magnetization2,
    magnetization4: x.magnetization4,
    specificHeat: x.specificHeat,
    susceptibility: x.susceptibility,
    susceptibilityFull: x.susceptibilityFull,
    binder: x.binder,
    binderRatio: x.binderRatio,
  };
}

/** Largest L of the cubic lattice with an exact reference (2^(L^3) states). */
export const CUBIC_ENUMERATION_MAX_SIZE = 2;

/** Every observable that follows from e, c, <m^2> and <m^4> (and <|m|> when known) of N sites at beta. */
function fromMoments(
  x: { energy: number; specificHeat: number; magnetization2: number; magnetization4: number },
  sites: number,
  beta: number,
  abs?: number,
): ExactReference['finite'] {
  const { energy, specificHeat, magnetization2: m2, magnetization4: m4 } = x;
  return {
    energy,
    specificHeat,
    magnetization2: m2,
    magnetization4: m4,
    susceptibilityFull: sites * beta * m2,
    binder: 1 - m4 / (3 * m2 * m2),
    binderRatio: m4 / (m2 * m2),
    ...(abs === undefined ? {} : { absMagnetization: abs, susceptibility: sites * beta * (m2 - abs * abs) }),
  };
}

/** Exact reference values for a lattice of linear size L of `model` (Ising on the square lattice unless named) at temperature T and field h. */
export function exactReference(size: number, temperature: number, field: number, model: ReferenceModel = {}): ExactReference {
  if (model.model === 'potts' && model.lattice === 'cubic') {
    const q = model.q as number;
    if (size > CUBIC_ENUMERATION_MAX_SIZE || q ** 8 > POTTS_CUBE_MAX_STATES) return { finite: {}, finiteMethod: 'none', infinite: {} };
    const x = pottsCubeMoments(q, 1 / temperature, field);
    return { finite: fromMoments(x, 8, 1 / temperature, x.absMagnetization), finiteMethod: 'enumeration', infinite: {} };
  }
  if (model.model === 'phi4') return phi4Reference(size, temperature, field, model);
  if (model.lattice === 'cubic' && (model.model === 'xy' || model.model === 'heisenberg' || model.model === 'clock')) {
    return continuousCubeReference(size, temperature, field, model);
  }
  if (model.model === 'potts') return pottsReference(size, temperature, field, model.q as number);
  if (model.model === 'xy') return xyReference(size, temperature, field);
  if (model.model === 'heisenberg') return heisenbergReference(size, temperature, field);
  if (model.model === 'clock') return clockExactReference(size, temperature, field, model.q as number);
  if (model.lattice === 'cubic') {
    const cube4 = size === 4 && field === 0 ? cube4Exact(1 / temperature) : undefined;
    if (cube4) return { finite: fromMoments(cube4, 64, 1 / temperature, cube4.absMagnetization), finiteMethod: 'transfer-matrix', infinite: {} };
    if (size > CUBIC_ENUMERATION_MAX_SIZE) return { finite: {}, finiteMethod: 'none', infinite: {} };
    return { finite: enumerated(cachedDensity('cubic', size), temperature, field), finiteMethod: 'enumeration', infinite: {} };
  }
  const infinite: ExactReference['infinite'] =
    field === 0
      ? { energy: onsagerEnergy(temperature), specificHeat: onsagerSpecificHeat(temperature), absMagnetization: onsagerMagnetization(temperature) }
      : {};
  if (size <= ENUMERATION_MAX_SIZE) {
    return { finite: enumerated(cachedDensity('square', size), temperature, field), finiteMethod: 'enumeration', infinite };
  }
  if (field === 0) {
    const x = finiteLatticeExact(size, temperature);
    return { finite: { energy: x.energy, specificHeat: x.specificHeat }, finiteMethod: 'kaufman', infinite };
  }
  if (size <= ISING_TRANSFER_MAX_SIZE) {
    const p = pottsExactMoments(2, size, size, 2 / temperature, field);
    const abs = 2 ** size <= POTTS_DISTRIBUTION_MAX_ROWS ? pottsMagnetizationDistribution(2, size, size, 2 / temperature, field).absMagnetization : undefined;
    const finite = fromMoments({ ...p, energy: 2 * p.energy + 2 + field }, size * size, 1 / temperature, abs);
    return { finite, finiteMethod: 'transfer-matrix', infinite };
  }
  return { finite: {}, finiteMethod: 'none', infinite };
}

/**
 * XY, Heisenberg and clock on the cubic lattice: the 2 x 2 x 2 cube, the clock model (q <= 6) by its
 * q^8 states at any field, XY and Heisenberg at h = 0 by integration (e, c, <|m|^2> and chi'); nothing
 * exact for larger L.
 */
function continuousCubeReference(size: number, temperature: number, field: number, model: ReferenceModel): ExactReference {
  const none: ExactReference = { finite: {}, finiteMethod: 'none', infinite: {} };
  if (size !== 2) return none;
  const beta = 1 / temperature;
  if (model.model === 'clock') {
    const q = model.q as number;
    if (q ** 8 > CLOCK_CUBE_MAX_STATES) return none;
    const x = clockCubeExact(q, beta, field);
    const { absMagnetization: a, magnetization2: m2, magnetization4: m4 } = x;
    return {
      finite: {
        ...x,
        susceptibility: 8 * beta * (m2 - a * a),
        susceptibilityFull: 8 * beta * m2,
        binder: 2 - m4 / (m2 * m2),
        binderRatio: m4 / (m2 * m2),
      },
      finiteMethod: 'enumeration',
      infinite: {},
    };
  }
  if (field !== 0) return none;
  const x = unitVectorCubeExact(model.model === 'xy' ? 2 : 3, beta);
  return { finite: { ...x, susceptibilityFull: 8 * beta * x.magnetization2 }, finiteMethod: 'quadrature', infinite: {} };
}

/** XY: the 2 x 2 lattice by quadrature (src/models/xy/exact.ts); nothing exact for larger L. */
function xyReference(size: number, temperature: number, field: number): ExactReference {
  if (size !== 2) return { finite: {}, finiteMethod: 'none', infinite: {} };
  const x = xyExact2x2(1 / temperature, field);
  const beta = 1 / temperature;
  const { energy, specificHeat, absMagnetization: a, magnetization2: m2, magnetization4: m4, magnetizationX, helicityModulus, vortexDensity } = x;
  return {
    finite: {
      energy,
      specificHeat,
      absMagnetization: a,
      magnetization2: m2,
      magnetization4: m4,
      magnetizationX,
      magnetizationY: 0,
      helicityModulus,
      vortexDensity,
      susceptibility: 4 * beta * (m2 - a * a),
      susceptibilityFull: 4 * beta * m2,
      binder: 2 - m4 / (m2 * m2),
      binderRatio: m4 / (m2 * m2),
    },
    finiteMethod: 'quadrature',
    infinite: {},
  };
}

/** Clock: q = 2 (Ising at T) and q = 4 (two Ising copies at 2T) at h = 0, e and c (Kaufman, Onsager); nothing else. */
function clockExactReference(size: number, temperature: number, field: number, q: number): ExactReference {
  if ((q !== 2 && q !== 4) || field !== 0) return { finite: {}, finiteMethod: 'none', infinite: {} };
  const t = q === 2 ? temperature : 2 * temperature;
  const scale = q === 2 ? 1 : 2;
  return {
    finite: clockIsingEquivalent(q, size, temperature),
    finiteMethod: 'kaufman',
    infinite: { energy: onsagerEnergy(t), specificHeat: scale * onsagerSpecificHeat(t) },
  };
}

/** Heisenberg: the 2 x 2 lattice at h = 0 (a ring of 4 spins with coupling 2, src/models/heisenberg/exact.ts). */
function heisenbergReference(size: number, temperature: number, field: number): ExactReference {
  if (size !== 2 || field !== 0) return { finite: {}, finiteMethod: 'none', infinite: {} };
  const beta = 1 / temperature;
  return {
    finite: { energy: heisenbergRingEnergy(4, 2, beta), specificHeat: heisenbergRingSpecificHeat(4, 2, beta) },
    finiteMethod: 'transfer-matrix',
    infinite: {},
  };
}

/** phi^4: the 2 x 2 square lattice at h = 0 by its ring transfer integral (src/models/phi4/exact.ts); nothing exact elsewhere. */
function phi4Reference(size: number, temperature: number, field: number, model: ReferenceModel): ExactReference {
  if (size !== 2 || field !== 0 || model.lattice === 'cubic') return { finite: {}, finiteMethod: 'none', infinite: {} };
  const x = phi4Exact2x2(1 / temperature, model.lambda ?? PHI4_IMPROVED_LAMBDA);
  const { energy, specificHeat, magnetization2, phi2, potential } = x;
  return { finite: { energy, specificHeat, magnetization2, phi2, potential }, finiteMethod: 'quadrature', infinite: {} };
}

function pottsReference(size: number, temperature: number, field: number, q: number): ExactReference {
  const infinite: ExactReference['infinite'] =
    field === 0 && Math.abs(temperature - pottsCriticalTemperature(q)) < 1e-12 ? { energy: pottsCriticalEnergy(q) } : {};
  const rows = q ** size;
  if (rows > POTTS_TRANSFER_MAX_ROWS) return { finite: {}, finiteMethod: 'none', infinite };
  const beta = 1 / temperature;
  const x = pottsExactMoments(q, size, size, beta, field);
  const abs = rows <= POTTS_DISTRIBUTION_MAX_ROWS ? pottsMagnetizationDistribution(q, size, size, beta, field).absMagnetization : undefined;
  return { finite: fromMoments(x, size * size, beta, abs), finiteMethod: 'transfer-matrix', infinite };
}

/** What a sweep's analysis is compared with: the infinite-lattice transition of the model. */
export interface CriticalReference {
  /** T_c, and where it comes from. */
  temperature: number;
  source: string;
  /** 'continuous' (exponents known) or 'first-order' (latent heat known). */
  order: 'continuous' | 'first-order';
  /** Exact exponents of a continuous transition. */
  exponents?: { nu: number; nuLabel: string; gammaOverNu: number; gammaOverNuLabel: string; source: string };
  /** Baxter's latent heat and coexisting energies per site of a first-order transition. */
  latentHeat?: { value: number; disordered: number; ordered: number; source: string };
}

/** The transition of the model at h = 0 on the infinite lattice (square unless named). */
export function criticalReference(model: ReferenceModel = {}): CriticalReference {
  if (model.model === 'potts' && model.lattice === 'cubic') {
    const q = model.q as number;
    const temperature = cubicPottsTransitionTemperature(q);
    if (q === 2) return { ...criticalReference({ lattice: 'cubic' }), temperature, source: `${CUBIC_SOURCES.beta} (q = 2 is Ising at K = 2 K_Ising)` };
    return { temperature, source: q === 3 ? CUBIC_SOURCES.potts3 : 'none known here', order: 'first-order' };
  }
  if (model.model === 'phi4') return phi4CriticalReference(model);
  if (model.model === 'xy' && model.lattice === 'cubic') {
    return { temperature: XY_CUBIC_TEMPERATURE, source: `${XY_3D_SOURCE} (beta_c = 0.454165(2))`, order: 'continuous', exponents: XY_3D_EXPONENTS };
  }
  if (model.model === 'heisenberg' && model.lattice === 'cubic') {
    const source = 'Campostrini, Hasenbusch, Pelissetto, Rossi, Vicari 2002';
    return {
      temperature: HEISENBERG_CUBIC_TEMPERATURE,
      source: `${source} (beta_c = 0.693002(2))`,
      order: 'continuous',
      exponents: { nu: 0.7112, nuLabel: '0.7112(5)', gammaOverNu: 2 - 0.0375, gammaOverNuLabel: '2 - eta = 1.9625(5)', source },
    };
  }
  if (model.model === 'clock' && model.lattice === 'cubic') return clockCubicReference(model.q as number);
  if (model.model !== 'potts' && model.lattice === 'cubic') {
    return {
      temperature: CUBIC_CRITICAL_TEMPERATURE,
      source: CUBIC_SOURCES.beta,
      order: 'continuous',
      exponents: {
        nu: ISING_3D_NU,
        nuLabel: '0.629971(4)',
        gammaOverNu: ISING_3D_GAMMA_OVER_NU,
        gammaOverNuLabel: '2 - eta = 1.9637022(20)',
        source: CUBIC_SOURCES.exponents,
      },
    };
  }
  if (model.model === 'xy') return { temperature: XY_BKT_TEMPERATURE, source: 'Hasenbusch 2005 (BKT)', order: 'continuous' };
  if (model.model === 'clock') return clockReference(model.q as number);
  if (model.model === 'heisenberg') return { temperature: 0, source: 'none at T > 0 in 2D (Mermin-Wagner)', order: 'continuous' };
  if (model.model !== 'potts') {
    return {
      temperature: CRITICAL_TEMPERATURE,
      source: 'Onsager',
      order: 'continuous',
      exponents: { nu: 1, nuLabel: '1', gammaOverNu: 7 / 4, gammaOverNuLabel: '7/4', source: 'Onsager' },
    };
  }
  const q = model.q as number;
  const t = pottsTransition(q);
  const source = '1/ln(1 + sqrt q)';
  if (q > 4)
    return {
      temperature: t.temperature,
      source,
      order: 'first-order',
      latentHeat: { value: t.latentHeat, disordered: t.disorderedEnergy, ordered: t.orderedEnergy, source: 'Baxter 1973' },
    };
  // 2D Potts exponents (den Nijs 1979, Nienhuis 1982; q = 4 with logarithmic corrections)
  const exponents = {
    2: { nu: 1, nuLabel: '1', gammaOverNu: 7 / 4, gammaOverNuLabel: '7/4' },
    3: { nu: 5 / 6, nuLabel: '5/6', gammaOverNu: 26 / 15, gammaOverNuLabel: '26/15' },
    4: { nu: 2 / 3, nuLabel: '2/3', gammaOverNu: 7 / 4, gammaOverNuLabel: '7/4' },
  }[q as 2 | 3 | 4];
  return {
    temperature: t.temperature,
    source,
    order: 'continuous',
    exponents: { ...exponents, source: q === 2 ? 'Onsager (q = 2 is Ising)' : 'den Nijs 1979, Nienhuis 1982' },
  };
}

/** The 3D XY universality class (Campostrini, Hasenbusch, Pelissetto, Rossi and Vicari, Phys. Rev. B 63, 214503 (2001)). */
const XY_3D_SOURCE = 'Campostrini, Hasenbusch, Pelissetto, Rossi, Vicari 2001';
const XY_3D_EXPONENTS = { nu: 0.67155, nuLabel: '0.67155(27)', gammaOverNu: 2 - 0.038, gammaOverNuLabel: '2 - eta = 1.9620(4)', source: XY_3D_SOURCE };

/**
 * The clock model on the cubic lattice: q = 2 the 3D Ising transition, q = 4 two Ising cubes at J/2
 * (T_c / 2, Ising exponents), q = 3 the first-order 3-state Potts transition (J_Potts = 3J/2); for
 * q >= 5 the 3D XY class, its T_c not known here.
 */
function clockCubicReference(q: number): CriticalReference {
  const ising = criticalReference({ lattice: 'cubic' });
  if (q === 2) return { ...ising, source: `${ising.source} (q = 2 is Ising)` };
  if (q === 4) return { ...ising, temperature: ising.temperature / 2, source: `${ising.source} / 2 (q = 4 is two Ising models at J/2)` };
  if (q === 3)
    return { temperature: clockCriticalTemperature(3, 'cubic'), source: `${CUBIC_SOURCES.potts3} (q = 3 is Potts at J_Potts = 3J/2)`, order: 'first-order' };
  return { temperature: NaN, source: 'none known here (q >= 5: the 3D XY universality class)', order: 'continuous', exponents: XY_3D_EXPONENTS };
}

/**
 * phi^4: the 3D improved model (lambda = 2.1) at beta_c = 0.5091503(6) with 3D XY exponents, both from
 * Campostrini et al., Phys. Rev. B 63, 214503 (2001); none known here elsewhere (2D: a BKT transition).
 */
function phi4CriticalReference(model: ReferenceModel): CriticalReference {
  if (model.lattice !== 'cubic' || (model.lambda ?? PHI4_IMPROVED_LAMBDA) !== PHI4_IMPROVED_LAMBDA) {
    return { temperature: NaN, source: 'none known here (2D: a BKT transition; 3D: beta_c known at lambda = 2.1)', order: 'continuous' };
  }
  return {
    temperature: 1 / PHI4_CUBIC_BETA_C,
    source: `${XY_3D_SOURCE} (beta_c = 0.5091503(6))`,
    order: 'continuous',
    exponents: XY_3D_EXPONENTS,
  };
}

/**
 * The clock model: q = 2 is Ising, q = 4 two Ising copies at J/2 (T_c / 2, Ising exponents), q = 3
 * the 3-state Potts model at J_Potts = 3J/2; q >= 5 the upper BKT transition (no power-law exponents).
 */
function clockReference(q: number): CriticalReference {
  const ising = { nu: 1, nuLabel: '1', gammaOverNu: 7 / 4, gammaOverNuLabel: '7/4' };
  if (q === 2)
    return { temperature: CRITICAL_TEMPERATURE, source: 'Onsager (q = 2 is Ising)', order: 'continuous', exponents: { ...ising, source: 'Onsager' } };
  if (q === 4)
    return {
      temperature: CRITICAL_TEMPERATURE / 2,
      source: 'Onsager / 2 (q = 4 is two Ising models at J/2)',
      order: 'continuous',
      exponents: { ...ising, source: 'Onsager' },
    };
  if (q === 3)
    return {
      temperature: clockCriticalTemperature(3),
      source: '(3/2) / ln(1 + sqrt 3) (q = 3 is Potts at J_Potts = 3J/2)',
      order: 'continuous',
      exponents: { nu: 5 / 6, nuLabel: '5/6', gammaOverNu: 26 / 15, gammaOverNuLabel: '26/15', source: 'den Nijs 1979, Nienhuis 1982' },
    };
  return {
    temperature: clockCriticalTemperature(q),
    source: q === 6 ? 'Tomita and Okabe 2002 (upper BKT)' : 'T_BKT of the XY model (the upper transition approaches it)',
    order: 'continuous',
  };
}
