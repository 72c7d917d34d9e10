/**
 * The JavaScript twin of assembly/correlation.ts: the same integers from the same lattice.
 *
 * Layout of `out` (length {@link correlationValues}(L, d); d = 2 square, 3 cubic; site order
 * (z L + y) L + x):
 *   out[r]                  C(r) = sum_i s_i (s_{i + r x} + s_{i + r y} [+ s_{i + r z}]),  r = 0 .. L/2 (periodic)
 *   out[L/2 + 1 + y]        plane sums along y: R_y = sum_{x [, z]} s(x, y [, z])
 *   out[L/2 + 1 + L + x]    plane sums along x: C_x = sum_{y [, z]} s(x, y [, z])
 *   out[L/2 + 1 + 2L + z]   (cubic only) plane sums along z: P_z = sum_{x, y} s(x, y, z)
 */

/** Number of values one correlation measurement writes for linear size L in dimension d. */
export function correlationValues(size: number, dimension = 2): number {
  return (size >> 1) + 1 + dimension * size;
}

/** Fills `out` with C(r) and the plane sums of `spins` (L^d sites in site order, +1 / -1). */
export function measureCorrelationsJs(spins: Int8Array, size: number, out: Int32Array, dimension = 2): void {
  const L = size;
  const half = L >> 1;
  const rows = half + 1;
  const cols = rows + L;
  const planes = cols + L;
  const plane = L * L;
  const depth = dimension === 3 ? L : 1;
  out.fill(0, 0, correlationValues(L, dimension));
  for (let z = 0; z < depth; z++) {
    const base = z * plane;
    let planeSum = 0;
    for (let y = 0; y < L; y++) {
      const row = base + y * L;
      for (let r = 0; r <= half; r++) {
        const other = base + (y + r < L ? y + r : y + r - L) * L;
        const ahead = (z + r < L ? z + r : z + r - L) * plane + y * L;
        let c = 0;
        for (let x = 0; x < L; x++) {
          const s = spins[row + x];
          c += s * (spins[row + (x + r < L ? x + r : x + r - L)] + spins[other + x] + (dimension === 3 ? spins[ahead + x] : 0));
        }
        out[r] += c;
      }
      let rowSum = 0;
      for (let x = 0; x < L; x++) {
        const s = spins[row + x];
        rowSum += s;
        out[cols + x] += s;
      }
      out[rows + y] += rowSum;
      planeSum += rowSum;
    }
    if (dimension === 3) out[planes + z] = planeSum;
  }
}
