/**
 * Lattice pictures: spins to RGBA pixels. Up spins are light, down spins dark. A lattice larger
 * than the picture is shown in blocks: each pixel the mean of b x b spins, between the two
 * colours (a picture of the local magnetization). Cluster labels (one picture pixel per site
 * only) give every cluster its own hue, light for up and dark for down. Pure: no DOM.
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
