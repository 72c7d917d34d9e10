/**
 * Exact partition function, energy and specific heat of the finite periodic n × m Ising lattice
 * at `h = 0` — Kaufman's (1949) solution in the form given by Ferdinand & Fisher,
 * Phys. Rev. 185, 832 (1969).
 *
 * Conventions (shared by `src/exact/`): `H = -J Σ_<ij> s_i s_j - h Σ_i s_i`, `J = 1`, `k_B = 1`,
 * `β = 1/T`, `K = βJ`. The lattice is an n × m torus with `N = nm` sites and `2N` bonds: every site is
 * bonded to its right and its down neighbour with periodic wrap. (For a side of length 2 the two
 * neighbours along that side coincide, so each such pair is joined by two bonds; the formula below
 * and `densityOfStates` both count it that way.) All returned quantities except `lnZ` are per site:
 * `e = E/N`, `c = β² (<E²> - <E>²)/N`, `f = -T ln Z / N`.
 *
 * Partition function:
 *
 * ```
 * Z = ½ (2 sinh 2K)^{nm/2} (Z_1 + Z_2 + Z_3 + Z_4),
 * Z_1 = Π_{r=0}^{n-1} 2 cosh(m γ_{2r+1} / 2),   Z_2 = Π_{r=0}^{n-1} 2 sinh(m γ_{2r+1} / 2),
 * Z_3 = Π_{r=0}^{n-1} 2 cosh(m γ_{2r} / 2),     Z_4 = Π_{r=0}^{n-1} 2 sinh(m γ_{2r} / 2),
 * cosh γ_l = cosh 2K coth 2K - cos(π l / n)   (γ_l > 0 for l ≥ 1),
 * γ_0 = 2K + ln tanh K.
 * ```
 *
 * The sign of `γ_0` matters: it vanishes at `T_c` (`sinh 2K_c = 1`), is positive for `T < T_c` and
 * negative for `T > T_c`, where `Z_4 < 0`. Always `|Z_4| ≤ Z_3`, so the sum is positive.
 *
 * Numerics. One factor `(2 sinh 2K)^{m/2}` of the prefactor is absorbed into each of the `n` factors of
 * every product, `F = (2s)^{m/2} 2cosh(mγ/2) = e^{(m/2) G} (1 + e^{-m|γ|})` (and `1 - e^{-m|γ|}` times
 * `sign γ` for sinh), with `s = sinh 2K` and `G = ln(2s) + |γ| = ln(2 s e^{|γ|})`. `G` stays O(1) at high T
 * (where `ln 2s → -∞` and `γ → +∞` separately) and is computed without that cancellation; everything is
 * then summed in logarithms with a max-shifted signed sum over the four terms, so nothing overflows.
 * `e` and `c` come from analytic K-derivatives (`E = -∂ ln Z/∂K`, `C = K² ∂² ln Z/∂K²`), using
 *
 * ```
 * γ_0' = 2 + 2/s,  γ_0'' = -4 cosh 2K / s²,
 * for l ≥ 1 with A = cosh 2K coth 2K = s + 1/s:
 *   γ_l' = A' / sinh γ_l,  γ_l'' = (A'' - cosh γ_l γ_l'²) / sinh γ_l,
 *   A' = 2 cosh 2K (1 - 1/s²),  A'' = 4 s (1 - 1/s²) + 8 cosh² 2K / s³,
 *   cosh γ_l - 1 = (s - 1)²/s + 2 sin²(π l / 2n)  (accurate near T_c),
 * G' = 2 coth 2K ± γ',  G'' = -4/s² ± γ''   (+ for γ ≥ 0),
 * ```
 *
 * rearranged (exact algebra) into cancellation-free forms for `s < 1/2` and `s > 10⁶`. The second
 * derivative of `ln Σ Z_i` is assembled in centred form `Σ_i Z_i [(ln|Z_i|)'' + ((ln|Z_i|)' - d̄)²] / Σ Z_i`,
 * `d̄ = (ln Σ Z_i)'`, avoiding the cancellation of two O(N²) numbers; the `r = 0` factor of each product is
 * handled as a value (not a log-derivative), so `γ_0 = 0` at `T_c` is harmless.
 *
 * Asymptotic regimes where the formula is exact to double precision anyway: for `K ≥ 50`
 * (`T ≤ 0.02`; the lowest excitation costs ΔE ≥ 8, `e^{-400} ≈ 10^{-174}`) the ground-state values
 * `ln Z = 2NK + ln 2`, `e = -2`, `c = 0`; for `K ≤ 10⁻⁷` (`T ≥ 10⁷`; `10⁻⁸` if a side is 2 or 3) the
 * leading high-T terms `ln Z / N = ln 2 + μ K²/2`, `e = -μ K`, `c = μ K²` (relative error O(K²), or
 * O(K) with a side of length 3; the absolute error of e and c is ~1e-16 at all T), with
 * `μ = Σ_pairs (bond multiplicity)² / N` (`μ = 2`, or 3 / 4 when one / both sides have length 2).
 *
 * @module
 */

