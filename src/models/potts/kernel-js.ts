/**
 * The JavaScript twin of assembly/potts.ts: the same lattice, the same tables, the same site and
 * chunk order and the same random draws (read the stream contracts in the header of
 * assembly/potts.ts), so a seed gives the same lattice, records and generator state bit for bit.
 */
import { fmix32, rotl, Xoshiro128 } from '../../rng.js';
import { TWO_POW_32 } from '../../thresholds.js';
import { InvalidOptionError } from '../../errors.js';
import { forEachForwardBond, geometryOf, sitesOf, type LatticeGeometry } from '../../lattice.js';
import type { Lattice } from '../../vocabulary.js';
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
import { cubicLocalSweep, pottsCubicTables, type PottsCubicTables } from './cubic-local.js';

/** Whether typed arrays are little-endian (the word row kernel reads 4 sites a word). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** 2^(8r), r = 0 .. 4. */
const BYTE_SPANS = new Float64Array([1, 2 ** 8, 2 ** 16, 2 ** 24, 2 ** 32]);
/** Entries of the word table (keys of 11 bits). */
const WORD_TABLE = 2048;

export class JsPottsKernel implements PottsKernel {
  readonly backend = 'js' as const;
  readonly size: number;
  readonly q: number;
  readonly lattice: Lattice;
  /** @internal the lattice's geometry (read by the cluster kernel) */
  readonly geometry: LatticeGeometry;
  /** @internal the lattice in site order, one state a byte (read by other JS kernels over the same lattice) */
  spins: Uint8Array;
  /** @internal the simulation's generator */
  readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  /** @internal n_k */
  counts: Int32Array;
  private bonds = 0;
  /** The cubic lattice's local-update tables (src/models/potts/cubic-local.ts); undefined on the square lattice. */
  private cubicTables: PottsCubicTables | undefined;
  private metropolis = new Float64Array(27);
  /** Top byte of every Metropolis threshold, 256 for t = 2^32 (accept always). */
  private topByte = new Int32Array(27);
  private partitions = new Uint8Array(64);
  private heatBath = new Float64Array(75 * POTTS_HEATBATH_GROUPS);
  private sources = new Uint8Array(75 * POTTS_SOURCE_STRIDE);
  /** Lane generators of the current row: word w of generator g at lanes[4 w + g]. */
  private readonly lanes = new Int32Array(16);
  /** The current row's pairs: pair j, U-plane in words 8j .. 8j + 3, A-plane in 8j + 4 .. 8j + 7. */
  private readonly rowPlanes: Int32Array;
  /** The pair a queued lane draws: U-plane in words 0 .. 3, A-plane in 4 .. 7. */
  private readonly planes = new Int32Array(8);
  /** Heat bath: the states a pattern's sources name (four neighbours, then 0). */
  private readonly candidates = new Uint8Array(6);
  /** The x of the current row's queued lanes, and how many there are. */
  private readonly queue: Int32Array;
  private queued = 0;
  /** For q <= 4: see buildLocalTables. */
  private local = new Int32Array(0);
  private delta = new Int32Array(0);
  /** For q <= 3 and L divisible by 4: see buildWordTable. */
  private wordTable: Int32Array = new Int32Array(0);
  /**
   * For q <= 3 and L divisible by 4 (else null), one buffer as 32-bit words: the word table (words
   * 0 .. WORD_TABLE - 1), the row planes (rowPlanes), then the lattice (spins), 4 sites a
   * little-endian word (metropolisRowWords).
   */
  private words: Int32Array | null;
  /** d = floor(b (q - 1) / 256) for a top byte b of U, | 256 when that byte does not decide d. */
  private readonly proposal: Int32Array;
  /** The current row with its periodic neighbours (metropolisRow). */
  private readonly pad: Uint8Array;
  /** Views of the lattice's rows (copied into pad without allocating). */
  private rows: Uint8Array[];

