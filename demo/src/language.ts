/**
 * The "Language crystallization" page: the controls post requests to the language worker and the
 * charts show its answers next to the Brown corpus curves (demo/src/language-data.ts). Only the
 * latest request's answer is drawn; changes are debounced so dragging a slider never queues work.
 */
import type uPlot from 'uplot';
import { Chart, ChartBoard, COLOURS, axis, join, lineSeries, pointSeries, errorBars } from './plots.js';
import { LANGUAGE_DATA as data } from './language-data.js';
import type { LanguageRequest, LanguageResponse, Point } from './language-protocol.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const worker = new Worker(new URL('./language.worker.ts', import.meta.url), { type: 'module' });

/** Log-axis tick labels: small values in exponent form (never a misleading "0"). */
const logValues = (_u: uPlot, splits: (number | null)[]) => splits.map((v) => (v == null ? '' : v >= 0.01 ? String(Number(v.toPrecision(2))) : v.toExponential(0)));
const logAxes = (x: string, y: string): Pick<uPlot.Options, 'scales' | 'axes'> => ({
  scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
  axes: [{ ...axis(x), values: logValues }, { ...axis(y), values: logValues }],
});
const board = new ChartBoard();
const chartMi = board.add(new Chart($('chart-mi'), { ...logAxes('r', 'I(r), bits'), series: [{}, pointSeries('generated', COLOURS.magnetization), lineSeries('Brown corpus', COLOURS.energy)], plugins: [errorBars([undefined, COLOURS.magnetization, COLOURS.energy])] }));
const chartC = board.add(new Chart($('chart-c'), { ...logAxes('r', 'C(r)'), series: [{}, pointSeries('generated', COLOURS.magnetization), lineSeries('Brown corpus', COLOURS.energy)], plugins: [errorBars([undefined, COLOURS.magnetization, COLOURS.energy])] }));
const chartEntropy = board.add(new Chart($('chart-entropy'), { scales: { x: { time: false, distr: 3 } }, axes: [{ ...axis('T (Markov) or x = ε_d ln N (RLM)'), values: logValues }, axis('entropy')], series: [{}, pointSeries('entropy', COLOURS.binder)], plugins: [errorBars([undefined, COLOURS.binder])] }));

/** Positive points as a table for a log axis, with their errors (none where the bar would cross 0). */
function table(points: Point[]): { data: uPlot.AlignedData; errors: (number | null)[] } {
  const keep = points.filter(([, v]) => v > 0);
  return { data: [keep.map((p) => p[0]), keep.map((p) => p[1])], errors: keep.map((p) => (p[2] < p[1] ? p[2] : null)) };
}

function showCurves(generated: Point[], reference: number[][], chart: Chart): void {
  const g = table(generated);
  const b = table(reference as Point[]);
  const joined = join([g.data, b.data]);
  const xs = joined[0] as number[];
  const errorAt = (source: { data: uPlot.AlignedData; errors: (number | null)[] }) => xs.map((x) => {
    const i = (source.data[0] as number[]).indexOf(x);
    return i >= 0 ? source.errors[i] : null;
  });
  board.update(chart, joined, [null, errorAt(g), errorAt(b)]);
}

let generator: 'markov' | 'rlm' = 'markov';
let latest = 0;
let latestCurve = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

const temperature = () => 10 ** Number($<HTMLInputElement>('temperature').value);
const xValue = () => 10 ** Number($<HTMLInputElement>('x').value);
const hidden = () => Number($<HTMLSelectElement>('hidden').value);
const seed = () => Math.max(0, Math.floor(Number($<HTMLInputElement>('seed').value) || 0));

function send(request: LanguageRequest): void {
  worker.postMessage(request);
}

function generate(): void {
  latest++;
  $('lang-status').textContent = 'Generating and analysing…';
  if (generator === 'markov') send({ id: latest, kind: 'markov', temperature: temperature(), length: 100_000, seed: seed() });
  else send({ id: latest, kind: 'rlm', hidden: hidden(), x: xValue(), depth: 10, sentences: 100, seed: seed() });
}

