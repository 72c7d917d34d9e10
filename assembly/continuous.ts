// What the continuous-spin cores share (XY and clock: ./xy.ts; Heisenberg: ./heisenberg.ts): the
// random unit vector of R^3 (Heisenberg; ./embedding.ts), and the
// Wolff cluster memory (one model runs in an instance), reserved on the first Wolff step:
//   [marks] L^2 x u8 (1 while a site is in the growing cluster), [queue] L^2 x i32 (the cluster's
//   sites in the order they joined; the last cluster's are queue[0 .. lastCount - 1]).
// The hot loops stay in each model's file, written out for its number of components.

import { reserve } from "./memory";
import * as rng from "./rng";
import { detCos, detSin } from "./detmath";

export let marks: usize = 0;
export let queue: usize = 0;
export let lastCount: i32 = 0;

/** Reserves the marks and queue of `sites` sites (once). 0 on success, -1 when memory cannot grow. */
export function reserveClusterMemory(sites: usize): i32 {
  if (marks != 0) return 0;
  const m = reserve(sites);
  const q = reserve(sites * 4);
  if (m == 0 || q == 0) return -1;
  marks = m;
  queue = q;
  return 0;
}

const TWO_PI: f64 = 6.283185307179586;
const TWO_POW_M32: f64 = 2.3283064365386963e-10;

/** The last random unit vector of R^3 (randomUnit). */
export let unitX: f64 = 0;
export let unitY: f64 = 0;
export let unitZ: f64 = 0;

/** A uniformly random unit vector of R^3 into (unitX, unitY, unitZ): z = 2 u_1 - 1, phi = 2 pi u_2, normalised. */
// @ts-ignore: decorator
@inline
export function randomUnit(): void {
  const z = 2 * (<f64>rng.next() * TWO_POW_M32) - 1;
  const phi = TWO_PI * (<f64>rng.next() * TWO_POW_M32);
  const rho = Math.sqrt(1 - z * z);
  const x = rho * detCos(phi);
  const y = rho * detSin(phi);
  const norm = Math.sqrt(x * x + y * y + z * z);
  unitX = x / norm;
  unitY = y / norm;
  unitZ = z / norm;
}
