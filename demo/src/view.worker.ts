/**
 * The view worker: the lattices the simulation worker produced, relayed by the page (transferred).
 * Ising (bit-packed spins) or Potts (one state a byte): it draws the lattice and its block-spin
 * pyramid (majority rule, 2 x 2 blocks; Potts: majority of the q states, in q colours; on the cubic
 * lattice 2 x 2 x 2 blocks, each level drawn as its slice through the plane shown) into
 * ImageBitmaps and follows the order parameter of every block level from frame to frame for the RG
 * flow (Ising m, Potts |M| / N). XY, clock, Heisenberg and phi^4: the library's block spins
 * (coarseGrainContinuous: normalised block sums, the nearest clock state, block averages), each
 * level drawn as the lattice is (hue wheel with vortices, hue and lightness), followed by |m|, the
 * O(n) Binder cumulant and the nearest-neighbour correlation g, whose change from level to level
 * is the library's flow verdict (flowDirection, continuousDirection: 'fixed-line' on the 2D BKT line).
 * It writes the PNG export of the last picture.
 */
import {
  coarseGrain,
  coarseGrainContinuous,
  coarseGrainCubic,
  coarseGrainPotts,
  coarseGrainPottsCubic,
  continuousDirection,
  FLOW_THRESHOLDS,
  flowDirection,
  modelDefinition,
  unpackSpins,
  type ContinuousModel,
} from 'criticality';
import { RgAccumulator, vectorLevelStats } from './analysis.js';
import { angleScale, drawLattice, drawLayer, plane, drawPotts, isingBlend, meanVectorWord, pictureSize, pottsPalette, rgbWord } from './lattice-image.js';
import { specOf, type PictureKind } from './models.js';
import { changes, LEVELS_SHOWN, type FramePictures, type FromView, type RgPlot, type RunTag, type ToView } from './protocol.js';

/** Largest picture of the lattice (larger lattices are shown in blocks), and of a block level. */
const MAX_PICTURE = 1024;
const LEVEL_PICTURE = 256;
/** The RG flow is recomputed at most this often, ms. */
const RG_EVERY_MS = 400;

const scope = globalThis as unknown as {
  postMessage(message: FromView, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToView>) => void) | null;
};

let tag: RunTag | undefined;
const rg = new RgAccumulator();
let rgAt = 0;
let spins: Int8Array | undefined;
let lastImage: ImageData | undefined;
const canvases = new Map<number, OffscreenCanvasRenderingContext2D>();

function bitmap(image: ImageData): ImageBitmap {
  let context = canvases.get(image.width);
  if (!context) {
    context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
    canvases.set(image.width, context);
  }
  context.putImageData(image, 0, 0);
  return context.canvas.transferToImageBitmap();
}

function picture(lattice: Int8Array, size: number, max: number, labels?: Int32Array): { image: ImageData; picture: number } {
  const side = pictureSize(size, max);
  const image = new ImageData(side, side);
  drawLattice(lattice, size, side, image.data, side === size ? labels : undefined);
  return { image, picture: side };
}

/** m = (sum of the spins) / N of a lattice. */
function magnetization(lattice: Int8Array): number {
  let sum = 0;
  for (let i = 0; i < lattice.length; i++) sum += lattice[i];
  return sum / lattice.length;
}

/** A picture of a Potts lattice in q colours. */
function pottsPicture(states: Uint8Array, q: number, size: number, max: number, labels?: Int32Array): { image: ImageData; picture: number } {
  const side = pictureSize(size, max);
  const image = new ImageData(side, side);
  drawPotts(states, q, size, side, image.data, side === size ? labels : undefined);
  return { image, picture: side };
}

/** |M| / N of a Potts lattice, by the model's own formula from the state counts (src/models/potts). */
function pottsOrder(states: Uint8Array, q: number): number {
  const record = new Int32Array(q + 1); // (Nb, n_0, ..., n_{q-1}); Nb is not needed here
  for (let i = 0; i < states.length; i++) record[1 + states[i]]++;
  return modelDefinition('potts').orderParameter(record, 0, states.length, { q });
}

