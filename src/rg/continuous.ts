/**
 * Block spins of the continuous-spin models (XY, clock, Heisenberg, O(2) phi^4) and their pyramid,
 * on the square (d = 2) or simple cubic (d = 3) lattice: blocks of b^d sites, level k of linear size
 * L_k = L / b^k, site (z L_k + y) L_k + x, blocks visited Z outer, Y, X inner, cells inside a
 * block likewise. The `majority` rule is the block-sum rule, the n-component form of the Ising
 * majority (sign of the block sum = the block sum over its length for n = 1):
 *
 * - XY, Heisenberg: S_B = sum_{i in B} s_i / |sum_{i in B} s_i|, a unit vector again (the block
 *   lattice is a configuration of the same model). A block sum of length below 1e-12 b^d (exact
 *   cancellation) is a tie: S_B is drawn from the RG stream (XY: angle 2 pi u; Heisenberg: z = 2 u_1 - 1,
 *   azimuth 2 pi u_2, sin and cos from src/detmath.ts), one tie counted.
 * - Clock: the clock state nearest to the direction of the block sum, k_B = argmax_j sum_{i in B}
 *   cos(2 pi (k_i - j) / q). Projected, not left continuous: the block lattice is again a q-state
 *   clock configuration, so the flow stays in the model's own configuration space (as the Ising and
 *   Potts majority rules do), the q-fold anisotropy that decides the low-temperature phase of q >= 5
 *   stays visible on every level, and q = 2 is exactly the Ising majority rule. States whose
 *   projections are equal within 1e-9 b^d are tied (exact ties: an angle of the sum halfway between
 *   two clock angles, or a zero sum); a tie among t states takes one draw r of the RG stream and
 *   picks the j-th largest tied state, j = floor(r t / 2^32), so that q = 2 is the Ising majority
 *   rule bit for bit, ties included (an Ising tie becomes +1, clock state 0, when r >>> 31 is 1).
 * - phi^4: the block average phi_B = b^-d sum_{i in B} phi_i (Kadanoff's linear block field; Wilson
 *   and Kogut, Phys. Rep. 12, 75 (1974), section 11): the field keeps its radial mode (the
 *   Mexican-hat potential of the block field flows), and no reported observable depends on the
 *   field normalisation (b^-d here; a rescaling b^((d - 2 + eta)/2) would change none of them).
 *   A linear rule leaves the magnetization per site, hence its Binder cumulant, the same on every
 *   level (exactly); the flow shows in the correlations and in the local shape of the block field.
 *   Normalising instead would map the field onto XY spins and discard the radial mode.
 *
 * `decimation` keeps the block's corner spin (bX, bY, bZ) for every model. Tie draws continue
 * one RG stream over the levels and over the samples of a run, as for the Ising model.
 */
import type { BlockRule } from '../backend/rg-types.js';
import { detCos, detSin } from '../detmath.js';
import { InvalidOptionError } from '../errors.js';
import { seedState, Xoshiro128 } from '../rng.js';
import type { Model } from '../vocabulary.js';
import { crossing } from '../models/xy/kernel.js';

/** The block options a pyramid needs (src/rg/blockspin.ts NormalizedBlockOptions, validated there). */
export interface PyramidShape {
  readonly blockSize: number;
  readonly dimension: 2 | 3;
  readonly levels: number;
  readonly rule: BlockRule;
  /** Linear size of every level, sizes[0] = L. */
  readonly sizes: readonly number[];
}

/** The models whose spins are vectors (block spins by normalised block sums, or block averages for phi^4). */
export type ContinuousModel = 'xy' | 'clock' | 'heisenberg' | 'phi4';
export const CONTINUOUS_MODELS: readonly ContinuousModel[] = ['xy', 'clock', 'heisenberg', 'phi4'];

export function isContinuous(model: Model): model is ContinuousModel {
  return (CONTINUOUS_MODELS as readonly Model[]).includes(model);
}

