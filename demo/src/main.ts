/**
 * The laboratory page: controls, readouts and charts on the main thread; the simulation in a
 * Comlink worker (engine.ts); pictures and the RG flow in the view worker (view.worker.ts); series
 * and their analyses in the analysis worker (analysis.worker.ts); the temperature sweep on a pool
 * of workers (sweep-panel.ts); the first-order view of the Potts model, a multicanonical run and a
 * hysteresis loop, in a worker of its own (first-order-panel.ts). The main thread relays transferred buffers, writes a few numbers
 * into the page and redraws one chart per animation frame.
 */
import { BackendUnavailableError, CLUSTER_ALGORITHMS, LATTICES, modelDefinition, WorkerCrashedError, type Algorithm, type FlowDirection, type Lattice } from 'criticality';
import type uPlot from 'uplot';
import { LiveEngine, type EngineInfo } from './engine.js';
import { axis, barSeries, Chart, ChartBoard, COLOURS, errorBars, join, lineSeries, pointSeries } from './plots.js';
import { LEVELS_SHOWN, type Exported, type FramePictures, type FromAnalysis, type FromView, type RgPlot, type RunTag, type SeriesPlot, type ToAnalysis, type ToView } from './protocol.js';
import { FirstOrderPanel } from './first-order-panel.js';
import { criticalTemperatureOf, parseState, readModelParameter, serializeState, sizesFor, sliderToTemperature, temperatureRange, temperatureToSlider, withModel, ALL_SIZES, MAX_CLUSTER_VIEW, type LabModel, type LabState } from './state.js';
import { algorithmsOf, LAB_MODELS, latticesOf, libraryParameters, specOf, takes } from './models.js';
import { BINDER_CRITICAL, BINDER_CRITICAL_CUBIC, SweepPanel } from './sweep-panel.js';
import { LandscapePanel } from './landscape-panel.js';
import { EmergencePanel } from './emergence-panel.js';
import { TOUR, tourQuery, tourStepOf } from './tour.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);
const select = (id: string) => $<HTMLSelectElement>(id);
/** Writes text only when it changes (an unchanged readout costs no layout). */
function setText(id: string, text: string): void {
  const el = $(id);
  if (el.textContent !== text) el.textContent = text;
}

// ---------------------------------------------------------------------------------------------
// Notices: plain messages, never a blank page

const noticeBox = $('notice');
function notify(title: string, lines: string[] = []): void {
  const text = $('notice-text');
  const p = document.createElement('p');
  p.append(document.createElement('strong'), lines.length > 0 ? document.createElement('ul') : '');
  (p.firstChild as HTMLElement).textContent = title;
  const list = p.lastChild;
  if (list instanceof HTMLUListElement) for (const line of lines) list.append(Object.assign(document.createElement('li'), { textContent: line }));
  text.append(p);
  noticeBox.hidden = false;
}
$('notice-close').addEventListener('click', () => {
  noticeBox.hidden = true;
  $('notice-text').replaceChildren();
});

/** A task boundary: startup work is split so that no single task blocks the page for long. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// State from the address

// a tour step (?tour=N) sets its parameters; those in the address override them
const tourAddress = tourStepOf(location.search);
let tourStep = tourAddress.step;
const parsed = parseState(tourStep ? tourQuery(tourStep, location.search) : location.search);
if (tourAddress.problem) parsed.problems.push(tourAddress.problem);
if (parsed.problems.length > 0) notify('Some settings in the address could not be used, so their defaults apply:', parsed.problems);

const isCluster = (algorithm: Algorithm) => (CLUSTER_ALGORITHMS as readonly string[]).includes(algorithm) || algorithm === 'hybrid';
const format = (x: number, digits = 4) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
/** "mean ± error" with the error to two significant digits (at most `digits` decimals; no error: "mean ± ?"). */
function withError(o: { mean: number; error: number } | undefined, digits = 5): string {
  if (!o || !Number.isFinite(o.mean)) return '-';
  if (!Number.isFinite(o.error)) return `${o.mean.toFixed(3)} ± ?`;
  const decimals = o.error > 0 ? Math.min(digits, Math.max(0, 1 - Math.floor(Math.log10(o.error)))) : digits;
  return `${o.mean.toFixed(decimals)} ± ${o.error.toFixed(decimals)}`;
}

// ---------------------------------------------------------------------------------------------
// The helper workers: pictures and RG (view), series and analyses (analysis)

const view = new Worker(new URL('./view.worker.ts', import.meta.url), { type: 'module' });
const analysis = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
let viewBusy = false;
let lastFrameAt = 0;
const sendToView = (message: ToView, transfer: Transferable[] = []) => view.postMessage(message, transfer);
const sendToAnalysis = (message: ToAnalysis, transfer: Transferable[] = []) => analysis.postMessage(message, transfer);
view.addEventListener('error', (event) => {
  event.preventDefault();
  notify('The drawing worker stopped; the simulation keeps running but the pictures are frozen.', [event.message || 'it could not be loaded']);
});
analysis.addEventListener('error', (event) => {
  event.preventDefault();
  notify('The analysis worker stopped; the simulation keeps running but the charts are frozen.', [event.message || 'it could not be loaded']);
});

const latticeCanvas = $<HTMLCanvasElement>('lattice');
const latticeContext = latticeCanvas.getContext('bitmaprenderer');
if (!latticeContext) notify('This browser cannot show the lattice (no "bitmaprenderer" canvas); the charts still work.');

function show(canvas: HTMLCanvasElement, context: ImageBitmapRenderingContext | null, bitmap: ImageBitmap): void {
  if (canvas.width !== bitmap.width) canvas.width = canvas.height = bitmap.width;
  if (context) context.transferFromImageBitmap(bitmap);
  else bitmap.close();
}

