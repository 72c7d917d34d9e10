/**
 * The first-order view of the laboratory (Potts model): the double-peaked P(e) at the finite-lattice
 * transition with the latent heat, from a multicanonical run, and a hysteresis loop (heat, then
 * cool) drawn point by point as it is measured. Both run in the first-order worker
 * (first-order.worker.ts), one job at a time; Stop ends the worker (a new one starts with the next
 * job). With the Ising model the view says what it needs and its buttons are disabled. The page
 * hears when a job starts and ends (to pause the live run meanwhile on small devices).
 */
import { pottsTransition, type Algorithm, type HysteresisPoint, type Observable } from 'criticality';
import type { MulticanonicalSummary } from './analysis.js';
import { defaultRamp, rampTemperatures } from './first-order-settings.js';
import { axis, Chart, COLOURS, lineSeries, verticalMarker, type ChartBoard } from './plots.js';
import type { FromFirstOrder, ToFirstOrder } from './protocol.js';
import type { LabState } from './state.js';

/** "mean ± error" with the error to two significant digits. */
function formatObservable(o: Observable | undefined, digits = 4): string {
  if (!o || !Number.isFinite(o.mean)) return '-';
  if (!(o.error > 0)) return o.mean.toFixed(digits);
  const decimals = Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(o.error))));
  return `${o.mean.toFixed(decimals)} ± ${o.error.toFixed(decimals)}`;
}

type Elements = (id: string) => HTMLElement;

export interface FirstOrderHooks {
  notify(title: string, lines: string[]): void;
  /** A job started. */
  started(): void;
  /** The job ended: done, failed or stopped. */
  finished(): void;
}

export class FirstOrderPanel {
  private worker: Worker | undefined;
  private jobId = 0;
  private job: 'multicanonical' | 'hysteresis' | undefined;
  private readonly pe: Chart;
  private readonly loopE: Chart;
  private readonly loopM: Chart;
  /** The exact coexisting energies of the current q (markers on P(e)); absent for q <= 4. */
  private exactEnergies: { ordered: number; disordered: number } | undefined;
  private transition = NaN;
  /** The ramp being drawn: temperatures, and each branch's e and m per temperature (null until measured). */
  private ramp: { temperatures: number[]; heatE: (number | null)[]; coolE: (number | null)[]; heatM: (number | null)[]; coolM: (number | null)[]; done: number; started: number; shownAt: number } | undefined;
  /** The last multicanonical result (for tests and the export of the page state). */
  lastMulticanonical: MulticanonicalSummary | undefined;
  /** Points of the last ramp received. */
  rampPoints = 0;

