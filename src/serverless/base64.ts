/** Base64 (RFC 4648, standard alphabet, padded) for checkpoints in JSON. */
import { decodeBase64, encodeBase64 } from '../base64.js';
import { InvalidOptionError } from '../errors.js';

export function toBase64(bytes: Uint8Array): string {
  return encodeBase64(bytes);
}

/** Decodes strict padded base64; anything else is an InvalidOptionError naming `field`. */
export function fromBase64(text: unknown, field: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new InvalidOptionError(
      field,
      typeof text === 'string' && text.length > 40 ? `${text.slice(0, 40)}...` : text,
      'a checkpoint as padded base64 (from a previous response)',
    );
  }
  return decodeBase64(text);
}
