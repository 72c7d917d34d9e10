// Runs in Chromium (test/browser-worker.test.ts): a simulation in a module Web Worker, bundled by
// Vite from the literal new Worker(new URL(...)) in src/worker/spawn.ts, against the main thread.
import { AbortedError, createSimulation, createSimulationWorker, InvalidOptionError } from '../../src/index.js';

async function check(): Promise<Record<string, unknown>> {
  const worker = await createSimulationWorker({ size: 16, temperature: 2.3, seed: 77 });
  const local = await createSimulation({ size: 16, temperature: 2.3, seed: 77, backend: 'js' });
  await worker.sweep(25);
  local.sweep(25);
  const spins = await worker.spins();
  const localSpins = local.spins();
  const measured = await worker.measure({ sweeps: 500 });
  const expected = local.measure({ sweeps: 500 });
  const error = await worker.setTemperature(-1).catch((e: unknown) => e);
  const controller = new AbortController();
  const long = worker.measure({ sweeps: 1 << 24 }, { signal: controller.signal });
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  controller.abort();
  const aborted = await long.catch((e: unknown) => e);
  const latencyMs = performance.now() - t0;
  const backend = await worker.backend;
  await worker.dispose();
  return {
    backend,
    sameSpins: spins instanceof Int8Array && spins.length === 256 && spins.every((s, i) => s === localSpins[i]),
    sameEnergy: measured.observables.energy.mean === expected.observables.energy.mean && measured.observables.energy.error === expected.observables.energy.error,
    errorClass: error instanceof InvalidOptionError ? `InvalidOptionError ${error.option}` : String(error),
    abortClass: aborted instanceof AbortedError ? 'AbortedError' : String(aborted),
    latencyMs,
  };
}

check().then(
  (result) => ((window as unknown as { __result: unknown }).__result = result),
  (error: unknown) => ((window as unknown as { __result: unknown }).__result = { error: String(error) }),
);
