/**
 * Autocorrelation analysis of Monte Carlo time series.
 *
 * Conventions (Sokal, "Monte Carlo methods in statistical mechanics", 1996;
 * Madras & Sokal, J. Stat. Phys. 50, 109 (1988)):
 *
 * - autocovariance   C(t) = 1/(n - t) * sum_{i=0}^{n-1-t} (x_i - xbar)(x_{i+t} - xbar)
 * - autocorrelation  rho(t) = C(t) / C(0)
 * - integrated time  tau_int(W) = 1/2 + sum_{t=1}^{W} rho(t)
 *
 * With this convention tau_int = 1/2 for uncorrelated data and the variance of
 * the sample mean is Var(xbar) ~= 2 tau_int sigma^2 / n.
 *
 * Everything is computed with a radix-2 FFT on a zero-padded copy of the
 * series (padding to a power of two >= n + maxLag removes circular wrap-around),
 * so the cost is O(n log n); the real series is packed into a complex one of half the
 * length, so each transform is a complex FFT of half the padded size.
 *
 * @module
 */
import { checkOptions } from '../validate.js';

/**
 * Root table shared by all transforms: for every power of two h < tableSize,
 * rootRe[h + k] + i rootIm[h + k] = exp(-i pi k / h), k = 0..h-1 (the twiddles of a
 * butterfly stage of span 2h, stored contiguously). Grown on demand; level h is
 * copied from every other entry of level 2h, so only the top level calls cos/sin.
 */
let tableSize = 0;
let rootRe = new Float64Array(0);
let rootIm = new Float64Array(0);

function ensureRoots(size: number): void {
  if (size <= tableSize) return;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const top = size >> 1;
  for (let k = 0; k < top; k++) {
    const angle = (Math.PI * k) / top;
    re[top + k] = Math.cos(angle);
    im[top + k] = -Math.sin(angle);
  }
  for (let h = top >> 1; h >= 1; h >>= 1) {
    for (let k = 0; k < h; k++) {
      re[h + k] = re[2 * h + 2 * k];
      im[h + k] = im[2 * h + 2 * k];
    }
  }
  rootRe = re;
  rootIm = im;
  tableSize = size;
}

/** Smallest power of two that is >= n (n >= 1). */
function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * In-place iterative radix-2 complex FFT (Cooley-Tukey, decimation in time).
 *
 * Forward:  X_k = sum_{j=0}^{N-1} x_j exp(-2 pi i j k / N)
 * Inverse:  x_j = (1/N) sum_{k=0}^{N-1} X_k exp(+2 pi i j k / N)
 *
 * @param re real parts, length N (a power of two); overwritten with the result
 * @param im imaginary parts, length N; overwritten with the result
 * @param inverse compute the inverse transform (including the 1/N factor)
 * @throws RangeError if the lengths differ or are not a power of two
 */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`fft: re and im lengths differ (${n} vs ${im.length})`);
  if (n === 0 || (n & (n - 1)) !== 0) throw new RangeError(`fft: length ${n} is not a power of two`);
  if (n === 1) return;

  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; (j & bit) !== 0; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }

  // Stage of span 2 (twiddle 1).
  for (let a = 0; a < n; a += 2) {
    const br = re[a + 1];
    const bi = im[a + 1];
    re[a + 1] = re[a] - br;
    im[a + 1] = im[a] - bi;
    re[a] += br;
    im[a] += bi;
  }

  ensureRoots(n);
  const wRe = rootRe;
  const wIm = rootIm;
  const sign = inverse ? -1 : 1;

  for (let half = 2; half < n; half *= 2) {
    const span = 2 * half;
    for (let start = 0; start < n; start += span) {
      for (let k = 0; k < half; k++) {
        const wr = wRe[half + k];
        const wi = sign * wIm[half + k];
        const a = start + k;
        const b = a + half;
        const br = re[b];
        const bi = im[b];
        const xr = br * wr - bi * wi;
        const xi = br * wi + bi * wr;
        const ar = re[a];
        const ai = im[a];
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }

  if (inverse) {
    const scale = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= scale;
      im[i] *= scale;
    }
  }
}

/**
 * Lag sums r_t = sum_{j=0}^{n-1-t} y_j y_{j+t}, t = 0..maxLag, of y_j = x_j - mean, computed as
 * IFFT(|FFT(y)|^2) of y zero-padded to length size (a power of two >= max(2, n + maxLag), so the
 * circular correlation has no wrap-around). The real input is packed as
 * z_j = y_{2j} + i y_{2j+1}, so each transform is a complex FFT of length size/2.
 */
