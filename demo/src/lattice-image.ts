/**
 * Lattice pictures: spins to RGBA pixels. Ising: up spins are light, down spins dark. A lattice
 * larger than the picture is shown in blocks: each pixel the mean of b x b spins, between the two
 * colours (a picture of the local magnetization). Cluster labels (one picture pixel per site
 * only) give every cluster its own hue, light for up and dark for down. Potts: one colour per
 * state ({@link pottsPalette}: q hues around the colour wheel), a block the mean colour of its
 * sites; cluster labels as for Ising. Angles (XY, clock, Heisenberg, phi^4) as a hue wheel with the
 * vortices marked. Pure: no DOM.
 */
import type { PictureKind } from './models.js';

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

// ---------------------------------------------------------------------------------------------
// Continuous spins: a hue wheel of the angle (XY, clock), hue and lightness (Heisenberg, O(2) fields)

/** RGB (0 .. 255) of hue h (radians, any), saturation s and lightness l (0 .. 1): HSL. */
export function hsl(h: number, s: number, l: number): [number, number, number] {
  const hue = ((((h / (2 * Math.PI)) % 1) + 1) % 1) * 6;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs((hue % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = hue < 1 ? [c, x, 0] : hue < 2 ? [x, c, 0] : hue < 3 ? [0, c, x] : hue < 4 ? [0, x, c] : hue < 5 ? [x, 0, c] : [c, 0, x];
  return [Math.round(255 * (r + m)), Math.round(255 * (g + m)), Math.round(255 * (b + m))];
}

/** A hue wheel in 256 steps as 32-bit words (saturated, lightness 0.5): the colour of an angle. */
const HUE_STEPS = 256;
let hueWheel: Uint32Array | undefined;
function hueWord(angle: number): number {
  if (!hueWheel) {
    hueWheel = new Uint32Array(HUE_STEPS);
    for (let k = 0; k < HUE_STEPS; k++) hueWheel[k] = word(...hsl((2 * Math.PI * k) / HUE_STEPS, 0.85, 0.5));
  }
  const k = Math.round((angle / (2 * Math.PI)) * HUE_STEPS);
  return hueWheel[((k % HUE_STEPS) + HUE_STEPS) % HUE_STEPS];
}

/** An angle difference wrapped into [-pi, pi). */
function wrap(d: number): number {
  return d - 2 * Math.PI * Math.floor((d + Math.PI) / (2 * Math.PI));
}

/**
 * The winding of the angle around every plaquette of the periodic L x L lattice: plaquette (x, y) has
 * corners (x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1); the sum of the bond differences around it
 * is 2 pi times +1 (a vortex), -1 (an antivortex) or 0. Each bond's difference is wrapped into
 * [-pi, pi) once, along +x or +y, and used with opposite signs by its two plaquettes, so the charges
 * sum to zero on the torus even where a difference is exactly pi (clock models with even q).
 * Returns the charges, plaquette (x, y) at y L + x.
 */
export function vortexCharges(angles: Float64Array, size: number): Int8Array {
  const n = size * size;
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  for (let y = 0; y < size; y++) {
    const y1 = y + 1 === size ? 0 : y + 1;
    for (let x = 0; x < size; x++) {
      const x1 = x + 1 === size ? 0 : x + 1;
      const a = angles[y * size + x];
      bx[y * size + x] = wrap(angles[y * size + x1] - a);
      by[y * size + x] = wrap(angles[y1 * size + x] - a);
    }
  }
  const out = new Int8Array(n);
  for (let y = 0; y < size; y++) {
    const y1 = y + 1 === size ? 0 : y + 1;
    for (let x = 0; x < size; x++) {
      const x1 = x + 1 === size ? 0 : x + 1;
      const w = bx[y * size + x] + by[y * size + x1] - bx[y1 * size + x] - by[y * size + x];
      out[y * size + x] = Math.round(w / (2 * Math.PI));
    }
  }
  return out;
}

/** The scale of a picture of continuous spins: whole pixels per site, about `target` pixels wide (at least 1). */
export function angleScale(size: number, target = 512): number {
  return Math.max(1, Math.floor(target / size));
}

/**
 * Draws the angles of an L x L lattice as a hue wheel into `out`, the RGBA pixels of an (sL) x (sL)
 * picture (s = scale), with the vortex charges (when given and s >= 4) marked at the plaquette
 * centres: + in white, - in black, each with a contrasting rim. Returns the numbers of vortices and
 * antivortices. `colour` (optional) gives the colour of a site instead of the hue of its angle.
 */
export function drawAngles(angles: Float64Array, size: number, scale: number, out: Uint8ClampedArray, charges?: Int8Array, colour?: (site: number) => number): { vortices: number; antivortices: number } {
  const side = size * scale;
  if (angles.length !== size * size || out.length !== 4 * side * side || out.byteOffset % 4 !== 0) {
    throw new RangeError(`drawAngles: a ${size} x ${size} lattice (${angles.length} angles) into a ${side} x ${side} picture (${out.length} bytes)`);
  }
  const pixels = new Uint32Array(out.buffer, out.byteOffset, side * side);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = colour ? colour(y * size + x) : hueWord(angles[y * size + x]);
      for (let dy = 0; dy < scale; dy++) pixels.fill(c, (y * scale + dy) * side + x * scale, (y * scale + dy) * side + (x + 1) * scale);
    }
  }
  let vortices = 0;
  let antivortices = 0;
  if (!charges) return { vortices, antivortices };
  const white = word(255, 255, 255);
  const black = word(0, 0, 0);
  const arm = Math.max(1, Math.floor(scale * 0.6));
  const put = (px: number, py: number, c: number) => {
    if (px >= 0 && py >= 0 && px < side && py < side) pixels[py * side + px] = c;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const q = charges[y * size + x];
      if (q === 0) continue;
      if (q > 0) vortices++;
      else antivortices++;
      if (scale < 4) continue;
      // the plaquette centre is the corner between sites (x, y) and (x + 1, y + 1): pixel ((x + 1) s, (y + 1) s)
      const cx = (x + 1) * scale;
      const cy = (y + 1) * scale;
      const [ink, rim] = q > 0 ? [white, black] : [black, white];
      for (let t = -arm - 1; t <= arm; t++) {
        for (const w of [-2, 1]) put(cx + t, cy + w, rim); // the horizontal bar's rim
        if (q > 0) for (const w of [-2, 1]) put(cx + w, cy + t, rim);
      }
      for (let t = -arm; t < arm; t++) {
        put(cx + t, cy - 1, ink);
        put(cx + t, cy, ink);
        if (q > 0) {
          put(cx - 1, cy + t, ink);
          put(cx, cy + t, ink);
        }
      }
    }
  }
  return { vortices, antivortices };
}

