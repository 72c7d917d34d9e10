/**
 * The level-0 stages of the WebAssembly block-spin kernel on a packed lattice
 * (assembly/rg-packed.ts), in the same core instance as the packed lattice and the pyramid.
 */
import { InvalidOptionError } from '../../errors.js';
import { RG_OPERATORS, type BlockRule, type PackedLevelZero } from '../../backend/rg-types.js';
import type { RgCoreExports } from './rg-wasm.js';
import { guarded } from '../../backend/core-call.js';

/** The packed RG exports of the core (assembly/rg-packed.ts). */
export interface PackedRgCoreExports extends RgCoreExports {
  rgPackedConfigure(): number;
  rgBuildPacked(rule: number): number;
  rgMeasurePacked(): void;
}

export class WasmPackedLevelZero implements PackedLevelZero {
  private levels = 0;

  /** `core` returns the live exports of the simulation's instance (it throws once disposed). */
  constructor(private readonly core: () => PackedRgCoreExports) {}

  configure(blockSize: number, levels: number): void {
    const core = this.core();
    if (guarded('rgPackedConfigure', () => core.rgPackedConfigure()) !== 0) {
      throw new InvalidOptionError(
        'blockSize',
        blockSize,
        `a block size whose packed scratch fits in WebAssembly memory (growing memory for ${blockSize} rows of the packed lattice failed)`,
      );
    }
    this.levels = levels;
  }

  build(rule: BlockRule): number {
    const core = this.core();
    const code = rule === 'majority' ? core.RG_RULE_MAJORITY.value : core.RG_RULE_DECIMATION.value;
    return guarded('rgBuildPacked', () => core.rgBuildPacked(code));
  }

  measure(out: Float64Array): void {
    const core = this.core();
    guarded('rgMeasurePacked', () => core.rgMeasurePacked());
    out.set(new Float64Array(core.memory.buffer, core.rgOperatorsPtr(), (this.levels + 1) * RG_OPERATORS));
  }
}
