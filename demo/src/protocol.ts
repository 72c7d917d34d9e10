/**
 * Messages between the page and its two helper workers. The page relays what the simulation
 * worker produces, transferred, never copied: the per-step records to the analysis worker
 * (demo/src/analysis.worker.ts: series, estimates, P(m), F(m)), the bit-packed lattices to the
 * view worker (demo/src/view.worker.ts: pictures, block-spin pyramid, RG flow). Two workers, so
 * that a long analysis never holds up a picture. Both send back small arrays and ImageBitmaps.
 */
import type { HistogramView, LandauView, LandscapeView, LiveEstimate, MulticanonicalSummary, RgLevelView } from './analysis.js';
import type { Algorithm, FlowDirection, HysteresisPoint, Lattice, Observable } from 'criticality';
import type { LabModel } from './state.js';

/** Block levels the view worker draws next to the lattice (the page makes as many canvases). */
export const LEVELS_SHOWN = 4;

/** What the records and frames belong to. */
export interface RunTag {
  /** Changes when a new lattice is made (size, seed, start, quench): the time plot starts over. */
  lattice: number;
  /** Changes with every parameter change (T, h, algorithm) too: the averages start over. */
  epoch: number;
  /** The model (a change of model or q is a new lattice), which fixes the record layout and the picture. */
  model: LabModel;
  /** Potts states or clock angles (absent for the models without q). */
  q?: number;
  /** XY, Heisenberg, phi^4: over-relaxation sweeps per Metropolis sweep (absent for the other models). */
  overRelaxation?: number;
  /** phi^4: the quartic coupling (absent for the other models). */
  lambda?: number;
  /** The lattice geometry (square or cubic). */
  geometry: Lattice;
  size: number;
  temperature: number;
  field: number;
}

/** Whether `next` starts a new lattice, or new averages, after `current`. */
export function changes(current: RunTag | undefined, next: RunTag): { lattice: boolean; epoch: boolean } {
  const lattice = !current || next.lattice !== current.lattice;
  return { lattice, epoch: lattice || next.epoch !== current!.epoch };
}

export type ToAnalysis =
  /** Per-step records (Ising (B, M), Potts (Nb, n_0 .. n_{q-1})) of the steps from `firstStep` + 1 on; `stepsPerSecond` paces the time plot. */
  | { type: 'records'; tag: RunTag; firstStep: number; records: Int32Array | Float64Array; stepsPerSecond: number }
  /** The data of the current epoch, with the page's `meta` (parameters, RG flow) in the JSON. */
  | { type: 'export'; id: number; format: 'csv' | 'json'; meta: Record<string, unknown> };

export type ToView =
  /**
   * A lattice to draw, with cluster labels when they are shown: Ising spins one bit a site
   * (src/spin-bits.ts layout), Potts states one byte a site.
   */
  | { type: 'frame'; tag: RunTag; spins: Uint8Array | Int8Array | Float64Array; labels?: Int32Array }
  /** The plane of a cubic lattice shown as a slice (0 .. L - 1): redraws the last lattice. */
  | { type: 'plane'; plane: number }
  | { type: 'export'; id: number; format: 'png' };

/** Pictures of one frame: the lattice and its block levels 1, 2, ... (majority rule, b = 2). */
export interface FramePictures {
  lattice: ImageBitmap;
  /** Linear size of the lattice shown, and of the picture (smaller when each pixel averages b x b spins). */
  size: number;
  picture: number;
  /** Pixels per site of the picture (continuous spins are drawn larger, with their vortices marked). */
  scale: number;
  /** Whether the lattice picture colours the clusters of the last cluster update. */
  clusters: boolean;
  model: LabModel;
  /** Potts: the number of distinct states drawn, i.e. colours; clock: the number of angles (absent for the models without q). */
  q?: number;
  geometry: Lattice;
  /** Cubic lattices: the plane z shown as the slice, and the projection (the mean along z, L x L pixels). */
  plane?: number;
  projection?: ImageBitmap;
  /** XY and clock: vortices and antivortices in the picture. */
  vortices?: { vortices: number; antivortices: number };
  /**
   * Block levels 1, 2, ... (majority rule: of +-1 spins, or of the q Potts states; continuous spins: the
   * library's block spins, drawn as the lattice); of a cubic lattice, the slice z = `plane` of each.
   */
  levels: { size: number; picture: number; bitmap: ImageBitmap; plane?: number }[];
}

/** The RG flow of the current epoch. */
export interface RgPlot {
  lattice: number;
  epoch: number;
  levels: RgLevelView[];
  samples: number;
  /** Continuous spins: the library's verdict on the flow of g (flowDirection, then continuousDirection). */
  direction?: FlowDirection;
}

/** What the time, histogram and Landau plots and the readouts show, sent a few times a second. */
export interface SeriesPlot {
  lattice: number;
  epoch: number;
  time: { t: number[]; e: number[]; m: number[] };
  histogram?: HistogramView;
  landau?: LandauView;
  /** Models with a vector order parameter (Potts q >= 3, clock, XY, Heisenberg): F(m_x, m_y) and F(|m|). */
  landscape?: LandscapeView;
  /** Why there is no Landau view yet. */
  landauNote?: string;
  energy?: LiveEstimate;
  /** <|m|> (Ising) or <m> = <|M|> / N (Potts). */
  absMagnetization?: LiveEstimate;
  /** The phase check of the live averages (src/phases.ts, Ising): crossings between m > 0 and m < 0, and a warning when they fall short. */
  phases?: { tunnelings: number; warning?: string };
}

/** An export, or a failure. */
export type Exported = { type: 'export'; id: number; blob: Blob } | { type: 'error'; message: string };

export type FromAnalysis = { type: 'plots'; data: SeriesPlot } | Exported;
export type FromView = { type: 'pictures'; pictures: FramePictures; rg?: RgPlot } | Exported;

/** Work for the first-order worker (demo/src/first-order.worker.ts): one job at a time, each with its id. */
export type ToFirstOrder =
  /** A multicanonical run of the zero-field Potts model (library `multicanonical`, default temperatures and lengths). */
  | { type: 'multicanonical'; id: number; q: number; size: number; seed: number; backend: 'wasm' | 'js' }
  /** A heating-then-cooling ramp (library `hysteresis`), every point sent as it is measured. */
  | { type: 'hysteresis'; id: number; q: number; size: number; algorithm: Algorithm; seed: number; backend: 'wasm' | 'js'; field: number; temperatures: number[]; sweeps: number };

export type FromFirstOrder =
  | { type: 'multicanonical'; id: number; summary: MulticanonicalSummary }
  | { type: 'hysteresis-point'; id: number; point: HysteresisPoint }
  | { type: 'hysteresis-done'; id: number; loopArea: { energy: Observable; orderParameter: Observable }; seconds: number }
  | { type: 'error'; id: number; message: string };
