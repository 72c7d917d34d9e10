/**
 * The WebAssembly kernels of the continuous-spin models (XY and clock: assembly/xy.ts; Heisenberg:
 * assembly/heisenberg.ts), one wrapper for both: each runs inside one core instance per simulation
 * (src/backend/core-instance.ts), in batches of steps;
 * records are copied out of WebAssembly memory. The exports of a model share one naming scheme:
 * `<prefix>Init`, `<prefix>Metropolis`, `<prefix>Wolff`, ... (see CORE_FUNCTIONS); phi^4's core
 * (assembly/phi4.ts) follows it too, and its wrapper (../phi4/kernel-wasm.ts) shares
 * {@link WasmPrefixedKernel} with this one.
 */
import { CoreError, InvalidOptionError } from '../../errors.js';
import { CoreInstance } from '../../backend/core-instance.js';
import { guarded } from '../../backend/core-call.js';

/** What differs between the cores that follow the naming scheme. */
export interface ContinuousCore {
  /** Export name prefix: 'xy', 'heisenberg' or 'phi4'. */
  readonly prefix: string;
  /** Components per site. */
  readonly components: number;
  /** Values per record and records per call, mirrored as the globals <PREFIX>_RECORD_WIDTH and <PREFIX>_RECORD_CAPACITY. */
  readonly width: number;
  readonly capacity: number;
}

const CORE_FUNCTIONS = [
  'Init',
  'SpinsPtr',
  'RecordsPtr',
  'SizesPtr',
  'QueuePtr',
  'LastCount',
  'SetCouplings',
  'Fill',
  'Metropolis',
  'ReserveClusters',
  'Wolff',
  'Record',
  'HeatBath',
  'SwendsenWang',
] as const;
type CoreFunction = (...args: number[]) => number;
type Core = Record<(typeof CORE_FUNCTIONS)[number], CoreFunction> & {
  memory: WebAssembly.Memory;
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
  /** Swendsen-Wang by embedding (assembly/embedding.ts, shared by the continuous-spin cores). */
  embeddingReserve(sites: number): number;
  embeddingParentPtr(): number;
  /** XY cores only (the clock model). */
  StatesPtr?: CoreFunction;
  ClockSync?: CoreFunction;
  ClockMetropolis?: CoreFunction;
};

/** A copy of the union-find parents of the last Swendsen-Wang step (assembly/embedding.ts) at `ptr` (empty before it is reserved). */
export function embeddingParents(memory: WebAssembly.Memory, ptr: number, sites: number): Int32Array {
  return ptr === 0 ? new Int32Array(0) : new Int32Array(memory.buffer as ArrayBuffer, ptr, sites).slice();
}

/**
 * What every wrapper of a core that follows the naming scheme shares: instantiation (the record
 * layout checked, `<prefix>Init`), the generator, hot and cold starts, batched calls with their
 * records copied out, the Metropolis, Wolff and Swendsen-Wang (embedding) steps, cluster sites and
 * parents, and the record of the current lattice.
 */
export class WasmPrefixedKernel {
  readonly backend = 'wasm' as const;
  /** N = L^d. */
  readonly sites: number;
  private base: CoreInstance | undefined;
  private readonly core_: Core;

  protected constructor(
    base: CoreInstance,
    readonly size: number,
    readonly spec: ContinuousCore,
    readonly dimension: 2 | 3,
  ) {
    this.base = base;
    this.sites = size ** dimension;
    const exports = base.exports as unknown as Record<string, unknown>;
    const pick = (name: string) => exports[`${spec.prefix}${name}`];
    this.core_ = Object.fromEntries([...CORE_FUNCTIONS, 'StatesPtr', 'ClockSync', 'ClockMetropolis'].map((name) => [name, pick(name)])) as unknown as Core;
    this.core_.memory = exports.memory as WebAssembly.Memory;
    this.core_.rngSetState = exports.rngSetState as Core['rngSetState'];
    this.core_.rngGetState = exports.rngGetState as Core['rngGetState'];
    this.core_.embeddingReserve = exports.embeddingReserve as Core['embeddingReserve'];
    this.core_.embeddingParentPtr = exports.embeddingParentPtr as Core['embeddingParentPtr'];
  }

