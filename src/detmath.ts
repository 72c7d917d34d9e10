/**
 * Deterministic elementary functions: sin, cos and exp from +, -, *, / and floor only, the twin of
 * assembly/detmath.ts (the same operations in the same order), so that kernels on both backends
 * agree bit for bit. Engines' Math.sin / Math.cos / Math.exp are not required to agree to the bit
 * (ECMAScript leaves their accuracy to the implementation); IEEE 754 +, -, *, /, sqrt and floor
 * are correctly rounded in every engine and in WebAssembly. A leaf module: it imports nothing.
 *
 * Accuracy: within a few ulp of the true value (test/detmath.test.ts: within 1e-15 relative of Math).
 * - detSin, detCos: |x| <= DETMATH_MAX_ANGLE (about 1.6e6), NaN beyond. Reduction x = n pi/2 + r
 *   with pi/2 in three 33-bit parts and a tail (Cody and Waite, 1980), n = floor(x 2/pi + 1/2) < 2^20 so that
 *   every n * part is exact; Taylor polynomials on |r| <= pi/4 (through r^17 for sin, r^18 for cos).
 * - detSinSmall, detCosSmall: Taylor through r^7 and r^6 without range reduction for |r| <= 1/64
 *   (within a few ulp); detSinTiny, detCosTiny: through r^5 and r^4 for |r| <= 1/256, the small part
 *   of the XY Metropolis rotations;
 *   detExpSmall: e^x for -708 <= x <= 0, detExp's reduction and Taylor polynomial evaluated by
 *   Estrin's scheme (shorter dependency chains; what the SIMD kernels evaluate lane by lane).
 * - detExp: x = k ln 2 + r (ln 2 in two parts), |r| <= ln 2 / 2, Taylor through r^13, times 2^k
 *   built from its bits; 0 below -745.14, +Infinity above 709.79.
 */

/** Largest |x| for detSin and detCos. */
export const DETMATH_MAX_ANGLE = 1.6e6;

const TWO_OVER_PI = 0.6366197723675814;
const PIO2_1 = 1.57079632673412561417; // first 33 bits of pi/2
const PIO2_2 = 6.0771005063039659766e-11; // next 33 bits
const PIO2_3 = 2.0222662487111664558e-21; // next 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // pi/2 - PIO2_1 - PIO2_2 - PIO2_3

const INV_LN2 = 1.4426950408889634;
const LN2_HI = 6.9314718036912381649e-1; // ln 2 to 32 bits: k LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10; // ln 2 - LN2_HI

function sinPoly(r: number): number {
  const z = r * r;
  return (
    r +
    r *
      z *
      (-0.16666666666666666 +
        z *
          (0.008333333333333333 +
            z *
              (-0.0001984126984126984 +
                z *
                  (0.0000027557319223985893 +
                    z * (-2.505210838544172e-8 + z * (1.6059043836821613e-10 + z * (-7.647163731819816e-13 + z * 2.8114572543455206e-15)))))))
  );
}

function cosPoly(r: number): number {
  const z = r * r;
  return (
    1.0 +
    z *
      (-0.5 +
        z *
          (0.041666666666666664 +
            z *
              (-0.001388888888888889 +
                z *
                  (0.0000248015873015873 +
                    z *
                      (-2.755731922398589e-7 +
                        z * (2.08767569878681e-9 + z * (-1.1470745597729725e-11 + z * (4.779477332387385e-14 + z * -1.5619206968586225e-16))))))))
  );
}

/** sin x, deterministic (NaN for |x| > DETMATH_MAX_ANGLE or NaN). */
export function detSin(x: number): number {
  if (!(Math.abs(x) <= DETMATH_MAX_ANGLE)) return NaN;
  const n = Math.floor(x * TWO_OVER_PI + 0.5);
  const r = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_3 - n * PIO2_3T;
  const quadrant = n & 3;
  if (quadrant === 0) return sinPoly(r);
  if (quadrant === 1) return cosPoly(r);
  if (quadrant === 2) return -sinPoly(r);
  return -cosPoly(r);
}