  constructor(size: number, q: number, lattice: Lattice = 'square') {
    this.size = checkPottsSize(size);
    this.q = checkQ(q);
    this.lattice = lattice;
    this.geometry = geometryOf(lattice);
    const sites = sitesOf(this.geometry, size);
    const planeWords = 8 * ((size + 31) >> 5);
    if (q <= 3 && size % 4 === 0 && this.geometry.dimension === 2 && LITTLE_ENDIAN) {
      // one buffer for what metropolisRowWords reads (one typed array in its loop)
      this.words = new Int32Array(WORD_TABLE + planeWords + (sites >> 2));
      this.wordTable = this.words.subarray(0, WORD_TABLE);
      this.rowPlanes = this.words.subarray(WORD_TABLE, WORD_TABLE + planeWords);
      this.spins = new Uint8Array(this.words.buffer, 4 * (WORD_TABLE + planeWords), sites);
    } else {
      this.words = null;
      this.rowPlanes = new Int32Array(planeWords);
      this.spins = new Uint8Array(sites);
    }
    this.pad = new Uint8Array(size + 2);
    this.rows = Array.from({ length: size }, (_, y) => this.spins.subarray(y * size, (y + 1) * size));
    this.queue = new Int32Array(size);
    this.proposal = Int32Array.from({ length: 256 }, (_, b) => {
      const xq = b * (q - 1);
      return (xq >>> 8) | ((xq & 255) + q - 1 > 256 ? 256 : 0);
    });
    this.setCouplings(0, 0);
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
    const s = this.spins;
    const counts = this.counts;
    let b = 0;
    counts.fill(0);
    forEachForwardBond(this.geometry, this.size, (i, right, below, front) => {
      const v = s[i];
      b += +(v === s[right]) + +(v === s[below]) + (front < 0 ? 0 : +(v === s[front]));
      counts[v]++;
    });
    this.bonds = b;
  }

  /** @internal sets Nb after another kernel changed the lattice and kept the counts itself */
  setBondCount(b: number): void {
    this.bonds = b;
  }

  setCouplings(beta: number, field: number): void {
    if (this.geometry.dimension === 3) {
      this.cubicTables = pottsCubicTables(beta, field, this.q);
      return;
    }
    const tables = pottsTables(beta, field, this.q);
    this.metropolis = Float64Array.from(tables.metropolis);
    this.topByte = Int32Array.from(tables.metropolis, (t) => (t >= TWO_POW_32 ? 256 : Math.floor(t / 2 ** 24)));
    this.buildLocalTables();
    this.buildWordTable();
    this.partitions = Uint8Array.from(tables.heatBath.partitions);
    this.heatBath = Float64Array.from(tables.heatBath.thresholds);
    this.sources = Uint8Array.from(tables.heatBath.sources);
  }

