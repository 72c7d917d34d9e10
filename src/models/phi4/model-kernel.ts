/**
 * The phi^4 kernels (./kernel-js.ts, ./kernel-wasm.ts) given the model seam's contract: the
 * Metropolis step size tuned during thermalization and frozen while recording, hybrid steps, the
 * correlation sample, and the choice of backend (WebAssembly where it loads, JavaScript otherwise).
 */
import { BackendUnavailableError, InvalidOptionError } from '../../errors.js';
import { loadCore } from '../../backend/loader.js';
import { coreHasSimd } from '../../backend/core-instance.js';
import { geometryOf } from '../../lattice.js';
import type { ClusterAlgorithm, ClusterStep, ClusterSweepResult, LocalAlgorithm, Start } from '../../vocabulary.js';
import { embeddedClusterLabels, embeddedClusterSweep } from '../continuous/cluster-step.js';
import type { KernelChoice, KernelRequest, ModelKernel, RecordArray } from '../model.js';
import { tunedStep } from '../continuous/model-kernel.js';
import { PHI4_RECORD_WIDTH, PHI4_TUNING, type Phi4Kernel } from './kernel.js';
import { phi4CorrelationSample } from './correlation.js';

export class Phi4ModelKernel implements ModelKernel {
  /** The Metropolis step size (half-width of the square proposal), tuned by unrecorded sweeps. */
  stepSize: number = PHI4_TUNING.initial;
  readonly stepBounds = PHI4_TUNING;
  /** The cluster algorithm of the last cluster step (what clusterLabels describes). */
  private lastCluster: ClusterAlgorithm = 'wolff';

  constructor(
    readonly spins: Phi4Kernel,
    readonly lambda: number,
    readonly overRelaxation: number,
  ) {}

  get backend() {
    return this.spins.backend;
  }

  get size(): number {
    return this.spins.size;
  }

  getRngState(): Uint32Array {
    return this.spins.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.spins.setRngState(state);
  }

  fill(start: Start): void {
    this.spins.fill(start);
  }

  readSpins(): Float64Array {
    return this.spins.readSpins();
  }

  writeSpins(spins: Float64Array): void {
    this.spins.writeSpins(spins);
  }

  /** beta is the hopping coupling kappa; lambda is fixed for the simulation. */
  setCouplings(beta: number, field: number): void {
    this.spins.setCouplings(beta, field, this.lambda);
  }

  /**
   * `n` Metropolis sweeps (each followed by `overRelaxation` reflection sweeps). Without `out`
   * (thermalization) each sweep tunes the step size, delta <- delta (1/2 + a) for its acceptance a;
   * with `out` the step size stays as it is (one transition kernel: detailed balance) and the record
   * follows every sweep.
   */
  sweep(algorithm: LocalAlgorithm, n: number, out?: RecordArray): number {
    if (algorithm !== 'metropolis') throw new InvalidOptionError('algorithm', algorithm, '"metropolis", "wolff" or "hybrid" for model "phi4"');
    if (out) return this.spins.metropolis(n, this.stepSize, this.overRelaxation, out as Float64Array);
    const N = this.spins.sites;
    let accepted = 0;
    for (let k = 0; k < n; k++) {
      const a = this.spins.metropolis(1, this.stepSize, this.overRelaxation);
      accepted += a;
      this.stepSize = tunedStep(PHI4_TUNING, this.stepSize, a / N);
    }
    return accepted;
  }

  /** Wolff and Swendsen-Wang memory together (either may be chosen later by setAlgorithm). */
  reserveClusters(): boolean {
    return this.spins.reserveClusters() && this.spins.reserveEmbedding();
  }

  /**
   * `n` steps of `clustersPerStep` Wolff clusters or one Swendsen-Wang update (both by Brower-Tamayo
   * embedding), a hybrid step first running `localSweeps` Metropolis sweeps (tuning the step size
   * only when nothing is recorded, as in sweep()).
   */
  clusterSweep(step: ClusterStep, n: number, out?: RecordArray, sizes?: Float64Array): ClusterSweepResult {
    this.lastCluster = step.cluster;
    const local = (sweeps: number, recorded: boolean) =>
      recorded ? this.spins.metropolis(sweeps, this.stepSize, this.overRelaxation) : this.sweep('metropolis', sweeps);
    return embeddedClusterSweep(this.spins, step, n, PHI4_RECORD_WIDTH, local, out as Float64Array | undefined, sizes);
  }

  /** Labels of the last cluster update (src/models/continuous/cluster-step.ts). */
  clusterLabels(): Int32Array {
    return embeddedClusterLabels(this.spins, this.lastCluster, this.spins.sites);
  }

  record(out: RecordArray): void {
    this.spins.record(out as Float64Array, 0);
  }

  correlations(out: RecordArray): void {
    phi4CorrelationSample(this.spins.readSpins(), this.size, this.spins.dimension, out as Float64Array);
  }

  dispose(): void {
    this.spins.dispose();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A phi^4 kernel on the requested backend and lattice; `auto` falls back to JavaScript when the core cannot be loaded. */
export async function createPhi4Kernel(request: KernelRequest, lambda: number, overRelaxation: number): Promise<KernelChoice> {
  const dimension = geometryOf(request.lattice).dimension;
  const adapt = (kernel: Phi4Kernel) => new Phi4ModelKernel(kernel, lambda, overRelaxation);
  const js = async (): Promise<Phi4ModelKernel> => {
    const { JsPhi4Kernel } = await import('./kernel-js.js');
    try {
      return adapt(new JsPhi4Kernel(request.size, dimension));
    } catch (error) {
      if (error instanceof RangeError) throw new InvalidOptionError('size', request.size, `a lattice that fits in memory (${reasonOf(error)})`);
      throw error;
    }
  };
  if (request.backend === 'js') return { kernel: await js(), engine: 'js' };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(request.core);
  } catch (error) {
    if (request.backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: await js(), engine: 'js', fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}` };
  }
  const { WasmPhi4Kernel } = await import('./kernel-wasm.js');
  const kernel = await WasmPhi4Kernel.create(module, request.size, dimension);
  return { kernel: adapt(kernel), engine: coreHasSimd(kernel.exports) ? 'wasm-simd' : 'wasm-scalar' };
}
