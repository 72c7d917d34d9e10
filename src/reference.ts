/**
 * Exact values to show next to measured ones: for small lattices (L <= 4) every observable
 * by exact enumeration at any field; for any L at h = 0 the exact finite-lattice energy and
 * specific heat (Kaufman / Ferdinand-Fisher); and Onsager's infinite-lattice values.
 */
import { densityOfStates, exactMoments, finiteLatticeExact, onsagerEnergy, onsagerMagnetization, onsagerSpecificHeat } from './exact/index.js';
import type { ObservableName } from './measure.js';

/** Largest L for which every observable is computed by exact enumeration (2^(L*L) states). */
export const ENUMERATION_MAX_SIZE = 4;

export interface ExactReference {
  /** Exact values for this finite L x L periodic lattice, where known. */
  finite: Partial<Record<ObservableName, number>>;
  /** How `finite` was obtained. */
  finiteMethod: 'enumeration' | 'kaufman' | 'none';
  /** Onsager's infinite-lattice values (h = 0 only): e, c and the spontaneous |m|. */
  infinite: Partial<Record<ObservableName, number>>;
}

const dosCache = new Map<number, ReturnType<typeof densityOfStates>>();

/** Exact reference values for an L x L Ising lattice at temperature T and field h. */
export function exactReference(size: number, temperature: number, field: number): ExactReference {
  const infinite: Partial<Record<ObservableName, number>> = field === 0
    ? { energy: onsagerEnergy(temperature), specificHeat: onsagerSpecificHeat(temperature), absMagnetization: onsagerMagnetization(temperature) }
    : {};
  if (size <= ENUMERATION_MAX_SIZE) {
    let dos = dosCache.get(size);
    if (!dos) dosCache.set(size, (dos = densityOfStates(size)));
    const x = exactMoments(dos, temperature, field);
    return {
      finite: {
        energy: x.energy,
        absMagnetization: x.absMagnetization,
        magnetization2: x.magnetization2,
        magnetization4: x.magnetization4,
        specificHeat: x.specificHeat,
        susceptibility: x.susceptibility,
        susceptibilityFull: x.susceptibilityFull,
        binder: x.binder,
        binderRatio: x.binderRatio,
      },
      finiteMethod: 'enumeration',
      infinite,
    };
  }
  if (field === 0) {
    const x = finiteLatticeExact(size, temperature);
    return { finite: { energy: x.energy, specificHeat: x.specificHeat }, finiteMethod: 'kaufman', infinite };
  }
  return { finite: {}, finiteMethod: 'none', infinite };
}
