/**
 * The WebAssembly Potts kernel: drives assembly/potts.ts inside one core instance per simulation
 * (src/backend/core-instance.ts, which sets up its lattice), in
 * batches of sweeps; results are copied out of WebAssembly memory.
 */
import { CoreError, InvalidOptionError } from '../../errors.js';
import { guarded } from '../../backend/core-call.js';
import { CoreInstance } from '../../backend/core-instance.js';
import { geometryOf, sitesOf, type LatticeGeometry } from '../../lattice.js';
import type { Lattice } from '../../vocabulary.js';
import {
  checkPottsSize,
  checkQ,
  checkStates,
  POTTS_HEATBATH_GROUPS,
  POTTS_HEATBATH_PATTERNS,
  POTTS_MAX_PATTERNS,
  POTTS_MAX_Q,
  POTTS_METROPOLIS_ENTRIES,
  POTTS_PARTITION_KEYS,
  POTTS_SOURCE_STRIDE,
  pottsCorrelationValues,
  pottsRecordWidth,
  pottsTables,
  type PottsAlgorithm,
  type PottsBlockRule,
  type PottsBlockSpinKernel,
  type PottsKernel,
} from './kernel.js';
import {
  POTTS_CUBIC_HEATBATH_GROUPS,
  POTTS_CUBIC_HEATBATH_PATTERNS,
  POTTS_CUBIC_METROPOLIS_ENTRIES,
  POTTS_CUBIC_PARTITION_KEYS,
  POTTS_CUBIC_SOURCE_STRIDE,
  pottsCubicTables,
} from './cubic-local.js';

/** The Potts exports of build/criticality.wasm (assembly/index.ts, assembly/potts.ts). */
export interface PottsCoreExports {
  readonly memory: WebAssembly.Memory;
  readonly POTTS_MAX_Q: WebAssembly.Global;
  readonly POTTS_METROPOLIS_ENTRIES: WebAssembly.Global;
  readonly POTTS_HEATBATH_PATTERNS: WebAssembly.Global;
  readonly POTTS_HEATBATH_GROUPS: WebAssembly.Global;
  readonly POTTS_SOURCE_STRIDE: WebAssembly.Global;
  readonly POTTS_PARTITION_KEYS: WebAssembly.Global;
  readonly POTTS_MAX_PATTERNS: WebAssembly.Global;
  readonly POTTS_RG_MAJORITY: WebAssembly.Global;
  readonly POTTS_RG_DECIMATION: WebAssembly.Global;
  spinsPtr(): number;
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
  rngNext(): number;
  pottsInit(q: number): number;
  pottsMetropolisPtr(): number;
  pottsPartitionsPtr(): number;
  pottsHeatBathPtr(): number;
  pottsSourcesPtr(): number;
  pottsCountsPtr(): number;
  pottsRecordsPtr(): number;
  pottsBondCount(): number;
  pottsRecordCapacity(): number;
  pottsPrepare(): void;
  pottsFillCold(): void;
  pottsFillHot(): void;
  pottsRecount(): number;
  pottsSweep(heatBath: number, sweeps: number, record: number): number;
  pottsCorrelations(): number;
  pottsCorrelationsPtr(): number;
  pottsRgConfigure(block: number, levels: number, patterns: number): number;
  pottsRgPatternCount(): number;
  pottsRgPatternsPtr(): number;
  pottsRgBuild(rule: number): number;
  pottsCubicInit(): number;
  pottsCubicMetropolisPtr(): number;
  pottsCubicPartitionsPtr(): number;
  pottsCubicHeatBathPtr(): number;
  pottsCubicSourcesPtr(): number;
  pottsCubicSweep(heatBath: number, sweeps: number, record: number): number;
  rgSetState(a: number, b: number, c: number, d: number): void;
  rgGetState(k: number): number;
  rgLevelPtr(level: number): number;
}

/** Constants mirrored between assembly/potts.ts and src/models/potts/kernel.ts, checked at instantiation. */
const MIRRORED = {
  POTTS_MAX_Q,
  POTTS_METROPOLIS_ENTRIES,
  POTTS_HEATBATH_PATTERNS,
  POTTS_HEATBATH_GROUPS,
  POTTS_SOURCE_STRIDE,
  POTTS_PARTITION_KEYS,
  POTTS_MAX_PATTERNS,
  POTTS_CUBIC_METROPOLIS_ENTRIES,
  POTTS_CUBIC_PARTITION_KEYS,
  POTTS_CUBIC_HEATBATH_PATTERNS,
  POTTS_CUBIC_HEATBATH_GROUPS,
  POTTS_CUBIC_SOURCE_STRIDE,
} as const;

type ViewType<T> = new (buffer: ArrayBuffer, offset: number, length: number) => T;

