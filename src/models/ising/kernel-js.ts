/**
 * The pure-JavaScript fallback: the same kernels as assembly/ising2d.ts, the same site
 * order and the same random stream, so a seed gives the same lattice bit for bit, on the square
 * and on the cubic lattice (src/lattice.ts).
 */
import { Xoshiro128, rotl } from '../../rng.js';
import type { Lattice, LocalAlgorithm } from '../../vocabulary.js';
import { depthOf, forEachForwardBond, geometryOf, sitesOf, type LatticeGeometry } from '../../lattice.js';
import { NO_CLUSTER } from '../../cluster/labels.js';
import { JsClusters } from './clusters-js.js';
import type { ClusterStep, ClusterSweepResult, IsingKernel } from './types.js';
import { JsBlockSpinKernel } from './rg-js.js';
import { measureCorrelationsJs } from '../../backend/correlation-js.js';

export class JsIsingKernel implements IsingKernel {
  readonly backend = 'js' as const;
  readonly size: number;
  readonly lattice: Lattice;
  readonly geometry: LatticeGeometry;
  bondSum = 0;
  magnetization = 0;
  /** @internal read by the cluster kernel (./clusters-js.ts) */
  spins: Int8Array;
  /** @internal read by the cluster kernel */
  readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  private clusters: JsClusters | undefined;
  private clusterThresholds: [number, number, number] = [0, 0, 0];
  private metropolis = new Float64Array(14);
  private heatBath = new Float64Array(7);

  constructor(size: number, lattice: Lattice = 'square') {
    this.size = size;
    this.lattice = lattice;
    this.geometry = geometryOf(lattice);
    this.spins = new Int8Array(sitesOf(this.geometry, size)).fill(1);
    this.recount();
  }

  setThresholds(metropolis: Float64Array, heatBath: Float64Array): void {
    this.metropolis = Float64Array.from(metropolis);
    this.heatBath = Float64Array.from(heatBath);
  }

  getRngState(): Uint32Array {
    return Uint32Array.from(this.rng.state);
  }

  setRngState(state: Uint32Array): void {
    this.rng.state.set(state);
  }

  nextU32(): number {
    return this.rng.next();
  }

  fill(start: 'hot' | 'cold'): void {
    if (start === 'cold') this.spins.fill(1);
    else for (let i = 0; i < this.spins.length; i++) this.spins[i] = this.rng.next() >>> 31 ? 1 : -1;
    this.recount();
  }

  readSpins(): Int8Array {
    return this.spins.slice();
  }

  writeSpins(spins: Int8Array): void {
    this.spins.set(spins);
    this.recount();
  }

  /** @internal also called by the cluster kernel */
  recount(): void {
    const s = this.spins;
    let b = 0;
    let m = 0;
    forEachForwardBond(this.geometry, this.size, (i, right, below, front) => {
      const si = s[i];
      b += si * (s[right] + s[below] + (front < 0 ? 0 : s[front]));
      m += si;
    });
    this.bondSum = b;
    this.magnetization = m;
  }

  reserveClusters(): boolean {
    if (this.clusters) return true;
    try {
      this.clusters = new JsClusters(this.spins.length, this.geometry);
    } catch (error) {
      if (error instanceof RangeError) return false;
      throw error;
    }
    this.clusters.setThresholds(...this.clusterThresholds);
    return true;
  }

  setClusterThresholds(bond: number, ghost: number, fieldSign: number): void {
    this.clusterThresholds = [bond, ghost, fieldSign];
    this.clusters?.setThresholds(bond, ghost, fieldSign);
  }

  clusterSweep(step: ClusterStep, steps: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    if (!this.clusters) throw new Error('clusterSweep before reserveClusters');
    return this.clusters.run(this, step, steps, out, sizes);
  }

  clusterLabels(): Int32Array {
    return this.clusters ? this.clusters.labels(this.size) : new Int32Array(this.spins.length).fill(NO_CLUSTER);
  }

  sweep(algorithm: LocalAlgorithm, sweeps: number, out?: Int32Array): number {
    const L = this.size;
    const spins = this.spins;
    const heatBath = algorithm === 'heat-bath';
    const table = heatBath ? this.heatBath : this.metropolis;
    const Z = this.geometry.neighbours;
    const plane = L * L;
    const depth = depthOf(this.geometry, L);
    const cubic = depth > 1;
    const st = this.rng.state;
    let x0 = st[0] | 0,
      x1 = st[1] | 0,
      x2 = st[2] | 0,
      x3 = st[3] | 0;
    let b = this.bondSum;
    let m = this.magnetization;
    let changed = 0;
    for (let k = 0; k < sweeps; k++) {
      for (let colour = 0; colour < 2; colour++) {
        for (let z = 0; z < depth; z++) {
          const base = z * plane;
          const front = (z === depth - 1 ? 0 : z + 1) * plane;
          const back = (z === 0 ? depth - 1 : z - 1) * plane;
          for (let y = 0; y < L; y++) {
            const row = base + y * L;
            const above = base + (y === 0 ? L - 1 : y - 1) * L;
            const below = base + (y === L - 1 ? 0 : y + 1) * L;
            const ahead = front + y * L;
            const behind = back + y * L;
            for (let x = (y + z + colour) & 1; x < L; x += 2) {
              const s = spins[row + x];
              let nsum = spins[row + (x === 0 ? L - 1 : x - 1)] + spins[row + (x === L - 1 ? 0 : x + 1)] + spins[above + x] + spins[below + x];
              if (cubic) nsum += spins[ahead + x] + spins[behind + x];
              // xoshiro128** step, state in locals
              const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9) >>> 0;
              const t = x1 << 9;
              x2 ^= x0;
              x3 ^= x1;
              x1 ^= x2;
              x0 ^= x3;
              x2 ^= t;
              x3 = rotl(x3, 11);
              const flip = heatBath ? +(r < table[(nsum + Z) >> 1] !== s > 0) : +(r < table[(s > 0 ? Z + 1 : 0) + ((nsum + Z) >> 1)]);
              // branch-free update, as in the WebAssembly kernel
              const ds = 2 * s * flip;
              spins[row + x] = s - ds;
              m -= ds;
              b -= ds * nsum;
              changed += flip;
            }
          }
        }
      }
      if (out) {
        out[2 * k] = b;
        out[2 * k + 1] = m;
      }
    }
    st[0] = x0;
    st[1] = x1;
    st[2] = x2;
    st[3] = x3;
    this.bondSum = b;
    this.magnetization = m;
    return changed;
  }

  blockSpins(): JsBlockSpinKernel {
    return new JsBlockSpinKernel(() => this.spins, this.size, this.geometry.dimension);
  }

  correlations(out: Int32Array): void {
    measureCorrelationsJs(this.spins, this.size, out, this.geometry.dimension);
  }

  dispose(): void {
    this.spins = new Int8Array(0);
    this.clusters = undefined;
  }
}
