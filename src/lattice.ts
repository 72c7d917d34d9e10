/**
 * Lattice geometries, each stated once: dimension, neighbours, sites, bonds, size limits, and the
 * site and neighbour orders every kernel follows (assembly/lattice.ts states the same for the
 * WebAssembly core). A leaf module: it imports only the vocabulary, so that options validation,
 * kernels, the exact module, the analyses and the CLI all share it.
 *
 * Both lattices are periodic, with linear size L even (the checkerboard of the local updates needs
 * a bipartite lattice):
 * - `'square'`: L x L, N = L^2 sites, 2N bonds, 4 neighbours;
 * - `'cubic'`: the simple cubic L x L x L, N = L^3 sites, 3N bonds, 6 neighbours.
 *
 * Site order: index i = (z L + y) L + x, x fastest (z = 0 on the square lattice). Bonds: every site
 * to its +x, +y (and +z) neighbour. Checkerboard colour: (x + y + z) & 1. Neighbour order, where a
 * kernel walks them all: +x, -x, +y, -y, +z, -z ("right, left, down, up, front, back").
 *
 * L = 2 doubles bonds: the +x and -x neighbours of a site are then the same site, and the
 * Hamiltonian counts both bonds (each site has Z bonds, 2 to each of its Z/2 distinct neighbours).
 * Every kernel, the exact enumeration and the transfer matrices follow this convention.
 */
import { MAX_CUBIC_SIZE, MAX_PACKED_SIZE, MAX_SIZE, MIN_SIZE, PACKED_SIZE_MULTIPLE, type Lattice } from './vocabulary.js';

export interface LatticeGeometry {
  readonly name: Lattice;
  /** Spatial dimension d. */
  readonly dimension: 2 | 3;
  /** Nearest neighbours of a site, the coordination number Z = 2d. */
  readonly neighbours: 4 | 6;
  /** Smallest and largest linear size L (L even). */
  readonly minSize: number;
  readonly maxSize: number;
  /** The default `size` (square 64; cubic 16: 4096 sites, as many as 64^2). */
  readonly defaultSize: number;
  /** The packed layout (one bit a spin, Ising Metropolis): L a multiple of this, up to maxPackedSize (0: no packed kernel for this lattice). */
  readonly packedMultiple: number;
  readonly maxPackedSize: number;
  /** Work entries of the cluster engine: the shift of y and of z (assembly/lattice.ts). */
  readonly entryShifts: readonly [number, number];
}

export const SQUARE: LatticeGeometry = Object.freeze<LatticeGeometry>({
  name: 'square',
  dimension: 2,
  neighbours: 4,
  minSize: MIN_SIZE,
  maxSize: MAX_SIZE,
  defaultSize: 64,
  packedMultiple: PACKED_SIZE_MULTIPLE,
  maxPackedSize: MAX_PACKED_SIZE,
  entryShifts: [16, 32],
});

export const CUBIC: LatticeGeometry = Object.freeze<LatticeGeometry>({
  name: 'cubic',
  dimension: 3,
  neighbours: 6,
  minSize: MIN_SIZE,
  maxSize: MAX_CUBIC_SIZE,
  defaultSize: 16,
  packedMultiple: PACKED_SIZE_MULTIPLE,
  /** The largest multiple of 16 up to MAX_CUBIC_SIZE (the byte lattice beside the packed one bounds both). */
  maxPackedSize: MAX_CUBIC_SIZE - (MAX_CUBIC_SIZE % PACKED_SIZE_MULTIPLE),
  entryShifts: [10, 20],
});

export const GEOMETRIES: Readonly<Record<Lattice, LatticeGeometry>> = Object.freeze({ square: SQUARE, cubic: CUBIC });

/** The geometry of `lattice` (square when absent: the lattice of every release before the cubic one). */
export function geometryOf(lattice: Lattice | undefined): LatticeGeometry {
  return GEOMETRIES[lattice ?? 'square'];
}

/** Number of sites N = L^d. */
export function sitesOf(geometry: LatticeGeometry, size: number): number {
  return size ** geometry.dimension;
}

