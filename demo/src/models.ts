/**
 * The models of the laboratory, data-driven: one {@link LabModelSpec} per model says what the page
 * needs beyond the library's own definition (src/models/<name>: algorithms, lattices, T_c, record
 * layout): the picker's label, whether it takes q, how its lattice is drawn, its temperature range
 * and sizes, and how a per-step record becomes the order-parameter vector of the free-energy
 * landscape. A model appears in the picker when the library has it (`MODELS`), so a new model drops
 * in with one entry here. Pure: no DOM, no workers.
 *
 * Adding a model: an entry here (phi^4, the O(2) field, took one: `picture: 'field'`, hue for the
 * phase and lightness for |phi|, spins() a Float64Array of the two components per site, and
 * `landscape` reading (M_x, M_y) / N from its record).
 */
import { CRITICAL_TEMPERATURE, MODELS, modelDefinition, type Algorithm, type Lattice, type Model } from 'criticality';

/**
 * How a lattice is drawn (demo/src/lattice-image.ts):
 * - `spins`: +1 / -1, light and dark (Ising);
 * - `states`: q colours (Potts);
 * - `angle`: a hue wheel of the angle, vortices (+) and antivortices (-) marked (XY: unit vectors; clock: states 0 .. q-1);
 * - `vector3`: hue for the in-plane angle, lightness for S^z (Heisenberg);
 * - `field`: hue for the phase, lightness for |phi| (an O(2) field such as phi^4).
 */
export type PictureKind = 'spins' | 'states' | 'angle' | 'vector3' | 'field';

/** What `spins()` returns for a model (the view worker decodes it). */
export type SpinFormat = 'int8' | 'uint8' | 'float64x2' | 'float64x3';

export interface LabModelSpec {
  /** The library's model name. */
  name: Model;
  /** The picker's text. */
  label: string;
  /** The number of states q, where the model takes it (range offered and default). */
  q?: { min: number; max: number; default: number; what: string };
  picture: PictureKind;
  spins: SpinFormat;
  /** Temperature range of the controls. */
  temperature: { min: number; max: number };
  /** Sizes offered per lattice, and the default. */
  sizes: Readonly<Record<Lattice, readonly number[]>>;
  defaultSize: Readonly<Record<Lattice, number>>;
  /** Components of the order parameter per site: 1 (Ising m), 2 (a planar vector), 3 (Heisenberg). */
  components: 1 | 2 | 3;
  /** Writes the order parameter per site of the record at `offset` (N sites) into `out` (`components` values). */
  landscape(records: ArrayLike<number>, offset: number, sites: number, q: number, out: Float64Array): void;
  /** One sentence for the lead of the page. */
  lead: string;
  /** Temperature for "below T_c" views when the model has no T_c (NaN from the library). */
  fallbackTemperature?: number;
}

/** Sizes of the 2D lattices with one bit a site (Ising), one byte a site (Potts, clock), and continuous spins (16 bytes a site or more). */
const SQUARE_ALL = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096] as const;
const SQUARE_BYTES = [16, 32, 64, 128, 256, 512, 1024] as const;
const SQUARE_VECTORS = [16, 32, 64, 128, 256] as const;
/** Cubic lattices: L^3 sites (64^3 = 262144, as many as 512^2); continuous spins up to 32^3 (24 bytes a site cross to the view). */
const CUBIC = [8, 16, 32, 64] as const;
const CUBIC_VECTORS = [8, 16, 32] as const;

/** A planar vector (M_x, M_y) / N from a continuous-spin record [B_x, B_y, M_x, M_y, ...]. */
function planar(records: ArrayLike<number>, offset: number, sites: number, _q: number, out: Float64Array): void {
  out[0] = records[offset + 2] / sites;
  out[1] = records[offset + 3] / sites;
}

