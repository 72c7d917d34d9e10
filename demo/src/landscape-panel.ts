/**
 * The landscape view: the free energy F = -ln P of the order parameter from the live run, as a 3D
 * surface you can rotate (three.js in a worker of its own, demo/src/surface.worker.ts, created only
 * when this view first comes on screen), a heat map and a profile. For a vector order parameter
 * (Potts q >= 3 projected on the plane, clock, XY, Heisenberg) it is F(m_x, m_y) and the radial
 * profile F(|m|): the Mexican hat of XY, q wells for Potts and clock; for the one-component Ising m
 * it is F(m), the double well, drawn as a ribbon. The numbers come from the analysis worker
 * (LandscapeView, LandauView: the package's landauFreeEnergy).
 */
import { modelDefinition } from 'criticality';
import type { LandauView, LandscapeView } from './analysis.js';
import { axis, Chart, COLOURS, errorBars, lineSeries, pointSeries, type ChartBoard } from './plots.js';
import type { SeriesPlot } from './protocol.js';
import type { LabState } from './state.js';
import { heightColour, type FromSurface, type ToSurface } from './surface-protocol.js';

/** The surface is sent to the worker at most this often, ms (the heat map and profile follow every analysis). */
const SURFACE_EVERY_MS = 1000;
/** The ribbon of a one-component F(m): its half-width across, in units of the m range. */
const RIBBON = 0.18;

export interface LandscapeElements {
  section: HTMLElement;
  canvas: HTMLCanvasElement;
  map: HTMLCanvasElement;
  profile: HTMLElement;
  caption: HTMLElement;
  status: HTMLElement;
}

/** A height field for the surface and the heat map: F[j][i] at (x[i], y[j]), k_B T for the whole lattice. */
interface Field {
  x: number[];
  y: number[];
  F: (number | null)[][];
}

export class LandscapePanel {
  private worker: Worker | undefined;
  private readonly chart: Chart;
  private azimuth = 0.7;
  private elevation = 0.55;
  private field: Field | undefined;
  private sentAt = 0;
  private viewPending = false;
  /** Whether the view has come on screen (the worker and three.js are loaded from then on). */
  started = false;

  constructor(
    private readonly el: LandscapeElements,
    private readonly board: ChartBoard,
    private readonly notify: (title: string, lines?: string[]) => void,
  ) {
    this.chart = board.add(
      new Chart(
        el.profile,
        {
          scales: { x: { time: false } },
          series: [{ label: '|m|' }, pointSeries('F = −ln P', COLOURS.points), lineSeries('', COLOURS.fit)],
          axes: [axis('|m| (radial) or m'), axis('F / kT = −ln P')],
          legend: { show: false },
          plugins: [errorBars([undefined, COLOURS.points])],
        },
        220,
      ),
    );
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.start();
    }).observe(el.section);
    this.listen();
  }

  /** Loads the surface worker (and with it three.js), once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (typeof this.el.canvas.transferControlToOffscreen !== 'function') {
      this.el.status.textContent = 'This browser cannot draw in a worker (no OffscreenCanvas): the heat map and profile show the same data.';
      return;
    }
    const worker = new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.el.status.textContent = `The 3D view could not start (${event.message || 'its worker did not load'}); the heat map and profile show the same data.`;
    });
    worker.addEventListener('message', (event: MessageEvent<FromSurface>) => {
      const m = event.data;
      if (m.type === 'rendered') {
        this.el.canvas.dataset.pixels = String(m.pixels);
        this.el.canvas.dataset.vertices = String(m.vertices);
        if (m.vertices > 0) this.el.status.textContent = `Surface: ${m.vertices} grid points, smoothed over 3 × 3 cells; never-visited cells (F higher than anything sampled) stand at the top. Drag it, or focus it and use the arrow keys, to turn it.`;
      } else {
        this.notify('The 3D view reported a problem; the heat map and profile still work.', [m.message]);
      }
    });
    const { width, height } = this.el.canvas;
    const offscreen = this.el.canvas.transferControlToOffscreen();
    this.post({ type: 'init', canvas: offscreen, width, height }, [offscreen]);
    if (this.field) this.sendSurface();
  }

  private post(message: ToSurface, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  /** Dragging and the arrow keys turn the surface (one view message per animation frame at most). */
  private listen(): void {
    const canvas = this.el.canvas;
    let drag: { x: number; y: number } | undefined;
    const turn = (dAzimuth: number, dElevation: number) => {
      this.azimuth += dAzimuth;
      this.elevation = Math.min(1.45, Math.max(0.05, this.elevation + dElevation));
      if (this.viewPending) return;
      this.viewPending = true;
      requestAnimationFrame(() => {
        this.viewPending = false;
        this.post({ type: 'view', azimuth: this.azimuth, elevation: this.elevation });
      });
    };
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag) return;
      turn(-(e.clientX - drag.x) * 0.01, (e.clientY - drag.y) * 0.01);
      drag = { x: e.clientX, y: e.clientY };
    });
    canvas.addEventListener('pointerup', () => (drag = undefined));
    canvas.addEventListener('keydown', (e) => {
      const step = 0.12;
      const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      turn(...move);
    });
  }

  /** New analyses from the live run. */
  update(d: SeriesPlot, state: LabState): void {
    const field = d.landscape ? fromMap(d.landscape) : d.landau ? fromCurve(d.landau) : undefined;
    if (!field) return;
    const caption = captionOf(state, d.landscape ?? d.landau);
    if (this.el.caption.textContent !== caption) this.el.caption.textContent = caption;
    this.field = field;
    if (d.landscape) {
      const p = d.landscape.profile;
      this.board.update(this.chart, [p.x, p.F, p.x.map(() => null)], [null, p.error]);
    } else if (d.landau) {
      this.board.update(this.chart, [d.landau.x, d.landau.F, d.landau.x.map(() => null)], [null, d.landau.error]);
    }
    drawMap(this.el.map, field);
    if (performance.now() - this.sentAt >= SURFACE_EVERY_MS) this.sendSurface();
  }

  private sendSurface(): void {
    if (!this.worker || !this.field) return;
    this.sentAt = performance.now();
    this.post({ type: 'surface', ...this.field });
  }
}

