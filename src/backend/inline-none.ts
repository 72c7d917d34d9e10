/**
 * `#inline-core` under the condition "criticality-no-inline": no inlined core in the build. The
 * default loader then needs the shipped .wasm file (emitted by the bundler, or copied next to the
 * bundle) or a `core` option. Same exports as ./inline-core.ts. A leaf.
 */
import type { CoreVariant } from './loader.js';

export const INLINED_CORE = false;

export function inlinedCoreBytes(variant: CoreVariant): Promise<Uint8Array<ArrayBuffer>> {
  return Promise.reject(new Error(`the inlined ${variant} core was left out of this build (condition "criticality-no-inline"): pass the core as an option`));
}
