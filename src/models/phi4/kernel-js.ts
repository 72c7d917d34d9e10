/**
 * The JavaScript phi^4 kernel: the bit-identical twin of assembly/phi4.ts (same stream contract,
 * same floating-point operations in the same order, src/detmath.ts for exp, sin and cos). The
 * contract and the record layout are written in ./kernel.ts.
 */
import { detCos, detExp, detSin } from '../../detmath.js';
import { JsContinuousKernelBase } from '../continuous/kernel-js.js';
import { PHI4_RECORD_WIDTH, type Phi4Kernel } from './kernel.js';

const TWO_PI = 6.283185307179586;
const TWO_POW_M32 = 2.3283064365386963e-10; // 2^-32
const TWO_POW_M31 = 4.656612873077393e-10; // 2^-31

export class JsPhi4Kernel extends JsContinuousKernelBase implements Phi4Kernel {
  protected override readonly unitVectors = false;
  private lambda = 0;
  /** Neighbours of one site (+x, -x, +y, -y, +z, -z), filled by neighbours(). */
  private readonly nb = new Int32Array(6);

  /** (phi_x, phi_y) of site i at spins[2i, 2i + 1]. */
  constructor(size: number, dimension: 2 | 3) {
    super(size, 2, dimension);
    this.fill('cold');
  }

  private uniform(): number {
    return this.rng.next() * TWO_POW_M32;
  }

  fill(start: 'hot' | 'cold'): void {
    const s = this.spins;
    for (let i = 0; i < this.sites; i++) {
      if (start === 'cold') {
        s[2 * i] = 1;
        s[2 * i + 1] = 0;
      } else {
        s[2 * i] = 2 * this.uniform() - 1;
        s[2 * i + 1] = 2 * this.uniform() - 1;
      }
    }
  }

  readSpins(): Float64Array {
    return Float64Array.from(this.spins);
  }

  writeSpins(spins: Float64Array): void {
    this.spins.set(spins);
  }

  override setCouplings(beta: number, field: number, lambda = this.lambda): void {
    super.setCouplings(beta, field);
    this.lambda = lambda;
  }

  /** The neighbours of `site` into this.nb, in the contract's order; returns 2d. */
  private neighbours(site: number): number {
    const L = this.size;
    const x = site % L;
    const rest = (site - x) / L;
    const y = rest % L;
    const z = (rest - y) / L;
    const row = site - x;
    const plane = z * L * L;
    const nb = this.nb;
    nb[0] = row + (x === L - 1 ? 0 : x + 1);
    nb[1] = row + (x === 0 ? L - 1 : x - 1);
    nb[2] = plane + (y === L - 1 ? 0 : y + 1) * L + x;
    nb[3] = plane + (y === 0 ? L - 1 : y - 1) * L + x;
    if (this.dimension === 2) return 4;
    const inPlane = y * L + x;
    nb[4] = (z === L - 1 ? 0 : z + 1) * L * L + inPlane;
    nb[5] = (z === 0 ? L - 1 : z - 1) * L * L + inPlane;
    return 6;
  }

