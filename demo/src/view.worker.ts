/**
 * The view worker: the lattices the simulation worker produced, relayed by the page (transferred).
 * Ising (bit-packed spins) or Potts (one state a byte): it draws the lattice and its block-spin
 * pyramid (majority rule, 2 x 2 blocks; Potts: majority of the q states, in q colours) into
 * ImageBitmaps and follows the order parameter of every block level from frame to frame for the RG
 * flow (Ising m, Potts |M| / N). It writes the PNG export of the last picture.
 */
import { coarseGrain, coarseGrainPotts, modelDefinition, unpackSpins } from 'criticality';
import { RgAccumulator } from './analysis.js';
import { drawLattice, drawPotts, pictureSize } from './lattice-image.js';
import { changes, type FramePictures, type FromView, type RgPlot, type RunTag, type ToView } from './protocol.js';

/** Largest picture of the lattice (larger lattices are shown in blocks), and of a block level. */
const MAX_PICTURE = 1024;
const LEVEL_PICTURE = 256;
/** Block levels shown next to the lattice. */
const LEVELS_SHOWN = 4;
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

/** The lattice and its pyramid: pictures of levels 0 .. LEVELS_SHOWN and the order parameter of every level. */
function drawFrame(next: RunTag, data: Uint8Array, labels?: Int32Array): { main: { image: ImageData; picture: number }; levels: FramePictures['levels']; orders: number[]; sizes: number[] } {
  const { size } = next;
  const sites = size * size;
  let main: { image: ImageData; picture: number };
  let pyramid: { sizes: number[]; levelPictures: { image: ImageData; picture: number }[]; orders: number[] };
  if (next.model === 'potts') {
    const q = next.q!;
    main = pottsPicture(data, q, size, MAX_PICTURE, labels);
    const p = coarseGrainPotts(data, q, { blockSize: 2 });
    pyramid = {
      sizes: p.sizes,
      levelPictures: p.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => pottsPicture(level, q, p.sizes[k + 1], LEVEL_PICTURE)),
      orders: p.lattices.map((level) => pottsOrder(level, q)),
    };
  } else {
    if (spins?.length !== sites) spins = new Int8Array(sites);
    unpackSpins(data, sites, spins);
    main = picture(spins, size, MAX_PICTURE, labels);
    const p = coarseGrain(spins, { blockSize: 2 });
    pyramid = {
      sizes: p.sizes,
      levelPictures: p.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => picture(level, p.sizes[k + 1], LEVEL_PICTURE)),
      orders: p.lattices.map(magnetization),
    };
  }
  const levels = pyramid.levelPictures.map((p, k) => ({ size: pyramid.sizes[k + 1], picture: p.picture, bitmap: bitmap(p.image) }));
  return { main, levels, orders: pyramid.orders, sizes: pyramid.sizes };
}

function frame(next: RunTag, data: Uint8Array, labels?: Int32Array): void {
  if (changes(tag, next).epoch) rg.reset([]);
  tag = next;
  const { size } = next;
  const { main, levels, orders, sizes } = drawFrame(next, data, labels);
  lastImage = main.image;
  if (rg.sizes.join() !== sizes.join()) rg.reset(sizes);
  rg.add(orders);
  const pictures: FramePictures = { lattice: bitmap(main.image), size, picture: main.picture, clusters: labels !== undefined && main.picture === size, ...(next.model === 'potts' ? { q: next.q } : {}), levels };
  let flow: RgPlot | undefined;
  if (performance.now() - rgAt >= RG_EVERY_MS) {
    rgAt = performance.now();
    const result = rg.result();
    if (result) flow = { lattice: next.lattice, epoch: next.epoch, levels: result, samples: rg.samples };
  }
  scope.postMessage({ type: 'pictures', pictures, rg: flow }, [pictures.lattice, ...levels.map((l) => l.bitmap)]);
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
    else exportPicture(message.id).catch(report);
  } catch (error) {
    report(error);
  }
};
