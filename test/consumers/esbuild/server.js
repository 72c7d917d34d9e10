// Bundled with esbuild --platform=node: the API and the serverless handler, in one file.
import { createSimulation } from 'criticality';
import { createHandler } from 'criticality/serverless';

const sim = await createSimulation({ size: 16, temperature: 2.3, seed: 5 });
sim.sweep(50);
const handler = createHandler();
const response = await handler(new Request('http://localhost/', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ job: 'run', options: { size: 8, seed: 2 }, sweeps: 500 }),
}));
const body = await response.json();
console.log(JSON.stringify({ engine: sim.engine, energy: sim.energy(), status: response.status, state: body.state }));