/** A block sum shorter than this times b^d is a zero sum (a tie). */
const ZERO_SUM = 1e-12;
/** Clock projections within this times b^d of the largest are tied. */
const CLOCK_TIE = 1e-9;
const TWO_PI = 2 * Math.PI;
const TWO_POW_M32 = 2 ** -32;

/** What a model's spins are: n components a site; the clock model's q and its (cos, sin) table. */
export interface VectorSpins {
  readonly model: ContinuousModel;
  readonly components: number;
  /** Clock: q (0 otherwise). */
  readonly q: number;
  /** Clock: (cos, sin)(2 pi j / q) at [2j, 2j + 1], as the clock kernels compute them (src/detmath.ts). */
  readonly table: Float64Array;
}

export function vectorSpins(model: ContinuousModel, q = 0): VectorSpins {
  const table = new Float64Array(model === 'clock' ? 2 * q : 0);
  for (let j = 0; j < table.length / 2; j++) {
    table[2 * j] = detCos((TWO_PI * j) / q);
    table[2 * j + 1] = detSin((TWO_PI * j) / q);
  }
  return { model, components: model === 'heisenberg' ? 3 : 2, q: model === 'clock' ? q : 0, table };
}

/** One level: the components of every site (n a site), and the clock states. */
export interface VectorLevel {
  readonly components: Float64Array;
  readonly states?: Uint8Array;
}

/** The level of a lattice as `spins()` returns it (clock states, or components). */
export function levelOf(spec: VectorSpins, spins: Float64Array | Uint8Array): VectorLevel {
  if (spec.model !== 'clock') return { components: Float64Array.from(spins) };
  const states = Uint8Array.from(spins);
  const components = new Float64Array(2 * states.length);
  for (let i = 0; i < states.length; i++) {
    components[2 * i] = spec.table[2 * states[i]];
    components[2 * i + 1] = spec.table[2 * states[i] + 1];
  }
  return { components, states };
}

/** Level k + 1 of `src` (linear size L), and the ties broken. */
export function coarsenVectors(
  spec: VectorSpins,
  src: VectorLevel,
  L: number,
  o: Pick<PyramidShape, 'blockSize' | 'dimension'>,
  rule: BlockRule,
  rng: Xoshiro128,
): { level: VectorLevel; ties: number } {
  const { blockSize: b, dimension: d } = o;
  const n = spec.components;
  const Lb = L / b;
  const depth = d === 3 ? Lb : 1;
  const cellDepth = d === 3 ? b : 1;
  const sites = Lb ** d;
  const out = new Float64Array(n * sites);
  const states = spec.model === 'clock' ? new Uint8Array(sites) : undefined;
  const cells = b ** d;
  const sum = new Float64Array(n);
  const counts = new Float64Array(spec.q);
  let ties = 0;
  for (let Z = 0, B = 0; Z < depth; Z++) {
    for (let Y = 0; Y < Lb; Y++) {
      for (let X = 0; X < Lb; X++, B++) {
        const corner = (Z * b * L + Y * b) * L + X * b;
        if (rule === 'decimation') {
          for (let a = 0; a < n; a++) out[n * B + a] = src.components[n * corner + a];
          if (states && src.states) states[B] = src.states[corner];
          continue;
        }
        sum.fill(0);
        if (states) counts.fill(0);
        for (let dz = 0; dz < cellDepth; dz++) {
          for (let dy = 0; dy < b; dy++) {
            for (let dx = 0; dx < b; dx++) {
              const i = corner + (dz * L + dy) * L + dx;
              for (let a = 0; a < n; a++) sum[a] += src.components[n * i + a];
              if (states && src.states) counts[src.states[i]]++;
            }
          }
        }
        if (states) {
          const k = nearestClockState(spec, counts, cells, rng);
          if (k.tied) ties++;
          states[B] = k.state;
          out[2 * B] = spec.table[2 * k.state];
          out[2 * B + 1] = spec.table[2 * k.state + 1];
        } else if (spec.model === 'phi4') {
          for (let a = 0; a < n; a++) out[n * B + a] = sum[a] / cells;
        } else {
          let length2 = 0;
          for (let a = 0; a < n; a++) length2 += sum[a] * sum[a];
          const length = Math.sqrt(length2);
          if (length > ZERO_SUM * cells) {
            for (let a = 0; a < n; a++) out[n * B + a] = sum[a] / length;
          } else {
            ties++;
            randomDirection(n, rng, out, n * B);
          }
        }
      }
    }
  }
  return { level: states ? { components: out, states } : { components: out }, ties };
}