import { requireTemperature } from './onsager.js';

/** Result of {@link finiteLatticeExact} / {@link finiteLatticeExactRect}. */
export interface FiniteLatticeResult {
  /** Number of rows of the torus (the products run over `n` values of r). */
  readonly n: number;
  /** Number of columns. */
  readonly m: number;
  /** Number of sites `N = n m`. */
  readonly N: number;
  /** Temperature. */
  readonly T: number;
  /** Natural log of the full partition function, `ln Z` (a total, not per site). */
  readonly lnZ: number;
  /** `ln Z / N`. */
  readonly lnZPerSite: number;
  /** Free energy per site `f = -T ln Z / N`. */
  readonly freeEnergy: number;
  /** Mean energy per site `e = <E>/N = -(1/N) ∂ ln Z / ∂K`. */
  readonly energy: number;
  /** Specific heat per site `c = β² (<E²> - <E>²)/N = (K²/N) ∂² ln Z / ∂K²`. */
  readonly specificHeat: number;
}

/** K-dependent quantities shared by all γ_l. */
interface Coupling {
  K: number;
  /** sinh 2K (+Infinity for K > ~355; only used when ≤ 1e6) */
  s: number;
  /** 1/sinh 2K (may underflow to 0) */
  q: number;
  /** ln sinh 2K */
  lnS: number;
  /** coth 2K */
  coth: number;
  /** cosh 2K (only used when s ≤ 1e6) */
  C: number;
}

/**
 * For one l: `x = mγ/2` with derivatives, and `a = (m/2) G`, `G = ln(2s) + |γ|`, with derivatives;
 * `sigma = sign(γ)` (+1 at γ = 0).
 */
interface Mode {
  sigma: number;
  x: number;
  x1: number;
  x2: number;
  a: number;
  a1: number;
  a2: number;
}

const SMALL_S = 0.5;
const LARGE_S = 1e6;
/** K at or above which the ground-state asymptotics are exact to double precision. */
const K_GROUND = 50;
/**
 * K at or below which the leading high-temperature terms are used (1e-7 if both sides are ≥ 4, else 1e-8):
 * their relative error is O(K²) ≈ 1e-14 (O(K) for a side of length 3, whose winding loops give a
 * `tanh³ K` term), smaller than that of the full formula, whose absolute error ~1e-16 in e and c is large
 * relative to `e ≈ -2K` there.
 */
function highTemperatureCutoff(n: number, m: number): number {
  return Math.min(n, m) >= 4 ? 1e-7 : 1e-8;
}

function coupling(K: number): Coupling {
  const coth = 1 / Math.tanh(2 * K);
  if (K < 1) {
    const s = Math.sinh(2 * K);
    return { K, s, q: 1 / s, lnS: Math.log(s), coth, C: Math.cosh(2 * K) };
  }
  // ln sinh 2K = 2K - ln 2 + ln(1 - e^{-4K});  1/sinh 2K = -2 e^{-2K} / expm1(-4K)
  const lnS = 2 * K - Math.LN2 + Math.log1p(-Math.exp(-4 * K));
  const q = (-2 * Math.exp(-2 * K)) / Math.expm1(-4 * K);
  return { K, s: Math.sinh(2 * K), q, lnS, coth, C: Math.cosh(2 * K) };
}

