/**
 * The JavaScript XY kernel: the bit-identical twin of assembly/xy.ts (same stream contract, same
 * floating-point operations in the same order, src/detmath.ts for sin, cos and exp). The stream
 * contract and the record layout are written in ./kernel.ts.
 */
import { detCos, detCosTiny, detExp, detExpSmall, detSin, detSinTiny } from '../../detmath.js';
import { drawLaneSeeds, rotl } from '../../rng.js';
import { JsContinuousKernelBase } from '../continuous/kernel-js.js';
import type { ClockTables } from '../continuous/heat-bath.js';
import { crossing, XY_RECORD_WIDTH, type XyKernel } from './kernel.js';

const TWO_PI = 6.283185307179586;
const PI = 3.141592653589793;
const HALF_PI = 1.5707963267948966;
const TWO_POW_M32 = 2.3283064365386963e-10; // 2^-32
const TWO_POW_M22 = 2.384185791015625e-7; // 2^-22
/** Entries of the Metropolis rotation table (assembly/xy.ts ROTATIONS). */
const ROTATIONS = 1024;

export class JsXyKernel extends JsContinuousKernelBase implements XyKernel {
  /** Clock model: q >= 2 (0 for XY), the state of every site, and (cos, sin)(2 pi k / q) at [2k, 2k + 1]. */
  readonly q: number;
  private readonly states: Uint8Array;
  private readonly table: Float64Array;
  private readonly rotations = new Float64Array(2 * ROTATIONS);
  private rotationStep = NaN;
  /** The four lane generators of a Metropolis sweep: word k of generator g at [4k + g] (./kernel.ts). */
  private readonly lanes = new Uint32Array(16);
  /** The same words as int32 (the hot loop reads and writes small integers). */
  private readonly laneWords = new Int32Array(this.lanes.buffer);
  /** The neighbours of a cluster site (wolffNeighbours). */
  private readonly nb = new Int32Array(6);

  /** Components (s_x, s_y) of site i at [2i, 2i + 1], site i = (z L + y) L + x (./kernel.ts). */
  constructor(size: number, q = 0, dimension: 2 | 3 = 2) {
    super(size, 2, dimension);
    this.q = q;
    this.states = new Uint8Array(q > 0 ? this.sites : 0);
    this.table = new Float64Array(2 * q);
    for (let j = 0; j < q; j++) {
      const angle = (TWO_PI * j) / q;
      this.table[2 * j] = detCos(angle);
      this.table[2 * j + 1] = detSin(angle);
    }
    this.fill('cold');
  }

  private setState(site: number, k: number): void {
    this.states[site] = k;
    this.spins[2 * site] = this.table[2 * k];
    this.spins[2 * site + 1] = this.table[2 * k + 1];
  }

  fill(start: 'hot' | 'cold'): void {
    const s = this.spins;
    const N = this.sites;
    if (this.q > 0) {
      for (let i = 0; i < N; i++) this.setState(i, start === 'cold' ? 0 : Math.floor(this.rng.next() * this.q * TWO_POW_M32));
      return;
    }
    for (let i = 0; i < N; i++) {
      if (start === 'cold') {
        s[2 * i] = 1;
        s[2 * i + 1] = 0;
      } else {
        const angle = TWO_PI * (this.rng.next() * TWO_POW_M32);
        s[2 * i] = detCos(angle);
        s[2 * i + 1] = detSin(angle);
      }
    }
  }

  /** The components (the clock model: its states). */
  readSpins(): Float64Array | Uint8Array {
    return this.q > 0 ? this.states.slice() : Float64Array.from(this.spins);
  }

