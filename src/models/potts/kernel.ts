/**
 * The q-state Potts kernels: their contract ({@link PottsKernel}), implemented by the WebAssembly
 * core (assembly/potts.ts, through src/models/potts/kernel-wasm.ts) and by its bit-identical
 * JavaScript twin (src/models/potts/kernel-js.ts), and the tables both install.
 *
 *   H = -J sum_<ij> delta(s_i, s_j) - h sum_i delta(s_i, 0),   s_i in {0 .. q-1},  J = k_B = 1,
 *
 * on a periodic L x L square lattice, one byte a site, row-major (index y * L + x). Every table a
 * kernel uses is computed here, once, in TypeScript, and installed verbatim in both twins: the
 * kernels compare 32-bit random integers with integer thresholds (the convention of
 * src/thresholds.ts) and do no floating-point arithmetic in their updates.
 *
 * The tables are written for a lattice of coordination number Z (Z = 4 here; the cubic local
 * kernels build them with Z = 6: src/models/potts/cubic-local.ts): the kernels gather the Z
 * neighbour states of a site, and the tables turn them into decisions.
 */
import type { Lattice } from '../../vocabulary.js';
import { InvalidOptionError } from '../../errors.js';
import { checkSize } from '../../validate.js';
import { threshold, TWO_POW_32 } from '../../thresholds.js';

/** Smallest and largest number of states (one byte a site). */
export const POTTS_MIN_Q = 2;
export const POTTS_MAX_Q = 256;
/** Neighbours of a site on the square lattice. */
export const SQUARE_NEIGHBOURS = 4;
/** Metropolis thresholds for Z = 4: index (dc + 4) + 9 (dz + 1). Mirrors POTTS_METROPOLIS_ENTRIES of assembly/potts.ts. */
export const POTTS_METROPOLIS_ENTRIES = metropolisEntries(SQUARE_NEIGHBOURS);
/** Set partitions of the 4 neighbour positions (Bell number B4). Mirrors POTTS_PARTITIONS. */
export const POTTS_PARTITIONS = 15;
/** Heat-bath patterns for Z = 4: partition x (position of state 0 among the neighbours, or none). Mirrors POTTS_HEATBATH_PATTERNS. */
export const POTTS_HEATBATH_PATTERNS = POTTS_PARTITIONS * (SQUARE_NEIGHBOURS + 1);
/** Cumulative thresholds per heat-bath pattern (at most Z neighbour groups and state 0). Mirrors POTTS_HEATBATH_GROUPS. */
export const POTTS_HEATBATH_GROUPS = SQUARE_NEIGHBOURS + 1;
/** Bytes per heat-bath pattern in the source table. Mirrors POTTS_SOURCE_STRIDE. */
export const POTTS_SOURCE_STRIDE = SQUARE_NEIGHBOURS + 4;
/** Keys of the partition map: one bit per pair of neighbour positions, 2^(Z (Z - 1) / 2). Mirrors POTTS_PARTITION_KEYS. */
export const POTTS_PARTITION_KEYS = 1 << ((SQUARE_NEIGHBOURS * (SQUARE_NEIGHBOURS - 1)) / 2);
/** Most pattern counts kept per RG level (q^(b^2) configurations of a b x b block). Mirrors POTTS_MAX_PATTERNS. */
export const POTTS_MAX_PATTERNS = 65536;

export type PottsAlgorithm = 'metropolis' | 'heat-bath';
export type PottsBlockRule = 'majority' | 'decimation';

/** Integers in one per-step record: [Nb, n_0, ..., n_{q-1}]. */
export function pottsRecordWidth(q: number): number {
  return q + 1;
}

/**
 * Integers in one correlation sample for linear size L:
 *   [0 .. L/2]                   C(r) = sum_i [delta(s_i, s_{i + r x}) + delta(s_i, s_{i + r y})], r = 0 .. L/2
 *   [L/2 + 1 + y q + k]          n_k(y), the number of sites of row y in state k (y = 0 .. L-1)
 *   [L/2 + 1 + L q + x q + k]    n_k(x), the number of sites of column x in state k (x = 0 .. L-1)
 */
export function pottsCorrelationValues(size: number, q: number): number {
  return (size >> 1) + 1 + 2 * size * q;
}

