/**
 * The packed Metropolis kernel of the WebAssembly core (assembly/packed.ts), sharing one
 * instance (memory and generator) with the byte kernels of a {@link WasmIsingKernel}.
 */
import { InvalidOptionError } from '../../errors.js';
import type { IsingKernel } from './types.js';
import { SERIES_CAPACITY } from './types.js';
import type { PackedEngine } from './packed.js';
import type { BlockSpinKernel, PackedLevelZero } from '../../backend/rg-types.js';
import { WasmPackedLevelZero, type PackedRgCoreExports } from './rg-packed-wasm.js';
import { guarded } from '../../backend/core-call.js';
import { WasmIsingKernel } from './kernel-wasm.js';
import { packedExportsFor, type PackedCoreExports } from './packed-exports.js';
import { geometryOf, shapeOf } from '../../lattice.js';

export type { PackedCoreExports } from './packed-exports.js';

export class WasmPackedEngine implements PackedEngine {
  protected constructor(protected readonly core: PackedCoreExports) {}

  /** Reserves the packed regions in the byte kernel's instance (after its init); returns the packed exports. */
  protected static reserve(byte: WasmIsingKernel): PackedCoreExports {
    const core = packedExportsFor(byte.exports, byte.lattice);
    if (typeof core.packedInit !== 'function') {
      throw new InvalidOptionError('layout', 'packed', 'a core with the packed kernel (this core predates it; use layout "byte")');
    }
    if (guarded('packedInit', () => core.packedInit(byte.size)) !== 0) {
      throw new InvalidOptionError(
        'size',
        byte.size,
        `a lattice that fits in WebAssembly memory (growing memory for a packed ${shapeOf(geometryOf(byte.lattice), byte.size)} lattice failed)`,
      );
    }
    return core;
  }

  /** The packed engine of the byte kernel's instance. */
  static create(byte: WasmIsingKernel): WasmPackedEngine {
    return new WasmPackedEngine(WasmPackedEngine.reserve(byte));
  }

  get bondSum(): number {
    return this.core.getPackedBondSum();
  }

  get magnetization(): number {
    return this.core.getPackedMagnetization();
  }

  prepare(): void {
    // the byte kernel has just written the Metropolis thresholds into the shared table
    guarded('packedPrepare', () => this.core.packedPrepare());
  }

  packFrom(): void {
    guarded('packFromBytes', () => this.core.packFromBytes());
  }

  unpackInto(): void {
    guarded('unpackToBytes', () => this.core.unpackToBytes());
  }

  /** Block spins from the packed lattice of the byte kernel's instance (cores that have assembly/rg-packed.ts). */
  levelZero(byte: IsingKernel, _blocks: BlockSpinKernel): PackedLevelZero | undefined {
    if (!(byte instanceof WasmIsingKernel) || byte.lattice !== 'square' || typeof (this.core as Partial<PackedRgCoreExports>).rgBuildPacked !== 'function')
      return undefined;
    return new WasmPackedLevelZero(() => byte.exports as unknown as PackedRgCoreExports);
  }

  run(_byte: IsingKernel, sweeps: number, out?: Int32Array): number {
    const core = this.core;
    if (!out) return guarded('packedSweep', () => core.packedSweep(sweeps, 0));
    let changed = 0;
    for (let done = 0; done < sweeps;) {
      const n = Math.min(SERIES_CAPACITY, sweeps - done);
      changed += guarded('packedSweep', () => core.packedSweep(n, 1));
      out.set(new Int32Array(core.memory.buffer, core.seriesPtr(), 2 * n), 2 * done);
      done += n;
    }
    return changed;
  }
}
