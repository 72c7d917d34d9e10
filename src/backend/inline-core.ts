/**
 * `#inline-core` (package.json "imports"): the cores inlined as base64, one module per variant,
 * each imported only when the default loader needs it. Vite, webpack and Rollup split each into a
 * chunk that a page downloads only if the shipped .wasm file could not be loaded; esbuild (which
 * does not emit `new URL(..., import.meta.url)` assets) bundles them, and that is what makes its
 * bundles work with no configuration. A build with the condition "criticality-no-inline" resolves
 * `#inline-core` to ./inline-none.ts instead and carries no inlined copy. A leaf.
 */
import { decodeBase64 } from '../base64.js';
import type { CoreVariant } from './loader.js';

/** Whether this build carries the inlined cores. */
export const INLINED_CORE = true;

/** The bytes of an inlined core. */
export async function inlinedCoreBytes(variant: CoreVariant): Promise<Uint8Array<ArrayBuffer>> {
  const { CORE_BASE64 } = variant === 'simd' ? await import('./wasm-inline-simd.js') : await import('./wasm-inline-scalar.js');
  return decodeBase64(CORE_BASE64);
}
