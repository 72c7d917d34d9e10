/**
 * Checkers for option values: each returns the value when it is acceptable and otherwise throws an
 * {@link InvalidOptionError} naming the field, the value and what was expected. Never a silent clamp.
 * Depends only on the error classes and the vocabulary, so every layer (options, models, jobs) can use it.
 */
import { InvalidOptionError } from './errors.js';
import type { CoreSource, Lattice } from './vocabulary.js';
import { MAX_COUNT, MAX_FIELD, MAX_SEED, MAX_TEMPERATURE, MIN_TEMPERATURE } from './vocabulary.js';
import { geometryOf } from './lattice.js';

export function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidOptionError(option, value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
}

export function checkPositive(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, value, 'a finite number > 0');
  }
  return value;
}

export function checkFinite(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError(option, value, 'a finite number');
  }
  return value;
}

/** A temperature T (or with `option` 'beta', an inverse temperature) from 1e-6 to 1e6 (see MIN_TEMPERATURE). */
export function checkTemperature(option: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= MIN_TEMPERATURE && value <= MAX_TEMPERATURE)) {
    throw new InvalidOptionError(
      option,
      value,
      `a number from ${MIN_TEMPERATURE} to ${MAX_TEMPERATURE} (${option === 'beta' || option.endsWith('.beta') ? 'beta = 1/T' : 'T'} and its ` +
        `inverse must both be finite and representable in the acceptance tables)`,
    );
  }
  return value;
}

/** A field h with |h| <= 1e6 (see MAX_FIELD). */
export function checkField(option: string, value: unknown): number {
  if (typeof value !== 'number' || !(Math.abs(value) <= MAX_FIELD)) {
    throw new InvalidOptionError(option, value, `a number from ${-MAX_FIELD} to ${MAX_FIELD}`);
  }
  return value;
}

/**
 * A linear size L of `lattice` (square unless named): an even integer from 2 to the lattice's
 * largest size (src/lattice.ts: 32766 square, 894 cubic).
 */
export function checkSize(value: unknown, option = 'size', lattice: Lattice = 'square'): number {
  const { minSize, maxSize, name } = geometryOf(lattice);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minSize || value > maxSize || value % 2 !== 0) {
    const why = name === 'square' ? '' : ` on the ${name} lattice`;
    throw new InvalidOptionError(option, value, `an even integer from ${minSize} to ${maxSize}${why} (the checkerboard update needs even L)`);
  }
  return value;
}

export function checkSeed(value: unknown, option = 'seed'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SEED) {
    throw new InvalidOptionError(option, value, `an integer from 0 to ${MAX_SEED}`);
  }
  return value;
}

/** A count of sweeps: an integer from `min` to 2^31 - 1. */
export function checkCount(option: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_COUNT) {
    throw new InvalidOptionError(option, value, `an integer from ${min} to ${MAX_COUNT}`);
  }
  return value;
}

/** An integer from `min` to `max`. */
export function checkInteger(option: string, value: unknown, min: number, max: number, why = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(option, value, `an integer from ${min} to ${max}${why ? ` (${why})` : ''}`);
  }
  return value;
}

/** `true` or `false`; absent is `false`. */
export function checkBoolean(option: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'true or false');
  return value;
}

/** Checks that `value` is a plain object (not null, not an array), naming it `field` otherwise. */
export function checkObject(field: string, value: unknown, example: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidOptionError(field, value, `an object like ${example}`);
  return value as Record<string, unknown>;
}

/** Rejects keys of `value` not in `known`, naming the first unknown one as `prefix + key`. */
export function rejectUnknownKeys(value: object, known: readonly string[], prefix = '', noun: 'field' | 'option' = 'field'): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new InvalidOptionError(
        `${prefix}${key}`,
        (value as Record<string, unknown>)[key],
        `a known ${noun} (unknown ${noun} "${key}"; known: ${known.join(', ')})`,
      );
    }
  }
}

/**
 * An options object of a function (`name` names it in errors): undefined is {}; anything else
 * must be a plain object whose keys are all in `known`.
 */
export function checkOptions(name: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidOptionError(name, value, `an object of options (${known.join(', ')})`);
  }
  rejectUnknownKeys(value, known, '', 'option');
  return value as Record<string, unknown>;
}

export function checkFunction<T extends (...args: never[]) => unknown>(option: string, value: unknown): T {
  if (typeof value !== 'function') throw new InvalidOptionError(option, value, 'a function');
  return value as T;
}

export function checkSignal(option: string, value: unknown): AbortSignal {
  if (typeof AbortSignal !== 'function' || !(value instanceof AbortSignal))
    throw new InvalidOptionError(option, value, 'an AbortSignal (from an AbortController)');
  return value;
}

/** A number of milliseconds: > 0, or >= 0 with `zero`; Infinity allowed with `infinite`. */
export function checkMilliseconds(option: string, value: unknown, allow: { zero?: boolean; infinite?: boolean } = {}): number {
  const low = allow.zero ? 0 : Number.MIN_VALUE;
  if (typeof value !== 'number' || Number.isNaN(value) || value < low || (!allow.infinite && !Number.isFinite(value))) {
    throw new InvalidOptionError(option, value, `a number of milliseconds ${allow.zero ? '>= 0' : '> 0'}${allow.infinite ? ' (or Infinity)' : ''}`);
  }
  return value;
}

/** Runs `check`, renaming the field of an {@link InvalidOptionError} to `prefix + field` (e.g. "points[2].size"). */
export function withPrefix<T>(prefix: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidOptionError && prefix) throw new InvalidOptionError(`${prefix}${error.option}`, error.value, error.expected);
    throw error;
  }
}

/** Whether `value` can be a core source (checked before it is used, e.g. in options). */
export function isCoreSource(value: unknown): value is CoreSource {
  return (
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    value instanceof URL ||
    typeof value === 'string' ||
    (typeof Response === 'function' && value instanceof Response) ||
    (typeof WebAssembly === 'object' && value instanceof WebAssembly.Module) ||
    (typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function')
  );
}

/** A core source (see CoreSource), or absent. */
export function checkCoreSource(option: string, value: unknown): CoreSource | undefined {
  if (value !== undefined && !isCoreSource(value)) throw new InvalidOptionError(option, value, 'bytes, a URL, a Response or a WebAssembly.Module');
  return value;
}
