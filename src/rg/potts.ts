/**
 * Block spins of the q-state Potts model: the majority state of every b x b block (ties broken by
 * the RG stream, assembly/potts.ts and its JavaScript twin), and the raw measurements of an RG run
 * in the layout of src/rg/sample.ts, so that the flow and the pattern entropy are analysed as for
 * the Ising model. With e_s the simplex vectors of the states (e_a . e_b = (q delta_ab - 1) / (q - 1)),
 * the operators of level k (N_k block spins) are
 *
 *   0 nn          sum over nearest-neighbour pairs of e_i . e_j       (flow: <e_i . e_j>, the Ising <s_i s_j> at q = 2)
 *   1 nnn         sum over diagonal pairs of e_i . e_j
 *   2 plaquette   sum over plaquettes of (q delta(all four equal) - 1) / (q - 1)   (1 ordered, 1/(1-q) ... random)
 *   3 nn3         sum over pairs two steps apart of e_i . e_j
 *   4 |M|         the length of M = sum_i e_i                          (flow: <m>, <m^2>, <m^4>, U4)
 *   5, 6          0 (the Ising odd operators of MCRG: MCRG is not run for Potts)
 *
 * and the pattern entropy counts the q^(b^2) configurations of the blocks of each level.
 *
 * On the simple cubic lattice (b x b x b blocks) the sums run as for the Ising operators there: nn
 * over the 3 axes, nnn over the 6 face diagonals, plaquette over the xy, yz and zx plaquettes, nn3
 * over the 4 body diagonals (third neighbours), and the pattern entropy counts q^(b^3) configurations.
 */
import { RG_OPERATORS } from '../backend/rg-types.js';
import type { Simulation } from '../simulation.js';
import type { Model } from '../vocabulary.js';
import { POTTS_MAX_PATTERNS } from '../models/potts/kernel.js';
import { pottsBlockKernel, type NormalizedBlockOptions } from './blockspin.js';
import { collectRg, type RgSamples, type SampleOptions } from './sample.js';

/** Operator sums of one periodic L x L x L level of states (see the module comment). */
function pottsOperators3(states: Uint8Array, L: number, q: number, out: Float64Array, at: number): void {
  let nn = 0;
  let nnn = 0;
  let plaquette = 0;
  let nn3 = 0;
  const counts = new Float64Array(q);
  const site = (x: number, y: number, z: number) => states[((z % L) * L + (y % L)) * L + (x % L)];
  for (let z = 0; z < L; z++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const [xp, yp, zp, ym, zm] = [x + 1, y + 1, z + 1, y + L - 1, z + L - 1];
        const s = states[(z * L + y) * L + x];
        counts[s]++;
        const sx = site(xp, y, z);
        const sy = site(x, yp, z);
        const sz = site(x, y, zp);
        const sxy = site(xp, yp, z);
        const syz = site(x, yp, zp);
        const szx = site(xp, y, zp);
        nn += +(s === sx) + +(s === sy) + +(s === sz);
        nnn += +(s === sxy) + +(s === site(xp, ym, z)) + +(s === syz) + +(s === site(x, yp, zm)) + +(s === szx) + +(s === site(x + L - 1, y, zp));
        nn3 += +(s === site(xp, yp, zp)) + +(s === site(xp, yp, zm)) + +(s === site(xp, ym, zp)) + +(s === site(xp, ym, zm));
        plaquette += +(s === sx && s === sy && s === sxy) + +(s === sy && s === sz && s === syz) + +(s === sz && s === sx && s === szx);
      }
    }
  }
  const N = L * L * L;
  let squares = 0;
  for (let k = 0; k < q; k++) squares += counts[k] * counts[k];
  const simplex = (equal: number, pairs: number) => (q * equal - pairs) / (q - 1);
  out[at] = simplex(nn, 3 * N);
  out[at + 1] = simplex(nnn, 6 * N);
  out[at + 2] = simplex(plaquette, 3 * N);
  out[at + 3] = simplex(nn3, 4 * N);
  out[at + 4] = Math.sqrt(Math.max(0, (q * squares - N * N) / (q - 1)));
  out[at + 5] = 0;
  out[at + 6] = 0;
}

/** Operator sums of one periodic L x L level of states (L x L x L with `dimension` 3; see the module comment). */
export function pottsOperators(states: Uint8Array, size: number, q: number, out: Float64Array, at: number, dimension: 2 | 3 = 2): void {
  if (dimension === 3) return pottsOperators3(states, size, q, out, at);
  const L = size;
  let nn = 0;
  let nnn = 0;
  let plaquette = 0;
  let nn3 = 0;
  const counts = new Float64Array(q);
  for (let y = 0; y < L; y++) {
    const row = y * L;
    const down = ((y + 1) % L) * L;
    const down2 = ((y + 2) % L) * L;
    for (let x = 0; x < L; x++) {
      const right = (x + 1) % L;
      const left = (x + L - 1) % L;
      const right2 = (x + 2) % L;
      const s = states[row + x];
      counts[s]++;
      const r = states[row + right];
      const d = states[down + x];
      nn += +(s === r) + +(s === d);
      nnn += +(s === states[down + right]) + +(s === states[down + left]);
      nn3 += +(s === states[row + right2]) + +(s === states[down2 + x]);
      plaquette += +(s === r && s === d && s === states[down + right]);
    }
  }
  const N = L * L;
  let squares = 0;
  for (let k = 0; k < q; k++) squares += counts[k] * counts[k];
  const simplex = (equal: number, pairs: number) => (q * equal - pairs) / (q - 1);
  out[at] = simplex(nn, 2 * N);
  out[at + 1] = simplex(nnn, 2 * N);
  out[at + 2] = simplex(plaquette, N);
  out[at + 3] = simplex(nn3, 2 * N);
  out[at + 4] = Math.sqrt(Math.max(0, (q * squares - N * N) / (q - 1)));
  out[at + 5] = 0;
  out[at + 6] = 0;
}

/** Runs a Potts simulation and records the block-level measurements (the layout of {@link RgSamples}). */
export function sampleRgPotts(sim: Simulation<Model>, block: NormalizedBlockOptions, options: SampleOptions): RgSamples {
  const q = sim.options.q as number;
  const perLevel = q ** (block.blockSize ** block.dimension);
  const withPatterns = options.patterns && perLevel <= POTTS_MAX_PATTERNS;
  const { blocks } = pottsBlockKernel(sim, block, withPatterns, 'rgFlow');
  return collectRg(
    sim,
    block,
    options,
    {
      build: (rule) => blocks.build(rule),
      measure(out, at) {
        for (let k = 0; k <= block.levels; k++) pottsOperators(blocks.readLevel(k), block.sizes[k], q, out, at + k * RG_OPERATORS, block.dimension);
      },
      readPatterns: (out) => blocks.readPatterns(out),
      getRngState: () => blocks.getRngState(),
    },
    withPatterns ? perLevel : 0,
  );
}
