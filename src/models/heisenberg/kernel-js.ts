/** The JavaScript Heisenberg kernel: the bit-identical twin of assembly/heisenberg.ts (contract: ./kernel.ts). */
import { detCos, detExp, detSin } from '../../detmath.js';
import { CUBIC, forEachForwardBond, SQUARE } from '../../lattice.js';
import { JsContinuousKernelBase } from '../continuous/kernel-js.js';
import { randomUnitVector } from '../continuous/embedding.js';
import { HEISENBERG_RECORD_WIDTH, type HeisenbergKernel } from './kernel.js';

const TWO_POW_M32 = 2.3283064365386963e-10;

export class JsHeisenbergKernel extends JsContinuousKernelBase implements HeisenbergKernel {
  readonly q = 0;
  private readonly w = new Float64Array(3);
  /** The neighbours of a cluster site (wolffNeighbours). */
  private readonly nb = new Int32Array(6);

  /** (S_x, S_y, S_z) of site i at [3i, 3i + 2], site i = (z L + y) L + x. */
  constructor(size: number, dimension: 2 | 3 = 2) {
    super(size, 3, dimension);
    this.fill('cold');
  }

  private uniform(): number {
    return this.rng.next() * TWO_POW_M32;
  }

  /** A uniformly random unit vector into this.w (src/models/continuous/embedding.ts: two draws). */
  private randomUnit(): void {
    randomUnitVector(this.rng, this.w);
  }

  fill(start: 'hot' | 'cold'): void {
    const s = this.spins;
    const N = this.sites;
    for (let i = 0; i < N; i++) {
      if (start === 'cold') {
        s[3 * i] = 0;
        s[3 * i + 1] = 0;
        s[3 * i + 2] = 1;
      } else {
        this.randomUnit();
        s[3 * i] = this.w[0];
        s[3 * i + 1] = this.w[1];
        s[3 * i + 2] = this.w[2];
      }
    }
  }

  readSpins(): Float64Array {
    return Float64Array.from(this.spins);
  }

