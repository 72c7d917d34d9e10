/**
 * Test helpers for the Potts cluster kernels: a Potts lattice of each backend (any L, odd too) with
 * its cluster kernel, set up alike; exact enumeration; counts from scratch.
 */
import { loadInlinedCore } from '../../src/backend/inline.js';
import { WasmIsingKernel } from '../../src/models/ising/kernel-wasm.js';
import { WasmPottsClusters } from '../../src/models/potts/clusters-wasm.js';
import { scaleToSites } from '../../src/backend/js-cluster.js';
import { JsPottsClusters, type JsPottsHost } from '../../src/models/potts/clusters-js.js';
import { pottsThresholds, type PottsClusterKernel } from '../../src/cluster/potts.js';
import { JsPottsKernel } from '../../src/models/potts/kernel-js.js';
import { WasmPottsKernel } from '../../src/models/potts/kernel-wasm.js';
import { Xoshiro128, seedState } from '../../src/rng.js';

export interface PottsCase {
  q: number;
  size: number;
  temperature: number;
  field: number;
  seed: number;
  start?: 'hot' | 'cold';
}

/** A Potts lattice with its cluster kernel: the states and the counts [Nb, n_0, ..., n_{q-1}] it keeps. */
export interface PottsLattice {
  clusters: PottsClusterKernel;
  readStates(): Uint8Array;
  record(): Int32Array;
  getRngState(): Uint32Array;
}

/** A JavaScript Potts lattice of any L (the Potts kernels of src/models take even L only). */
class TestHost implements JsPottsHost {
  readonly spins: Uint8Array;
  readonly rng: Xoshiro128;
  readonly counts: Int32Array;
  bondCount = 0;

  constructor(
    readonly size: number,
    readonly q: number,
    seed: number,
    start: 'hot' | 'cold',
  ) {
    this.rng = new Xoshiro128(seedState(seed));
    // hot start as assembly/potts.ts's pottsFillHot: one draw per site, state floor(r q / 2^32)
    this.spins = Uint8Array.from({ length: size * size }, () => (start === 'hot' ? scaleToSites(this.rng.next(), q) : 0));
    const record = recordOf(this.spins, size, q);
    this.bondCount = record[0];
    this.counts = record.slice(1);
  }

  setBondCount(b: number): void {
    this.bondCount = b;
  }
}

/**
 * The two backends' lattices for a case: by default a WebAssembly instance (init(L), pottsInit(q))
 * and a JavaScript test host, which take any L; with `kernels`, the Potts kernels of src/models
 * (even L) as the hosts, as the simulation will use them.
 */
export async function bothPottsLattices(c: PottsCase, kernels = false): Promise<[PottsLattice, PottsLattice]> {
  const t = pottsThresholds(1 / c.temperature, c.field);
  const start = c.start ?? 'hot';
  let wasm: PottsLattice;
  let js: PottsLattice;
  if (kernels) {
    const w = await WasmPottsKernel.create(await loadInlinedCore('simd'), c.size, c.q);
    const j = new JsPottsKernel(c.size, c.q);
    for (const k of [w, j]) {
      k.setRngState(seedState(c.seed));
      k.fill(start);
    }
    const record = (k: WasmPottsKernel | JsPottsKernel) => () => {
      const out = new Int32Array(c.q + 1);
      k.record(out);
      return out;
    };
    wasm = { clusters: new WasmPottsClusters(w), readStates: () => w.readSpins(), record: record(w), getRngState: () => w.getRngState() };
    js = { clusters: new JsPottsClusters(j), readStates: () => j.readSpins(), record: record(j), getRngState: () => j.getRngState() };
  } else {
    const base = await WasmIsingKernel.create(await loadInlinedCore('simd'), c.size);
    const core = base.exports as unknown as {
      memory: WebAssembly.Memory;
      spinsPtr(): number;
      pottsInit(q: number): number;
      pottsFillHot(): void;
      pottsBondCount(): number;
      pottsCountsPtr(): number;
    };
    if (core.pottsInit(c.q) !== 0) throw new Error('pottsInit failed');
    base.setRngState(seedState(c.seed));
    if (start === 'hot') core.pottsFillHot();
    const view = <T>(Type: new (b: ArrayBuffer, o: number, l: number) => T, ptr: number, length: number) => new Type(core.memory.buffer as ArrayBuffer, ptr, length);
    wasm = {
      clusters: new WasmPottsClusters({ exports: core, size: c.size, q: c.q }),
      readStates: () => view(Uint8Array, core.spinsPtr(), c.size * c.size).slice(),
      record: () => Int32Array.from([core.pottsBondCount(), ...view(Int32Array, core.pottsCountsPtr(), c.q)]),
      getRngState: () => base.getRngState(),
    };
    const host = new TestHost(c.size, c.q, c.seed, start);
    js = {
      clusters: new JsPottsClusters(host),
      readStates: () => host.spins.slice(),
      record: () => Int32Array.from([host.bondCount, ...host.counts]),
      getRngState: () => Uint32Array.from(host.rng.state),
    };
  }
  wasm.clusters.setThresholds(t);
  js.clusters.setThresholds(t);
  return [wasm, js];
}

/** The record [Nb, n_0, ..., n_{q-1}] from the states: Nb over the 2N bonds (right and lower neighbour of every site). */
export function recordOf(states: Uint8Array, size: number, q: number): Int32Array {
  const out = new Int32Array(q + 1);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = states[y * size + x];
      out[1 + v]++;
      if (states[y * size + ((x + 1) % size)] === v) out[0]++;
      if (states[((y + 1) % size) * size + x] === v) out[0]++;
    }
  }
  return out;
}

/** Index of a configuration: sum_i s_i q^i. */
export function stateIndex(states: Uint8Array, q: number): number {
  let index = 0;
  for (let i = states.length - 1; i >= 0; i--) index = index * q + states[i];
  return index;
}

/** Exact Boltzmann probability of every configuration of the L x L Potts lattice (index as stateIndex). */
export function pottsBoltzmann(size: number, q: number, temperature: number, field: number): Float64Array {
  const n = size * size;
  const total = q ** n;
  const p = new Float64Array(total);
  const states = new Uint8Array(n);
  let z = 0;
  for (let index = 0; index < total; index++) {
    let k = index;
    for (let i = 0; i < n; i++) {
      states[i] = k % q;
      k = Math.floor(k / q);
    }
    const record = recordOf(states, size, q);
    p[index] = Math.exp((record[0] + field * record[1]) / temperature);
    z += p[index];
  }
  for (let index = 0; index < total; index++) p[index] /= z;
  return p;
}

/** Upper 1e-4 quantile of chi^2 with k degrees of freedom (Wilson-Hilferty). */
export function chiSquareCritical(k: number): number {
  const a = 2 / (9 * k);
  return k * (1 - a + 3.719 * Math.sqrt(a)) ** 3;
}
