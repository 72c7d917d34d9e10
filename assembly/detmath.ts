// Deterministic elementary functions: sin, cos and exp from +, -, *, / and floor only, so that
// this file and its TypeScript twin src/detmath.ts (the same operations in the same order) give
// bit-identical results. Engines' Math.sin / Math.cos / Math.exp need not agree to the bit across
// engines (or with WebAssembly); IEEE 754 +, -, *, /, sqrt and floor are correctly rounded everywhere.
//
// detSinSmall / detCosSmall: Taylor polynomials without range reduction for |r| <= 1/64 (through r^7
// and r^6; within a few ulp); detSinTiny / detCosTiny: the same through r^5 and r^4 for |r| <= 1/256,
// the small part of the XY Metropolis rotations; detExpSmall: e^x for -708 <= x <= 0 with the reduction of detExp and the same Taylor polynomial
// evaluated by Estrin's scheme (shorter dependency chains; within a few ulp as well). With SIMD the same
// operations lane by lane on f64x2 (detSinTiny2, detCosTiny2, detExpSmall2: each lane bit-identical
// to the scalar function and to the TypeScript twins).
//
// Accuracy: within a few ulp of the true value (tests: within 1e-15 relative of Math).
// sin / cos: |x| <= DETMATH_MAX_ANGLE (about 1.6e6), NaN beyond; reduction x = n pi/2 + r with
// pi/2 in three 33-bit parts and a tail (Cody and Waite), then Taylor polynomials on |r| <= pi/4 (through r^17
// for sin, r^18 for cos). exp: x = k ln 2 + r, |r| <= ln 2 / 2, Taylor through r^13, times 2^k.

/** Largest |x| for detSin and detCos: n = round(x 2/pi) stays below 2^20, so n (pi/2 parts) is exact. */
export const DETMATH_MAX_ANGLE: f64 = 1.6e6;

const TWO_OVER_PI: f64 = 0.6366197723675814;
const PIO2_1: f64 = 1.57079632673412561417e+00; // first 33 bits of pi/2
const PIO2_2: f64 = 6.07710050630396597660e-11; // next 33 bits
const PIO2_3: f64 = 2.02226624871116645580e-21; // next 33 bits
const PIO2_3T: f64 = 8.47842766036889956997e-32; // pi/2 - PIO2_1 - PIO2_2 - PIO2_3

const INV_LN2: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-01; // ln 2 to 32 bits: k LN2_HI is exact
const LN2_LO: f64 = 1.90821492927058770002e-10; // ln 2 - LN2_HI

// @ts-ignore: decorator
@inline
function sinPoly(r: f64): f64 {
  const z = r * r;
  return r + r * z * (-0.16666666666666666 + z * (0.008333333333333333 + z * (-0.0001984126984126984 + z * (0.0000027557319223985893
    + z * (-2.505210838544172e-8 + z * (1.6059043836821613e-10 + z * (-7.647163731819816e-13 + z * 2.8114572543455206e-15)))))));
}

// @ts-ignore: decorator
@inline
function cosPoly(r: f64): f64 {
  const z = r * r;
  return 1.0 + z * (-0.5 + z * (0.041666666666666664 + z * (-0.001388888888888889 + z * (0.0000248015873015873
    + z * (-2.755731922398589e-7 + z * (2.08767569878681e-9 + z * (-1.1470745597729725e-11 + z * (4.779477332387385e-14 + z * -1.5619206968586225e-16))))))));
}

/** sin x (deterministic; NaN for |x| > DETMATH_MAX_ANGLE or NaN). */
export function detSin(x: f64): f64 {
  if (!(Math.abs(x) <= DETMATH_MAX_ANGLE)) return NaN;
  const n = Math.floor(x * TWO_OVER_PI + 0.5);
  const r = (((x - n * PIO2_1) - n * PIO2_2) - n * PIO2_3) - n * PIO2_3T;
  const quadrant = (<i32>n) & 3;
  if (quadrant == 0) return sinPoly(r);
  if (quadrant == 1) return cosPoly(r);
  if (quadrant == 2) return -sinPoly(r);
  return -cosPoly(r);
}

