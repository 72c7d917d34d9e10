/**
 * Constants that the WebAssembly core (assembly/) and this wrapper both define. The core exports
 * each as a global; {@link checkCoreConstants} compares every one at instantiation, so that a core
 * built from other sources fails loudly instead of computing with a different layout.
 */
import { CoreError } from '../errors.js';
import { SERIES_CAPACITY } from '../vocabulary.js';
import { METROPOLIS_ENTRIES, HEATBATH_ENTRIES } from '../thresholds.js';
import { CLUSTER_KIND } from '../cluster/step.js';
import { MAX_PATTERN_BLOCK, RG_OPERATORS } from './rg-types.js';
import { PACKED_PLANES } from '../models/ising/packed-js.js';

/** Each mirrored constant: the core's export name and the value this wrapper uses. */
export const CORE_CONSTANTS: Readonly<Record<string, number>> = {
  SERIES_CAPACITY,
  METROPOLIS_ENTRIES,
  HEATBATH_ENTRIES,
  CLUSTER_WOLFF: CLUSTER_KIND.wolff,
  CLUSTER_SWENDSEN_WANG: CLUSTER_KIND['swendsen-wang'],
  RG_OPERATORS,
  RG_MAX_PATTERN_BLOCK: MAX_PATTERN_BLOCK,
  PACKED_PLANES,
};

/** Throws a {@link CoreError} naming the first constant the core does not export or exports with another value. */
export function checkCoreConstants(exports: WebAssembly.Exports): void {
  for (const [name, expected] of Object.entries(CORE_CONSTANTS)) {
    const global = exports[name];
    const value = global instanceof WebAssembly.Global ? (global.value as number) : undefined;
    if (value !== expected) {
      throw new CoreError(
        `core layout mismatch: ${name} is ${value === undefined ? 'not exported' : value}, the wrapper expects ${expected} (a core built from other sources?)`,
      );
    }
  }
}