const pyramid = $('pyramid');
const levelCanvases: { canvas: HTMLCanvasElement; context: ImageBitmapRenderingContext | null; label: HTMLElement }[] = [];
/** The block-level canvases (as many as the view worker draws), made at startup one per task: a canvas context costs a few ms. */
async function makeLevelCanvases(count: number): Promise<void> {
  while (levelCanvases.length < count) {
    const figure = document.createElement('figure');
    const canvas = document.createElement('canvas');
    const label = document.createElement('figcaption');
    figure.hidden = true;
    figure.append(canvas, label);
    pyramid.append(figure);
    levelCanvases.push({ canvas, context: canvas.getContext('bitmaprenderer'), label });
    await nextTask();
  }
}

const projectionCanvas = $<HTMLCanvasElement>('projection');
const projectionContext = projectionCanvas.getContext('bitmaprenderer');

/** What the colours of a model's picture mean. */
function colourWords(p: FramePictures): string {
  switch (specOf(p.model).picture) {
    case 'spins':
      return p.clusters ? 'Colours: the clusters of the last cluster update, light for up, dark for down.' : 'Light: up. Dark: down.';
    case 'states':
      return p.clusters ? 'Colours: the clusters of the last cluster update.' : `Colours: the q = ${p.q} states.`;
    case 'angle':
      return `Hue: the angle${p.model === 'clock' ? ` (q = ${p.q} directions)` : ''}. Marked: ${p.vortices?.vortices ?? 0} vortices (+) and ${p.vortices?.antivortices ?? 0} antivortices (−).`;
    case 'vector3':
      return 'Hue: the angle in the plane. Lightness: S_z (white up, black down).';
    case 'field':
      return 'Hue: the phase of φ. Lightness: |φ| (dark where the field is small).';
  }
}

function showPictures(p: FramePictures): void {
  show(latticeCanvas, latticeContext, p.lattice);
  const colours = colourWords(p);
  const what = p.model === 'ising' || specOf(p.model).picture === 'angle' || specOf(p.model).picture === 'vector3' ? 'spins' : 'sites';
  const cubic = p.geometry === 'cubic';
  $('projection-figure').hidden = !cubic;
  if (cubic && p.projection) {
    show(projectionCanvas, projectionContext, p.projection);
    const plane = input('plane');
    if (plane.max !== String(p.size - 1)) plane.max = String(p.size - 1);
    setValue('plane', String(p.plane ?? 0));
    setText('plane-out', `z = ${p.plane}`);
  }
  setText('lattice-caption', cubic
    ? `Slice z = ${p.plane} of ${p.size} × ${p.size} × ${p.size} ${what}. ${colours}`
    : p.picture === p.size
      ? `${p.size} × ${p.size} ${what}. ${colours}`
      : `${p.size} × ${p.size} ${what}, each pixel the mean of ${p.size / p.picture} × ${p.size / p.picture}. ${colours}`);
  levelCanvases.forEach((level, k) => {
    const shown = p.levels[k];
    if (k >= p.levels.length && level.canvas.parentElement!.hidden) return;
    const figure = level.canvas.parentElement as HTMLElement;
    if (figure.hidden !== !shown) figure.hidden = !shown;
    if (!shown) return;
    show(level.canvas, level.context, shown.bitmap);
    const label = shown.plane === undefined ? `level ${k + 1}: ${shown.size} × ${shown.size}` : `level ${k + 1}: z = ${shown.plane} of ${shown.size}³`;
    if (level.label.textContent !== label) level.label.textContent = label;
  });
}

// ---------------------------------------------------------------------------------------------
// Charts

await nextTask();
const board = new ChartBoard();

const timeChart = board.add(new Chart($('chart-time'), {
  scales: { x: { time: false }, e: {}, m: { range: [-1, 1] } },
  series: [{ label: 'step' }, lineSeries('e', COLOURS.energy, 'e'), lineSeries('m', COLOURS.magnetization, 'm')],
  axes: [axis('step'), axis('energy per spin e', 'e'), axis('order parameter m', 'm', 1)],
}));

const histogramChart = board.add(new Chart($('chart-histogram'), {
  scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max * 1.05 || 1] } },
  series: [{ label: 'm' }, barSeries('P(m)', COLOURS.magnetization)],
  axes: [axis('order parameter m'), axis('P(m)')],
  legend: { show: false },
}, 200));

const landauChart = board.add(new Chart($('chart-landau'), {
  scales: { x: { time: false } },
  series: [{ label: 'm' }, pointSeries('−ln P(m)', COLOURS.points), lineSeries('Landau fit', COLOURS.fit)],
  axes: [axis('order parameter m'), axis('F(m) / kT = −ln P(m)')],
  legend: { show: false },
  plugins: [errorBars([undefined, COLOURS.points])],
}, 200));

let rgSizes: number[] = [];
const rgChart = board.add(new Chart($('chart-rg'), {
  scales: { x: { time: false }, y: { range: [0, 1.02] } },
  series: [
    { label: 'level' },
    { ...lineSeries('⟨|m|⟩', COLOURS.magnetization), points: { show: true, size: 6 } },
    { ...lineSeries('Binder U', COLOURS.binder), points: { show: true, size: 6 } },
    lineSeries('U4* at Tc', COLOURS.marker, 'y', [4, 4]),
    { ...lineSeries('g (neighbours)', COLOURS.fit), points: { show: true, size: 6 } },
  ],
  axes: [{ ...axis('block lattice size'), values: (_u: uPlot, ticks: number[]) => ticks.map((k) => (Number.isInteger(k) && rgSizes[k] ? String(rgSizes[k]) : '')) }, axis('⟨|m|⟩, U, g')],
  plugins: [errorBars([undefined, COLOURS.magnetization, COLOURS.binder, undefined, COLOURS.fit])],
}, 200));