/** l = 0: γ_0 = 2K + ln tanh K (changes sign at T_c). */
function mode0(c: Coupling, halfM: number): Mode {
  const K = c.K;
  const lnTanh = K < 1 ? Math.log(Math.tanh(K)) : Math.log1p(-2 / (Math.exp(2 * K) + 1));
  const g = 2 * K + lnTanh;
  const g1 = 2 + 2 * c.q;
  const g2 = -4 * c.coth * c.q;
  let G: number;
  let G1: number;
  let G2: number;
  const sigma = g >= 0 ? 1 : -1;
  if (sigma > 0) {
    G = Math.LN2 + c.lnS + g;
    G1 = 2 * c.coth + g1;
    G2 = -4 * c.q * c.q + g2;
  } else {
    // G = ln(2s) - γ_0 = 2 ln(1 + e^{-2K}),  G' = -4 e^{-2K}/(1 + e^{-2K}),  G'' = 2 sech² K
    const e2 = Math.exp(-2 * K);
    G = 2 * Math.log1p(e2);
    G1 = (-4 * e2) / (1 + e2);
    const sech = 1 / Math.cosh(K);
    G2 = 2 * sech * sech;
  }
  return { sigma, x: halfM * g, x1: halfM * g1, x2: halfM * g2, a: halfM * G, a1: halfM * G1, a2: halfM * G2 };
}

/**
 * l ≥ 1 with `p = cos(π l / n)`, `half = sin(π l / 2n)` (γ_l > 0).
 */
function modeL(c: Coupling, halfM: number, p: number, half: number): Mode {
  const { s, q } = c;
  let g: number;
  let g1: number;
  let g2: number;
  let G: number;
  let G1: number;
  let G2: number;
  if (s < SMALL_S) {
    // High T. With X = s cosh γ = 1 + s(s - p) and Y = s sinh γ = √(X² - s²):
    // G = ln 2 + ln(X + Y); Y - 1 = s D/(Y + 1), D = s - 2p + s(s - p)²;
    // G' = 2 cosh 2K (D/(Y+1) + s)/Y;  G'' = 4 [P s - 3p - D (1 + Y + Y²)/(Y + 1)] / (s Y³),
    // P = -p s⁵ + (2+p²) s⁴ - 5p s³ + (6+p²) s² - 7p s + 3 + 2p².
    const X = 1 + s * (s - p);
    const Y = Math.sqrt((X - s) * (X + s));
    const lnXY = Math.log(X + Y);
    G = Math.LN2 + lnXY;
    g = lnXY - c.lnS;
    const D = s - 2 * p + s * (s - p) * (s - p);
    G1 = (2 * c.C * (D / (Y + 1) + s)) / Y;
    const p2 = p * p;
    const P = 3 + 2 * p2 + s * (-7 * p + s * (6 + p2 + s * (-5 * p + s * (2 + p2 - s * p))));
    G2 = (4 * (P * s - 3 * p - (D * (1 + Y + Y * Y)) / (Y + 1))) / (s * Y * Y * Y);
    g1 = G1 - 2 * c.coth;
    g2 = G2 + 4 * q * q;
  } else if (s <= LARGE_S) {
    const C = c.C;
    const d = ((s - 1) * (s - 1)) / s + 2 * half * half; // cosh γ - 1
    const sh = Math.sqrt(d * (d + 2)); // sinh γ
    g = Math.log1p(d + sh);
    const oneMinusQ2 = (1 - q) * (1 + q);
    const A1 = 2 * C * oneMinusQ2;
    const A2 = 4 * s * oneMinusQ2 + 8 * C * C * q * q * q;
    g1 = A1 / sh;
    g2 = (A2 - (1 + d) * g1 * g1) / sh;
    G = Math.LN2 + c.lnS + g;
    G1 = 2 * c.coth + g1;
    G2 = -4 * q * q + g2;
  } else {
    // Low T, scaled by s: cosh γ = s ρ, ρ = 1 + (q - p) q, u = 1/cosh² γ, sinh γ = s ρ √(1 - u).
    const rho = 1 + (q - p) * q;
    const u = (q * q) / (rho * rho);
    const root = Math.sqrt(1 - u);
    g = c.lnS + Math.log(rho) + Math.log(1 + root);
    const shOverS = rho * root;
    g1 = (2 * c.coth * (1 - q) * (1 + q)) / shOverS;
    // (A'' sinh²γ - cosh γ A'²) / sinh³γ expanded in powers of q = 1/s (exact polynomial identity)
    const p2 = p * p;
    const poly = q * (-p + q * (2 + p2 + q * (-5 * p + q * (6 + p2 + q * (-7 * p + q * (3 + 2 * p2 + q * (-3 * p + q)))))));
    g2 = (4 * poly) / (shOverS * shOverS * shOverS);
    G = Math.LN2 + c.lnS + g;
    G1 = 2 * c.coth + g1;
    G2 = -4 * q * q + g2;
  }
  return { sigma: 1, x: halfM * g, x1: halfM * g1, x2: halfM * g2, a: halfM * G, a1: halfM * G1, a2: halfM * G2 };
}

