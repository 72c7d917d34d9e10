/**
 * The XY kernels (./kernel-js.ts and ./kernel-wasm.ts over assembly/xy.ts) given the model seam's
 * contract, the Metropolis step-size tuning (./kernel.ts, tunedStep) and the choice of backend:
 * WebAssembly where it loads, JavaScript otherwise.
 */
import { BackendUnavailableError, InvalidOptionError } from '../../errors.js';
import { loadCore } from '../../backend/loader.js';
import { coreHasSimd } from '../../backend/wasm-packed.js';
import type { ClusterStep, ClusterSweepResult, LocalAlgorithm, Start } from '../../vocabulary.js';
import type { KernelChoice, KernelRequest, ModelKernel, RecordArray } from '../model.js';
import { tunedStep, xyCorrelationSample, XY_INITIAL_STEP, XY_RECORD_WIDTH, type XyKernel } from './kernel.js';
import { JsXyKernel } from './kernel-js.js';
import { WasmXyKernel } from './kernel-wasm.js';

export class XyModelKernel implements ModelKernel {
  /** XY: the Metropolis step size (radians), tuned by sweeps without records, frozen in recorded ones. Clock: none. */
  stepSize: number | undefined;

  /** `xy` is the XY (or clock) kernel itself (tests and benchmarks reach it through kernelOf(sim)). */
  constructor(readonly xy: XyKernel, readonly overRelaxation: number) {
    this.stepSize = xy.q > 0 ? undefined : XY_INITIAL_STEP;
  }

  get backend() {
    return this.xy.backend;
  }

  get size(): number {
    return this.xy.size;
  }

  getRngState(): Uint32Array {
    return this.xy.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.xy.setRngState(state);
  }

  fill(start: Start): void {
    this.xy.fill(start);
  }

  /** XY: the components; clock: the states. */
  readSpins(): Float64Array | Uint8Array {
    return this.xy.q > 0 ? this.xy.readStates() : this.xy.readSpins();
  }

  writeSpins(spins: Float64Array | Uint8Array): void {
    if (this.xy.q > 0) this.xy.writeStates(spins as Uint8Array);
    else this.xy.writeSpins(spins as Float64Array);
  }

  setCouplings(beta: number, field: number): void {
    this.xy.setCouplings(beta, field);
  }

  /**
   * `n` Metropolis sweeps. Without `out` (thermalization) each sweep tunes the step size from its
   * acceptance; with `out` the step size stays as it is and the record follows every sweep.
   */
  sweep(algorithm: LocalAlgorithm, n: number, out?: RecordArray): number {
    if (algorithm !== 'metropolis') throw new InvalidOptionError('algorithm', algorithm, '"metropolis", "wolff" or "hybrid" for this model');
    if (this.stepSize === undefined) return this.xy.clockMetropolis(n, out as Float64Array | undefined);
    if (out) return this.xy.metropolis(n, this.stepSize, this.overRelaxation, out as Float64Array);
    const N = this.size * this.size;
    let accepted = 0;
    for (let k = 0; k < n; k++) {
      const a = this.xy.metropolis(1, this.stepSize, this.overRelaxation);
      accepted += a;
      this.stepSize = tunedStep(this.stepSize, a / N);
    }
    return accepted;
  }

  reserveClusters(): boolean {
    return this.xy.reserveClusters();
  }

  /** n steps: `clustersPerStep` Wolff clusters, each step after `localSweeps` Metropolis sweeps for a hybrid step. */
  clusterSweep(step: ClusterStep, n: number, out?: RecordArray, sizes?: Float64Array): ClusterSweepResult {
    if (step.cluster !== 'wolff') throw new InvalidOptionError('hybridCluster', step.cluster, '"wolff" for model "xy" (Swendsen-Wang by embedding is not implemented)');
    const records = out as Float64Array | undefined;
    if (step.localSweeps === 0) {
      const flips = this.xy.wolff(n, step.clustersPerStep, records, records ? sizes : undefined);
      return { flips, clusterFlips: flips };
    }
    let flips = 0;
    let clusterFlips = 0;
    const w = XY_RECORD_WIDTH;
    for (let k = 0; k < n; k++) {
      flips += this.sweep('metropolis', step.localSweeps, undefined);
      const changed = this.xy.wolff(1, step.clustersPerStep, records?.subarray(w * k, w * (k + 1)), records ? sizes?.subarray(k, k + 1) : undefined);
      flips += changed;
      clusterFlips += changed;
    }
    return { flips, clusterFlips };
  }

  /** Labels of the last Wolff cluster: its smallest site index on its sites, -1 elsewhere (src/cluster/labels.ts). */
  clusterLabels(): Int32Array {
    const labels = new Int32Array(this.size * this.size).fill(-1);
    const sites = this.xy.clusterSites();
    let label = Infinity;
    for (const s of sites) label = Math.min(label, s);
    for (const s of sites) labels[s] = label;
    return labels;
  }

  record(out: RecordArray): void {
    this.xy.record(out as Float64Array, 0);
  }

  correlations(out: RecordArray): void {
    xyCorrelationSample(this.xy.readSpins(), this.size, out as Float64Array);
  }

  dispose(): void {
    this.xy.dispose();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function jsKernel(size: number, overRelaxation: number, q: number): XyModelKernel {
  try {
    return new XyModelKernel(new JsXyKernel(size, q), overRelaxation);
  } catch (error) {
    if (error instanceof RangeError) throw new InvalidOptionError('size', size, `a lattice that fits in memory (${reasonOf(error)})`);
    throw error;
  }
}

/**
 * An XY kernel (q = 0) or a q-state clock kernel on the requested backend; `auto` falls back to
 * JavaScript when the core cannot be loaded.
 */
export async function createXyKernel(request: KernelRequest, overRelaxation: number, q = 0): Promise<KernelChoice> {
  if (request.backend === 'js') return { kernel: jsKernel(request.size, overRelaxation, q), engine: 'js' };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(request.core);
  } catch (error) {
    if (request.backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: jsKernel(request.size, overRelaxation, q), engine: 'js', fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}` };
  }
  const kernel = await WasmXyKernel.create(module, request.size, q);
  return { kernel: new XyModelKernel(kernel, overRelaxation), engine: coreHasSimd(kernel.exports) ? 'wasm-simd' : 'wasm-scalar' };
}