function showSeries(d: SeriesPlot): void {
  if (d.lattice !== engine.lattice) return; // from a lattice already replaced
  board.update(timeChart, [d.time.t, d.time.e, d.time.m]);
  if (d.histogram) board.update(histogramChart, [d.histogram.x, d.histogram.p]);
  const landau = d.landau;
  if (landau) {
    const data = join([[landau.x, landau.F], [landau.fitX, landau.fitF]]);
    const errors = new Map(landau.x.map((x, j) => [x, landau.error[j]]));
    board.update(landauChart, data, [null, Array.from(data[0], (x) => errors.get(x) ?? null)]);
    const barrier = landau.barrier;
    const words = { 'double-well': 'F(m) has two wells: the symmetry is broken', ring: 'F(m) is lowest on a ring: the Mexican hat', 'single-well': 'F(m) has one well at m = 0: disordered', flat: 'F(m) is flat around m = 0: the crossover', undetermined: 'F(m) is tilted by the field' } as const;
    setText('landau-shape', words[landau.shape] +
      (barrier && landau.shape !== 'undetermined' ? `; barrier ${barrier.lowerBound ? '> ' : ''}${barrier.value.toFixed(1)} kT` : '') +
      (landau.a2 ? `; a₂ = ${landau.a2.mean.toExponential(2)} per spin` : '') + ` (${landau.samples} samples).`);
  } else if (d.landscape) {
    const f = d.landscape;
    board.update(landauChart, join([[f.profile.x, f.profile.F], [[], []]]), [null, f.profile.error]);
    const words = { ring: 'F(|m|) is lowest on a ring |m| = m* > 0: the Mexican hat (or q wells on it)', 'single-well': 'F(|m|) has one well at m = 0: disordered', flat: 'F(|m|) is flat around m = 0: the crossover', 'double-well': 'two wells', undetermined: 'undetermined' } as const;
    setText('landau-shape', `${words[f.shape]} (${f.samples} samples; F(m_x, m_y) in the landscape view below).`);
  } else if (d.landauNote) {
    setText('landau-shape', `F(m): ${d.landauNote}.`);
  }
  landscape.update(d, engine.state);
  setText('phase-note', d.phases?.warning ? `Phases: ${d.phases.warning}` : '');
  $('phase-note').hidden = !d.phases?.warning;
  setText('est-absm', withError(d.absMagnetization));
  setText('out-absm', withError(d.absMagnetization));
  setText('est-energy', withError(d.energy));
  setText('out-energy', withError(d.energy));
  const tau = d.absMagnetization?.tauInt;
  setText('est-tau', tau !== undefined && Number.isFinite(tau) ? `${tau.toPrecision(3)} steps` : '-');
  setText('est-samples', String(d.absMagnetization?.samples ?? 0));
}

/** Whether the live run was paused for a job on a device with two cores or fewer (the sweep and the first-order jobs). */
let pausedForJob = false;
/** A job on workers starts: with two cores or fewer, the live lattice would share them with the job and the page, so it pauses. */
function pauseLiveForJob(): void {
  if (engine.running && (navigator.hardwareConcurrency || 2) <= 2) {
    pausedForJob = true;
    engine.pause();
    showRunState();
  }
}
/** The job ended: the live run continues if it was paused for it; returns whether it was. */
function resumeLiveAfterJob(): boolean {
  const paused = pausedForJob;
  pausedForJob = false;
  if (paused && !engine.running) {
    engine.run();
    showRunState();
  }
  return paused;
}

const landscape = new LandscapePanel({ section: $('landscape'), canvas: $<HTMLCanvasElement>('hat-canvas'), map: $<HTMLCanvasElement>('hat-map'), profile: $('chart-radial'), caption: $('hat-caption'), status: $('hat-status') }, board, notify);
const firstOrder = new FirstOrderPanel($, board, { notify, started: pauseLiveForJob, finished: resumeLiveAfterJob });

/** The latest RG flow (also written into the JSON export). */
let lastFlow: RgPlot | undefined;

function showFlow(flow: RgPlot): void {
  if (flow.lattice !== engine.lattice) return;
  lastFlow = flow;
  const levels = flow.levels;
  rgSizes = levels.map((l) => l.size);
  $('chart-rg').dataset.flow = rgSizes.join(' '); // the block sizes of the flow shown (read by the end-to-end test)
  const k = levels.map((_, i) => i);
  // U4* is the Ising fixed point's (square or cubic): its line is switched off for Potts
  const ising = engine.state.model === 'ising';
  const fixedPoint = engine.state.lattice === 'cubic' ? BINDER_CRITICAL_CUBIC : BINDER_CRITICAL;
  const line = rgChart.plot?.series[3];
  if (line && line.show !== ising) rgChart.plot!.setSeries(3, { show: ising });
  // continuous spins: the nearest-neighbour correlation g of every level, whose flow the verdict reads
  const vector = levels.every((l) => l.nn !== undefined);
  const g = rgChart.plot?.series[4];
  if (g && g.show !== vector) rgChart.plot!.setSeries(4, { show: vector });
  board.update(
    rgChart,
    [k, levels.map((l) => l.absMagnetization.mean), levels.map((l) => l.binder.mean), k.map(() => (ising ? fixedPoint : null)), levels.map((l) => l.nn?.mean ?? null)],
    [null, levels.map((l) => l.absMagnetization.error), levels.map((l) => l.binder.error), null, levels.map((l) => l.nn?.error ?? null)],
  );
  const verdict = flow.direction ? `Flow (${flow.samples} frames): ${FLOW_WORDS[flow.direction]}` : '';
  setText('rg-verdict', verdict);
  $('rg-verdict').hidden = !verdict;
}