function requireSide(v: number, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 2) {
    throw new RangeError(`${name} must be an integer >= 2, got ${String(v)}`);
  }
}

function result(n: number, m: number, T: number, lnZ: number, energy: number, specificHeat: number): FiniteLatticeResult {
  const N = n * m;
  const lnZPerSite = lnZ / N;
  return { n, m, N, T, lnZ, lnZPerSite, freeEnergy: -T * lnZPerSite, energy, specificHeat };
}

/**
 * Exact `ln Z`, energy, specific heat and free energy of the periodic L × L lattice at `h = 0`
 * (Kaufman / Ferdinand–Fisher; see the module documentation for formulas and conventions).
 * Cost O(L) per call. Verified against exact enumeration to ~1e-13 (L ≤ 5) and against Onsager
 * (L = 256, away from T_c) to ~1e-14.
 *
 * @param L linear size (integer ≥ 2); `N = L²` sites, `2N` bonds
 * @param T temperature (finite, > 0)
 * @throws RangeError on invalid arguments
 */
export function finiteLatticeExact(L: number, T: number): FiniteLatticeResult {
  requireSide(L, 'L');
  return finiteLatticeExactRect(L, L, T);
}

/**
 * Exact `ln Z`, energy, specific heat and free energy of the periodic n × m lattice at `h = 0`
 * (Kaufman / Ferdinand–Fisher). Any n, m ≥ 2 (odd allowed); the result is symmetric in `n ↔ m`
 * (cost O(n), so pass the smaller side as `n` for long strips).
 *
 * @param n number of rows (integer ≥ 2)
 * @param m number of columns (integer ≥ 2)
 * @param T temperature (finite, > 0)
 * @throws RangeError on invalid arguments
 */