/** A drawn frame: the main picture (the lattice, or the slice of a cubic lattice), its block levels, the RG orders, a projection. */
interface Drawn {
  main: { image: ImageData; picture: number; scale: number };
  levels: FramePictures['levels'];
  orders: number[];
  sizes: number[];
  /** Continuous spins: the nearest-neighbour correlation g of every level. */
  correlations?: number[];
  projection?: ImageData;
  vortices?: { vortices: number; antivortices: number };
}

/** The lattice and its pyramid: pictures of levels 0 .. LEVELS_SHOWN and the order parameter of every level (square Ising and Potts). */
function drawSquare(next: RunTag, data: Uint8Array | Int8Array, labels?: Int32Array): Drawn {
  const { size } = next;
  const sites = size * size;
  let main: { image: ImageData; picture: number };
  let pyramid: { sizes: number[]; levelPictures: { image: ImageData; picture: number }[]; orders: number[] };
  if (next.model === 'potts') {
    const q = next.q!;
    const states = data as Uint8Array;
    main = pottsPicture(states, q, size, MAX_PICTURE, labels);
    const p = coarseGrainPotts(states, q, { blockSize: 2 });
    pyramid = {
      sizes: p.sizes,
      levelPictures: p.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => pottsPicture(level, q, p.sizes[k + 1], LEVEL_PICTURE)),
      orders: p.lattices.map((level) => pottsOrder(level, q)),
    };
  } else {
    if (spins?.length !== sites) spins = new Int8Array(sites);
    unpackSpins(data as Uint8Array, sites, spins);
    main = picture(spins, size, MAX_PICTURE, labels);
    const p = coarseGrain(spins, { blockSize: 2 });
    pyramid = {
      sizes: p.sizes,
      levelPictures: p.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => picture(level, p.sizes[k + 1], LEVEL_PICTURE)),
      orders: p.lattices.map(magnetization),
    };
  }
  const levels = pyramid.levelPictures.map((p, k) => ({ size: pyramid.sizes[k + 1], picture: p.picture, bitmap: bitmap(p.image) }));
  return { main: { ...main, scale: 1 }, levels, orders: pyramid.orders, sizes: pyramid.sizes };
}

/** The mean along z of an L^3 lattice (L^2 pixels): Ising the mean spin, Potts the mean colour, vectors the mean vector. */
function projection(kind: PictureKind, data: Int8Array | Uint8Array | Float64Array, size: number, q: number): ImageData {
  const area = size * size;
  const image = new ImageData(size, size);
  const pixels = new Uint32Array(image.data.buffer);
  if (kind === 'spins') {
    const s = data as Int8Array;
    for (let i = 0; i < area; i++) {
      let sum = 0;
      for (let z = 0; z < size; z++) sum += s[z * area + i];
      pixels[i] = isingBlend((sum / size + 1) / 2);
    }
    return image;
  }
  if (kind === 'states') {
    const palette = pottsPalette(q);
    const s = data as Uint8Array;
    for (let i = 0; i < area; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let z = 0; z < size; z++) {
        const c = palette[s[z * area + i]];
        r += c[0];
        g += c[1];
        b += c[2];
      }
      pixels[i] = rgbWord(r / size, g / size, b / size);
    }
    return image;
  }
  // vectors: clock states as unit vectors, else the components
  const n = kind === 'vector3' ? 3 : 2;
  let norm = 1;
  if (kind === 'field') {
    const v = data as Float64Array;
    let sum = 0;
    for (let k = 0; k < v.length; k++) sum += v[k] * v[k];
    norm = Math.sqrt(sum / (v.length / 2)) || 1;
  }
  for (let i = 0; i < area; i++) {
    let x = 0;
    let y = 0;
    let zc = 0;
    for (let z = 0; z < size; z++) {
      const site = z * area + i;
      if (data instanceof Uint8Array) {
        x += Math.cos((2 * Math.PI * data[site]) / q);
        y += Math.sin((2 * Math.PI * data[site]) / q);
      } else {
        x += data[n * site];
        y += data[n * site + 1];
        if (n === 3) zc += data[n * site + 2];
      }
    }
    pixels[i] = meanVectorWord(x / size / norm, y / size / norm, zc / size);
  }
  return image;
}