/** The library's flow verdicts (rgFlow's direction) in words. */
const FLOW_WORDS: Record<FlowDirection, string> = {
  ordered: 'ordered: g grows from level to level, the block lattices flow to complete order.',
  disordered: 'disordered: g falls from level to level, the block lattices flow to randomness.',
  critical: 'critical: g stays put from level to level, the block lattices look alike at every scale (a critical point).',
  'fixed-line': 'on the fixed line: g stays put from level to level, the block lattices look alike at every scale, as on the whole low-temperature line of fixed points of the 2D XY universality (at or below T_BKT).',
  undetermined: 'undetermined: the flow of g is not yet resolved from the noise.',
};

const exports = new Map<number, string>();
let exportId = 0;

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An export arrived (a download), or a worker reports a problem. */
function exported(message: Exported, worker: string): void {
  if (message.type === 'export') {
    const name = exports.get(message.id);
    exports.delete(message.id);
    if (name) download(message.blob, name);
  } else {
    notify(`The ${worker} worker reported a problem.`, [message.message]);
  }
}

view.addEventListener('message', (event: MessageEvent<FromView>) => {
  const message = event.data;
  if (message.type === 'pictures') {
    viewBusy = false;
    showPictures(message.pictures);
    if (message.rg) showFlow(message.rg);
  } else {
    if (message.type === 'error') viewBusy = false;
    exported(message, 'drawing');
  }
});
analysis.addEventListener('message', (event: MessageEvent<FromAnalysis>) => {
  const message = event.data;
  if (message.type === 'plots') showSeries(message.data);
  else exported(message, 'analysis');
});

// ---------------------------------------------------------------------------------------------
// The engine

let readoutScheduled = false;
let lastM = NaN;

/** The order parameter of the last record of a slice (Ising m = M / N, the other models |M| / N). */
function lastOrderParameter(tag: RunTag, records: Int32Array | Float64Array): number {
  const definition = modelDefinition(tag.model);
  const parameters = definition.parameters(libraryParameters(tag));
  const width = definition.recordWidth(parameters);
  return records.length >= width ? definition.orderParameter(records, records.length - width, tag.size ** (tag.geometry === 'cubic' ? 3 : 2), parameters) : NaN;
}

const engine = new LiveEngine(parsed.state, {
  records(tag, firstStep, records, speed) {
    lastM = lastOrderParameter(tag, records);
    sendToAnalysis({ type: 'records', tag, firstStep, records, stepsPerSecond: speed.stepsPerSecond }, [records.buffer as ArrayBuffer]);
    scheduleReadout();
  },
  wantsFrame(size) {
    // at most 25 pictures a second (4 a second for the largest lattices, whose bits cost the simulation worker more)
    const due = performance.now() - lastFrameAt >= (size >= 2048 ? 250 : 40);
    return !viewBusy && due && !document.hidden;
  },
  wantsLabels: (s) => s.clusters && isCluster(s.algorithm) && s.size <= MAX_CLUSTER_VIEW,
  frame(tag, spins, labels) {
    viewBusy = true;
    lastFrameAt = performance.now();
    sendToView({ type: 'frame', tag, spins, labels }, labels ? [spins.buffer as ArrayBuffer, labels.buffer as ArrayBuffer] : [spins.buffer as ArrayBuffer]);
  },
  stopped(error) {
    if (error !== undefined) notify('The simulation stopped.', [describe(error)]);
    showRunState();
  },
});

function scheduleReadout(): void {
  if (readoutScheduled) return;
  readoutScheduled = true;
  setTimeout(() => {
    readoutScheduled = false;
    setText('out-m', format(lastM, 3));
    setText('out-steps', engine.steps.toLocaleString('en'));
    const { updatesPerNs } = engine.speed;
    setText('out-speed', Number.isFinite(updatesPerNs) ? `${updatesPerNs.toFixed(2)} flips/ns` : '-');
  }, 100);
}

function showEngine(info: EngineInfo | undefined): void {
  if (!info) return;
  const s = engine.state;
  const parameters = [
    ...(info.lambda !== undefined ? [`λ = ${info.lambda}`] : []),
    ...(info.overRelaxation !== undefined ? [`${info.overRelaxation} over-relaxation sweep${info.overRelaxation === 1 ? '' : 's'} per Metropolis sweep`] : []),
  ];
  $('engine').textContent = `Engine: ${info.engine}, ${info.layout} lattice, ${s.algorithm}${parameters.map((p) => `, ${p}`).join('')}. Speed in flips/ns: site updates (sweep equivalents × N) per nanosecond of kernel time.` +
    (info.fallbackReason ? ` (JavaScript because ${info.fallbackReason})` : '');
}

// ---------------------------------------------------------------------------------------------
// Controls

// the pickers are built from the data (demo/src/models.ts): a model the library adds appears with its entry there
const modelSelect = select('model');
for (const model of LAB_MODELS) modelSelect.append(new Option(specOf(model).label, model));
const latticeSelect = select('geometry');
for (const lattice of LATTICES) latticeSelect.append(new Option(lattice === 'square' ? 'square (2D)' : 'cubic (3D)', lattice));
const sizeSelect = select('size');
for (const L of ALL_SIZES) sizeSelect.append(new Option(`${L}`, String(L)));
const qSelect = select('q');
const Q_LIMIT = Math.max(...LAB_MODELS.map((m) => specOf(m).q?.max ?? 0));
for (let q = 2; q <= Q_LIMIT; q++) qSelect.append(new Option(String(q), String(q)));

/** Sets a control's value, unless the user is working it (a drag is not pulled back to the last applied value). */
function setValue(id: string, value: string): void {
  const control = input(id);
  if (document.activeElement !== control) control.value = value;
}

