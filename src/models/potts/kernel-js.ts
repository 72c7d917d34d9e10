/**
 * The JavaScript twin of assembly/potts.ts: the same lattice, the same tables, the same site and
 * chunk order and the same random draws (read the stream contracts in the header of
 * assembly/potts.ts), so a seed gives the same lattice, records and generator state bit for bit.
 */
import { rotl, Xoshiro128 } from '../../rng.js';
import { TWO_POW_32 } from '../../thresholds.js';
import { fmix32 } from '../../backend/js-packed.js';
import {
  checkPottsSize,
  checkQ,
  checkStates,
  POTTS_HEATBATH_GROUPS,
  POTTS_SOURCE_STRIDE,
  pottsCorrelationValues,
  pottsPatternCount,
  pottsRecordWidth,
  pottsTables,
  type PottsAlgorithm,
  type PottsBlockRule,
  type PottsBlockSpinKernel,
  type PottsKernel,
} from './kernel.js';

export class JsPottsKernel implements PottsKernel {
  readonly backend = 'js' as const;
  readonly size: number;
  readonly q: number;
  /** @internal the lattice, row-major, one state a byte (read by other JS kernels over the same lattice) */
  spins: Uint8Array;
  /** @internal the simulation's generator */
  readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  /** @internal n_k */
  counts: Int32Array;
  private bonds = 0;
  private metropolis = new Float64Array(27);
  /** Top byte of every Metropolis threshold, 256 for t = 2^32 (accept always). */
  private topByte = new Int32Array(27);
  private partitions = new Uint8Array(64);
  private heatBath = new Float64Array(75 * POTTS_HEATBATH_GROUPS);
  private sources = new Uint8Array(75 * POTTS_SOURCE_STRIDE);
  /** Lane generators of the current row: word w of generator g at lanes[4 w + g]. */
  private readonly lanes = new Int32Array(16);
  /** The planes of the current chunk: pair r (0-based), U-plane in words planes[8 r .. 8 r + 3], A-plane in planes[8 r + 4 .. 8 r + 7]. */
  private readonly planes = new Int32Array(32);
  /** Pairs drawn for the current chunk. */
  private pairs = 0;
  /** For q <= 4: see buildLocalTable. */
  private local = new Int32Array(0);
  /** The current row with its periodic neighbours (metropolisRow). */
  private readonly pad: Uint8Array;

  constructor(size: number, q: number) {
    this.size = checkPottsSize(size);
    this.q = checkQ(q);
    this.spins = new Uint8Array(size * size);
    this.pad = new Uint8Array(size + 2);
    this.counts = new Int32Array(q);
    this.recount();
  }

  get bondCount(): number {
    return this.bonds;
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
    if (start === 'cold') this.spins.fill(0);
    else for (let i = 0; i < this.spins.length; i++) this.spins[i] = Math.floor((this.rng.next() * this.q) / TWO_POW_32);
    this.recount();
  }

  readSpins(): Uint8Array {
    return this.spins.slice();
  }

  writeSpins(states: Uint8Array): void {
    this.spins.set(checkStates(states, this.spins.length, this.q));
    this.recount();
  }

  /** @internal recomputes Nb and n_k from the lattice (also after another kernel changed it) */
  recount(): void {
    const L = this.size;
    const s = this.spins;
    let b = 0;
    this.counts.fill(0);
    for (let y = 0; y < L; y++) {
      const row = y * L;
      const below = (y === L - 1 ? 0 : y + 1) * L;
      for (let x = 0; x < L; x++) {
        const v = s[row + x];
        b += +(v === s[row + (x === L - 1 ? 0 : x + 1)]) + +(v === s[below + x]);
        this.counts[v]++;
      }
    }
    this.bonds = b;
  }

  /** @internal sets Nb after another kernel changed the lattice and kept the counts itself */
  setBondCount(b: number): void {
    this.bonds = b;
  }