/** The clock state nearest to the direction of the block sum with state counts `counts` (see the module comment). */
function nearestClockState(spec: VectorSpins, counts: Float64Array, cells: number, rng: Xoshiro128): { state: number; tied: boolean } {
  const q = spec.q;
  const projection = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    if (counts[k] === 0) continue;
    for (let j = 0; j < q; j++) projection[j] += counts[k] * spec.table[2 * ((k - j + q) % q)];
  }
  let best = -Infinity;
  for (let j = 0; j < q; j++) if (projection[j] > best) best = projection[j];
  const tied: number[] = [];
  for (let j = 0; j < q; j++) if (projection[j] >= best - CLOCK_TIE * cells) tied.push(j);
  if (tied.length === 1) return { state: tied[0], tied: false };
  return { state: tied[tied.length - 1 - Math.floor(rng.next() * tied.length * TWO_POW_M32)], tied: true };
}

/** A uniformly random unit vector of n = 2 or 3 components at out[at ..] from the RG stream. */
function randomDirection(n: number, rng: Xoshiro128, out: Float64Array, at: number): void {
  if (n === 2) {
    const angle = TWO_PI * rng.next() * TWO_POW_M32;
    out[at] = detCos(angle);
    out[at + 1] = detSin(angle);
    return;
  }
  const z = 2 * rng.next() * TWO_POW_M32 - 1;
  const azimuth = TWO_PI * rng.next() * TWO_POW_M32;
  const r = Math.sqrt(1 - z * z);
  out[at] = r * detCos(azimuth);
  out[at + 1] = r * detSin(azimuth);
  out[at + 2] = z;
}

/** The pyramid of `spins` (levels 0 .. K) and the ties broken, one RG stream from `rng`. */
export function vectorPyramid(spec: VectorSpins, spins: Float64Array | Uint8Array, o: PyramidShape, rng: Xoshiro128): { levels: VectorLevel[]; ties: number } {
  const levels = [levelOf(spec, spins)];
  let ties = 0;
  for (let k = 1; k <= o.levels; k++) {
    const next = coarsenVectors(spec, levels[k - 1], o.sizes[k - 1], o, o.rule, rng);
    ties += next.ties;
    levels.push(next.level);
  }
  return { levels, ties };
}

/** The lattices of a pyramid as `spins()` returns them: clock states, or components. */
export function pyramidLattices(levels: VectorLevel[]): (Float64Array | Uint8Array)[] {
  return levels.map((l) => l.states ?? l.components);
}

/**
 * Sums of one periodic level of linear size L (d = 2 or 3, n components a site):
 * M (n components), S2 = sum_i |S_i|^2, S4 = sum_i |S_i|^4, nn = sum over nearest-neighbour pairs
 * of S_i . S_j (d a site), nnn = sum over face-diagonal pairs (d (d - 1) a site: +x+y, +x-y, and in
 * 3D +y+z, +y-z, +z+x, +z-x), and for n = 2 the vortices: the plaquettes (xy; in 3D also yz and zx)
 * with a nonzero winding number w = (1 / 2 pi) sum of the angle differences along its edges wrapped
 * to (-pi, pi] (counted as in src/models/xy/kernel.ts, the clock model from its (cos, sin) table as
 * its kernel does, so that level 0 gives the simulation's own vortex density).
 */
export interface LevelSums {
  magnetization: Float64Array;
  s2: number;
  s4: number;
  nn: number;
  nnn: number;
  vortices: number;
}

