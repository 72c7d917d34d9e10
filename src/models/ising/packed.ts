/**
 * The packed layout: one bit per spin, Metropolis by multi-spin coding (assembly/packed.ts,
 * src/models/ising/packed-js.ts). A packed kernel keeps a byte lattice beside the packed one and
 * converts on demand: `spins()`, snapshots and the byte-only kernels (heat bath) see the byte
 * layout, Metropolis sweeps run packed; a conversion happens only when the other side is stale.
 */
import type { Algorithm, ClusterStep, LocalAlgorithm } from '../../vocabulary.js';
import { InvalidOptionError } from '../../errors.js';
import type { BlockRule, BlockSpinKernel, PackedLevelZero } from '../../backend/rg-types.js';
import type { ClusterSweepResult, IsingKernel } from './types.js';

export { MAX_PACKED_SIZE, PACKED_SIZE_MULTIPLE } from '../../vocabulary.js';
export { packable } from '../../limits.js';

/** The packed half of a packed kernel; the byte kernel it works with owns the generator state. */
export interface PackedEngine {
  /** Bond sum and magnetization of the packed lattice (exact integers). */
  readonly bondSum: number;
  readonly magnetization: number;
  /** Derives the packed acceptance tables from the Metropolis thresholds (src/thresholds.ts). */
  prepare(metropolis: Float64Array): void;
  /** Packs the byte kernel's lattice and takes its counters. */
  packFrom(byte: IsingKernel): void;
  /** Writes the packed lattice into the byte kernel (which recounts). */
  unpackInto(byte: IsingKernel): void;
  /** Runs packed Metropolis sweeps on the byte kernel's generator; with `out`, (B, M) after each sweep. */
  run(byte: IsingKernel, sweeps: number, out?: Int32Array): number;
  /** Releases what the engine holds besides the byte kernel (e.g. worker threads). */
  dispose?(): void;
  /**
   * Block-spin stages that read level 0 from this packed lattice, sharing the pyramid and RG
   * stream of `blocks` (the byte kernel's block-spin kernel); undefined when the engine has none.
   */
  levelZero?(byte: IsingKernel, blocks: BlockSpinKernel): PackedLevelZero | undefined;
}

type Fresh = 'byte' | 'packed' | 'both';

/** An {@link IsingKernel} whose Metropolis sweeps run on the packed layout. */
export class PackedLayoutKernel implements IsingKernel {
  readonly backend: IsingKernel['backend'];
  readonly size: number;
  readonly lattice: IsingKernel['lattice'];
  /** Which lattice is up to date. */
  private fresh: Fresh = 'byte';

  constructor(
    private readonly byte: IsingKernel,
    private readonly packed: PackedEngine,
  ) {
    this.backend = byte.backend;
    this.size = byte.size;
    this.lattice = byte.lattice;
  }

  /** The layout the next sweep of `algorithm` runs on. */
  static layoutFor(algorithm: Algorithm): 'packed' | 'byte' {
    return algorithm === 'metropolis' ? 'packed' : 'byte';
  }

  get bondSum(): number {
    return this.fresh === 'packed' ? this.packed.bondSum : this.byte.bondSum;
  }

  get magnetization(): number {
    return this.fresh === 'packed' ? this.packed.magnetization : this.byte.magnetization;
  }

  setThresholds(metropolis: Float64Array, heatBath: Float64Array): void {
    this.byte.setThresholds(metropolis, heatBath);
    this.packed.prepare(metropolis);
  }

  getRngState(): Uint32Array {
    return this.byte.getRngState();
  }

  setRngState(state: Uint32Array): void {
    this.byte.setRngState(state);
  }

  nextU32(): number {
    return this.byte.nextU32();
  }

  fill(start: 'hot' | 'cold'): void {
    this.byte.fill(start);
    this.fresh = 'byte';
  }

  private byteSide(): IsingKernel {
    if (this.fresh === 'packed') {
      this.packed.unpackInto(this.byte);
      this.fresh = 'both';
    }
    return this.byte;
  }

  readSpins(): Int8Array {
    return this.byteSide().readSpins();
  }

  writeSpins(spins: Int8Array): void {
    this.byte.writeSpins(spins);
    this.fresh = 'byte';
  }

  sweep(algorithm: LocalAlgorithm, sweeps: number, out?: Int32Array): number {
    if (PackedLayoutKernel.layoutFor(algorithm) === 'byte') {
      const changed = this.byteSide().sweep(algorithm, sweeps, out);
      this.fresh = 'byte';
      return changed;
    }
    if (this.fresh === 'byte') {
      this.packed.packFrom(this.byte);
      this.fresh = 'both';
    }
    const changed = this.packed.run(this.byte, sweeps, out);
    if (sweeps > 0) this.fresh = 'packed';
    return changed;
  }

  // Cluster updates, correlations and block spins work on the byte lattice: bring it up to date first.

  reserveClusters(): boolean {
    return this.byte.reserveClusters();
  }

  setClusterThresholds(bond: number, ghost: number, fieldSign: number): void {
    this.byte.setClusterThresholds(bond, ghost, fieldSign);
  }

  clusterSweep(step: ClusterStep, steps: number, out?: Int32Array, sizes?: Float64Array): ClusterSweepResult {
    const result = this.byteSide().clusterSweep(step, steps, out, sizes);
    this.fresh = 'byte';
    return result;
  }

  clusterLabels(): Int32Array {
    return this.byte.clusterLabels();
  }

  correlations(out: Int32Array): void {
    this.byteSide().correlations(out);
  }

  /**
   * Block spins read level 0 from the packed lattice while it is up to date (no conversion), else
   * from the byte lattice; both give the same pyramid, operator sums, pattern counts and draws.
   * `levelZero: 'byte'` always reads the byte lattice (converting first when it is stale), as
   * before the packed reader existed: for benchmarks and comparisons.
   */
  blockSpins(levelZero: 'auto' | 'byte' = 'auto'): BlockSpinKernel {
    const inner = this.byte.blockSpins?.();
    if (!inner) throw new InvalidOptionError('simulation', this.backend, 'a backend with block-spin kernels');
    const packed = levelZero === 'auto' ? this.packed.levelZero?.(this.byte, inner) : undefined;
    const fromPacked = () => packed !== undefined && this.fresh !== 'byte';
    const fresh = () => void this.byteSide();
    return {
      backend: inner.backend,
      configure: (blockSize: number, levels: number, patterns: boolean) => {
        inner.configure(blockSize, levels, patterns);
        packed?.configure(blockSize, levels);
      },
      getRngState: () => inner.getRngState(),
      setRngState: (state: Uint32Array) => inner.setRngState(state),
      build: (rule: BlockRule) => (fromPacked() ? packed!.build(rule) : (fresh(), inner.build(rule))),
      measure: (out: Float64Array) => (fromPacked() ? packed!.measure(out) : (fresh(), inner.measure(out))),
      readPatterns: (out: Uint32Array) => inner.readPatterns(out),
      readLevel: (level: number) => (level === 0 && fresh(), inner.readLevel(level)),
    };
  }

  dispose(): void {
    this.packed.dispose?.();
    this.byte.dispose();
  }
}