function lagSums(series: ArrayLike<number>, mean: number, size: number, maxLag: number): Float64Array {
  const n = series.length;
  const m = size >> 1;
  const zr = new Float64Array(m);
  const zi = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const v = series[i] - mean;
    if ((i & 1) === 0) zr[i >> 1] = v;
    else zi[i >> 1] = v;
  }
  fftInPlace(zr, zi, false);
  ensureRoots(size);
  // rootRe[m + k] + i rootIm[m + k] = exp(-2 pi i k / size), k < m.
  const wRe = rootRe;
  const wIm = rootIm;

  // Power spectrum P_k = |Y_k|^2, k = 0..m, of the length-size real transform
  // Y_k = (Z_k + conj Z_{m-k}) / 2 + exp(-2 pi i k/size) (Z_k - conj Z_{m-k}) / (2i).
  const power = new Float64Array(m + 1);
  {
    // k = 0 and k = m: Y_0 = Re Z_0 + Im Z_0, Y_m = Re Z_0 - Im Z_0.
    const s0 = zr[0] + zi[0];
    const sm = zr[0] - zi[0];
    power[0] = s0 * s0;
    power[m] = sm * sm;
  }
  for (let k = 1; k < m; k++) {
    const ar = zr[k];
    const ai = zi[k];
    const cr = zr[m - k];
    const ci = -zi[m - k];
    const er = 0.5 * (ar + cr);
    const ei = 0.5 * (ai + ci);
    const or = 0.5 * (ai - ci);
    const oi = -0.5 * (ar - cr);
    const wr = wRe[m + k];
    const wi = wIm[m + k];
    const xr = er + wr * or - wi * oi;
    const xi = ei + wr * oi + wi * or;
    power[k] = xr * xr + xi * xi;
  }

  // Inverse of the real, even spectrum P: r_{2j} + i r_{2j+1} = (1/2) IFFT_m(E + i O),
  // E_k = P_k + P_{m-k}, O_k = (P_k - P_{m-k}) exp(+2 pi i k/size).
  zr[0] = power[0] + power[m];
  zi[0] = power[0] - power[m];
  for (let k = 1; k < m; k++) {
    const e = power[k] + power[m - k];
    const d = power[k] - power[m - k];
    zr[k] = e + d * wIm[m + k];
    zi[k] = d * wRe[m + k];
  }
  fftInPlace(zr, zi, true);
  const out = new Float64Array(maxLag + 1);
  for (let t = 0; t <= maxLag; t++) out[t] = 0.5 * ((t & 1) === 0 ? zr[t >> 1] : zi[t >> 1]);
  return out;
}

function clampLag(n: number, maxLag: number | undefined): number {
  if (maxLag === undefined) return n - 1;
  if (!Number.isFinite(maxLag) || maxLag < 0) throw new RangeError(`maxLag must be a non-negative number, got ${maxLag}`);
  return Math.min(Math.floor(maxLag), n - 1);
}

function isConstant(series: ArrayLike<number>): boolean {
  const n = series.length;
  if (n === 0) return true;
  const first = series[0];
  for (let i = 1; i < n; i++) if (series[i] !== first) return false;
  return true;
}

/**
 * Autocovariance of a time series by FFT.
 *
 * C(t) = 1/(n - t) * sum_{i=0}^{n-1-t} (x_i - xbar)(x_{i+t} - xbar),  t = 0..maxLag,
 * with xbar the sample mean. Computed as the inverse FFT of the power spectrum
 * of the mean-subtracted series zero-padded to a power of two >= n + maxLag
 * (so no circular wrap-around), O(n log n). The real input is packed into a
 * complex sequence of half the length, so each transform is a complex FFT of size/2.
 *
 * @param series time series (length n)
 * @param maxLag largest lag returned (default n - 1; clamped to n - 1)
 * @returns Float64Array of length maxLag + 1 (empty for an empty series)
 */
export function autocovariance(series: ArrayLike<number>, maxLag?: number): Float64Array {
  const n = series.length;
  if (n === 0) return new Float64Array(0);
  const lag = clampLag(n, maxLag);

  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i];
  mean /= n;

  const out = lagSums(series, mean, Math.max(2, nextPowerOfTwo(n + lag)), lag);
  for (let t = 0; t <= lag; t++) out[t] /= n - t;
  return out;
}

/**
 * Normalized autocorrelation function rho(t) = C(t) / C(0), t = 0..maxLag, by FFT
 * (see {@link autocovariance} for C(t)).
 *
 * A constant series (zero variance, including n = 1) has no defined
 * autocorrelation: every entry is NaN.
 *
 * @param series time series (length n)
 * @param maxLag largest lag returned (default n - 1; clamped to n - 1)
 * @returns Float64Array of length maxLag + 1 with rho(0) = 1
 */
export function autocorrelation(series: ArrayLike<number>, maxLag?: number): Float64Array {
  const n = series.length;
  if (n === 0) return new Float64Array(0);
  if (isConstant(series)) return new Float64Array(clampLag(n, maxLag) + 1).fill(NaN);
  const c = autocovariance(series, maxLag);
  const c0 = c[0];
  for (let t = 0; t < c.length; t++) c[t] /= c0;
  c[0] = 1;
  return c;
}

/** Options of the automatic-windowing estimator of tau_int. */
export interface TauOptions {
  /** Sokal window constant c: the window is the smallest W with W >= c tau_int(W). Default 6. */
  c?: number;
  /** Largest window searched. Default floor(n / 2). */
  maxWindow?: number;
}

