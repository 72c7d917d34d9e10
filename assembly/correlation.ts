// Spin-spin correlations of the current lattice, as exact integers (measurements, not updates).
//
// For an L x L lattice (spins at spinsPtr(), row-major, one byte each, +1 or -1) one call of
// `measureCorrelations(L)` writes into its region (correlationsPtr()) the i32 values
//
//   [0 .. L/2]            C(r) = sum_i s_i (s_{i + r x} + s_{i + r y}),  r = 0 .. L/2   (periodic)
//   [L/2 + 1 .. + L]      row sums    R_y = sum_x s(x, y),  y = 0 .. L-1
//   [L/2 + 1 + L .. + L]  column sums C_x = sum_y s(x, y),  x = 0 .. L-1
//
// The wrapper turns them into G(r) = C(r) / (2N) and the Fourier components at the smallest
// nonzero wave vectors (src/correlation.ts). The TypeScript twin is src/backend/correlation-js.ts;
// both produce the same integers. Every product is a dot product of two contiguous byte rows
// (the horizontal shift reads a doubled copy of the row, so no wrap-around inside the loop),
// done 16 bytes at a time with SIMD (in the SIMD build; the scalar build loops) and a scalar tail.

import { reserve } from "./memory";
import { spinsPtr } from "./ising2d";

let region: usize = 0;
let scratch: usize = 0;
let regionSize: i32 = 0;

/** Number of i32 values one measurement writes for linear size L. */
// @ts-ignore: decorator
@inline
function valuesFor(size: i32): i32 {
  return (size >> 1) + 1 + 2 * size;
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
  if (region == 0) {
    const out = reserve(<usize>valuesFor(size) * 4);
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
  memory.fill(region, 0, <usize>valuesFor(size) * 4);
  for (let y = 0; y < size; y++) {
    const row = spins + <usize>(y * size);
    memory.copy(scratch, row, <usize>size);
    memory.copy(scratch + <usize>size, row, <usize>size);
    for (let r = 0; r <= half; r++) {
      const yr = y + r < size ? y + r : y + r - size;
      const c = dot(row, scratch + <usize>r, size) + dot(row, spins + <usize>(yr * size), size);
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
    store<i32>(rows + (<usize>y << 2), rowSum);
  }
  return 0;
}
