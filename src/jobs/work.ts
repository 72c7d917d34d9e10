/** Progress of work done in chunks: the vocabulary shared by the measuring run, the job runner and workers. */

/** Where a run stands. */
export interface JobProgress {
  /** 'thermalize' while discarding sweeps, 'measure' while recording, 'sweep' for plain sweeps (a worker's sweep(n)), 'done' when complete. */
  phase: 'thermalize' | 'measure' | 'sweep' | 'done';
  /** Sweeps done in total (thermalization plus recorded), over every call that worked on this run. */
  sweepsDone: number;
  /** thermalize + sweeps. */
  sweepsTotal: number;
  /** Sweeps done by this call. */
  sweepsThisCall: number;
  /** Wall time of this call so far, ms. */
  elapsedMs: number;
  /** Speed of this call, sweeps per second (NaN before the first chunk). */
  sweepsPerSecond: number;
  /** Estimated time to completion at that speed, ms (NaN when unknown, 0 when done). */
  etaMs: number;
}

/** Work done in chunks of steps: a measuring run (src/run.ts), or plain sweeps on a worker. */
export interface ChunkedWork {
  /** Sites of the lattice (sizes the first chunk). */
  readonly sites: number;
  /** Steps done and to do in total. */
  readonly done: number;
  readonly total: number;
  readonly phase: JobProgress['phase'];
  /** Work done so far in sweep equivalents (the runner times the work of each batch by differences). */
  readonly work: number;
  /** The most work one step can cost, in sweep equivalents (see maxStepWorkOf in src/cluster/step.ts): batches are sized so that even such steps fit. */
  readonly maxStepWork: number;
  /** Runs up to n steps (never across a phase boundary); returns how many ran. */
  advance(n: number): number;
  /** A checkpoint that continues this work. */
  checkpoint(): Uint8Array;
}
