// Lattice geometries for the kernels: the periodic square (L x L) and simple cubic (L x L x L)
// lattices, stated once for the core as src/lattice.ts states them for the wrapper.
//
// Site order: index i = (z L + y) L + x, x fastest (z = 0 on the square lattice); one byte a site in
// the instance's byte lattice (assembly/ising2d.ts, spinsPtr()). Bonds: every site to its +x, +y (and
// +z) neighbour, d N bonds. Checkerboard colour (x + y + z) & 1 (L even). Neighbour order where a
// kernel walks them all: +x, -x, +y, -y, +z, -z (right, left, down, up, front, back). At L = 2 the
// +x and -x neighbours are one site and both bonds count (doubled bonds), as everywhere.
//
// Kernels are generic over a geometry class G (`@final @unmanaged`, every method `@inline`, called on
// changetype<G>(0)), so each geometry gets its own specialised copy of a kernel and the square one is
// the code the 2D kernels always had. The instance's geometry is chosen by init(L, d)
// (assembly/ising2d.ts); kernels dispatch on latticeDimension() once per call.
//
// Cluster work entries (assembly/cluster-engine.ts) pack a site's coordinates into an i32:
// square (y << 16) | x; cubic (z << 20) | (y << 10) | x (L <= 1024: MAX_CUBIC_SIZE is 894).

/** The periodic L x L square lattice: 4 neighbours, one plane. */
@final @unmanaged
export class Square {
  @inline degree(): i32 { return 4; }
  @inline cubic(): bool { return false; }
  /** Planes along z. */
  @inline depth(size: i32): i32 { return 1; }
  @inline entryOf(site: i32, size: i32): i32 {
    const y = site / size;
    return (y << 16) | (site - y * size);
  }
  @inline siteOf(entry: i32, size: i32): i32 {
    return (entry >>> 16) * size + (entry & 0xffff);
  }
  /** The entry of neighbour d (0 right, 1 left, 2 down, 3 up) of the site with this entry. */
  @inline neighbour(entry: i32, d: i32, size: i32): i32 {
    const x = entry & 0xffff;
    const y = entry >>> 16;
    const last = size - 1;
    if (d == 0) return (y << 16) | (x == last ? 0 : x + 1);
    if (d == 1) return (y << 16) | (x == 0 ? last : x - 1);
    if (d == 2) return ((y == last ? 0 : y + 1) << 16) | x;
    return ((y == 0 ? last : y - 1) << 16) | x;
  }
}

/** The periodic L x L x L simple cubic lattice: 6 neighbours, L planes of L x L sites. */
@final @unmanaged
export class Cubic {
  @inline degree(): i32 { return 6; }
  @inline cubic(): bool { return true; }
  @inline depth(size: i32): i32 { return size; }
  @inline entryOf(site: i32, size: i32): i32 {
    const row = site / size;
    const z = row / size;
    return (z << 20) | ((row - z * size) << 10) | (site - row * size);
  }
  @inline siteOf(entry: i32, size: i32): i32 {
    return ((entry >>> 20) * size + ((entry >>> 10) & 0x3ff)) * size + (entry & 0x3ff);
  }
  /** The entry of neighbour d (0 right, 1 left, 2 down, 3 up, 4 front, 5 back) of the site with this entry. */
  @inline neighbour(entry: i32, d: i32, size: i32): i32 {
    const x = entry & 0x3ff;
    const y = (entry >>> 10) & 0x3ff;
    const z = entry >>> 20;
    const last = size - 1;
    const yz = entry & ~0x3ff;
    const zx = entry & ~(0x3ff << 10);
    if (d == 0) return yz | (x == last ? 0 : x + 1);
    if (d == 1) return yz | (x == 0 ? last : x - 1);
    if (d == 2) return zx | ((y == last ? 0 : y + 1) << 10);
    if (d == 3) return zx | ((y == 0 ? last : y - 1) << 10);
    const xy = entry & 0xfffff;
    if (d == 4) return xy | ((z == last ? 0 : z + 1) << 20);
    return xy | ((z == 0 ? last : z - 1) << 20);
  }
}