/** cos x (deterministic; NaN for |x| > DETMATH_MAX_ANGLE or NaN). */
export function detCos(x: f64): f64 {
  if (!(Math.abs(x) <= DETMATH_MAX_ANGLE)) return NaN;
  const n = Math.floor(x * TWO_OVER_PI + 0.5);
  const r = (((x - n * PIO2_1) - n * PIO2_2) - n * PIO2_3) - n * PIO2_3T;
  const quadrant = (<i32>n) & 3;
  if (quadrant == 0) return cosPoly(r);
  if (quadrant == 1) return -sinPoly(r);
  if (quadrant == 2) return -cosPoly(r);
  return sinPoly(r);
}

// @ts-ignore: decorator
@inline
function pow2(k: i32): f64 {
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** e^x (deterministic): 0 below -745.2, +Infinity above 709.79, NaN for NaN. */
export function detExp(x: f64): f64 {
  if (x != x) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0.0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = (x - k * LN2_HI) - k * LN2_LO;
  const p = 1.0 + r * (1.0 + r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (0.008333333333333333
    + r * (0.001388888888888889 + r * (0.0001984126984126984 + r * (0.0000248015873015873 + r * (0.0000027557319223985893
    + r * (2.755731922398589e-7 + r * (2.505210838544172e-8 + r * (2.08767569878681e-9 + r * 1.6059043836821613e-10))))))))))));
  const n = <i32>k;
  if (n > 1023) return p * pow2(1023) * pow2(n - 1023);
  if (n < -1022) return p * pow2(n + 1000) * pow2(-1000);
  return p * pow2(n);
}

const S3: f64 = -0.16666666666666666;
const S5: f64 = 0.008333333333333333;
const S7: f64 = -0.0001984126984126984;
const C2: f64 = -0.5;
const C4: f64 = 0.041666666666666664;
const C6: f64 = -0.001388888888888889;
const E2: f64 = 0.5;
const E3: f64 = 0.16666666666666666;
const E4: f64 = 0.041666666666666664;
const E5: f64 = 0.008333333333333333;
const E6: f64 = 0.001388888888888889;
const E7: f64 = 0.0001984126984126984;
const E8: f64 = 0.0000248015873015873;
const E9: f64 = 0.0000027557319223985893;
const E10: f64 = 2.755731922398589e-7;
const E11: f64 = 2.505210838544172e-8;
const E12: f64 = 2.08767569878681e-9;
const E13: f64 = 1.6059043836821613e-10;

/** sin r for |r| <= 1/64 (Taylor through r^7). */
// @ts-ignore: decorator
@inline
export function detSinSmall(r: f64): f64 {
  const z = r * r;
  return r + r * z * (S3 + z * (S5 + z * S7));
}

/** cos r for |r| <= 1/64 (Taylor through r^6). */
// @ts-ignore: decorator
@inline
export function detCosSmall(r: f64): f64 {
  const z = r * r;
  return 1.0 + z * (C2 + z * (C4 + z * C6));
}

/** e^x for -708 <= x <= 0 (see the file comment). */
// @ts-ignore: decorator
@inline
export function detExpSmall(x: f64): f64 {
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = (x - k * LN2_HI) - k * LN2_LO;
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const w0 = (1.0 + r) + (E2 + E3 * r) * r2;
  const w1 = (E4 + E5 * r) + (E6 + E7 * r) * r2;
  const w2 = (E8 + E9 * r) + (E10 + E11 * r) * r2;
  const w3 = E12 + E13 * r;
  const p = (w0 + w1 * r4) + (w2 + w3 * r4) * r8;
  return p * pow2(<i32>k);
}