  setCouplings(beta: number, field: number): void {
    const tables = pottsTables(beta, field, this.q);
    this.metropolis = Float64Array.from(tables.metropolis);
    this.topByte = Int32Array.from(tables.metropolis, (t) => (t >= TWO_POW_32 ? 256 : Math.floor(t / 2 ** 24)));
    this.buildLocalTable();
    this.partitions = Uint8Array.from(tables.heatBath.partitions);
    this.heatBath = Float64Array.from(tables.heatBath.thresholds);
    this.sources = Uint8Array.from(tables.heatBath.sources);
  }

  sweep(algorithm: PottsAlgorithm, sweeps: number, out?: Int32Array): number {
    const width = pottsRecordWidth(this.q);
    let changed = 0;
    for (let k = 0; k < sweeps; k++) {
      changed += algorithm === 'heat-bath' ? this.heatBathSweep() : this.metropolisSweep();
      if (out) {
        out[k * width] = this.bonds;
        out.set(this.counts, k * width + 1);
      }
    }
    return changed;
  }

  record(out: Int32Array): void {
    out[0] = this.bonds;
    out.set(this.counts, 1);
  }

  // -------------------------------------------------------------------------------------------
  // Metropolis (contract: assembly/potts.ts)

  private metropolisSweep(): number {
    let changed = 0;
    for (let colour = 0; colour < 2; colour++) {
      for (let y = 0; y < this.size; y++) {
        this.seedRow();
        changed += this.metropolisRow(colour, y);
      }
    }
    return changed;
  }

  /** The row's lane generators: 16 outputs of the main generator through fmix32. */
  private seedRow(): void {
    const lanes = this.lanes;
    for (let t = 0; t < 16; t++) lanes[t] = fmix32(this.rng.next());
    for (let g = 0; g < 4; g++) {
      if ((lanes[g] | lanes[4 + g] | lanes[8 + g] | lanes[12 + g]) === 0) lanes[g] = 1;
    }
  }

  /** Draws the next pair of planes of the chunk (U-plane, then A-plane) into planes[8 r ..]: two steps of each lane generator. */
  private drawPair(): void {
    const lanes = this.lanes;
    const at = 8 * this.pairs++;
    for (let plane = 0; plane < 2; plane++) {
      for (let g = 0; g < 4; g++) {
        let x0 = lanes[g], x1 = lanes[4 + g], x2 = lanes[8 + g], x3 = lanes[12 + g];
        this.planes[at + 4 * plane + g] = Math.imul(rotl(Math.imul(x1, 5), 7), 9);
        const t = x1 << 9;
        x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl(x3, 11);
        lanes[g] = x0; lanes[4 + g] = x1; lanes[8 + g] = x2; lanes[12 + g] = x3;
      }
    }
  }

  /** Byte k of the U-plane (a = 0) or A-plane (a = 1) of pair r (0-based). */
  private planeByte(r: number, a: number, k: number): number {
    return (this.planes[8 * r + 4 * a + (k >> 2)] >>> ((k & 3) << 3)) & 255;
  }

  /**
   * Lane k of the current chunk (pair 1 drawn) by the contract, drawing pairs 2 .. 4 when needed:
   * the new state, or -1 when the move is rejected.
   */
  private resolveLane(k: number, s: number, nl: number, nr: number, nu: number, nd: number): number {
    const q = this.q;
    const qm1 = q - 1;
    const cs = +(nl === s) + +(nr === s) + +(nu === s) + +(nd === s);
    let u = this.planeByte(0, 0, k);
    let a = this.planeByte(0, 1, k);
    for (let r = 1; ; r++) {
      const span = 2 ** (8 * r);
      const xq = u * qm1;
      if (r === 4 || (xq % span) + qm1 <= span) {
        const d = Math.floor(xq / span);
        let sn = s + 1 + d;
        if (sn >= q) sn -= q;
        const dc = +(nl === sn) + +(nr === sn) + +(nu === sn) + +(nd === sn) - cs;
        const dz = +(sn === 0) - +(s === 0);
        const t = this.metropolis[dc + 13 + 9 * dz];
        if (t >= TWO_POW_32) return sn;
        const tp = Math.floor(t / 2 ** (32 - 8 * r));
        if (r === 4 || a !== tp) return a < tp ? sn : -1;
      }
      if (r === this.pairs) this.drawPair();
      u = u * 256 + this.planeByte(r, 0, k);
      a = a * 256 + this.planeByte(r, 1, k);
    }
  }