/**
 * The kernel contract. A kernel owns the lattice, its random stream (xoshiro128**, src/rng.ts) and
 * two exact running counts, kept up to date by every update: Nb, the number of equal-neighbour
 * bonds (sum over the 2N bonds of delta(s_i, s_j)), and n_k, the number of sites in state k.
 * The energy is E = -Nb - h n_0. The stream contracts are written in the header of assembly/potts.ts.
 */
export interface PottsKernel {
  readonly backend: 'wasm' | 'js';
  /** Linear size L. */
  readonly size: number;
  /** The lattice (src/lattice.ts): square, or cubic (local updates: assembly/potts-cubic.ts). */
  readonly lattice: Lattice;
  /** Number of states q. */
  readonly q: number;
  /** Nb, the number of equal-neighbour bonds of the current lattice (exact). */
  readonly bondCount: number;
  /** Generator state, 4 unsigned 32-bit words (a copy). */
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  /** Next raw generator output (advances the stream). */
  nextU32(): number;
  /**
   * Cold start: every site in state 0. Hot start: one generator draw r per site in row-major order,
   * state = high word of r * q (floor(r q / 2^32)).
   */
  fill(start: 'hot' | 'cold'): void;
  /** A copy of the lattice, row-major, each 0 .. q-1. */
  readSpins(): Uint8Array;
  /** Replaces the lattice (length L*L, each 0 .. q-1: InvalidOptionError otherwise) and recounts Nb and n_k. */
  writeSpins(states: Uint8Array): void;
  /** Installs beta = 1/T and the field h: the tables of {@link pottsTables}, computed once here (a new kernel has beta = 0, h = 0). */
  setCouplings(beta: number, field: number): void;
  /**
   * Runs `sweeps` sweeps. With `out` (length >= (q + 1) * sweeps) writes the record
   * [Nb, n_0, ..., n_{q-1}] after every sweep at out[(q + 1) k ...]. Returns the number of sites that changed.
   */
  sweep(algorithm: PottsAlgorithm, sweeps: number, out?: Int32Array): number;
  /** Writes the current record [Nb, n_0, ..., n_{q-1}] into out[0 .. q]. */
  record(out: Int32Array): void;
  /** Writes one correlation sample (layout and length: {@link pottsCorrelationValues}) into `out`. */
  correlations(out: Int32Array): void;
  /** Block spins (real-space RG) over this lattice. */
  blockSpins(): PottsBlockSpinKernel;
  /** Releases memory; the kernel is unusable afterwards. */
  dispose(): void;
}

/**
 * Block spins of a Potts lattice: a pyramid of levels 1..K, each a periodic byte lattice of states,
 * level k made of the b x b blocks of level k - 1 (the order of blocks and tie draws: the header of
 * assembly/potts.ts). The RG stream is its own xoshiro128** state, never the simulation's.
 */
export interface PottsBlockSpinKernel {
  readonly backend: 'wasm' | 'js';
  /**
   * Prepares `levels` levels of b x b blocks (the caller has checked that b^levels divides L).
   * With `patterns`, counts the block configurations of levels 0..K-1 when q^(b^2) <= POTTS_MAX_PATTERNS.
   */
  configure(blockSize: number, levels: number, patterns: boolean): void;
  /** Pattern counts per level of the current configuration (q^(b^2)), 0 when not counted. */
  readonly patternCount: number;
  /** RG stream state, 4 unsigned 32-bit words (a copy). */
  getRngState(): Uint32Array;
  setRngState(state: Uint32Array): void;
  /** Builds levels 1..K from the lattice; returns the number of majority ties broken (one RG draw each). */
  build(rule: PottsBlockRule): number;
  /** A copy of level k (0 = the lattice itself), row-major, each 0 .. q-1. */
  readLevel(level: number): Uint8Array;
  /**
   * The configuration counts of the b x b blocks of levels 0..K-1 from the last build:
   * out[k * patternCount + code], code = sum over the block's cells of s q^(dy b + dx).
   */
  readPatterns(out: Uint32Array): void;
}

/** Number of Metropolis table entries for coordination number Z: (2Z + 1) values of dc times 3 of dz. */
export function metropolisEntries(neighbours: number): number {
  return 3 * (2 * neighbours + 1);
}

