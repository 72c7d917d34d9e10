/** Picks the language kernel: WebAssembly where available (`auto`), or the JavaScript twin. */
import { BackendUnavailableError, InvalidOptionError } from '../errors.js';
import type { CoreSource } from '../backend/loader.js';
import { JsLanguageKernel } from './kernel-js.js';
import { WasmLanguageKernel } from './kernel-wasm.js';
import type { LanguageKernel } from './kernel.js';

export const LANGUAGE_BACKENDS = ['auto', 'wasm', 'js'] as const;
export type LanguageBackendChoice = (typeof LANGUAGE_BACKENDS)[number];

/** A fresh kernel (a WebAssembly instance of its own, or the JS twin). `core` overrides the inlined core. */
export async function createLanguageKernel(backend: unknown = 'auto', core?: CoreSource): Promise<LanguageKernel> {
  if (backend !== 'auto' && backend !== 'wasm' && backend !== 'js')
    throw new InvalidOptionError('backend', backend, `one of ${LANGUAGE_BACKENDS.map((b) => `"${b}"`).join(', ')}`);
  if (backend === 'js') return new JsLanguageKernel();
  if (typeof WebAssembly !== 'object') {
    if (backend === 'wasm') throw new BackendUnavailableError('wasm', 'WebAssembly is not available in this runtime');
    return new JsLanguageKernel();
  }
  try {
    return await WasmLanguageKernel.create(core);
  } catch (error) {
    if (backend === 'wasm') throw new BackendUnavailableError('wasm', error instanceof Error ? error.message : String(error));
    return new JsLanguageKernel();
  }
}
