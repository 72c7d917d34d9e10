/** Base64 (RFC 4648, standard alphabet, padded) for checkpoints in JSON, with atob/btoa (every runtime has them). */
import { InvalidOptionError } from '../errors.js';

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes strict padded base64; anything else is an InvalidOptionError naming `field`. */
export function fromBase64(text: unknown, field: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new InvalidOptionError(field, typeof text === 'string' && text.length > 40 ? `${text.slice(0, 40)}...` : text, 'a checkpoint as padded base64 (from a previous response)');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