/** A map F(m_x, m_y) as a field (rows m_y, columns m_x). */
function fromMap(view: LandscapeView): Field | undefined {
  if (!view.map) return undefined;
  return { x: view.map.x, y: view.map.x, F: view.map.F };
}

/** A one-component F(m) as a ribbon: the same profile along a short strip across. */
function fromCurve(view: LandauView): Field | undefined {
  if (view.x.length < 3) return undefined;
  const span = Math.max(...view.x.map(Math.abs)) || 1;
  const y = [-RIBBON * span, 0, RIBBON * span];
  return { x: view.x, y, F: y.map(() => view.F) };
}

/** The heat map of a field: one pixel per grid cell (scaled up by the page), white where nothing was sampled. */
function drawMap(canvas: HTMLCanvasElement, field: Field): void {
  const nx = field.x.length;
  const ny = field.y.length;
  if (canvas.width !== nx || canvas.height !== ny) Object.assign(canvas, { width: nx, height: ny });
  const image = new ImageData(nx, ny);
  let top = 0;
  for (const row of field.F) for (const f of row) if (f !== null && f > top) top = f;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const f = field.F[j][i];
      const [r, g, b] = f === null ? [255, 255, 255] : heightColour(f / (top || 1));
      // row j = m_y: drawn with m_y increasing upward
      image.data.set([r, g, b, 255], 4 * ((ny - 1 - j) * nx + i));
    }
  }
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

/** What the landscape of the live model shows, in a sentence. */
function captionOf(s: LabState, view: LandscapeView | LandauView | undefined): string {
  const shape = view ? ` The library's verdict: ${view.shape}.` : '';
  const title = modelDefinition(s.model).title;
  switch (s.model) {
    case 'ising':
      return `Ising: one component, F(m) drawn as a ribbon: one well above T_c, two below (the pencil that falls left or right).${shape}`;
    case 'potts':
      return s.q === 2
        ? `Potts q = 2 is the Ising model: F(m) along state 0, a ribbon.${shape}`
        : `Potts q = ${s.q}: F of M = Σ n_k (cos 2πk/q, sin 2πk/q)/N, q wells at the corners below T_c, one at 0 above; at a first-order T_c both at once.${shape}`;
    case 'clock':
      return `Clock q = ${s.q}: q wells at low T; for q ≥ 5, between the two transitions, a ring (the emergent symmetry of the XY model).${shape}`;
    case 'xy':
      return `XY: F(m_x, m_y) is the Mexican hat below T_BKT on a finite lattice (a ring of equal minima around a crown); one well above.${shape}`;
    case 'heisenberg':
      return `Heisenberg: the map of the projection (m_x, m_y) of M/N, the radial profile over |m| in three dimensions.${shape}`;
    default:
      return `${title}: F = −ln P of the order parameter.${shape}`;
  }
}