// @ts-ignore: decorator
@inline
function mul2(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
// @ts-ignore: decorator
@inline
function add2(a: v128, b: v128): v128 { return f64x2.add(a, b); }
// @ts-ignore: decorator
@inline
function k2(c: f64): v128 { return f64x2.splat(c); }
// @ts-ignore: decorator
@inline
function lin2(a: f64, b: f64, r: v128): v128 { return add2(k2(a), mul2(k2(b), r)); }

/** sin r for |r| <= 1/256 (Taylor through r^5: the error below r^7 / 5040, under 2e-19 relative). */
// @ts-ignore: decorator
@inline
export function detSinTiny(r: f64): f64 {
  const z = r * r;
  return r + r * z * (S3 + z * S5);
}

/** cos r for |r| <= 1/256 (Taylor through r^4: the error below r^6 / 720, under 6e-18). */
// @ts-ignore: decorator
@inline
export function detCosTiny(r: f64): f64 {
  const z = r * r;
  return 1.0 + z * (C2 + z * C4);
}

/** detSinTiny on both lanes. */
// @ts-ignore: decorator
@inline
export function detSinTiny2(r: v128): v128 {
  const z = mul2(r, r);
  return add2(r, mul2(mul2(r, z), lin2(S3, S5, z)));
}

/** detCosTiny on both lanes. */
// @ts-ignore: decorator
@inline
export function detCosTiny2(r: v128): v128 {
  const z = mul2(r, r);
  return add2(k2(1.0), mul2(z, lin2(C2, C4, z)));
}

/** detExpSmall on both lanes (-708 <= x <= 0). */
// @ts-ignore: decorator
@inline
export function detExpSmall2(x: v128): v128 {
  const k = f64x2.floor(add2(mul2(x, k2(INV_LN2)), k2(0.5)));
  const r = f64x2.sub(f64x2.sub(x, mul2(k, k2(LN2_HI))), mul2(k, k2(LN2_LO)));
  const r2 = mul2(r, r);
  const r4 = mul2(r2, r2);
  const r8 = mul2(r4, r4);
  const w0 = add2(add2(k2(1.0), r), mul2(lin2(E2, E3, r), r2));
  const w1 = add2(lin2(E4, E5, r), mul2(lin2(E6, E7, r), r2));
  const w2 = add2(lin2(E8, E9, r), mul2(lin2(E10, E11, r), r2));
  const w3 = lin2(E12, E13, r);
  const p = add2(add2(w0, mul2(w1, r4)), mul2(add2(w2, mul2(w3, r4)), r8));
  const n = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  return mul2(p, i64x2.shl(i64x2.add(n, i64x2.splat(1023)), 52));
}

// ln x: x = 2^k m with m in [sqrt(1/2), sqrt(2)) (subnormals first scaled by 2^54), s = (m - 1) / (m + 1),
// ln m = 2 atanh s = s (2 + z (2/3 + z (2/5 + ... + z 2/23))), z = s^2 <= 0.0295 (the series through s^23),
// ln x = k LN2_HI + (k LN2_LO + ln m).
const SQRT2: f64 = 1.4142135623730951;
const TWO_POW_54: f64 = 18014398509481984.0;

/** ln x (deterministic): -Infinity at 0, NaN below 0 or for NaN, +Infinity at +Infinity. */
export function detLog(x: f64): f64 {
  if (!(x > 0)) return x == 0 ? -Infinity : NaN;
  if (x == Infinity) return x;
  let k: i32 = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * TWO_POW_54;
    k = -54;
  }
  const bits = reinterpret<u64>(x);
  k += <i32>(bits >> 52) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > SQRT2) {
    m = m * 0.5;
    k++;
  }
  const s = (m - 1.0) / (m + 1.0);
  const z = s * s;
  const p = 2.0 + z * (0.6666666666666666 + z * (0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * (0.18181818181818182
    + z * (0.15384615384615385 + z * (0.13333333333333333 + z * (0.11764705882352941 + z * (0.10526315789473684
    + z * (0.09523809523809523 + z * 0.08695652173913043))))))))));
  const n = <f64>k;
  return n * LN2_HI + (n * LN2_LO + s * p);
}
