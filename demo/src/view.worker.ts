/**
 * The view worker: the lattices the simulation worker produced, relayed by the page (transferred).
 * Ising (bit-packed spins): it draws the lattice and its block-spin pyramid (majority rule, 2 x 2
 * blocks) into ImageBitmaps and follows the magnetization of every block level from frame to frame
 * for the RG flow. Potts (one state a byte): it draws the lattice in q colours (no block levels).
 * It writes the PNG export of the last picture.
 */
import { coarseGrain, unpackSpins } from 'criticality';
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

/** A Potts frame: the lattice in q colours. */
function pottsFrame(next: RunTag, states: Uint8Array, labels?: Int32Array): void {
  const { size } = next;
  const q = next.q!;
  const side = pictureSize(size, MAX_PICTURE);
  const image = new ImageData(side, side);
  drawPotts(states, q, size, side, image.data, side === size ? labels : undefined);
  lastImage = image;
  const pictures: FramePictures = { lattice: bitmap(image), size, picture: side, clusters: labels !== undefined && side === size, q, levels: [] };
  scope.postMessage({ type: 'pictures', pictures }, [pictures.lattice]);
}

function frame(next: RunTag, bits: Uint8Array, labels?: Int32Array): void {
  if (changes(tag, next).epoch) rg.reset([]);
  tag = next;
  if (next.model === 'potts') return pottsFrame(next, bits, labels);
  const { size } = next;
  const sites = size * size;
  if (spins?.length !== sites) spins = new Int8Array(sites);
  unpackSpins(bits, sites, spins);
  const main = picture(spins, size, MAX_PICTURE, labels);
  lastImage = main.image;
  const pyramid = coarseGrain(spins, { blockSize: 2 });
  const magnetizations = pyramid.lattices.map(magnetization);
  if (rg.sizes.join() !== pyramid.sizes.join()) rg.reset(pyramid.sizes);
  rg.add(magnetizations);
  const levels = pyramid.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => {
    const p = picture(level, pyramid.sizes[k + 1], LEVEL_PICTURE);
    return { size: pyramid.sizes[k + 1], picture: p.picture, bitmap: bitmap(p.image) };
  });
  const pictures: FramePictures = { lattice: bitmap(main.image), size, picture: main.picture, clusters: labels !== undefined && main.picture === size, levels };
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