/** A frame of any model: the square lattices of Ising and Potts with their pyramid; a picture of the angles otherwise; a slice and a projection of a cubic lattice. */
function drawFrame(next: RunTag, data: Uint8Array | Int8Array | Float64Array, labels?: Int32Array): Drawn {
  const kind = specOf(next.model).picture;
  const cubic = next.geometry === 'cubic';
  if (!cubic && (kind === 'spins' || kind === 'states')) return drawSquare(next, data as Uint8Array, labels);
  const { size } = next;
  const q = next.q ?? 2;
  const z = cubic ? Math.min(size - 1, Math.max(0, viewPlane < 0 ? size >> 1 : viewPlane)) : 0;
  const n = kind === 'vector3' ? 3 : data instanceof Float64Array ? 2 : 1;
  const layer = cubic ? plane(data, size, z, n) : data;
  // a slice of a cubic Ising or Potts lattice: one pixel a site; angles as a hue wheel with the vortices marked
  const scale = kind === 'spins' || kind === 'states' ? 1 : angleScale(size);
  const image = new ImageData(size * scale, size * scale);
  const vortices = drawLayer(kind, layer, size, q, scale, image.data, true);
  const main: Drawn['main'] = { image, picture: size, scale };
  const pyramid = kind === 'spins' || kind === 'states' ? cubicPyramid(next, data as Int8Array | Uint8Array, z) : vectorPyramid(next, kind, data as Uint8Array | Float64Array, z);
  return { main, ...pyramid, ...(cubic ? { projection: projection(kind, data, size, q) } : {}), ...(vortices ? { vortices } : {}) };
}

/**
 * The block-spin pyramid of a cubic Ising or Potts lattice (2 x 2 x 2 blocks, the library's
 * coarseGrainCubic and coarseGrainPottsCubic): every level's order parameter, and levels 1 ..
 * LEVELS_SHOWN drawn as their slices through plane z of the lattice (z_k = floor(z / 2^k)).
 */
function cubicPyramid(next: RunTag, data: Int8Array | Uint8Array, z: number): Pick<Drawn, 'levels' | 'orders' | 'sizes'> {
  const q = next.q ?? 2;
  const potts = next.model === 'potts';
  const p = potts ? coarseGrainPottsCubic(data as Uint8Array, q, { blockSize: 2 }) : coarseGrainCubic(data as Int8Array, { blockSize: 2 });
  const levels = p.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => {
    const n = p.sizes[k + 1];
    const at = Math.floor(z / 2 ** (k + 1));
    const image = new ImageData(n, n);
    drawLayer(potts ? 'states' : 'spins', plane(level, n, at), n, q, 1, image.data, false);
    return { size: n, picture: n, plane: at, bitmap: bitmap(image) };
  });
  const orders = p.lattices.map((level) => (potts ? pottsOrder(level as Uint8Array, q) : magnetization(level as Int8Array)));
  return { levels, orders, sizes: p.sizes };
}

/**
 * The block-spin pyramid of a continuous-spin lattice (2 x 2 or 2 x 2 x 2 blocks, the library's
 * coarseGrainContinuous): |m| and g of every level, and levels 1 .. LEVELS_SHOWN drawn as the
 * lattice is (on the cube as their slices through plane z), about LEVEL_PICTURE / 2 pixels wide
 * with the vortices of the block lattice marked.
 */
