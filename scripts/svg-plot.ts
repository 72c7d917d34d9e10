/**
 * A small SVG line plot for the figures of the docs (no dependencies): log or linear axes, series
 * of points with optional error bars, dashed fit lines, a legend; and the Landau map F(m_x, m_y) as
 * coloured cells. Used by the figure and validation scripts.
 */
import type { LandauResult } from '../src/index.js';

export interface Series {
  label: string;
  points: { x: number; y: number; error?: number }[];
  /** Draw as a dashed line without markers (fits). */
  dashed?: boolean;
}

export interface PlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  width?: number;
  height?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) if (10 ** e >= lo * 0.999 && 10 ** e <= hi * 1.001) out.push(10 ** e);
    return out.length >= 2 ? out : [lo, hi];
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4));
  const k = (hi - lo) / step > 20 ? 5 : (hi - lo) / step > 8 ? 2 : 1;
  const out: number[] = [];
  for (let v = Math.ceil(lo / (k * step)) * k * step; v <= hi + 1e-12; v += k * step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function plotSvg(series: Series[], o: PlotOptions): string {
  const W = o.width ?? 640;
  const H = o.height ?? 420;
  const m = { left: 70, right: 20, top: 36, bottom: 50 };
  const fx = (v: number) => (o.logX ? Math.log10(v) : v);
  const fy = (v: number) => (o.logY ? Math.log10(v) : v);
  const ok = (p: { x: number; y: number }) => Number.isFinite(fx(p.x)) && Number.isFinite(fy(p.y));
  const all = series.flatMap((s) => s.points.filter(ok));
  let [x0, x1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))];
  let [y0, y1] = [Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  if (!o.logY) {
    const pad = (y1 - y0) * 0.05 || 1;
    y0 -= pad;
    y1 += pad;
  }
  if (x0 === x1) x1 = x0 + 1;
  if (y0 === y1) y1 = y0 * 2 || 1;
  const X = (v: number) => m.left + ((fx(v) - fx(x0)) / (fx(x1) - fx(x0))) * (W - m.left - m.right);
  const Y = (v: number) => H - m.bottom - ((fy(v) - fy(y0)) / (fy(y1) - fy(y0))) * (H - m.top - m.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${o.title}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${W - m.left - m.right}" height="${H - m.top - m.bottom}" fill="none" stroke="#444"/>`,
  ];
  for (const t of ticks(x0, x1, o.logX ?? false)) out.push(`<line x1="${X(t)}" x2="${X(t)}" y1="${H - m.bottom}" y2="${H - m.bottom + 5}" stroke="#444"/><text x="${X(t)}" y="${H - m.bottom + 18}" text-anchor="middle">${Number(t.toPrecision(6))}</text>`);
  for (const t of ticks(y0, y1, o.logY ?? false)) out.push(`<line x1="${m.left - 5}" x2="${m.left}" y1="${Y(t)}" y2="${Y(t)}" stroke="#444"/><text x="${m.left - 8}" y="${Y(t) + 4}" text-anchor="end">${Number(t.toPrecision(6))}</text>`);
  out.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">${o.xLabel}</text>`);
  out.push(`<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">${o.yLabel}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.points.filter(ok).filter((p) => p.y >= y0 && p.y <= y1);
    if (pts.length === 0) return;
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="${s.dashed ? 1.2 : 1.5}"${s.dashed ? ' stroke-dasharray="5 4"' : ''} points="${pts.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ')}"/>`);
    if (!s.dashed) {
      for (const p of pts) {
        out.push(`<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="2.5" fill="${color}"/>`);
        if (p.error && p.error > 0) {
          const lo = Math.max(p.y - p.error, o.logY ? y0 : -Infinity);
          const hi = Math.min(p.y + p.error, y1);
          out.push(`<line x1="${X(p.x).toFixed(1)}" x2="${X(p.x).toFixed(1)}" y1="${Y(lo).toFixed(1)}" y2="${Y(hi).toFixed(1)}" stroke="${color}"/>`);
        }
      }
    }
    const ly = m.top + 16 + i * 16;
    out.push(`<line x1="${W - m.right - 190}" x2="${W - m.right - 170}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/><text x="${W - m.right - 165}" y="${ly}">${s.label}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** A Landau map F(m_x, m_y) (landau().map) as an SVG of coloured cells (yellow = lowest F, dark blue = highest visited; never visited: grey). */
export function landauMapSvg(map: NonNullable<LandauResult['map']>, title: string): string {
  const n = map.x.length;
  const cell = 10;
  const pad = 40;
  const values = map.F.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const rects: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const F = map.F[i][j];
      if (F === null) continue;
      const t = (F - lo) / (hi - lo || 1);
      // yellow (lowest F) to dark blue (highest F visited)
      const [r0, g0, b0] = [255, 225, 40];
      const [r1, g1, b1] = [25, 25, 110];
      const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
      // row i is m_x, column j is m_y; draw m_y upwards
      rects.push(`<rect x="${pad + i * cell}" y="${pad + (n - 1 - j) * cell}" width="${cell}" height="${cell}" fill="rgb(${mix(r0, r1)},${mix(g0, g1)},${mix(b0, b1)})"/>`);
    }
  }
  const w = 2 * pad + n * cell;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${w + 10}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="20" text-anchor="middle">${title}</text>
<rect x="${pad}" y="${pad}" width="${n * cell}" height="${n * cell}" fill="#d8d8d8"/>
${rects.join('\n')}
<rect x="${pad}" y="${pad}" width="${n * cell}" height="${n * cell}" fill="none" stroke="black"/>
<text x="${w / 2}" y="${w - 8}" text-anchor="middle">m_x from ${map.x[0].toFixed(2)} to ${map.x[n - 1].toFixed(2)}</text>
<text x="14" y="${w / 2}" text-anchor="middle" transform="rotate(-90 14 ${w / 2})">m_y</text>
</svg>
`;
}
