/**
 * The WebAssembly language kernels: an instance of the core of its own (the loader's compiled
 * module, src/backend/loader.ts), holding one text and the count regions, driven through the narrow
 * ABI of assembly/language.ts. Regions come from the core's bump allocator and are reused while
 * large enough (an instance never frees; a new kernel per analysis keeps memory bounded).
 */
import { CoreError, InvalidOptionError } from '../errors.js';
import { loadCore, type CoreSource } from '../backend/loader.js';
import { guarded } from '../backend/core-call.js';
import { blockCount, type ChainTable, type LanguageKernel, type TreeTables } from './kernel.js';

/** The exports of the core that the language kernels use (assembly/language.ts and the generator). */
export interface LanguageCoreExports {
  readonly memory: WebAssembly.Memory;
  langReserve(bytes: number): number;
  langEqualCounts(text: number, n: number, width: number, blockLen: number, maxR: number, out: number): void;
  langPairCounts(text: number, n: number, width: number, blockLen: number, r: number, K: number, out: number): void;
  langNgramCounts(text: number, n: number, width: number, blockLen: number, k: number, K: number, out: number): void;
  langSampleChain(rows: number, thresholds: number, symbols: number, next: number, state: number, length: number, out: number, width: number): number;
  langSampleTrees(
    branch: number,
    emit: number,
    N: number,
    M: number,
    depth: number,
    sentences: number,
    root: number,
    scratch: number,
    out: number,
    width: number,
    hidden: number,
  ): void;
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
}

type TypedArray = Uint8Array | Uint16Array | Int32Array | Uint32Array;

export class WasmLanguageKernel implements LanguageKernel {
  readonly backend = 'wasm' as const;
  private readonly regions = new Map<string, { ptr: number; bytes: number }>();
  private text = { ptr: 0, n: 0, width: 1 };

  private constructor(private readonly core: LanguageCoreExports) {}

  /** Instantiates the core (compiled once by the loader) for the language kernels. */
  static async create(source?: CoreSource): Promise<WasmLanguageKernel> {
    const module = await loadCore(source);
    const instance = await WebAssembly.instantiate(module, {
      env: {
        abort(): never {
          throw new CoreError('WebAssembly core aborted in a language kernel');
        },
      },
    });
    return new WasmLanguageKernel(instance.exports as unknown as LanguageCoreExports);
  }

  /** A region of at least `bytes` (zeroed when `zero`), reused under its name while large enough. */
  private region(name: string, bytes: number, zero = true): number {
    const have = this.regions.get(name);
    if (have && have.bytes >= bytes) {
      if (zero) new Uint8Array(this.core.memory.buffer, have.ptr, bytes).fill(0);
      return have.ptr;
    }
    const ptr = bytes > 0x7fffffff ? 0 : this.core.langReserve(Math.max(bytes, 1));
    if (ptr === 0) throw new InvalidOptionError('symbols', `${bytes} bytes of kernel memory`, 'a text and count tables that fit in WebAssembly memory (4 GiB)');
    this.regions.set(name, { ptr, bytes: Math.max(bytes, 1) });
    return ptr;
  }

  /** Copies `data` into the region `name`; returns its address. */
  private put(name: string, data: TypedArray): number {
    const ptr = this.region(name, data.byteLength, false);
    new Uint8Array(this.core.memory.buffer, ptr, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return ptr;
  }

  private read<T extends TypedArray>(Type: { new (buffer: ArrayBuffer, offset: number, length: number): T }, ptr: number, length: number): T {
    return new Type(this.core.memory.buffer, ptr, length).slice() as T;
  }

  private setRng(rng: Uint32Array): void {
    this.core.rngSetState(rng[0], rng[1], rng[2], rng[3]);
  }

  private getRng(rng: Uint32Array): void {
    for (let k = 0; k < 4; k++) rng[k] = this.core.rngGetState(k) >>> 0;
  }

  setText(symbols: Uint8Array | Uint16Array): void {
    this.text = { ptr: this.put('text', symbols), n: symbols.length, width: symbols.BYTES_PER_ELEMENT };
  }

  equalCounts(blockLen: number, maxR: number): Int32Array {
    const { ptr, n, width } = this.text;
    const length = blockCount(n, blockLen) * (maxR + 1);
    const out = this.region('counts', length * 4);
    guarded('langEqualCounts', () => this.core.langEqualCounts(ptr, n, width, blockLen, maxR, out));
    return this.read(Int32Array, out, length);
  }

  pairCounts(blockLen: number, r: number, K: number): Int32Array {
    const { ptr, n, width } = this.text;
    const length = blockCount(n, blockLen) * K * K;
    const out = this.region('counts', length * 4);
    guarded('langPairCounts', () => this.core.langPairCounts(ptr, n, width, blockLen, r, K, out));
    return this.read(Int32Array, out, length);
  }

  ngramCounts(blockLen: number, k: number, K: number): Int32Array {
    const { ptr, n, width } = this.text;
    const length = blockCount(n, blockLen) * K ** k;
    const out = this.region('counts', length * 4);
    guarded('langNgramCounts', () => this.core.langNgramCounts(ptr, n, width, blockLen, k, K, out));
    return this.read(Int32Array, out, length);
  }

  sampleChain(table: ChainTable, state: number, length: number, width: 1 | 2, rng: Uint32Array): { symbols: Uint8Array | Uint16Array; state: number } {
    const rows = this.put('rows', table.rows);
    const thresholds = this.put('thresholds', table.thresholds);
    const symbols = this.put('symbols', table.symbols);
    const next = this.put('next', table.next);
    const out = this.region('out', length * width, false);
    this.setRng(rng);
    const end = guarded('langSampleChain', () => this.core.langSampleChain(rows, thresholds, symbols, next, state, length, out, width));
    this.getRng(rng);
    return { symbols: width === 1 ? this.read(Uint8Array, out, length) : this.read(Uint16Array, out, length), state: end };
  }

  sampleTrees(
    tables: TreeTables,
    depth: number,
    sentences: number,
    root: number,
    width: 1 | 2,
    rng: Uint32Array,
    keepHidden: boolean,
  ): { symbols: Uint8Array | Uint16Array; hidden?: Uint16Array } {
    const branch = this.put('branch', tables.branch);
    const emit = this.put('emit', tables.emit);
    const leaves = 1 << depth;
    const length = leaves * sentences;
    const scratch = this.region('scratch', 8 * leaves, false);
    const out = this.region('out', length * width, false);
    const hidden = keepHidden ? this.region('hidden', 2 * length, false) : 0;
    this.setRng(rng);
    guarded('langSampleTrees', () =>
      this.core.langSampleTrees(branch, emit, tables.hidden, tables.observable, depth, sentences, root, scratch, out, width, hidden),
    );
    this.getRng(rng);
    const symbols = width === 1 ? this.read(Uint8Array, out, length) : this.read(Uint16Array, out, length);
    return keepHidden ? { symbols, hidden: this.read(Uint16Array, hidden, length) } : { symbols };
  }
}