/** Result of the integrated autocorrelation time estimate. */
export interface IntegratedAutocorrelation {
  /** tau_int(W) = 1/2 + sum_{t=1}^{W} rho(t). NaN for a constant or empty series. */
  tau: number;
  /** Window W selected by the automatic windowing (or the largest searched if not converged); 0 if undefined. */
  window: number;
  /** Madras-Sokal statistical error sqrt(2 (2W + 1) / n) * |tau|. NaN when tau is NaN. */
  error: number;
  /** true when a window W <= maxWindow with W >= c tau_int(W) was found. */
  converged: boolean;
  /** true when the series has zero variance (tau is then NaN: rho(t) = C(t)/C(0) is 0/0). */
  constant: boolean;
}

/**
 * Sokal's automatic windowing applied to a given autocorrelation function.
 *
 * tau_int(W) = 1/2 + sum_{t=1}^{W} rho(t); W = smallest W >= 1 with W >= c * tau_int(W);
 * error = sqrt(2 (2W + 1) / n) * |tau_int(W)| (Madras & Sokal 1988).
 * If no such W exists up to maxWindow (default: min(floor(n/2), rho.length - 1)),
 * returns tau_int(maxWindow) with converged = false; that value typically
 * underestimates the true tau_int.
 *
 * @param rho autocorrelation function, rho[0] = 1
 * @param n length of the series rho was computed from (for the error)
 */
export function tauFromAutocorrelation(rho: ArrayLike<number>, n: number, options: TauOptions = {}): IntegratedAutocorrelation {
  const c = options.c ?? 6;
  if (!(c > 0)) throw new RangeError(`window constant c must be > 0, got ${c}`);
  const maxWindow = Math.min(rho.length - 1, options.maxWindow === undefined ? Math.floor(n / 2) : Math.floor(options.maxWindow));
  if (rho.length === 0 || Number.isNaN(rho[0])) {
    return { tau: NaN, window: 0, error: NaN, converged: false, constant: rho.length > 0 };
  }
  if (maxWindow < 1) {
    return { tau: NaN, window: 0, error: NaN, converged: false, constant: false };
  }
  let tau = 0.5;
  for (let w = 1; w <= maxWindow; w++) {
    tau += rho[w];
    if (w >= c * tau || w === maxWindow) {
      const converged = w >= c * tau;
      return { tau, window: w, error: Math.sqrt((2 * (2 * w + 1)) / n) * Math.abs(tau), converged, constant: false };
    }
  }
  return { tau: NaN, window: 0, error: NaN, converged: false, constant: false };
}

/**
 * Integrated autocorrelation time with Sokal's automatic windowing.
 *
 * tau_int(W) = 1/2 + sum_{t=1}^{W} rho(t), with rho from {@link autocorrelation} (FFT),
 * W = smallest W with W >= c * tau_int(W) (default c = 6),
 * error = sqrt(2 (2W + 1) / n) * |tau_int| (Madras & Sokal).
 *
 * Convention: tau_int = 1/2 for uncorrelated data; Var(mean) = 2 tau_int sigma^2 / n.
 *
 * Undefined cases return NaN, never a made-up value: a constant series
 * (zero variance) gives tau = NaN with constant = true; a series with fewer than
 * 2 samples gives tau = NaN. If the window does not converge before
 * maxWindow (default n/2), converged = false and tau is tau_int(maxWindow).
 * Very short or oscillating series can give tau <= 0, which is returned as is
 * (callers should treat it as "too short").
 *
 * Cost: rho is first computed up to the lags that fit in the zero padding to the next
 * power of two above n for free; only if the window is not found there is it recomputed
 * up to maxWindow (padding to >= n + maxWindow). n = 2^20 takes a fraction of a second
 * (two complex FFTs of length 2^20).
 */
export function integratedAutocorrelationTime(series: ArrayLike<number>, options: TauOptions = {}): IntegratedAutocorrelation {
  checkOptions('options', options, ['c', 'maxWindow']);
  const n = series.length;
  if (n < 2) return { tau: NaN, window: 0, error: NaN, converged: false, constant: n === 1 };
  if (isConstant(series)) return { tau: NaN, window: 0, error: NaN, converged: false, constant: true };
  const maxWindow = Math.max(1, options.maxWindow === undefined ? Math.floor(n / 2) : Math.floor(options.maxWindow));
  const room = nextPowerOfTwo(n) - n;
  if (room >= 64 && room < maxWindow) {
    // The automatic window is the first W meeting the criterion, so a search cut at `room`
    // that converges gives exactly the same W and tau as the full search.
    const first = tauFromAutocorrelation(autocorrelation(series, room), n, { ...options, maxWindow: room });
    if (first.converged) return first;
  }
  const rho = autocorrelation(series, maxWindow);
  return tauFromAutocorrelation(rho, n, { ...options, maxWindow });
}
