/**
 * exp(x) for x <= 0 with the exact operations of assembly/multicanonical.ts (expNonPositive), so that the
 * WebAssembly and JavaScript kernels take the same Metropolis decisions bit for bit: engines' Math.exp
 * need not agree to the last bit, but +, -, *, / and floor of IEEE doubles do.
 *
 * 0 below x = -40; otherwise x = k ln2/64 + r with k = floor(x 64/ln 2 + 1/2), |r| <= ln 2 / 128 (ln 2 / 64
 * split in Cody and Waite's high and low parts), and exp(x) = 2^-j 2^(-i/64) exp(r) with -k = 64 j + i:
 * exp(r) by its Taylor polynomial of degree 5, 2^(-i/64) from a table built once as the square of the
 * degree-13 Taylor polynomial at -i ln2/128, 2^-j exact. Relative error about 1e-16
 * (test/multicanonical.test.ts checks it against Math.exp).
 *
 * @module
 */

/** 64 / ln 2 */
const SCALE = 92.33248261689366;
const STEP_HI = 6.9314718036912381649e-1 / 64;
const STEP_LO = 1.90821492927058770002e-10 / 64;

/** exp(r) for |r| <= ln 2 / 2 by its Taylor polynomial of degree 13 (Horner): builds the table. */
function expTaylor(r: number): number {
  let p = 1 / 6227020800;
  p = p * r + 1 / 479001600;
  p = p * r + 1 / 39916800;
  p = p * r + 1 / 3628800;
  p = p * r + 1 / 362880;
  p = p * r + 1 / 40320;
  p = p * r + 1 / 5040;
  p = p * r + 1 / 720;
  p = p * r + 1 / 120;
  p = p * r + 1 / 24;
  p = p * r + 1 / 6;
  p = p * r + 0.5;
  p = p * r + 1;
  return p * r + 1;
}

/** 2^-j (j = 0 .. 63, exact, by halving), then 2^(-i/64) (i = 0 .. 63). */
const POWERS = new Float64Array(128);
for (let k = 0, p = 1; k < 64; k++, p *= 0.5) POWERS[k] = p;
for (let i = 0; i < 64; i++) {
  const half = expTaylor(-i * (STEP_HI + STEP_LO) * 0.5);
  POWERS[64 + i] = half * half;
}

/** exp(x) for x <= 0, bit for bit as the WebAssembly kernel computes it. */
export function expNonPositive(x: number): number {
  if (x < -40) return 0;
  const k = Math.floor(x * SCALE + 0.5);
  const r = x - k * STEP_HI - k * STEP_LO;
  const m = -k;
  const r2 = r * r;
  const e = 1 + r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
  return e * POWERS[64 + (m & 63)] * POWERS[m >> 6];
}
