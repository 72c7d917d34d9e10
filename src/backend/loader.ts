/**
 * One loader for the WebAssembly core, everywhere: Node, vitest, Node workers, Vite and
 * other bundlers (the default source is the core inlined as base64, so no bundler
 * configuration is needed), plus caller-supplied sources for everything else.
 * Edge runtimes that refuse to compile bytes need a precompiled `WebAssembly.Module`:
 * import `criticality/wasm` there and pass it as the source.
 */
import { WASM_BASE64 } from './wasm-inline.js';

/** Where the core comes from: raw bytes, a URL (http(s), file: or relative to the page), a fetch Response, or a compiled Module. */
export type CoreSource = ArrayBuffer | ArrayBufferView<ArrayBuffer> | URL | string | Response | PromiseLike<Response> | WebAssembly.Module;

let inlined: Promise<WebAssembly.Module> | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
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
 * Compiles the core from `source`, or from the inlined bytes when no source is given
 * (compiled once and cached). Rejects when WebAssembly is unavailable or the bytes are invalid.
 */
export async function loadCore(source?: CoreSource): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this runtime');
  if (source === undefined) {
    inlined ??= WebAssembly.compile(decodeBase64(WASM_BASE64)).catch((error: unknown) => {
      inlined = undefined;
      throw error;
    });
    return inlined;
  }
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source as BufferSource);
  if (source instanceof URL) return fromUrl(source);
  if (typeof source === 'string') return fromUrl(new URL(source, globalThis.location?.href ?? `file://${process.cwd()}/`));
  if (typeof Response === 'function' && source instanceof Response) return fromResponse(source);
  if (typeof (source as PromiseLike<Response>).then === 'function') return fromResponse(await source);
  throw new TypeError('core source must be bytes, a URL, a Response or a WebAssembly.Module');
}
