/**
 * Small dense linear algebra for the analyses (MCRG matrices, least-squares fits): matrices
 * are arrays of rows. Sizes are a handful, so clarity wins over blocking.
 *
 * @module
 */

export type Matrix = number[][];

/** A complex number re + i im. */
export interface Complex {
  re: number;
  im: number;
}

function copy(a: Matrix): Matrix {
  return a.map((row) => row.slice());
}

/**
 * Solves A X = B by Gaussian elimination with partial pivoting (A is n x n, B is n x m).
 * Returns null when A is singular to working precision (a pivot below 1e-14 times the largest entry of A).
 */
export function solve(a: Matrix, b: Matrix): Matrix | null {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  const A = copy(a);
  const X = copy(b);
  let scale = 0;
  for (const row of A) for (const v of row) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i][k]) > Math.abs(A[pivot][k])) pivot = i;
    if (!(Math.abs(A[pivot][k]) > 1e-14 * scale)) return null;
    [A[k], A[pivot]] = [A[pivot], A[k]];
    [X[k], X[pivot]] = [X[pivot], X[k]];
    for (let i = k + 1; i < n; i++) {
      const f = A[i][k] / A[k][k];
      if (f === 0) continue;
      for (let j = k; j < n; j++) A[i][j] -= f * A[k][j];
      for (let j = 0; j < m; j++) X[i][j] -= f * X[k][j];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    for (let j = 0; j < m; j++) {
      let s = X[k][j];
      for (let i = k + 1; i < n; i++) s -= A[k][i] * X[i][j];
      X[k][j] = s / A[k][k];
    }
  }
  return X;
}

/**
 * Eigenvalues of a real symmetric matrix by cyclic Jacobi rotations, ascending.
 * Only the upper triangle's symmetric counterpart is assumed; the input is not modified.
 */
export function symmetricEigenvalues(s: Matrix): number[] {
  const n = s.length;
  const A = copy(s);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i][i] * A[i][i];
      for (let j = i + 1; j < n; j++) off += A[i][j] * A[i][j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (A[p][q] === 0) continue;
        // rotation angle that zeroes A[p][q]: tan(2 theta) = 2 A_pq / (A_qq - A_pp)
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - sn * akq;
          A[k][q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - sn * aqk;
          A[q][k] = sn * apk + c * aqk;
        }
      }
    }
  }
  return A.map((row, i) => row[i]).sort((x, y) => x - y);
}

/** Reduces a square matrix to upper Hessenberg form by Householder reflections (similar, same eigenvalues). */
function hessenberg(a: Matrix): Matrix {
  const n = a.length;
  const H = copy(a);
  for (let k = 0; k < n - 2; k++) {
    let alpha = 0;
    for (let i = k + 1; i < n; i++) alpha += H[i][k] * H[i][k];
    alpha = Math.sqrt(alpha);
    if (alpha === 0) continue;
    if (H[k + 1][k] > 0) alpha = -alpha;
    const v = new Array<number>(n).fill(0);
    v[k + 1] = H[k + 1][k] - alpha;
    for (let i = k + 2; i < n; i++) v[i] = H[i][k];
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    // H <- (I - 2 v v^T / v^T v) H (I - 2 v v^T / v^T v)
    for (let j = 0; j < n; j++) {
      let d = 0;
      for (let i = k + 1; i < n; i++) d += v[i] * H[i][j];
      d = (2 * d) / vv;
      for (let i = k + 1; i < n; i++) H[i][j] -= d * v[i];
    }
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = k + 1; j < n; j++) d += H[i][j] * v[j];
      d = (2 * d) / vv;
      for (let j = k + 1; j < n; j++) H[i][j] -= d * v[j];
    }
    for (let i = k + 2; i < n; i++) H[i][k] = 0;
  }
  return H;
}

