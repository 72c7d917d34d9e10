/**
 * The analysis worker: the per-step records (B, M) the simulation worker produced, relayed by the
 * page (transferred). It keeps the thinned window of e(t) and m(t) for the time plot and the
 * samples since the last change of parameters, analyses their second half (estimates with error
 * bars and tau_int, P(m), the Landau free energy -ln P(m) with its fit) and sends the page small
 * arrays a few times a second. It also writes the CSV and JSON exports of those samples.
 */
import { modelDefinition } from 'criticality';
import { histogramView, landauView, landscapeView, liveEstimate, livePhases, Recent, TimeWindow, unsignedHistogram, type LandauView, type LandscapeView, type LiveEstimate } from './analysis.js';
import { libraryParameters, specOf } from './models.js';
import { changes, type FromAnalysis, type RunTag, type SeriesPlot, type ToAnalysis } from './protocol.js';

/**
 * Samples kept for the averages, P(m) and F(m): the last 2^17 steps since the last change, of
 * which the second half since the change is analysed (the first half is left for equilibration).
 */
const SAMPLES = 2 ** 17;
/** Plots are sent at most this often, ms. */
const PLOT_EVERY_MS = 250;

const scope = globalThis as unknown as {
  postMessage(message: FromAnalysis): void;
  onmessage: ((event: MessageEvent<ToAnalysis>) => void) | null;
};

let tag: RunTag | undefined;
const time = new TimeWindow();
const steps = new Recent(SAMPLES);
const energies = new Recent(SAMPLES);
const magnetizations = new Recent(SAMPLES);
/** The order-parameter vector of every step (1 to 3 components, the model's `landscape`). */
const vectors = [new Recent(SAMPLES), new Recent(SAMPLES), new Recent(SAMPLES)];
const vector = new Float64Array(3);
let dirty = false;

/** The slow analyses, recomputed at most every `heavyEveryMs` (which grows with their cost). */
let heavy: { energy?: LiveEstimate; absMagnetization?: LiveEstimate; landau?: LandauView; landscape?: LandscapeView; landauNote?: string; phases?: SeriesPlot['phases'] } = {};
let heavyAt = 0;
/** Whether the landscape views were recomputed since they were last sent (they go out once per analysis, not with every plot). */
let fresh = false;
let heavyEveryMs = 500;

/** Starts the averages over (new parameters), and the time plot too for a new lattice. */
function follow(next: RunTag): void {
  const change = changes(tag, next);
  if (change.lattice) time.clear();
  if (change.epoch) {
    steps.clear();
    energies.clear();
    magnetizations.clear();
    for (const v of vectors) v.clear();
    heavy = {};
    heavyAt = 0;
  }
  tag = next;
}

/** The model's record layout and formulas: e = E / N and the order parameter (Ising m = M / N, Potts |M| / N). */
function modelOf(run: RunTag) {
  const definition = modelDefinition(run.model);
  const parameters = definition.parameters(libraryParameters(run));
  return { definition, parameters, width: definition.recordWidth(parameters), spec: specOf(run.model) };
}

/** Sites of a run's lattice (L^2 or L^3). */
const sitesOf = (run: RunTag) => run.size ** (run.geometry === 'cubic' ? 3 : 2);
/** The components of the landscape: Potts q = 2 has one (the Ising m along state 0). */
const componentsOf = (run: RunTag) => (run.model === 'potts' && run.q === 2 ? 1 : specOf(run.model).components);

function ingest(next: RunTag, firstStep: number, records: Int32Array | Float64Array, stepsPerSecond: number): void {
  follow(next);
  time.setRate(stepsPerSecond);
  const sites = sitesOf(next);
  const h = next.field;
  const { definition, parameters, width, spec } = modelOf(next);
  const n = componentsOf(next);
  for (let k = 0; width * k < records.length; k++) {
    const e = definition.energy(records, width * k, h) / sites;
    const m = definition.orderParameter(records, width * k, sites, parameters);
    time.push(firstStep + k + 1, e, m);
    steps.push(firstStep + k + 1);
    energies.push(e);
    magnetizations.push(m);
    spec.landscape(records, width * k, sites, next.q ?? 2, vector);
    for (let c = 0; c < n; c++) vectors[c].push(vector[c]);
  }
  dirty = true;
}

