/**
 * Symbol texts: the input of every language statistic. A text is a sequence of integer codes
 * 0 .. K-1 (K = alphabetSize <= 65536) stored one byte a symbol when K <= 256 and two bytes
 * otherwise, with optional labels (the word or tag of each code). Texts are built from integer
 * sequences ({@link toSymbolText}) or from tokens, all at once or streamed in chunks
 * ({@link TokenEncoder}), so a long text never has to be held as a JS array of strings.
 */
import { InvalidOptionError } from '../errors.js';

/** Largest alphabet: codes are stored as u16. */
export const MAX_ALPHABET = 65536;
/** Longest text (symbols): kernel indices are i32. */
export const MAX_TEXT_LENGTH = 0x7fffffff;

export interface SymbolText {
  /** Codes 0 .. alphabetSize - 1 (Uint8Array when alphabetSize <= 256). */
  readonly symbols: Uint8Array | Uint16Array;
  /** Number of distinct codes the alphabet allows (every code is below it). */
  readonly alphabetSize: number;
  /** Label of each code (the token or tag), when known. */
  readonly labels?: readonly string[];
}

/** What analyses accept as a text: a {@link SymbolText} or any array of integer codes. */
export type TextInput = SymbolText | ArrayLike<number>;

function isSymbolText(input: unknown): input is SymbolText {
  return typeof input === 'object' && input !== null && 'symbols' in input && 'alphabetSize' in input;
}

/** Bytes per symbol for an alphabet of K codes. */
export function symbolWidth(alphabetSize: number): 1 | 2 {
  return alphabetSize <= 256 ? 1 : 2;
}

/**
 * A {@link SymbolText} from integer codes. Codes are remapped densely in order of first appearance
 * (labels keep the original integers), so K is the number of distinct codes. A SymbolText is checked
 * and passed through. Throws InvalidOptionError (field `option`) for an empty text or a code that is
 * not an integer >= 0, or more than 65536 distinct codes.
 */
export function toSymbolText(input: TextInput, option = 'symbols'): SymbolText {
  if (isSymbolText(input)) {
    const { symbols, alphabetSize } = input;
    if (!(symbols instanceof Uint8Array || symbols instanceof Uint16Array) || symbols.length === 0) {
      throw new InvalidOptionError(option, input, 'a non-empty text (symbols: Uint8Array or Uint16Array)');
    }
    if (!Number.isInteger(alphabetSize) || alphabetSize < 1 || alphabetSize > MAX_ALPHABET || (symbols instanceof Uint16Array && alphabetSize <= 256)) {
      throw new InvalidOptionError(`${option}.alphabetSize`, alphabetSize, 'an integer from 1 to 65536 (Uint8Array symbols for at most 256)');
    }
    for (let i = 0; i < symbols.length; i++) {
      if (symbols[i] >= alphabetSize) throw new InvalidOptionError(`${option}.symbols`, symbols[i], `codes below alphabetSize ${alphabetSize} (at index ${i})`);
    }
    return input;
  }
  if (input === null || typeof input !== 'object' || typeof (input as ArrayLike<number>).length !== 'number') {
    throw new InvalidOptionError(option, input, 'a non-empty array of integer symbols or a SymbolText');
  }
  const n = input.length;
  if (n === 0) throw new InvalidOptionError(option, 'an empty sequence', 'a non-empty sequence of symbols');
  if (n > MAX_TEXT_LENGTH) throw new InvalidOptionError(option, n, `at most ${MAX_TEXT_LENGTH} symbols`);
  const codes = new Map<number, number>();
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const v = input[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InvalidOptionError(`${option}[${i}]`, v, 'an integer symbol >= 0');
    let c = codes.get(v);
    if (c === undefined) {
      c = codes.size;
      if (c >= MAX_ALPHABET) throw new InvalidOptionError(option, `${c + 1} distinct symbols`, `at most ${MAX_ALPHABET} distinct symbols`);
      codes.set(v, c);
    }
    out[i] = c;
  }
  const alphabetSize = codes.size;
  return { symbols: alphabetSize <= 256 ? Uint8Array.from(out) : out, alphabetSize, labels: [...codes.keys()].map(String) };
}

/**
 * Encodes tokens (words, tags) to codes in order of first appearance, chunk by chunk: the text grows in
 * a typed array (doubling), never as an array of strings.
 */
export class TokenEncoder {
  private readonly codes = new Map<string, number>();
  private buffer = new Uint16Array(1024);
  private length = 0;

  /** Appends tokens; returns the number of symbols so far. */
  push(tokens: Iterable<string>): number {
    for (const token of tokens) {
      let c = this.codes.get(token);
      if (c === undefined) {
        c = this.codes.size;
        if (c >= MAX_ALPHABET) throw new InvalidOptionError('tokens', `${c + 1} distinct tokens`, `at most ${MAX_ALPHABET} distinct tokens`);
        this.codes.set(token, c);
      }
      if (this.length === this.buffer.length) {
        const grown = new Uint16Array(this.buffer.length * 2);
        grown.set(this.buffer);
        this.buffer = grown;
      }
      this.buffer[this.length++] = c;
    }
    return this.length;
  }

  /** Code of a token seen so far (undefined otherwise). */
  code(token: string): number | undefined {
    return this.codes.get(token);
  }

  /** The text so far (a copy). Throws InvalidOptionError when no token was pushed. */
  finish(): SymbolText {
    if (this.length === 0) throw new InvalidOptionError('tokens', 'an empty sequence', 'at least one token');
    const K = this.codes.size;
    const view = this.buffer.subarray(0, this.length);
    return { symbols: K <= 256 ? Uint8Array.from(view) : view.slice(), alphabetSize: K, labels: [...this.codes.keys()] };
  }
}

/** A text from tokens: `encodeTokens("the cat the dog".split(" "))`. */
export function encodeTokens(tokens: Iterable<string>): SymbolText {
  const encoder = new TokenEncoder();
  encoder.push(tokens);
  return encoder.finish();
}
