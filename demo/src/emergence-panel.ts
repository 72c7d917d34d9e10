/**
 * The emergence view: the live model's local rule on lattices of five sizes (L = 8 .. 128 on the
 * square lattice, 4 .. 24 on the cubic one), each temperature of each size an independent run job
 * (planSweep: its own seed) on the page's pool of workers. It draws <|m|>(T) of every size, the
 * transition sharpening as L grows, and the Binder cumulant U4(T) of every size, the curves crossing
 * near T_c (the model's T_c marked). Points arrive as their jobs complete. Beside the curves, the
 * lattices themselves: the final state of the run of every size at the temperature of the grid
 * nearest T_c (a slice through the middle of a cubic lattice), one pixel a site, drawn side by side.
 * Those five runs go to a worker of their own (the pool's jobs return measurements, not lattices);
 * a run there is the same job, so its point is the one the pool would have given.
 */
import { createSimulationWorker, expandTemperatures, InvalidOptionError, planSweep, type Algorithm, type Lattice, type Observable, type RunJob } from 'criticality';
import { axis, Chart, errorBars, join, verticalMarker, type ChartBoard } from './plots.js';
import { drawLayer, plane } from './lattice-image.js';
import { libraryParameters, specOf } from './models.js';
import { sharedPool } from './shared-pool.js';
import { criticalTemperatureOf, type LabModel } from './state.js';

/** The sizes compared, per lattice. */
export const EMERGENCE_SIZES: Readonly<Record<Lattice, readonly number[]>> = { square: [8, 16, 32, 64, 128], cubic: [4, 8, 12, 16, 24] };
/** One colour per size, light (small) to dark (large). */
const SIZE_COLOURS = ['#f4a259', '#e76f51', '#bc4b51', '#5b8e7d', '#1d3557'];

export interface EmergenceSettings {
  model: LabModel;
  /** XY, Heisenberg, phi^4: over-relaxation sweeps; phi^4: lambda (each used by the models that take it). */
  overRelaxation?: number;
  lambda?: number;
  q: number;
  lattice: Lattice;
  from: number;
  to: number;
  points: number;
  sweeps: number;
  algorithm: Algorithm;
  seed: number;
}

/** The temperatures of a run: `points` evenly from `from` to `to`. Throws InvalidOptionError naming the field. */
export function emergenceTemperatures(s: EmergenceSettings): number[] {
  if (!Number.isInteger(s.points) || s.points < 3 || s.points > 25) throw new InvalidOptionError('points', s.points, 'an integer from 3 to 25');
  if (!Number.isInteger(s.sweeps) || s.sweeps < 1000 || s.sweeps > 200_000) throw new InvalidOptionError('sweeps', s.sweeps, 'an integer from 1000 to 200000');
  if (!(s.to > s.from)) throw new InvalidOptionError('T.to', s.to, `a temperature above T.from = ${s.from}`);
  return expandTemperatures({ from: s.from, to: s.to, step: (s.to - s.from) / (s.points - 1) }, 'T').slice(0, s.points);
}

interface Point {
  size: number;
  temperature: number;
  absMagnetization: Observable;
  binder: Observable;
}

export class EmergencePanel {
  private controller: AbortController | undefined;
  points: Point[] = [];
  private sizes: readonly number[] = EMERGENCE_SIZES.square;
  private tc = NaN;
  private readonly magnetization: Chart;
  private readonly binder: Chart;

  /** The temperature of the pictures (NaN before a run). */
  pictureTemperature = NaN;
  private readonly pictures: HTMLElement;

  constructor(containers: { magnetization: HTMLElement; binder: HTMLElement; pictures: HTMLElement }, private readonly board: ChartBoard) {
    this.pictures = containers.pictures;
    const marker = verticalMarker(() => this.tc, 'Tc');
    const series = (k: number) => ({ label: `L = ${EMERGENCE_SIZES.square[k]}`, stroke: SIZE_COLOURS[k], width: 1.5, points: { show: true, size: 5, fill: SIZE_COLOURS[k] }, spanGaps: true });
    const make = (container: HTMLElement, label: string) =>
      board.add(new Chart(container, {
        scales: { x: { time: false } },
        series: [{ label: 'T' }, ...SIZE_COLOURS.map((_, k) => series(k))],
        axes: [axis('T'), axis(label)],
        legend: { show: true },
        plugins: [marker, errorBars(SIZE_COLOURS)],
      }, 200));
    this.magnetization = make(containers.magnetization, '⟨|m|⟩');
    this.binder = make(containers.binder, 'U4');
  }

  get busy(): boolean {
    return this.controller !== undefined;
  }

  stop(): void {
    this.controller?.abort();
  }

