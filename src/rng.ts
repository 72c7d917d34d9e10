/**
 * The random stream shared by both backends.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018), 128 bits of state, 32-bit outputs.
 * The WebAssembly twin is `assembly/rng.ts`; kernels inline the same step.
 *
 * Seeding: a seed is an integer in [0, 2^53 - 1]. Two successive outputs z1, z2 of
 * SplitMix64 started at the seed give the state words (lo z1, hi z1, lo z2, hi z2).
 * Derived seeds for workers, replicas and sweep points come from {@link childSeed}.
 */

/** Largest seed accepted: Number.MAX_SAFE_INTEGER = 2^53 - 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64 finaliser (Steele, Lea, Flood 2014) on a 64-bit BigInt. */
export function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** The xoshiro128** state (4 unsigned 32-bit words) for a seed. Never all zero. */
export function seedState(seed: number): Uint32Array {
  let x = BigInt(seed) & MASK64;
  const words = new Uint32Array(4);
  for (let k = 0; k < 2; k++) {
    x = (x + GOLDEN_GAMMA) & MASK64;
    const z = mix64(x);
    words[2 * k] = Number(z & 0xffffffffn);
    words[2 * k + 1] = Number(z >> 32n);
  }
  // SplitMix64 is a bijection on consecutive inputs: two zero outputs in a row cannot occur.
  return words;
}

/**
 * Seed of the k-th child stream of `seed` (workers, replicas, sweep points):
 * childSeed(seed, k) = top 53 bits of mix64(mix64(seed + gamma) xor mix64(k + 2 gamma)).
 * Children of different k, and children of different parents, are unrelated streams.
 */
export function childSeed(seed: number, k: number): number {
  const parent = mix64((BigInt(seed) + GOLDEN_GAMMA) & MASK64);
  const index = mix64((BigInt(k) + 2n * GOLDEN_GAMMA) & MASK64);
  return Number(mix64(parent ^ index) >> 11n);
}

/** xoshiro128** in TypeScript, bit-identical to the WebAssembly generator. */
export class Xoshiro128 {
  readonly state: Uint32Array;

  constructor(state: Uint32Array) {
    this.state = Uint32Array.from(state);
  }

  /** Next output as an unsigned 32-bit integer (a number in [0, 2^32)). */
  next(): number {
    const s = this.state;
    const s1 = s[1];
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
}

/** 32-bit rotate left. */
export function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * MurmurHash3's 32-bit finaliser, as in assembly/packed.ts: mixes the seeds of the packed kernels'
 * lane generators (src/models/ising/packed-js.ts, src/models/potts/kernel-js.ts) and of the XY
 * Metropolis sweep's (drawLaneSeeds).
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Draws `tables` sets of four lane generators from the generator `state` (advanced in place): 16
 * outputs each through fmix32, generator g word k at 16 q + 4 k + g; a generator of four zero
 * words gets word 0 = 1 (assembly/packed.ts drawLaneSeeds): the packed
 * Ising kernels (src/models/ising/packed-js.ts) and the XY Metropolis sweep (src/models/xy/kernel-js.ts).
 */
export function drawLaneSeeds(seeds: Uint32Array, tables: number, state: Uint32Array): void {
  let x0 = state[0] | 0,
    x1 = state[1] | 0,
    x2 = state[2] | 0,
    x3 = state[3] | 0;
  for (let q = 0; q < tables; q++) {
    const at = q * 16;
    for (let t = 0; t < 16; t++) {
      const out = Math.imul(rotl(Math.imul(x1, 5), 7), 9);
      const sh = x1 << 9;
      x2 ^= x0;
      x3 ^= x1;
      x1 ^= x2;
      x0 ^= x3;
      x2 ^= sh;
      x3 = rotl(x3, 11);
      seeds[at + t] = fmix32(out);
    }
    for (let g = 0; g < 4; g++) {
      if ((seeds[at + g] | seeds[at + 4 + g] | seeds[at + 8 + g] | seeds[at + 12 + g]) === 0) seeds[at + g] = 1;
    }
  }
  state[0] = x0;
  state[1] = x1;
  state[2] = x2;
  state[3] = x3;
}
