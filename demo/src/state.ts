/**
 * The laboratory's shareable state: the model and its parameters, the run's parameters and seed,
 * read from and written to the page address
 * (`?model=ising&T=2.1&h=0&L=256&algorithm=wolff&backend=wasm&seed=7&start=cold&clusters=1`,
 * `?model=potts&q=4&T=tc&L=64&...`, `?model=phi4&overRelaxation=2&lambda=1.5&...`). An address without `model` is the Ising lab of earlier
 * releases. Reading never fails: a value that is missing keeps its default, a bad value falls back
 * to its default and is listed in `problems` (shown to the user as a notice), and so does a
 * parameter the model does not take (`q` with the Ising model). Pure: no DOM, no workers.
 */
import { ALGORITHMS, InvalidOptionError, LATTICES, MAX_SEED, modelDefinition, type Algorithm, type Lattice } from 'criticality';
import { algorithmsOf, LAB_MODELS, latticesOf, libraryParameters, specOf, takes, transitionTemperature, type LabModel, type ModelParameterName } from './models.js';

export { LAB_MODELS, type LabModel } from './models.js';
/** Potts q offered (the library takes 2 .. 256; beyond 20 the colours of the picture run together). */
export const Q_MIN = 2;
export const Q_MAX = 20;
/** q of a Potts address without one: the first-order transition with a clear latent heat. */
export const DEFAULT_Q = 10;

/** Lattice sizes offered on the square lattice (powers of two: multiples of 16 run on the packed kernel, and every block level divides). */
export const SIZES = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096] as const;
/** Every size some model offers on some lattice (the size menu). */
export const ALL_SIZES = [8, ...SIZES] as const;
/** Largest Potts lattice (one byte a site crosses to the view worker per picture, where Ising sends one bit). */
export const MAX_POTTS_SIZE = 1024;
/** Temperature range of the Ising controls. */
export const T_MIN = 0.5;
export const T_MAX = 5;
/** Temperature range of the Potts controls (T_c from 0.59 at q = 20 to 1.13 at q = 2). */
export const POTTS_T_MIN = 0.25;
export const POTTS_T_MAX = 2.5;
/** Field range of the controls: |h| <= H_MAX. */
export const H_MAX = 1;
/** Largest lattice whose clusters are coloured (the labels cost 4 bytes a site per frame). */
export const MAX_CLUSTER_VIEW = 1024;

export type BackendChoice = 'wasm' | 'js';
export type StartChoice = 'hot' | 'cold';

export interface LabState {
  /** @default 'ising' */
  model: LabModel;
  /** Potts states or clock angles (kept, but not used or written, for models without q). @default 10 (Potts), 6 (clock) */
  q: number;
  /** The lattice (the model's list). @default 'square' */
  lattice: Lattice;
  /** XY, Heisenberg, phi^4: over-relaxation sweeps after each Metropolis sweep (kept, but not used or written, for other models). @default 0 */
  overRelaxation: number;
  /** phi^4: the quartic coupling of V = |phi|^2 + lambda (|phi|^2 - 1)^2 (kept, but not used or written, for other models). @default the library's, 2.1 */
  lambda: number;
  /** T in units of J / k_B. @default the model's Tc (Onsager's for Ising, 1 / ln(1 + sqrt q) for Potts) */
  temperature: number;
  /** h. @default 0 */
  field: number;
  /** L. @default 128 */
  size: number;
  /** @default 'metropolis' */
  algorithm: Algorithm;
  /** @default 'wasm' */
  backend: BackendChoice;
  /** @default 1 */
  seed: number;
  /** @default 'hot' */
  start: StartChoice;
  /** Colour the clusters of the last cluster update. @default false */
  clusters: boolean;
}

/** lambda of an address without one: the library's default (the improved phi^4 model). */
export const DEFAULT_LAMBDA = LAB_MODELS.includes('phi4') ? (modelDefinition('phi4').parameters({}) as { lambda: number }).lambda : 2.1;

