/**
 * Worker entry for one lattice across workers (Node worker_threads or a Web Worker): updates
 * blocks of vector rows (planes) of the shared packed lattice, taken by ticket, with barriers
 * between half-sweeps.
 * Receives one init message, instantiates the shared-memory core on the shared memory, says
 * 'ready', then serves commands from the control block (blocking on Atomics.wait) until STOP.
 */
import { parentPort } from '#platform';
import { packedExportsFor, type PackedCoreExports } from '../models/ising/packed-exports.js';
import type { Lattice } from '../vocabulary.js';
import {
  barrier,
  breakBarrier,
  controlViews,
  writeError,
  PeerFailed,
  BOND_OUT,
  CMD,
  DONE,
  MAG_OUT,
  RECORD,
  STATE,
  STATE_OUT,
  STOP,
  SWEEPS,
  takeTicket,
  type Control,
} from './control.js';

/** What the main thread sends once (src/worker/parallel.ts). */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** Int32 (B, M) per sweep, `capacity` per worker. */
  records: SharedArrayBuffer;
  capacity: number;
  size: number;
  /** The lattice geometry: the square kernel (vector rows) or the cubic one (planes). */
  geometry: Lattice;
  lattice: number;
  leaves: number;
  seeds: number;
  index: number;
  workers: number;
  /** Value of the command counter when the worker was created. */
  command: number;
  /** Vector rows (cubic: planes) of each colour, handed out in blocks of `block` (see run). */
  units: number;
  block: number;
}

/** The part of the core a worker calls (plus the generator state). */
type WorkerCore = PackedCoreExports & {
  rngSetState(a: number, b: number, c: number, d: number): void;
  rngGetState(k: number): number;
};

function run(core: WorkerCore, init: WorkerInit, control: Control, records: Int32Array): void {
  const { ints } = control;
  const sweeps = ints[SWEEPS];
  const record = ints[RECORD] !== 0;
  // without records the counters are not tracked: the main thread recounts when they are read
  const track = record ? 1 : 0;
  core.rngSetState(ints[STATE], ints[STATE + 1], ints[STATE + 2], ints[STATE + 3]);
  core.setPackedCounts(0, 0);
  let flips = 0;
  const at = init.index * init.capacity * 2;
  // Each half-sweep's rows are cut into blocks of `block`, handed out by ticket (half-sweep h owns
  // tickets [h n, (h + 1) n) of its n blocks): a worker whose core runs slower for a while takes
  // fewer. Which worker updates a row never changes what the row draws (its own lane generators),
  // nor the sums of the workers' counters.
  const blocks = Math.ceil(init.units / init.block);
  const halfSweep = (colour: number, h: number): number => {
    let changed = 0;
    for (let t = takeTicket(ints, (h + 1) * blocks); t >= 0; t = takeTicket(ints, (h + 1) * blocks)) {
      const start = (t - h * blocks) * init.block;
      changed += core.packedHalfSweep(colour, start, Math.min(start + init.block, init.units), track);
    }
    return changed;
  };
  for (let k = 0; k < sweeps; k++) {
    core.packedSeeds();
    flips += halfSweep(0, 2 * k);
    barrier(ints, init.workers);
    flips += halfSweep(1, 2 * k + 1);
    barrier(ints, init.workers);
    if (record) {
      records[at + 2 * k] = core.getPackedBondSum();
      records[at + 2 * k + 1] = core.getPackedMagnetization();
    }
  }
  ints[BOND_OUT + init.index] = core.getPackedBondSum();
  ints[MAG_OUT + init.index] = core.getPackedMagnetization();
  control.flips[init.index] = flips;
  if (init.index === 0) for (let k = 0; k < 4; k++) ints[STATE_OUT + k] = core.rngGetState(k);
}

/** Serves commands until STOP; never returns control to the event loop in between. */
function serve(core: WorkerCore, init: WorkerInit): void {
  const control = controlViews(init.control);
  const { ints } = control;
  const records = new Int32Array(init.records);
  // commands counted from the init message: one may already be waiting when this loop starts
  let seen = init.command;
  for (;;) {
    Atomics.wait(ints, CMD, seen);
    seen = Atomics.load(ints, CMD);
    if (Atomics.load(ints, STOP) !== 0) return;
    try {
      run(core, init, control, records);
    } catch (error) {
      if (!(error instanceof PeerFailed)) {
        writeError(control, `worker ${init.index}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        breakBarrier(ints);
      }
    }
    Atomics.add(ints, DONE, 1);
    Atomics.notify(ints, DONE);
  }
}

async function start(init: WorkerInit, post: (message: unknown) => void): Promise<void> {
  let core: WorkerCore;
  try {
    const instance = await WebAssembly.instantiate(init.module, {
      env: {
        memory: init.memory,
        abort(): never {
          throw new Error('WebAssembly core aborted');
        },
      },
    });
    const exports = instance.exports as unknown as WorkerCore;
    core = { ...packedExportsFor(exports, init.geometry), rngSetState: exports.rngSetState, rngGetState: exports.rngGetState };
    core.packedAttach(init.size, init.lattice, init.leaves, init.seeds);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  post({ type: 'ready' });
  serve(core, init);
}

const port = parentPort();
port.onceMessage((init) => void start(init as WorkerInit, (m) => port.postMessage(m)));
