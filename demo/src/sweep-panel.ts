/**
 * The temperature-sweep panel: |m|, chi, c and U4 against T for one lattice size, each point an
 * independent run job (planSweep: its own seed) on a pool of simulation workers, plotted with its
 * error bars as soon as it completes, next to the exact curves of the Ising model (Onsager's |m|
 * and c of the infinite lattice; Kaufman's c for this L). The Potts model's points (m = |M| / N and
 * its chi, c, U4) are drawn without exact curves (those series are switched off), with its T_c
 * marked. The page stays responsive: the work runs in the pool's workers, the exact curves are
 * computed a few temperatures per task.
 */
import {
  CRITICAL_TEMPERATURE,
  CUBIC_CRITICAL_BINDER_RATIO,
  expandTemperatures,
  finiteLatticeExact,
  InvalidOptionError,
  onsagerMagnetization,
  onsagerSpecificHeat,
  planSweep,
  type Algorithm,
  type Lattice,
  type Measurement,
  type Observable,
  type Pool,
} from 'criticality';
import type uPlot from 'uplot';
import { axis, Chart, COLOURS, errorBars, join, lineSeries, pointSeries, verticalMarker, type ChartBoard } from './plots.js';
import { criticalTemperatureOf, type LabModel } from './state.js';
import { libraryParameters } from './models.js';
import { sharedPool } from './shared-pool.js';

/** U4 at Tc on periodic square lattices for L -> infinity (Salas & Sokal 2000). */
export const BINDER_CRITICAL = 0.61069;
/** U4* = 1 - Q* / 3 at T_c on periodic simple cubic lattices for L -> infinity, Q* from the library's exact module (Hasenbusch 2010). */
export const BINDER_CRITICAL_CUBIC = 1 - CUBIC_CRITICAL_BINDER_RATIO / 3;

export interface SweepSettings {
  model: LabModel;
  /** XY, Heisenberg, phi^4: over-relaxation sweeps; phi^4: lambda (each used by the models that take it). */
  overRelaxation?: number;
  lambda?: number;
  /** Potts states or clock angles (used by the models that take q). */
  q: number;
  lattice: Lattice;
  size: number;
  from: number;
  to: number;
  step: number;
  sweeps: number;
  algorithm: Algorithm;
  seed: number;
}

/** One measured temperature. */
export interface SweepPointResult {
  temperature: number;
  absMagnetization: Observable;
  susceptibility: Observable;
  specificHeat: Observable;
  binder: Observable;
  energy: Observable;
  /** Kaufman's exact e and c of this L at this T (Ising; NaN for Potts). */
  exactEnergy: number;
  exactSpecificHeat: number;
  warnings: string[];
}

const OBSERVABLES = ['absMagnetization', 'susceptibility', 'specificHeat', 'binder'] as const;
type Plotted = (typeof OBSERVABLES)[number];

/** Validates the form; throws InvalidOptionError naming the field. */
export function checkSweepSettings(s: SweepSettings): number[] {
  const temperatures = expandTemperatures({ from: s.from, to: s.to, step: s.step }, 'T');
  if (temperatures.length > 60) throw new InvalidOptionError('T.step', s.step, `a step giving at most 60 temperatures from ${s.from} to ${s.to} (this one gives ${temperatures.length})`);
  if (!Number.isInteger(s.sweeps) || s.sweeps < 1000 || s.sweeps > 1_000_000) throw new InvalidOptionError('sweeps', s.sweeps, 'an integer from 1000 to 1000000');
  return temperatures;
}

function pointOf(job: { options: { temperature?: number } }, m: Measurement, size: number, exactCurves: boolean): SweepPointResult {
  const T = job.options.temperature!;
  const exact = exactCurves ? finiteLatticeExact(size, T) : { energy: NaN, specificHeat: NaN };
  const o = m.observables;
  const pick = (x: Observable) => ({ mean: x.mean, error: x.error });
  return {
    temperature: T,
    absMagnetization: pick(o.absMagnetization),
    susceptibility: pick(o.susceptibility),
    specificHeat: pick(o.specificHeat),
    binder: pick(o.binder),
    energy: pick(o.energy),
    exactEnergy: exact.energy,
    exactSpecificHeat: exact.specificHeat,
    warnings: m.warnings,
  };
}