export const DEFAULT_STATE: Readonly<LabState> = Object.freeze({
  model: 'ising',
  q: DEFAULT_Q,
  lattice: 'square',
  overRelaxation: 0,
  lambda: DEFAULT_LAMBDA,
  temperature: transitionTemperature({ model: 'ising', q: DEFAULT_Q, lattice: 'square' }),
  field: 0,
  size: 128,
  algorithm: 'metropolis',
  backend: 'wasm',
  seed: 1,
  start: 'hot',
  clusters: false,
});

/** Address parameter of each field. */
export const PARAMS: Readonly<Record<keyof LabState, string>> = Object.freeze({
  model: 'model',
  q: 'q',
  lattice: 'lattice',
  overRelaxation: 'overRelaxation',
  lambda: 'lambda',
  temperature: 'T',
  field: 'h',
  size: 'L',
  algorithm: 'algorithm',
  backend: 'backend',
  seed: 'seed',
  start: 'start',
  clusters: 'clusters',
});

/** Address parameters of the page's views (the guided tour's step), read by the page, not part of the run. */
export const VIEW_PARAMS = ['tour'] as const;

/** The infinite-lattice transition temperature of a state's model on its lattice (the library's). */
export function criticalTemperatureOf(s: Pick<LabState, 'model' | 'q'> & { lattice?: Lattice; lambda?: number }): number {
  return transitionTemperature({ model: s.model, q: s.q, lattice: s.lattice ?? 'square', lambda: s.lambda });
}

/** The temperature range of the controls for a model. */
export function temperatureRange(model: LabModel): { min: number; max: number } {
  return specOf(model).temperature;
}

/** The sizes a model runs on a lattice in the laboratory. */
export function sizesFor(model: LabModel, lattice: Lattice = 'square'): readonly number[] {
  return specOf(model).sizes[lattice];
}

/** Parses one value in the context of the state read so far (the model first); throws a plain message saying what was expected. */
type Parser<T> = (text: string, context: LabState) => T;

function number(text: string): number {
  const t = text.trim();
  const value = t === '' ? NaN : Number(t);
  if (!Number.isFinite(value)) throw new Error('expected a number');
  return value;
}

function oneOf<T extends string>(allowed: readonly T[]): Parser<T> {
  return (text) => {
    if ((allowed as readonly string[]).includes(text)) return text as T;
    throw new Error(`expected one of ${allowed.join(', ')}`);
  };
}

/** The models that take a parameter, for messages ("model=potts or model=clock"). */
const modelsTaking = (parameter: ModelParameterName) => LAB_MODELS.filter((m) => takes(m, parameter)).map((m) => `model=${m}`).join(' or ');
const WITH_Q = () => modelsTaking('q');

/** What a model parameter is, for messages. */
const PARAMETER_MEANING: Readonly<Record<Exclude<ModelParameterName, 'q'>, string>> = {
  overRelaxation: 'over-relaxation sweeps after each Metropolis sweep',
  lambda: 'the quartic coupling of the phi^4 potential',
};

/**
 * Reads over-relaxation sweeps or lambda for the state's model, checked by the library's own rules
 * (its InvalidOptionError message, naming the option, the value and what was expected). Throws a
 * plain Error with that message; "ignored" for a model that does not take the parameter.
 */
export function readModelParameter(key: Exclude<ModelParameterName, 'q'>, text: string, context: LabState): number {
  if (!takes(context.model, key)) throw new Error(`only for ${modelsTaking(key)} (${PARAMETER_MEANING[key]}); ignored`);
  const t = text.trim();
  const value = t === '' ? NaN : Number(t);
  try {
    modelDefinition(context.model).parameters({ ...libraryParameters(context), [key]: value });
  } catch (error) {
    if (error instanceof InvalidOptionError) throw new Error(error.message);
    throw error;
  }
  return value;
}