/** A fresh view of the core's memory (memory.grow detaches old ones). */
function view<T>(core: PottsCoreExports, Type: ViewType<T>, ptr: number, length: number): T {
  return new Type(core.memory.buffer as ArrayBuffer, ptr, length);
}

export class WasmPottsKernel implements PottsKernel {
  readonly backend = 'wasm' as const;
  readonly size: number;
  readonly q: number;
  readonly lattice: Lattice;
  private readonly geometry: LatticeGeometry;
  private base: CoreInstance | undefined;

  private constructor(base: CoreInstance, size: number, q: number, lattice: Lattice) {
    this.base = base;
    this.size = size;
    this.q = q;
    this.lattice = lattice;
    this.geometry = geometryOf(lattice);
  }

  /** Instantiates the compiled core for a lattice (square unless named) of q states, all in state 0, at beta = 0, h = 0. */
  static async create(module: WebAssembly.Module, size: number, q: number, lattice: Lattice = 'square'): Promise<WasmPottsKernel> {
    checkPottsSize(size);
    checkQ(q);
    const base = await CoreInstance.create(module, size, undefined, lattice);
    const core = base.exports as unknown as PottsCoreExports;
    for (const [name, value] of Object.entries(MIRRORED)) {
      const global = (core as unknown as Record<string, WebAssembly.Global | undefined>)[name];
      if (!(global instanceof WebAssembly.Global) || global.value !== value) {
        throw new CoreError(`core layout mismatch: ${name} ${global instanceof WebAssembly.Global ? global.value : 'missing'}, wrapper expects ${value}`);
      }
    }
    if (guarded('pottsInit', () => core.pottsInit(q)) !== 0 || (lattice === 'cubic' && guarded('pottsCubicInit', () => core.pottsCubicInit()) !== 0)) {
      throw new InvalidOptionError(
        'size',
        size,
        `a lattice that fits in WebAssembly memory (growing memory for the Potts tables and records of a ${size}x${size} lattice failed)`,
      );
    }
    const kernel = new WasmPottsKernel(base, size, q, lattice);
    kernel.setCouplings(0, 0);
    return kernel;
  }

  /** The instance's exports (kernels that share this instance use them). */
  get exports(): PottsCoreExports {
    if (!this.base) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.base.exports as unknown as PottsCoreExports;
  }

  get bondCount(): number {
    return this.exports.pottsBondCount();
  }

  getRngState(): Uint32Array {
    const core = this.exports;
    return Uint32Array.from([0, 1, 2, 3], (k) => core.rngGetState(k) >>> 0);
  }

  setRngState(state: Uint32Array): void {
    this.exports.rngSetState(state[0], state[1], state[2], state[3]);
  }

  nextU32(): number {
    return this.exports.rngNext() >>> 0;
  }

  fill(start: 'hot' | 'cold'): void {
    const core = this.exports;
    guarded('fill', () => (start === 'hot' ? core.pottsFillHot() : core.pottsFillCold()));
  }

  readSpins(): Uint8Array {
    const core = this.exports;
    return view(core, Uint8Array, core.spinsPtr(), sitesOf(this.geometry, this.size)).slice();
  }

  writeSpins(states: Uint8Array): void {
    const core = this.exports;
    const sites = sitesOf(this.geometry, this.size);
    checkStates(states, sites, this.q);
    view(core, Uint8Array, core.spinsPtr(), sites).set(states);
    guarded('recount', () => core.pottsRecount());
  }

  setCouplings(beta: number, field: number): void {
    const core = this.exports;
    const toU64 = (table: Float64Array) => BigUint64Array.from(table, (t) => BigInt(t));
    if (this.geometry.dimension === 3) {
      const cubic = pottsCubicTables(beta, field, this.q);
      view(core, BigUint64Array, core.pottsCubicMetropolisPtr(), cubic.metropolis.length).set(toU64(cubic.metropolis));
      view(core, Uint8Array, core.pottsCubicPartitionsPtr(), cubic.heatBath.partitions.length).set(cubic.heatBath.partitions);
      view(core, BigUint64Array, core.pottsCubicHeatBathPtr(), cubic.heatBath.thresholds.length).set(toU64(cubic.heatBath.thresholds));
      view(core, Uint8Array, core.pottsCubicSourcesPtr(), cubic.heatBath.sources.length).set(cubic.heatBath.sources);
      return;
    }
    const tables = pottsTables(beta, field, this.q);
    view(core, BigUint64Array, core.pottsMetropolisPtr(), tables.metropolis.length).set(toU64(tables.metropolis));
    view(core, Uint8Array, core.pottsPartitionsPtr(), tables.heatBath.partitions.length).set(tables.heatBath.partitions);
    view(core, BigUint64Array, core.pottsHeatBathPtr(), tables.heatBath.thresholds.length).set(toU64(tables.heatBath.thresholds));
    view(core, Uint8Array, core.pottsSourcesPtr(), tables.heatBath.sources.length).set(tables.heatBath.sources);
    guarded('pottsPrepare', () => core.pottsPrepare());
  }