export function finiteLatticeExactRect(n: number, m: number, T: number): FiniteLatticeResult {
  requireSide(n, 'n');
  requireSide(m, 'm');
  requireTemperature(T);
  const K = 1 / T;
  const N = n * m;
  if (K >= K_GROUND) return result(n, m, T, 2 * N * K + Math.LN2, -2, 0);
  if (K <= highTemperatureCutoff(n, m)) {
    const mu = (n === 2 ? 2 : 1) + (m === 2 ? 2 : 1);
    return result(n, m, T, N * (Math.LN2 + 0.5 * mu * K * K), -mu * K, mu * K * K);
  }
  const cp = coupling(K);
  const halfM = m / 2;

  const modes: Mode[] = new Array<Mode>(2 * n);
  for (let l = 0; l < 2 * n; l++) {
    modes[l] = l === 0 ? mode0(cp, halfM) : modeL(cp, halfM, Math.cos((Math.PI * l) / n), Math.sin((Math.PI * l) / (2 * n)));
  }

  // Four terms: (odd l, cosh), (odd l, sinh), (even l, cosh), (even l, sinh).
  // Term i = F_0 · P: F_0 = e^{a} φ is the r = 0 factor (kept as a value), P = Π_{r≥1} F_r (log form).
  const ell = new Float64Array(4); // ln |term|
  const phi = new Float64Array(4); // F_0 e^{-a}
  const psi1 = new Float64Array(4); // F_0' e^{-a}
  const psi2 = new Float64Array(4); // F_0'' e^{-a}
  const dP = new Float64Array(4); // (ln P)'
  const qP = new Float64Array(4); // (ln P)''
  for (let i = 0; i < 4; i++) {
    const offset = i < 2 ? 1 : 0;
    const isSinh = i % 2 === 1;
    let lp = 0;
    let d = 0;
    let qq = 0;
    for (let r = 1; r < n; r++) {
      const md = modes[2 * r + offset];
      // ln F = a + ln(1 ± E), E = e^{-2x} (x > 0 here)
      const E = Math.exp(-2 * md.x);
      if (isSinh) {
        const oneMinusE = -Math.expm1(-2 * md.x);
        const t = E / oneMinusE;
        lp += md.a + Math.log(oneMinusE);
        d += md.a1 + 2 * md.x1 * t;
        qq += md.a2 + 2 * md.x2 * t - (4 * md.x1 * md.x1 * t) / oneMinusE;
      } else {
        const t = E / (1 + E);
        lp += md.a + Math.log1p(E);
        d += md.a1 - 2 * md.x1 * t;
        qq += md.a2 - 2 * md.x2 * t + (4 * md.x1 * md.x1 * t) / (1 + E);
      }
    }
    const m0 = modes[offset];
    const sg = m0.sigma;
    const absX = sg * m0.x;
    const E = Math.exp(-2 * absX);
    const x1 = m0.x1;
    const x2 = m0.x2;
    // φ = 2cosh(x) e^{-|x|} = 1 + E   or   2 sinh(x) e^{-|x|} = σ (1 - E), and K-derivatives
    let f0: number;
    let f1: number;
    let f2: number;
    if (isSinh) {
      f0 = sg * -Math.expm1(-2 * absX);
      f1 = 2 * E * x1;
      f2 = 2 * E * x2 - 4 * sg * E * x1 * x1;
    } else {
      f0 = 1 + E;
      f1 = -2 * sg * E * x1;
      f2 = -2 * sg * E * x2 + 4 * E * x1 * x1;
    }
    const a1 = m0.a1;
    phi[i] = f0;
    psi1[i] = a1 * f0 + f1;
    psi2[i] = m0.a2 * f0 + 2 * a1 * f1 + a1 * a1 * f0 + f2;
    ell[i] = m0.a + lp;
    dP[i] = d;
    qP[i] = qq;
  }

  let ellMax = -Infinity;
  for (let i = 0; i < 4; i++) if (ell[i] > ellMax) ellMax = ell[i];
  const w = new Float64Array(4);
  let W = 0;
  let W1 = 0;
  for (let i = 0; i < 4; i++) {
    w[i] = Math.exp(ell[i] - ellMax);
    W += w[i] * phi[i];
    W1 += w[i] * (psi1[i] + phi[i] * dP[i]);
  }
  const dBar = W1 / W; // ∂ ln Z / ∂K
  let W2 = 0;
  for (let i = 0; i < 4; i++) {
    const delta = dP[i] - dBar;
    W2 += w[i] * (psi2[i] + 2 * psi1[i] * delta + phi[i] * (qP[i] + delta * delta));
  }
  const second = W2 / W; // ∂² ln Z / ∂K²

  const lnZ = -Math.LN2 + ellMax + Math.log(W);
  return result(n, m, T, lnZ, -dBar / N, (K * K * second) / N);
}
