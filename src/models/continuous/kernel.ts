/**
 * What the continuous-spin kernels share (XY and clock: src/models/xy/; Heisenberg:
 * src/models/heisenberg/): the kernel interface both backends implement, and the correlation
 * sample, computed in TypeScript from the spin components for both backends.
 *
 * ## Heat bath (assembly/continuous-heatbath.ts, ./heat-bath.ts; every model, square and cubic lattices)
 * A sweep visits the sites of colour 0 ((x + y + z) even) in site order i = (z L + y) L + x, then those of
 * colour 1. Local field H = s(+x) + s(-x) + s(+y) + s(-y) [+ s(+z) + s(-z)] + h e (summed in that order;
 * e = x for XY and clock, z for Heisenberg), kappa = beta |H|. The new spin has the exact conditional
 * distribution P(s) ~ exp(beta H . s):
 * - clock: w_k = exp(beta (H . t_k - max_j H . t_j)) for the table's t_k; one draw u; the first k with
 *   u W < w_0 + ... + w_k (W = sum of the w_k, summed in order).
 * - XY: kappa < 1e-150: one draw, angle 2 pi u. Otherwise the angle delta to H from the von Mises
 *   distribution by Best and Fisher's rejection method (Appl. Statist. 28, 152 (1979)):
 *   tau = 1 + sqrt(1 + 4 kappa^2), rho = 2 kappa / (tau + sqrt(2 tau)), r = (1 + rho^2) / (2 rho); each
 *   attempt draws u_1 (z = cos(pi u_1), f = (1 + r z) / (r + z), c = kappa (r - f)) and u_2, and accepts
 *   when c (2 - c) > u_2 or ln(c / u_2) + 1 - c >= 0 (at most 64 attempts: each accepts with probability
 *   > 0.65); then u_3: sin delta = -sqrt(1 - f^2) when u_3 < 1/2, else +; s' = f H^ + sin delta H^perp.
 * - Heisenberg: two draws u_1, u_2; cos delta = 1 + ln(1 - u_1 (1 - e^{-2 kappa})) / kappa (inversion of
 *   the density ~ e^{kappa cos delta} on [-1, 1]; log1p and expm1 forms), azimuth 2 pi u_2 in the basis of
 *   Duff et al. (JCGT 6, 1 (2017)) normal to H; kappa = 0: cos delta = 1 - 2 u_1 about z.
 *
 * ## Swendsen-Wang by embedding (assembly/embedding.ts, ./embedding.ts)
 * One step: the reflection r as the model's Wolff step draws it (XY: psi = 2 pi u; clock: the mirror j =
 * floor(u q); Heisenberg: a random unit vector), p_i = r . s_i; the bonds i -> +x, +y [, +z] (sites in
 * order) with x = -2 beta p_i p_j < 0 draw u and are occupied when u < 1 - detExpSmall(max(x, -708));
 * union-find joins the larger root under the smaller (roots are their clusters' smallest sites). The
 * clusters, in the order of their roots, draw u and are reflected when u < 1 / (1 + exp(beta dE)),
 * dE = 2 h r_e sum_C p_i (1/2 at h = 0). Reflection as in the model's Wolff step. The step's cluster
 * statistic is sum_C |C|^2.
 */

/** One continuous-spin kernel (either backend); each model's ./kernel.ts writes its stream contract. */
export interface ContinuousKernel {
  readonly backend: 'wasm' | 'js';
  readonly size: number;
  /** Spatial dimension d (2: square, 3: cubic). */
  readonly dimension: 2 | 3;
  /** N = L^d. */
  readonly sites: number;
  /** The clock model's q (0 for continuous spins). */
  readonly q: number;
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  fill(start: 'hot' | 'cold'): void;
  /** A copy of the lattice as `spins()` returns it: the components, or the clock model's states. */
  readSpins(): Float64Array | Uint8Array;
  writeSpins(spins: Float64Array | Uint8Array): void;
  /** A copy of the spin components (also for the clock model). */
  readComponents(): Float64Array;
  setCouplings(beta: number, field: number): void;
  /**
   * `sweeps` Metropolis sweeps with step size `step` (ignored by the clock model), each followed by
   * `overRelaxation` reflection sweeps; records after each when `out`. Returns accepted moves.
   */
  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number;
  reserveClusters(): boolean;
  /** `steps` Wolff steps of `clusters` clusters; records and summed cluster sizes after each. Returns spins reflected. */
  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number;
  /** Sites of the last cluster (in the order they joined). */
  clusterSites(): Int32Array;
  /**
   * `sweeps` heat-bath sweeps (exact for each model: contract below), each followed by
   * `overRelaxation` reflection sweeps (not the clock model); records after each when `out`. Returns sites changed.
   */
  heatBath(sweeps: number, overRelaxation: number, out?: Float64Array): number;
  /** Reserves the Swendsen-Wang memory (17 bytes a site; once); false when memory runs out. */
  reserveEmbedding(): boolean;
  /** `steps` Swendsen-Wang steps by embedding; records and sum_C |C|^2 after each. Returns spins reflected. */
  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number;
  /** Union-find parents of the last Swendsen-Wang step (parent[i] <= i; empty before the first). */
  clusterParents(): Int32Array;
  /** The record of the current lattice at out[offset ..]. */
  record(out: Float64Array, offset?: number): void;
  dispose(): void;
}

/** Values of one correlation sample for linear size L and n components: C(0 .. L/2), then the n row sums and n column sums of M. */
export function continuousCorrelationValues(size: number, components: number): number {
  return (size >> 1) + 1 + 2 * components * size;
}

/**
 * One correlation sample of the lattice `s` (n components a site, row-major): C(r) = sum_i [s_i . s_{i + r x}
 * + s_i . s_{i + r y}] for r = 0 .. L/2, then the row sums R(y) (n values each) for y = 0 .. L-1,
 * then the column sums C(x).
 */
export function continuousCorrelationSample(s: Float64Array, L: number, n: number, out: Float64Array): void {
  const half = L >> 1;
  const rows = half + 1;
  const cols = rows + n * L;
  out.fill(0, 0, continuousCorrelationValues(L, n));
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const i = n * (y * L + x);
      for (let a = 0; a < n; a++) {
        out[rows + n * y + a] += s[i + a];
        out[cols + n * x + a] += s[i + a];
      }
      for (let r = 0; r <= half; r++) {
        const j = n * (y * L + ((x + r) % L));
        const k = n * (((y + r) % L) * L + x);
        let dot = 0;
        for (let a = 0; a < n; a++) dot += s[i + a] * s[j + a] + s[i + a] * s[k + a];
        out[r] += dot;
      }
    }
  }
}