const PARSERS: { [K in keyof LabState]: Parser<LabState[K]> } = {
  model: oneOf(LAB_MODELS),
  q(text, context) {
    const range = specOf(context.model).q;
    if (!range) throw new Error(`only for ${WITH_Q()} (the number of states); ignored`);
    const q = number(text);
    if (!Number.isInteger(q) || q < range.min || q > range.max) throw new Error(`expected an integer from ${range.min} to ${range.max}`);
    return q;
  },
  overRelaxation: (text, context) => readModelParameter('overRelaxation', text, context),
  lambda: (text, context) => readModelParameter('lambda', text, context),
  lattice(text, context) {
    const lattices = latticesOf(context.model);
    if (!(LATTICES as readonly string[]).includes(text)) throw new Error(`expected one of ${LATTICES.join(', ')}`);
    if (!lattices.includes(text as Lattice)) throw new Error(`expected ${lattices.join(' or ')} for model=${context.model}`);
    return text as Lattice;
  },
  temperature(text, context) {
    if (text.trim().toLowerCase() === 'tc') return criticalTemperatureOf(context);
    const T = number(text);
    const { min, max } = temperatureRange(context.model);
    if (T < min || T > max) throw new Error(`expected a temperature from ${min} to ${max} (or "tc")`);
    return T;
  },
  field(text) {
    const h = number(text);
    if (Math.abs(h) > H_MAX) throw new Error(`expected a field from -${H_MAX} to ${H_MAX}`);
    return h;
  },
  size(text, context) {
    const L = Number(text.trim());
    const sizes = sizesFor(context.model, context.lattice);
    if (!sizes.includes(L)) throw new Error(`expected one of ${sizes.join(', ')}${context.model === 'ising' && context.lattice === 'square' ? '' : ` for model=${context.model}${context.lattice === 'square' ? '' : `, lattice=${context.lattice}`}`}`);
    return L;
  },
  algorithm(text, context) {
    const allowed = algorithmsOf(context.model, context.lattice);
    if (!(ALGORITHMS as readonly string[]).includes(text)) throw new Error(`expected one of ${ALGORITHMS.join(', ')}`);
    if (!allowed.includes(text as Algorithm)) throw new Error(`expected one of ${allowed.join(', ')} for model=${context.model}${context.lattice === 'square' ? '' : `, lattice=${context.lattice}`}`);
    return text as Algorithm;
  },
  backend: oneOf(['wasm', 'js'] as const),
  seed(text) {
    const seed = number(text);
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new Error(`expected an integer from 0 to ${MAX_SEED}`);
    return seed;
  },
  start: oneOf(['hot', 'cold'] as const),
  clusters(text) {
    if (text === '1' || text === 'true') return true;
    if (text === '0' || text === 'false') return false;
    throw new Error('expected 1 or 0');
  },
};

/** How a default is written in a notice. */
function show(key: keyof LabState, value: LabState[keyof LabState], context: LabState): string {
  if (key === 'temperature') return `Tc = ${criticalTemperatureOf(context).toFixed(context.model === 'ising' && context.lattice === 'square' ? 3 : 4)}`;
  if (key === 'clusters') return value ? '1' : '0';
  return String(value);
}

export interface ParsedState {
  state: LabState;
  /** One line per parameter that was not used, e.g. `L = "63": expected one of 16, 32, ...; using 128`. */
  problems: string[];
}

