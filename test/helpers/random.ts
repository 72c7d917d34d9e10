/** Seeded random series for the statistics tests (independent of the package's own generator). */

// Seeded test PRNG: Marsaglia xorshift128 (4 x 32-bit words), 53-bit uniforms, Box-Muller normals
export function makeNormal(seed: number): () => number {
  let x = seed >>> 0 || 1;
  let y = 362436069;
  let z = 521288629;
  let w = 88675123;
  const next32 = (): number => {
    const t = (x ^ (x << 11)) >>> 0;
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return w;
  };
  for (let i = 0; i < 32; i++) next32(); // decorrelate from the seed
  // uniform in (0, 1]
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 1) / 9007199254740992;
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/** Stationary AR(1): x_t = phi x_{t-1} + eps_t, eps ~ N(0, 1), x_0 ~ N(0, 1/(1 - phi^2)). */
export function ar1(n: number, phi: number, seed: number): Float64Array {
  const g = makeNormal(seed);
  const out = new Float64Array(n);
  let x = g() / Math.sqrt(1 - phi * phi);
  for (let i = 0; i < n; i++) {
    if (i > 0) x = phi * x + g();
    out[i] = x;
  }
  return out;
}

/** iid N(mu, sigma^2). */
export function normals(n: number, mu: number, sigma: number, seed: number): Float64Array {
  const g = makeNormal(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mu + sigma * g();
  return out;
}
