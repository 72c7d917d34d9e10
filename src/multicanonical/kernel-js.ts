/**
 * The JavaScript twin of assembly/multicanonical.ts: the same site order, proposals, weights and
 * decisions (expNonPositive of ./exp.ts), so a seed gives the same lattice, weights and records bit for
 * bit. It works on the lattice, generator and counts of a {@link JsPottsKernel}.
 */
import type { JsPottsKernel } from '../models/potts/kernel-js.js';
import { expNonPositive } from './exp.js';
import type { MulticanonicalKernel, MulticanonicalWindow } from './types.js';

const TWO_POW_32 = 4294967296;

export class JsMulticanonicalKernel implements MulticanonicalKernel {
  readonly backend = 'js' as const;
  private readonly levels: Float64Array;
  private readonly levelVisits: Float64Array;
  private window: MulticanonicalWindow = { lo: 0, hi: 0, betaLo: 0, betaHi: 0 };

  constructor(private readonly potts: JsPottsKernel) {
    const n = 2 * potts.size * potts.size + 1;
    this.levels = new Float64Array(n);
    this.levelVisits = new Float64Array(n);
  }

  setWeights(window: MulticanonicalWindow, weights: Float64Array): void {
    this.window = { ...window };
    this.levels.set(weights, window.lo);
  }

  weights(): Float64Array {
    return this.levels.slice(this.window.lo, this.window.hi + 1);
  }

  visits(): Float64Array {
    return this.levelVisits.slice(this.window.lo, this.window.hi + 1);
  }

  visited(): number {
    return this.visits().filter((v) => v > 0).length;
  }

  resetVisits(): void {
    this.levelVisits.fill(0);
  }

  sweep(sweeps: number, lnf: number, out?: Int32Array): number {
    const { potts, levels: w, levelVisits: visits } = this;
    const { lo, hi, betaLo, betaHi } = this.window;
    const L = potts.size;
    const q = potts.q;
    const spins = potts.spins;
    const counts = potts.counts;
    const rng = potts.rng;
    const width = q + 1;
    const learn = lnf > 0;
    const weightOf = (b: number): number => (b > hi ? w[hi] + betaHi * (b - hi) : b < lo ? w[lo] + betaLo * (b - lo) : w[b]);
    let b = potts.bondCount;
    let accepted = 0;
    for (let s = 0; s < sweeps; s++) {
      for (let y = 0; y < L; y++) {
        const row = y * L;
        const above = (y === 0 ? L - 1 : y - 1) * L;
        const below = (y === L - 1 ? 0 : y + 1) * L;
        for (let x = 0; x < L; x++) {
          const i = row + x;
          const c = spins[i];
          let t = c + 1 + Math.floor((rng.next() * (q - 1)) / TWO_POW_32);
          if (t >= q) t -= q;
          const left = spins[row + (x === 0 ? L - 1 : x - 1)];
          const right = spins[row + (x === L - 1 ? 0 : x + 1)];
          const up = spins[above + x];
          const down = spins[below + x];
          const d = +(left === t) + +(right === t) + +(up === t) + +(down === t) - (+(left === c) + +(right === c) + +(up === c) + +(down === c));
          const nb = b + d;
          const dw = weightOf(nb) - weightOf(b);
          if (dw >= 0 || rng.next() < expNonPositive(dw) * TWO_POW_32) {
            spins[i] = t;
            counts[c]--;
            counts[t]++;
            b = nb;
            accepted++;
          }
          if (learn && b >= lo && b <= hi) {
            w[b] -= lnf;
            visits[b] += 1;
          }
        }
      }
      if (out) {
        out[s * width] = b;
        out.set(counts, s * width + 1);
      }
    }
    potts.setBondCount(b);
    return accepted;
  }
}