  /**
   * For q <= 4, what a lane decided by its top bytes needs, in one lookup: local[(code << 4) | (s << 2) | d]
   * with code = nl | nr << 2 | nu << 4 | nd << 6 holds the threshold's top byte t (256: accept
   * always) | (dc + 4) << 9 | s' << 13, dc = c(s') - c(s) (an implementation detail of this twin).
   */
  private buildLocalTable(): void {
    const q = this.q;
    if (q > 4) return;
    const table = new Int32Array(4096);
    for (let code = 0; code < 256; code++) {
      const n = [code & 3, (code >> 2) & 3, (code >> 4) & 3, code >> 6];
      const count = (k: number) => n.filter((v) => v === k).length;
      for (let s = 0; s < q; s++) {
        for (let d = 0; d < q - 1; d++) {
          const sn = (s + 1 + d) % q;
          const dc = count(sn) - count(s);
          const t = this.topByte[dc + 13 + 9 * (+(sn === 0) - +(s === 0))];
          table[(code << 4) | (s << 2) | d] = t | ((dc + 4) << 9) | (sn << 13);
        }
      }
    }
    this.local = table;
  }

  private metropolisRow(colour: number, y: number): number {
    const L = this.size;
    const q = this.q;
    const qm1 = q - 1;
    const spins = this.spins;
    const counts = this.counts;
    const top = this.topByte;
    const local = this.local;
    const small = q <= 4;
    const planes = this.planes;
    const lanes = this.lanes;
    const row = y * L;
    const up = (y === 0 ? L - 1 : y - 1) * L;
    const down = (y === L - 1 ? 0 : y + 1) * L;
    const p = (y + colour) & 1;
    // d = floor(U (q - 1) / 2^32) is known from U's top byte when q - 1 is a power of two
    const pow2 = (qm1 & (qm1 - 1)) === 0;
    const dShift = pow2 ? 8 - Math.log2(qm1) : 0;
    // the row with its periodic neighbours: pad[x + 1] = s(x), pad[0] = s(L - 1), pad[L + 1] = s(0)
    // (only the other colour's sites are read from it, and they do not change in this half-sweep)
    const pad = this.pad;
    pad.set(spins.subarray(row, row + L), 1);
    pad[0] = spins[row + L - 1];
    pad[L + 1] = spins[row];
    // the lane generators in locals: word w of generator g is gGw
    let g00 = lanes[0], g10 = lanes[1], g20 = lanes[2], g30 = lanes[3];
    let g01 = lanes[4], g11 = lanes[5], g21 = lanes[6], g31 = lanes[7];
    let g02 = lanes[8], g12 = lanes[9], g22 = lanes[10], g32 = lanes[11];
    let g03 = lanes[12], g13 = lanes[13], g23 = lanes[14], g33 = lanes[15];
    let b = this.bonds;
    let changed = 0;
    for (let x0 = 0; x0 < L; x0 += 32) {
      // pair 1: the U-plane, then the A-plane
      for (let plane = 0; plane < 8; plane += 4) {
        let t = g01 << 9;
        planes[plane] = Math.imul(rotl(Math.imul(g01, 5), 7), 9);
        g02 ^= g00; g03 ^= g01; g01 ^= g02; g00 ^= g03; g02 ^= t; g03 = rotl(g03, 11);
        t = g11 << 9;
        planes[plane + 1] = Math.imul(rotl(Math.imul(g11, 5), 7), 9);
        g12 ^= g10; g13 ^= g11; g11 ^= g12; g10 ^= g13; g12 ^= t; g13 = rotl(g13, 11);
        t = g21 << 9;
        planes[plane + 2] = Math.imul(rotl(Math.imul(g21, 5), 7), 9);
        g22 ^= g20; g23 ^= g21; g21 ^= g22; g20 ^= g23; g22 ^= t; g23 = rotl(g23, 11);
        t = g31 << 9;
        planes[plane + 3] = Math.imul(rotl(Math.imul(g31, 5), 7), 9);
        g32 ^= g30; g33 ^= g31; g31 ^= g32; g30 ^= g33; g32 ^= t; g33 = rotl(g33, 11);
      }
      this.pairs = 1;
      let spilled = false;
      const end = Math.min(x0 + 32, L);
      let uw = 0, aw = 0;
      for (let k = 0, x = x0 + p; x < end; k++, x += 2) {
        if ((k & 3) === 0) {
          uw = planes[k >> 2];
          aw = planes[4 + (k >> 2)];
        }
        const ub = uw & 255;
        const a = aw & 255;
        uw >>>= 8;
        aw >>>= 8;
        const s = pad[x + 1];
        const nl = pad[x];
        const nr = pad[x + 2];
        const nu = spins[up + x];
        const nd = spins[down + x];
        let d: number;
        let undecided = 0;
        if (pow2) {
          d = ub >>> dShift;
        } else {
          const xq = ub * qm1;
          undecided = ((256 - qm1 - (xq & 255)) >> 31) & 1;
          d = xq >>> 8;
        }
        let t: number, dc: number, sn: number;
        if (small) {
          const entry = local[(nl << 4 | nr << 6 | nu << 8 | nd << 10) | (s << 2) | d];
          t = entry & 511;
          dc = ((entry >>> 9) & 15) - 4;
          sn = entry >>> 13;
        } else {
          sn = s + 1 + d;
          sn -= q & ((qm1 - sn) >> 31);
          dc = (((nl ^ sn) - 1) >>> 31) + (((nr ^ sn) - 1) >>> 31) + (((nu ^ sn) - 1) >>> 31) + (((nd ^ sn) - 1) >>> 31)
            - (((nl ^ s) - 1) >>> 31) - (((nr ^ s) - 1) >>> 31) - (((nu ^ s) - 1) >>> 31) - (((nd ^ s) - 1) >>> 31);
          t = top[dc + 13 + 9 * (((sn - 1) >>> 31) - ((s - 1) >>> 31))];
        }
        if ((undecided | +(a === t)) !== 0) {
          // a lane that needs more pairs: by the contract, generators spilled to this.lanes
          if (!spilled) {
            lanes[0] = g00; lanes[1] = g10; lanes[2] = g20; lanes[3] = g30;
            lanes[4] = g01; lanes[5] = g11; lanes[6] = g21; lanes[7] = g31;
            lanes[8] = g02; lanes[9] = g12; lanes[10] = g22; lanes[11] = g32;
            lanes[12] = g03; lanes[13] = g13; lanes[14] = g23; lanes[15] = g33;
            spilled = true;
          }
          sn = this.resolveLane(k, s, nl, nr, nu, nd);
          if (sn >= 0) {
            spins[row + x] = sn;
            b += +(nl === sn) + +(nr === sn) + +(nu === sn) + +(nd === sn) - +(nl === s) - +(nr === s) - +(nu === s) - +(nd === s);
            counts[s]--;
            counts[sn]++;
            changed++;
          }
          continue;
        }
        // branch-free update: acceptance is unpredictable near Tc
        const accept = (a - t) >>> 31;
        const mask = -accept;
        spins[row + x] = s ^ ((s ^ sn) & mask);
        b += dc & mask;
        counts[s] -= accept;
        counts[sn] += accept;
        changed += accept;
      }
      if (spilled) {
        g00 = lanes[0]; g10 = lanes[1]; g20 = lanes[2]; g30 = lanes[3];
        g01 = lanes[4]; g11 = lanes[5]; g21 = lanes[6]; g31 = lanes[7];
        g02 = lanes[8]; g12 = lanes[9]; g22 = lanes[10]; g32 = lanes[11];
        g03 = lanes[12]; g13 = lanes[13]; g23 = lanes[14]; g33 = lanes[15];
      }
    }
    this.bonds = b;
    return changed;
  }

