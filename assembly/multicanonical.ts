// Multicanonical sampling of the zero-field q-state Potts model (assembly/potts.ts), with the
// Wang-Landau recursion that builds its weights.
//
//   H = -J sum_<ij> delta(s_i, s_j),   E = -b,   b = Nb = the number of satisfied bonds, 0 .. 2N.
//
// The chain samples configurations with probability proportional to exp(W(b)), W a weight per bond
// count b. W is stored inside a window lo <= b <= hi and extended linearly outside it with the
// canonical slopes of the window's edges, so that the tails are canonical ensembles:
//   W(b) = weights[b]                                lo <= b <= hi
//   W(b) = weights[hi] + betaHi (b - hi)             b > hi   (ordered side: canonical at betaHi)
//   W(b) = weights[lo] + betaLo (b - lo)             b < lo   (disordered side: canonical at betaLo)
// (canonical at beta is W(b) = beta b + const, since exp(-beta E) = exp(beta b)).
//
// ## Stream contract (twin: src/multicanonical/kernel-js.ts)
// A sweep visits the sites in row-major order i = y L + x, x fastest. At each site with state c:
//  1. r = the next output of the simulation's generator (xoshiro128**, assembly/rng.ts); the proposal
//     is t = (c + 1 + floor(r (q - 1) / 2^32)) mod q, a uniformly random other state.
//  2. d = (number of the 4 neighbours in state t) - (number in state c); b' = b + d.
//  3. dW = W(b') - W(b) (f64). Accept when dW >= 0; otherwise draw a = the next output and accept
//     when f64(a) < expNonPositive(dW) * 2^32 (expNonPositive below: the same operations in both
//     twins, so the decision is the same bit for bit; engines' Math.exp is not specified that far).
//  4. On acceptance the site takes t, n_c and n_t and b follow.
//  5. With lnf > 0 (Wang-Landau), when lo <= b <= hi after the step: weights[b] -= lnf and
//     visits[b] += 1 (W then tends to -ln g(b) + const, g the density of states).
// After every sweep, with record != 0, the Potts record [b, n_0 .. n_{q-1}] is written at sweep k of
// the Potts record region (assembly/potts.ts). The generator is used for nothing else.
//
// ## Regions (mucaInit, after pottsInit)
//   [weights]  (2N + 1) x f64   W(b) inside the window (the rest unused)
//   [visits]   (2N + 1) x f64   Wang-Landau visits since the last mucaResetVisits
//   [powers]   128 x f64        2^-j, j = 0 .. 63 (exact, built by halving), then 2^(-i/64), i = 0 .. 63

import { reserve } from "./memory";
import { latticeSize, spinsPtr } from "./ising2d";
import { pottsBondCount, pottsCountsPtr, pottsQ, pottsRecordCapacity, pottsRecordsPtr, pottsSetBondCount } from "./potts";
import * as rng from "./rng";

const TWO_POW_32: f64 = 4294967296.0;
/** 64 / ln 2 */
const SCALE: f64 = 92.33248261689366;
// ln 2 / 64 split so that k * STEP_HI is exact for |k| < 2^20 (Cody and Waite)
const STEP_HI: f64 = 6.93147180369123816490e-01 / 64.0;
const STEP_LO: f64 = 1.90821492927058770002e-10 / 64.0;

let weights: usize = 0;
let visits: usize = 0;
let powers: usize = 0;
let lo: i32 = 0;
let hi: i32 = 0;
let betaLo: f64 = 0;
let betaHi: f64 = 0;

/** exp(r) for |r| <= ln 2 / 128: Taylor polynomial of degree 5, grouped as in the twin. */
// @ts-ignore: decorator
@inline
function expSmall(r: f64): f64 {
  const r2 = r * r;
  return (1.0 + r) + r2 * ((0.5 + r * (1.0 / 6.0)) + r2 * (1.0 / 24.0 + r * (1.0 / 120.0)));
}

/** exp(r) for |r| <= ln 2 / 2 by its Taylor polynomial of degree 13 (Horner): builds the table. */
function expTaylor(r: f64): f64 {
  let p: f64 = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  return p * r + 1.0;
}

/**
 * exp(x) for x <= 0, by the same operations in the TypeScript twin (src/multicanonical/exp.ts):
 * 0 below x = -40; otherwise x = k ln2 / 64 + r with k = floor(x 64 / ln 2 + 1/2), |r| <= ln 2 / 128,
 * and exp(x) = 2^-(j) * 2^(-i / 64) * exp(r), -k = 64 j + i, from a table of 2^(-i/64) (built once
 * by the degree-13 Taylor polynomial) and the exact powers 2^-j. Relative error about 1e-16; what
 * matters here is that both twins compute the same bits.
 */
// @ts-ignore: decorator
@inline
function expNonPositive(x: f64): f64 {
  if (x < -40.0) return 0.0;
  const k = Math.floor(x * SCALE + 0.5);
  const r = x - k * STEP_HI - k * STEP_LO;
  const m = -(<i32>k);
  return expSmall(r) * load<f64>(powers + (<usize>(64 + (m & 63)) << 3)) * load<f64>(powers + (<usize>(m >> 6) << 3));
}

