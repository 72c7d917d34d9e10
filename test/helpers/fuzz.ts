/** Seeded value generators for the fuzz tests: every kind of value a careless or hostile caller can pass. */
import { Xoshiro128, seedState } from '../../src/rng.js';

export class Fuzz {
  private readonly rng: Xoshiro128;

  constructor(seed: number) {
    this.rng = new Xoshiro128(seedState(seed));
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.rng.next() / 2 ** 32) * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.rng.next() / 2 ** 32 < p;
  }

  /** A number from the edges of the representable range and of the options' ranges. */
  number(): number {
    return this.pick([0, -0, 1, -1, 2, 3, 4, 8, 15, 16, 17, 64, 255, 256, 257, 0.5, 2.269, 1e-6, 1e-7, 1e6, 2e6, 1e308, -1e308, 1e-310, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -(2 ** 31), NaN, Infinity, -Infinity, Math.PI, -0.1]);
  }

  /** Any JavaScript value, weighted towards numbers. */
  value(depth = 0): unknown {
    switch (this.int(12)) {
      case 0: case 1: case 2: case 3: return this.number();
      case 4: return this.pick(['', 'ising', 'potts', 'metropolis', 'wolff', 'hybrid', 'cold', 'hot', 'packed', 'byte', 'wasm', 'js', 'auto', '3', 'tc', 'x'.repeat(300)]);
      case 5: return this.pick([null, undefined, true, false]);
      case 6: return depth < 2 ? Array.from({ length: this.int(3) }, () => this.value(depth + 1)) : [];
      case 7: return depth < 2 ? { every: this.value(depth + 1) } : {};
      case 8: return this.pick([2n, 10n ** 30n]);
      case 9: return Symbol('fuzz');
      case 10: return () => 1;
      default: return this.pick([new Uint8Array(4), new Int8Array(0), new Float64Array(2), new Date(0)]);
    }
  }
}
