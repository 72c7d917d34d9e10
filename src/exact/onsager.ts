/**
 * Exact thermodynamics of the two-dimensional Ising model on the infinite square lattice
 * in zero field (Onsager 1944; spontaneous magnetization: Onsager/Yang 1952).
 *
 * Conventions used throughout `src/exact/`:
 * - Hamiltonian `H = -J Σ_<ij> s_i s_j - h Σ_i s_i` with `s_i = ±1`, `J = 1`, `k_B = 1`.
 * - `β = 1/T`, `K = βJ = 1/T`.
 * - All results are per site: energy `e = E/N`, specific heat `c = β² (<E²> - <E>²) / N`,
 *   magnetization `m = M/N`, free energy `f = -T ln Z / N`.
 * - Here `h = 0` and `N → ∞` (two bonds per site).
 *
 * Notation: `s = sinh 2K`, `t = tanh 2K`, elliptic modulus `k = 2 sinh 2K / cosh² 2K`,
 * complementary modulus `k' = 2 tanh² 2K - 1 = (s² - 1)/(s² + 1)` (signed; `k² + k'² = 1`,
 * `k' = 0` exactly at the critical point `sinh 2K_c = 1`).
 *
 * @module
 */

/** `ln(1 + √2)`. */
const LN_1_PLUS_SQRT2 = Math.log(1 + Math.SQRT2);

/**
 * Critical temperature of the square-lattice Ising model, `T_c = 2 / ln(1 + √2) = 2.269185314213022…`
 * (root of `sinh(2/T_c) = 1`).
 */
export const CRITICAL_TEMPERATURE: number = 2 / LN_1_PLUS_SQRT2;

/** Critical inverse temperature (= critical coupling `K_c`), `β_c = ln(1 + √2) / 2 = 0.4406867935097715…`. */
export const CRITICAL_BETA: number = LN_1_PLUS_SQRT2 / 2;

/**
 * Throws a `RangeError` unless `T` is a finite number > 0. Shared by the `src/exact/` modules
 * (not re-exported from the package index).
 * @internal
 */
