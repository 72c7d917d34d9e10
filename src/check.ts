/**
 * Checks of option objects shared by every entry point: a plain object, no unknown keys, values
 * of the right type. Each failure is an {@link InvalidOptionError} naming the field, the value and
 * what was expected. A leaf (only errors.ts below it).
 */
import { InvalidOptionError } from './errors.js';

/** Checks that `value` is a plain object, naming it `field` otherwise. */
export function checkObject(field: string, value: unknown, example: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidOptionError(field, value, `an object like ${example}`);
  return value as Record<string, unknown>;
}

/** Rejects keys of `value` not in `known`, naming the first unknown one as `prefix + key`. */
export function rejectUnknownKeys(value: object, known: readonly string[], prefix = '', noun: 'field' | 'option' = 'field'): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new InvalidOptionError(`${prefix}${key}`, (value as Record<string, unknown>)[key], `a known ${noun} (unknown ${noun} "${key}"; known: ${known.join(', ')})`);
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

export function checkBoolean(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'true or false');
  return value;
}

export function checkFunction<T extends (...args: never[]) => unknown>(option: string, value: unknown): T {
  if (typeof value !== 'function') throw new InvalidOptionError(option, value, 'a function');
  return value as T;
}

export function checkSignal(option: string, value: unknown): AbortSignal {
  if (typeof AbortSignal !== 'function' || !(value instanceof AbortSignal)) throw new InvalidOptionError(option, value, 'an AbortSignal (from an AbortController)');
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