  /** Runs every size at every temperature; `onProgress` after each point. */
  async run(s: EmergenceSettings, onProgress: (done: number, total: number) => void): Promise<'completed' | 'aborted'> {
    const temperatures = emergenceTemperatures(s);
    if (this.controller) throw new Error('a run is already going');
    const controller = new AbortController();
    this.controller = controller;
    this.sizes = EMERGENCE_SIZES[s.lattice];
    this.tc = criticalTemperatureOf(s);
    this.points = [];
    // the pictures at the temperature of the grid nearest T_c (the middle one when T_c is unknown)
    const near = (t: number) => (Number.isFinite(this.tc) ? Math.abs(t - this.tc) : Math.abs(t - temperatures[temperatures.length >> 1]));
    this.pictureTemperature = temperatures.reduce((best, t) => (near(t) < near(best) ? t : best));
    const canvases = this.startPictures(s);
    this.relabel();
    this.redraw();
    try {
      const pool = await sharedPool();
      const model = s.model === 'ising' ? {} : { model: s.model, ...libraryParameters(s) };
      const jobs = planSweep({ temperatures, sizes: [...this.sizes], options: { ...model, ...(s.lattice === 'square' ? {} : { lattice: s.lattice }), algorithm: s.algorithm, start: 'cold' }, seed: s.seed, thermalize: Math.round(s.sweeps / 5), sweeps: s.sweeps });
      let done = 0;
      onProgress(0, jobs.length);
      const add = (job: RunJob, o: { absMagnetization: Observable; binder: Observable }) => {
        this.points.push({ size: job.options.size!, temperature: job.options.temperature!, absMagnetization: o.absMagnetization, binder: o.binder });
        onProgress(++done, jobs.length);
        this.redraw();
      };
      const pictured = jobs.filter((job) => job.options.temperature === this.pictureTemperature);
      const onPool = jobs.filter((job) => !pictured.includes(job));
      const states = await Promise.all([
        ...onPool.map(async (job) => {
          const run = await pool.run([job], { signal: controller.signal });
          const task = run.tasks[0];
          if (task.state === 'failed') throw task.error;
          if (task.state !== 'completed') return task.state;
          add(job, task.result.observables);
          return task.state;
        }),
        this.runPictured(pictured, canvases, s, controller.signal, add),
      ]);
      return states.every((state) => state === 'completed') ? 'completed' : 'aborted';
    } finally {
      this.controller = undefined;
    }
  }

  /** Empty canvases, one per size, with their captions, in the pictures' row. */
  private startPictures(s: EmergenceSettings): HTMLCanvasElement[] {
    const T = this.pictureTemperature.toFixed(3);
    const where = s.lattice === 'cubic' ? 'the middle plane of each cubic lattice' : 'each lattice';
    const caption = document.createElement('p');
    caption.id = 'em-pictures-caption';
    caption.textContent = `The last state of ${where} at T = ${T}, the temperature of the runs nearest T_c, one pixel a site: every picture is shown at the same width, so larger lattices show finer detail.`;
    const canvases = this.sizes.map((L) => {
      const figure = document.createElement('figure');
      const canvas = Object.assign(document.createElement('canvas'), { width: L, height: L });
      canvas.dataset.size = String(L);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `L = ${L} at T = ${T}: running`);
      const label = document.createElement('figcaption');
      label.textContent = `L = ${L}`;
      figure.append(canvas, label);
      return canvas;
    });
    const row = document.createElement('div');
    row.className = 'em-row';
    row.append(...canvases.map((c) => c.parentElement!));
    this.pictures.replaceChildren(row, caption);
    return canvases;
  }

  /**
   * Runs the pictured jobs one after another in a worker of their own (each job's own simulation:
   * the same steps the pool would run), adds their points and draws their last lattices.
   */
  private async runPictured(jobs: RunJob[], canvases: HTMLCanvasElement[], s: EmergenceSettings, signal: AbortSignal, add: (job: RunJob, o: { absMagnetization: Observable; binder: Observable }) => void): Promise<'completed' | 'aborted'> {
    const kind = specOf(s.model).picture;
    for (const job of jobs) {
      if (signal.aborted) return 'aborted';
      const { kind: _, options, ...plan } = job;
      const worker = await createSimulationWorker(options);
      try {
        const result = await worker.measure(plan, { signal });
        add(job, result.observables);
        const L = options.size!;
        const data = await worker.spins();
        const n = kind === 'vector3' ? 3 : data instanceof Float64Array ? 2 : 1;
        const layer = s.lattice === 'cubic' ? plane(data, L, L >> 1, n) : data;
        const image = new ImageData(L, L);
        drawLayer(kind, layer, L, s.q, 1, image.data, false);
        const canvas = canvases[this.sizes.indexOf(L)];
        canvas.getContext('2d')!.putImageData(image, 0, 0);
        canvas.dataset.drawn = 'true';
        canvas.setAttribute('aria-label', `L = ${L} at T = ${this.pictureTemperature.toFixed(3)}: the last state of the run`);
      } catch (error) {
        if (signal.aborted) return 'aborted';
        throw error;
      } finally {
        await worker.dispose();
      }
    }
    return 'completed';
  }

  /** The legends name this lattice's sizes. */
  private relabel(): void {
    for (const chart of [this.magnetization, this.binder]) {
      const plot = chart.plot;
      if (!plot) continue;
      this.sizes.forEach((L, k) => {
        const label = plot.root.querySelectorAll('.u-legend .u-series .u-label')[k];
        if (label) label.textContent = `L = ${L}`;
      });
    }
  }

  private redraw(): void {
    for (const [chart, key] of [[this.magnetization, 'absMagnetization'], [this.binder, 'binder']] as const) {
      const tables = this.sizes.map((L) => {
        const mine = this.points.filter((p) => p.size === L).sort((a, b) => a.temperature - b.temperature);
        return [mine.map((p) => p.temperature), mine.map((p) => p[key].mean)] as [number[], number[]];
      });
      const data = join(tables);
      const errors = [null, ...this.sizes.map((L) => {
        const at = new Map(this.points.filter((p) => p.size === L).map((p) => [p.temperature, p[key].error]));
        return Array.from(data[0], (t) => at.get(t) ?? null);
      })];
      this.board.update(chart, data, errors);
    }
  }
}