export function levelSums(spec: VectorSpins, level: VectorLevel, L: number, d: 2 | 3): LevelSums {
  const n = spec.components;
  const c = level.components;
  const depth = d === 3 ? L : 1;
  const M = new Float64Array(n);
  let s2 = 0;
  let s4 = 0;
  let nn = 0;
  let nnn = 0;
  let vortices = 0;
  const dot = (i: number, j: number) => {
    let s = 0;
    for (let a = 0; a < n; a++) s += c[n * i + a] * c[n * j + a];
    return s;
  };
  const wind = (i: number, j: number, k: number, l: number) => {
    const arc = (a: number, b: number) => crossing(c[2 * a], c[2 * a + 1], c[2 * b], c[2 * b + 1]);
    return arc(i, j) + arc(j, k) + arc(k, l) + arc(l, i) !== 0;
  };
  for (let z = 0; z < depth; z++) {
    const zp = (z + 1) % L;
    const zm = (z + L - 1) % L;
    for (let y = 0; y < L; y++) {
      const yp = (y + 1) % L;
      const ym = (y + L - 1) % L;
      for (let x = 0; x < L; x++) {
        const xp = (x + 1) % L;
        const at = (zz: number, yy: number, xx: number) => (zz * L + yy) * L + xx;
        const i = at(z, y, x);
        let s = 0;
        for (let a = 0; a < n; a++) {
          M[a] += c[n * i + a];
          s += c[n * i + a] * c[n * i + a];
        }
        s2 += s;
        s4 += s * s;
        const ix = at(z, y, xp);
        const iy = at(z, yp, x);
        const ixy = at(z, yp, xp);
        nn += dot(i, ix) + dot(i, iy);
        nnn += dot(i, ixy) + dot(i, at(z, ym, xp));
        if (n === 2 && wind(i, ix, ixy, iy)) vortices++;
        if (d === 3) {
          const iz = at(zp, y, x);
          const iyz = at(zp, yp, x);
          const izx = at(zp, y, xp);
          nn += dot(i, iz);
          nnn += dot(i, iyz) + dot(i, at(zm, yp, x)) + dot(i, izx) + dot(i, at(zp, y, (x + L - 1) % L));
          if (n === 2 && wind(i, iy, iyz, iz)) vortices++;
          if (n === 2 && wind(i, iz, izx, ix)) vortices++;
        }
      }
    }
  }
  return { magnetization: M, s2, s4, nn, nnn, vortices };
}

/** The spins of a simulation as a pyramid's level 0 must be: checked against the model's shape. */
export function checkVectorSpins(spec: VectorSpins, spins: unknown, sites: number, field = 'spins'): Float64Array | Uint8Array {
  if (spec.model === 'clock') {
    if (!(spins instanceof Uint8Array) || spins.length !== sites || spins.some((s) => s >= spec.q)) {
      throw new InvalidOptionError(field, describe(spins), `a Uint8Array of ${sites} clock states, each 0 .. ${spec.q - 1}`);
    }
    return spins;
  }
  const n = spec.components;
  if (!(spins instanceof Float64Array) || spins.length !== n * sites || !spins.every(Number.isFinite)) {
    throw new InvalidOptionError(field, describe(spins), `a Float64Array of ${n * sites} finite components (${n} a site, ${sites} sites)`);
  }
  if (spec.model !== 'phi4') {
    for (let i = 0; i < sites; i++) {
      let s = 0;
      for (let a = 0; a < n; a++) s += spins[n * i + a] ** 2;
      if (Math.abs(s - 1) > 1e-9) throw new InvalidOptionError(field, `site ${i} of length ${Math.sqrt(s)}`, `unit vectors (${spec.model} spins)`);
    }
  }
  return spins;
}

function describe(value: unknown): unknown {
  return ArrayBuffer.isView(value) ? `${value.constructor.name} of length ${(value as Uint8Array).length}` : value;
}

/** The RG stream of a pyramid from seed `seed`. */
export function rgStream(seed: number): Xoshiro128 {
  return new Xoshiro128(seedState(seed));
}