  writeSpins(spins: Float64Array | Uint8Array): void {
    if (this.q > 0) for (let i = 0; i < spins.length; i++) this.setState(i, spins[i]);
    else this.spins.set(spins);
  }

  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    if (this.q > 0) return this.clockMetropolis(sweeps, out);
    const L = this.size;
    const s = this.spins;
    const beta = this.beta;
    const h = this.field;
    const cubic = this.dimension === 3;
    const depth = cubic ? L : 1;
    const t = this.rotationTable(step);
    const fine = step * (1.0 / ROTATIONS);
    const lanes = this.laneWords;
    let accepted = 0;
    for (let k = 0; k < sweeps; k++) {
      drawLaneSeeds(this.lanes, 1, this.rng.state);
      // the four lane generators in locals: generator g's words (a, b, c, d)_g = [g], [4 + g], [8 + g], [12 + g]
      let a0 = lanes[0], b0 = lanes[4], c0 = lanes[8], d0 = lanes[12];
      let a1 = lanes[1], b1 = lanes[5], c1 = lanes[9], d1 = lanes[13];
      let a2 = lanes[2], b2 = lanes[6], c2 = lanes[10], d2 = lanes[14];
      let a3 = lanes[3], b3 = lanes[7], c3 = lanes[11], d3 = lanes[15];
      let w1 = 0;
      let w3 = 0;
      // the walk of fieldPass written out: the hot loop of the JavaScript twin (no call per site)
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
            // the row's sites of this colour in groups of two: the first steps the lane generators
            let first = true;
            for (let x = (y + z + c) & 1; x < L; x += 2) {
              let u1: number;
              let a: number;
              if (first) {
                // one step of the four generators (xoshiro128** each): outputs w_0 .. w_3
                u1 = Math.imul(rotl(Math.imul(b0, 5), 7), 9);
                w1 = Math.imul(rotl(Math.imul(b1, 5), 7), 9);
                a = (Math.imul(rotl(Math.imul(b2, 5), 7), 9) >>> 0) * TWO_POW_M32;
                w3 = Math.imul(rotl(Math.imul(b3, 5), 7), 9);
                let t = b0 << 9;
                c0 ^= a0; d0 ^= b0; b0 ^= c0; a0 ^= d0; c0 ^= t; d0 = rotl(d0, 11);
                t = b1 << 9;
                c1 ^= a1; d1 ^= b1; b1 ^= c1; a1 ^= d1; c1 ^= t; d1 = rotl(d1, 11);
                t = b2 << 9;
                c2 ^= a2; d2 ^= b2; b2 ^= c2; a2 ^= d2; c2 ^= t; d2 = rotl(d2, 11);
                t = b3 << 9;
                c3 ^= a3; d3 ^= b3; b3 ^= c3; a3 ^= d3; c3 ^= t; d3 = rotl(d3, 11);
              } else {
                u1 = w1;
                a = (w3 >>> 0) * TWO_POW_M32;
              }
              first = !first;
              const i = 2 * (row + x);
              const l = 2 * (row + (x === 0 ? L - 1 : x - 1));
              const r = 2 * (row + (x === L - 1 ? 0 : x + 1));
              const u = 2 * (up + x);
              const d = 2 * (down + x);
              let hx = s[l] + s[r] + s[u] + s[d];
              let hy = s[l + 1] + s[r + 1] + s[u + 1] + s[d + 1];
              if (cubic) {
                const f = 2 * (front + x);
                const b = 2 * (back + x);
                hx = hx + s[f] + s[b];
                hy = hy + s[f + 1] + s[b + 1];
              }
              hx = hx + h;
              const j = 2 * (u1 >>> 22);
              const eps = fine * (((u1 & 0x3fffff) * 2 + 1) * TWO_POW_M22 - 1.0);
              const ce = detCosTiny(eps);
              const se = detSinTiny(eps);
              const cs = t[j] * ce - t[j + 1] * se;
              const sn = t[j + 1] * ce + t[j] * se;
              const ox = s[i];
              const oy = s[i + 1];
              const f = (3.0 - (ox * ox + oy * oy)) * 0.5;
              let nx = cs * ox - sn * oy;
              let ny = sn * ox + cs * oy;
              nx = nx * f;
              ny = ny * f;
              const dE = -((nx - ox) * hx + (ny - oy) * hy);
              let xe = -(beta * dE);
              xe = 0.0 < xe ? 0.0 : xe;
              xe = xe < -708.0 ? -708.0 : xe;
              if (a < detExpSmall(xe)) {
                s[i] = nx;
                s[i + 1] = ny;
                accepted++;
              }
            }
          }
        }
      }
      if (overRelaxation > 0) this.overRelax(overRelaxation);
      if (out) this.record(out, XY_RECORD_WIDTH * k);
    }
    return accepted;
  }

  /** (cos, sin)(phi_j), phi_j = step (2 j - 1023) / 1024 at [2j, 2j + 1] (entries j >= 512 mirror 1023 - j); rebuilt when the step changes. */
  private rotationTable(step: number): Float64Array {
    if (step === this.rotationStep) return this.rotations;
    this.rotationStep = step;
    const t = this.rotations;
    for (let j = 0; j < ROTATIONS; j++) {
      if (j < ROTATIONS / 2) {
        const angle = step * ((2 * j - (ROTATIONS - 1)) * (1.0 / ROTATIONS));
        t[2 * j] = detCos(angle);
        t[2 * j + 1] = detSin(angle);
      } else {
        const m = 2 * (ROTATIONS - 1 - j);
        t[2 * j] = t[m];
        t[2 * j + 1] = -t[m + 1];
      }
    }
    return t;
  }

  private clockMetropolis(sweeps: number, out?: Float64Array): number {
    const t = this.table;
    const states = this.states;
    const q = this.q;
    const beta = this.beta;
    const rng = this.rng;
    let accepted = 0;
    for (let k = 0; k < sweeps; k++) {
      this.fieldPass((i, hx, hy) => {
        const site = i >> 1;
        const old = states[site];
        let next = old + 1 + Math.floor(rng.next() * (q - 1) * TWO_POW_M32);
        if (next >= q) next -= q;
        const a = rng.next() * TWO_POW_M32;
        const dE = -((t[2 * next] - t[2 * old]) * hx + (t[2 * next + 1] - t[2 * old + 1]) * hy);
        if (dE <= 0 || a < detExp(-(beta * dE))) {
          this.setState(site, next);
          accepted++;
        }
      });
      if (out) this.record(out, XY_RECORD_WIDTH * k);
    }
    return accepted;
  }

  overRelax(sweeps: number): void {
    const s = this.spins;
    for (let k = 0; k < sweeps; k++) {
      this.fieldPass((i, hx, hy) => {
        const h2 = hx * hx + hy * hy;
        if (h2 > 0) {
          const ox = s[i];
          const oy = s[i + 1];
          const f = (2 * (ox * hx + oy * hy)) / h2;
          let nx = f * hx - ox;
          let ny = f * hy - oy;
          const norm = Math.sqrt(nx * nx + ny * ny);
          nx = nx / norm;
          ny = ny / norm;
          s[i] = nx;
          s[i + 1] = ny;
        }
      });
    }
  }

  /**
   * One checkerboard pass in the contract's order (colour 0, then 1; plane by plane, row by row):
   * visit(2 i, H_x, H_y) for each site i,
   * H = the sum of the neighbours (+x, -x, +y, -y, then +z, -z on the cubic lattice) + (h, 0), each
   * component summed in that order.
   */
  private fieldPass(visit: (i: number, hx: number, hy: number) => void): void {
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
            const l = 2 * (row + (x === 0 ? L - 1 : x - 1));
            const r = 2 * (row + (x === L - 1 ? 0 : x + 1));
            const u = 2 * (up + x);
            const d = 2 * (down + x);
            let hx = s[l] + s[r] + s[u] + s[d];
            let hy = s[l + 1] + s[r + 1] + s[u + 1] + s[d + 1];
            if (cubic) {
              const f = 2 * (front + x);
              const b = 2 * (back + x);
              hx = hx + s[f] + s[b];
              hy = hy + s[f + 1] + s[b + 1];
            }
            hx = hx + h;
            visit(2 * (row + x), hx, hy);
          }
        }
      }
    }
  }

  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number {
    const marks = this.marks;
    const queue = this.queue;
    if (!marks || !queue) throw new Error('XY cluster memory not reserved');
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
        // XY: psi = 2 pi u; clock: one of the q mirror lines of the q-gon, psi = pi j / q - pi / 2, j = floor(u q)
        let mirror = 0;
        let psi: number;
        if (this.q === 0) {
          psi = TWO_PI * (rng.next() * TWO_POW_M32);
        } else {
          mirror = Math.floor(rng.next() * this.q * TWO_POW_M32);
          psi = (PI * mirror) / this.q - HALF_PI;
        }
        const rx = detCos(psi);
        const ry = detSin(psi);
        marks[seed] = 1;
        queue[0] = seed;
        let count = 1;
        let head = 0;
        let projected = 0;
        while (head < count) {
          const site = queue[head++];
          const degree = this.wolffNeighbours(site, nb);
          const pk = rx * s[2 * site] + ry * s[2 * site + 1];
          projected += pk;
          const bk = -2 * beta * pk;
          for (let n = 0; n < degree; n++) {
            const j = nb[n];
            if (marks[j] !== 0) continue;
            const pj = rx * s[2 * j] + ry * s[2 * j + 1];
            let e = bk * pj;
            if (!(e < 0)) continue;
            e = e < -708.0 ? -708.0 : e;
            if (rng.next() * TWO_POW_M32 < 1 - detExpSmall(e)) {
              marks[j] = 1;
              queue[count++] = j;
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
          if (this.q > 0) {
            // the reflection of angle 2 pi k / q in the mirror j: 2 pi (j - k) / q
            let k2 = mirror - this.states[site];
            if (k2 < 0) k2 += this.q;
            this.setState(site, k2);
            continue;
          }
          const i = 2 * site;
          const pk = rx * s[i] + ry * s[i + 1];
          let nx = s[i] - 2 * pk * rx;
          let ny = s[i + 1] - 2 * pk * ry;
          const f = (3.0 - (nx * nx + ny * ny)) * 0.5;
          nx = nx * f;
          ny = ny * f;
          s[i] = nx;
          s[i + 1] = ny;
        }
        this.lastCount = count;
        if (accept) {
          flipped += count;
          stepSize += count;
        }
      }
      if (out) this.record(out, XY_RECORD_WIDTH * k);
      if (sizes) sizes[k] = stepSize;
    }
    return flipped;
  }

  /** Heat-bath sweeps (src/models/continuous/heat-bath.ts): von Mises (XY) or the discrete heat bath (clock, no over-relaxation). */
  heatBath(sweeps: number, overRelaxation: number, out?: Float64Array): number {
    return this.heatBathSweeps(sweeps, this.q > 0 ? 0 : overRelaxation, XY_RECORD_WIDTH, out, this.clockTables());
  }

  /** Swendsen-Wang steps by embedding (src/models/continuous/embedding.ts). */
  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number {
    return this.embeddingSteps(steps, XY_RECORD_WIDTH, out, sizes, this.clockTables());
  }

  private clockTables(): ClockTables | undefined {
    return this.q > 0 ? { states: this.states, table: this.table, q: this.q } : undefined;
  }

  /**
   * The record (./kernel.ts): the sums over even columns and over odd columns (each in site order),
   * then added; on the cubic lattice plane by plane, with B_z, I_z and the plaquettes of the yz and
   * zx orientations.
   */
  record(out: Float64Array, offset = 0): void {
    const even = this.recordColumns(0);
    const odd = this.recordColumns(1);
    for (let k = 0; k < XY_RECORD_WIDTH; k++) out[offset + k] = even[k] + odd[k];
  }

  private recordColumns(parity: number): number[] {
    const L = this.size;
    const s = this.spins;
    const cubic = this.dimension === 3;
    const depth = cubic ? L : 1;
    let bx = 0;
    let by = 0;
    let bz = 0;
    let mx = 0;
    let my = 0;
    let ix = 0;
    let iy = 0;
    let iz = 0;
    let v = 0;
    for (let z = 0; z < depth; z++) {
      const zf = z === L - 1 ? 0 : z + 1;
      for (let y = 0; y < L; y++) {
        const yd = y === L - 1 ? 0 : y + 1;
        const row = (z * L + y) * L;
        const down = (z * L + yd) * L;
        const front = (zf * L + y) * L;
        const frontDown = (zf * L + yd) * L;
        for (let x = parity; x < L; x += 2) {
          const xr = x === L - 1 ? 0 : x + 1;
          const i = 2 * (row + x);
          const r = 2 * (row + xr);
          const d = 2 * (down + x);
          const rd = 2 * (down + xr);
          const ax = s[i];
          const ay = s[i + 1];
          const rx = s[r];
          const ry = s[r + 1];
          const dx = s[d];
          const dy = s[d + 1];
          const qx = s[rd];
          const qy = s[rd + 1];
          mx += ax;
          my += ay;
          bx += ax * rx + ay * ry;
          by += ax * dx + ay * dy;
          ix += ax * ry - ay * rx;
          iy += ax * dy - ay * dx;
          let w = crossing(ax, ay, rx, ry) + crossing(rx, ry, qx, qy) + crossing(qx, qy, dx, dy) + crossing(dx, dy, ax, ay);
          w = w < 0 ? -w : w;
          if (cubic) {
            const f = 2 * (front + x);
            const df = 2 * (frontDown + x);
            const fr = 2 * (front + xr);
            const fx = s[f];
            const fy = s[f + 1];
            bz += ax * fx + ay * fy;
            iz += ax * fy - ay * fx;
            const wyz = crossing(ax, ay, dx, dy) + crossing(dx, dy, s[df], s[df + 1]) + crossing(s[df], s[df + 1], fx, fy) + crossing(fx, fy, ax, ay);
            const wzx = crossing(ax, ay, fx, fy) + crossing(fx, fy, s[fr], s[fr + 1]) + crossing(s[fr], s[fr + 1], rx, ry) + crossing(rx, ry, ax, ay);
            w += (wyz < 0 ? -wyz : wyz) + (wzx < 0 ? -wzx : wzx);
          }
          v += w;
        }
      }
    }
    return [bx, by, mx, my, ix, iy, v, bz, iz];
  }
}
