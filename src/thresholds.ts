/**
 * Acceptance thresholds, computed once in TypeScript and used verbatim by both backends,
 * so that a WebAssembly and a JavaScript sweep take identical decisions.
 *
 * A probability p becomes the integer threshold t = 2^32 when p >= 1, else floor(p * 2^32);
 * a move is taken when a uniform 32-bit random integer r satisfies r < t, i.e. with
 * probability t / 2^32, which is p to within 2^-32.
 */

export const TWO_POW_32 = 4294967296;

/** Entries of the Metropolis table (mirrors METROPOLIS_ENTRIES in assembly/layout.ts). */
export const METROPOLIS_ENTRIES = 10;
/** Entries of the heat-bath table (mirrors HEATBATH_ENTRIES in assembly/layout.ts). */
export const HEATBATH_ENTRIES = 5;

/** Integer threshold for probability p (see module comment). */
export function threshold(p: number): number {
  return p >= 1 ? TWO_POW_32 : Math.floor(p * TWO_POW_32);
}

/**
 * Metropolis: flipping s with neighbour sum n costs dE = 2 s (J n + h); accepted with
 * min(1, exp(-beta dE)). Index = (s > 0 ? 5 : 0) + (n + 4) / 2, n in {-4, -2, 0, 2, 4}.
 */
export function metropolisThresholds(beta: number, field: number): Float64Array {
  const table = new Float64Array(METROPOLIS_ENTRIES);
  for (const s of [-1, 1]) {
    for (let n = -4; n <= 4; n += 2) {
      const dE = 2 * s * (n + field);
      table[(s > 0 ? 5 : 0) + (n + 4) / 2] = threshold(dE <= 0 ? 1 : Math.exp(-beta * dE));
    }
  }
  return table;
}

/**
 * Heat bath: the new spin is +1 with probability 1 / (1 + exp(-2 beta (J n + h))),
 * whatever the old spin. Index = (n + 4) / 2.
 */
export function heatBathThresholds(beta: number, field: number): Float64Array {
  const table = new Float64Array(HEATBATH_ENTRIES);
  for (let n = -4; n <= 4; n += 2) {
    table[(n + 4) / 2] = threshold(1 / (1 + Math.exp(-2 * beta * (n + field))));
  }
  return table;
}