/** Shows a state in the controls. */
function showState(s: LabState): void {
  const tc = criticalTemperatureOf(s);
  const spec = specOf(s.model);
  const potts = s.model === 'potts';
  const ising = s.model === 'ising';
  const cubic = s.lattice === 'cubic';
  modelSelect.value = s.model;
  qSelect.value = String(s.q);
  $('q-label').hidden = !spec.q;
  $('over-relaxation-label').hidden = !takes(s.model, 'overRelaxation');
  $('lambda-label').hidden = !takes(s.model, 'lambda');
  setValue('over-relaxation', String(s.overRelaxation));
  setValue('lambda', String(s.lambda));
  if (spec.q) for (const option of qSelect.options) option.disabled = Number(option.value) < spec.q.min || Number(option.value) > spec.q.max;
  const lattices = latticesOf(s.model);
  for (const option of latticeSelect.options) option.disabled = !lattices.includes(option.value as Lattice);
  latticeSelect.value = s.lattice;
  $('lead-ising').hidden = !ising;
  $('lead-potts').hidden = !potts;
  $('lead-other').hidden = ising || potts;
  setText('lead-other', spec.lead);
  $('landau-potts').hidden = !potts;
  const sizes = sizesFor(s.model, s.lattice);
  for (const option of sizeSelect.options) {
    option.disabled = !sizes.includes(Number(option.value));
    option.hidden = option.disabled;
    const L = Number(option.value);
    const text = cubic ? `${L} × ${L} × ${L}` : `${L} × ${L}`;
    if (option.textContent !== text) option.textContent = text;
  }
  const algorithms = algorithmsOf(s.model, s.lattice);
  for (const option of select('algorithm').options) option.disabled = !algorithms.includes(option.value as Algorithm);
  const pyramid = spec.picture === 'spins' || spec.picture === 'states';
  $('rg-vector-note').hidden = pyramid;
  if (pyramid) $('rg-verdict').hidden = true;
  const range = temperatureRange(s.model);
  for (const id of ['temperature', 'quench-to']) Object.assign(input(id), { min: String(range.min), max: String(range.max) });
  setText('tick-min', String(range.min));
  setText('tick-max', String(range.max));
  $('start-cold').textContent = ising ? 'cold (all up)' : spec.picture === 'states' || s.model === 'clock' ? 'cold (all state 0)' : 'cold (all along x)';
  $('rg-note').hidden = !potts;
  $('sweep-note').hidden = ising && !cubic;
  firstOrder.showModel(s);
  setValue('temperature-slider', String(Math.round(1000 * temperatureToSlider(s.temperature, s))));
  setValue('temperature', s.temperature === tc ? tc.toFixed(4) : String(s.temperature));
  $('temperature-out').textContent = `T = ${s.temperature.toFixed(4)} (T/Tc = ${(s.temperature / tc).toFixed(3)})`;
  $('out-temperature').textContent = s.temperature.toFixed(3);
  setValue('field', String(s.field));
  $('field-out').textContent = `h = ${s.field.toFixed(2)}`;
  select('algorithm').value = s.algorithm;
  select('backend').value = s.backend;
  sizeSelect.value = String(s.size);
  select('start').value = s.start;
  input('seed').value = String(s.seed);
  input('clusters').checked = s.clusters;
  input('clusters').disabled = !isCluster(s.algorithm) || s.size > MAX_CLUSTER_VIEW || !pyramid || cubic;
  $('clusters').parentElement!.title = s.size > MAX_CLUSTER_VIEW ? `clusters are coloured up to L = ${MAX_CLUSTER_VIEW}` : 'colour the clusters of the last cluster update';
}

/** The address of the state (with the tour step while the tour shows one). */
const addressOf = () => serializeState(engine.state) + (tourStep ? `&tour=${tourStep}` : '');
let urlTimer: ReturnType<typeof setTimeout> | undefined;
function rememberState(): void {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => history.replaceState(null, '', addressOf()), 250);
}

function applied(): void {
  showState(engine.state);
  showEngine(engine.info);
  rememberState();
  if (!engine.running) void engine.refresh().catch(() => {});
}

/** A new lattice (size, seed, start, backend, quench); on failure the running one stays and the controls show it. */
async function rebuild(next: LabState, handover = false): Promise<void> {
  try {
    await engine.rebuild(next, handover);
  } catch (error) {
    const what = error instanceof WorkerCrashedError ? 'The simulation worker could not start' : `Could not switch to ${next.size} × ${next.size}, ${next.backend}, ${next.algorithm}`;
    notify(`${what}; the current simulation keeps running.`, [describe(error)]);
  }
  applied();
}

function setLive(parameters: Partial<Pick<LabState, 'temperature' | 'field' | 'algorithm'>>): void {
  engine.set(parameters).then(applied, (error: unknown) => {
    notify('That change could not be made.', [describe(error)]);
    applied();
  });
}

input('temperature-slider').addEventListener('input', (event) => {
  const u = Number((event.target as HTMLInputElement).value) / 1000;
  const tc = criticalTemperatureOf(engine.state);
  const T = u === 0 ? tc : Number(sliderToTemperature(u, engine.state).toFixed(4));
  $('temperature-out').textContent = `T = ${T.toFixed(4)} (T/Tc = ${(T / tc).toFixed(3)})`;
  setLive({ temperature: T });
});
/** Whether T is in the model's range; if not, says so (what: 'temperature' or 'quench temperature'). */
function checkTemperature(T: number, text: string, what: string, stays = ''): boolean {
  const { min, max } = temperatureRange(engine.state.model);
  if (T >= min && T <= max) return true;
  notify(`The ${what} must be a number from ${min} to ${max}${engine.state.model === 'ising' ? '' : ` for the ${modelDefinition(engine.state.model).title} model`}.`, [`got "${text}"${stays}`]);
  return false;
}
input('temperature').addEventListener('change', (event) => {
  const text = (event.target as HTMLInputElement).value;
  if (!checkTemperature(Number(text), text, 'temperature', `; it stays at ${engine.state.temperature.toFixed(4)}`)) {
    showState(engine.state);
    return;
  }
  setLive({ temperature: Number(text) });
});
$('tc').addEventListener('click', () => setLive({ temperature: criticalTemperatureOf(engine.state) }));
/**
 * The temperatures a model's controls offer: the quench to two thirds of its Tc, the sweep from 0.8 to
 * 1.2 Tc in steps of 0.04 Tc (Ising: 1.5, and 1.5 to 3.5 in steps of 0.1).
 */