  /** Instantiates the compiled core for linear size L and checks the mirrored constants of `spec` (<PREFIX>_RECORD_WIDTH, ...). */
  protected static async instance(module: WebAssembly.Module, size: number, spec: ContinuousCore): Promise<CoreInstance> {
    const base = await CoreInstance.create(module, size);
    const exports = base.exports as unknown as Record<string, unknown>;
    const upper = spec.prefix.toUpperCase();
    for (const [name, value] of [
      [`${upper}_RECORD_WIDTH`, spec.width],
      [`${upper}_RECORD_CAPACITY`, spec.capacity],
    ] as const) {
      const global = exports[name];
      if (!(global instanceof WebAssembly.Global) || global.value !== value) {
        throw new CoreError(`core layout mismatch: ${name} ${global instanceof WebAssembly.Global ? global.value : 'missing'}, wrapper expects ${value}`);
      }
    }
    return base;
  }

  /** Calls `<prefix>Init(...args)`; when memory cannot grow, releases the instance and throws naming `what` ('spins', 'field'). */
  protected initialise(what: string, ...args: number[]): void {
    const core = this.core;
    if (guarded(`${this.spec.prefix}Init`, () => core.Init(...args)) !== 0) {
      this.dispose();
      const shape = Array.from({ length: this.dimension }, () => this.size).join('x');
      throw new InvalidOptionError(
        'size',
        this.size,
        `a lattice that fits in WebAssembly memory (growing memory for the ${what} of a ${shape} lattice failed)`,
      );
    }
  }

  protected get core(): Core {
    if (!this.base) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.core_;
  }

  /** The instance's exports (engine detection). */
  get exports(): unknown {
    if (!this.base) throw new CoreError('the WebAssembly kernel has been disposed');
    return this.base.exports;
  }

  protected view(ptr: number, length: number): Float64Array {
    return new Float64Array(this.core.memory.buffer as ArrayBuffer, ptr, length);
  }

  getRngState(): Uint32Array {
    const core = this.core;
    return Uint32Array.from([0, 1, 2, 3], (k) => core.rngGetState(k));
  }

  setRngState(state: Uint32Array): void {
    this.core.rngSetState(state[0], state[1], state[2], state[3]);
  }

  fill(start: 'hot' | 'cold'): void {
    const core = this.core;
    guarded('fill', () => core.Fill(start === 'hot' ? 1 : 0));
  }

  /** A copy of the components of every site. */
  readComponents(): Float64Array {
    return this.view(this.core.SpinsPtr(), this.spec.components * this.sites).slice();
  }

  /** Replaces the components of every site. */
  protected writeComponents(spins: Float64Array): void {
    this.view(this.core.SpinsPtr(), this.spec.components * this.sites).set(spins);
  }

  /** Runs `steps` steps in calls of at most `capacity` recorded steps, copying records (and sizes) out. */
  protected batched(
    what: string,
    steps: number,
    out: Float64Array | undefined,
    sizes: Float64Array | undefined,
    call: (n: number, record: number) => number,
  ): number {
    const { width, capacity } = this.spec;
    const checked = (n: number, record: number): number => {
      const result = guarded(what, () => call(n, record));
      if (result < 0) throw new CoreError(`${what} refused ${n} steps (reserve the cluster memory first; at most ${capacity} recorded steps a call)`);
      return result;
    };
    if (!out) return checked(steps, 0);
    const core = this.core;
    let total = 0;
    for (let done = 0; done < steps;) {
      const n = Math.min(capacity, steps - done);
      total += checked(n, 1);
      out.set(this.view(core.RecordsPtr(), n * width), done * width);
      sizes?.set(this.view(core.SizesPtr(), n), done);
      done += n;
    }
    return total;
  }

  metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    const core = this.core;
    return this.batched('metropolis', sweeps, out, undefined, (n, record) => core.Metropolis(n, step, overRelaxation, record));
  }

  reserveClusters(): boolean {
    const core = this.core;
    return guarded('reserveClusters', () => core.ReserveClusters()) === 0;
  }

  wolff(steps: number, clusters: number, out?: Float64Array, sizes?: Float64Array): number {
    const core = this.core;
    return this.batched('wolff', steps, out, sizes, (n, record) => core.Wolff(n, clusters, record));
  }

  reserveEmbedding(): boolean {
    const core = this.core;
    return guarded('reserveEmbedding', () => core.embeddingReserve(this.sites)) === 0;
  }

  swendsenWang(steps: number, out?: Float64Array, sizes?: Float64Array): number {
    const core = this.core;
    return this.batched('swendsenWang', steps, out, sizes, (n, record) => core.SwendsenWang(n, record));
  }

  clusterParents(): Int32Array {
    const core = this.core;
    return embeddingParents(core.memory, core.embeddingParentPtr(), this.sites);
  }

  clusterSites(): Int32Array {
    const core = this.core;
    const ptr = core.QueuePtr();
    return ptr === 0 ? new Int32Array(0) : new Int32Array(core.memory.buffer as ArrayBuffer, ptr, core.LastCount()).slice();
  }

  record(out: Float64Array, offset = 0): void {
    const core = this.core;
    guarded('record', () => core.Record(0));
    out.set(this.view(core.RecordsPtr(), this.spec.width), offset);
  }

  dispose(): void {
    this.base?.dispose();
    this.base = undefined;
  }
}

/** The XY, clock and Heisenberg kernels: the shared wrapper with the clock model's states and the heat-bath sweep. */
export class WasmContinuousKernel extends WasmPrefixedKernel {
  private constructor(
    base: CoreInstance,
    size: number,
    readonly q: number,
    spec: ContinuousCore,
    dimension: 2 | 3,
  ) {
    super(base, size, spec, dimension);
  }

  /**
   * Instantiates the compiled core for a lattice of linear size L in dimension d (2: L x L, 3:
   * L x L x L) of the model `spec` (XY with q = 0, the q-state clock model with q >= 2), cold, at
   * beta = 0, h = 0. Checks the mirrored constants.
   */
  static async create(module: WebAssembly.Module, size: number, spec: ContinuousCore, q = 0, dimension: 2 | 3 = 2): Promise<WasmContinuousKernel> {
    const kernel = new WasmContinuousKernel(await WasmPrefixedKernel.instance(module, size, spec), size, q, spec, dimension);
    // <prefix>Init(L, d, q): the Heisenberg core takes (L, d) and ignores q
    kernel.initialise('spins', size, dimension, q);
    return kernel;
  }

  /** The components (the clock model: its states). */
  readSpins(): Float64Array | Uint8Array {
    const core = this.core;
    if (this.q > 0) return new Uint8Array(core.memory.buffer as ArrayBuffer, core.StatesPtr!(), this.sites).slice();
    return this.readComponents();
  }

  writeSpins(spins: Float64Array | Uint8Array): void {
    const core = this.core;
    if (this.q > 0) {
      new Uint8Array(core.memory.buffer as ArrayBuffer, core.StatesPtr!(), this.sites).set(spins);
      guarded('writeSpins', () => core.ClockSync!());
      return;
    }
    this.writeComponents(spins as Float64Array);
  }

  setCouplings(beta: number, field: number): void {
    this.core.SetCouplings(beta, field);
  }

  override metropolis(sweeps: number, step: number, overRelaxation: number, out?: Float64Array): number {
    const core = this.core;
    if (this.q > 0) return this.batched('metropolis', sweeps, out, undefined, (n, record) => core.ClockMetropolis!(n, record));
    return super.metropolis(sweeps, step, overRelaxation, out);
  }

  heatBath(sweeps: number, overRelaxation: number, out?: Float64Array): number {
    const core = this.core;
    return this.batched('heatBath', sweeps, out, undefined, (n, record) => core.HeatBath(n, overRelaxation, record));
  }
}
