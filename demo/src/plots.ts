/**
 * The laboratory's charts, drawn by uPlot: small builders for the kinds of chart on the page
 * (lines over time, bars, points with error bars next to exact curves), two plugins (error bars;
 * a marked temperature such as Tc) and a scheduler that applies one data update per animation
 * frame, to charts on screen only, so that redrawing never makes a long task on the main thread.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const COLOURS = {
  energy: '#c8553d',
  magnetization: '#2f6690',
  binder: '#7b5ea7',
  fit: '#e09f3e',
  exact: '#3a7d44',
  exactInfinite: '#9bbf9f',
  marker: '#8d99ae',
  points: '#1d3557',
} as const;

/** Errors per series index (null or missing: none), aligned with the chart's data. */
export type SeriesErrors = readonly (ArrayLike<number | null | undefined> | null | undefined)[];

/** The errors of the data each chart shows, set together with the data by {@link ChartBoard}. */
const errorsOf = new WeakMap<uPlot, SeriesErrors>();

/** Draws a vertical error bar y +- error at every point of the series that have errors. */
export function errorBars(colours: readonly (string | undefined)[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const all = errorsOf.get(u) ?? [];
          const ctx = u.ctx;
          ctx.save();
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          const cap = 3 * devicePixelRatio;
          for (let i = 1; i < u.series.length; i++) {
            const err = all[i];
            const series = u.series[i];
            if (!err || !series.show || !series.scale) continue;
            ctx.strokeStyle = colours[i] ?? '#333';
            ctx.beginPath();
            const xs = u.data[0];
            const ys = u.data[i];
            for (let j = 0; j < xs.length; j++) {
              const y = ys[j];
              const e = err[j];
              if (y == null || e == null || !Number.isFinite(e)) continue;
              const px = u.valToPos(xs[j], 'x', true);
              const top = u.valToPos(y + e, series.scale, true);
              const bottom = u.valToPos(y - e, series.scale, true);
              ctx.moveTo(px, top);
              ctx.lineTo(px, bottom);
              ctx.moveTo(px - cap, top);
              ctx.lineTo(px + cap, top);
              ctx.moveTo(px - cap, bottom);
              ctx.lineTo(px + cap, bottom);
            }
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

/** A dashed vertical line with a label at x = `at()` (e.g. Tc, or the current temperature). */
export function verticalMarker(at: () => number | undefined, label: string, colour: string = COLOURS.marker): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const x = at();
          if (x === undefined || !Number.isFinite(x)) return;
          const px = u.valToPos(x, 'x', true);
          const { top, height, left, width } = u.bbox;
          if (px < left || px > left + width) return;
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = colour;
          ctx.fillStyle = colour;
          ctx.lineWidth = devicePixelRatio;
          ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
          ctx.beginPath();
          ctx.moveTo(px, top);
          ctx.lineTo(px, top + height);
          ctx.stroke();
          ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
          ctx.fillText(label, px + 4 * devicePixelRatio, top + 12 * devicePixelRatio);
          ctx.restore();
        },
      ],
    },
  };
}

/** Series drawn as points only. */
export function pointSeries(label: string, colour: string, scale = 'y'): uPlot.Series {
  return { label, stroke: colour, fill: colour, scale, paths: () => null, points: { show: true, size: 6, stroke: colour, fill: colour } };
}

/** Series drawn as a line. */
export function lineSeries(label: string, colour: string, scale = 'y', dash?: number[]): uPlot.Series {
  return { label, stroke: colour, scale, width: 1.5, spanGaps: false, points: { show: false }, ...(dash ? { dash } : {}) };
}

/** Series drawn as bars. */
export function barSeries(label: string, colour: string): uPlot.Series {
  return { label, stroke: colour, fill: `${colour}66`, paths: uPlot.paths.bars!({ size: [0.92, Infinity] }), points: { show: false } };
}

const AXIS = { stroke: '#4a5568', grid: { stroke: '#e6e9f0', width: 1 }, ticks: { stroke: '#cbd2dd', width: 1 } };

