/**
 * The WebAssembly multicanonical kernel: drives assembly/multicanonical.ts inside the core instance of
 * a {@link WasmPottsKernel} (its lattice, generator and counts); records are copied out of WebAssembly
 * memory in batches of the Potts record region's capacity.
 */
import { CoreError, InvalidOptionError } from '../errors.js';
import { guarded } from '../backend/core-call.js';
import type { PottsCoreExports, WasmPottsKernel } from '../models/potts/kernel-wasm.js';
import type { MulticanonicalKernel, MulticanonicalWindow } from './types.js';

/** The multicanonical exports of build/criticality.wasm (assembly/multicanonical.ts). */
interface MulticanonicalExports extends PottsCoreExports {
  mucaInit(): number;
  mucaExp(x: number): number;
  mucaWeightsPtr(): number;
  mucaVisitsPtr(): number;
  mucaSetWindow(lo: number, hi: number, betaLo: number, betaHi: number): void;
  mucaResetVisits(): void;
  mucaSweep(sweeps: number, lnf: number, record: number): number;
}

export class WasmMulticanonicalKernel implements MulticanonicalKernel {
  readonly backend = 'wasm' as const;
  private window: MulticanonicalWindow = { lo: 0, hi: 0, betaLo: 0, betaHi: 0 };

  constructor(private readonly potts: WasmPottsKernel) {
    const core = this.core;
    if (typeof core.mucaInit !== 'function') throw new CoreError('this core has no multicanonical kernel (rebuild it: npm run build:wasm)');
    if (guarded('mucaInit', () => core.mucaInit()) !== 0) {
      throw new InvalidOptionError(
        'size',
        potts.size,
        `a lattice whose multicanonical weights fit in WebAssembly memory (growing memory for ${2 * potts.size ** 2 + 1} levels failed)`,
      );
    }
  }

  private get core(): MulticanonicalExports {
    return this.potts.exports as MulticanonicalExports;
  }

  private levels(core: MulticanonicalExports): Float64Array {
    return new Float64Array(core.memory.buffer as ArrayBuffer, core.mucaWeightsPtr(), 2 * this.potts.size ** 2 + 1);
  }

  setWeights(window: MulticanonicalWindow, weights: Float64Array): void {
    const core = this.core;
    this.window = { ...window };
    core.mucaSetWindow(window.lo, window.hi, window.betaLo, window.betaHi);
    this.levels(core).set(weights, window.lo);
  }

  weights(): Float64Array {
    return this.levels(this.core).slice(this.window.lo, this.window.hi + 1);
  }

  visits(): Float64Array {
    const core = this.core;
    return new Float64Array(core.memory.buffer as ArrayBuffer, core.mucaVisitsPtr(), 2 * this.potts.size ** 2 + 1).slice(this.window.lo, this.window.hi + 1);
  }

  visited(): number {
    return this.visits().filter((v) => v > 0).length;
  }

  resetVisits(): void {
    this.core.mucaResetVisits();
  }

  sweep(sweeps: number, lnf: number, out?: Int32Array): number {
    const core = this.core;
    if (!out) return guarded('mucaSweep', () => core.mucaSweep(sweeps, lnf, 0));
    const width = this.potts.q + 1;
    const capacity = core.pottsRecordCapacity();
    let accepted = 0;
    for (let done = 0; done < sweeps;) {
      const n = Math.min(capacity, sweeps - done);
      accepted += guarded('mucaSweep', () => core.mucaSweep(n, lnf, 1));
      out.set(new Int32Array(core.memory.buffer as ArrayBuffer, core.pottsRecordsPtr(), n * width), done * width);
      done += n;
    }
    return accepted;
  }

  /** The kernel's exp (for the parity test of ./exp.ts). */
  exp(x: number): number {
    return this.core.mucaExp(x);
  }
}
