// Bundled with the condition "criticality-no-inline": no inlined core in the bundle. Without the
// shipped file next to it, the default core is missing (and says why); a core passed in runs.
import { readFile } from 'node:fs/promises';
import { createSimulation } from 'criticality';

const missing = await createSimulation({ size: 8, backend: 'wasm' }).then(() => 'loaded', (e) => e.message);
const core = await readFile(new URL('../../node_modules/criticality/build/criticality.wasm', import.meta.url));
const sim = await createSimulation({ size: 16, temperature: 2.3, seed: 5, core });
sim.sweep(50);
console.log(JSON.stringify({ missing, engine: sim.engine, energy: sim.energy() }));
