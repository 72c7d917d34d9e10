/** Test helpers for the Potts cluster kernels: both backends, exact enumeration, counters from scratch. */
import { loadCore } from '../../src/backend/loader.js';
import { WasmPottsClusters } from '../../src/backend/wasm.js';
import { JsPottsClusters } from '../../src/backend/js-cluster.js';
import { pottsThresholds, type PottsClusterKernel, type PottsCounts } from '../../src/cluster/potts.js';
import { seedState } from '../../src/rng.js';

export interface PottsCase {
  q: number;
  size: number;
  temperature: number;
  field: number;
  seed: number;
  start?: 'hot' | 'cold';
}

/** A kernel of each backend set up for the case, from the same generator state and start. */
export async function bothPotts(c: PottsCase): Promise<[PottsClusterKernel, PottsClusterKernel]> {
  const kernels: PottsClusterKernel[] = [await WasmPottsClusters.create(await loadCore(), c.size), new JsPottsClusters(c.size)];
  const t = pottsThresholds(1 / c.temperature, c.field);
  for (const k of kernels) {
    k.setRngState(seedState(c.seed));
    k.setup(c.q, t.bond, t.ghost, t.fieldMode);
    k.fill(c.start ?? 'hot');
  }
  return kernels as [PottsClusterKernel, PottsClusterKernel];
}

/** S = sum over the 2N bonds (right and lower neighbour of every site) of delta, and N_s, from the states. */
export function countsOf(states: Uint8Array, size: number, q: number): PottsCounts {
  let satisfied = 0;
  const counts = new Int32Array(q);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = states[y * size + x];
      counts[v]++;
      if (states[y * size + ((x + 1) % size)] === v) satisfied++;
      if (states[((y + 1) % size) * size + x] === v) satisfied++;
    }
  }
  return { satisfied, states: counts };
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
    const { satisfied, states: counts } = countsOf(states, size, q);
    p[index] = Math.exp((satisfied + field * counts[0]) / temperature);
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