/** Reads the state from a query string (`location.search`). Never throws. */
export function parseState(query: string): ParsedState {
  const params = new URLSearchParams(query);
  const state: LabState = { ...DEFAULT_STATE };
  const problems: string[] = [];
  const known = new Set<string>(Object.values(PARAMS));
  // in the order of PARAMS: the model, q and lattice first, which the temperature, size and algorithm depend on
  for (const key of Object.keys(PARAMS) as (keyof LabState)[]) {
    const text = params.get(PARAMS[key]);
    if (text === null) {
      if (key === 'q') state.q = specOf(state.model).q?.default ?? DEFAULT_Q;
      if (key === 'temperature') state.temperature = criticalTemperatureOf(state);
      if (key === 'size') state.size = specOf(state.model).defaultSize[state.lattice];
      continue;
    }
    try {
      (state as unknown as Record<string, unknown>)[key] = PARSERS[key](text, state);
    } catch (error) {
      const message = (error as Error).message;
      if (key === 'q') state.q = specOf(state.model).q?.default ?? DEFAULT_Q;
      if (key === 'temperature') state.temperature = criticalTemperatureOf(state);
      if (key === 'size') state.size = specOf(state.model).defaultSize[state.lattice];
      if (key === 'algorithm' && !algorithmsOf(state.model, state.lattice).includes(state.algorithm)) state.algorithm = algorithmsOf(state.model, state.lattice)[0];
      problems.push(`${PARAMS[key]} = ${JSON.stringify(text)}: ${message}${message.endsWith('ignored') ? '' : `; using ${show(key, state[key], state)}`}`);
    }
  }
  // an algorithm the model does not run on this lattice, left at the default: the model's first
  if (!algorithmsOf(state.model, state.lattice).includes(state.algorithm)) state.algorithm = algorithmsOf(state.model, state.lattice)[0];
  for (const name of new Set(params.keys())) {
    if (!known.has(name) && !(VIEW_PARAMS as readonly string[]).includes(name)) problems.push(`unknown parameter ${JSON.stringify(name)} ignored (known: ${[...known].join(', ')})`);
  }
  return { state, problems };
}

/**
 * Writes the state as a query string (every field the model takes, so that a shared address pins
 * everything; `q` only for the models that take it, `lattice` only off the square lattice).
 */
export function serializeState(state: LabState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof LabState)[]) {
    if ((key === 'q' || key === 'overRelaxation' || key === 'lambda') && !takes(state.model, key)) continue;
    if (key === 'lattice' && state.lattice === 'square') continue;
    const value = state[key];
    params.set(PARAMS[key], key === 'clusters' ? (value ? '1' : '0') : key === 'temperature' && value === criticalTemperatureOf(state) ? 'tc' : String(value));
  }
  return `?${params.toString()}`;
}

/**
 * The state after a change of model, q or lattice: T at the new model's Tc, a lattice, size and
 * algorithm the model runs (the nearest size not above the current one, else the smallest).
 */
export function withModel(state: LabState, model: LabModel, q: number, lattice: Lattice = state.lattice): LabState {
  const spec = specOf(model);
  const range = spec.q;
  const next = { ...state, model, q: range ? Math.min(range.max, Math.max(range.min, q)) : q, lattice: latticesOf(model).includes(lattice) ? lattice : 'square' };
  next.temperature = criticalTemperatureOf(next);
  const sizes = sizesFor(model, next.lattice);
  if (next.lattice !== state.lattice) next.size = spec.defaultSize[next.lattice];
  else if (!sizes.includes(next.size)) next.size = Math.max(sizes[0], ...sizes.filter((L) => L <= state.size));
  if (!algorithmsOf(model, next.lattice).includes(next.algorithm)) next.algorithm = algorithmsOf(model, next.lattice)[0];
  if (!next.algorithm) next.algorithm = 'metropolis';
  return next;
}

/**
 * The temperature slider: position u in [-1, 1] maps to T = Tc + span (sign u) |u|^3, span = Tc - T_min
 * below Tc and T_max - Tc above (the model's range, {@link temperatureRange}), so that Tc sits in the
 * middle and the scale is finest around it (Ising: u = 0.1 is 0.003 from Tc, u = 0.5 about 0.3).
 */
export function sliderToTemperature(u: number, model: Pick<LabState, 'model' | 'q'> & { lattice?: Lattice } = DEFAULT_STATE): number {
  const tc = criticalTemperatureOf(model);
  const { min, max } = temperatureRange(model.model);
  const span = u < 0 ? tc - min : max - tc;
  return tc + Math.sign(u) * span * Math.abs(u) ** 3;
}

/** The inverse of {@link sliderToTemperature}. */
export function temperatureToSlider(T: number, model: Pick<LabState, 'model' | 'q'> & { lattice?: Lattice } = DEFAULT_STATE): number {
  const tc = criticalTemperatureOf(model);
  const { min, max } = temperatureRange(model.model);
  const d = T - tc;
  const span = d < 0 ? tc - min : max - tc;
  return Math.sign(d) * Math.cbrt(Math.min(1, Math.abs(d) / span));
}