/** An axis with a label (side 1 puts it on the right). */
export function axis(label: string, scale?: string, side?: 1 | 3): uPlot.Axis {
  return { ...AXIS, label, labelSize: 20, ...(scale ? { scale } : {}), ...(side ? { side, grid: { show: side === 3 } } : {}) };
}

/**
 * A chart in a container: made when it first scrolls into view (IntersectionObserver), sized to
 * the container's width (ResizeObserver); data updates are queued and applied by the
 * {@link ChartBoard} while the chart is on screen.
 */
export class Chart {
  plot: uPlot | undefined;
  pending: { data: uPlot.AlignedData; errors: SeriesErrors } | undefined;
  visible = false;
  /** Called when the chart comes into view. */
  onVisible: (() => void) | undefined;

  constructor(
    readonly container: HTMLElement,
    private readonly options: Omit<uPlot.Options, 'width' | 'height'>,
    readonly height = 220,
  ) {
    // a fixed box (the plot and up to two lines of legend): redrawing never lays out the rest of the page
    container.style.height = `${height + (options.legend?.show === false ? 6 : 50)}px`;
    container.style.contain = 'strict';
    new IntersectionObserver((entries) => {
      this.visible = entries[entries.length - 1].isIntersecting;
      if (this.visible) this.onVisible?.();
    }).observe(container);
  }

  /** Makes the uPlot instance (on first use). */
  ensure(): uPlot {
    if (this.plot) return this.plot;
    const empty = this.options.series.map(() => []) as unknown as uPlot.AlignedData;
    // a legend of names only: values under the cursor would redraw it on every mouse move
    const legend = { live: false, ...this.options.legend };
    const plot = new uPlot({ ...this.options, legend, width: Math.max(200, this.container.clientWidth), height: this.height }, empty, this.container);
    new ResizeObserver(() => {
      const width = Math.max(200, this.container.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height: this.height });
    }).observe(this.container);
    return (this.plot = plot);
  }
}

/**
 * Makes charts and applies their queued data, one chart per animation frame and only charts on
 * screen (a chart off screen keeps its latest data until it scrolls into view): redrawing stays
 * a small part of each frame on the main thread.
 */
export class ChartBoard {
  private readonly queue = new Set<Chart>();
  private readonly charts: Chart[] = [];
  private scheduled = false;

  /** Lets the board make `chart` when it scrolls into view (or in {@link prepare}). */
  add(chart: Chart): Chart {
    this.charts.push(chart);
    chart.onVisible = () => this.enqueue(chart);
    if (chart.visible) this.enqueue(chart);
    return chart;
  }

  /** Makes every chart not made yet, one per task (at startup, so that scrolling later costs no chart creation). */
  async prepare(): Promise<void> {
    for (const chart of this.charts) {
      if (chart.plot) continue;
      chart.ensure();
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Shows `data` (with the error bars `errors`, by series index) when the chart's turn comes. */
  update(chart: Chart, data: uPlot.AlignedData, errors: SeriesErrors = []): void {
    chart.pending = { data, errors };
    if (!chart.onVisible) this.add(chart);
    else if (chart.visible) this.enqueue(chart);
  }

  private enqueue(chart: Chart): void {
    this.queue.add(chart);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.queue.size === 0) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const chart = this.queue.values().next().value!;
      this.queue.delete(chart);
      if (chart.visible) {
        const plot = chart.ensure();
        const pending = chart.pending;
        chart.pending = undefined;
        if (pending) {
          errorsOf.set(plot, pending.errors);
          plot.setData(pending.data);
        }
      }
      this.schedule();
    });
  }
}

/** Aligns tables that have their own x values onto one x (missing values undefined: not drawn, not breaking lines). */
export function join(tables: uPlot.AlignedData[]): uPlot.AlignedData {
  // mode 1 (retain): nulls written by the caller stay nulls and break lines
  return uPlot.join(tables, tables.map((t) => t.slice(1).map(() => 1 as uPlot.JoinNullMode)));
}