  writeSpins(spins: Float64Array | Uint8Array): void {
    this.spins.set(spins);
  }

  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    const s = this.spins;
    const beta = this.beta;
    const w = this.w;
    let accepted = 0;
    for (let k = 0; k < sweeps; k++) {
      this.fieldPass((i, hx, hy, hz) => {
        this.randomUnit();
        const a = this.uniform();
        const ox = s[i];
        const oy = s[i + 1];
        const oz = s[i + 2];
        let nx = ox + step * w[0];
        let ny = oy + step * w[1];
        let nz = oz + step * w[2];
        const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (norm > 0) {
          nx = nx / norm;
          ny = ny / norm;
          nz = nz / norm;
          const dE = -((nx - ox) * hx + (ny - oy) * hy + (nz - oz) * hz);
          if (dE <= 0 || a < detExp(-(beta * dE))) {
            s[i] = nx;
            s[i + 1] = ny;
            s[i + 2] = nz;
            accepted++;
          }
        }
      });
      if (overRelaxation > 0) this.overRelax(overRelaxation);
      if (out) this.record(out, HEISENBERG_RECORD_WIDTH * k);
    }
    return accepted;
  }

  overRelax(sweeps: number): void {
    const s = this.spins;
    for (let k = 0; k < sweeps; k++) {
      this.fieldPass((i, hx, hy, hz) => {
        const h2 = hx * hx + hy * hy + hz * hz;
        if (h2 > 0) {
          const ox = s[i];
          const oy = s[i + 1];
          const oz = s[i + 2];
          const f = (2 * (ox * hx + oy * hy + oz * hz)) / h2;
          let nx = f * hx - ox;
          let ny = f * hy - oy;
          let nz = f * hz - oz;
          const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
          nx = nx / norm;
          ny = ny / norm;
          nz = nz / norm;
          s[i] = nx;
          s[i + 1] = ny;
          s[i + 2] = nz;
        }
      });
    }
  }

  /**
   * One checkerboard pass in the contract's order (colour 0, then 1; plane by plane, row by row):
   * visit(3 i, H_x, H_y, H_z) for each site i, H = the sum of the neighbours (+x, -x, +y, -y, then +z, -z on the cubic lattice) + (0, 0, h).
   */
  private fieldPass(visit: (i: number, hx: number, hy: number, hz: number) => void): void {
    const L = this.size;
    const s = this.spins;
    const h = this.field;
    const cubic = this.dimension === 3;
    const depth = cubic ? L : 1;
    for (let c = 0; c < 2; c++) {
      for (let z = 0; z < depth; z++) {
        const zf = (z === L - 1 ? 0 : z + 1) * L;
        const zb = (z === 0 ? L - 1 : z - 1) * L;
        for (let y = 0; y < L; y++) {
          const up = (z * L + (y === 0 ? L - 1 : y - 1)) * L;
          const down = (z * L + (y === L - 1 ? 0 : y + 1)) * L;
          const row = (z * L + y) * L;
          const front = (zf + y) * L;
          const back = (zb + y) * L;
          for (let x = (y + z + c) & 1; x < L; x += 2) {
            const l = 3 * (row + (x === 0 ? L - 1 : x - 1));
            const r = 3 * (row + (x === L - 1 ? 0 : x + 1));
            const u = 3 * (up + x);
            const d = 3 * (down + x);
            let hx = s[l] + s[r] + s[u] + s[d];
            let hy = s[l + 1] + s[r + 1] + s[u + 1] + s[d + 1];
            let hz = s[l + 2] + s[r + 2] + s[u + 2] + s[d + 2];
            if (cubic) {
              const f = 3 * (front + x);
              const b = 3 * (back + x);
              hx = hx + s[f] + s[b];
              hy = hy + s[f + 1] + s[b + 1];
              hz = hz + s[f + 2] + s[b + 2];
            }
            hz = hz + h;
            visit(3 * (row + x), hx, hy, hz);
          }
        }
      }
    }
  }

  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number {
    const marks = this.marks;
    const queue = this.queue;
    if (!marks || !queue) throw new Error('Heisenberg cluster memory not reserved');
    const N = this.sites;
    const nb = this.nb;
    const s = this.spins;
    const beta = this.beta;
    const h = this.field;
    const rng = this.rng;
    let flipped = 0;
    for (let k = 0; k < steps; k++) {
      let stepSize = 0;
      for (let c = 0; c < clusters; c++) {
        let seed = Math.floor(rng.next() * N * TWO_POW_M32);
        if (seed > N - 1) seed = N - 1;
        this.randomUnit();
        const rx = this.w[0];
        const ry = this.w[1];
        const rz = this.w[2];
        marks[seed] = 1;
        queue[0] = seed;
        let count = 1;
        let head = 0;
        let projected = 0;
        while (head < count) {
          const site = queue[head++];
          const degree = this.wolffNeighbours(site, nb);
          const pk = rx * s[3 * site] + ry * s[3 * site + 1] + rz * s[3 * site + 2];
          projected += pk;
          for (let n = 0; n < degree; n++) {
            const j = nb[n];
            if (marks[j] !== 0) continue;
            const pj = rx * s[3 * j] + ry * s[3 * j + 1] + rz * s[3 * j + 2];
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
          const dE = 2 * h * rz * projected;
          const a = rng.next() * TWO_POW_M32;
          accept = dE <= 0 || a < detExp(-(beta * dE));
        }
        for (let q = 0; q < count; q++) {
          const site = queue[q];
          marks[site] = 0;
          if (!accept) continue;
          const i = 3 * site;
          const pk = rx * s[i] + ry * s[i + 1] + rz * s[i + 2];
          let nx = s[i] - 2 * pk * rx;
          let ny = s[i + 1] - 2 * pk * ry;
          let nz = s[i + 2] - 2 * pk * rz;
          const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
          nx = nx / norm;
          ny = ny / norm;
          nz = nz / norm;
          s[i] = nx;
          s[i + 1] = ny;
          s[i + 2] = nz;
        }
        this.lastCount = count;
        if (accept) {
          flipped += count;
          stepSize += count;
        }
      }
      if (out) this.record(out, HEISENBERG_RECORD_WIDTH * k);
      if (sizes) sizes[k] = stepSize;
    }
    return flipped;
  }

  /** Heat-bath sweeps (src/models/continuous/heat-bath.ts). */
  heatBath(sweeps: number, overRelaxation: number, out?: Float64Array): number {
    return this.heatBathSweeps(sweeps, overRelaxation, HEISENBERG_RECORD_WIDTH, out);
  }

  /** Swendsen-Wang steps by embedding (src/models/continuous/embedding.ts). */
  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number {
    return this.embeddingSteps(steps, HEISENBERG_RECORD_WIDTH, out, sizes);
  }

  /** The record [B_x, B_y, M_x, M_y, M_z, B_z]: sums over the sites in order (./kernel.ts). */
  record(out: Float64Array, offset = 0): void {
    const s = this.spins;
    let bx = 0;
    let by = 0;
    let bz = 0;
    let mx = 0;
    let my = 0;
    let mz = 0;
    forEachForwardBond(this.dimension === 3 ? CUBIC : SQUARE, this.size, (site, right, below, front) => {
      const i = 3 * site;
      const r = 3 * right;
      const d = 3 * below;
      const ax = s[i];
      const ay = s[i + 1];
      const az = s[i + 2];
      mx += ax;
      my += ay;
      mz += az;
      bx += ax * s[r] + ay * s[r + 1] + az * s[r + 2];
      by += ax * s[d] + ay * s[d + 1] + az * s[d + 2];
      if (front >= 0) {
        const f = 3 * front;
        bz += ax * s[f] + ay * s[f + 1] + az * s[f + 2];
      }
    });
    out[offset] = bx;
    out[offset + 1] = by;
    out[offset + 2] = mx;
    out[offset + 3] = my;
    out[offset + 4] = mz;
    out[offset + 5] = bz;
  }
}
