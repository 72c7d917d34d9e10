/**
 * The view worker: everything heavy that the page would otherwise do on its main thread. It
 * receives the records and bit-packed lattices the simulation worker produced (relayed by the
 * page, transferred), draws the lattice and its block-spin pyramid into ImageBitmaps, keeps the
 * series of the current parameters and runs the analyses (estimates with error bars, P(m), the
 * Landau free energy, the RG flow), and sends the page small arrays a few times a second.
 */
import { coarseGrain, unpackSpins } from 'criticality';
import { histogramView, landauView, liveEstimate, Recent, RgAccumulator, TimeWindow, type LandauView, type LiveEstimate } from './analysis.js';
import { drawLattice, pictureSize } from './lattice-image.js';
import type { FramePictures, FromView, PlotData, RunTag, ToView } from './protocol.js';

/** Largest picture of the lattice (larger lattices are shown in blocks), and of a block level. */
const MAX_PICTURE = 1024;
const LEVEL_PICTURE = 256;
/** Block levels shown next to the lattice. */
const LEVELS_SHOWN = 4;
/**
 * Samples kept for the averages, P(m) and F(m): the last 2^17 steps since the last change, of
 * which the second half since the change is analysed (the first half is left for equilibration).
 */
const SAMPLES = 2 ** 17;
/** Plots are sent at most this often, ms. */
const PLOT_EVERY_MS = 250;

const scope = globalThis as unknown as {
  postMessage(message: FromView, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToView>) => void) | null;
};

let tag: RunTag | undefined;
const time = new TimeWindow();
const steps = new Recent(SAMPLES);
const energies = new Recent(SAMPLES);
const magnetizations = new Recent(SAMPLES);
const rg = new RgAccumulator();
let dirty = false;
let spins: Int8Array | undefined;
let lastImage: ImageData | undefined;
const canvases = new Map<number, OffscreenCanvasRenderingContext2D>();

/** The slow analyses, recomputed at most every `heavyEveryMs` (which grows with their cost). */
let heavy: { energy?: LiveEstimate; absMagnetization?: LiveEstimate; landau?: LandauView; landauNote?: string } = {};
let heavyAt = 0;
let heavyEveryMs = 700;