  sweep(algorithm: PottsAlgorithm, sweeps: number, out?: Int32Array): number {
    const width = pottsRecordWidth(this.q);
    const cubic = this.cubicTables;
    let changed = 0;
    for (let k = 0; k < sweeps; k++) {
      if (cubic) {
        const [bonds, sites] = cubicLocalSweep(this, cubic, algorithm, this.bonds);
        this.bonds = bonds;
        changed += sites;
      } else changed += algorithm === 'heat-bath' ? this.heatBathSweep() : this.metropolisSweep();
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
        this.drawRowPlanes();
        changed += this.words ? this.metropolisRowWords(colour, y) : this.q <= 4 ? this.metropolisRowSmall(colour, y) : this.metropolisRowGeneral(colour, y);
        // apart from the row loops: inlined there, this rare path cost them registers
        if (this.queued > 0) changed += this.finishQueue(y);
      }
    }
    return changed;
  }

  /** The row's lane generators: 16 outputs of the main generator through fmix32. */
  private seedRow(): void {
    const lanes = this.lanes;
    // xoshiro128** (Xoshiro128.next) with the state in locals
    const st = this.rng.state;
    let x0 = st[0] | 0,
      x1 = st[1] | 0,
      x2 = st[2] | 0,
      x3 = st[3] | 0;
    for (let t = 0; t < 16; t++) {
      lanes[t] = fmix32(Math.imul(rotl(Math.imul(x1, 5), 7), 9));
      const s = x1 << 9;
      x2 ^= x0;
      x3 ^= x1;
      x1 ^= x2;
      x0 ^= x3;
      x2 ^= s;
      x3 = rotl(x3, 11);
    }
    st[0] = x0;
    st[1] = x1;
    st[2] = x2;
    st[3] = x3;
    for (let g = 0; g < 4; g++) {
      if ((lanes[g] | lanes[4 + g] | lanes[8 + g] | lanes[12 + g]) === 0) lanes[g] = 1;
    }
  }

  /** Draws the row's J = ceil(L / 32) pairs into rowPlanes (pair j: U-plane in words 8j .. 8j + 3, A-plane in 8j + 4 .. 8j + 7). */
  private drawRowPlanes(): void {
    const words = 8 * ((this.size + 31) >> 5);
    // the lane generators are independent: two at a time keeps their states in registers
    for (let g = 0; g < 4; g += 2) this.drawLanes(g, words);
  }

  /** Steps lane generators g and g + 1 once per plane, writing words g, g + 1 of the row's planes. */
  private drawLanes(g: number, words: number): void {
    const lanes = this.lanes;
    const out = this.rowPlanes;
    let a0 = lanes[g],
      a1 = lanes[4 + g],
      a2 = lanes[8 + g],
      a3 = lanes[12 + g];
    let b0 = lanes[g + 1],
      b1 = lanes[5 + g],
      b2 = lanes[9 + g],
      b3 = lanes[13 + g];
    for (let at = g; at < words; at += 4) {
      out[at] = Math.imul(rotl(Math.imul(a1, 5), 7), 9);
      out[at + 1] = Math.imul(rotl(Math.imul(b1, 5), 7), 9);
      const ta = a1 << 9;
      const tb = b1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= ta;
      a3 = rotl(a3, 11);
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= tb;
      b3 = rotl(b3, 11);
    }
    lanes[g] = a0;
    lanes[4 + g] = a1;
    lanes[8 + g] = a2;
    lanes[12 + g] = a3;
    lanes[g + 1] = b0;
    lanes[5 + g] = b1;
    lanes[9 + g] = b2;
    lanes[13 + g] = b3;
  }

  /** Draws one pair, a U-plane and an A-plane (two steps of each lane generator), into planes[0 .. 3] and planes[4 .. 7]. */
  private drawPair(): void {
    const lanes = this.lanes;
    const planes = this.planes;
    for (let g = 0; g < 4; g++) {
      let x0 = lanes[g],
        x1 = lanes[4 + g],
        x2 = lanes[8 + g],
        x3 = lanes[12 + g];
      // its word of the U-plane, then of the A-plane
      for (let at = g; at < 8; at += 4) {
        planes[at] = Math.imul(rotl(Math.imul(x1, 5), 7), 9);
        const t = x1 << 9;
        x2 ^= x0;
        x3 ^= x1;
        x1 ^= x2;
        x0 ^= x3;
        x2 ^= t;
        x3 = rotl(x3, 11);
      }
      lanes[g] = x0;
      lanes[4 + g] = x1;
      lanes[8 + g] = x2;
      lanes[12 + g] = x3;
    }
  }

  /**
   * Decides the lane at site x of row `row` from the top r bytes u of U and a of A (contract:
   * assembly/potts.ts). Returns 1 when accepted (and applies the move), 0 when rejected, -1 when undecided.
   */
  private decideLane(row: number, up: number, down: number, x: number, u: number, a: number, r: number): number {
    const L = this.size;
    const q = this.q;
    const qm1 = q - 1;
    // exact in doubles (xq < 2^40), without Math.pow and fmod (a queued lane costs ~200 ns with them)
    const span = BYTE_SPANS[r];
    const xq = u * qm1;
    const dq = Math.floor(xq / span);
    if (r < 4 && xq - dq * span + qm1 > span) return -1;
    const spins = this.spins;
    const s = spins[row + x];
    const nl = spins[row + (x === 0 ? L - 1 : x - 1)];
    const nr = spins[row + (x === L - 1 ? 0 : x + 1)];
    const nu = spins[up + x];
    const nd = spins[down + x];
    let sn = s + 1 + dq;
    if (sn >= q) sn -= q;
    const dc = +(nl === sn) + +(nr === sn) + +(nu === sn) + +(nd === sn) - +(nl === s) - +(nr === s) - +(nu === s) - +(nd === s);
    const t = this.metropolis[dc + 13 + 9 * (+(sn === 0) - +(s === 0))];
    if (t < TWO_POW_32) {
      const tp = Math.floor(t / BYTE_SPANS[4 - r]);
      if (r < 4 && a === tp) return -1;
      if (a >= tp) return 0;
    }
    spins[row + x] = sn;
    this.bonds += dc;
    this.counts[s]--;
    this.counts[sn]++;
    return 1;
  }

  /** Finishes the `queued` lanes of row y (step 4 of the contract); returns the sites changed. */
  private finishQueue(y: number): number {
    const L = this.size;
    const row = y * L;
    const up = (y === 0 ? L - 1 : y - 1) * L;
    const down = (y === L - 1 ? 0 : y + 1) * L;
    const queued = this.queued;
    let changed = 0;
    for (let e = 0; e < queued; e++) {
      const x = this.queue[e];
      const k = (x >> 1) & 15;
      const word = 8 * (x >> 5) + (k >> 2);
      const shift = (k & 3) << 3;
      let u = (this.rowPlanes[word] >>> shift) & 255;
      let a = (this.rowPlanes[word + 4] >>> shift) & 255;
      // r counts the bytes compared; it is advanced at the top of the loop, where it runs for every queued
      // lane: an increment that runs only for the rare third byte (a `for (;; r++)`) had no type feedback
      // when the optimised row loop met it, and V8 deoptimised that loop about 15 times a sweep at L = 1024
      for (let r = 1; ;) {
        r += 1;
        this.drawPair();
        u = u * 256 + ((this.planes[k >> 2] >>> shift) & 255);
        a = a * 256 + ((this.planes[4 + (k >> 2)] >>> shift) & 255);
        const decided = this.decideLane(row, up, down, x, u, a, r);
        if (decided >= 0) {
          changed += decided;
          break;
        }
      }
    }
    return changed;
  }

  /**
   * For q <= 4, what a lane decided by its top bytes needs, in one lookup at index
   * (code << 4) | (s << 2) | d, code = nl | nr << 2 | nu << 4 | nd << 6: local[] holds the
   * threshold's top byte t (256: accept always) | s' << 9, and delta[] the changes of an accepted
   * move packed in bytes: dc = c(s') - c(s), then those of n_0, n_1, n_2 (an implementation detail
   * of this twin: the same decisions, fewer operations).
   */
  private buildLocalTables(): void {
    const q = this.q;
    if (q > 4) return;
    const local = new Int32Array(4096);
    const delta = new Int32Array(4096);
    for (let code = 0; code < 256; code++) {
      const n = [code & 3, (code >> 2) & 3, (code >> 4) & 3, code >> 6];
      const count = (k: number) => n.filter((v) => v === k).length;
      for (let s = 0; s < q; s++) {
        for (let d = 0; d < q - 1; d++) {
          const sn = (s + 1 + d) % q;
          const dc = count(sn) - count(s);
          const at = (code << 4) | (s << 2) | d;
          local[at] = this.topByte[dc + 13 + 9 * (+(sn === 0) - +(s === 0))] | (sn << 9);
          const dn = (k: number) => +(sn === k) - +(s === k);
          delta[at] = (dc + 256 * dn(0) + 65536 * dn(1) + 16777216 * dn(2)) | 0;
        }
      }
    }
    this.local = local;
    this.delta = delta;
  }

  /**
   * Copies row y with its periodic neighbours into pad (pad[x + 1] = s(x), pad[0] = s(L - 1),
   * pad[L + 1] = s(0)): a half-sweep reads only the other colour's sites from it, which do not change.
   */
  private padRow(y: number): Uint8Array {
    const L = this.size;
    const pad = this.pad;
    pad.set(this.rows[y], 1);
    pad[0] = this.spins[y * L + L - 1];
    pad[L + 1] = this.spins[y * L];
    return pad;
  }

  /**
   * For q <= 3 (q - 1 a power of two: the top byte of U decides d = its top bit for q = 3, d = 0 for
   * q = 2), one entry per lane key s | nl << 2 | nr << 4 | nu << 6 | nd << 8 | d << 10: bits 0 .. 8 the
   * threshold's top byte t (256: accept always), bits 9, 10 the state's change s ^ s', bits 11 .. 31
   * (signed) the changes of an accepted move as one number dc + 2^8 dn_0 + 2^14 dn_1 (sums of these
   * over the 16 lanes of a chunk still decode field by field: |dc| <= 64, |dn_k| <= 16).
   */
  private buildWordTable(): void {
    const q = this.q;
    const table = this.wordTable;
    for (let key = 0; key < table.length; key++) {
      const s = key & 3;
      const n = [(key >> 2) & 3, (key >> 4) & 3, (key >> 6) & 3, (key >> 8) & 3];
      table[key] = 0;
      if (s >= q || n.some((v) => v >= q)) continue;
      const d = q === 3 ? key >> 10 : 0;
      const sn = (s + 1 + d) % q;
      const count = (k: number) => n.filter((v) => v === k).length;
      const dc = count(sn) - count(s);
      const dn = (k: number) => +(sn === k) - +(s === k);
      const t = this.topByte[dc + 13 + 9 * (+(sn === 0) - +(s === 0))];
      table[key] = t | ((s ^ sn) << 9) | ((dc + 256 * dn(0) + 16384 * dn(1)) << 11);
    }
  }

  /**
   * Row y of colour c for q <= 3 and L divisible by 4, two lanes a step: a word of the lattice holds
   * sites 4m .. 4m + 3 (byte i = site 4m + i), its lanes are bytes p and p + 2 (p = (y + c) & 1), and
   * lanes 2m', 2m' + 1 of its chunk (m' = m mod 8), whose top bytes of U and A are the bytes 0, 1
   * (m' even) or 2, 3 (m' odd) of the chunk's U- and A-word m' >> 1. One word expression gives both
   * lanes' keys (buildWordTable), and the word is written back once. Returns the sites changed.
   */
  private metropolisRowWords(colour: number, y: number): number {
    const L = this.size;
    const W = L >> 2;
    // the table at word 0, the planes at WORD_TABLE, the lattice after them: one array in the loop
    const sw = this.words!;
    const p = (y + colour) & 1;
    const row = WORD_TABLE + this.rowPlanes.length + y * W;
    const end = row + W;
    // from a word of the row to the word above and below it (the same operations for every row: an
    // operation met only in the first or last row had no type feedback when V8 optimised the loop)
    const up = (y === 0 ? L : 0) * W - W;
    const down = W - (y === L - 1 ? L : 0) * W;
    let b = this.bonds;
    let n0 = 0;
    let n1 = 0;
    let changed = 0;
    let queued = 0;
    let acc = 0;
    let uu = 0;
    let aa = 0;
    let prev = sw[end - 1];
    let w = sw[row];
    for (let i = row, m = 0; i < end; i++, m++) {
      if ((m & 1) === 0) {
        const pair = WORD_TABLE + ((m >> 3) << 3) + ((m & 7) >> 1);
        uu = sw[pair];
        aa = sw[pair + 4];
      } else {
        uu >>>= 16;
        aa >>>= 16;
      }
      const next = sw[i + 1 < end ? i + 1 : row];
      // byte k of X: s | nl << 2 | nr << 4 | nu << 6 of site 4m + k, nd in Z; both lanes' keys in the halves of `key`
      const X = w | (((w << 8) | (prev >>> 24)) << 2) | (((w >>> 8) | (next << 24)) << 4) | (sw[i + up] << 6);
      const Z = sw[i + down];
      const D = ((uu << 3) & 0x400) | ((uu << 11) & 0x4000000);
      const key = p === 0 ? (X & 0x00ff00ff) | ((Z & 0x00030003) << 8) | D : ((X >>> 8) & 0x00ff00ff) | ((Z & 0x03000300) << 0) | D;
      const e0 = sw[key & 0xffff];
      const e1 = sw[key >>> 16];
      // a - t: < 0 accepts, 0 leaves the lane undecided by the top bytes
      const d0 = (aa & 255) - (e0 & 511);
      const d1 = ((aa >>> 8) & 255) - (e1 & 511);
      if (d0 === 0 || d1 === 0) {
        // queued, left alone here (their masks are 0)
        if (d0 === 0) this.queue[queued++] = 4 * m + p;
        if (d1 === 0) this.queue[queued++] = 4 * m + p + 2;
      }
      // -1 when accepted (a < t)
      const m0 = d0 >> 31;
      const m1 = d1 >> 31;
      const f0 = e0 & m0;
      const f1 = e1 & m1;
      // the accepted lanes' changes s ^ s' (bits 9, 10 of their entries) to bytes p, p + 2
      const flip = ((f0 & 0x600) | ((f1 & 0x600) << 16)) >>> 9;
      sw[i] = w ^ (p === 0 ? flip : flip << 8);
      acc = (acc + (f0 >> 11) + (f1 >> 11)) | 0;
      changed = (changed - m0 - m1) | 0;
      prev = w;
      w = next;
      if ((m & 7) === 7) {
        // the chunk's count changes (16 lanes: every field decodes)
        const dc = (acc << 24) >> 24;
        const rest = (acc - dc) >> 8;
        const d0 = (rest << 26) >> 26;
        b += dc;
        n0 += d0;
        n1 += (rest - d0) >> 6;
        acc = 0;
      }
    }
    const dc = (acc << 24) >> 24;
    const rest = (acc - dc) >> 8;
    const d0 = (rest << 26) >> 26;
    n0 += d0;
    n1 += (rest - d0) >> 6;
    const counts = this.counts;
    counts[0] += n0;
    counts[1] += n1;
    if (this.q === 3) counts[2] -= n0 + n1;
    this.bonds = b + dc;
    this.queued = queued;
    return changed;
  }

  /** Row y of colour c for q <= 4 (the lookup tables of buildLocalTables); returns the sites changed. */
  private metropolisRowSmall(colour: number, y: number): number {
    const L = this.size;
    const spins = this.spins;
    const local = this.local;
    const delta = this.delta;
    const proposal = this.proposal;
    const planes = this.rowPlanes;
    const queue = this.queue;
    const row = y * L;
    const up = (y === 0 ? L - 1 : y - 1) * L;
    const down = (y === L - 1 ? 0 : y + 1) * L;
    const pad = this.padRow(y);
    const BIAS = 0x80808080 | 0;
    let b = this.bonds;
    let changed = 0;
    let queued = 0;
    // the changes of Nb, n_0, n_1, n_2 in the bytes of one word (see buildLocalTables), added up over
    // the lanes of a chunk and flushed at the start of the next one
    let acc = BIAS;
    let uw = 0,
      aw = 0;
    for (let x = (y + colour) & 1; x < L; x += 2) {
      const lane = (x >> 1) & 15; // lane k of chunk x >> 5
      if ((lane & 3) === 0) {
        const word = ((x >> 5) << 3) + (lane >> 2);
        uw = planes[word];
        aw = planes[word + 4];
        if (lane === 0 && acc !== BIAS) {
          // the previous chunk's changes (at most 16 lanes: no byte overflows)
          b += this.flushCounts(acc);
          acc = BIAS;
        }
      }
      const a = aw & 255;
      const d = proposal[uw & 255];
      uw >>>= 8;
      aw >>>= 8;
      const s = pad[x + 1];
      const at = (pad[x] << 4) | (pad[x + 2] << 6) | (spins[up + x] << 8) | (spins[down + x] << 10) | (s << 2) | (d & 3);
      const entry = local[at];
      const t = entry & 511;
      if (((d >>> 8) | +(a === t)) !== 0) {
        queue[queued++] = x;
      } else {
        // branch-free update: acceptance is unpredictable near Tc
        const accept = (a - t) >>> 31;
        const mask = -accept;
        spins[row + x] = s ^ ((s ^ (entry >>> 9)) & mask);
        acc = (acc + (delta[at] & mask)) | 0;
        changed += accept;
      }
    }
    this.bonds = b + this.flushCounts(acc);
    this.queued = queued;
    return changed;
  }

  /** Adds the changes of n_0, n_1, n_2 packed in acc (bytes 1 .. 3, each biased by 128) to n_k; returns that of Nb (byte 0). */
  private flushCounts(acc: number): number {
    const counts = this.counts;
    const d0 = ((acc >>> 8) & 255) - 128;
    const d1 = ((acc >>> 16) & 255) - 128;
    const d2 = (acc >>> 24) - 128;
    counts[0] += d0;
    counts[1] += d1;
    if (this.q > 2) counts[2] += d2;
    if (this.q > 3) counts[3] -= d0 + d1 + d2;
    return (acc & 255) - 128;
  }

  /** Row y of colour c for any q; returns the sites changed. */
  private metropolisRowGeneral(colour: number, y: number): number {
    const L = this.size;
    const q = this.q;
    const qm1 = q - 1;
    const spins = this.spins;
    const counts = this.counts;
    const top = this.topByte;
    const proposal = this.proposal;
    const planes = this.rowPlanes;
    const queue = this.queue;
    const row = y * L;
    const up = (y === 0 ? L - 1 : y - 1) * L;
    const down = (y === L - 1 ? 0 : y + 1) * L;
    const pad = this.padRow(y);
    let b = this.bonds;
    let changed = 0;
    let queued = 0;
    let uw = 0,
      aw = 0;
    for (let x = (y + colour) & 1; x < L; x += 2) {
      const lane = (x >> 1) & 15;
      if ((lane & 3) === 0) {
        const word = ((x >> 5) << 3) + (lane >> 2);
        uw = planes[word];
        aw = planes[word + 4];
      }
      const a = aw & 255;
      const d = proposal[uw & 255];
      uw >>>= 8;
      aw >>>= 8;
      const s = pad[x + 1];
      const nl = pad[x];
      const nr = pad[x + 2];
      const nu = spins[up + x];
      const nd = spins[down + x];
      let sn = s + 1 + (d & 255);
      sn -= q & ((qm1 - sn) >> 31);
      const dc =
        (((nl ^ sn) - 1) >>> 31) +
        (((nr ^ sn) - 1) >>> 31) +
        (((nu ^ sn) - 1) >>> 31) +
        (((nd ^ sn) - 1) >>> 31) -
        (((nl ^ s) - 1) >>> 31) -
        (((nr ^ s) - 1) >>> 31) -
        (((nu ^ s) - 1) >>> 31) -
        (((nd ^ s) - 1) >>> 31);
      const t = top[dc + 13 + 9 * (((sn - 1) >>> 31) - ((s - 1) >>> 31))];
      if (((d >>> 8) | +(a === t)) !== 0) {
        queue[queued++] = x;
        continue;
      }
      const accept = (a - t) >>> 31;
      const mask = -accept;
      spins[row + x] = s ^ ((s ^ sn) & mask);
      b += dc & mask;
      counts[s] -= accept;
      counts[sn] += accept;
      changed += accept;
    }
    this.bonds = b;
    this.queued = queued;
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
    // candidates[4] stays 0 (state 0); [5] is never read (the rest is chosen apart)
    const candidates = this.candidates;
    const st = this.rng.state;
    let x0 = st[0] | 0,
      x1 = st[1] | 0,
      x2 = st[2] | 0,
      x3 = st[3] | 0;
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
          // the first position whose neighbour is in state 0, 4 for none (branch-free)
          const zeros = ((nl - 1) >>> 31) | (((nr - 1) >>> 31) << 1) | (((nu - 1) >>> 31) << 2) | (((nd - 1) >>> 31) << 3) | 16;
          const z = 31 - Math.clz32(zeros & -zeros);
          const pattern = partitions[key] * 5 + z;
          // xoshiro128** step, state in locals
          const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9) >>> 0;
          const t = x1 << 9;
          x2 ^= x0;
          x3 ^= x1;
          x1 ^= x2;
          x0 ^= x3;
          x2 ^= t;
          x3 = rotl(x3, 11);
          const at = pattern * 5;
          const g = +(thresholds[at] <= r) + +(thresholds[at + 1] <= r) + +(thresholds[at + 2] <= r) + +(thresholds[at + 3] <= r) + +(thresholds[at + 4] <= r);
          const src = sources[pattern * 8 + g];
          // the candidates by source: the four neighbours' states, then state 0
          candidates[0] = nl;
          candidates[1] = nr;
          candidates[2] = nu;
          candidates[3] = nd;
          let sn = candidates[src];
          if (src === 5) {
            // the j-th smallest state that is neither 0 nor a neighbour's
            const groups = sources[pattern * 8 + 6];
            const base = thresholds[at + groups - 1];
            const j = Math.floor(((r - base) * (q - groups)) / (TWO_POW_32 - base));
            const f1 = (key & 1) === 0,
              f2 = (key & 6) === 0,
              f3 = (key & 56) === 0;
            sn = j + 1;
            for (;;) {
              const below = +(nl !== 0 && nl <= sn) + +(f1 && nr !== 0 && nr <= sn) + +(f2 && nu !== 0 && nu <= sn) + +(f3 && nd !== 0 && nd <= sn);
              if (j + 1 + below === sn) break;
              sn = j + 1 + below;
            }
          }
          // branch-free update (a site that keeps its state changes nothing)
          spins[row + x] = sn;
          b +=
            (((nl ^ sn) - 1) >>> 31) +
            (((nr ^ sn) - 1) >>> 31) +
            (((nu ^ sn) - 1) >>> 31) +
            (((nd ^ sn) - 1) >>> 31) -
            (((nl ^ s) - 1) >>> 31) -
            (((nr ^ s) - 1) >>> 31) -
            (((nu ^ s) - 1) >>> 31) -
            (((nd ^ s) - 1) >>> 31);
          counts[s]--;
          counts[sn]++;
          changed += +(sn !== s);
        }
      }
    }
    st[0] = x0;
    st[1] = x1;
    st[2] = x2;
    st[3] = x3;
    this.bonds = b;
    return changed;
  }

  // -------------------------------------------------------------------------------------------
  // Measurements

  correlations(out: Int32Array): void {
    measurePottsCorrelations(this.spins, this.size, this.q, out);
  }

  blockSpins(): JsPottsBlockSpins {
    return new JsPottsBlockSpins(() => this.spins, this.size, this.q, this.geometry.dimension);
  }

  dispose(): void {
    this.spins = new Uint8Array(0);
    this.words = null;
    this.rows = [];
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
 * Coarse-grains the n x n level `src` into `dst` with b x b blocks (with `dimension` 3 the n^3 level
 * with b x b x b blocks, Z outer; rules, block order and tie draws: assembly/potts.ts), counting each
 * block's configuration into `patterns` from `offset` when given. Returns the ties broken.
 */
export function coarsenPotts(
  src: Uint8Array,
  n: number,
  b: number,
  q: number,
  dst: Uint8Array,
  rule: PottsBlockRule,
  rng: Xoshiro128,
  patterns?: Uint32Array,
  offset = 0,
  dimension: 2 | 3 = 2,
): number {
  const m = n / b;
  const majority = rule === 'majority';
  const hist = new Int32Array(q);
  const seen: number[] = [];
  const depth = dimension === 3 ? m : 1;
  const rows = dimension === 3 ? b * b : b;
  const plane = n * n;
  let ties = 0;
  let out = 0;
  for (let Z = 0; Z < depth; Z++)
    for (let Y = 0; Y < m; Y++) {
      for (let X = 0; X < m; X++) {
        const corner = Z * b * plane + Y * b * n + X * b;
        let state = src[corner];
        if (majority || patterns) {
          let code = 0;
          let weight = 1;
          let most = 0;
          seen.length = 0;
          for (let c = 0; c < rows; c++) {
            const row = corner + Math.floor(c / b) * plane + (c % b) * n;
            for (let dx = 0; dx < b; dx++) {
              const s = src[row + dx];
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
        dst[out++] = state;
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
  private readonly dimension: 2 | 3;
  private readonly rng = new Xoshiro128(new Uint32Array([1, 0, 0, 0]));
  private block = 2;
  private pyramid: Uint8Array[] = [];
  private patterns: Uint32Array | undefined;
  patternCount = 0;

  /** `lattice` returns the live level-0 states (L x L, or L x L x L with `dimension` 3). */
  constructor(lattice: () => Uint8Array, size: number, q: number, dimension: 2 | 3 = 2) {
    this.lattice = lattice;
    this.size = size;
    this.q = q;
    this.dimension = dimension;
  }

  configure(blockSize: number, levels: number, patterns: boolean): void {
    this.block = blockSize;
    this.pyramid = [];
    for (let k = 1, n = this.size / blockSize; k <= levels; k++, n /= blockSize) this.pyramid.push(new Uint8Array(n ** this.dimension));
    this.patternCount = patterns ? pottsPatternCount(this.q, blockSize, this.dimension) : 0;
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
      ties += coarsenPotts(src, n, this.block, this.q, this.pyramid[k], rule, this.rng, this.patterns, k * this.patternCount, this.dimension);
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
