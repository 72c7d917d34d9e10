/**
 * What the continuous-spin kernels share (XY and clock: src/models/xy/; Heisenberg:
 * src/models/heisenberg/): the kernel interface both backends implement, and the correlation
 * sample, computed in TypeScript from the spin components for both backends.
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
