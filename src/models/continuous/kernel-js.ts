/**
 * What the JavaScript continuous-spin kernels share (XY and clock: src/models/xy/kernel-js.ts;
 * Heisenberg: src/models/heisenberg/kernel-js.ts): the lattice of n float64 components a site, the
 * generator, the couplings and the Wolff cluster memory; also the O(2) phi^4 field
 * (src/models/phi4/kernel-js.ts, on square and cubic lattices). The hot loops stay in each model's
 * kernel, written out for its number of components (the twins of assembly/xy.ts, assembly/heisenberg.ts
 * and assembly/phi4.ts).
 */
import { Xoshiro128 } from '../../rng.js';
import { Embedding } from './embedding.js';
import { heatBathSweep, type ClockTables, type ContinuousLattice } from './heat-bath.js';

/** Most bytes of spin components a kernel holds: 2^31 - 1, the index range of the WebAssembly cores (assembly/xy.ts, heisenberg.ts, phi4.ts). */
export const MAX_SPIN_BYTES = 0x7fffffff;

export abstract class JsContinuousKernelBase {
  readonly backend = 'js' as const;
  /** Components of site i at [n i, n i + n - 1], row-major. */
  readonly spins: Float64Array;
  protected rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  protected beta = 0;
  protected field = 0;
  protected marks: Uint8Array | undefined;
  protected queue: Int32Array | undefined;
  /** The last cluster's sites are queue[0 .. lastCount - 1]. */
  protected lastCount = 0;
  /** Spins are unit vectors (renormalised after reflections); false for the phi^4 field. */
  protected readonly unitVectors: boolean = true;
  /** Swendsen-Wang memory (reserveEmbedding). */
  protected embedding: Embedding | undefined;
  /** The clock model's heat-bath weights. */
  private weights: Float64Array | undefined;

  /** Number of sites: L^2 on the square lattice, L^3 on the cubic one. */
  readonly sites: number;

  constructor(
    readonly size: number,
    readonly components: number,
    /** Spatial dimension d (2: square, 3: cubic). */
    readonly dimension: 2 | 3 = 2,
  ) {
    this.sites = size ** dimension;
    const bytes = 8 * components * this.sites;
    // the WebAssembly cores' limit, so that both backends refuse the same lattices (a typed error upstream)
    if (bytes > MAX_SPIN_BYTES) throw new RangeError(`${bytes} bytes of spin components: more than the ${MAX_SPIN_BYTES} the kernels hold`);
    this.spins = new Float64Array(components * this.sites);
  }

  /**
   * The neighbours of `site` in the Wolff kernels' order into `out` (-x, +x, -y, +y, then -z, +z on
   * the cubic lattice); returns their number.
   */
  protected wolffNeighbours(site: number, out: Int32Array): number {
    const L = this.size;
    const x = site % L;
    const row = (site - x) / L;
    if (this.dimension === 2) {
      out[0] = site - x + (x === 0 ? L - 1 : x - 1);
      out[1] = site - x + (x === L - 1 ? 0 : x + 1);
      out[2] = (row === 0 ? L - 1 : row - 1) * L + x;
      out[3] = (row === L - 1 ? 0 : row + 1) * L + x;
      return 4;
    }
    const y = row % L;
    const z = (row - y) / L;
    const plane = z * L * L;
    out[0] = site - x + (x === 0 ? L - 1 : x - 1);
    out[1] = site - x + (x === L - 1 ? 0 : x + 1);
    out[2] = plane + (y === 0 ? L - 1 : y - 1) * L + x;
    out[3] = plane + (y === L - 1 ? 0 : y + 1) * L + x;
    out[4] = (z === 0 ? L - 1 : z - 1) * L * L + (site - plane);
    out[5] = (z === L - 1 ? 0 : z + 1) * L * L + (site - plane);
    return 6;
  }

  getRngState(): Uint32Array {
    return Uint32Array.from(this.rng.state);
  }

  setRngState(state: Uint32Array): void {
    this.rng = new Xoshiro128(state);
  }

  readComponents(): Float64Array {
    return Float64Array.from(this.spins);
  }

  setCouplings(beta: number, field: number): void {
    this.beta = beta;
    this.field = field;
  }

  /** Reserves the cluster marks and queue (once); false when memory runs out. */
  reserveClusters(): boolean {
    if (this.marks) return true;
    const N = this.sites;
    try {
      this.marks = new Uint8Array(N);
      this.queue = new Int32Array(N);
    } catch {
      this.marks = undefined;
      return false;
    }
    return true;
  }

  abstract record(out: Float64Array, offset?: number): void;
  abstract overRelax(sweeps: number): void;

  /** What the heat bath and Swendsen-Wang by embedding read and change (./heat-bath.ts). */
  protected lattice(clock: ClockTables | undefined): ContinuousLattice {
    const { spins, components, size, dimension, beta, field, rng } = this;
    return { spins, components, size, dimension, beta, field, clock, rng, unit: this.unitVectors };
  }

  /** Heat-bath sweeps (./heat-bath.ts), each followed by `overRelaxation` reflection sweeps; records `width` values after each when `out`. */
  protected heatBathSweeps(sweeps: number, overRelaxation: number, width: number, out: Float64Array | undefined, clock?: ClockTables): number {
    if (clock && !this.weights) this.weights = new Float64Array(256);
    const lattice = this.lattice(clock);
    let changed = 0;
    for (let k = 0; k < sweeps; k++) {
      changed += heatBathSweep(lattice, this.weights as Float64Array);
      if (overRelaxation > 0) this.overRelax(overRelaxation);
      if (out) this.record(out, width * k);
    }
    return changed;
  }

  reserveEmbedding(): boolean {
    if (this.embedding) return true;
    try {
      this.embedding = new Embedding(this.sites);
    } catch {
      return false;
    }
    return true;
  }

  /** Swendsen-Wang steps by embedding (./embedding.ts); records `width` values and sum_C |C|^2 after each. */
  protected embeddingSteps(steps: number, width: number, out: Float64Array | undefined, sizes: Float64Array | undefined, clock?: ClockTables): number {
    const embedding = this.embedding;
    if (!embedding) throw new Error('Swendsen-Wang memory not reserved');
    const lattice = this.lattice(clock);
    let flipped = 0;
    for (let k = 0; k < steps; k++) {
      flipped += embedding.step(lattice);
      if (out) this.record(out, width * k);
      if (sizes) sizes[k] = embedding.squares;
    }
    return flipped;
  }

  clusterParents(): Int32Array {
    return this.embedding ? this.embedding.parent.slice() : new Int32Array(0);
  }

  clusterSites(): Int32Array {
    return this.queue ? this.queue.slice(0, this.lastCount) : new Int32Array(0);
  }

  dispose(): void {
    this.marks = undefined;
    this.queue = undefined;
    this.embedding = undefined;
  }
}
