/**
 * Lattice pictures: spins to RGBA pixels. Ising: up spins are light, down spins dark. A lattice
 * larger than the picture is shown in blocks: each pixel the mean of b x b spins, between the two
 * colours (a picture of the local magnetization). Cluster labels (one picture pixel per site
 * only) give every cluster its own hue, light for up and dark for down. Potts: one colour per
 * state ({@link pottsPalette}: q hues around the colour wheel), a block the mean colour of its
 * sites; cluster labels as for Ising. Pure: no DOM.
 */

/** Colours of up and down spins (RGB). */
export const UP: readonly [number, number, number] = [244, 238, 224];
export const DOWN: readonly [number, number, number] = [27, 38, 66];

/**
 * The side of the picture of an L x L lattice at most `max` pixels wide: the largest divisor D of L
 * with D <= max (so that every pixel covers b x b whole sites, b = L / D).
 */
export function pictureSize(size: number, max: number): number {
  for (let b = Math.max(1, Math.ceil(size / max)); b <= size; b++) if (size % b === 0) return size / b;
  return 1;
}

/** RGBA bytes of a colour as one 32-bit word in this machine's byte order. */
function word(r: number, g: number, b: number): number {
  const bytes = new Uint8Array([Math.round(r), Math.round(g), Math.round(b), 255]);
  return new Uint32Array(bytes.buffer)[0];
}

/** The colour of a cluster: a hue from its label (golden-ratio hashing), lighter for up spins. */
function clusterWord(label: number, up: boolean): number {
  const hue = (((Math.imul(label + 1, 0x9e3779b1) >>> 0) / 2 ** 32) * 6) % 6;
  const channel = (n: number) => Math.max(0, Math.min(1, Math.abs(((hue + n) % 6) - 3) - 1));
  const [lo, hi] = up ? [150, 255] : [35, 150];
  return word(lo + (hi - lo) * channel(0), lo + (hi - lo) * channel(4), lo + (hi - lo) * channel(2));
}

/**
 * Draws the L x L lattice `spins` (+1 / -1, row-major) into `out`, the RGBA pixels of a D x D
 * picture with D dividing L (see {@link pictureSize}). `labels` (cluster labels, -1 for no cluster)
 * colour the clusters; only when D = L.
 */
export function drawLattice(spins: Int8Array, size: number, picture: number, out: Uint8ClampedArray, labels?: Int32Array): void {
  if (size % picture !== 0 || spins.length !== size * size || out.length !== 4 * picture * picture || out.byteOffset % 4 !== 0) {
    throw new RangeError(`drawLattice: a ${size} x ${size} lattice (${spins.length} spins) into a ${picture} x ${picture} picture (${out.length} bytes)`);
  }
  const pixels = new Uint32Array(out.buffer, out.byteOffset, picture * picture);
  const b = size / picture;
  if (b === 1) {
    const up = word(...UP);
    const down = word(...DOWN);
    if (labels) {
      const hues = new Map<number, number>();
      for (let i = 0; i < spins.length; i++) {
        const label = labels[i];
        if (label < 0) {
          pixels[i] = spins[i] > 0 ? up : down;
          continue;
        }
        const key = spins[i] > 0 ? label : -2 - label;
        let colour = hues.get(key);
        if (colour === undefined) hues.set(key, (colour = clusterWord(label, spins[i] > 0)));
        pixels[i] = colour;
      }
    } else {
      for (let i = 0; i < spins.length; i++) pixels[i] = spins[i] > 0 ? up : down;
    }
    return;
  }
  // blocks: colour by the number of up spins k of b^2, from DOWN (k = 0) to UP (k = b^2)
  const cells = b * b;
  const palette = new Uint32Array(cells + 1);
  for (let k = 0; k <= cells; k++) {
    const f = k / cells;
    palette[k] = word(DOWN[0] + (UP[0] - DOWN[0]) * f, DOWN[1] + (UP[1] - DOWN[1]) * f, DOWN[2] + (UP[2] - DOWN[2]) * f);
  }
  const rowSums = new Int32Array(picture);
  for (let py = 0; py < picture; py++) {
    rowSums.fill(0);
    for (let dy = 0; dy < b; dy++) {
      const row = (py * b + dy) * size;
      for (let px = 0, x = 0; px < picture; px++) {
        let s = 0;
        for (let dx = 0; dx < b; dx++, x++) s += spins[row + x];
        rowSums[px] += s;
      }
    }
    // sum of b^2 spins = 2k - b^2
    for (let px = 0; px < picture; px++) pixels[py * picture + px] = palette[(rowSums[px] + cells) >> 1];
  }
}

/** The q colours of the Potts states (RGB): hues evenly around the wheel from red, every other one darker so that neighbours differ. */
export function pottsPalette(q: number): [number, number, number][] {
  return Array.from({ length: q }, (_, k) => {
    const hue = (6 * k) / q;
    const channel = (n: number) => Math.max(0, Math.min(1, Math.abs(((hue + n) % 6) - 3) - 1));
    const [lo, hi] = q > 6 && k % 2 === 1 ? [40, 175] : [70, 245];
    return [lo + (hi - lo) * channel(0), lo + (hi - lo) * channel(4), lo + (hi - lo) * channel(2)].map(Math.round) as [number, number, number];
  });
}

/**
 * Draws the L x L lattice of Potts `states` (0 .. q - 1, row-major) into `out`, the RGBA pixels of a
 * D x D picture with D dividing L: one colour per state, or for D < L each pixel the mean colour of
 * its b x b sites. `labels` colour the clusters (only when D = L).
 */
export function drawPotts(states: Uint8Array, q: number, size: number, picture: number, out: Uint8ClampedArray, labels?: Int32Array): void {
  if (size % picture !== 0 || states.length !== size * size || out.length !== 4 * picture * picture || out.byteOffset % 4 !== 0) {
    throw new RangeError(`drawPotts: a ${size} x ${size} lattice (${states.length} states) into a ${picture} x ${picture} picture (${out.length} bytes)`);
  }
  const palette = pottsPalette(q);
  const pixels = new Uint32Array(out.buffer, out.byteOffset, picture * picture);
  const b = size / picture;
  if (b === 1) {
    const words = palette.map((c) => word(...c));
    const clusters = new Map<number, number>();
    for (let i = 0; i < states.length; i++) {
      const label = labels ? labels[i] : -1;
      if (label < 0) {
        pixels[i] = words[states[i]];
        continue;
      }
      let colour = clusters.get(label);
      if (colour === undefined) clusters.set(label, (colour = clusterWord(label, true)));
      pixels[i] = colour;
    }
    return;
  }
  const sums = new Float64Array(3 * picture);
  const cells = b * b;
  for (let py = 0; py < picture; py++) {
    sums.fill(0);
    for (let dy = 0; dy < b; dy++) {
      const row = (py * b + dy) * size;
      for (let x = 0; x < size; x++) {
        const c = palette[states[row + x]];
        const px = 3 * Math.floor(x / b);
        sums[px] += c[0];
        sums[px + 1] += c[1];
        sums[px + 2] += c[2];
      }
    }
    for (let px = 0; px < picture; px++) pixels[py * picture + px] = word(sums[3 * px] / cells, sums[3 * px + 1] / cells, sums[3 * px + 2] / cells);
  }
}