export const LAB_MODEL_SPECS: readonly LabModelSpec[] = [
  {
    name: 'ising',
    label: 'Ising (up / down)',
    picture: 'spins',
    spins: 'int8',
    temperature: { min: 0.5, max: 5 },
    sizes: { square: SQUARE_ALL, cubic: CUBIC },
    defaultSize: { square: 128, cubic: 32 },
    components: 1,
    landscape(records, offset, sites, _q, out) {
      out[0] = records[offset + 1] / sites;
    },
    lead: 'A magnet of spins, each up or down, nudging its neighbours to agree; heat fights that order.',
  },
  {
    name: 'potts',
    label: 'Potts (q states)',
    q: { min: 2, max: 20, default: 10, what: 'the number of Potts states' },
    picture: 'states',
    spins: 'uint8',
    temperature: { min: 0.25, max: 2.5 },
    sizes: { square: SQUARE_BYTES, cubic: CUBIC },
    defaultSize: { square: 128, cubic: 32 },
    components: 2,
    // M = sum_k n_k (cos 2 pi k / q, sin 2 pi k / q) / N: the q ordered states at the q corners of the unit circle
    landscape(records, offset, sites, q, out) {
      let x = 0;
      let y = 0;
      for (let k = 0; k < q; k++) {
        const n = records[offset + 1 + k];
        x += n * Math.cos((2 * Math.PI * k) / q);
        y += n * Math.sin((2 * Math.PI * k) / q);
      }
      out[0] = x / sites;
      out[1] = y / sites;
    },
    lead: 'Each site takes one of q colours and is happy next to its own colour: for q > 4 order appears suddenly, with a latent heat, as water freezes.',
  },
  {
    name: 'clock',
    label: 'Clock (q angles)',
    q: { min: 2, max: 20, default: 6, what: 'the number of clock angles' },
    picture: 'angle',
    spins: 'uint8',
    // up to 6: above the cubic q = 2 transition (the 3D Ising T_c = 4.51)
    temperature: { min: 0.2, max: 6 },
    sizes: { square: SQUARE_BYTES, cubic: CUBIC },
    defaultSize: { square: 64, cubic: 32 },
    components: 2,
    landscape: planar,
    lead: 'Arrows in the plane that may point at q angles only: q wells of the free energy at low T, and for q ≥ 5 a ring between two transitions.',
  },
  {
    name: 'xy',
    label: 'XY (planar arrows)',
    picture: 'angle',
    spins: 'float64x2',
    // up to 3: above the cubic transition (T_c = 2.2018) as well as the 2D one
    temperature: { min: 0.2, max: 3 },
    sizes: { square: SQUARE_VECTORS, cubic: CUBIC_VECTORS },
    defaultSize: { square: 64, cubic: 16 },
    components: 2,
    landscape: planar,
    lead: 'Arrows free to turn in the plane: the free energy is a Mexican hat, and vortices bind in pairs below the Kosterlitz-Thouless temperature (2D); on the cubic lattice true order, and vortex lines.',
  },
  {
    name: 'heisenberg',
    label: 'Heisenberg (arrows in 3D)',
    picture: 'vector3',
    spins: 'float64x3',
    temperature: { min: 0.1, max: 3 },
    sizes: { square: SQUARE_VECTORS, cubic: CUBIC_VECTORS },
    defaultSize: { square: 64, cubic: 16 },
    components: 3,
    landscape(records, offset, sites, _q, out) {
      out[0] = records[offset + 2] / sites;
      out[1] = records[offset + 3] / sites;
      out[2] = records[offset + 4] / sites;
    },
    lead: 'Arrows free to turn in space: in 2D no order at any T > 0 (Mermin-Wagner), only ever larger correlated regions as T falls; on the cubic lattice a true transition.',
  },
  {
    name: 'phi4',
    label: 'φ⁴ (O(2) field)',
    picture: 'field',
    spins: 'float64x2',
    temperature: { min: 0.5, max: 4 },
    sizes: { square: SQUARE_VECTORS, cubic: CUBIC_VECTORS },
    defaultSize: { square: 64, cubic: 16 },
    components: 2,
    landscape: planar,
    lead: 'A two-component field whose local potential is itself a Mexican hat: the arrows may stretch and shrink, and the hat of the whole lattice emerges from it.',
    // no critical coupling is known on the square lattice at lambda = 2.1: T = 1 / beta = 1.5 (beta = 0.67), near its BKT range
    fallbackTemperature: 1.5,
  },
];

/** The models of the laboratory: those the library runs, in the order of the picker. */
export const LAB_MODELS: readonly Model[] = LAB_MODEL_SPECS.filter((s) => (MODELS as readonly string[]).includes(s.name)).map((s) => s.name);
export type LabModel = Model;

/** The spec of a model of the laboratory. */
export function specOf(model: Model): LabModelSpec {
  const spec = LAB_MODEL_SPECS.find((s) => s.name === model);
  if (!spec) throw new Error(`no laboratory entry for model "${model}"`);
  return spec;
}

/** The model parameters the laboratory sets (each where the model takes it: the library's `parameterKeys`). */
export const MODEL_PARAMETERS = ['q', 'overRelaxation', 'lambda'] as const;
export type ModelParameterName = (typeof MODEL_PARAMETERS)[number];
export type LabParameters = { [K in ModelParameterName]?: number };

/** Whether a model takes a parameter (the library's definition says). */
export function takes(model: Model, parameter: ModelParameterName): boolean {
  return (modelDefinition(model).parameterKeys as readonly string[]).includes(parameter);
}

/** The library's parameters of a state: q, over-relaxation sweeps and lambda, each where the model takes it. */
export function libraryParameters(s: { model: Model } & LabParameters): LabParameters {
  const out: LabParameters = {};
  for (const key of MODEL_PARAMETERS) if (s[key] !== undefined && takes(s.model, key)) out[key] = s[key];
  return out;
}

/** The lattices a model runs on (the library's list). */
export function latticesOf(model: Model): readonly Lattice[] {
  return modelDefinition(model).lattices;
}

/** The algorithms a model runs on a lattice (the library's list). */
export function algorithmsOf(model: Model, lattice: Lattice): readonly Algorithm[] {
  const definition = modelDefinition(model);
  return definition.algorithmsOn?.(lattice) ?? definition.algorithms;
}

/**
 * The transition temperature of a model on a lattice (the library's), the default temperature; where
 * the library knows none (NaN), the spec's fallback.
 */
export function transitionTemperature(s: { model: Model; q: number; lattice: Lattice; lambda?: number }): number {
  const definition = modelDefinition(s.model);
  const T = definition.criticalTemperature(definition.parameters(libraryParameters(s)), s.lattice);
  return Number.isFinite(T) ? T : (specOf(s.model).fallbackTemperature ?? CRITICAL_TEMPERATURE);
}
