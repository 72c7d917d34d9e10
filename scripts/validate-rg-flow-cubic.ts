/**
 * The flow-direction statistics of the simple cubic Ising lattice (docs/rg-landau.md, "Flow direction on
 * the cube"): 2 x 2 x 2 majority blocks, Swendsen-Wang, beta below, at and above beta_c = 0.221654626
 * (Ferrenberg, Xu and Landau 2018), L = 16 and 32. For every run it prints the nearest-neighbour
 * correlation g_k of every level, the mean change per level d = (ln r_K - ln r_1) / (K - 1) of the
 * odds r = g / (1 - g) with its error, and the direction the square-lattice and the cubic thresholds
 * give (src/rg/run.ts, flowDirection).
 *
 *   npx tsx scripts/validate-rg-flow-cubic.ts [--sizes 16,32] [--samples 4000] [--betas 0.20,0.21,...] [--seed 1]
 */
import { createSimulation, CUBIC_CRITICAL_BETA, rgFlow, flowDirection } from '../src/index.js';
import { flowRate, FLOW_THRESHOLDS } from '../src/rg/run.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '16,32').split(',').map(Number);
const samples = Number(flag('samples', '4000'));
const seed = Number(flag('seed', '1'));
const betas = flag('betas', `0.20,0.21,0.215,${CUBIC_CRITICAL_BETA},0.228,0.235,0.25`).split(',').map(Number);

console.log('| L | beta | nn per level | d = change of ln odds per level | square thresholds | cubic thresholds |');
console.log('|---|---|---|---|---|---|');
for (const size of sizes) {
  for (const beta of betas) {
    const sim = await createSimulation({ lattice: 'cubic', size, beta, seed, algorithm: 'swendsen-wang', backend: 'wasm' });
    const r = rgFlow(sim, { thermalize: 500, samples, every: 1, patterns: false });
    sim.dispose();
    const rate = flowRate(r.flow);
    const nn = r.flow.map((l) => l.nn.mean.toFixed(4)).join(', ');
    const d = rate ? `${rate.rate.toFixed(3)} +- ${rate.error.toFixed(3)}` : '-';
    console.log(`| ${size} | ${beta} | ${nn} | ${d} | ${flowDirection(r.flow, FLOW_THRESHOLDS.square)} | ${flowDirection(r.flow, FLOW_THRESHOLDS.cubic)} |`);
  }
}
