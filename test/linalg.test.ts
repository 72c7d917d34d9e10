// Small dense linear algebra used by MCRG and the Landau fit, against matrices with known answers.
import { describe, expect, it } from 'vitest';
import { eigenvalues, leastSquares, solve, symmetricEigenvalues, type Matrix } from '../src/linalg.js';
import { Xoshiro128, seedState } from '../src/rng.js';

function random(seed: number): () => number {
  const g = new Xoshiro128(seedState(seed));
  return () => g.next() / 2 ** 32 - 0.5;
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

/** S D S^-1 with a random S: a non-symmetric matrix with the given eigenvalue blocks. */
function similar(blocks: Matrix, seed: number): Matrix {
  const r = random(seed);
  const n = blocks.length;
  const S = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => r() + (i === j ? 2 : 0)));
  const identity = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  return multiply(multiply(S, blocks), solve(S, identity)!);
}

describe('linear algebra', () => {
  it('solve: A X = B, and null for a singular matrix', () => {
    const A = [[4, 1, 2], [1, 5, 3], [2, 3, 6]];
    const X = solve(A, [[1, 0], [0, 1], [2, 3]])!;
    const back = multiply(A, X);
    expect(back[0][0]).toBeCloseTo(1, 12);
    expect(back[2][1]).toBeCloseTo(3, 12);
    expect(solve([[1, 2], [2, 4]], [[1], [2]])).toBeNull();
    expect(solve([[0, 0], [0, 0]], [[1], [2]])).toBeNull();
  });

  it('symmetricEigenvalues: ascending, matching a diagonalised matrix', () => {
    const D = [[3, 0, 0, 0], [0, -1, 0, 0], [0, 0, 0.5, 0], [0, 0, 0, 10]];
    // orthogonal Q from a 2D rotation in (0,1) and one in (2,3)
    const c = Math.cos(0.3), s = Math.sin(0.3), c2 = Math.cos(1.1), s2 = Math.sin(1.1);
    const Q = [[c, -s, 0, 0], [s, c, 0, 0], [0, 0, c2, -s2], [0, 0, s2, c2]];
    const Qt = Q[0].map((_, j) => Q.map((row) => row[j]));
    const M = multiply(multiply(Q, D), Qt);
    const mixed = multiply(multiply([[1, 0, 0, 0], [0, c2, -s2, 0], [0, s2, c2, 0], [0, 0, 0, 1]], M), [[1, 0, 0, 0], [0, c2, s2, 0], [0, -s2, c2, 0], [0, 0, 0, 1]]);
    const ev = symmetricEigenvalues(mixed);
    [-1, 0.5, 3, 10].forEach((v, i) => expect(ev[i]).toBeCloseTo(v, 12));
  });

  it('eigenvalues: real spectrum of a non-symmetric 6 x 6 matrix', () => {
    const values = [3.7, 2, 1.09, 0.5, 0.01, -0.3]; // in the returned order (decreasing)
    const D = values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
    const ev = eigenvalues(similar(D, 5))!;
    expect(ev.map((e) => e.im)).toEqual(values.map(() => 0));
    values.forEach((v, i) => expect(ev[i].re).toBeCloseTo(v, 9));
  });

  it('eigenvalues: complex pairs and a defective-looking block', () => {
    // blocks: rotation-scaling [[a, -b], [b, a]] has a +- ib
    const D = [
      [1.5, -2, 0, 0, 0],
      [2, 1.5, 0, 0, 0],
      [0, 0, 4, 1, 0],
      [0, 0, 0, 4, 0],
      [0, 0, 0, 0, -2],
    ];
    const ev = eigenvalues(similar(D, 9))!;
    expect(ev[0].re).toBeCloseTo(4, 6);
    expect(ev[1].re).toBeCloseTo(4, 6);
    expect(ev[2].re).toBeCloseTo(1.5, 9);
    expect(Math.abs(ev[2].im)).toBeCloseTo(2, 9);
    expect(ev[2].im).toBeCloseTo(-ev[3].im, 9);
    expect(ev[4].re).toBeCloseTo(-2, 9);
  });

  it('eigenvalues: companion matrix of (x-1)(x-2)(x-3)(x+4), 1 x 1 and 2 x 2 inputs, NaN input', () => {
    // x^4 - 2x^3 - 13x^2 + 38x - 24
    const C = [[2, 13, -38, 24], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
    const ev = eigenvalues(C)!.map((e) => e.re);
    [3, 2, 1, -4].forEach((v, i) => expect(ev[i]).toBeCloseTo(v, 9));
    expect(eigenvalues([[7]])).toEqual([{ re: 7, im: 0 }]);
    const two = eigenvalues([[0, 1], [-1, 0]])!;
    expect(two.map((e) => e.re)).toEqual([0, 0]);
    expect(two.map((e) => e.im)).toEqual([1, -1]);
    expect(eigenvalues([[1, NaN], [0, 1]])).toBeNull();
  });

  it('leastSquares: recovers an even polynomial exactly and its covariance scales with the weights', () => {
    const xs = Array.from({ length: 21 }, (_, i) => i / 20);
    const design = xs.map((x) => [1, x * x, x ** 4, x ** 6]);
    const truth = [0.3, -1.2, 2.5, 0.7];
    const y = design.map((row) => row.reduce((s, v, j) => s + v * truth[j], 0));
    const fit = leastSquares(design, y)!;
    truth.forEach((t, j) => expect(fit.coefficients[j]).toBeCloseTo(t, 9));
    expect(fit.chi2).toBeLessThan(1e-20);
    expect(fit.dof).toBe(17);
    const weighted = leastSquares(design, y, xs.map(() => 4))!;
    expect(weighted.covariance[1][1]).toBeCloseTo(fit.covariance[1][1] / 4, 9);
    // straight line through 3 points: the textbook covariance
    const line = leastSquares([[1, 0], [1, 1], [1, 2]], [1, 2, 4])!;
    expect(line.coefficients[0]).toBeCloseTo(5 / 6, 12);
    expect(line.coefficients[1]).toBeCloseTo(1.5, 12);
    expect(line.covariance[1][1]).toBeCloseTo(0.5, 12);
    expect(line.chi2).toBeCloseTo(1 / 6, 12);
    expect(leastSquares([[1, 1], [2, 2], [3, 3]], [1, 2, 3])).toBeNull();
    expect(leastSquares([[1, 2]], [1])).toBeNull();
  });
});