function analyseHeavy(): void {
  const t0 = performance.now();
  const m = magnetizations.equilibrated();
  const n = m.length;
  heavy = {};
  const ising = tag!.model === 'ising';
  const sites = sitesOf(tag!);
  if (n >= 16) {
    heavy.energy = liveEstimate(energies.equilibrated());
    heavy.absMagnetization = liveEstimate(m.map(Math.abs));
    if (ising && tag!.geometry === 'square') heavy.phases = livePhases(m, heavy.absMagnetization.mean, tag!);
  }
  heavy.landauNote = `collecting samples (${n} of at least 200)`;
  if (n >= 200) {
    try {
      const components = componentsOf(tag!);
      if (components === 1) heavy.landau = landauView(ising ? m : vectors[0].equilibrated(), sites, ising ? tag!.field : 0);
      else heavy.landscape = landscapeView(vectors.slice(0, components).map((v) => v.equilibrated()), sites);
    } catch (error) {
      heavy.landauNote = (error as Error).message;
    }
  }
  const cost = performance.now() - t0;
  heavyAt = performance.now();
  fresh = true;
  heavyEveryMs = Math.max(500, 2 * cost); // at most a third of this worker's time
}

/** P(m): of signed m on the grid 2 / N (Ising), of m = |M| / N on equal bins (the other models). */
function histogramOf(m: Float64Array) {
  return tag!.model === 'ising' ? histogramView(m, sitesOf(tag!)) : unsignedHistogram(m);
}

function publish(): void {
  if (!dirty || !tag) return;
  dirty = false;
  if (performance.now() - heavyAt >= heavyEveryMs) analyseHeavy();
  // the free-energy views only when recomputed: the page redraws the landscape once per analysis
  const { landau, landscape, landauNote, ...estimates } = heavy;
  const data: SeriesPlot = {
    lattice: tag.lattice,
    epoch: tag.epoch,
    time: { t: time.t.slice(), e: time.e.slice(), m: time.m.slice() },
    histogram: magnetizations.length > 0 ? histogramOf(magnetizations.equilibrated()) : undefined,
    ...estimates,
    ...(fresh ? { landau, landscape, landauNote } : {}),
  };
  fresh = false;
  scope.postMessage({ type: 'plots', data });
}

function exportData(id: number, format: 'csv' | 'json', meta: Record<string, unknown>): void {
  const t = steps.toArray();
  const e = energies.toArray();
  const m = magnetizations.toArray();
  let blob: Blob;
  if (format === 'csv') {
    const lines = [`# criticality live run: ${JSON.stringify(meta)}`, 'step,e,m'];
    for (let i = 0; i < t.length; i++) lines.push(`${t[i]},${e[i]},${m[i]}`);
    blob = new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' });
  } else {
    if (tag) analyseHeavy();
    const body = {
      ...meta,
      samples: t.length,
      analysed: magnetizations.equilibrated().length,
      estimates: { energy: heavy.energy, absMagnetization: heavy.absMagnetization },
      histogram: t.length > 0 ? histogramOf(magnetizations.equilibrated()) : undefined,
      landau: heavy.landau,
      landscape: heavy.landscape,
      series: { step: Array.from(t), e: Array.from(e), m: Array.from(m) },
    };
    blob = new Blob([JSON.stringify(body, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)], { type: 'application/json' });
  }
  scope.postMessage({ type: 'export', id, blob });
}

function report(error: unknown): void {
  scope.postMessage({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === 'records') ingest(message.tag, message.firstStep, message.records, message.stepsPerSecond);
    else exportData(message.id, message.format, message.meta);
  } catch (error) {
    report(error);
  }
};

setInterval(() => {
  try {
    publish();
  } catch (error) {
    report(error);
  }
}, PLOT_EVERY_MS);
