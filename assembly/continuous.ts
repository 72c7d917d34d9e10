// What the continuous-spin cores share (XY and clock: ./xy.ts; Heisenberg: ./heisenberg.ts): the
// Wolff cluster memory (one model runs in an instance), reserved on the first Wolff step:
//   [marks] L^2 x u8 (1 while a site is in the growing cluster), [queue] L^2 x i32 (the cluster's
//   sites in the order they joined; the last cluster's are queue[0 .. lastCount - 1]).
// The hot loops stay in each model's file, written out for its number of components.

import { reserve } from "./memory";

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
