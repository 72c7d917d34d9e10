/**
 * One loader for the WebAssembly core, everywhere. `loadCore(source)` compiles a caller's source
 * (bytes, a URL, a Response, or an already compiled `WebAssembly.Module`); without a source it
 * takes, in this order:
 *   1. the core set with {@link setDefaultCore} (a worker gets the page's compiled Module this way,
 *      so the core is fetched and compiled once and never bundled into the worker);
 *   2. the shipped file, `new URL('../../build/criticality.wasm', import.meta.url)`: Node reads it
 *      from disk, Vite and webpack emit it as an asset and fetch it (no configuration);
 *   3. the fallback registered with {@link registerCoreFallback}: the package entries register the
 *      core inlined as base64 (src/backend/inline.ts), for bundlers that do not emit such assets
 *      (esbuild) and single-file bundles. Worker entries never register it.
 * Edge runtimes that refuse to compile bytes need a precompiled `WebAssembly.Module`: import
 * `criticality/wasm` there and pass it as the source.
 */
import { readFileBytes } from '#platform';

import type { CoreSource } from '../vocabulary.js';

export type { CoreSource } from '../vocabulary.js';

/** The two builds of the core: with WebAssembly SIMD (v128), and without for engines that lack it. */
export type CoreVariant = 'simd' | 'scalar';

/**
 * A minimal module that uses SIMD: (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt).
 * `WebAssembly.validate` accepts it exactly where the engine supports SIMD.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7b, 3, 2, 1, 0, 10, 10, 1, 8, 0, 0x41, 0, 0xfd, 0x0f, 0xfd, 0x62, 0x0b]);

/** True when this runtime can compile WebAssembly SIMD (feature detection, no compilation). */
export function simdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/**
 * The shipped core of a variant, next to the package's dist/ (build/*.wasm). Each URL is written
 * out literally so that bundlers emit the file; undefined where `import.meta.url` is unusable
 * (e.g. an IIFE bundle).
 */
export function coreFileUrl(variant: CoreVariant): URL | undefined {
  try {
    return variant === 'simd' ? new URL('../../build/criticality.wasm', import.meta.url) : new URL('../../build/criticality-scalar.wasm', import.meta.url);
  } catch {
    return undefined;
  }
}

/** A second way to the default core: given the variant, its compiled Module. */
export type CoreFallback = (variant: CoreVariant) => Promise<WebAssembly.Module>;

let fallback: CoreFallback | undefined;
let preset: Promise<WebAssembly.Module> | undefined;
const defaults: Partial<Record<CoreVariant, Promise<WebAssembly.Module>>> = {};

/** Where loadCore() turns when the shipped file cannot be loaded (the package entries register the inlined core). */
export function registerCoreFallback(load: CoreFallback | undefined): void {
  fallback = load;
}

/** Makes loadCore() without a source return this core (undefined: back to the shipped file). */
export function setDefaultCore(source: CoreSource | undefined): void {
  preset = source === undefined ? undefined : loadCore(source);
  preset?.catch(() => {}); // reported to whoever awaits loadCore()
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function fromUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:') return WebAssembly.compile(await readFileBytes(url));
  if (typeof fetch !== 'function') throw new Error(`cannot fetch ${url.href}: no fetch() in this runtime`);
  return fromResponse(await fetch(url));
}

async function fromResponse(response: Response): Promise<WebAssembly.Module> {
  if (!response.ok) throw new Error(`could not fetch the core from ${response.url || 'the response'}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** The shipped file, else the registered fallback; both reasons when neither works. */
async function defaultCore(variant: CoreVariant): Promise<WebAssembly.Module> {
  const url = coreFileUrl(variant);
  let fileError: string;
  try {
    if (!url) throw new Error('import.meta.url is not available in this bundle');
    return await fromUrl(url);
  } catch (error) {
    fileError = reasonOf(error);
  }
  if (!fallback) throw new Error(`could not load the shipped core (${fileError})`);
  try {
    return await fallback(variant);
  } catch (error) {
    throw new Error(`could not load the shipped core (${fileError}) nor the inlined one (${reasonOf(error)})`);
  }
}

/** How long a core source (a promise of a Response, a fetch) may take to arrive before loading fails. */
export const CORE_LOAD_TIMEOUT_MS = 20_000;

/** Exports every criticality core has; a module without them is another WebAssembly module. */
const CORE_EXPORTS = ['memory', 'init', 'SERIES_CAPACITY', 'spinsPtr'];

/** The module, if it is a criticality core; otherwise an Error saying what it lacks. */
function asCore(module: WebAssembly.Module): WebAssembly.Module {
  const names = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = CORE_EXPORTS.find((name) => !names.has(name));
  if (missing)
    throw new Error(`not a criticality core: the module has no export "${missing}" (another WebAssembly module, or a core built from other sources)`);
  return module;
}

/** `promise`, or an Error after CORE_LOAD_TIMEOUT_MS. */
function withTimeout<T>(promise: PromiseLike<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${CORE_LOAD_TIMEOUT_MS / 1000} s`)), CORE_LOAD_TIMEOUT_MS);
  });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Compiles the core from `source`, or without a source the default core (see the module comment:
 * the SIMD build where the engine supports SIMD, else the scalar build; compiled once and cached).
 * Rejects when WebAssembly is unavailable or the bytes are invalid.
 */
export async function loadCore(source?: CoreSource): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this runtime');
  if (source === undefined) {
    if (preset) return preset;
    const variant: CoreVariant = simdSupported() ? 'simd' : 'scalar';
    const loading = (defaults[variant] ??= defaultCore(variant));
    loading.catch(() => {
      if (defaults[variant] === loading) delete defaults[variant];
    });
    return loading;
  }
  if (source instanceof WebAssembly.Module) return asCore(source);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return asCore(await WebAssembly.compile(source as BufferSource));
  if (source instanceof URL) return asCore(await withTimeout(fromUrl(source), `the core at ${source.href}`));
  if (typeof source === 'string') return asCore(await withTimeout(fromUrl(new URL(source, baseUrl())), `the core at ${source}`));
  if (typeof Response === 'function' && source instanceof Response) return asCore(await fromResponse(source));
  if (typeof (source as PromiseLike<Response>)?.then === 'function') {
    const response = await withTimeout(source as PromiseLike<Response>, 'the promised core Response');
    if (!(typeof Response === 'function' && response instanceof Response))
      throw new Error(`a promise of a core source must resolve to a Response, got ${response === null ? 'null' : typeof response}`);
    return asCore(await fromResponse(response));
  }
  throw new TypeError('core source must be bytes, a URL, a Response or a WebAssembly.Module');
}

export { isCoreSource } from '../validate.js';

/** What a relative URL string is relative to: the page, or the working directory in Node. */
function baseUrl(): string | undefined {
  const location = (globalThis as { location?: { href: string } }).location;
  if (location) return location.href;
  const cwd = typeof process === 'object' ? process.cwd?.() : undefined;
  return cwd === undefined ? undefined : `file://${cwd}/`;
}
