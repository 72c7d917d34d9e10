/**
 * Messages between the page and the view worker (demo/src/view.worker.ts). The page relays what
 * the simulation worker produces (records and bit-packed lattices, transferred, never copied); the
 * view worker draws the pictures, keeps the series and runs the analyses, and sends back
 * ImageBitmaps and small arrays for the plots.
 */
import type { HistogramView, LandauView, LiveEstimate, RgLevelView } from './analysis.js';

/** What the records and frames belong to. */
export interface RunTag {
  /** Changes when a new lattice is made (size, seed, start, quench): the time plot starts over. */
  lattice: number;
  /** Changes with every parameter change (T, h, algorithm) too: the averages start over. */
  epoch: number;
  size: number;
  temperature: number;
  field: number;
}

export type ToView =
  /** Per-step records (B, M) of the steps from `firstStep` + 1 on; `stepsPerSecond` paces the time plot. */
  | { type: 'records'; tag: RunTag; firstStep: number; records: Int32Array; stepsPerSecond: number }
  /** A lattice to draw (bits: src/spin-bits.ts layout), with cluster labels when they are shown. */
  | { type: 'frame'; tag: RunTag; bits: Uint8Array; labels?: Int32Array }
  /** Data of the current epoch for export. */
  | { type: 'export'; id: number; format: 'csv' | 'json' | 'png'; meta: Record<string, unknown> };

/** Pictures of one frame: the lattice and its block levels 1, 2, ... (majority rule, b = 2). */
export interface FramePictures {
  lattice: ImageBitmap;
  /** Linear size of the lattice shown, and of the picture (smaller when each pixel averages b x b spins). */
  size: number;
  picture: number;
  levels: { size: number; picture: number; bitmap: ImageBitmap }[];
}

/** Everything the plots and readouts show, sent a few times a second. */
export interface PlotData {
  lattice: number;
  epoch: number;
  time: { t: number[]; e: number[]; m: number[] };
  histogram?: HistogramView;
  landau?: LandauView;
  /** Why there is no Landau view yet. */
  landauNote?: string;
  rg?: RgLevelView[];
  rgSamples: number;
  energy?: LiveEstimate;
  absMagnetization?: LiveEstimate;
  /** Steps averaged since the last change. */
  samples: number;
}

export type FromView =
  | { type: 'pictures'; pictures: FramePictures }
  | { type: 'plots'; data: PlotData }
  | { type: 'export'; id: number; blob: Blob }
  | { type: 'error'; message: string };
