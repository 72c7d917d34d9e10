/**
 * Validation of the language options at the TypeScript boundary: every bad value becomes an
 * {@link InvalidOptionError} that names the field, the value and what was expected.
 */
import { InvalidOptionError } from '../errors.js';

/** `options` must be an object (or undefined) whose keys are all in `known`. */
export function checkKnownKeys<T extends object = Record<string, unknown>>(options: unknown, known: readonly string[], name = 'options'): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InvalidOptionError(name, options, 'an object');
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known option (unknown option "${key}"; known: ${known.join(', ')})`);
    }
  }
  return options as T;
}

/** An integer in [min, max]. */
export function checkInteger(option: string, value: unknown, min: number, max: number, what = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(option, value, `an integer from ${min} to ${max}${what ? ` (${what})` : ''}`);
  }
  return value;
}

/** A finite number >= 0 (temperatures: 0 means greedy). */
export function checkNonNegative(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidOptionError(option, value, 'a finite number >= 0');
  return value;
}

/** A number > 0, Infinity allowed (grammar temperatures: Infinity means uniform weights). */
export function checkPositiveOrInfinity(option: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) throw new InvalidOptionError(option, value, 'a number > 0 (Infinity allowed)');
  return value;
}

/** A non-empty list of distinct increasing integers in [min, max]. */
export function checkIntegerList(option: string, value: unknown, min: number, max: number): number[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidOptionError(option, value, `a non-empty array of integers from ${min} to ${max}`);
  for (let i = 0; i < value.length; i++) {
    const v = value[i] as unknown;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max || (i > 0 && v <= (value[i - 1] as number))) {
      throw new InvalidOptionError(option, value, `increasing integers from ${min} to ${max}`);
    }
  }
  return value as number[];
}