  // -------------------------------------------------------------------------------------------
  // Heat bath (contract: assembly/potts.ts)

  private heatBathSweep(): number {
    const L = this.size;
    const q = this.q;
    const spins = this.spins;
    const counts = this.counts;
    const partitions = this.partitions;
    const thresholds = this.heatBath;
    const sources = this.sources;
    const st = this.rng.state;
    let x0 = st[0] | 0, x1 = st[1] | 0, x2 = st[2] | 0, x3 = st[3] | 0;
    let b = this.bonds;
    let changed = 0;
    for (let colour = 0; colour < 2; colour++) {
      for (let y = 0; y < L; y++) {
        const row = y * L;
        const up = (y === 0 ? L - 1 : y - 1) * L;
        const down = (y === L - 1 ? 0 : y + 1) * L;
        for (let x = (y + colour) & 1; x < L; x += 2) {
          const s = spins[row + x];
          const nl = spins[row + (x === 0 ? L - 1 : x - 1)];
          const nr = spins[row + (x === L - 1 ? 0 : x + 1)];
          const nu = spins[up + x];
          const nd = spins[down + x];
          const key = +(nl === nr) | (+(nl === nu) << 1) | (+(nr === nu) << 2) | (+(nl === nd) << 3) | (+(nr === nd) << 4) | (+(nu === nd) << 5);
          const z = nl === 0 ? 0 : nr === 0 ? 1 : nu === 0 ? 2 : nd === 0 ? 3 : 4;
          const pattern = partitions[key] * 5 + z;
          // xoshiro128** step, state in locals
          const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9) >>> 0;
          const t = x1 << 9;
          x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl(x3, 11);
          const at = pattern * 5;
          const g = +(thresholds[at] <= r) + +(thresholds[at + 1] <= r) + +(thresholds[at + 2] <= r) + +(thresholds[at + 3] <= r) + +(thresholds[at + 4] <= r);
          const src = sources[pattern * 8 + g];
          let sn: number;
          if (src < 4) sn = src === 0 ? nl : src === 1 ? nr : src === 2 ? nu : nd;
          else if (src === 4) sn = 0;
          else {
            // the j-th smallest state that is neither 0 nor a neighbour's
            const groups = sources[pattern * 8 + 6];
            const base = thresholds[at + groups - 1];
            const j = Math.floor(((r - base) * (q - groups)) / (TWO_POW_32 - base));
            const f1 = (key & 1) === 0, f2 = (key & 6) === 0, f3 = (key & 56) === 0;
            sn = j + 1;
            for (;;) {
              const below = +(nl !== 0 && nl <= sn) + +(f1 && nr !== 0 && nr <= sn) + +(f2 && nu !== 0 && nu <= sn) + +(f3 && nd !== 0 && nd <= sn);
              if (j + 1 + below === sn) break;
              sn = j + 1 + below;
            }
          }
          if (sn !== s) {
            spins[row + x] = sn;
            b += +(nl === sn) + +(nr === sn) + +(nu === sn) + +(nd === sn) - +(nl === s) - +(nr === s) - +(nu === s) - +(nd === s);
            counts[s]--;
            counts[sn]++;
            changed++;
          }
        }
      }
    }
    st[0] = x0; st[1] = x1; st[2] = x2; st[3] = x3;
    this.bonds = b;
    return changed;
  }

  // -------------------------------------------------------------------------------------------
  // Measurements

  correlations(out: Int32Array): void {
    measurePottsCorrelations(this.spins, this.size, this.q, out);
  }

  blockSpins(): JsPottsBlockSpins {
    return new JsPottsBlockSpins(() => this.spins, this.size, this.q);
  }

  dispose(): void {
    this.spins = new Uint8Array(0);
  }
}

