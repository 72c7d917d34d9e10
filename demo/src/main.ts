/**
 * A live view of the engine: the lattice on a canvas, temperature, field, size, algorithm and
 * backend controls, and live readouts. Runs on the main thread in small time slices.
 */
import { createSimulation, CRITICAL_TEMPERATURE, type Algorithm, type Simulation, type SimulationOptions } from 'criticality';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('lattice');
const context = canvas.getContext('2d')!;
const temperature = $<HTMLInputElement>('temperature');
const field = $<HTMLInputElement>('field');
const size = $<HTMLSelectElement>('size');
const algorithm = $<HTMLSelectElement>('algorithm');
const backend = $<HTMLSelectElement>('backend');
const runButton = $<HTMLButtonElement>('run');
const showClusters = $<HTMLInputElement>('show-clusters');

temperature.value = String(CRITICAL_TEMPERATURE);
let sim: Simulation | undefined;
let running = true;
let image: ImageData | undefined;
/** Time budget per frame for sweeps, ms: keeps the page responsive. */
const FRAME_BUDGET_MS = 12;

function notice(text: string): void {
  const el = $('notice');
  el.textContent = text;
  el.hidden = false;
}

async function rebuild(): Promise<void> {
  const options: SimulationOptions = {
    size: Number(size.value),
    temperature: Number(temperature.value),
    field: Number(field.value),
    algorithm: algorithm.value as SimulationOptions['algorithm'],
    backend: backend.value as SimulationOptions['backend'],
    seed: 1,
    start: 'hot',
  };
  try {
    const next = await createSimulation(options);
    sim?.dispose();
    sim = next;
    if (sim.fallbackReason) notice(`Running on JavaScript: ${sim.fallbackReason}`);
    canvas.width = canvas.height = sim.options.size;
    image = context.createImageData(sim.options.size, sim.options.size);
    $('backend-out').textContent = `${sim.engine}, ${sim.layout} layout`;
  } catch (error) {
    notice(`Could not start the simulation: ${(error as Error).message}`);
  }
}

/** A colour for a cluster label (a hash of the label into hue, light or dark with the spin). */
function clusterColour(label: number, up: boolean, out: Uint8ClampedArray, at: number): void {
  const hue = ((Math.imul(label + 1, 0x9e3779b1) >>> 0) / 2 ** 32) * 6;
  const k = (n: number) => Math.max(0, Math.min(1, Math.abs(((hue + n) % 6) - 3) - 1));
  const [lo, hi] = up ? [120, 255] : [20, 150];
  out[at] = lo + (hi - lo) * k(0);
  out[at + 1] = lo + (hi - lo) * k(4);
  out[at + 2] = lo + (hi - lo) * k(2);
}

function draw(s: Simulation): void {
  const spins = s.spins();
  const labels = showClusters.checked ? s.clusterLabels() : undefined;
  const data = image!.data;
  for (let i = 0; i < spins.length; i++) {
    if (labels && labels[i] >= 0) {
      clusterColour(labels[i], spins[i] > 0, data, 4 * i);
    } else {
      const v = spins[i] > 0 ? 235 : 30;
      data[4 * i] = v;
      data[4 * i + 1] = v;
      data[4 * i + 2] = spins[i] > 0 ? 245 : 60;
    }
    data[4 * i + 3] = 255;
  }
  context.putImageData(image!, 0, 0);
}

let sweepsPerFrame = 1;
function frame(): void {
  const s = sim;
  if (s && running) {
    const t0 = performance.now();
    const { sweepEquivalents } = s.sweep(sweepsPerFrame);
    const dt = performance.now() - t0;
    // adapt the batch to the frame budget
    sweepsPerFrame = Math.max(1, Math.min(1000, Math.round(sweepsPerFrame * (dt > 0 ? FRAME_BUDGET_MS / dt : 2))));
    // site updates (cluster spins for cluster algorithms) per nanosecond
    const sitesPerNs = (sweepEquivalents * s.sites) / Math.max(dt, 1e-3) / 1e6;
    $('speed').textContent = `${sitesPerNs.toFixed(3)} sites/ns`;
    $('work').textContent = s.sweepEquivalents.toFixed(0);
    $('energy').textContent = s.energy().toFixed(4);
    $('magnetization').textContent = s.magnetization().toFixed(4);
    $('sweeps').textContent = String(s.sweeps);
    draw(s);
  }
  requestAnimationFrame(frame);
}

function showParameters(): void {
  $('t-out').textContent = Number(temperature.value).toFixed(3);
  $('h-out').textContent = Number(field.value).toFixed(2);
}

temperature.addEventListener('input', () => {
  sim?.setTemperature(Number(temperature.value));
  showParameters();
});
field.addEventListener('input', () => {
  sim?.setField(Number(field.value));
  showParameters();
});
algorithm.addEventListener('change', () => {
  try {
    sim?.setAlgorithm(algorithm.value as Algorithm);
    sweepsPerFrame = 1;
  } catch (error) {
    notice((error as Error).message);
  }
  if (sim) $('backend-out').textContent = `${sim.engine}, ${sim.layout} layout`;
});
size.addEventListener('change', () => void rebuild());
backend.addEventListener('change', () => void rebuild());
runButton.addEventListener('click', () => {
  running = !running;
  runButton.textContent = running ? 'Pause' : 'Run';
});
$('tc').addEventListener('click', () => {
  temperature.value = String(CRITICAL_TEMPERATURE);
  temperature.dispatchEvent(new Event('input'));
});
$('quench').addEventListener('click', () => {
  temperature.value = '1.5';
  temperature.dispatchEvent(new Event('input'));
});

showParameters();
await rebuild();
requestAnimationFrame(frame);