function showModelTemperatures(s: LabState): void {
  const tc = criticalTemperatureOf(s);
  const ising = s.model === 'ising' && s.lattice === 'square';
  input('quench-to').value = ising ? '1.5' : ((tc * 2) / 3).toFixed(2);
  input('sweep-from').value = ising ? '1.5' : (0.8 * tc).toFixed(3);
  input('sweep-to').value = ising ? '3.5' : (1.2 * tc).toFixed(3);
  input('sweep-step').value = ising ? '0.1' : (0.04 * tc).toFixed(3);
}
/** A new model, q or lattice: a new lattice at the new model's Tc (a size and algorithm it runs). */
function switchModel(model: LabModel, q: number, lattice: Lattice = engine.state.lattice): Promise<void> {
  const next = withModel(engine.state, model, q, lattice);
  showModelTemperatures(next);
  showEmergenceRange(next);
  return rebuild(next).then(previewSweep);
}
modelSelect.addEventListener('change', () => {
  const model = modelSelect.value as LabModel;
  void switchModel(model, specOf(model).q?.default ?? Number(qSelect.value));
});
qSelect.addEventListener('change', () => void switchModel(engine.state.model, Number(qSelect.value)));
latticeSelect.addEventListener('change', () => void switchModel(engine.state.model, engine.state.q, latticeSelect.value as Lattice));
/**
 * Over-relaxation sweeps and lambda: checked by the library's rules (a bad value gets its typed
 * message in the notice and the control shows the value that stays); a good one makes a new lattice.
 */
for (const [key, id, what] of [['overRelaxation', 'over-relaxation', 'over-relaxation sweeps'], ['lambda', 'lambda', 'coupling λ']] as const) {
  input(id).addEventListener('change', () => {
    const text = input(id).value;
    let value: number;
    try {
      value = readModelParameter(key, text, engine.state);
    } catch (error) {
      notify(`The ${what} could not be set.`, [`${describe(error)}; it stays ${engine.state[key]}`]);
      showState(engine.state);
      return;
    }
    const next = { ...engine.state, [key]: value };
    if (key === 'lambda') {
      next.temperature = criticalTemperatureOf(next);
      showModelTemperatures(next);
      showEmergenceRange(next);
    }
    void rebuild(next).then(previewSweep);
  });
}
input('plane').addEventListener('input', () => {
  setText('plane-out', `z = ${input('plane').value}`);
  sendToView({ type: 'plane', plane: Number(input('plane').value) });
});
input('field').addEventListener('input', (event) => {
  const h = Number((event.target as HTMLInputElement).value);
  $('field-out').textContent = `h = ${h.toFixed(2)}`;
  setLive({ field: h });
});
select('algorithm').addEventListener('change', (event) => setLive({ algorithm: (event.target as HTMLSelectElement).value as Algorithm }));
select('backend').addEventListener('change', (event) => void rebuild({ ...engine.state, backend: (event.target as HTMLSelectElement).value as LabState['backend'] }, true));
sizeSelect.addEventListener('change', () => void rebuild({ ...engine.state, size: Number(sizeSelect.value) }));
select('start').addEventListener('change', (event) => void rebuild({ ...engine.state, start: (event.target as HTMLSelectElement).value as LabState['start'] }));
input('seed').addEventListener('change', (event) => {
  const seed = Number((event.target as HTMLInputElement).value);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    notify('The seed must be a whole number from 0 to 2^53 - 1.', [`got "${(event.target as HTMLInputElement).value}"; it stays ${engine.state.seed}`]);
    showState(engine.state);
    return;
  }
  void rebuild({ ...engine.state, seed });
});
input('clusters').addEventListener('change', (event) => {
  engine.state = { ...engine.state, clusters: (event.target as HTMLInputElement).checked };
  applied();
});
$('quench').addEventListener('click', () => {
  const T = Number(input('quench-to').value);
  if (!checkTemperature(T, input('quench-to').value, 'quench temperature')) return;
  void rebuild({ ...engine.state, start: 'hot', temperature: T }).then(() => engine.run());
});

function showRunState(): void {
  $('run').textContent = engine.running ? 'Pause' : 'Run';
  document.body.dataset.state = engine.running ? 'running' : 'paused';
}
$('run').addEventListener('click', () => {
  if (engine.running) engine.pause();
  else engine.run();
  showRunState();
});
$('step').addEventListener('click', () => {
  engine.pause();
  showRunState();
  engine.step().catch((error: unknown) => notify('The step failed.', [describe(error)]));
});
$('run-n').addEventListener('click', () => {
  const n = Number(input('n').value);
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 31 - 1) {
    notify('The number of steps must be a whole number from 1 to 2147483647.', [`got "${input('n').value}"`]);
    return;
  }
  engine.run(n);
  showRunState();
});
for (const form of document.forms) form.addEventListener('submit', (event) => event.preventDefault());

