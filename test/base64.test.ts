// Base64 of checkpoints and inlined cores (src/base64.ts): byte for byte what Node's Buffer
// writes and reads, for every length remainder, and it refuses text that is not base64.
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../src/base64.js';

describe('base64', () => {
  it('round-trips every length from 0 to 300 like Buffer', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n * 7) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual(bytes);
    }
  });

  it('refuses what is not padded base64', () => {
    expect(() => decodeBase64('abc')).toThrow(TypeError);
    expect(() => decodeBase64('ab!d')).toThrow(/not base64/);
  });
});
