/**
 * One loader for the WebAssembly core, everywhere: Node, vitest, Node workers, Vite and
 * other bundlers (the default source is the core inlined as base64, so no bundler
 * configuration is needed), plus caller-supplied sources for everything else.
 * Edge runtimes that refuse to compile bytes need a precompiled `WebAssembly.Module`:
 * import `criticality/wasm` there and pass it as the source.
 */
import { WASM_BASE64, WASM_SCALAR_BASE64 } from './wasm-inline.js';

import type { CoreSource } from '../vocabulary.js';

export type { CoreSource } from '../vocabulary.js';

/** The two inlined builds of the core: with WebAssembly SIMD (v128), and without for engines that lack it. */
export type CoreVariant = 'simd' | 'scalar';

const inlined: Partial<Record<CoreVariant, Promise<WebAssembly.Module>>> = {};

/**
 * A minimal module that uses SIMD: (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt).
 * `WebAssembly.validate` accepts it exactly where the engine supports SIMD.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7b, 3, 2, 1, 0, 10, 10, 1, 8, 0, 0x41, 0, 0xfd, 0x0f, 0xfd, 0x62, 0x0b,
]);

/** True when this runtime can compile WebAssembly SIMD (feature detection, no compilation). */
export function simdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/** Compiles one of the inlined cores (once; cached). */
export function loadInlinedCore(variant: CoreVariant): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object') return Promise.reject(new Error('WebAssembly is not available in this runtime'));
  const cached = inlined[variant];
  if (cached) return cached;
  const compiled = WebAssembly.compile(decodeBase64(variant === 'simd' ? WASM_BASE64 : WASM_SCALAR_BASE64)).catch((error: unknown) => {
    delete inlined[variant];
    throw error;
  });
  inlined[variant] = compiled;
  return compiled;
}

/** Bytes of a base64 text (atob, available in Node and browsers). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function fromUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  return fromResponse(await fetch(url));
}

async function fromResponse(response: Response): Promise<WebAssembly.Module> {
  if (!response.ok) throw new Error(`could not fetch the core from ${response.url || 'the response'}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Compiles the core from `source`, or when no source is given from the inlined bytes: the SIMD
 * build where the engine supports SIMD, else the scalar build (compiled once and cached). Rejects when WebAssembly is unavailable or the bytes are invalid.
 */
export async function loadCore(source?: CoreSource): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this runtime');
  if (source === undefined) return loadInlinedCore(simdSupported() ? 'simd' : 'scalar');
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source as BufferSource);
  if (source instanceof URL) return fromUrl(source);
  if (typeof source === 'string') return fromUrl(new URL(source, globalThis.location?.href ?? `file://${process.cwd()}/`));
  if (typeof Response === 'function' && source instanceof Response) return fromResponse(source);
  if (typeof (source as PromiseLike<Response>).then === 'function') return fromResponse(await source);
  throw new TypeError('core source must be bytes, a URL, a Response or a WebAssembly.Module');
}
