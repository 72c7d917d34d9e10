/**
 * One round of parallel tempering for a group of replicas, as run inside a worker: each
 * replica continues from its checkpoint at its current temperature for `sweeps` sweeps,
 * recording the model's record after every sweep, and returns its new checkpoint. The task is a pure
 * function of its input, so re-running it after a crash gives the same output, and how
 * replicas are grouped onto workers cannot change the result.
 */
import { decodeCheckpoint } from '../checkpoint.js';
import type { BackendChoice } from '../vocabulary.js';
import { resumeSimulation } from '../jobs/runner.js';
import type { Simulation } from '../simulation.js';
import type { BackendName } from '../backend/index.js';
import { createRecords, type RecordArray } from '../models/model.js';

export interface TemperingTask {
  /** Identifies the tempering run (keys the worker's cache of live replicas). */
  runId: string;
  /** Sweeps per replica in this round. */
  sweeps: number;
  backend?: BackendChoice;
  replicas: { replica: number; temperature: number; checkpoint: Uint8Array }[];
}

export interface TemperingTaskResult {
  replicas: { replica: number; checkpoint: Uint8Array; records: RecordArray; flips: number; work: number; backend: BackendName }[];
}

/** Live replicas of the current tempering run, with the checkpoint they are at (a cache: avoids re-instantiating each round). */
const live = new Map<number, { sim: Simulation; checkpoint: Uint8Array }>();
let liveRun = '';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function temperingRound(task: TemperingTask): Promise<TemperingTaskResult> {
  if (task.runId !== liveRun) {
    for (const { sim } of live.values()) sim.dispose();
    live.clear();
    liveRun = task.runId;
  }
  const replicas: TemperingTaskResult['replicas'] = [];
  for (const { replica, temperature, checkpoint } of task.replicas) {
    let entry = live.get(replica);
    if (!entry || !sameBytes(entry.checkpoint, checkpoint)) {
      decodeCheckpoint(checkpoint); // refuse a bad checkpoint before replacing the live replica
      entry?.sim.dispose();
      entry = { sim: await resumeSimulation(checkpoint, { backend: task.backend }), checkpoint };
      live.set(replica, entry);
    }
    const { sim } = entry;
    if (sim.options.temperature !== temperature) sim.setTemperature(temperature);
    const records = createRecords(sim.recordType, sim.recordWidth * task.sweeps);
    const { flips, sweepEquivalents: work } = sim.sweep(task.sweeps, records);
    entry.checkpoint = sim.checkpoint();
    replicas.push({ replica, checkpoint: entry.checkpoint.slice(), records, flips, work, backend: sim.backend });
  }
  return { replicas };
}
