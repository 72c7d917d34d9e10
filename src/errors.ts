/** Errors thrown by criticality. Every message names the field, the value and what was expected. */

/** Longest quotation of a value in an error message; longer ones are cut with their length said. */
export const MAX_QUOTED = 200;

function cut(text: string): string {
  return text.length <= MAX_QUOTED ? text : `${text.slice(0, MAX_QUOTED)}... (${text.length} characters)`;
}

/** Formats a value for an error message: strings quoted, numbers as written, bigints with their n, objects as JSON, all cut to MAX_QUOTED. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return cut(JSON.stringify(value));
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of ${(value as unknown as { length?: number }).length ?? value.byteLength} elements`;
  try {
    return cut(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value));
  } catch {
    return cut(String(value));
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

/** Why a checkpoint was refused (see {@link CheckpointError}). */
export type CheckpointFailure =
  | 'not-bytes' // not a Uint8Array
  | 'truncated' // shorter than its own lengths say
  | 'magic' // does not start with the checkpoint magic bytes
  | 'version' // written by a newer (or unknown) format version
  | 'checksum' // CRC32 mismatch: corrupted
  | 'header' // the JSON header is malformed or inconsistent
  | 'model' // another model or lattice than this build or this simulation runs
  | 'kind' // a simulation checkpoint where a run checkpoint is needed, or the reverse
  | 'size' // another lattice size than this simulation
  | 'layout'; // another lattice layout (packed or byte) than this simulation

/** A checkpoint cannot be read or does not fit where it is used. `reason` says which check failed. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
  constructor(
    readonly reason: CheckpointFailure,
    detail: string,
  ) {
    super(`Invalid checkpoint (${reason}): ${detail}`);
  }
}

/** A worker stopped (crashed, exited or was terminated) while calls to it were pending. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/**
 * A long call (measure, a job) was aborted through its AbortSignal. Named 'AbortError' like the
 * platform's own. Nothing computed is lost: `checkpoint` resumes the run where it stopped.
 */
export class AbortedError extends Error {
  override name = 'AbortError';
  constructor(
    message: string,
    readonly checkpoint?: Uint8Array,
  ) {
    super(message);
  }
}
