/**
 * The control block shared by the main thread and the workers of one parallel lattice
 * (src/worker/parallel.ts, src/worker/packed-worker.ts): a SharedArrayBuffer of Int32 slots,
 * per-worker results and an error message, plus the barrier between half-sweeps.
 */

import { MAX_WORKERS } from '../vocabulary.js';

/** Largest number of workers on one lattice. */
export { MAX_WORKERS };

/** Int32 slots. */
export const CMD = 0; // incremented by the main thread for each command
export const DONE = 1; // workers finished with the current command
export const STOP = 2; // 1: workers leave their loop
export const ERROR = 3; // 1: a worker failed (message in the text area)
export const GEN = 4; // barrier generation
export const COUNT = 5; // workers arrived at the current barrier
export const SWEEPS = 6; // sweeps in the current command
export const RECORD = 7; // 1: record (B, M) per sweep
export const STATE = 8; // 4 words: generator state at the start of the command
export const STATE_OUT = 12; // 4 words: generator state at the end (written by worker 0)
export const BOND_OUT = 16; // + worker: change of the bond sum by that worker's rows (mod 2^32)
export const MAG_OUT = BOND_OUT + MAX_WORKERS; // + worker: change of the magnetization
export const NEXT = MAG_OUT + MAX_WORKERS; // tickets of the command's blocks of rows (reset to 0 by the main thread)
const INT_SLOTS = NEXT + 2; // an even count: the Float64 flips that follow start on 8 bytes
const FLIPS_AT = INT_SLOTS * 4; // Float64 per worker: flips
const TEXT_AT = FLIPS_AT + MAX_WORKERS * 8; // Uint16 x TEXT_LENGTH: error message
const TEXT_LENGTH = 512;
export const CONTROL_BYTES = TEXT_AT + TEXT_LENGTH * 2;

/** Typed views of one control block. */
export interface Control {
  readonly ints: Int32Array;
  readonly flips: Float64Array;
  readonly text: Uint16Array;
}

export function controlViews(buffer: SharedArrayBuffer): Control {
  return {
    ints: new Int32Array(buffer, 0, INT_SLOTS),
    flips: new Float64Array(buffer, FLIPS_AT, MAX_WORKERS),
    text: new Uint16Array(buffer, TEXT_AT, TEXT_LENGTH),
  };
}

export function writeError(control: Control, message: string): void {
  const text = message.slice(0, TEXT_LENGTH - 1);
  for (let i = 0; i < text.length; i++) control.text[i] = text.charCodeAt(i);
  control.text[text.length] = 0;
  Atomics.store(control.ints, ERROR, 1);
}

export function readError(control: Control): string {
  let out = '';
  for (let i = 0; i < TEXT_LENGTH && control.text[i] !== 0; i++) out += String.fromCharCode(control.text[i]);
  return out;
}

/** Thrown in a worker waiting at a barrier when another worker failed. */
export class PeerFailed extends Error {}

/** Spins before sleeping at a barrier: a half-sweep of a large lattice ends within microseconds of the others. */
const SPINS = 20000;

/**
 * Generation barrier for `parties` workers. The last to arrive resets the count and bumps the
 * generation; the others spin briefly, then sleep until it changes.
 */
export function barrier(ints: Int32Array, parties: number): void {
  const gen = Atomics.load(ints, GEN);
  if (Atomics.add(ints, COUNT, 1) === parties - 1) {
    Atomics.store(ints, COUNT, 0);
    Atomics.add(ints, GEN, 1);
    Atomics.notify(ints, GEN);
    return;
  }
  for (let i = 0; i < SPINS && Atomics.load(ints, GEN) === gen; i++);
  while (Atomics.load(ints, GEN) === gen) Atomics.wait(ints, GEN, gen);
  if (Atomics.load(ints, ERROR) !== 0) throw new PeerFailed('another worker failed');
}

/** Releases every worker waiting at a barrier (after an error). */
export function breakBarrier(ints: Int32Array): void {
  Atomics.add(ints, GEN, 1);
  Atomics.notify(ints, GEN);
}

/**
 * Takes the next ticket below `limit` (compare-and-exchange, so that no ticket past the limit is
 * ever taken from the half-sweep that follows); -1 when they are all taken.
 */
export function takeTicket(ints: Int32Array, limit: number): number {
  for (;;) {
    const t = Atomics.load(ints, NEXT);
    if (t >= limit) return -1;
    if (Atomics.compareExchange(ints, NEXT, t, t + 1) === t) return t;
  }
}