/** The colour of a 3-vector: hue its in-plane angle, lightness (1 + z) / 2 (white up, black down). */
export function vectorWord(x: number, y: number, z: number): number {
  return word(...hsl(Math.atan2(y, x), 0.9, Math.min(1, Math.max(0, (1 + z) / 2))));
}

/** The colour of a planar field value: hue its phase, lightness |phi| / (2 scale) (dark where the field is small). */
export function fieldWord(x: number, y: number, scale: number): number {
  const r = Math.hypot(x, y) / (2 * scale);
  return word(...hsl(Math.atan2(y, x), 0.9, Math.min(0.85, Math.max(0.05, r))));
}

/** The colour of a mean vector of length r <= 1 (a projection): the hue of its angle, faded to grey as r falls. */
export function meanVectorWord(x: number, y: number, z = 0): number {
  const r = Math.min(1, Math.hypot(x, y, z));
  return word(...hsl(Math.atan2(y, x), Math.min(1, 1.5 * r), Math.min(1, Math.max(0, 0.5 + z / 2))));
}

/** The word of a grey level between DOWN (f = 0) and UP (f = 1), for projections of Ising spins. */
export function isingBlend(f: number): number {
  return word(DOWN[0] + (UP[0] - DOWN[0]) * f, DOWN[1] + (UP[1] - DOWN[1]) * f, DOWN[2] + (UP[2] - DOWN[2]) * f);
}

/** The 32-bit word of an RGB colour (for pictures drawn elsewhere). */
export const rgbWord = word;

/** Angles (and, for 3-vectors and fields, colours) of an L x L layer of continuous spins or clock states. */
function anglesOf(kind: PictureKind, layer: Uint8Array | Float64Array, sites: number, q: number): { angles: Float64Array; colour?: (site: number) => number } {
  const angles = new Float64Array(sites);
  if (kind === 'angle' && layer instanceof Uint8Array) {
    for (let i = 0; i < sites; i++) angles[i] = (2 * Math.PI * layer[i]) / q;
    return { angles };
  }
  const v = layer as Float64Array;
  const n = v.length / sites;
  for (let i = 0; i < sites; i++) angles[i] = Math.atan2(v[n * i + 1], v[n * i]);
  if (kind === 'vector3') return { angles, colour: (i) => vectorWord(v[3 * i], v[3 * i + 1], v[3 * i + 2]) };
  if (kind === 'field') {
    let sum = 0;
    for (let i = 0; i < sites; i++) sum += v[2 * i] ** 2 + v[2 * i + 1] ** 2;
    const rms = Math.sqrt(sum / sites) || 1;
    return { angles, colour: (i) => fieldWord(v[2 * i], v[2 * i + 1], rms) };
  }
  return { angles };
}

/**
 * Draws an L x L layer of any model into `out` (RGBA, (sL) x (sL), s = scale): Ising spins (+1 / -1,
 * s must be 1) light and dark, Potts states in q colours (s = 1), angles as a hue wheel (3-vectors
 * with lightness for S_z, fields with lightness for |phi|), the vortices marked when `marks` (and s >= 4).
 * Returns the vortex counts of pictures of angles.
 */
export function drawLayer(kind: PictureKind, layer: Int8Array | Uint8Array | Float64Array, size: number, q: number, scale: number, out: Uint8ClampedArray, marks: boolean): { vortices: number; antivortices: number } | undefined {
  if (kind === 'spins') return void drawLattice(layer as Int8Array, size, size, out);
  if (kind === 'states') return void drawPotts(layer as Uint8Array, q, size, size, out);
  const { angles, colour } = anglesOf(kind, layer as Uint8Array | Float64Array, size * size, q);
  return drawAngles(angles, size, scale, out, marks && kind !== 'vector3' ? vortexCharges(angles, size) : undefined, colour);
}

/** The sites of plane z of an L^3 lattice (or the whole L^2 lattice), one value or `n` components a site. */
export function plane<T extends Int8Array | Uint8Array | Float64Array>(data: T, size: number, z: number, n = 1): T {
  const per = size * size * n;
  return data.subarray(z * per, (z + 1) * per) as T;
}
