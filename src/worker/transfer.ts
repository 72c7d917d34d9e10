/**
 * Errors keep their type across the worker boundary. Comlink's default 'throw' handler sends
 * name, message and stack and rebuilds a plain Error; this one also sends the fields of
 * criticality's errors (InvalidOptionError's option, value and expected; CheckpointError's
 * reason; AbortedError's checkpoint; ...) and rebuilds the same class on the caller's side.
 * Both sides call {@link registerTransferHandlers} before any message.
 */
import * as Comlink from 'comlink';
import {
  AbortedError,
  BackendUnavailableError,
  CheckpointError,
  CoreError,
  DisposedError,
  InvalidOptionError,
  WorkerCrashedError,
  describeValue,
  type CheckpointFailure,
} from '../errors.js';

/** An error as it crosses the boundary (structured-clone safe). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Class-specific fields. */
  option?: string;
  value?: unknown;
  expected?: string;
  backend?: string;
  reason?: string;
  checkpoint?: Uint8Array;
  /** A thrown non-Error value. */
  thrown?: unknown;
  isError: boolean;
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return describeValue(value);
  }
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: describeValue(error), thrown: cloneable(error), isError: false };
  const out: SerializedError = { name: error.name, message: error.message, stack: error.stack, isError: true };
  if (error instanceof InvalidOptionError) Object.assign(out, { option: error.option, value: cloneable(error.value), expected: error.expected });
  if (error instanceof BackendUnavailableError) Object.assign(out, { backend: error.backend, reason: error.reason });
  if (error instanceof CheckpointError) out.reason = error.reason;
  if (error instanceof AbortedError && error.checkpoint) out.checkpoint = error.checkpoint;
  return out;
}

/** Rebuilds the error class that was thrown in the worker (a plain Error for unknown names). */
export function deserializeError(s: SerializedError): unknown {
  if (!s.isError) return s.thrown;
  let error: Error;
  switch (s.name) {
    case 'InvalidOptionError':
      error = new InvalidOptionError(s.option ?? '', s.value, s.expected ?? '');
      break;
    case 'BackendUnavailableError':
      error = new BackendUnavailableError(s.backend ?? '', s.reason ?? '');
      break;
    case 'CheckpointError':
      error = new CheckpointError((s.reason ?? 'header') as CheckpointFailure, '');
      break;
    case 'AbortError':
      error = new AbortedError(s.message, s.checkpoint);
      break;
    case 'CoreError':
      error = new CoreError(s.message);
      break;
    case 'DisposedError':
      error = new DisposedError('');
      break;
    case 'WorkerCrashedError':
      error = new WorkerCrashedError(s.message);
      break;
    case 'RangeError':
      error = new RangeError(s.message);
      break;
    case 'TypeError':
      error = new TypeError(s.message);
      break;
    default:
      error = new Error(s.message);
      error.name = s.name;
  }
  error.message = s.message;
  if (s.stack) error.stack = `${s.stack}\n    (thrown in a criticality worker)`;
  return error;
}

let registered = false;

/** Installs the error transfer handler (idempotent). */
export function registerTransferHandlers(): void {
  if (registered) return;
  registered = true;
  const base = Comlink.transferHandlers.get('throw');
  if (!base) throw new Error('Comlink has no "throw" transfer handler to replace');
  const handler: Comlink.TransferHandler<{ value: unknown }, SerializedError> = {
    canHandle: (value): value is { value: unknown } => base.canHandle(value),
    serialize: ({ value }) => {
      const s = serializeError(value);
      return [s, s.checkpoint ? [s.checkpoint.buffer as ArrayBuffer] : []];
    },
    deserialize: (s) => {
      throw deserializeError(s);
    },
  };
  Comlink.transferHandlers.set('throw', handler as Comlink.TransferHandler<unknown, unknown>);
}