/** exp(x) for x <= 0 (the kernel's function, exported for the parity test). */
export function mucaExp(x: f64): f64 {
  return expNonPositive(x);
}

/** Reserves the weights, visits and powers of the lattice of init(L). Returns 0, or -1 when memory cannot grow. */
export function mucaInit(): i32 {
  const L = latticeSize();
  const levels = <usize>(2 * L * L + 1);
  const w = reserve(levels * 8);
  const v = reserve(levels * 8);
  const p = reserve(128 * 8);
  if (w == 0 || v == 0 || p == 0) return -1;
  weights = w;
  visits = v;
  powers = p;
  let power: f64 = 1.0;
  for (let k = 0; k < 64; k++) {
    store<f64>(powers + (<usize>k << 3), power);
    power *= 0.5;
  }
  // 2^(-i/64) = exp(-i ln2/64) = exp(-i ln2/128)^2, i = 0 .. 63 (|argument| <= ln 2 / 2)
  for (let i = 0; i < 64; i++) {
    const half = expTaylor(-<f64>i * (STEP_HI + STEP_LO) * 0.5);
    store<f64>(powers + (<usize>(64 + i) << 3), half * half);
  }
  return 0;
}

export function mucaWeightsPtr(): usize { return weights; }
export function mucaVisitsPtr(): usize { return visits; }

/** Sets the window lo .. hi and the slopes of the extensions (the caller has checked 0 <= lo <= hi <= 2N). */
export function mucaSetWindow(low: i32, high: i32, betaLow: f64, betaHigh: f64): void {
  lo = low;
  hi = high;
  betaLo = betaLow;
  betaHi = betaHigh;
}

/** Clears the visits. */
export function mucaResetVisits(): void {
  memory.fill(visits, 0, <usize>(2 * latticeSize() * latticeSize() + 1) * 8);
}

// @ts-ignore: decorator
@inline
function weightOf(b: i32): f64 {
  if (b > hi) return load<f64>(weights + (<usize>hi << 3)) + betaHi * <f64>(b - hi);
  if (b < lo) return load<f64>(weights + (<usize>lo << 3)) + betaLo * <f64>(b - lo);
  return load<f64>(weights + (<usize>b << 3));
}

/**
 * Runs `sweeps` sweeps (stream contract above); Wang-Landau updates with factor lnf when lnf > 0;
 * records after every sweep when `record` != 0 (at most pottsRecordCapacity() sweeps then).
 * Returns the number of accepted moves.
 */
export function mucaSweep(sweeps: i32, lnf: f64, record: i32): f64 {
  const L = latticeSize();
  const q = pottsQ();
  const spins = spinsPtr();
  const counts = pottsCountsPtr();
  const records = pottsRecordsPtr();
  const width = q + 1;
  const learn = lnf > 0.0;
  const qm1 = <u64>(q - 1);
  let b = pottsBondCount();
  let accepted: i32 = 0;
  for (let s = 0; s < sweeps; s++) {
    for (let y = 0; y < L; y++) {
      const row = spins + <usize>(y * L);
      const above = spins + <usize>((y == 0 ? L - 1 : y - 1) * L);
      const below = spins + <usize>((y == L - 1 ? 0 : y + 1) * L);
      for (let x = 0; x < L; x++) {
        const c = <i32>load<u8>(row + x);
        let t = c + 1 + <i32>((<u64>rng.next() * qm1) >> 32);
        if (t >= q) t -= q;
        const left = <i32>load<u8>(row + (x == 0 ? L - 1 : x - 1));
        const right = <i32>load<u8>(row + (x == L - 1 ? 0 : x + 1));
        const up = <i32>load<u8>(above + x);
        const down = <i32>load<u8>(below + x);
        const d = (<i32>(left == t) + <i32>(right == t) + <i32>(up == t) + <i32>(down == t))
          - (<i32>(left == c) + <i32>(right == c) + <i32>(up == c) + <i32>(down == c));
        const nb = b + d;
        const dw = weightOf(nb) - weightOf(b);
        let accept = dw >= 0.0;
        if (!accept) accept = <f64>rng.next() < expNonPositive(dw) * TWO_POW_32;
        if (accept) {
          store<u8>(row + x, <u8>t);
          const cAt = counts + (<usize>c << 2);
          const tAt = counts + (<usize>t << 2);
          store<i32>(cAt, load<i32>(cAt) - 1);
          store<i32>(tAt, load<i32>(tAt) + 1);
          b = nb;
          accepted++;
        }
        if (learn && b >= lo && b <= hi) {
          const wAt = weights + (<usize>b << 3);
          store<f64>(wAt, load<f64>(wAt) - lnf);
          const vAt = visits + (<usize>b << 3);
          store<f64>(vAt, load<f64>(vAt) + 1.0);
        }
      }
    }
    if (record != 0 && s < pottsRecordCapacity()) {
      const out = records + (<usize>(s * width) << 2);
      store<i32>(out, b);
      memory.copy(out + 4, counts, <usize>q << 2);
    }
  }
  pottsSetBondCount(b);
  return <f64>accepted;
}
