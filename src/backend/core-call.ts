/** Calls into a WebAssembly core instance: traps become typed errors that say what was being done. */
import { CoreError } from '../errors.js';

/** Runs a core call and turns a trap into a {@link CoreError} that says what was being done. */
export function guarded<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      throw new CoreError(`WebAssembly core trapped in ${what} (${error.message}); this is a bug in criticality`, { cause: error });
    }
    throw error;
  }
}