  /**
   * One pass over the sites of the checkerboard in the contract's order: `visit(i, hx, hy)` with
   * i = 2 site and H = the sum of the neighbours + (h, 0).
   */
  private checkerboard(visit: (i: number, hx: number, hy: number) => void): void {
    const L = this.size;
    const s = this.spins;
    const h = this.field;
    const depth = this.dimension === 3 ? L : 1;
    const cubic = this.dimension === 3;
    for (let c = 0; c < 2; c++) {
      for (let z = 0; z < depth; z++) {
        const front = (z === L - 1 ? 0 : z + 1) * L;
        const back = (z === 0 ? L - 1 : z - 1) * L;
        for (let y = 0; y < L; y++) {
          const row = (z * L + y) * L;
          const down = (z * L + (y === L - 1 ? 0 : y + 1)) * L;
          const up = (z * L + (y === 0 ? L - 1 : y - 1)) * L;
          const f = (front + y) * L;
          const b = (back + y) * L;
          for (let x = (y + z + c) & 1; x < L; x += 2) {
            const i = 2 * (row + x);
            const r = 2 * (row + (x === L - 1 ? 0 : x + 1));
            const l = 2 * (row + (x === 0 ? L - 1 : x - 1));
            const d = 2 * (down + x);
            const u = 2 * (up + x);
            let hx = s[r] + s[l];
            let hy = s[r + 1] + s[l + 1];
            hx = hx + s[d];
            hy = hy + s[d + 1];
            hx = hx + s[u];
            hy = hy + s[u + 1];
            if (cubic) {
              const fi = 2 * (f + x);
              const bi = 2 * (b + x);
              hx = hx + s[fi];
              hy = hy + s[fi + 1];
              hx = hx + s[bi];
              hy = hy + s[bi + 1];
            }
            hx = hx + h;
            visit(i, hx, hy);
          }
        }
      }
    }
  }

  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    const s = this.spins;
    const beta = this.beta;
    const lambda = this.lambda;
    const rng = this.rng;
    let accepted = 0;
    const visit = (i: number, hx: number, hy: number): void => {
      const dx = step * (rng.next() * TWO_POW_M31 - 1);
      const dy = step * (rng.next() * TWO_POW_M31 - 1);
      const a = rng.next() * TWO_POW_M32;
      const ox = s[i];
      const oy = s[i + 1];
      const nx = ox + dx;
      const ny = oy + dy;
      const o2 = ox * ox + oy * oy;
      const n2 = nx * nx + ny * ny;
      const om = o2 - 1;
      const nm = n2 - 1;
      const dV = n2 - o2 + lambda * (nm * nm - om * om);
      const dS = dV - beta * ((nx - ox) * hx + (ny - oy) * hy);
      if (dS <= 0 || a < detExp(-dS)) {
        s[i] = nx;
        s[i + 1] = ny;
        accepted++;
      }
    };
    for (let k = 0; k < sweeps; k++) {
      this.checkerboard(visit);
      if (overRelaxation > 0) this.overRelax(overRelaxation);
      if (out) this.record(out, PHI4_RECORD_WIDTH * k);
    }
    return accepted;
  }

  overRelax(sweeps: number): void {
    const s = this.spins;
    const visit = (i: number, hx: number, hy: number): void => {
      const h2 = hx * hx + hy * hy;
      if (h2 > 0) {
        const ox = s[i];
        const oy = s[i + 1];
        const f = (2 * (ox * hx + oy * hy)) / h2;
        s[i] = f * hx - ox;
        s[i + 1] = f * hy - oy;
      }
    };
    for (let k = 0; k < sweeps; k++) this.checkerboard(visit);
  }

  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number {
    const marks = this.marks;
    const queue = this.queue;
    if (!marks || !queue) throw new Error('phi4 cluster memory not reserved');
    const N = this.sites;
    const s = this.spins;
    const beta = this.beta;
    const h = this.field;
    const rng = this.rng;
    const nb = this.nb;
    let flipped = 0;
    for (let k = 0; k < steps; k++) {
      let stepSize = 0;
      for (let c = 0; c < clusters; c++) {
        let seed = Math.floor(rng.next() * N * TWO_POW_M32);
        if (seed > N - 1) seed = N - 1;
        const psi = TWO_PI * (rng.next() * TWO_POW_M32);
        const rx = detCos(psi);
        const ry = detSin(psi);
        marks[seed] = 1;
        queue[0] = seed;
        let count = 1;
        let head = 0;
        let projected = 0;
        while (head < count) {
          const site = queue[head++];
          const pk = rx * s[2 * site] + ry * s[2 * site + 1];
          projected += pk;
          const degree = this.neighbours(site);
          for (let n = 0; n < degree; n++) {
            const j = nb[n];
            if (marks[j] !== 0) continue;
            const pj = rx * s[2 * j] + ry * s[2 * j + 1];
            const bond = pk * pj;
            if (bond > 0) {
              const p = 1 - detExp(-2 * beta * bond);
              if (rng.next() * TWO_POW_M32 < p) {
                marks[j] = 1;
                queue[count++] = j;
              }
            }
          }
        }
        let accept = true;
        if (h !== 0) {
          const dE = 2 * h * rx * projected;
          const a = rng.next() * TWO_POW_M32;
          accept = dE <= 0 || a < detExp(-(beta * dE));
        }
        for (let q = 0; q < count; q++) {
          const site = queue[q];
          marks[site] = 0;
          if (!accept) continue;
          const i = 2 * site;
          const p = rx * s[i] + ry * s[i + 1];
          s[i] = s[i] - 2 * p * rx;
          s[i + 1] = s[i + 1] - 2 * p * ry;
        }
        this.lastCount = count;
        if (accept) {
          flipped += count;
          stepSize += count;
        }
      }
      if (out) this.record(out, PHI4_RECORD_WIDTH * k);
      if (sizes) sizes[k] = stepSize;
    }
    return flipped;
  }

  /** Swendsen-Wang steps by Brower-Tamayo embedding (src/models/continuous/embedding.ts; no renormalisation). */
  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number {
    return this.embeddingSteps(steps, PHI4_RECORD_WIDTH, out, sizes);
  }

  record(out: Float64Array, offset = 0): void {
    const L = this.size;
    const s = this.spins;
    const cubic = this.dimension === 3;
    const depth = cubic ? L : 1;
    let bx = 0;
    let by = 0;
    let bz = 0;
    let mx = 0;
    let my = 0;
    let p2 = 0;
    let p4 = 0;
    for (let z = 0; z < depth; z++) {
      const front = (z === L - 1 ? 0 : z + 1) * L;
      for (let y = 0; y < L; y++) {
        const row = (z * L + y) * L;
        const down = (z * L + (y === L - 1 ? 0 : y + 1)) * L;
        const f = (front + y) * L;
        for (let x = 0; x < L; x++) {
          const i = 2 * (row + x);
          const r = 2 * (row + (x === L - 1 ? 0 : x + 1));
          const d = 2 * (down + x);
          const ax = s[i];
          const ay = s[i + 1];
          mx += ax;
          my += ay;
          bx += ax * s[r] + ay * s[r + 1];
          by += ax * s[d] + ay * s[d + 1];
          if (cubic) {
            const fi = 2 * (f + x);
            bz += ax * s[fi] + ay * s[fi + 1];
          }
          const q = ax * ax + ay * ay;
          p2 += q;
          p4 += q * q;
        }
      }
    }
    out[offset] = bx;
    out[offset + 1] = by;
    out[offset + 2] = mx;
    out[offset + 3] = my;
    out[offset + 4] = bz;
    out[offset + 5] = p2;
    out[offset + 6] = p4;
  }
}
