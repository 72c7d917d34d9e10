/**
 * Acceptance thresholds, computed once in TypeScript and used verbatim by both backends,
 * so that a WebAssembly and a JavaScript sweep take identical decisions.
 *
 * A probability p becomes the integer threshold t = 2^32 when p >= 1, else floor(p * 2^32);
 * a move is taken when a uniform 32-bit random integer r satisfies r < t, i.e. with
 * probability t / 2^32, which is p to within 2^-32.
 */

export const TWO_POW_32 = 4294967296;

/** Room for the Metropolis table, 2 (Z + 1) entries for Z up to 6 (mirrors METROPOLIS_ENTRIES in assembly/layout.ts). */
export const METROPOLIS_ENTRIES = 14;
/** Room for the heat-bath table, Z + 1 entries (mirrors HEATBATH_ENTRIES in assembly/layout.ts). */
export const HEATBATH_ENTRIES = 7;

/** Integer threshold for probability p (see module comment). */
export function threshold(p: number): number {
  return p >= 1 ? TWO_POW_32 : Math.floor(p * TWO_POW_32);
}

/**
 * Metropolis on a lattice of Z neighbours a site (4 square, 6 cubic): flipping s with neighbour sum
 * n costs dE = 2 s (J n + h); accepted with min(1, exp(-beta dE)). 2 (Z + 1) entries, index
 * (s > 0 ? Z + 1 : 0) + (n + Z) / 2, n in {-Z, -Z + 2, ..., Z}.
 */
export function metropolisThresholds(beta: number, field: number, neighbours = 4): Float64Array {
  const table = new Float64Array(2 * (neighbours + 1));
  for (const s of [-1, 1]) {
    for (let n = -neighbours; n <= neighbours; n += 2) {
      const dE = 2 * s * (n + field);
      table[(s > 0 ? neighbours + 1 : 0) + (n + neighbours) / 2] = threshold(dE <= 0 ? 1 : Math.exp(-beta * dE));
    }
  }
  return table;
}

/**
 * Heat bath: the new spin is +1 with probability 1 / (1 + exp(-2 beta (J n + h))),
 * whatever the old spin. Z + 1 entries, index (n + Z) / 2.
 */
export function heatBathThresholds(beta: number, field: number, neighbours = 4): Float64Array {
  const table = new Float64Array(neighbours + 1);
  for (let n = -neighbours; n <= neighbours; n += 2) {
    table[(n + neighbours) / 2] = threshold(1 / (1 + Math.exp(-2 * beta * (n + field))));
  }
  return table;
}
