/**
 * Keeping a request within its wall time although one Monte Carlo step is never split: before any
 * work, the handler estimates what the first step of the job costs here (creating the lattice,
 * one step of the algorithm at its most expensive, and a checkpoint in base64) and refuses a job that
 * cannot fit; the runner then starts no chunk of steps that would end after the deadline, which
 * leaves room for the checkpoint of a stopped run.
 *
 * The costs per site come from a calibration lattice of 512 x 512 sites on the same engine and
 * algorithm (the cheapest of three runs, measured once per engine and algorithm), times a safety
 * factor of 4 (large lattices miss the caches, grow memory and page it in; a shared machine
 * varies). The calibration runs the smallest step of the algorithm (one cluster, one local
 * sweep) and the estimate scales it to the most sweep equivalents a step of the job can cost
 * (clustersPerStep clusters of at most the whole lattice, plus hybridSweeps); cluster updates are
 * calibrated from a cold start at T = 1, where a Wolff cluster covers nearly the whole lattice.
 * Metropolis and heat bath cost the same at any state. A step of at most 256 x 256 site updates is never refused (it takes
 * milliseconds).
 */
import { geometryOf, sitesOf } from '../lattice.js';
import { encodeBase64 } from '../base64.js';
import { createSimulation } from '../simulation.js';
import { normalizeOptions, type NormalizedOptions, type SimulationOptions } from '../options.js';
import type { EngineChoice } from './engine.js';

/** Nanoseconds per site of each part of a first step (the checkpoint encoded for the answer). */
export interface SiteCosts {
  create: number;
  /** Per sweep equivalent of the step. */
  step: number;
  checkpoint: number;
}

/** Large lattices miss the caches that the calibration lattice fits in, grow memory and page it in. */
const SAFETY = 4;
const CALIBRATION_SIZE = 512;
const CALIBRATION_RUNS = 3;
const SMALL_SITES = 256 * 256;

const calibrations = new Map<string, Promise<SiteCosts>>();

function keyOf(o: NormalizedOptions, engine: EngineChoice): string {
  return JSON.stringify([
    engine.engine,
    o.algorithm,
    o.layout,
    o.hybridCluster,
    o.algorithm === 'metropolis' || o.algorithm === 'heat-bath' ? o.temperature : 1,
  ]);
}

/** The cheapest of a few calibration runs (garbage collection and memory growth only ever add time). */
async function calibrate(o: NormalizedOptions, engine: EngineChoice): Promise<SiteCosts> {
  const runs: SiteCosts[] = [];
  for (let i = 0; i < CALIBRATION_RUNS; i++) runs.push(await calibrateOnce(o, engine));
  return { create: Math.min(...runs.map((r) => r.create)), step: Math.min(...runs.map((r) => r.step)), checkpoint: Math.min(...runs.map((r) => r.checkpoint)) };
}

async function calibrateOnce(o: NormalizedOptions, engine: EngineChoice): Promise<SiteCosts> {
  const local = o.algorithm === 'metropolis' || o.algorithm === 'heat-bath';
  const t0 = performance.now();
  // the smallest step of the algorithm (one cluster, one local sweep): its cost per sweep equivalent
  const settings: SimulationOptions = o.algorithm === 'hybrid' ? { hybridSweeps: 1, hybridCluster: o.hybridCluster } : {};
  const minimal = o.algorithm === 'hybrid' ? 2 : 1;
  const sim = await createSimulation({
    ...settings,
    size: CALIBRATION_SIZE,
    algorithm: o.algorithm,
    layout: o.layout,
    seed: 1,
    temperature: local ? o.temperature : 1,
    field: local ? o.field : 0,
    start: local ? 'hot' : 'cold',
    backend: engine.backend,
    core: engine.core,
  });
  try {
    const t1 = performance.now();
    sim.sweep(1);
    const t2 = performance.now();
    encodeBase64(sim.checkpoint()); // as it goes into the answer
    const t3 = performance.now();
    const sites = CALIBRATION_SIZE * CALIBRATION_SIZE;
    return { create: ((t1 - t0) * 1e6) / sites, step: ((t2 - t1) * 1e6) / sites / minimal, checkpoint: ((t3 - t2) * 1e6) / sites };
  } finally {
    sim.dispose();
  }
}

/** The most sweep equivalents one step can cost: a Wolff cluster covers at most the lattice. */
function mostSweepsPerStep(o: NormalizedOptions): number {
  const cluster = o.algorithm === 'wolff' || (o.algorithm === 'hybrid' && o.hybridCluster === 'wolff') ? o.clustersPerStep : 1;
  return o.algorithm === 'hybrid' ? o.hybridSweeps + cluster : cluster;
}

/** Estimated wall time, ms, of creating the job's lattice, one step, and a checkpoint (0 for small lattices). */
export async function firstStepMs(options: SimulationOptions, engine: EngineChoice): Promise<{ ms: number; checkpointMs: number }> {
  const o = normalizeOptions({ ...options, backend: engine.backend, core: undefined });
  const sites = sitesOf(geometryOf(o.lattice), o.size);
  if (sites * mostSweepsPerStep(o) <= SMALL_SITES) return { ms: 0, checkpointMs: 0 };
  const key = keyOf(o, engine);
  let costs = calibrations.get(key);
  if (!costs) {
    costs = calibrate(o, engine);
    calibrations.set(key, costs);
    costs.catch(() => calibrations.delete(key));
  }
  const c = await costs;
  const perSite = (ns: number) => (SAFETY * ns * sites) / 1e6;
  return { ms: perSite(c.create + c.step * mostSweepsPerStep(o) + c.checkpoint), checkpointMs: perSite(c.checkpoint) };
}
