/**
 * What the definitions of the continuous-spin models (XY, Heisenberg) share: the spin codec of unit
 * vectors stored as float64 components, and the single phase sector of a continuous symmetry.
 */
import type { PhaseSectors, SpinCodec } from '../model.js';

/** Tolerance of | |s|^2 - 1 | for spins given to a simulation (restore, checkpoints). */
export const NORM_TOLERANCE = 1e-9;

/** Why `spins` is not a lattice of `sites` unit vectors of n components (row-major, interleaved), or undefined. */
function invalidUnitVectors(spins: unknown, sites: number, n: number): string | undefined {
  if (!(spins instanceof Float64Array) || spins.length !== n * sites) return 'wrong type or length';
  for (let i = 0; i < sites; i++) {
    const v = spins.subarray(n * i, n * i + n);
    let norm2 = 0;
    for (const x of v) norm2 += x * x;
    if (!(Math.abs(norm2 - 1) <= NORM_TOLERANCE)) return `site ${i} is (${Array.from(v).join(', ')}), not a unit vector`;
  }
  return undefined;
}

/** The codec of n-component unit vectors: a Float64Array of n N components, stored as little-endian float64. */
export function unitVectorCodec(n: number, what: string): SpinCodec {
  return {
    create: (sites) => new Float64Array(n * sites),
    invalid: (spins, sites) => invalidUnitVectors(spins, sites, n),
    describe: (sites) => `a Float64Array of ${n * sites} values, the unit vectors ${what} of ${sites} sites`,
    encoding: 'float64le',
    components: n,
    encode(spins) {
      const out = new Uint8Array(8 * spins.length);
      const view = new DataView(out.buffer);
      (spins as Float64Array).forEach((v, k) => view.setFloat64(8 * k, v, true));
      return out;
    },
    decode(bytes, sites) {
      if (bytes.length !== 8 * n * sites) return undefined;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const spins = Float64Array.from({ length: n * sites }, (_, k) => view.getFloat64(8 * k, true));
      return invalidUnitVectors(spins, sites, n) === undefined ? spins : undefined;
    },
  };
}

/**
 * One sector: the ordered directions form a continuous manifold related by symmetry (a ring, a
 * sphere; a field picks one), so there are no separate phases to visit and no metastability warning.
 */
export function continuousPhases(manifold: string): PhaseSectors {
  return {
    describe: `the direction of M (a continuous ${manifold}: one sector)`,
    order: 'absMagnetization',
    sector: () => 0,
    favoured: () => undefined,
    disfavouredWeight: () => 0,
  };
}
