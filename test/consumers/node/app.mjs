import { createPool, createSimulation, createSimulationWorker, InvalidOptionError } from 'criticality';
import { handle } from 'criticality/serverless';

const options = { size: 16, temperature: 2.3, seed: 5 };
const sim = await createSimulation(options);
sim.sweep(50);
const worker = await createSimulationWorker(options);
await worker.sweep(50);
const error = await worker.setTemperature(-1).catch((e) => e);
const pool = await createPool({ size: 2 });
const run = await pool.run([{ kind: 'run', options, sweeps: 200 }]);
const response = await handle(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job: 'run', options: { size: 8 }, sweeps: 500 }) }));
console.log(JSON.stringify({
  main: { engine: sim.engine, energy: sim.energy() },
  worker: { engine: await worker.engine, energy: await worker.energy(), error: error instanceof InvalidOptionError ? `InvalidOptionError ${error.option}` : String(error) },
  pool: { state: run.state },
  serverless: { status: response.status, engine: response.headers.get('x-criticality-engine') },
}));
await worker.dispose();
await pool.dispose();
