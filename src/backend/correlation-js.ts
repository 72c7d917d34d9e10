/**
 * The JavaScript twin of assembly/correlation.ts: the same integers from the same lattice.
 *
 * Layout of `out` (length {@link correlationValues}(L)):
 *   out[r]                 C(r) = sum_i s_i (s_{i + r x} + s_{i + r y}),  r = 0 .. L/2 (periodic)
 *   out[L/2 + 1 + y]       row sums    R_y = sum_x s(x, y)
 *   out[L/2 + 1 + L + x]   column sums C_x = sum_y s(x, y)
 */

/** Number of values one correlation measurement writes for linear size L. */
export function correlationValues(size: number): number {
  return (size >> 1) + 1 + 2 * size;
}

/** Fills `out` with C(r), the row sums and the column sums of `spins` (L x L, row-major, +1 / -1). */
export function measureCorrelationsJs(spins: Int8Array, size: number, out: Int32Array): void {
  const L = size;
  const half = L >> 1;
  const rows = half + 1;
  const cols = rows + L;
  out.fill(0, 0, correlationValues(L));
  for (let y = 0; y < L; y++) {
    const row = y * L;
    for (let r = 0; r <= half; r++) {
      const other = (y + r < L ? y + r : y + r - L) * L;
      let c = 0;
      for (let x = 0; x < L; x++) {
        const s = spins[row + x];
        c += s * (spins[row + (x + r < L ? x + r : x + r - L)] + spins[other + x]);
      }
      out[r] += c;
    }
    let rowSum = 0;
    for (let x = 0; x < L; x++) {
      const s = spins[row + x];
      rowSum += s;
      out[cols + x] += s;
    }
    out[rows + y] = rowSum;
  }
}
