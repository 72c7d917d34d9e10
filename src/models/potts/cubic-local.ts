/**
 * Local updates (Metropolis and heat bath) of the q-state Potts model on the periodic simple cubic
 * lattice: the tables both twins install (built for Z = 6 by src/models/potts/kernel.ts) and the
 * JavaScript twin of assembly/potts-cubic.ts, whose header states the site order and the random-stream
 * contracts (Metropolis: two draws a site, U for the proposal and A for the acceptance; heat bath:
 * one draw a site). A seed gives the same lattice, records and generator state on both backends.
 *
 * Neighbour positions 0 .. 5: left (x - 1), right (x + 1), up (y - 1), down (y + 1), back (z - 1),
 * front (z + 1). Index of site (x, y, z): (z L + y) L + x.
 */
import { TWO_POW_32 } from '../../thresholds.js';
import type { Xoshiro128 } from '../../rng.js';
import { metropolisEntries, pottsHeatBathTables, pottsMetropolisThresholds, type HeatBathTables, type PottsAlgorithm } from './kernel.js';

/** Neighbours of a site on the simple cubic lattice. */
export const CUBIC_NEIGHBOURS = 6;
/** Metropolis thresholds for Z = 6: index (dc + 6) + 13 (dz + 1). Mirrors POTTS_CUBIC_METROPOLIS_ENTRIES of assembly/potts-cubic.ts. */
export const POTTS_CUBIC_METROPOLIS_ENTRIES = metropolisEntries(CUBIC_NEIGHBOURS);
/** Keys of the partition map, 2^15. Mirrors POTTS_CUBIC_PARTITION_KEYS. */
export const POTTS_CUBIC_PARTITION_KEYS = 1 << ((CUBIC_NEIGHBOURS * (CUBIC_NEIGHBOURS - 1)) / 2);
/** Heat-bath patterns: 203 partitions of 6 positions (Bell number B6) x 7 positions of state 0. Mirrors POTTS_CUBIC_HEATBATH_PATTERNS. */
export const POTTS_CUBIC_HEATBATH_PATTERNS = 203 * (CUBIC_NEIGHBOURS + 1);
/** Cumulative thresholds per pattern. Mirrors POTTS_CUBIC_HEATBATH_GROUPS. */
export const POTTS_CUBIC_HEATBATH_GROUPS = CUBIC_NEIGHBOURS + 1;
/** Bytes per pattern in the source table. Mirrors POTTS_CUBIC_SOURCE_STRIDE. */
export const POTTS_CUBIC_SOURCE_STRIDE = CUBIC_NEIGHBOURS + 4;

/** The tables of one (beta, h, q) on the cubic lattice. */
export interface PottsCubicTables {
  metropolis: Float64Array;
  heatBath: HeatBathTables;
}

/** The cubic tables for beta, field h and q states (computed once per setCouplings). */
export function pottsCubicTables(beta: number, field: number, q: number): PottsCubicTables {
  return { metropolis: pottsMetropolisThresholds(beta, field, CUBIC_NEIGHBOURS), heatBath: pottsHeatBathTables(beta, field, q, CUBIC_NEIGHBOURS) };
}

/** The lattice and counts a sweep updates (the JavaScript Potts kernel's own arrays). */
export interface CubicLattice {
  spins: Uint8Array;
  counts: Int32Array;
  size: number;
  q: number;
  rng: Xoshiro128;
}

/**
 * One Metropolis or heat-bath sweep of the cubic lattice (contract: assembly/potts-cubic.ts).
 * Returns [the new Nb, the number of sites changed].
 */