/** Fills `out` with one correlation sample of `spins` (layout: pottsCorrelationValues, src/models/potts/kernel.ts). */
export function measurePottsCorrelations(spins: Uint8Array, L: number, q: number, out: Int32Array): void {
  const half = L >> 1;
  const rows = half + 1;
  const cols = rows + L * q;
  out.fill(0, 0, pottsCorrelationValues(L, q));
  for (let y = 0; y < L; y++) {
    const row = y * L;
    for (let r = 0; r <= half; r++) {
      const other = (y + r < L ? y + r : y + r - L) * L;
      let c = 0;
      for (let x = 0; x < L; x++) {
        const s = spins[row + x];
        c += +(s === spins[row + (x + r < L ? x + r : x + r - L)]) + +(s === spins[other + x]);
      }
      out[r] += c;
    }
    for (let x = 0; x < L; x++) {
      const s = spins[row + x];
      out[rows + y * q + s]++;
      out[cols + x * q + s]++;
    }
  }
}

/**
 * Coarse-grains the n x n level `src` into `dst` with b x b blocks (rules, block order and tie draws:
 * assembly/potts.ts), counting each block's configuration into `patterns` from `offset` when given.
 * Returns the ties broken.
 */
export function coarsenPotts(src: Uint8Array, n: number, b: number, q: number, dst: Uint8Array, rule: PottsBlockRule, rng: Xoshiro128, patterns?: Uint32Array, offset = 0): number {
  const m = n / b;
  const majority = rule === 'majority';
  const hist = new Int32Array(q);
  const seen: number[] = [];
  let ties = 0;
  for (let Y = 0; Y < m; Y++) {
    for (let X = 0; X < m; X++) {
      const corner = Y * b * n + X * b;
      let state = src[corner];
      if (majority || patterns) {
        let code = 0;
        let weight = 1;
        let most = 0;
        seen.length = 0;
        for (let dy = 0; dy < b; dy++) {
          for (let dx = 0; dx < b; dx++) {
            const s = src[corner + dy * n + dx];
            code += s * weight;
            weight *= q;
            if (majority) {
              const c = ++hist[s];
              if (c === 1) seen.push(s);
              if (c > most) most = c;
            }
          }
        }
        if (patterns) patterns[offset + code]++;
        if (majority) {
          const tied = seen.filter((s) => hist[s] === most).sort((u, v) => u - v);
          const j = tied.length > 1 ? Math.floor((rng.next() * tied.length) / TWO_POW_32) : 0;
          if (tied.length > 1) ties++;
          state = tied[j];
          for (const s of seen) hist[s] = 0;
        }
      }
      dst[Y * m + X] = state;
    }
  }
  return ties;
}

