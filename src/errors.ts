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