$('share').addEventListener('click', () => {
  const url = new URL(serializeState(engine.state), location.href).href;
  navigator.clipboard?.writeText(url).then(
    () => {
      $('share').textContent = 'Link copied';
      setTimeout(() => ($('share').textContent = 'Copy link'), 2000);
    },
    () => notify('Copy this link to share these settings:', [url]),
  ) ?? notify('Copy this link to share these settings:', [url]);
});

function requestExport(format: 'csv' | 'json' | 'png'): void {
  const id = ++exportId;
  const { q, ...rest } = engine.state;
  const s = specOf(rest.model).q ? { ...rest, q } : rest;
  const model = s.model === 'ising' ? '' : `${s.model}${specOf(s.model).q ? `-q${q}` : ''}-`;
  exports.set(id, `criticality-${model}${s.lattice === 'cubic' ? 'cubic-' : ''}L${s.size}-T${s.temperature.toFixed(4)}-seed${s.seed}.${format}`);
  if (format === 'png') return sendToView({ type: 'export', id, format });
  const meta: Record<string, unknown> = { ...s, steps: engine.steps, engine: engine.info?.engine, layout: engine.info?.layout, url: new URL(serializeState(engine.state), location.href).href, exportedAt: new Date().toISOString() };
  if (format === 'json') meta.rgFlow = lastFlow?.epoch === engine.epoch ? lastFlow : undefined;
  sendToAnalysis({ type: 'export', id, format, meta });
}
$('export-csv').addEventListener('click', () => requestExport('csv'));
$('export-json').addEventListener('click', () => requestExport('json'));
$('export-png').addEventListener('click', () => requestExport('png'));

// ---------------------------------------------------------------------------------------------
// The first-order view (Potts)

$('fo-switch').addEventListener('click', () => void switchModel('potts', 10));
$('mc-form').addEventListener('submit', () => firstOrder.runMulticanonical(engine.state, Number(select('mc-size').value)));
$('mc-stop').addEventListener('click', () => firstOrder.stop());
$('hy-form').addEventListener('submit', () => {
  try {
    firstOrder.runHysteresis(engine.state, Number(select('hy-size').value), Number(input('hy-from').value), Number(input('hy-to').value), Number(input('hy-step').value), Number(input('hy-sweeps').value), engine.state.algorithm);
  } catch (error) {
    setText('hy-status', `Not run: ${describe(error)}`);
  }
});
$('hy-stop').addEventListener('click', () => firstOrder.stop());

// ---------------------------------------------------------------------------------------------
// The temperature sweep

const sweep = new SweepPanel({ absMagnetization: $('chart-sweep-m'), susceptibility: $('chart-sweep-chi'), specificHeat: $('chart-sweep-c'), binder: $('chart-sweep-u4') }, board);
const sweepSettings = () => ({
  model: engine.state.model,
  q: engine.state.q,
  overRelaxation: engine.state.overRelaxation,
  lambda: engine.state.lambda,
  lattice: engine.state.lattice,
  size: Number(select('sweep-size').value),
  from: Number(input('sweep-from').value),
  to: Number(input('sweep-to').value),
  step: Number(input('sweep-step').value),
  sweeps: Number(input('sweep-sweeps').value),
  algorithm: engine.state.algorithm,
  seed: engine.state.seed,
});
/** A model's name in a sentence: 'XY model', 'clock model (q = 6)', with 'on the cubic lattice'. */
function modelLabel(s: { model: LabModel; q: number; lattice: Lattice }): string {
  return `${modelDefinition(s.model).title} model${specOf(s.model).q ? ` (q = ${s.q})` : ''}${s.lattice === 'cubic' ? ' on the cubic lattice' : ''}`;
}
function previewSweep(): void {
  void sweep.preview(sweepSettings()).then(
  () => setText('sweep-status', engine.state.model === 'ising' && engine.state.lattice === 'square'
    ? 'Lines: exact results. Each point will be an independent run on a pool of workers, with the live algorithm.'
    : `Each point will be an independent run of the ${modelLabel(engine.state)} on a pool of workers, with the live algorithm.`),
  (error: unknown) => setText('sweep-status', `Not run: ${describe(error)}`),
  );
}
for (const id of ['sweep-size', 'sweep-from', 'sweep-to', 'sweep-step']) $(id).addEventListener('change', previewSweep);
$('sweep-form').addEventListener('submit', () => {
  const settings = sweepSettings();
  const status = $('sweep-status');
  const progress = $<HTMLProgressElement>('sweep-progress');
  $<HTMLButtonElement>('sweep-run').disabled = true;
  $<HTMLButtonElement>('sweep-stop').disabled = false;
  status.textContent = 'starting the workers…';
  // with two cores or fewer, the live lattice and the sweep would share them with the page: the live run pauses
  pauseLiveForJob();
  const t0 = performance.now();
  sweep.run(settings, (fraction, done, total) => {
    progress.value = fraction;
    status.textContent = `${done} of ${total} temperatures, ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }).then(
    (result) => (status.textContent = `${result === 'completed' ? 'Done' : 'Stopped'}: ${sweep.points.length} temperatures, L = ${settings.size}${settings.model === 'potts' ? `, Potts q = ${settings.q}` : settings.model === 'ising' ? '' : `, ${modelLabel(settings)}`}, ${settings.sweeps} ${settings.algorithm} steps each, in ${((performance.now() - t0) / 1000).toFixed(1)} s.`),
    (error: unknown) => {
      status.textContent = `Not run: ${describe(error)}`;
    },
  ).finally(() => {
    if (resumeLiveAfterJob()) status.textContent += ' (The live lattice paused meanwhile: this device has two cores or fewer.)';
    $<HTMLButtonElement>('sweep-run').disabled = false;
    $<HTMLButtonElement>('sweep-stop').disabled = true;
    $<HTMLButtonElement>('sweep-csv').disabled = sweep.points.length === 0;
  });
});
$('sweep-stop').addEventListener('click', () => sweep.stop());
showModelTemperatures(engine.state);
$('sweep-csv').addEventListener('click', () => download(new Blob([sweep.csv()], { type: 'text/csv' }), `criticality-sweep-L${sweep.settings?.size}.csv`));
previewSweep();

// ---------------------------------------------------------------------------------------------
// The emergence view

const emergence = new EmergencePanel({ magnetization: $('chart-em-m'), binder: $('chart-em-u4'), pictures: $('em-pictures') }, board);
/** The emergence range follows the model: 0.8 to 1.2 T_c. */
function showEmergenceRange(s: LabState): void {
  const tc = criticalTemperatureOf(s);
  input('em-from').value = (0.8 * tc).toFixed(3);
  input('em-to').value = (1.2 * tc).toFixed(3);
}
$('em-form').addEventListener('submit', () => {
  const s = engine.state;
  const settings = { model: s.model, q: s.q, overRelaxation: s.overRelaxation, lambda: s.lambda, lattice: s.lattice, from: Number(input('em-from').value), to: Number(input('em-to').value), points: Number(input('em-points').value), sweeps: Number(input('em-sweeps').value), algorithm: s.algorithm, seed: s.seed };
  const status = $('em-status');
  const progress = $<HTMLProgressElement>('em-progress');
  $<HTMLButtonElement>('em-run').disabled = true;
  $<HTMLButtonElement>('em-stop').disabled = false;
  status.textContent = 'starting the workers…';
  pauseLiveForJob();
  const t0 = performance.now();
  emergence.run(settings, (done, total) => {
    progress.value = total > 0 ? done / total : 0;
    status.textContent = `${done} of ${total} runs, ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }).then(
    (result) => (status.textContent = `${result === 'completed' ? 'Done' : 'Stopped'}: ${emergence.points.length} runs, ${modelLabel(settings)}, ${settings.sweeps} ${settings.algorithm} steps each, in ${((performance.now() - t0) / 1000).toFixed(1)} s.`),
    (error: unknown) => (status.textContent = `Not run: ${describe(error)}`),
  ).finally(() => {
    if (resumeLiveAfterJob()) status.textContent += ' (The live lattice paused meanwhile: this device has two cores or fewer.)';
    $<HTMLButtonElement>('em-run').disabled = false;
    $<HTMLButtonElement>('em-stop').disabled = true;
  });
});
$('em-stop').addEventListener('click', () => emergence.stop());
showEmergenceRange(engine.state);