  sweep(algorithm: PottsAlgorithm, sweeps: number, out?: Int32Array): number {
    const core = this.exports;
    const heatBath = algorithm === 'heat-bath' ? 1 : 0;
    const cubic = this.geometry.dimension === 3;
    const call = (n: number, record: number): number => {
      const changed = guarded(algorithm, () => (cubic ? core.pottsCubicSweep(heatBath, n, record) : core.pottsSweep(heatBath, n, record)));
      if (changed < 0) throw new CoreError(`pottsSweep refused ${n} recorded sweeps (at most ${core.pottsRecordCapacity()} a call)`);
      return changed;
    };
    if (!out) return call(sweeps, 0);
    const width = pottsRecordWidth(this.q);
    const capacity = core.pottsRecordCapacity();
    let changed = 0;
    for (let done = 0; done < sweeps;) {
      const n = Math.min(capacity, sweeps - done);
      changed += call(n, 1);
      out.set(view(core, Int32Array, core.pottsRecordsPtr(), n * width), done * width);
      done += n;
    }
    return changed;
  }

  record(out: Int32Array): void {
    const core = this.exports;
    out[0] = core.pottsBondCount();
    out.set(view(core, Int32Array, core.pottsCountsPtr(), this.q), 1);
  }

  correlations(out: Int32Array): void {
    const core = this.exports;
    if (guarded('correlations', () => core.pottsCorrelations()) !== 0) {
      throw new CoreError(`WebAssembly memory could not grow for the correlation buffers of a ${this.size}x${this.size} lattice with q = ${this.q}`);
    }
    out.set(view(core, Int32Array, core.pottsCorrelationsPtr(), pottsCorrelationValues(this.size, this.q)));
  }

  blockSpins(): WasmPottsBlockSpins {
    return new WasmPottsBlockSpins(() => this.exports, this.size, this.geometry.dimension);
  }

  dispose(): void {
    this.base?.dispose();
    this.base = undefined;
  }
}

/** The WebAssembly block-spin kernel of a Potts lattice (assembly/potts.ts over assembly/rg.ts's pyramid and RG stream). */
export class WasmPottsBlockSpins implements PottsBlockSpinKernel {
  readonly backend = 'wasm' as const;
  private readonly core: () => PottsCoreExports;
  private readonly size: number;
  private readonly dimension: 2 | 3;
  private block = 2;
  private levels = 0;
  patternCount = 0;

  /** `core` returns the live exports of the simulation's instance (it throws once disposed); `dimension` 3 on the cubic lattice. */
  constructor(core: () => PottsCoreExports, size: number, dimension: 2 | 3 = 2) {
    this.core = core;
    this.size = size;
    this.dimension = dimension;
  }

  configure(blockSize: number, levels: number, patterns: boolean): void {
    const core = this.core();
    if (guarded('pottsRgConfigure', () => core.pottsRgConfigure(blockSize, levels, patterns ? 1 : 0)) !== 0) {
      throw new InvalidOptionError(
        'levels',
        levels,
        `a block pyramid that fits in WebAssembly memory (growing memory for ${levels} levels of blocks of ${blockSize} over a lattice of ` +
          `size ${this.size} in ${this.dimension}D failed)`,
      );
    }
    this.block = blockSize;
    this.levels = levels;
    this.patternCount = core.pottsRgPatternCount();
  }

  getRngState(): Uint32Array {
    const core = this.core();
    return Uint32Array.from([0, 1, 2, 3], (k) => core.rgGetState(k) >>> 0);
  }

  setRngState(state: Uint32Array): void {
    this.core().rgSetState(state[0], state[1], state[2], state[3]);
  }

  build(rule: PottsBlockRule): number {
    const core = this.core();
    const code = rule === 'majority' ? core.POTTS_RG_MAJORITY.value : core.POTTS_RG_DECIMATION.value;
    return guarded('pottsRgBuild', () => core.pottsRgBuild(code));
  }

  readLevel(level: number): Uint8Array {
    const core = this.core();
    const n = this.size / this.block ** level;
    return view(core, Uint8Array, core.rgLevelPtr(level), n ** this.dimension).slice();
  }

  readPatterns(out: Uint32Array): void {
    if (this.patternCount === 0) return;
    const core = this.core();
    out.set(view(core, Uint32Array, core.pottsRgPatternsPtr(), this.levels * this.patternCount));
  }
}