/** Eigenvalues of the 2 x 2 matrix [[a, b], [c, d]]. */
function eigen2(a: number, b: number, c: number, d: number): [Complex, Complex] {
  const half = (a + d) / 2;
  const det = a * d - b * c;
  const disc = half * half - det;
  if (disc >= 0) {
    const r = Math.sqrt(disc);
    // avoid cancellation: the larger root first, the other from the determinant
    const big = half >= 0 ? half + r : half - r;
    const small = big !== 0 ? det / big : half - r;
    return [
      { re: big, im: 0 },
      { re: small, im: 0 },
    ];
  }
  const r = Math.sqrt(-disc);
  return [
    { re: half, im: r },
    { re: half, im: -r },
  ];
}

/**
 * Applies a Householder reflection P = I - 2 v v^T / (v^T v) (v of length 2 or 3, acting on rows
 * and columns r0..r0+len-1) as H <- P H P, restricted to the active window lo..hi.
 */
function reflect(H: Matrix, v: number[], r0: number, lo: number, hi: number): void {
  const len = v.length;
  let vv = 0;
  for (const x of v) vv += x * x;
  if (vv === 0) return;
  for (let j = Math.max(lo, r0 - 1); j <= hi; j++) {
    let d = 0;
    for (let i = 0; i < len; i++) d += v[i] * H[r0 + i][j];
    d = (2 * d) / vv;
    for (let i = 0; i < len; i++) H[r0 + i][j] -= d * v[i];
  }
  const last = Math.min(hi, r0 + len);
  for (let i = lo; i <= last; i++) {
    let d = 0;
    for (let j = 0; j < len; j++) d += H[i][r0 + j] * v[j];
    d = (2 * d) / vv;
    for (let j = 0; j < len; j++) H[i][r0 + j] -= d * v[j];
  }
}

/** Householder vector that maps x (length 2 or 3) onto a multiple of e1. */
function householder(x: number[]): number[] {
  let norm = 0;
  for (const v of x) norm += v * v;
  norm = Math.sqrt(norm);
  const v = x.slice();
  v[0] += x[0] >= 0 ? norm : -norm;
  return v;
}

/**
 * Eigenvalues of a real square matrix: Householder reduction to Hessenberg form, then Francis
 * double-shift QR iterations with deflation (Golub & Van Loan, Algorithms 7.4.2 and 7.5.1),
 * reading eigenvalues from the 1 x 1 and 2 x 2 diagonal blocks. Complex eigenvalues come in
 * conjugate pairs. Sorted by decreasing real part (then decreasing imaginary part).
 * Returns null if the iteration does not converge (or the matrix holds NaN or infinities).
 */