/** Number of sites of options that may leave `lattice` (square) and `size` (the lattice's default) out. */
export function sitesOfOptions(options: { lattice?: Lattice; size?: number }): number {
  const geometry = geometryOf(options.lattice);
  return sitesOf(geometry, options.size ?? geometry.defaultSize);
}

/**
 * Calls visit(i, right, below, front) for every site i in site order with its +x, +y and +z
 * neighbours (front is -1 on the square lattice): every bond once. For the reference loops (recounts,
 * the JavaScript Swendsen-Wang of the cubic lattice); hot kernels unroll the same walk.
 */
export function forEachForwardBond(geometry: LatticeGeometry, size: number, visit: (i: number, right: number, below: number, front: number) => void): void {
  const plane = size * size;
  const last = size - 1;
  const depth = depthOf(geometry, size);
  for (let z = 0; z < depth; z++) {
    const base = z * plane;
    const ahead = depth === 1 ? -1 : (z === depth - 1 ? 0 : z + 1) * plane;
    for (let y = 0; y < size; y++) {
      const row = base + y * size;
      const down = base + (y === last ? 0 : y + 1) * size;
      const front = ahead < 0 ? -1 : ahead + y * size;
      for (let x = 0; x < size; x++) visit(row + x, row + (x === last ? 0 : x + 1), down + x, front < 0 ? -1 : front + x);
    }
  }
}

/** Planes of the lattice along z: L on the cubic lattice, 1 on the square one. */
export function depthOf(geometry: LatticeGeometry, size: number): number {
  return geometry.dimension === 3 ? size : 1;
}

/** The shape for messages: '16 x 16' or '16 x 16 x 16'. */
export function shapeOf(geometry: LatticeGeometry, size: number): string {
  return Array.from({ length: geometry.dimension }, () => size).join(' x ');
}

/** Whether the packed layout holds a lattice of linear size L. */
export function packableOn(geometry: LatticeGeometry, size: number): boolean {
  return size % geometry.packedMultiple === 0 && size >= geometry.packedMultiple && size <= geometry.maxPackedSize;
}

/**
 * The Z neighbours of site i in the neighbour order (+x, -x, +y, -y, +z, -z), written to `out`.
 * For reference code (exact enumeration, tests, analyses); kernels unroll the same order.
 */
export function neighbourSites(
  geometry: LatticeGeometry,
  size: number,
  i: number,
  out: Int32Array | number[] = new Int32Array(geometry.neighbours),
): Int32Array | number[] {
  const L = size;
  const x = i % L;
  const y = Math.floor(i / L) % L;
  const z = Math.floor(i / (L * L));
  const at = (xx: number, yy: number, zz: number) => (zz * L + yy) * L + xx;
  out[0] = at(x === L - 1 ? 0 : x + 1, y, z);
  out[1] = at(x === 0 ? L - 1 : x - 1, y, z);
  out[2] = at(x, y === L - 1 ? 0 : y + 1, z);
  out[3] = at(x, y === 0 ? L - 1 : y - 1, z);
  if (geometry.dimension === 3) {
    out[4] = at(x, y, z === L - 1 ? 0 : z + 1);
    out[5] = at(x, y, z === 0 ? L - 1 : z - 1);
  }
  return out;
}

/** The work entry of site i (the cluster engine's packed coordinates: x | y << s_y | z << s_z). */
export function entryOfSite(geometry: LatticeGeometry, size: number, i: number): number {
  const [sy, sz] = geometry.entryShifts;
  const x = i % size;
  const y = Math.floor(i / size) % size;
  const z = Math.floor(i / (size * size));
  return x | (y << sy) | (geometry.dimension === 3 ? z << sz : 0);
}

/** The site of a work entry (the inverse of {@link entryOfSite}). */
export function siteOfEntry(geometry: LatticeGeometry, size: number, entry: number): number {
  const [sy, sz] = geometry.entryShifts;
  const mask = (1 << sy) - 1;
  const x = entry & mask;
  if (geometry.dimension === 2) return (entry >>> sy) * size + x;
  const y = (entry >>> sy) & mask;
  const z = entry >>> sz;
  return (z * size + y) * size + x;
}