function post(message: FromView, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Starts the averages over (new parameters), and the time plot too for a new lattice. */
function follow(next: RunTag): void {
  if (!tag || next.lattice !== tag.lattice) time.clear();
  if (!tag || next.lattice !== tag.lattice || next.epoch !== tag.epoch) {
    steps.clear();
    energies.clear();
    magnetizations.clear();
    rg.reset([]);
    heavy = {};
    heavyAt = 0;
  }
  tag = next;
}

function ingest(next: RunTag, firstStep: number, records: Int32Array, stepsPerSecond: number): void {
  follow(next);
  time.setRate(stepsPerSecond);
  const sites = next.size * next.size;
  const h = next.field;
  for (let k = 0; 2 * k < records.length; k++) {
    const B = records[2 * k];
    const M = records[2 * k + 1];
    const e = (-B - h * M) / sites;
    const m = M / sites;
    time.push(firstStep + k + 1, e, m);
    steps.push(firstStep + k + 1);
    energies.push(e);
    magnetizations.push(m);
  }
  dirty = true;
}

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

function frame(next: RunTag, bits: Uint8Array, labels?: Int32Array): void {
  follow(next);
  const { size } = next;
  const sites = size * size;
  if (spins?.length !== sites) spins = new Int8Array(sites);
  unpackSpins(bits, sites, spins);
  const main = picture(spins, size, MAX_PICTURE, labels);
  lastImage = main.image;
  const pyramid = coarseGrain(spins, { blockSize: 2 });
  const sums = pyramid.lattices.map((level) => {
    let s = 0;
    for (let i = 0; i < level.length; i++) s += level[i];
    return s / level.length;
  });
  if (rg.sizes.join() !== pyramid.sizes.join()) rg.reset(pyramid.sizes);
  rg.add(sums);
  dirty = true;
  const levels = pyramid.lattices.slice(1, 1 + LEVELS_SHOWN).map((level, k) => {
    const p = picture(level, pyramid.sizes[k + 1], LEVEL_PICTURE);
    return { size: pyramid.sizes[k + 1], picture: p.picture, bitmap: bitmap(p.image) };
  });
  const pictures: FramePictures = { lattice: bitmap(main.image), size, picture: main.picture, levels };
  post({ type: 'pictures', pictures }, [pictures.lattice, ...levels.map((l) => l.bitmap)]);
}

function analyseHeavy(): void {
  const t0 = performance.now();
  const m = magnetizations.equilibrated();
  const n = m.length;
  heavy = {};
  if (n >= 16) {
    heavy.energy = liveEstimate(energies.equilibrated());
    heavy.absMagnetization = liveEstimate(m.map(Math.abs));
  }
  if (n < 200) {
    heavy.landauNote = `collecting samples (${n} of at least 200)`;
  } else {
    try {
      heavy.landau = landauView(m, tag!.size * tag!.size, tag!.field);
    } catch (error) {
      heavy.landauNote = (error as Error).message;
    }
  }
  const cost = performance.now() - t0;
  heavyAt = performance.now();
  heavyEveryMs = Math.max(700, 4 * cost); // at most a fifth of this worker's time
}

function publish(): void {
  if (!dirty || !tag) return;
  dirty = false;
  if (performance.now() - heavyAt >= heavyEveryMs) analyseHeavy();
  const data: PlotData = {
    lattice: tag.lattice,
    epoch: tag.epoch,
    time: { t: time.t.slice(), e: time.e.slice(), m: time.m.slice() },
    histogram: magnetizations.length > 0 ? histogramView(magnetizations.equilibrated(), tag.size * tag.size) : undefined,
    ...heavy,
    rg: rg.result(),
    rgSamples: rg.samples,
    samples: magnetizations.length,
  };
  post({ type: 'plots', data });
}

async function exportData(id: number, format: 'csv' | 'json' | 'png', meta: Record<string, unknown>): Promise<void> {
  let blob: Blob;
  if (format === 'png') {
    if (!lastImage) throw new Error('no lattice has been drawn yet');
    const canvas = new OffscreenCanvas(lastImage.width, lastImage.height);
    canvas.getContext('2d')!.putImageData(lastImage, 0, 0);
    blob = await canvas.convertToBlob({ type: 'image/png' });
  } else {
    const t = steps.toArray();
    const e = energies.toArray();
    const m = magnetizations.toArray();
    if (format === 'csv') {
      const lines = [`# criticality live run: ${JSON.stringify(meta)}`, 'step,e,m'];
      for (let i = 0; i < t.length; i++) lines.push(`${t[i]},${e[i]},${m[i]}`);
      blob = new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' });
    } else {
      if (tag) analyseHeavy();
      const body = {
        ...meta,
        samples: t.length,
        estimates: { energy: heavy.energy, absMagnetization: heavy.absMagnetization },
        histogram: t.length > 0 ? histogramView(magnetizations.equilibrated(), tag!.size * tag!.size) : undefined,
        landau: heavy.landau,
        rgFlow: rg.result(),
        series: { step: Array.from(t), e: Array.from(e), m: Array.from(m) },
      };
      blob = new Blob([JSON.stringify(body, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)], { type: 'application/json' });
    }
  }
  post({ type: 'export', id, blob });
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === 'records') ingest(message.tag, message.firstStep, message.records, message.stepsPerSecond);
    else if (message.type === 'frame') frame(message.tag, message.bits, message.labels);
    else exportData(message.id, message.format, message.meta).catch((error: unknown) => post({ type: 'error', message: `export failed: ${(error as Error).message}` }));
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};

setInterval(() => {
  try {
    publish();
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}, PLOT_EVERY_MS);