  constructor(
    private readonly $: Elements,
    private readonly board: ChartBoard,
    private readonly hooks: FirstOrderHooks,
  ) {
    this.pe = board.add(new Chart($('chart-pe'), {
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max * 1.05 || 1] } },
      series: [{ label: 'e' }, lineSeries('P(e)', COLOURS.energy)],
      axes: [axis('energy per site e'), axis('P(e)')],
      plugins: [verticalMarker(() => this.exactEnergies?.ordered, 'e_o (L = ∞)', COLOURS.exact), verticalMarker(() => this.exactEnergies?.disordered, 'e_d', COLOURS.exact)],
    }, 200));
    const loop = (id: string, label: string, y: string) =>
      board.add(new Chart($(id), {
        scales: { x: { time: false } },
        series: [{ label: 'T' }, { ...lineSeries(`${y} heating`, COLOURS.energy), points: { show: true, size: 5 } }, { ...lineSeries(`${y} cooling`, COLOURS.magnetization), points: { show: true, size: 5 } }],
        axes: [axis('temperature T'), axis(label)],
        plugins: [verticalMarker(() => this.transition, 'T_t (L = ∞)')],
      }, 170));
    this.loopE = loop('chart-hy-e', 'energy per site e', 'e');
    this.loopM = loop('chart-hy-m', 'order parameter m', 'm');
  }

  /**
   * Follows the live model: the view is enabled for Potts (with its default ramp around T_c when q
   * changes), disabled with a note for Ising; a change of model or q stops a running job.
   */
  showModel(state: LabState): void {
    const potts = state.model === 'potts';
    const $ = this.$;
    $('first-order').dataset.model = state.model;
    $('fo-note').hidden = potts;
    // a job of another model or q would be shown next to this one's exact values: it stops
    if (this.job && (!potts || pottsTransition(state.q).temperature !== this.transition)) this.stop();
    if (!this.job) for (const id of ['mc-run', 'hy-run']) ($(id) as HTMLButtonElement).disabled = !potts;
    if (!potts) return;
    const t = pottsTransition(state.q);
    if (t.temperature !== this.transition) {
      this.transition = t.temperature;
      this.exactEnergies = t.latentHeat > 0 ? { ordered: t.orderedEnergy, disordered: t.disorderedEnergy } : undefined;
      const ramp = defaultRamp(state.q);
      ($('hy-from') as HTMLInputElement).value = String(ramp.from);
      ($('hy-to') as HTMLInputElement).value = String(ramp.to);
      ($('hy-step') as HTMLInputElement).value = String(ramp.step);
      this.$('mc-exact').textContent = t.latentHeat.toFixed(4);
      this.$('mc-exact-t').textContent = t.temperature.toFixed(4);
    }
  }

  private post(message: ToFirstOrder, job: 'multicanonical' | 'hysteresis', onMessage: (message: FromFirstOrder) => void): void {
    this.stop();
    const worker = new Worker(new URL('./first-order.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.job = job;
    this.buttons(true);
    this.hooks.started();
    worker.addEventListener('message', (event: MessageEvent<FromFirstOrder>) => {
      if (event.data.id !== message.id || this.worker !== worker) return;
      if (event.data.type === 'error') {
        this.finish();
        this.hooks.notify(`The ${job === 'multicanonical' ? 'multicanonical run' : 'hysteresis loop'} could not run.`, [event.data.message]);
        this.$(job === 'multicanonical' ? 'mc-status' : 'hy-status').textContent = `Not run: ${event.data.message}`;
        return;
      }
      onMessage(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.worker !== worker) return;
      this.finish();
      this.hooks.notify('The first-order worker stopped.', [event.message || 'it could not be loaded']);
    });
    worker.postMessage(message);
  }

  private buttons(running: boolean): void {
    for (const id of ['mc-run', 'hy-run']) (this.$(id) as HTMLButtonElement).disabled = running;
    (this.$('mc-stop') as HTMLButtonElement).disabled = !(running && this.job === 'multicanonical');
    (this.$('hy-stop') as HTMLButtonElement).disabled = !(running && this.job === 'hysteresis');
  }

  /** The job ended (done, failed or stopped): the worker ends, the buttons return. */
  private finish(): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = undefined;
    this.job = undefined;
    this.buttons(false);
    this.hooks.finished();
  }

  /** Stops the running job, if any (its worker ends; what was drawn stays). */
  stop(): void {
    if (!this.worker) return;
    const job = this.job;
    this.finish();
    if (job === 'multicanonical') this.$('mc-status').textContent = 'Stopped.';
    if (job === 'hysteresis' && this.ramp) this.$('hy-status').textContent = `Stopped after ${this.ramp.done} of ${2 * this.ramp.temperatures.length} points.`;
  }

  /** A multicanonical run of the Potts model of `state` at size L. */
  runMulticanonical(state: LabState, size: number): void {
    const id = ++this.jobId;
    const t0 = performance.now();
    const status = this.$('mc-status');
    status.textContent = `running: Wang-Landau weights, then production (q = ${state.q}, L = ${size}, h = 0${state.field !== 0 ? ': the multicanonical run is at zero field, whatever the live h' : ''})…`;
    const timer = setInterval(() => {
      if (this.job === 'multicanonical' && this.jobId === id) status.textContent = `running: Wang-Landau weights, then production (q = ${state.q}, L = ${size}, h = 0), ${((performance.now() - t0) / 1000).toFixed(0)} s…`;
      else clearInterval(timer);
    }, 1000);
    this.post({ type: 'multicanonical', id, q: state.q, size, seed: state.seed, backend: state.backend }, 'multicanonical', (message) => {
      if (message.type !== 'multicanonical') return;
      clearInterval(timer);
      this.finish();
      this.showMulticanonical(message.summary);
    });
  }

  private showMulticanonical(r: MulticanonicalSummary): void {
    this.lastMulticanonical = r;
    const $ = this.$;
    if (r.distribution) this.board.update(this.pe, [r.distribution.e, r.distribution.p]);
    $('mc-tw').textContent = r.temperature ? formatObservable(r.temperature) : 'not found';
    $('mc-latent').textContent = r.verdict.doublePeak ? formatObservable(r.latentHeat) : '0 (not resolved)';
    $('mc-tunnel').textContent = String(r.tunnelings);
    const at = r.point ? ` P(e) at T_t(L), the ${r.point} point.` : ' No double peak in the reweighting range.';
    const peaks = r.peaks ? ` Peaks at e_o = ${formatObservable(r.peaks.ordered)} and e_d = ${formatObservable(r.peaks.disordered)}.` : '';
    const verdict = r.verdict.doublePeak ? '' : ` Latent heat not resolved: ${r.verdict.reason}.`;
    $('mc-status').textContent = `Done in ${r.seconds.toFixed(1)} s: q = ${r.q}, L = ${r.size}, h = 0.${at}${peaks}${verdict}${r.warnings.length > 0 ? ` Note: ${r.warnings.join('; ')}` : ''}`;
  }

  /** A hysteresis ramp of the Potts model of `state` (its algorithm, field, seed and backend) at size L; throws a plain message for bad settings. */
  runHysteresis(state: LabState, size: number, from: number, to: number, step: number, sweeps: number, algorithm: Algorithm): void {
    if (!Number.isSafeInteger(sweeps) || sweeps < 1 || sweeps > 1_000_000) throw new Error(`sweeps per temperature must be a whole number from 1 to 1000000 (got ${sweeps})`);
    const temperatures = rampTemperatures(from, to, step);
    const id = ++this.jobId;
    const blank = () => temperatures.map(() => null);
    this.ramp = { temperatures, heatE: blank(), coolE: blank(), heatM: blank(), coolM: blank(), done: 0, started: performance.now(), shownAt: 0 };
    this.rampPoints = 0;
    this.drawRamp();
    (this.$('hy-progress') as HTMLProgressElement).value = 0;
    this.$('hy-area-e').textContent = '-';
    this.$('hy-area-m').textContent = '-';
    this.$('hy-status').textContent = 'heating…';
    this.post({ type: 'hysteresis', id, q: state.q, size, algorithm, seed: state.seed, backend: state.backend, field: state.field, temperatures, sweeps }, 'hysteresis', (message) => {
      if (message.type === 'hysteresis-point') this.addPoint(message.point);
      else if (message.type === 'hysteresis-done') {
        this.finish();
        (this.$('hy-progress') as HTMLProgressElement).value = 1;
        this.$('hy-area-e').textContent = formatObservable(message.loopArea.energy);
        this.$('hy-area-m').textContent = formatObservable(message.loopArea.orderParameter);
        this.$('hy-status').textContent = `Done: ${2 * temperatures.length} points, L = ${size}, q = ${state.q}, ${sweeps} ${algorithm} steps each${state.field !== 0 ? `, h = ${state.field}` : ''}, in ${message.seconds.toFixed(1)} s.`;
      }
    });
  }

  private addPoint(point: HysteresisPoint): void {
    const ramp = this.ramp;
    if (!ramp) return;
    const heating = point.branch === 'heating';
    (heating ? ramp.heatE : ramp.coolE)[point.index] = point.energy;
    (heating ? ramp.heatM : ramp.coolM)[point.index] = point.orderParameter;
    ramp.done++;
    this.rampPoints = ramp.done;
    // the charts redraw one per animation frame (ChartBoard); the progress and status at most 10 times a second
    this.drawRamp();
    const now = performance.now();
    if (now - ramp.shownAt < 100) return;
    ramp.shownAt = now;
    const total = 2 * ramp.temperatures.length;
    (this.$('hy-progress') as HTMLProgressElement).value = ramp.done / total;
    this.$('hy-status').textContent = `${heating ? 'heating' : 'cooling'}: T = ${point.temperature.toFixed(4)}, ${ramp.done} of ${total} points, ${((now - ramp.started) / 1000).toFixed(1)} s`;
  }

  private drawRamp(): void {
    const r = this.ramp;
    if (!r) return;
    this.board.update(this.loopE, [r.temperatures, r.heatE, r.coolE] as never);
    this.board.update(this.loopM, [r.temperatures, r.heatM, r.coolM] as never);
  }
}