export function cubicLocalSweep(lattice: CubicLattice, tables: PottsCubicTables, algorithm: PottsAlgorithm, bonds: number): [number, number] {
  const { spins, counts, size, q, rng } = lattice;
  const plane = size * size;
  const last = size - 1;
  const metropolis = tables.metropolis;
  const { partitions, thresholds, sources } = tables.heatBath;
  const heatBath = algorithm === 'heat-bath';
  let b = bonds;
  let changed = 0;
  for (let colour = 0; colour < 2; colour++) {
    for (let z = 0; z < size; z++) {
      const base = z * plane;
      const back = (z === 0 ? last : z - 1) * plane;
      const front = (z === last ? 0 : z + 1) * plane;
      for (let y = 0; y < size; y++) {
        const yo = y * size;
        const row = base + yo;
        const up = base + (y === 0 ? last : y - 1) * size;
        const down = base + (y === last ? 0 : y + 1) * size;
        for (let x = (y + z + colour) & 1; x < size; x += 2) {
          const s = spins[row + x];
          const n0 = spins[row + (x === 0 ? last : x - 1)];
          const n1 = spins[row + (x === last ? 0 : x + 1)];
          const n2 = spins[up + x];
          const n3 = spins[down + x];
          const n4 = spins[back + yo + x];
          const n5 = spins[front + yo + x];
          let sn: number;
          if (!heatBath) {
            const u = rng.next();
            const a = rng.next();
            sn = s + 1 + Math.floor((u * (q - 1)) / TWO_POW_32);
            if (sn >= q) sn -= q;
            const dc =
              +(n0 === sn) +
              +(n1 === sn) +
              +(n2 === sn) +
              +(n3 === sn) +
              +(n4 === sn) +
              +(n5 === sn) -
              +(n0 === s) -
              +(n1 === s) -
              +(n2 === s) -
              +(n3 === s) -
              +(n4 === s) -
              +(n5 === s);
            const dz = +(sn === 0) - +(s === 0);
            if (a < metropolis[dc + 6 + 13 * (dz + 1)]) {
              spins[row + x] = sn;
              b += dc;
              counts[s]--;
              counts[sn]++;
              changed++;
            }
            continue;
          }
          const r = rng.next();
          const key =
            +(n0 === n1) |
            (+(n0 === n2) << 1) |
            (+(n1 === n2) << 2) |
            (+(n0 === n3) << 3) |
            (+(n1 === n3) << 4) |
            (+(n2 === n3) << 5) |
            (+(n0 === n4) << 6) |
            (+(n1 === n4) << 7) |
            (+(n2 === n4) << 8) |
            (+(n3 === n4) << 9) |
            (+(n0 === n5) << 10) |
            (+(n1 === n5) << 11) |
            (+(n2 === n5) << 12) |
            (+(n3 === n5) << 13) |
            (+(n4 === n5) << 14);
          const zeros = +(n0 === 0) | (+(n1 === 0) << 1) | (+(n2 === 0) << 2) | (+(n3 === 0) << 3) | (+(n4 === 0) << 4) | (+(n5 === 0) << 5) | 64;
          const zero = 31 - Math.clz32(zeros & -zeros);
          const pattern = partitions[key] * 7 + zero;
          const at = pattern * 7;
          let g = 0;
          for (let k = 0; k < 7; k++) g += +(thresholds[at + k] <= r);
          const src = sources[pattern * 10 + g];
          if (src === 0) sn = n0;
          else if (src === 1) sn = n1;
          else if (src === 2) sn = n2;
          else if (src === 3) sn = n3;
          else if (src === 4) sn = n4;
          else if (src === 5) sn = n5;
          else if (src === 6) sn = 0;
          else {
            // the j-th smallest state that is neither 0 nor a neighbour's (first occurrences only)
            const groups = sources[pattern * 10 + 8];
            const t = thresholds[at + groups - 1];
            const j = Math.floor(((r - t) * (q - groups)) / (TWO_POW_32 - t));
            const f1 = (key & 1) === 0,
              f2 = (key & 6) === 0,
              f3 = (key & 56) === 0,
              f4 = (key & 0x3c0) === 0,
              f5 = (key & 0x7c00) === 0;
            sn = j + 1;
            for (;;) {
              const below =
                +(n0 !== 0 && n0 <= sn) +
                +(f1 && n1 !== 0 && n1 <= sn) +
                +(f2 && n2 !== 0 && n2 <= sn) +
                +(f3 && n3 !== 0 && n3 <= sn) +
                +(f4 && n4 !== 0 && n4 <= sn) +
                +(f5 && n5 !== 0 && n5 <= sn);
              if (j + 1 + below === sn) break;
              sn = j + 1 + below;
            }
          }
          if (sn !== s) {
            spins[row + x] = sn;
            b +=
              +(n0 === sn) +
              +(n1 === sn) +
              +(n2 === sn) +
              +(n3 === sn) +
              +(n4 === sn) +
              +(n5 === sn) -
              +(n0 === s) -
              +(n1 === s) -
              +(n2 === s) -
              +(n3 === s) -
              +(n4 === s) -
              +(n5 === s);
            counts[s]--;
            counts[sn]++;
            changed++;
          }
        }
      }
    }
  }
  return [b, changed];
}
