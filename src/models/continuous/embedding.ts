/**
 * Swendsen-Wang by embedding for the continuous-spin models (U. Wolff, Phys. Rev. Lett. 62, 361
 * (1989), with the Swendsen-Wang multi-cluster update, Phys. Rev. Lett. 58, 86 (1987)): the
 * bit-identical twin of assembly/embedding.ts (contract in ./kernel.ts, "Swendsen-Wang by embedding").
 * A random reflection r makes the projections p_i = r . s_i an Ising model with couplings |p_i p_j|;
 * its Fortuin-Kasteleyn clusters are built (bonds with p_i p_j > 0 occupied with probability
 * 1 - exp(-2 beta p_i p_j)) and each cluster is reflected, s -> s - 2 (r . s) r, with probability
 * 1 / (1 + exp(beta dE)) for its field energy dE (1/2 at h = 0). The O(2) phi^4 field is embedded the
 * same way (Brower and Tamayo, Phys. Rev. Lett. 62, 1087 (1989)), its reflected vectors not renormalised.
 */
import { detCos, detExp, detExpSmall, detSin } from '../../detmath.js';
import type { Xoshiro128 } from '../../rng.js';
import type { ContinuousLattice } from './heat-bath.js';

const TWO_PI = 6.283185307179586;
const PI = 3.141592653589793;
const HALF_PI = 1.5707963267948966;
const TWO_POW_M32 = 2.3283064365386963e-10;

/** A uniformly random unit vector of R^3 into `out`: z = 2 u_1 - 1, phi = 2 pi u_2, normalised (twin of assembly/continuous.ts). */
export function randomUnitVector(rng: Xoshiro128, out: Float64Array): void {
  const z = 2 * (rng.next() * TWO_POW_M32) - 1;
  const phi = TWO_PI * (rng.next() * TWO_POW_M32);
  const rho = Math.sqrt(1 - z * z);
  const x = rho * detCos(phi);
  const y = rho * detSin(phi);
  const norm = Math.sqrt(x * x + y * y + z * z);
  out[0] = x / norm;
  out[1] = y / norm;
  out[2] = z / norm;
}

/** The union-find memory of the steps (17 bytes a site) and the statistics of the last step. */
export class Embedding {
  /** Union-find parents of the last step: parent[i] <= i, each cluster's root its smallest site. */
  readonly parent: Int32Array;
  private readonly projection: Float64Array;
  private readonly count: Int32Array;
  private readonly flags: Uint8Array;
  /** Sum over the clusters of the last step of |C|^2. */
  squares = 0;
  private readonly axis = new Float64Array(3);

  constructor(readonly sites: number) {
    this.parent = new Int32Array(sites);
    this.projection = new Float64Array(sites);
    this.count = new Int32Array(sites);
    this.flags = new Uint8Array(sites);
  }

  private find(i: number): number {
    const parent = this.parent;
    let x = i;
    let p = parent[x];
    while (p !== x) {
      const g = parent[p];
      parent[x] = g;
      x = g;
      p = parent[x];
    }
    return x;
  }

  /** One step on `lattice` (its sites must be this.sites); returns the sites reflected. */
  step(lattice: ContinuousLattice): number {
    const { spins: s, components: n, size: L, dimension: D, beta, field, clock, rng } = lattice;
    const uniform = () => rng.next() * TWO_POW_M32;
    const N = this.sites;
    const { parent, projection, count, flags } = this;
    let rx = 0;
    let ry = 0;
    let rz = 0;
    let mirror = 0;
    if (n === 3) {
      randomUnitVector(rng, this.axis);
      [rx, ry, rz] = this.axis;
    } else {
      let psi: number;
      if (!clock) {
        psi = TWO_PI * uniform();
      } else {
        mirror = Math.floor(rng.next() * clock.q * TWO_POW_M32);
        psi = (PI * mirror) / clock.q - HALF_PI;
      }
      rx = detCos(psi);
      ry = detSin(psi);
    }
    for (let i = 0; i < N; i++) {
      let pk = rx * s[n * i] + ry * s[n * i + 1];
      if (n === 3) pk = pk + rz * s[n * i + 2];
      projection[i] = pk;
      parent[i] = i;
      count[i] = 1;
    }
    const b2 = -2 * beta;
    const bond = (i: number, j: number): void => {
      let x = b2 * projection[i] * projection[j];
      if (!(x < 0)) return;
      x = x < -708.0 ? -708.0 : x;
      if (uniform() < 1 - detExpSmall(x)) {
        const a = this.find(i);
        const c = this.find(j);
        if (a < c) parent[c] = a;
        else if (c < a) parent[a] = c;
      }
    };
    const depth = D === 3 ? L : 1;
    for (let z = 0; z < depth; z++) {
      const front = (z === L - 1 ? 0 : z + 1) * L * L;
      for (let y = 0; y < L; y++) {
        const row = (z * L + y) * L;
        const down = (z * L + (y === L - 1 ? 0 : y + 1)) * L;
        for (let x = 0; x < L; x++) {
          const i = row + x;
          bond(i, row + (x === L - 1 ? 0 : x + 1));
          bond(i, down + x);
          if (D === 3) bond(i, front + y * L + x);
        }
      }
    }
    for (let i = 0; i < N; i++) {
      const root = this.find(i);
      if (root === i) continue;
      count[root] = count[root] + 1;
      projection[root] = projection[root] + projection[i];
    }
    const fieldAxis = n === 3 ? rz : rx;
    let sum = 0;
    for (let i = 0; i < N; i++) {
      if (parent[i] !== i) continue;
      const dE = 2 * field * fieldAxis * projection[i];
      const size = count[i];
      sum += size * size;
      flags[i] = uniform() < 1.0 / (1.0 + detExp(beta * dE)) ? 1 : 0;
    }
    this.squares = sum;
    let flipped = 0;
    for (let i = 0; i < N; i++) {
      if (flags[this.find(i)] === 0) continue;
      flipped++;
      const p = n * i;
      if (clock) {
        // the reflection of angle 2 pi k / q in the mirror j: 2 pi (j - k) / q
        let k2 = mirror - clock.states[i];
        if (k2 < 0) k2 += clock.q;
        clock.states[i] = k2;
        s[p] = clock.table[2 * k2];
        s[p + 1] = clock.table[2 * k2 + 1];
      } else if (n === 2) {
        const pk = rx * s[p] + ry * s[p + 1];
        let nx = s[p] - 2 * pk * rx;
        let ny = s[p + 1] - 2 * pk * ry;
        if (lattice.unit) {
          const f = (3.0 - (nx * nx + ny * ny)) * 0.5;
          nx = nx * f;
          ny = ny * f;
        }
        s[p] = nx;
        s[p + 1] = ny;
      } else {
        const pk = rx * s[p] + ry * s[p + 1] + rz * s[p + 2];
        const nx = s[p] - 2 * pk * rx;
        const ny = s[p + 1] - 2 * pk * ry;
        const nz = s[p + 2] - 2 * pk * rz;
        const norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
        s[p] = nx / norm;
        s[p + 1] = ny / norm;
        s[p + 2] = nz / norm;
      }
    }
    return flipped;
  }
}

/** Cluster labels from union-find parents with parent[i] <= i: each site's root (its cluster's smallest site). */
export function labelsFromParents(parent: Int32Array): Int32Array {
  const labels = new Int32Array(parent.length);
  for (let i = 0; i < parent.length; i++) labels[i] = parent[i] === i ? i : labels[parent[i]];
  return labels;
}
