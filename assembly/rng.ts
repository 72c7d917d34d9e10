// xoshiro128** (Blackman & Vigna, 2018): 128-bit state, 32-bit outputs.
// The TypeScript twin is src/rng.ts; both must produce the same stream.
//
// Kernels copy the state into locals for their hot loop and store it back afterwards
// (see `next` below for the reference step, inlined by hand in the kernels).

export let s0: u32 = 0;
export let s1: u32 = 0;
export let s2: u32 = 0;
export let s3: u32 = 0;

/** One step of the generator on the global state (reference implementation, used outside hot loops). */
export function next(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}
