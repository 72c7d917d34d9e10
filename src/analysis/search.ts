/**
 * One-dimensional searches shared by the analyses (a leaf: imports nothing).
 *
 * @module
 */

/**
 * Maximum of a unimodal f on [a, b] by golden-section search, until `b - a <= relativeTolerance |a + b|` or
 * 60 steps; returns the midpoint of the last bracket.
 */
export function goldenMax(f: (x: number) => number, a: number, b: number, relativeTolerance = 1e-8): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60 && b - a > relativeTolerance * Math.abs(a + b); i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return 0.5 * (a + b);
}

/**
 * A root of f in [a, b] with `f(a) <= 0 <= f(b)` by the Illinois variant of regula falsi (superlinear, always
 * bracketed), until two successive iterates agree to 1e-13 relative. A step that leaves the bracket (infinite or
 * equal end values) is replaced by bisection.
 */
export function findRoot(f: (x: number) => number, a: number, b: number, fa = f(a), fb = f(b)): number {
  let side = 0;
  let c = a;
  for (let i = 0; i < 100; i++) {
    const previous = c;
    c = (a * fb - b * fa) / (fb - fa);
    if (!(c >= a && c <= b)) c = 0.5 * (a + b);
    const fc = f(c);
    if (fc === 0 || Math.abs(c - previous) < 1e-13 * Math.abs(c)) return c;
    if (fc > 0) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return c;
}
