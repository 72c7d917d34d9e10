/**
 * The WebAssembly block-spin kernel: drives assembly/rg.ts inside the simulation's own core
 * instance (it reads the lattice in place), copying results out of WebAssembly memory.
 */
import { CoreError, InvalidOptionError } from '../../errors.js';
import { RG_OPERATORS, type BlockRule, type BlockSpinKernel } from '../../backend/rg-types.js';
import { guarded } from '../../backend/core-call.js';

/** The RG exports of build/criticality.wasm (assembly/rg.ts). */
export interface RgCoreExports {
  readonly memory: WebAssembly.Memory;
  readonly RG_OPERATORS: WebAssembly.Global;
  readonly RG_RULE_MAJORITY: WebAssembly.Global;
  readonly RG_RULE_DECIMATION: WebAssembly.Global;
  rgSetState(a: number, b: number, c: number, d: number): void;
  rgGetState(k: number): number;
  rgConfigure(size: number, block: number, levels: number, patterns: number, dimension: number): number;
  rgBuild(rule: number): number;
  rgMeasure(): void;
  rgLevelPtr(level: number): number;
  rgOperatorsPtr(): number;
  rgPatternsPtr(): number;
  rgPatternCount(): number;
}

export class WasmBlockSpinKernel implements BlockSpinKernel {
  readonly backend = 'wasm' as const;
  private readonly core: () => RgCoreExports;
  private readonly size: number;
  private readonly dimension: 2 | 3;
  private block = 2;
  private levels = 0;

  /** `core` returns the live exports of the simulation's instance (it throws once disposed); `dimension` 3 for the L x L x L lattice. */
  constructor(core: () => RgCoreExports, size: number, dimension: 2 | 3 = 2) {
    core(); // throws once disposed; the core's constants were checked at instantiation (core-constants.ts)
    this.core = core;
    this.size = size;
    this.dimension = dimension;
  }

  configure(blockSize: number, levels: number, patterns: boolean): void {
    const core = this.core();
    if (guarded('rgConfigure', () => core.rgConfigure(this.size, blockSize, levels, patterns ? 1 : 0, this.dimension)) !== 0) {
      throw new InvalidOptionError(
        'levels',
        levels,
        `a block pyramid that fits in WebAssembly memory (growing memory for ${levels} levels of blocks of ${blockSize} over a lattice of ` +
          `size ${this.size} in ${this.dimension}D failed)`,
      );
    }
    this.block = blockSize;
    this.levels = levels;
  }

  getRngState(): Uint32Array {
    const core = this.core();
    return Uint32Array.from([0, 1, 2, 3], (k) => core.rgGetState(k) >>> 0);
  }

  setRngState(state: Uint32Array): void {
    this.core().rgSetState(state[0], state[1], state[2], state[3]);
  }

  build(rule: BlockRule): number {
    const core = this.core();
    const code = rule === 'majority' ? core.RG_RULE_MAJORITY.value : core.RG_RULE_DECIMATION.value;
    return guarded('rgBuild', () => core.rgBuild(code));
  }

  measure(out: Float64Array): void {
    const core = this.core();
    guarded('rgMeasure', () => core.rgMeasure());
    const count = (this.levels + 1) * RG_OPERATORS;
    out.set(new Float64Array(core.memory.buffer, core.rgOperatorsPtr(), count));
  }

  readPatterns(out: Uint32Array): void {
    const core = this.core();
    const perLevel = core.rgPatternCount();
    if (perLevel === 0) return;
    out.set(new Uint32Array(core.memory.buffer, core.rgPatternsPtr(), this.levels * perLevel));
  }

  readLevel(level: number): Int8Array {
    const core = this.core();
    let n = this.size;
    for (let k = 0; k < level; k++) n /= this.block;
    return new Int8Array(core.memory.buffer, core.rgLevelPtr(level), n ** this.dimension).slice();
  }
}
