/**
 * Base64 (RFC 4648, standard alphabet, padded) in plain JavaScript for every runtime: table
 * lookups into a byte array, decoded as ASCII text (a 30 MB checkpoint encodes in well under a
 * second; btoa of a binary string took seconds). A leaf.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='
/** Value of each character code (255: not base64). */
const VALUES = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) VALUES[CODES[i]] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let j = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[j++] = CODES[v >>> 18];
    out[j++] = CODES[(v >>> 12) & 63];
    out[j++] = CODES[(v >>> 6) & 63];
    out[j++] = CODES[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out[j++] = CODES[v >>> 18];
    out[j++] = CODES[(v >>> 12) & 63];
    out[j++] = i + 1 < n ? CODES[(v >>> 6) & 63] : PAD;
    out[j++] = PAD;
  }
  return new TextDecoder('ascii').decode(out);
}

/** Bytes of padded base64 text; throws a TypeError on anything else (callers check the text first). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0) throw new TypeError('base64 text must have a length that is a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let j = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = VALUES[text.charCodeAt(i)];
    const b = VALUES[text.charCodeAt(i + 1)];
    const c = text.charCodeAt(i + 2) === PAD ? 0 : VALUES[text.charCodeAt(i + 2)];
    const d = text.charCodeAt(i + 3) === PAD ? 0 : VALUES[text.charCodeAt(i + 3)];
    if ((a | b | c | d) > 63) throw new TypeError(`not base64 at character ${i}`);
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[j++] = v >>> 16;
    if (j < bytes.length) bytes[j++] = (v >>> 8) & 255;
    if (j < bytes.length) bytes[j++] = v & 255;
  }
  return bytes;
}
