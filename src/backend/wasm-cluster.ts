/**
 * The calls every WebAssembly cluster kernel makes (assembly/cluster-engine.ts and its models,
 * assembly/cluster.ts and assembly/potts-cluster.ts): labels of the last update and recorded calls.
 */
import { CoreError } from '../errors.js';
import { clusterLabelsOf, type LabelKind } from '../cluster/labels.js';
import { sitesOf, type LatticeGeometry } from '../lattice.js';
import { guarded } from './core-call.js';

/** The cluster exports every cluster kernel uses (assembly/cluster.ts, assembly/cluster-engine.ts). */
export interface ClusterCore {
  readonly memory: WebAssembly.Memory;
  seriesPtr(): number;
  clusterReserve(): number;
  clusterParentPtr(): number;
  clusterWorkPtr(): number;
  clusterSizesPtr(): number;
  clusterLastKind(): number;
  clusterLastCount(): number;
}

/** A fresh view of a core's memory (memory.grow detaches old ones). */
function coreView<T>(
  core: { memory: WebAssembly.Memory },
  Type: new (buffer: ArrayBuffer, offset: number, length: number) => T,
  ptr: number,
  length: number,
): T {
  return new Type(core.memory.buffer as ArrayBuffer, ptr, length);
}

/** Labels of the last cluster update of a core instance (src/cluster/labels.ts). */
export function coreClusterLabels(core: ClusterCore, size: number, geometry: LatticeGeometry): Int32Array {
  return clusterLabelsOf(
    core.clusterLastKind() as LabelKind,
    size,
    () => coreView(core, Int32Array, core.clusterParentPtr(), sitesOf(geometry, size)),
    () => coreView(core, Int32Array, core.clusterWorkPtr(), core.clusterLastCount()),
    geometry,
  );
}

/**
 * Runs a cluster kernel call over `steps`: in one call without records, else in calls of at most
 * `records.capacity` steps, copying each call's records (`records.width` words a step) and sizes out.
 */
export function recordedClusterCalls(
  core: ClusterCore,
  what: string,
  steps: number,
  out: Int32Array | undefined,
  sizes: Float64Array | undefined,
  records: { ptr: number; width: number; capacity: number },
  call: (n: number, record: number) => number,
): number {
  const checked = (n: number, record: number): number => {
    const changed = guarded(what, () => call(n, record));
    if (changed < 0) throw new CoreError(`${what} refused (${changed}): reserve the cluster memory first, at most ${records.capacity} recorded steps a call`);
    return changed;
  };
  if (!out || !sizes) return checked(steps, 0);
  let changed = 0;
  for (let done = 0; done < steps;) {
    const n = Math.min(records.capacity, steps - done);
    changed += checked(n, 1);
    out.set(coreView(core, Int32Array, records.ptr, records.width * n), records.width * done);
    sizes.set(coreView(core, Float64Array, core.clusterSizesPtr(), n), done);
    done += n;
  }
  return changed;
}