// ---------------------------------------------------------------------------------------------
// The guided tour

const tourList = $('tour-steps');
TOUR.forEach((step, k) => {
  const item = document.createElement('li');
  const link = Object.assign(document.createElement('a'), { href: `?tour=${k + 1}`, textContent: step.title });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    void goToStep(k + 1);
  });
  item.append(link);
  tourList.append(item);
});
/** Shows step n (1-based) in the tour panel: its sentence, the current link, the buttons. */
function showTour(): void {
  const n = tourStep;
  tourList.querySelectorAll('a').forEach((a, k) => (k + 1 === n ? a.setAttribute('aria-current', 'step') : a.removeAttribute('aria-current')));
  $('tour-text').textContent = n ? `${n} of ${TOUR.length}. ${TOUR[n - 1].text}` : $('tour-text').textContent;
  $<HTMLButtonElement>('tour-prev').disabled = !n || n === 1;
  $<HTMLButtonElement>('tour-next').disabled = n === TOUR.length;
  $('tour-next').textContent = n ? 'Next →' : 'Start the tour →';
}
/** Goes to step n: its parameters (a new lattice), its view scrolled into sight, its address. */
async function goToStep(n: number): Promise<void> {
  if (n < 1 || n > TOUR.length) return;
  tourStep = n;
  showTour();
  const next = parseState(TOUR[n - 1].query).state;
  showModelTemperatures(next);
  showEmergenceRange(next);
  $(TOUR[n - 1].view).scrollIntoView({ block: 'start' });
  await rebuild(next);
  previewSweep();
  if (!engine.running) {
    engine.run();
    showRunState();
  }
}
$('tour-prev').addEventListener('click', () => void goToStep((tourStep ?? 2) - 1));
$('tour-next').addEventListener('click', () => void goToStep((tourStep ?? 0) + 1));
document.addEventListener('keydown', (event) => {
  if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
  event.preventDefault();
  void goToStep((tourStep ?? 0) + (event.key === 'ArrowRight' ? 1 : -1));
});
showTour();

// ---------------------------------------------------------------------------------------------
// Start

showState(engine.state);
/** Starts the engine (WebAssembly, else JavaScript with a notice) while the charts are made, one per task; then runs. */
async function start(): Promise<void> {
  const built = engine.rebuild(engine.state).catch(async (error: unknown) => {
    if (!(error instanceof BackendUnavailableError && engine.state.backend === 'wasm')) throw error;
    notify('WebAssembly is not available here: running the JavaScript engine (same results, slower).', [describe(error)]);
    return engine.rebuild({ ...engine.state, backend: 'js' });
  });
  built.catch(() => {}); // awaited below, after the charts
  await makeLevelCanvases(LEVELS_SHOWN);
  await board.prepare();
  await built;
  applied();
  engine.run();
  showRunState();
  if (tourStep) $(TOUR[tourStep - 1].view).scrollIntoView({ block: 'start' });
}
start().catch((error: unknown) => {
  document.body.dataset.state = 'error';
  $('engine').textContent = 'The engine is not running.';
  notify(error instanceof WorkerCrashedError ? 'The simulation worker could not start. The page works without it, but nothing moves; reload to try again.' : 'The simulation could not start.', [describe(error)]);
});
