/** Messages between the page and the surface worker (demo/src/surface.worker.ts), and the colour scale of heights both use. */

export type ToSurface =
  | { type: 'init'; canvas: OffscreenCanvas; width: number; height: number }
  /** A height field F[j][i] over x[i], y[j] (k_B T; null where nothing was sampled). */
  | { type: 'surface'; x: number[]; y: number[]; F: (number | null)[][] }
  | { type: 'view'; azimuth: number; elevation: number };

export type FromSurface = { type: 'rendered'; pixels: number; vertices: number } | { type: 'error'; message: string };

/** The colour of a height h in [0, 1] (RGB 0 .. 255): deep blue at the bottom of a well, through teal and green, to pale yellow on top. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [38, 30, 110],
  [33, 110, 160],
  [40, 170, 130],
  [170, 210, 80],
  [250, 240, 190],
];
export function heightColour(h: number): [number, number, number] {
  const stops = STOPS;
  const t = Math.min(1, Math.max(0, h)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(t));
  const f = t - k;
  return stops[k].map((c, n) => Math.round(c + (stops[k + 1][n] - c) * f)) as [number, number, number];
}
