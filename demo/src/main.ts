/**
 * A live view of the engine: the lattice on a canvas, temperature, field, size, algorithm and
 * backend controls, and live readouts. Runs on the main thread in small time slices.
 */
import { createSimulation, CRITICAL_TEMPERATURE, type Simulation, type SimulationOptions } from 'criticality';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('lattice');
const context = canvas.getContext('2d')!;
const temperature = $<HTMLInputElement>('temperature');
const field = $<HTMLInputElement>('field');
const size = $<HTMLSelectElement>('size');
const algorithm = $<HTMLSelectElement>('algorithm');
const backend = $<HTMLSelectElement>('backend');
const runButton = $<HTMLButtonElement>('run');

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

function draw(s: Simulation): void {
  const spins = s.spins();
  const data = image!.data;
  for (let i = 0; i < spins.length; i++) {
    const v = spins[i] > 0 ? 235 : 30;
    data[4 * i] = v;
    data[4 * i + 1] = v;
    data[4 * i + 2] = spins[i] > 0 ? 245 : 60;
    data[4 * i + 3] = 255;
  }
  context.putImageData(image!, 0, 0);
}

let sweepsPerFrame = 1;
function frame(): void {
  const s = sim;
  if (s && running) {
    const t0 = performance.now();
    s.sweep(sweepsPerFrame);
    const dt = performance.now() - t0;
    // adapt the batch to the frame budget
    sweepsPerFrame = Math.max(1, Math.min(1000, Math.round(sweepsPerFrame * (dt > 0 ? FRAME_BUDGET_MS / dt : 2))));
    const flipsPerNs = (sweepsPerFrame * s.sites) / Math.max(dt, 1e-3) / 1e6;
    $('speed').textContent = `${flipsPerNs.toFixed(3)} flips/ns`;
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
  sim?.setAlgorithm(algorithm.value as 'metropolis' | 'heat-bath');
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