/** The JavaScript block-spin kernel over a live lattice. */
export class JsPottsBlockSpins implements PottsBlockSpinKernel {
  readonly backend = 'js' as const;
  private readonly lattice: () => Uint8Array;
  private readonly size: number;
  private readonly q: number;
  private readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  private block = 2;
  private pyramid: Uint8Array[] = [];
  private patterns: Uint32Array | undefined;
  patternCount = 0;

  /** `lattice` returns the live level-0 states (L x L). */
  constructor(lattice: () => Uint8Array, size: number, q: number) {
    this.lattice = lattice;
    this.size = size;
    this.q = q;
  }

  configure(blockSize: number, levels: number, patterns: boolean): void {
    this.block = blockSize;
    this.pyramid = [];
    for (let k = 1, n = this.size / blockSize; k <= levels; k++, n /= blockSize) this.pyramid.push(new Uint8Array(n * n));
    this.patternCount = patterns ? pottsPatternCount(this.q, blockSize) : 0;
    this.patterns = this.patternCount > 0 ? new Uint32Array(levels * this.patternCount) : undefined;
  }

  getRngState(): Uint32Array {
    return Uint32Array.from(this.rng.state);
  }

  setRngState(state: Uint32Array): void {
    this.rng.state.set(state);
  }

  build(rule: PottsBlockRule): number {
    this.patterns?.fill(0);
    let ties = 0;
    let src = this.lattice();
    let n = this.size;
    for (let k = 0; k < this.pyramid.length; k++) {
      ties += coarsenPotts(src, n, this.block, this.q, this.pyramid[k], rule, this.rng, this.patterns, k * this.patternCount);
      src = this.pyramid[k];
      n /= this.block;
    }
    return ties;
  }

  readLevel(level: number): Uint8Array {
    return (level === 0 ? this.lattice() : this.pyramid[level - 1]).slice();
  }

  readPatterns(out: Uint32Array): void {
    if (this.patterns) out.set(this.patterns);
  }
}
