/**
 * Validation of multicanonical runs at the strong first-order transition of the 2D q = 10 Potts model:
 * per size, the latent heat (peak maxima at the equal-weight point, k = q ordered phases), the Lee-Kosterlitz
 * interface tension σ_L at the equal-height point, the pseudo-transition β_w and the tunnelling count, with
 * jackknife errors; then the L^-d and 1/L^(d-1) extrapolations of src/analysis/first-order.ts.
 *
 * References: latent heat Δe = 0.696049 (Baxter 1973; src/models/potts/exact.ts), β_t = ln(1 + √10) =
 * 1.426062; interface tension σ_od = 1/(2 ξ_d) = 0.0473 for q = 10 (Borgs and Janke, J. Phys. I France 2,
 * 2011 (1992), from the exact disordered-phase correlation length ξ_d = 10.56 of Buffenoir and Wallon).
 *
 *   npx tsx scripts/potts-multicanonical.ts [--q 10] [--sizes 16,24,32,48,64] [--sweeps 1e6,...] [--tuning-sweeps 4e6,...] [--seed 1] [--backend wasm]
 *
 * Every run uses the library's defaults (window from T_c ± 1 %, Wang-Landau), with `--sweeps` production sweeps
 * and `--tuning-sweeps` most Wang-Landau sweeps per size (defaults: the library's); figures go to docs/validation.md.
 */
import { parseArgs } from 'node:util';
import { firstOrderScaling } from '../src/analysis/first-order.js';
import { multicanonical, type MulticanonicalResult } from '../src/multicanonical/index.js';
import { pottsTransition } from '../src/models/potts/exact.js';

const { values } = parseArgs({
  options: {
    q: { type: 'string', default: '10' },
    sizes: { type: 'string', default: '16,24,32,48,64' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    sweeps: { type: 'string' },
    'tuning-sweeps': { type: 'string' },
  },
});
const q = Number(values.q);
const sizes = values.sizes!.split(',').map(Number);
// production sweeps per size (default: the library's)
const sweeps = values.sweeps?.split(',').map(Number);
// most Wang-Landau sweeps per size (default: the library's)
const tuningSweeps = values['tuning-sweeps']?.split(',').map(Number);
const exact = pottsTransition(q);
const fmt = (o: { mean: number; error: number } | undefined, digits = 4) => (o ? `${o.mean.toFixed(digits)} ± ${o.error.toFixed(digits)}` : '–');
const pct = (x: number, ref: number) => `${x >= ref ? '+' : ''}${((100 * (x - ref)) / ref).toFixed(1)} %`;

console.log(`q = ${q}: exact β_t = ${exact.beta.toFixed(6)}, Δe = ${exact.latentHeat.toFixed(6)}; σ_od (q = 10) = 0.0473`);
console.log('| L | window b | tuning sweeps | production sweeps | tunnelings | β_w | Δe (peaks) | vs Baxter | Δe (means) | σ_L | time |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const results: MulticanonicalResult[] = [];
for (const size of sizes) {
  const t0 = performance.now();
  const r = await multicanonical({ q, size, seed: Number(values.seed), backend: values.backend as 'wasm' | 'js', ...(sweeps ? { sweeps: sweeps[sizes.indexOf(size)] } : {}),
    ...(tuningSweeps ? { tuningSweeps: tuningSweeps[sizes.indexOf(size)] } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  results.push(r);
  const f = r.firstOrder;
  console.log(
    `| ${size} | ${r.weights.lo} .. ${r.weights.hi} | ${r.tuning.sweeps}${r.tuning.converged ? '' : ' (not converged)'} | ${r.production.sweeps} | ${r.production.tunnelings} | ` +
      `${fmt(f.equalWeight?.beta, 5)} | ${fmt(f.latentHeat)} | ${pct(f.latentHeat.mean, exact.latentHeat)} | ${fmt(f.latentHeatFromMeans)} | ${fmt(f.equalHeight?.interfaceTension)} | ${seconds.toFixed(0)} s |`,
  );
  for (const w of r.warnings) console.log(`  warning (L = ${size}): ${w}`);
}
const scaling = firstOrderScaling(results.map((r) => r.firstOrder));
console.log(`latent heat extrapolated (Δe_L = Δe + b/L^2, L = ${scaling.latentHeat?.sizes.join(', ')}): ${fmt(scaling.latentHeat?.limit)} (χ²/dof ${scaling.latentHeat?.chi2PerDof.toFixed(2)}) vs ${exact.latentHeat.toFixed(4)}`);
console.log(`interface tension extrapolated (σ_L = σ + a/L): ${fmt(scaling.interfaceTension?.limit)} (χ²/dof ${scaling.interfaceTension?.chi2PerDof.toFixed(2)}) vs 0.0473`);
console.log(`verdict: ${scaling.verdict.kind} (${scaling.verdict.reason})`);
