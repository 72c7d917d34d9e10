/**
 * The Potts kernels (./kernel-js.ts and ./kernel-wasm.ts over assembly/potts.ts) given the model
 * seam's contract, and the choice of backend: WebAssembly where it loads, JavaScript otherwise.
 */
import { BackendUnavailableError, InvalidOptionError } from '../../errors.js';
import { loadCore } from '../../backend/loader.js';
import { coreHasSimd } from '../../backend/wasm-packed.js';
import type { ClusterStep, ClusterSweepResult, LocalAlgorithm, Start } from '../../vocabulary.js';
import type { KernelChoice, KernelRequest, ModelKernel } from '../model.js';
import type { PottsKernel } from './kernel.js';
import { JsPottsKernel } from './kernel-js.js';
import { WasmPottsKernel } from './kernel-wasm.js';

export class PottsModelKernel implements ModelKernel {
  /** `potts` is the Potts kernel itself (tests and benchmarks reach it through kernelOf(sim).potts). */
  constructor(readonly potts: PottsKernel) {}

  get backend() {
    return this.potts.backend;
  }

  get size(): number {
    return this.potts.size;
  }

  getRngState(): Uint32Array {
    return this.potts.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.potts.setRngState(state);
  }

  fill(start: Start): void {
    this.potts.fill(start);
  }

  readSpins(): Uint8Array {
    return this.potts.readSpins();
  }

  writeSpins(spins: Uint8Array): void {
    this.potts.writeSpins(spins);
  }

  setCouplings(beta: number, field: number): void {
    this.potts.setCouplings(beta, field);
  }

  sweep(algorithm: LocalAlgorithm, n: number, out?: Int32Array): number {
    return this.potts.sweep(algorithm, n, out);
  }

  reserveClusters(): boolean {
    return false;
  }

  clusterSweep(step: ClusterStep): ClusterSweepResult {
    throw new InvalidOptionError('algorithm', step.cluster, 'a local algorithm for model "potts" ("metropolis" or "heat-bath")');
  }

  clusterLabels(): Int32Array {
    return new Int32Array(this.potts.size * this.potts.size).fill(-1);
  }

  /** (Nb, n_0, ..., n_{q-1}). */
  record(out: Int32Array): void {
    this.potts.record(out);
  }

  correlations(out: Int32Array): void {
    this.potts.correlations(out);
  }

  dispose(): void {
    this.potts.dispose();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function jsKernel(size: number, q: number): PottsModelKernel {
  try {
    return new PottsModelKernel(new JsPottsKernel(size, q));
  } catch (error) {
    if (error instanceof RangeError && !(error instanceof InvalidOptionError)) throw new InvalidOptionError('size', size, `a lattice that fits in memory (${reasonOf(error)})`);
    throw error;
  }
}

/** A Potts kernel on the requested backend; `auto` falls back to JavaScript when the core cannot be loaded. */
export async function createPottsKernel(request: KernelRequest, q: number): Promise<KernelChoice> {
  if (request.backend === 'js') return { kernel: jsKernel(request.size, q), engine: 'js' };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(request.core);
  } catch (error) {
    if (request.backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: jsKernel(request.size, q), engine: 'js', fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}` };
  }
  const kernel = await WasmPottsKernel.create(module, request.size, q);
  return { kernel: new PottsModelKernel(kernel), engine: coreHasSimd(kernel.exports) ? 'wasm-simd' : 'wasm-scalar' };
}
