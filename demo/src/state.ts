/**
 * The laboratory's shareable state: the parameters and seed, read from and written to the page
 * address (`?T=2.1&h=0&L=256&algorithm=wolff&backend=wasm&seed=7&start=cold&clusters=1`).
 * Reading never fails: a value that is missing keeps its default, a bad value falls back to its
 * default and is listed in `problems` (shown to the user as a notice). Pure: no DOM, no workers.
 */
import { ALGORITHMS, CRITICAL_TEMPERATURE, MAX_SEED, type Algorithm } from 'criticality';

/** Lattice sizes offered (powers of two: multiples of 16 run on the packed kernel, and every block level divides). */
export const SIZES = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096] as const;
/** Temperature range of the controls. */
export const T_MIN = 0.5;
export const T_MAX = 5;
/** Field range of the controls: |h| <= H_MAX. */
export const H_MAX = 1;
/** Largest lattice whose clusters are coloured (the labels cost 4 bytes a site per frame). */
export const MAX_CLUSTER_VIEW = 1024;

export type BackendChoice = 'wasm' | 'js';
export type StartChoice = 'hot' | 'cold';

export interface LabState {
  /** T in units of J / k_B. @default Onsager's Tc */
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

export const DEFAULT_STATE: Readonly<LabState> = Object.freeze({
  temperature: CRITICAL_TEMPERATURE,
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
  temperature: 'T',
  field: 'h',
  size: 'L',
  algorithm: 'algorithm',
  backend: 'backend',
  seed: 'seed',
  start: 'start',
  clusters: 'clusters',
});

/** Parses one value; throws a plain message saying what was expected. */
type Parser<T> = (text: string) => T;

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

const PARSERS: { [K in keyof LabState]: Parser<LabState[K]> } = {
  temperature(text) {
    if (text.trim().toLowerCase() === 'tc') return CRITICAL_TEMPERATURE;
    const T = number(text);
    if (T < T_MIN || T > T_MAX) throw new Error(`expected a temperature from ${T_MIN} to ${T_MAX} (or "tc")`);
    return T;
  },
  field(text) {
    const h = number(text);
    if (Math.abs(h) > H_MAX) throw new Error(`expected a field from -${H_MAX} to ${H_MAX}`);
    return h;
  },
  size(text) {
    const L = Number(text.trim());
    if (!(SIZES as readonly number[]).includes(L)) throw new Error(`expected one of ${SIZES.join(', ')}`);
    return L;
  },
  algorithm: oneOf(ALGORITHMS),
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
function show(key: keyof LabState, value: LabState[keyof LabState]): string {
  if (key === 'temperature') return value === CRITICAL_TEMPERATURE ? 'Tc = 2.269' : String(value);
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
  const known = new Set(Object.values(PARAMS));
  for (const key of Object.keys(PARAMS) as (keyof LabState)[]) {
    const text = params.get(PARAMS[key]);
    if (text === null) continue;
    try {
      (state as unknown as Record<string, unknown>)[key] = PARSERS[key](text);
    } catch (error) {
      problems.push(`${PARAMS[key]} = ${JSON.stringify(text)}: ${(error as Error).message}; using ${show(key, DEFAULT_STATE[key])}`);
    }
  }
  for (const name of new Set(params.keys())) {
    if (!known.has(name)) problems.push(`unknown parameter ${JSON.stringify(name)} ignored (known: ${[...known].join(', ')})`);
  }
  return { state, problems };
}

/** Writes the state as a query string (every field, so that a shared address pins everything). */
export function serializeState(state: LabState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof LabState)[]) {
    const value = state[key];
    params.set(PARAMS[key], key === 'clusters' ? (value ? '1' : '0') : key === 'temperature' && value === CRITICAL_TEMPERATURE ? 'tc' : String(value));
  }
  return `?${params.toString()}`;
}

/**
 * The temperature slider: position u in [-1, 1] maps to T = Tc + span (sign u) |u|^3, span = Tc - T_MIN
 * below Tc and T_MAX - Tc above, so that Tc sits in the middle and the scale is finest around it
 * (u = 0.1 is 0.003 from Tc, u = 0.5 about 0.3).
 */
export function sliderToTemperature(u: number): number {
  const span = u < 0 ? CRITICAL_TEMPERATURE - T_MIN : T_MAX - CRITICAL_TEMPERATURE;
  return CRITICAL_TEMPERATURE + Math.sign(u) * span * Math.abs(u) ** 3;
}

/** The inverse of {@link sliderToTemperature}. */
export function temperatureToSlider(T: number): number {
  const d = T - CRITICAL_TEMPERATURE;
  const span = d < 0 ? CRITICAL_TEMPERATURE - T_MIN : T_MAX - CRITICAL_TEMPERATURE;
  return Math.sign(d) * Math.cbrt(Math.min(1, Math.abs(d) / span));
}