/** Index of the Metropolis threshold for dc = c(s') - c(s) and dz = delta(s', 0) - delta(s, 0). */
export function metropolisIndex(dc: number, dz: number, neighbours = SQUARE_NEIGHBOURS): number {
  return dc + neighbours + (2 * neighbours + 1) * (dz + 1);
}

/**
 * Metropolis: moving a site from s to s' (c(k) = its neighbours in state k) changes the energy by
 * dE = -(c(s') - c(s)) - h (delta(s', 0) - delta(s, 0)); the move is accepted with
 * min(1, exp(-beta dE)), i.e. when a uniform 32-bit r < threshold (src/thresholds.ts).
 */
export function pottsMetropolisThresholds(beta: number, field: number, neighbours = SQUARE_NEIGHBOURS): Float64Array {
  const table = new Float64Array(metropolisEntries(neighbours));
  for (let dz = -1; dz <= 1; dz++) {
    for (let dc = -neighbours; dc <= neighbours; dc++) {
      const dE = -dc - field * dz;
      table[metropolisIndex(dc, dz, neighbours)] = threshold(dE <= 0 ? 1 : Math.exp(-beta * dE));
    }
  }
  return table;
}

/** One set partition of the Z neighbour positions: groups in order of first appearance. */
export interface NeighbourPartition {
  /** Group of each position (a restricted growth string: labels[0] = 0, labels[i] <= max(labels[<i]) + 1). */
  labels: number[];
  /** Number of positions in each group. */
  counts: number[];
  /** First position of each group. */
  first: number[];
}

/** Bit of the pair (i, j), i < j, in a partition key: pairs in the order (0,1), (0,2), (1,2), (0,3), (1,3), (2,3), ... */
export function pairBit(i: number, j: number): number {
  return (j * (j - 1)) / 2 + i;
}

/** Every set partition of `neighbours` positions, in the order of their restricted growth strings. */
export function neighbourPartitions(neighbours: number): NeighbourPartition[] {
  const out: NeighbourPartition[] = [];
  const grow = (labels: number[]): void => {
    if (labels.length === neighbours) {
      const groups = Math.max(...labels) + 1;
      const counts = Array.from({ length: groups }, (_, g) => labels.filter((l) => l === g).length);
      const first = Array.from({ length: groups }, (_, g) => labels.indexOf(g));
      out.push({ labels: [...labels], counts, first });
      return;
    }
    const top = Math.max(...labels);
    for (let l = 0; l <= top + 1; l++) grow([...labels, l]);
  };
  grow([0]);
  return out;
}

/** The partition key of neighbour states n: bit pairBit(i, j) set when n[i] = n[j]. */
export function partitionKey(n: ArrayLike<number>): number {
  let key = 0;
  for (let j = 1; j < n.length; j++) for (let i = 0; i < j; i++) if (n[i] === n[j]) key |= 1 << pairBit(i, j);
  return key;
}

/** The heat-bath tables (see {@link pottsHeatBathTables}). */
export interface HeatBathTables {
  /** Partition key (equal pairs of neighbours) -> partition index; keys no configuration has map to 0. */
  partitions: Uint8Array;
  /** Cumulative thresholds, POTTS_HEATBATH_GROUPS per pattern (pattern = partition (Z + 1) + z). */
  thresholds: Float64Array;
  /**
   * POTTS_SOURCE_STRIDE bytes per pattern: bytes 0 .. Z + 1 give, for the number g of thresholds
   * <= r, where the new state comes from (0 .. Z-1: that neighbour's state; Z: state 0; Z + 1: the
   * rest); byte Z + 2 is G, the number of groups (neighbour groups, then state 0 if no neighbour has it).
   */
  sources: Uint8Array;
}

/**
 * Heat bath: the new state is k with probability proportional to exp(beta (c(k) + h delta(k, 0))),
 * whatever the old state. Only the states of the neighbour groups and state 0 differ from weight 1,
 * so a pattern — which neighbours are equal (the partition of the Z positions) and which group, if
 * any, is state 0 (z = the first neighbour position in state 0, or Z for none) — fixes the
 * probabilities: groups in order of first appearance among the neighbours, then state 0 when no
 * neighbour has it (G groups in all), then the m = q - G other states, each with weight 1.
 * thresholds[p * (Z + 1) + g] = threshold(P(groups 0 .. g)) for g < G (2^32 for the last when m = 0),
 * 2^32 for g >= G. A uniform 32-bit r picks g = the number of thresholds <= r.
 */