function vectorPyramid(next: RunTag, kind: PictureKind, data: Uint8Array | Float64Array, z: number): Pick<Drawn, 'levels' | 'orders' | 'sizes' | 'correlations'> {
  const cubic = next.geometry === 'cubic';
  const model = next.model as ContinuousModel;
  const q = next.q ?? 2;
  const n = kind === 'vector3' ? 3 : 2;
  const p = coarseGrainContinuous(model, data as Float64Array, { blockSize: 2, lattice: next.geometry, ...(model === 'clock' ? { q } : {}) });
  const levels = p.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => {
    const size = p.sizes[k + 1];
    const at = cubic ? Math.floor(z / 2 ** (k + 1)) : 0;
    const scale = angleScale(size, LEVEL_PICTURE / 2);
    const image = new ImageData(size * scale, size * scale);
    drawLayer(kind, cubic ? plane(level, size, at, level instanceof Uint8Array ? 1 : n) : level, size, q, scale, image.data, true);
    return { size, picture: size * scale, ...(cubic ? { plane: at } : {}), bitmap: bitmap(image) };
  });
  const measured = p.lattices.map((level, k) => vectorLevelStats(level, p.sizes[k], cubic ? 3 : 2, n, q));
  return { levels, orders: measured.map((l) => l.m), correlations: measured.map((l) => l.nn), sizes: p.sizes };
}

/** The plane of a cubic lattice shown (-1: the middle one), and the last frame (redrawn when the plane changes). */
let viewPlane = -1;
let last: { tag: RunTag; data: Uint8Array | Int8Array | Float64Array } | undefined;

/** Draws a frame; a redraw (another plane of the same lattice) adds no sample to the RG flow. */
function frame(next: RunTag, data: Uint8Array | Int8Array | Float64Array, labels?: Int32Array, redraw = false): void {
  if (changes(tag, next).epoch) rg.reset([]);
  tag = next;
  last = { tag: next, data };
  const { size } = next;
  const { main, levels, orders, sizes, correlations, projection: projected, vortices } = drawFrame(next, data, labels);
  lastImage = main.image;
  const kind = specOf(next.model).picture;
  const components = kind === 'spins' || kind === 'states' ? 1 : kind === 'vector3' ? 3 : 2;
  if (rg.sizes.join() !== sizes.join() || rg.components !== components) rg.reset(sizes, components);
  if (orders.length > 0 && !redraw) rg.add(orders, correlations);
  const pictures: FramePictures = {
    lattice: bitmap(main.image),
    size,
    picture: main.picture,
    scale: main.scale,
    clusters: labels !== undefined && main.picture === size && levels.length > 0,
    model: next.model,
    ...(next.q !== undefined ? { q: next.q } : {}),
    geometry: next.geometry,
    levels,
    ...(next.geometry === 'cubic' ? { plane: Math.min(size - 1, Math.max(0, viewPlane < 0 ? size >> 1 : viewPlane)) } : {}),
    ...(projected ? { projection: bitmap(projected) } : {}),
    ...(vortices ? { vortices } : {}),
  };
  let flow: RgPlot | undefined;
  if (orders.length > 0 && performance.now() - rgAt >= RG_EVERY_MS) {
    rgAt = performance.now();
    const result = rg.result();
    if (result) {
      const correlated = result.every((l) => l.nn !== undefined);
      const direction = correlated
        ? continuousDirection({ model: next.model, ...(next.q !== undefined ? { q: next.q } : {}) }, next.geometry === 'cubic' ? 3 : 2, flowDirection(result.map((l) => ({ nn: l.nn! })), FLOW_THRESHOLDS[next.geometry]))
        : undefined;
      flow = { lattice: next.lattice, epoch: next.epoch, levels: result, samples: rg.samples, ...(direction ? { direction } : {}) };
    }
  }
  scope.postMessage({ type: 'pictures', pictures, rg: flow }, [pictures.lattice, ...levels.map((l) => l.bitmap), ...(pictures.projection ? [pictures.projection] : [])]);
}

async function exportPicture(id: number): Promise<void> {
  if (!lastImage) throw new Error('no lattice has been drawn yet');
  const canvas = new OffscreenCanvas(lastImage.width, lastImage.height);
  canvas.getContext('2d')!.putImageData(lastImage, 0, 0);
  scope.postMessage({ type: 'export', id, blob: await canvas.convertToBlob({ type: 'image/png' }) });
}

function report(error: unknown): void {
  scope.postMessage({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === 'frame') frame(message.tag, message.spins, message.labels);
    else if (message.type === 'plane') {
      viewPlane = message.plane;
      if (last) frame(last.tag, last.data, undefined, true);
    } else exportPicture(message.id).catch(report);
  } catch (error) {
    report(error);
  }
};