export function eigenvalues(a: Matrix): Complex[] | null {
  const n = a.length;
  for (const row of a) for (const v of row) if (!Number.isFinite(v)) return null;
  const H = hessenberg(a);
  const out: Complex[] = [];
  let hi = n - 1;
  let iterations = 0;
  const eps = Number.EPSILON;
  while (hi >= 0) {
    // find the start lo of the unreduced block ending at hi
    let lo = hi;
    while (lo > 0) {
      const s = Math.abs(H[lo - 1][lo - 1]) + Math.abs(H[lo][lo]);
      if (Math.abs(H[lo][lo - 1]) <= eps * (s === 0 ? 1 : s)) {
        H[lo][lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hi) {
      out.push({ re: H[hi][hi], im: 0 });
      hi -= 1;
      iterations = 0;
      continue;
    }
    if (lo === hi - 1) {
      out.push(...eigen2(H[hi - 1][hi - 1], H[hi - 1][hi], H[hi][hi - 1], H[hi][hi]));
      hi -= 2;
      iterations = 0;
      continue;
    }
    if (++iterations > 60) return null;
    // shifts: eigenvalues of the trailing 2 x 2 block (exceptional shifts every 10 iterations)
    let s: number;
    let t: number;
    if (iterations % 10 === 0) {
      const w = Math.abs(H[hi][hi - 1]) + Math.abs(H[hi - 1][hi - 2]);
      s = 1.5 * w + H[hi][hi];
      t = w * w;
    } else {
      s = H[hi - 1][hi - 1] + H[hi][hi];
      t = H[hi - 1][hi - 1] * H[hi][hi] - H[hi - 1][hi] * H[hi][hi - 1];
    }
    // first column of (H - s1 I)(H - s2 I) = H^2 - s H + t I
    let x = H[lo][lo] * H[lo][lo] + H[lo][lo + 1] * H[lo + 1][lo] - s * H[lo][lo] + t;
    let y = H[lo + 1][lo] * (H[lo][lo] + H[lo + 1][lo + 1] - s);
    let z = H[lo + 1][lo] * H[lo + 2][lo + 1];
    for (let k = lo; k <= hi - 2; k++) {
      reflect(H, householder([x, y, z]), k, lo, hi);
      if (k > lo) {
        H[k + 1][k - 1] = 0;
        H[k + 2][k - 1] = 0;
      }
      x = H[k + 1][k];
      y = H[k + 2][k];
      if (k < hi - 2) z = H[k + 3][k];
    }
    reflect(H, householder([x, y]), hi - 1, lo, hi);
    if (hi - 2 >= lo) H[hi][hi - 2] = 0;
  }
  return out.sort((p, q) => q.re - p.re || q.im - p.im);
}

/** Result of {@link leastSquares}. */
export interface LeastSquaresFit {
  /** Coefficients c minimising sum_i w_i (y_i - sum_j X_ij c_j)^2. */
  coefficients: number[];
  /** Covariance of the coefficients (X^T W X)^-1, valid when 1/w_i are the variances of y_i. */
  covariance: Matrix;
  /** sum_i w_i (y_i - fit_i)^2. */
  chi2: number;
  /** Number of points minus number of coefficients. */
  dof: number;
}

/**
 * Weighted linear least squares by Householder QR of W^(1/2) X (stable for the nearly collinear
 * columns of polynomial fits). Returns null when X has fewer rows than columns or is rank-deficient.
 */
export function leastSquares(design: Matrix, y: ArrayLike<number>, weights?: ArrayLike<number>): LeastSquaresFit | null {
  const rows = design.length;
  const cols = design[0]?.length ?? 0;
  if (rows < cols || cols === 0) return null;
  const sw = Array.from({ length: rows }, (_, i) => Math.sqrt(weights ? weights[i] : 1));
  const A = design.map((row, i) => row.map((v) => v * sw[i]));
  const b = Array.from({ length: rows }, (_, i) => y[i] * sw[i]);
  let scale = 0;
  for (const row of A) for (const v of row) scale = Math.max(scale, Math.abs(v));
  // A = Q R; apply Q^T to b as we go
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += A[i][k] * A[i][k];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-13 * scale)) return null;
    const alpha = A[k][k] > 0 ? -norm : norm;
    const v = new Array<number>(rows).fill(0);
    v[k] = A[k][k] - alpha;
    for (let i = k + 1; i < rows; i++) v[i] = A[i][k];
    let vv = 0;
    for (let i = k; i < rows; i++) vv += v[i] * v[i];
    if (vv > 0) {
      for (let j = k; j < cols; j++) {
        let d = 0;
        for (let i = k; i < rows; i++) d += v[i] * A[i][j];
        d = (2 * d) / vv;
        for (let i = k; i < rows; i++) A[i][j] -= d * v[i];
      }
      let d = 0;
      for (let i = k; i < rows; i++) d += v[i] * b[i];
      d = (2 * d) / vv;
      for (let i = k; i < rows; i++) b[i] -= d * v[i];
    }
  }
  // back substitution R c = (Q^T b)[0..cols)
  const c = new Array<number>(cols).fill(0);
  for (let k = cols - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < cols; j++) s -= A[k][j] * c[j];
    c[k] = s / A[k][k];
  }
  // (X^T W X)^-1 = R^-1 R^-T
  const rInv: Matrix = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
  for (let j = 0; j < cols; j++) {
    rInv[j][j] = 1 / A[j][j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += A[i][k] * rInv[k][j];
      rInv[i][j] = -s / A[i][i];
    }
  }
  const covariance: Matrix = Array.from({ length: cols }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      let s = 0;
      for (let k = Math.max(i, j); k < cols; k++) s += rInv[i][k] * rInv[j][k];
      return s;
    }),
  );
  let chi2 = 0;
  for (let i = cols; i < rows; i++) chi2 += b[i] * b[i];
  return { coefficients: c, covariance, chi2, dof: rows - cols };
}