function curve(): void {
  latestCurve = ++latest;
  if (generator === 'markov') {
    $('entropy-title').textContent = 'Entropy rate vs temperature';
    $('entropy-note').textContent = 'Entropy rate h of the Markov text (bits a symbol): low T freezes it into repetition, high T melts it into noise.';
    send({ id: latestCurve, kind: 'markov-entropy', temperatures: [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10], length: 20_000, seed: seed() });
  } else {
    $('entropy-title').textContent = `Rule entropy vs x, N = ${hidden()}`;
    $('entropy-note').textContent = 'Entropy of the branching rules p(bc|a) / ln N² (exact, 4 grammars a point): 1 at high x (noise); it falls below x ≈ 1/2 and the rules freeze below x ≈ 1/8 (Giorlandino, De Giuli & Goldt).';
    send({ id: latestCurve, kind: 'rlm-entropy', hidden: hidden(), x: [0.03, 0.06, 0.125, 0.25, 0.5, 1, 2, 4, 8], grammars: 4, seed: seed() });
  }
}

/** Debounced: a slider being dragged sends one request when it rests. */
function schedule(withCurve = false): void {
  $('out-temperature').textContent = temperature().toFixed(2);
  $('out-x').textContent = xValue().toPrecision(2);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    if (withCurve) curve();
    generate();
  }, 150);
}

worker.onmessage = (event: MessageEvent<LanguageResponse>) => {
  const m = event.data;
  if (m.kind === 'error') {
    $('notice-text').textContent = `The analysis failed: ${m.message}`;
    $('notice').hidden = false;
    return;
  }
  if (m.kind === 'curve') {
    if (m.id !== latestCurve) return;
    const keep = m.points.filter((p) => Number.isFinite(p[1]));
    board.update(chartEntropy, [keep.map((p) => p[0]), keep.map((p) => p[1])], [null, keep.map((p) => p[2])]);
    return;
  }
  if (m.id !== latest) return;
  $('lang-text').textContent = m.words.join(' ');
  $('lang-fit').textContent = m.verdict;
  $('lang-entropy').textContent = `${m.entropyRate[0].toFixed(3)} ± ${m.entropyRate[1].toFixed(3)} bits`;
  $('lang-engine').textContent = m.backend;
  $('lang-orders').textContent = m.orders
    ? `Grammar: rule entropy ${m.orders.ruleEntropy.toFixed(3)}, child entropy ${m.orders.childEntropy.toFixed(3)}, participation Y ${m.orders.participation.toFixed(3)} (symbols shown as letters).`
    : `Brown corpus: C(r) ~ r^-${data.exponent.correlation[0]} ± ${data.exponent.correlation[1]}, I(r) ~ r^-${data.exponent.mutualInformation[0]} ± ${data.exponent.mutualInformation[1]} over r = 10..1000.`;
  showCurves(m.mutualInformation, data.mutualInformation, chartMi);
  showCurves(m.correlation.filter(([r]) => data.correlation.some(([x]) => x === r)), data.correlation, chartC);
  $('lang-status').textContent = `Done: ${generator === 'markov' ? `Markov, T = ${temperature().toFixed(2)}` : `RLM, N = ${hidden()}, x = ${xValue().toPrecision(2)}`}, seed ${seed()}.`;
  document.body.dataset.state = 'ready';
};
worker.onerror = () => {
  $('notice-text').textContent = 'The language worker could not start; reload to try again.';
  $('notice').hidden = false;
};

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="generator"]')) {
  radio.addEventListener('change', () => {
    generator = radio.value as 'markov' | 'rlm';
    $('markov-controls').hidden = generator !== 'markov';
    $('rlm-controls').hidden = generator !== 'rlm';
    schedule(true);
  });
}
$('temperature').addEventListener('input', () => schedule());
$('x').addEventListener('input', () => schedule());
$('hidden').addEventListener('change', () => schedule(true));
$('seed').addEventListener('change', () => schedule(true));
$('regenerate').addEventListener('click', () => {
  $<HTMLInputElement>('seed').value = String(seed() + 1);
  schedule(true);
});
schedule(true);
