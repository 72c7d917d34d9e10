/** Errors thrown by criticality. Every message names the field, the value and what was expected. */

/** Formats a value for an error message: strings quoted, numbers as written, objects as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * An option (API field or CLI flag) has a value that cannot be used.
 * `option` is the field name, `value` what was given, `expected` what would have been accepted.
 */
export class InvalidOptionError extends RangeError {
  override name = 'InvalidOptionError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid option "${option}": expected ${expected}, got ${describeValue(value)}`);
  }
}

/** The requested backend cannot run here (e.g. `backend: 'wasm'` without WebAssembly). */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`Backend "${backend}" is unavailable: ${reason}`);
  }
}

/** The WebAssembly core trapped or aborted. Always a bug in criticality; please report it. */
export class CoreError extends Error {
  override name = 'CoreError';
}

/** A method was called on a simulation after dispose(). */
export class DisposedError extends Error {
  override name = 'DisposedError';
  constructor(method: string) {
    super(`Cannot call ${method}(): the simulation has been disposed`);
  }
}
