// What every browser fixture runs: a simulation on the page's thread and one in a worker, with the
// same seed (the numbers must equal those of Node), and a typed error across the worker hop.
import { createPool, createSimulation, createSimulationWorker, InvalidOptionError } from 'criticality';

const OPTIONS = { size: 16, temperature: 2.3, seed: 5 };

export async function mainThread() {
  const sim = await createSimulation(OPTIONS);
  sim.sweep(50);
  const result = { engine: sim.engine, energy: sim.energy() };
  sim.dispose();
  return result;
}

export async function inWorker() {
  const sim = await createSimulationWorker(OPTIONS);
  await sim.sweep(50);
  const result = { engine: await sim.engine, energy: await sim.energy() };
  const error = await sim.setTemperature(-1).catch((e) => e);
  result.error = error instanceof InvalidOptionError ? `InvalidOptionError ${error.option}` : String(error);
  await sim.dispose();
  return result;
}

export async function inPool() {
  const pool = await createPool({ size: 2 });
  const run = await pool.run([{ kind: 'run', options: OPTIONS, sweeps: 200 }]);
  await pool.dispose();
  return { state: run.state, energy: run.tasks[0].result?.observables.energy.mean };
}

/** Runs `work` and leaves its answer (or the error) on window.__result for the test. */
export function report(work) {
  work().then(
    (result) => (window.__result = result),
    (error) => (window.__result = { failed: String((error && error.stack) || error) }),
  );
}