/** Whether the exact curves apply: the square-lattice Ising model. */
const exactCurvesOf = (s: { model: LabModel; lattice: Lattice }) => s.model === 'ising' && s.lattice === 'square';

/** Yields to the event loop (a task boundary). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class SweepPanel {
  private pool: Pool | undefined;
  private controller: AbortController | undefined;
  points: SweepPointResult[] = [];
  settings: SweepSettings | undefined;
  private exact: { T: number[]; m: (number | null)[]; c: (number | null)[]; cInf: (number | null)[] } = { T: [], m: [], c: [], cInf: [] };
  private readonly charts: Record<Plotted, Chart>;
  /** The model of the curves shown: its T_c is marked, and only the Ising model has exact curves. */
  private model: { model: LabModel; q: number; lattice: Lattice; lambda?: number } = { model: 'ising', q: 2, lattice: 'square' };

  constructor(
    containers: Record<Plotted, HTMLElement>,
    private readonly board: ChartBoard,
  ) {
    const marker = verticalMarker(() => criticalTemperatureOf(this.model), 'Tc');
    const x = axis('T');
    const make = (key: Plotted, label: string, series: uPlot.Series[], colours: (string | undefined)[]) =>
      this.board.add(new Chart(containers[key], {
        scales: { x: { time: false } },
        series: [{ label: 'T' }, ...series],
        axes: [x, axis(label)],
        legend: { show: true },
        plugins: [marker, errorBars(colours)],
      }, 190));
    this.charts = {
      absMagnetization: make('absMagnetization', '<|m|>', [pointSeries('measured', COLOURS.points), lineSeries('Onsager (L = ∞)', COLOURS.exact)], [undefined, COLOURS.points]),
      susceptibility: make('susceptibility', 'χ', [pointSeries('measured', COLOURS.points)], [undefined, COLOURS.points]),
      specificHeat: make('specificHeat', 'c', [pointSeries('measured', COLOURS.points), lineSeries('exact, this L (Kaufman)', COLOURS.exact), lineSeries('Onsager (L = ∞)', COLOURS.exactInfinite, 'y', [4, 4])], [undefined, COLOURS.points]),
      binder: make('binder', 'U4', [pointSeries('measured', COLOURS.points), lineSeries('U4* at Tc (L = ∞)', COLOURS.marker, 'y', [4, 4])], [undefined, COLOURS.points]),
    };
  }

  get busy(): boolean {
    return this.controller !== undefined;
  }

  /** Runs a sweep; `onPoint` after each point, `onProgress` with the fraction done. Resolves with the state. */
  async run(settings: SweepSettings, onProgress: (fraction: number, done: number, total: number) => void): Promise<'completed' | 'aborted' | 'failed'> {
    const temperatures = checkSweepSettings(settings);
    if (this.controller) throw new Error('a sweep is already running');
    const controller = new AbortController();
    this.controller = controller;
    this.settings = settings;
    this.points = [];
    this.redraw();
    try {
      await this.computeExact(settings);
      // leave a core to the live lattice and one to the page (with two cores or fewer the page pauses the live run)
      this.pool ??= await sharedPool();
      const model = settings.model === 'ising' ? {} : { model: settings.model, ...libraryParameters(settings) };
      const jobs = planSweep({ temperatures, sizes: [settings.size], options: { ...model, ...(settings.lattice === 'square' ? {} : { lattice: settings.lattice }), algorithm: settings.algorithm, start: 'cold' }, seed: settings.seed, thermalize: Math.round(settings.sweeps / 10), sweeps: settings.sweeps });
      const done = jobs.map(() => 0);
      const total = jobs.reduce((sum, j) => sum + (j.thermalize ?? 0) + j.sweeps, 0);
      let finished = 0;
      const outcomes = await Promise.all(jobs.map(async (job, i) => {
        const run = await this.pool!.run([job], {
          signal: controller.signal,
          onProgress: (p) => {
            done[i] = p.sweepsDone;
            onProgress(done.reduce((a, b) => a + b, 0) / total, finished, jobs.length);
          },
        });
        const task = run.tasks[0];
        if (task.state === 'completed') {
          finished++;
          this.points.push(pointOf(job, task.result, settings.size, exactCurvesOf(settings)));
          this.points.sort((a, b) => a.temperature - b.temperature);
          this.redraw();
        } else if (task.state === 'failed') {
          throw task.error;
        }
        return task.state;
      }));
      onProgress(1, finished, jobs.length);
      return outcomes.every((s) => s === 'completed') ? 'completed' : 'aborted';
    } finally {
      this.controller = undefined;
    }
  }

  /** Shows the exact curves of a sweep before it runs (and the points of none). */
  async preview(settings: SweepSettings): Promise<void> {
    checkSweepSettings(settings);
    if (this.controller) return;
    this.points = [];
    await this.computeExact(settings);
    this.redraw();
  }

  stop(): void {
    this.controller?.abort();
  }

  /** The exact curves over the sweep's range (Ising; none for Potts), a few temperatures per task. */
  private async computeExact(s: SweepSettings): Promise<void> {
    this.model = { model: s.model, q: s.q, lattice: s.lattice, lambda: s.lambda };
    if (!exactCurvesOf(s)) {
      this.exact = { T: [], m: [], c: [], cInf: [] };
      return;
    }
    const n = 120;
    const lo = Math.max(0.05, s.from - 0.05);
    const hi = s.to + 0.05;
    const exact: typeof this.exact = { T: [], m: [], c: [], cInf: [] };
    for (let j = 0; j <= n; j++) {
      const T = lo + ((hi - lo) * j) / n;
      const finite = (x: number) => (Number.isFinite(x) ? x : null);
      exact.T.push(T);
      exact.m.push(onsagerMagnetization(T));
      exact.c.push(finite(finiteLatticeExact(s.size, T).specificHeat));
      exact.cInf.push(Math.abs(T - CRITICAL_TEMPERATURE) < 1e-3 ? null : finite(onsagerSpecificHeat(T)));
      if (j % 10 === 9) await nextTask();
    }
    this.exact = exact;
  }

  private redraw(): void {
    const T = this.points.map((p) => p.temperature);
    const exactT = this.exact.T;
    const show = (key: Plotted, tables: uPlot.AlignedData[]) => {
      const data = join([[T, this.points.map((p) => p[key].mean)], ...tables]);
      // the error of each measured point, at its place on the joined x axis
      const at = new Map(this.points.map((p) => [p.temperature, p[key].error]));
      this.board.update(this.charts[key], data, [null, Array.from(data[0], (t) => at.get(t) ?? null)]);
    };
    show('absMagnetization', [[exactT, this.exact.m]]);
    show('susceptibility', []);
    show('specificHeat', [[exactT, this.exact.c], [exactT, this.exact.cInf]]);
    show('binder', [[exactT, exactT.map(() => BINDER_CRITICAL)]]);
    // the exact series (index 2 on) are the Ising model's: switched off (and struck through in the legend) for Potts
    const ising = exactCurvesOf(this.model);
    for (const key of OBSERVABLES) {
      const plot = this.charts[key].plot;
      if (!plot) continue;
      for (let i = 2; i < plot.series.length; i++) if (plot.series[i].show !== ising) plot.setSeries(i, { show: ising });
    }
  }

  /** The points as CSV (one row per temperature). */
  csv(): string {
    const head = 'T,absMagnetization,absMagnetization_error,susceptibility,susceptibility_error,specificHeat,specificHeat_error,binder,binder_error,energy,energy_error,exact_energy,exact_specificHeat';
    const rows = this.points.map((p) => [p.temperature, ...(['absMagnetization', 'susceptibility', 'specificHeat', 'binder', 'energy'] as const).flatMap((k) => [p[k].mean, p[k].error]), p.exactEnergy, p.exactSpecificHeat].join(','));
    return [`# criticality temperature sweep: ${JSON.stringify(this.settings)}`, head, ...rows].join('\n') + '\n';
  }

  dispose(): Promise<void> {
    this.stop();
    return this.pool?.dispose() ?? Promise.resolve();
  }
}