export function pottsHeatBathTables(beta: number, field: number, q: number, neighbours = SQUARE_NEIGHBOURS): HeatBathTables {
  const parts = neighbourPartitions(neighbours);
  const zeros = neighbours + 1;
  const groups = neighbours + 1;
  const stride = neighbours + 4;
  const partitions = new Uint8Array(1 << ((neighbours * (neighbours - 1)) / 2));
  const thresholds = new Float64Array(parts.length * zeros * groups);
  const sources = new Uint8Array(parts.length * zeros * stride);
  parts.forEach((part, index) => {
    let key = 0;
    for (let j = 1; j < neighbours; j++) for (let i = 0; i < j; i++) if (part.labels[i] === part.labels[j]) key |= 1 << pairBit(i, j);
    partitions[key] = index;
    for (let z = 0; z < zeros; z++) {
      const pattern = index * zeros + z;
      // log-weights of the groups: neighbour groups, then state 0 when no neighbour has it
      const zeroGroup = z < neighbours ? part.labels[z] : -1;
      const logWeights = part.counts.map((c, g) => beta * (c + (g === zeroGroup ? field : 0)));
      const source = [...part.first];
      if (z === neighbours) {
        logWeights.push(beta * field);
        source.push(neighbours);
      }
      const G = logWeights.length;
      const rest = Math.max(0, q - G);
      const top = Math.max(...logWeights, rest > 0 ? 0 : -Infinity);
      const weights = logWeights.map((a) => Math.exp(a - top));
      const total = weights.reduce((a, b) => a + b, 0) + rest * Math.exp(-top);
      let cumulative = 0;
      for (let g = 0; g < groups; g++) {
        let t = TWO_POW_32;
        if (g < G) {
          cumulative += weights[g];
          t = g === G - 1 && rest === 0 ? TWO_POW_32 : threshold(cumulative / total);
        }
        thresholds[pattern * groups + g] = t;
      }
      const at = pattern * stride;
      for (let g = 0; g <= groups; g++) sources[at + g] = g < G ? source[g] : neighbours + 1;
      sources[at + groups + 1] = G;
    }
  });
  return { partitions, thresholds, sources };
}

/** Every table of one (beta, h, q): what setCouplings installs in both twins. */
export interface PottsTables {
  metropolis: Float64Array;
  heatBath: HeatBathTables;
}

/** The tables for beta, field h and q states on the square lattice (computed once per setCouplings). */
export function pottsTables(beta: number, field: number, q: number): PottsTables {
  return { metropolis: pottsMetropolisThresholds(beta, field), heatBath: pottsHeatBathTables(beta, field, q) };
}

/** Throws InvalidOptionError unless q is an integer from 2 to 256. */
export function checkQ(q: unknown): number {
  if (typeof q !== 'number' || !Number.isInteger(q) || q < POTTS_MIN_Q || q > POTTS_MAX_Q) {
    throw new InvalidOptionError('q', q, `an integer from ${POTTS_MIN_Q} to ${POTTS_MAX_Q} (states of the Potts model, one byte a site)`);
  }
  return q;
}

/** Throws InvalidOptionError unless L is an even integer within the byte lattice's limits (src/options.ts). */
export function checkPottsSize(size: unknown): number {
  return checkSize(size);
}

/** Throws InvalidOptionError unless `states` is a Uint8Array of `sites` values, each below q. */
export function checkStates(states: unknown, sites: number, q: number): Uint8Array {
  if (!(states instanceof Uint8Array) || states.length !== sites) {
    throw new InvalidOptionError(
      'spins',
      states instanceof Uint8Array ? `Uint8Array of length ${states.length}` : states,
      `a Uint8Array of ${sites} states, each 0 .. ${q - 1}`,
    );
  }
  for (let i = 0; i < states.length; i++) {
    if (states[i] >= q) throw new InvalidOptionError('spins', `state ${states[i]} at site ${i}`, `a Uint8Array of ${sites} states, each 0 .. ${q - 1}`);
  }
  return states;
}

/** Whether block size b and q give countable patterns (q^(b^2) <= POTTS_MAX_PATTERNS). */
export function pottsPatternCount(q: number, blockSize: number): number {
  const n = q ** (blockSize * blockSize);
  return n <= POTTS_MAX_PATTERNS ? n : 0;
}
