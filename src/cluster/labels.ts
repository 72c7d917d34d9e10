/**
 * Cluster labels for callers (e.g. to colour clusters): one Int32Array per site, row-major.
 *
 * - After a Swendsen-Wang update every site is labelled by the smallest site index of its cluster
 *   (the same labels on both backends, whatever the order of the union-find operations).
 * - After a Wolff update the sites of the last cluster grown carry the smallest site index of
 *   that cluster and every other site carries {@link NO_CLUSTER}. When the field's ghost spin
 *   rejected that cluster, these are the sites grown before the rejection (they did not flip).
 * - Before any cluster update every site carries {@link NO_CLUSTER}.
 */

import { SQUARE, siteOfEntry, sitesOf, type LatticeGeometry } from '../lattice.js';

/** Label of a site that belongs to no cluster of the last update. */
export const NO_CLUSTER = -1;

/** Which update the labels describe: 0 none, 1 Wolff, 2 Swendsen-Wang (as assembly/cluster.ts). */
export type LabelKind = 0 | 1 | 2;

/**
 * Labels from the kernel's state: `parent` (Swendsen-Wang labels, first N entries) or the Wolff
 * cluster's sites, each a work entry of the geometry (square (y << 16) | x, cubic
 * (z << 20) | (y << 10) | x: assembly/lattice.ts).
 */
export function clusterLabelsOf(
  kind: LabelKind,
  size: number,
  parent: () => Int32Array,
  wolffSites: () => Int32Array,
  geometry: LatticeGeometry = SQUARE,
): Int32Array {
  const sites = sitesOf(geometry, size);
  if (kind === 2) return parent().slice(0, sites);
  const labels = new Int32Array(sites).fill(NO_CLUSTER);
  if (kind === 1) {
    const members = Array.from(wolffSites(), (packed) => siteOfEntry(geometry, size, packed));
    let smallest = sites;
    for (const i of members) smallest = Math.min(smallest, i);
    for (const i of members) labels[i] = smallest;
  }
  return labels;
}
