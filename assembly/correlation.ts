// Spin-spin correlations of the current lattice, as exact integers (measurements, not updates).
//
// For the instance's lattice (spins at spinsPtr(), one byte each, +1 or -1, in site order
// (z L + y) L + x; d = 2 square, 3 cubic) one call of `measureCorrelations(L)` writes into its
// region (correlationsPtr()) the i32 values
//
//   [0 .. L/2]               C(r) = sum_i s_i (s_{i + r x} + s_{i + r y} [+ s_{i + r z}]),  r = 0 .. L/2   (periodic)
//   [L/2 + 1 .. + L]         plane sums along y: R_y = sum_{x [, z]} s(x, y [, z]),  y = 0 .. L-1
//   [L/2 + 1 + L .. + L]     plane sums along x: C_x = sum_{y [, z]} s(x, y [, z]),  x = 0 .. L-1
//   [L/2 + 1 + 2L .. + L]    (cubic only) plane sums along z: P_z = sum_{x, y} s(x, y, z)
//
// The wrapper turns them into G(r) = C(r) / (2N) and the Fourier components at the smallest
// nonzero wave vectors (src/correlation.ts). The TypeScript twin is src/backend/correlation-js.ts;
// both produce the same integers. Every product is a dot product of two contiguous byte rows
// (the horizontal shift reads a doubled copy of the row, so no wrap-around inside the loop),
// done 16 bytes at a time with SIMD (in the SIMD build; the scalar build loops) and a scalar tail.

import { reserve } from "./memory";
import { latticeDimension, spinsPtr } from "./ising2d";

let region: usize = 0;
let scratch: usize = 0;
let regionSize: i32 = 0;

/** Number of i32 values one measurement writes for linear size L in dimension d. */
// @ts-ignore: decorator
@inline
function valuesFor(size: i32, dimension: i32): i32 {
  return (size >> 1) + 1 + dimension * size;
}

/** Sum over k < n of a[k] * b[k] for bytes +1 / -1. */
// @ts-ignore: decorator
@inline
function dot(a: usize, b: usize, n: i32): i32 {
  let sum = 0;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = i32x4.splat(0);
    for (; k + 16 <= n; k += 16) {
      const x = v128.load(a + <usize>k);
      const y = v128.load(b + <usize>k);
      const p = i16x8.add(i16x8.extmul_low_i8x16_s(x, y), i16x8.extmul_high_i8x16_s(x, y));
      acc = i32x4.add(acc, i32x4.extadd_pairwise_i16x8_s(p));
    }
    sum = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  }
  for (; k < n; k++) sum += <i32>load<i8>(a + <usize>k) * <i32>load<i8>(b + <usize>k);
  return sum;
}

/** Address of the output region (0 before the first successful measurement). */
export function correlationsPtr(): usize {
  return region;
}

/**
 * Measures C(r), the row sums and the column sums of the current L x L lattice (see the
 * module comment). Reserves its region on first use (the size of an instance never changes).
 * Returns 0, or -1 when memory cannot grow (or `size` differs from the first call's).
 */
export function measureCorrelations(size: i32): i32 {
  const dimension = latticeDimension();
  if (region == 0) {
    const out = reserve(<usize>valuesFor(size, dimension) * 4);
    const buf = reserve(<usize>(2 * size));
    if (out == 0 || buf == 0) return -1;
    region = out;
    scratch = buf;
    regionSize = size;
  }
  if (size != regionSize) return -1;
  const spins = spinsPtr();
  const half = size >> 1;
  const rows = region + <usize>(half + 1) * 4;
  const cols = rows + <usize>size * 4;
  const planes = cols + <usize>size * 4;
  const plane = <usize>size * <usize>size;
  const depth = dimension == 3 ? size : 1;
  memory.fill(region, 0, <usize>valuesFor(size, dimension) * 4);
  for (let z = 0; z < depth; z++) {
    const base = spins + <usize>z * plane;
    let planeSum: i32 = 0;
    for (let y = 0; y < size; y++) {
      const row = base + <usize>(y * size);
      memory.copy(scratch, row, <usize>size);
      memory.copy(scratch + <usize>size, row, <usize>size);
      for (let r = 0; r <= half; r++) {
        const yr = y + r < size ? y + r : y + r - size;
        let c = dot(row, scratch + <usize>r, size) + dot(row, base + <usize>(yr * size), size);
        if (dimension == 3) {
          const zr = z + r < size ? z + r : z + r - size;
          c += dot(row, spins + <usize>zr * plane + <usize>(y * size), size);
        }
        const at = region + (<usize>r << 2);
        store<i32>(at, load<i32>(at) + c);
      }
      let rowSum: i32 = 0;
      for (let x = 0; x < size; x++) {
        const s = <i32>load<i8>(row + <usize>x);
        rowSum += s;
        const at = cols + (<usize>x << 2);
        store<i32>(at, load<i32>(at) + s);
      }
      const at = rows + (<usize>y << 2);
      store<i32>(at, load<i32>(at) + rowSum);
      planeSum += rowSum;
    }
    if (dimension == 3) store<i32>(planes + (<usize>z << 2), planeSum);
  }
  return 0;
}