export function requireTemperature(T: number, name = 'T'): void {
  if (typeof T !== 'number' || !Number.isFinite(T) || !(T > 0)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${String(T)}`);
  }
}

/**
 * Complete elliptic integrals of the first and second kind,
 * `K(k) = ∫_0^{π/2} dθ / √(1 - k² sin²θ)` and `E(k) = ∫_0^{π/2} √(1 - k² sin²θ) dθ`,
 * computed with the arithmetic-geometric mean (relative accuracy ~1e-15):
 *
 * `a_0 = 1, b_0 = k', c_0 = k; a_{n+1} = (a_n + b_n)/2, b_{n+1} = √(a_n b_n), c_{n+1} = c_n² / (4 a_{n+1})`,
 * `K = π / (2 a_∞)`, `E = K (1 - Σ_{n≥0} 2^{n-1} c_n²)`.
 *
 * Both the modulus `k` and the complementary modulus `k' = √(1 - k²)` are taken as inputs so that
 * callers who know them in closed form avoid the cancellation in `1 - k²` near `k = 1`.
 * At `k' = 0` returns `K = +Infinity`, `E = 1`.
 *
 * @param k modulus, `0 ≤ k ≤ 1`
 * @param kPrime complementary modulus `√(1 - k²)` (defaults to that expression)
 */
export function ellipticKE(k: number, kPrime: number = Math.sqrt((1 - k) * (1 + k))): { K: number; E: number } {
  if (!(k >= 0 && k <= 1)) throw new RangeError(`k must be in [0, 1], got ${String(k)}`);
  if (!(kPrime >= 0 && kPrime <= 1)) throw new RangeError(`kPrime must be in [0, 1], got ${String(kPrime)}`);
  if (kPrime === 0) return { K: Infinity, E: 1 };
  let a = 1;
  let b = kPrime;
  let c = k;
  let pow = 0.5; // 2^{n-1}
  let sum = pow * c * c;
  for (let n = 0; n < 64; n++) {
    const an = 0.5 * (a + b);
    const bn = Math.sqrt(a * b);
    c = (c * c) / (4 * an);
    pow *= 2;
    sum += pow * c * c;
    a = an;
    b = bn;
    if (Math.abs(a - b) <= 1e-16 * a && c * c * pow <= 1e-17) break;
  }
  const K = Math.PI / (2 * a);
  return { K, E: K * (1 - sum) };
}

/** Quantities of the Onsager solution that depend on `K = 1/T`, computed without overflow. */
interface OnsagerParams {
  K: number;
  /** tanh 2K */
  t: number;
  /** coth 2K */
  coth: number;
  /** sech² 2K = 1 / (1 + sinh² 2K) */
  sech2: number;
  /** elliptic modulus k = 2 sinh 2K / cosh² 2K */
  k: number;
  /** signed complementary modulus k' = (sinh² 2K - 1) / (sinh² 2K + 1) */
  kp: number;
}

function onsagerParams(T: number): OnsagerParams {
  const K = 1 / T;
  const t = Math.tanh(2 * K);
  const coth = 1 / t;
  let sech2: number;
  let k: number;
  let kp: number;
  if (K <= 0.5) {
    // s = sinh 2K ≤ sinh 1: no overflow, and s may be tiny (large T).
    const s = Math.sinh(2 * K);
    const s2 = s * s;
    sech2 = 1 / (1 + s2);
    k = (2 * s) / (1 + s2);
    kp = ((s - 1) * (s + 1)) / (1 + s2);
  } else {
    // q = 1/sinh 2K = 2 e^{-2K} / (1 - e^{-4K}); may underflow to 0 at very low T, which is harmless.
    const q = (-2 * Math.exp(-2 * K)) / Math.expm1(-4 * K);
    const q2 = q * q;
    sech2 = q2 / (1 + q2);
    k = (2 * q) / (1 + q2);
    kp = ((1 - q) * (1 + q)) / (1 + q2);
  }
  return { K, t, coth, sech2, k, kp };
}

/**
 * Internal energy per site of the infinite lattice at `h = 0` (Onsager):
 *
 * `e(T) = -coth 2K [1 + (2/π) k' K(k)]`, with `k' = 2 tanh² 2K - 1`.
 *
 * Using `K(k) = π / (2 AGM(1, |k'|))` this is `e = -coth 2K [1 + k' / AGM(1, |k'|)]`, which is finite and
 * continuous at `T_c`: `e(T_c) = -coth 2K_c = -√2`. Limits: `e → -2` as `T → 0`, `e ≈ -2 tanh K → 0` as `T → ∞`.
 *
 * @param T temperature (finite, > 0)
 * @throws RangeError if `T` is not a finite positive number
 */
export function onsagerEnergy(T: number): number {
  requireTemperature(T);
  const p = onsagerParams(T);
  if (p.kp === 0) return -p.coth;
  const b0 = Math.abs(p.kp);
  const { a, deficit } = agmWithDeficit(b0, p.k);
  // 1 + k'/a: for k' < 0 (T > T_c) use (a - |k'|)/a computed from the accumulated deficit (no cancellation).
  const factor = p.kp > 0 ? 1 + p.kp / a : deficit / a;
  return -p.coth * factor;
}

/**
 * `a = AGM(1, b0)` and `deficit = a - b0`, the latter accumulated as
 * `Σ_n (b_{n+1} - b_n) = Σ_n √b_n (a_n - b_n) / (√a_n + √b_n)` with `a_n - b_n = 2 c_{n+1}`,
 * `c_{n+1} = c_n² / (4 a_{n+1})`, `c_0 = √(1 - b0²)` (passed in as `c0`), so that it stays accurate when `b0 → 1`.
 */
function agmWithDeficit(b0: number, c0: number): { a: number; deficit: number } {
  let a = 1;
  let b = b0;
  let c = c0;
  let deficit = 0;
  for (let n = 0; n < 64; n++) {
    const an = 0.5 * (a + b);
    const cn = (c * c) / (4 * an); // = (a - b)/2
    const bn = Math.sqrt(a * b);
    const sb = Math.sqrt(b);
    deficit += (sb * 2 * cn) / (Math.sqrt(a) + sb);
    a = an;
    b = bn;
    c = cn;
    if (cn <= 1e-17 * a) break;
  }
  // a - b = 2 c_{n+1} = c_n² / (a + b), computed without cancellation
  return { a, deficit: deficit + (c * c) / (a + b) };
}

/**
 * Specific heat per site of the infinite lattice at `h = 0` (Onsager):
 *
 * `c(T) = (4/π) (K coth 2K)² { K(k) - E(k) - sech² 2K [π/2 + k' K(k)] }`,
 *
 * with `K(k)`, `E(k)` the complete elliptic integrals of the first and second kind. `c` diverges
 * logarithmically at `T_c`, `c ≈ -(8/π) K_c² ln|1 - T/T_c|`, and is `+Infinity` at `T = T_c`.
 *
 * @param T temperature (finite, > 0)
 * @throws RangeError if `T` is not a finite positive number
 */
export function onsagerSpecificHeat(T: number): number {
  requireTemperature(T);
  if (T === CRITICAL_TEMPERATURE) return Infinity;
  const p = onsagerParams(T);
  if (p.kp === 0) return Infinity;
  const { K: K1, E: E1 } = ellipticKE(p.k, Math.abs(p.kp));
  const pre = p.K * p.coth;
  const bracket = K1 - E1 - p.sech2 * (Math.PI / 2 + p.kp * K1);
  return (4 / Math.PI) * pre * pre * bracket;
}

/**
 * Spontaneous magnetization per site of the infinite lattice (Onsager/Yang):
 *
 * `m(T) = (1 - sinh(2K)^{-4})^{1/8}` for `T < T_c`, and `m = 0` for `T ≥ T_c`.
 * Near `T_c`, `m ∝ (T_c - T)^{1/8}`; as `T → 0`, `m → 1`.
 *
 * @param T temperature (finite, > 0)
 * @throws RangeError if `T` is not a finite positive number
 */
export function onsagerMagnetization(T: number): number {
  requireTemperature(T);
  if (!(T < CRITICAL_TEMPERATURE)) return 0;
  const K = 1 / T;
  // x = 1/sinh 2K = -2 e^{-2K} / expm1(-4K)  (< 1 below T_c; no overflow at low T)
  const x = (-2 * Math.exp(-2 * K)) / Math.expm1(-4 * K);
  const oneMinusX4 = (1 - x) * (1 + x) * (1 + x * x);
  return oneMinusX4 > 0 ? Math.pow(oneMinusX4, 0.125) : 0;
}

/** Tanh-sinh (double-exponential) quadrature of `f` over `[a, b]`, refined until two levels agree. */
function tanhSinh(f: (x: number) => number, a: number, b: number): number {
  const half = 0.5 * (b - a);
  const tMax = 4; // nodes beyond |t| = 4 are within ~1e-300 of the endpoints
  let h = 0.5;
  const node = (t: number): number => {
    const u = (Math.PI / 2) * Math.sinh(t);
    const ch = Math.cosh(u);
    const w = ((Math.PI / 2) * Math.cosh(t)) / (ch * ch);
    if (w === 0) return 0;
    // distance of the node from the nearer endpoint, computed without cancellation
    const d = (2 * half) / (Math.exp(2 * Math.abs(u)) + 1); // = half * (1 - tanh|u|)
    const x = u >= 0 ? b - d : a + d;
    return half * w * f(x);
  };
  let sum = node(0);
  for (let t = h; t <= tMax; t += h) sum += node(t) + node(-t);
  let estimate = sum * h;
  for (let level = 0; level < 12; level++) {
    h /= 2;
    for (let t = h; t <= tMax; t += 2 * h) sum += node(t) + node(-t);
    const next = sum * h;
    const done = Math.abs(next - estimate) <= 1e-15 * Math.max(1e-300, Math.abs(next)) && level >= 2;
    estimate = next;
    if (done) break;
  }
  return estimate;
}

/**
 * Free energy per site of the infinite lattice at `h = 0` (Onsager):
 *
 * `-β f = ln(2 cosh 2K) + (1/π) ∫_0^{π/2} ln[(1 + √(1 - k² sin²θ)) / 2] dθ`,
 *
 * evaluated with `√(1 - k² sin²θ) = √(cos²θ + k'² sin²θ)` by tanh-sinh quadrature (~1e-15).
 * At `T_c`: `-β_c f = ln(2)/2 + 2G/π` (G = Catalan's constant).
 *
 * @param T temperature (finite, > 0)
 * @returns `f = -T ln Z / N` per site
 * @throws RangeError if `T` is not a finite positive number
 */
export function onsagerFreeEnergy(T: number): number {
  requireTemperature(T);
  const p = onsagerParams(T);
  const kp2 = p.kp * p.kp;
  const integrand = (theta: number): number => {
    const sn = Math.sin(theta);
    const cs = Math.cos(theta);
    const r = Math.sqrt(cs * cs + kp2 * sn * sn);
    return Math.log1p(r) - Math.LN2;
  };
  const integral = tanhSinh(integrand, 0, Math.PI / 2) / Math.PI;
  const K2 = 2 * p.K;
  const ln2cosh = K2 + Math.log1p(Math.exp(-2 * K2));
  return -T * (ln2cosh + integral);
}
