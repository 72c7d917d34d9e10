/**
 * The continuous-spin kernels (XY and clock: src/models/xy/kernel-js.ts and assembly/xy.ts;
 * Heisenberg: src/models/heisenberg/kernel-js.ts and assembly/heisenberg.ts; both WebAssembly ones
 * through ./kernel-wasm.ts) given the model seam's contract, with the Metropolis step-size tuning,
 * and the choice of backend: WebAssembly where it loads, JavaScript otherwise.
 */
import { BackendUnavailableError, InvalidOptionError } from '../../errors.js';
import { loadCore } from '../../backend/loader.js';
import { coreHasSimd } from '../../backend/core-instance.js';
import { geometryOf } from '../../lattice.js';
import type { ClusterAlgorithm, ClusterStep, ClusterSweepResult, LocalAlgorithm, Start } from '../../vocabulary.js';
import { embeddedClusterLabels, embeddedClusterSweep } from './cluster-step.js';
import type { KernelChoice, KernelRequest, ModelKernel, RecordArray } from '../model.js';
import { continuousCorrelationSample, type ContinuousKernel } from './kernel.js';
import { WasmContinuousKernel, type ContinuousCore } from './kernel-wasm.js';
import { phi4CorrelationSample } from '../phi4/correlation.js';

/**
 * The Metropolis step size of a continuous-spin model: its start, and its tuning by the sweeps run
 * without records (thermalization): after each, delta <- delta (1/2 + a) for its acceptance a, kept
 * in [min, max] (a = 1/2 is the fixed point). Recorded sweeps keep delta as it is (frozen), so the
 * recorded chain has one transition kernel and satisfies detailed balance.
 */
export interface StepTuning {
  readonly initial: number;
  readonly min: number;
  readonly max: number;
}

export function tunedStep(tuning: StepTuning, step: number, acceptance: number): number {
  const next = step * (0.5 + acceptance);
  return next > tuning.max ? tuning.max : next < tuning.min ? tuning.min : next;
}

export class ContinuousModelKernel implements ModelKernel {
  /** The Metropolis step size (undefined for the clock model, whose proposals have none). */
  stepSize: number | undefined;
  /** The cluster algorithm of the last cluster step (what clusterLabels describes). */
  private lastCluster: ClusterAlgorithm = 'wolff';

  /** `spins` is the kernel itself (tests and benchmarks reach it through kernelOf(sim)). */
  constructor(
    readonly spins: ContinuousKernel,
    readonly components: number,
    readonly width: number,
    readonly overRelaxation: number,
    readonly tuning: StepTuning | undefined,
  ) {
    this.stepSize = tuning?.initial;
  }

  get backend() {
    return this.spins.backend;
  }

  get stepBounds(): StepTuning | undefined {
    return this.tuning;
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

  readSpins(): Float64Array | Uint8Array {
    return this.spins.readSpins();
  }

  writeSpins(spins: Float64Array | Uint8Array): void {
    this.spins.writeSpins(spins);
  }

  setCouplings(beta: number, field: number): void {
    this.spins.setCouplings(beta, field);
  }

  /**
   * `n` local sweeps. Metropolis: without `out` (thermalization) each sweep tunes the step size from
   * its acceptance; with `out` the step size stays as it is and the record follows every sweep.
   * Heat bath (exact, no parameter): `overRelaxation` reflection sweeps after each, records as Metropolis.
   */
  sweep(algorithm: LocalAlgorithm, n: number, out?: RecordArray): number {
    if (algorithm === 'heat-bath') return this.spins.heatBath(n, this.overRelaxation, out as Float64Array | undefined);
    const { tuning } = this;
    if (out || !tuning) return this.spins.metropolis(n, this.stepSize ?? 0, this.overRelaxation, out as Float64Array | undefined);
    const N = this.spins.sites;
    let accepted = 0;
    for (let k = 0; k < n; k++) {
      const a = this.spins.metropolis(1, this.stepSize as number, this.overRelaxation);
      accepted += a;
      this.stepSize = tunedStep(tuning, this.stepSize as number, a / N);
    }
    return accepted;
  }

  /** Wolff and Swendsen-Wang memory together (either may be chosen later by setAlgorithm). */
  reserveClusters(): boolean {
    return this.spins.reserveClusters() && this.spins.reserveEmbedding();
  }

  /**
   * n steps: `clustersPerStep` Wolff clusters or one Swendsen-Wang update by embedding, each step after
   * `localSweeps` Metropolis sweeps for a hybrid step (those tune the step size only when nothing is
   * recorded, as in sweep()).
   */
  clusterSweep(step: ClusterStep, n: number, out?: RecordArray, sizes?: Float64Array): ClusterSweepResult {
    this.lastCluster = step.cluster;
    const local = (sweeps: number, recorded: boolean) =>
      recorded ? this.spins.metropolis(sweeps, this.stepSize ?? 0, this.overRelaxation) : this.sweep('metropolis', sweeps);
    return embeddedClusterSweep(this.spins, step, n, this.width, local, out as Float64Array | undefined, sizes);
  }

  /** Labels of the last cluster update (./cluster-step.ts). */
  clusterLabels(): Int32Array {
    return embeddedClusterLabels(this.spins, this.lastCluster, this.spins.sites);
  }

  record(out: RecordArray): void {
    this.spins.record(out as Float64Array, 0);
  }

  /** The square lattice's sample (./kernel.ts); on the cubic lattice the d-axis sample of src/models/phi4/correlation.ts. */
  correlations(out: RecordArray): void {
    const s = this.spins.readComponents();
    if (this.spins.dimension === 3) phi4CorrelationSample(s, this.size, 3, out as Float64Array, this.components);
    else continuousCorrelationSample(s, this.size, this.components, out as Float64Array);
  }

  dispose(): void {
    this.spins.dispose();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a continuous-spin model gives createContinuousKernel. */
export interface ContinuousModel {
  readonly core: ContinuousCore;
  /** The JavaScript kernel of linear size L in dimension d (q for the clock model, else 0). */
  js(size: number, q: number, dimension: 2 | 3): ContinuousKernel;
  readonly tuning: StepTuning | undefined;
}

/** A kernel of `model` on the requested backend; `auto` falls back to JavaScript when the core cannot be loaded. */
export async function createContinuousKernel(request: KernelRequest, model: ContinuousModel, overRelaxation: number, q = 0): Promise<KernelChoice> {
  const dimension = geometryOf(request.lattice).dimension;
  const adapt = (kernel: ContinuousKernel) => new ContinuousModelKernel(kernel, model.core.components, model.core.width, overRelaxation, model.tuning);
  const js = (): ContinuousModelKernel => {
    try {
      return adapt(model.js(request.size, q, dimension));
    } catch (error) {
      if (error instanceof RangeError && !(error instanceof InvalidOptionError))
        throw new InvalidOptionError('size', request.size, `a lattice that fits in memory (${reasonOf(error)})`);
      throw error;
    }
  };
  if (request.backend === 'js') return { kernel: js(), engine: 'js' };
  let module: WebAssembly.Module;
  try {
    module = await loadCore(request.core);
  } catch (error) {
    if (request.backend === 'wasm') throw new BackendUnavailableError('wasm', reasonOf(error));
    return { kernel: js(), engine: 'js', fallbackReason: `WebAssembly core unavailable: ${reasonOf(error)}` };
  }
  const kernel = await WasmContinuousKernel.create(module, request.size, model.core, q, dimension);
  return { kernel: adapt(kernel), engine: coreHasSimd(kernel.exports) ? 'wasm-simd' : 'wasm-scalar' };
}