/** cos x, deterministic (NaN for |x| > DETMATH_MAX_ANGLE or NaN). */
export function detCos(x: number): number {
  if (!(Math.abs(x) <= DETMATH_MAX_ANGLE)) return NaN;
  const n = Math.floor(x * TWO_OVER_PI + 0.5);
  const r = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_3 - n * PIO2_3T;
  const quadrant = n & 3;
  if (quadrant === 0) return cosPoly(r);
  if (quadrant === 1) return -sinPoly(r);
  if (quadrant === 2) return -cosPoly(r);
  return sinPoly(r);
}

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for -1022 <= k <= 1023, exactly (from its bits). */
function pow2(k: number): number {
  bits.setUint32(0, (k + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** e^x, deterministic: 0 below -745.1332191019412, +Infinity above 709.782712893384, NaN for NaN. */
export function detExp(x: number): number {
  if (x !== x) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  const p =
    1.0 +
    r *
      (1.0 +
        r *
          (0.5 +
            r *
              (0.16666666666666666 +
                r *
                  (0.041666666666666664 +
                    r *
                      (0.008333333333333333 +
                        r *
                          (0.001388888888888889 +
                            r *
                              (0.0001984126984126984 +
                                r *
                                  (0.0000248015873015873 +
                                    r *
                                      (0.0000027557319223985893 +
                                        r *
                                          (2.755731922398589e-7 + r * (2.505210838544172e-8 + r * (2.08767569878681e-9 + r * 1.6059043836821613e-10))))))))))));
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(k + 1000) * pow2(-1000);
  return p * pow2(k);
}

const S3 = -0.16666666666666666;
const S5 = 0.008333333333333333;
const S7 = -0.0001984126984126984;
const C2 = -0.5;
const C4 = 0.041666666666666664;
const C6 = -0.001388888888888889;
const E2 = 0.5;
const E3 = 0.16666666666666666;
const E4 = 0.041666666666666664;
const E5 = 0.008333333333333333;
const E6 = 0.001388888888888889;
const E7 = 0.0001984126984126984;
const E8 = 0.0000248015873015873;
const E9 = 0.0000027557319223985893;
const E10 = 2.755731922398589e-7;
const E11 = 2.505210838544172e-8;
const E12 = 2.08767569878681e-9;
const E13 = 1.6059043836821613e-10;

/** sin r for |r| <= 1/64 (Taylor through r^7). */
export function detSinSmall(r: number): number {
  const z = r * r;
  return r + r * z * (S3 + z * (S5 + z * S7));
}

/** cos r for |r| <= 1/64 (Taylor through r^6). */
export function detCosSmall(r: number): number {
  const z = r * r;
  return 1.0 + z * (C2 + z * (C4 + z * C6));
}

/** sin r for |r| <= 1/256 (Taylor through r^5: the error below r^7 / 5040, under 2e-19 relative). */
export function detSinTiny(r: number): number {
  const z = r * r;
  return r + r * z * (S3 + z * S5);
}

/** cos r for |r| <= 1/256 (Taylor through r^4: the error below r^6 / 720, under 6e-18). */
export function detCosTiny(r: number): number {
  const z = r * r;
  return 1.0 + z * (C2 + z * C4);
}

/** 2^k for -1022 <= k <= 0 at [k + 1022]. */
const POW2_NONPOSITIVE = Float64Array.from({ length: 1023 }, (_, j) => pow2(j - 1022));

/** e^x for -708 <= x <= 0 (Estrin's scheme; see the module comment). */
export function detExpSmall(x: number): number {
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const w0 = 1.0 + r + (E2 + E3 * r) * r2;
  const w1 = E4 + E5 * r + (E6 + E7 * r) * r2;
  const w2 = E8 + E9 * r + (E10 + E11 * r) * r2;
  const w3 = E12 + E13 * r;
  const p = w0 + w1 * r4 + (w2 + w3 * r4) * r8;
  return p * POW2_NONPOSITIVE[k + 1022];
}

const SQRT2 = 1.4142135623730951;
const TWO_POW_54 = 18014398509481984;

/**
 * ln x, deterministic: -Infinity at 0, NaN below 0 or for NaN, +Infinity at +Infinity. x = 2^k m with
 * m in [sqrt(1/2), sqrt(2)) (subnormals first scaled by 2^54), s = (m - 1) / (m + 1),
 * ln m = 2 atanh s = s (2 + z (2/3 + z (2/5 + ... + z 2/23))) with z = s^2 <= 0.0295,
 * ln x = k LN2_HI + (k LN2_LO + ln m).
 */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * TWO_POW_54;
    k = -54;
  }
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  k += (high >>> 20) - 1023;
  bits.setUint32(0, (high & 0x000fffff) | 0x3ff00000);
  let m = bits.getFloat64(0);
  if (m > SQRT2) {
    m = m * 0.5;
    k++;
  }
  const s = (m - 1.0) / (m + 1.0);
  const z = s * s;
  const p =
    2.0 +
    z *
      (0.6666666666666666 +
        z *
          (0.4 +
            z *
              (0.2857142857142857 +
                z *
                  (0.2222222222222222 +
                    z *
                      (0.18181818181818182 +
                        z *
                          (0.15384615384615385 +
                            z * (0.13333333333333333 + z * (0.11764705882352941 + z * (0.10526315789473684 + z * (0.09523809523809523 + z * 0.08695652173913043))))))))));
  return k * LN2_HI + (k * LN2_LO + s * p);
}
