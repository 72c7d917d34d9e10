import { createSimulation, rgFlow } from '../src/index.js';
import { rgToTable } from '../src/cli/rg.js';
const [model, T, L, samples, lattice, q] = process.argv.slice(2);
const t0 = performance.now();
const sim = await createSimulation({ model: model as 'xy', size: Number(L), temperature: Number(T), seed: 3, algorithm: model === 'phi4' ? 'hybrid' : 'wolff', lattice: (lattice ?? 'square') as 'square', ...(q ? { q: Number(q) } : {}) } as never);
const r = rgFlow(sim as never, { samples: Number(samples), thermalize: 500, every: 1 });
console.log(rgToTable(r as never), ((performance.now() - t0) / 1000).toFixed(1), 's');
