// Type-checked with moduleResolution bundler, node16 and nodenext (tsconfig.*.json), nothing emitted.
import { createPool, createSimulation, createSimulationWorker, InvalidOptionError, type Measurement, type SimulationOptions } from 'criticality';
import { createHandler, type HandlerOptions } from 'criticality/serverless';
import core from 'criticality/wasm';
import scalar from 'criticality/wasm-scalar';

const options: SimulationOptions = { size: 16, temperature: 2.3, seed: 5, core };
const modules: WebAssembly.Module[] = [core, scalar];
const bounds: HandlerOptions = { core, backend: 'wasm', maxMs: 5000, cors: { origins: ['https://example.org'] } };

export const edge = { fetch: createHandler(bounds) };

export async function use(): Promise<number> {
  const sim = await createSimulation(options);
  const m: Measurement = sim.measure({ thermalize: 100, sweeps: 1000 });
  const worker = await createSimulationWorker({ size: 16 });
  const pool = await createPool({ size: 2 });
  await pool.dispose();
  await worker.dispose();
  // @ts-expect-error: an unknown option is a type error as well as a runtime InvalidOptionError
  await createSimulation({ sizee: 16 }).catch((e: unknown) => e instanceof InvalidOptionError);
  return m.observables.energy.mean + modules.length;
}
