/**
 * The 3D critical points of the XY and Heisenberg models on the simple cubic lattice from Binder
 * crossings: for each L the Binder ratio Q = <|m|^4> / <|m|^2>^2 on a grid of beta, then the beta
 * where Q(L) and Q(L') of consecutive sizes cross (./binder-crossings.ts). Compared with
 * beta_c = 0.454165(2) (XY: Campostrini, Hasenbusch, Pelissetto, Rossi and Vicari, Phys. Rev. B 63,
 * 214503 (2001)) and beta_c = 0.693002(2) (Heisenberg: the same authors, Phys. Rev. B 65, 144520
 * (2002)). XY: also L Upsilon, scale invariant at T_c (Upsilon ~ t^nu, xi ~ t^-nu in 3D), and where
 * the L Upsilon curves of consecutive sizes cross. Prints xi_2nd / L too. Writes
 * docs/cubic-<model>-binder.svg; the tables go into docs/models.md.
 *
 *   npx tsx scripts/validate-cubic-continuous.ts [--model xy|heisenberg] [--sizes 4,6,8,12]
 *       [--betas from:to:step] [--sweeps 20000] [--seed 1] [--backend wasm|js]
 *
 * Hybrid steps: one Metropolis sweep and one over-relaxation sweep, then L Wolff clusters
 * (embedding); every point thermalizes 2000 steps from a cold start.
 */
import { writeFileSync } from 'node:fs';
import { createSimulation } from '../src/index.js';
import { XY_CUBIC_BETA_C, XY_CUBIC_BETA_C_ERROR } from '../src/models/xy/exact.js';
import { HEISENBERG_CUBIC_BETA_C, HEISENBERG_CUBIC_BETA_C_ERROR } from '../src/models/heisenberg/exact.js';
import { plotSvg } from './svg-plot.js';
import { binderCrossings, type BinderPoint } from './binder-crossings.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const model = flag('model', 'xy') as 'xy' | 'heisenberg';
if (model !== 'xy' && model !== 'heisenberg') throw new Error(`--model must be xy or heisenberg, got ${model}`);
const [betaC, betaCError, citation] =
  model === 'xy'
    ? [XY_CUBIC_BETA_C, XY_CUBIC_BETA_C_ERROR, 'Campostrini et al. 2001']
    : [HEISENBERG_CUBIC_BETA_C, HEISENBERG_CUBIC_BETA_C_ERROR, 'Campostrini et al. 2002'];
const sizes = flag('sizes', '4,6,8,12').split(',').map(Number);
const [from, to, by] = flag('betas', model === 'xy' ? '0.446:0.462:0.004' : '0.681:0.705:0.006').split(':').map(Number);
const betas: number[] = [];
for (let b = from; b <= to + 1e-9; b += by) betas.push(Number(b.toFixed(6)));
const sweeps = Number(flag('sweeps', '20000'));
const seed = Number(flag('seed', '1'));
const backend = flag('backend', 'wasm') as 'wasm' | 'js';
const started = performance.now();

const curves = new Map<number, BinderPoint[]>();
// xi_2nd / L and (XY) L Upsilon, negated so that they fall with beta like Q (crossings by the same finder)
const lengths = new Map<number, BinderPoint[]>();
const stiffness = new Map<number, BinderPoint[]>();
console.log(`validate-cubic-continuous: ${model}, cubic, L = ${sizes.join(', ')}, beta = ${betas.join(', ')}, ${sweeps} hybrid steps per point, seed ${seed}, ${backend}`);
console.log(`L     beta      Q = <m^4>/<m^2>^2     xi_2nd / L${model === 'xy' ? '     L Upsilon' : ''}`);
for (const L of sizes) {
  const points: BinderPoint[] = [];
  const upsilons: BinderPoint[] = [];
  const xis: BinderPoint[] = [];
  for (const beta of betas) {
    const sim = await createSimulation({
      model,
      lattice: 'cubic',
      size: L,
      beta,
      algorithm: 'hybrid',
      clustersPerStep: L,
      overRelaxation: 1,
      seed: seed + 1000 * L + Math.round(1e5 * beta),
      backend,
      start: 'cold',
    });
    const m = sim.measure({ thermalize: 2000, sweeps, correlations: { every: 10 } });
    sim.dispose();
    const o = m.observables as unknown as Record<string, { mean: number; error: number }>;
    const q = o.binderRatio;
    const xi = m.correlations?.correlationLength;
    const upsilon = o.helicityModulus;
    points.push({ beta, q: q.mean, dq: q.error });
    if (xi) xis.push({ beta, q: -xi.mean / L, dq: xi.error / L });
    if (upsilon) upsilons.push({ beta, q: -L * upsilon.mean, dq: L * upsilon.error });
    console.log(
      `${String(L).padEnd(5)} ${beta.toFixed(4)}    ${q.mean.toFixed(4)} +- ${q.error.toFixed(4)}     ${xi ? `${(xi.mean / L).toFixed(3)} +- ${(xi.error / L).toFixed(3)}` : '-'}` +
        (upsilon ? `     ${(L * upsilon.mean).toFixed(3)} +- ${(L * upsilon.error).toFixed(3)}` : ''),
    );
  }
  curves.set(L, points);
  stiffness.set(L, upsilons);
  lengths.set(L, xis);
}

const crossings = binderCrossings(sizes, betas, curves);
console.log("\nL, L'     beta_cross            Q at the crossing   (beta_cross - beta_c) / error");
for (const c of crossings) {
  const z = (c.beta - betaC) / Math.hypot(c.error, betaCError);
  console.log(`${c.sizes.join(', ').padEnd(9)} ${c.beta.toFixed(5)} +- ${c.error.toFixed(5)}   ${c.q.toFixed(3)}               ${z.toFixed(2)}`);
}
for (const [name, curves2] of [['xi_2nd / L', lengths], ...(model === 'xy' ? [['L Upsilon', stiffness] as const] : [])] as const) {
  console.log(`\nL, L'     beta where ${name} crosses   ${name} there   (beta_cross - beta_c) / error`);
  for (const c of binderCrossings(sizes, betas, curves2)) {
    const z = (c.beta - betaC) / Math.hypot(c.error, betaCError);
    console.log(`${c.sizes.join(', ').padEnd(9)} ${c.beta.toFixed(5)} +- ${c.error.toFixed(5)}            ${(-c.q).toFixed(3)}             ${z.toFixed(2)}`);
  }
}
console.log(`literature beta_c = ${betaC}(${Math.round(betaCError * 1e6)}) (${citation})`);

const series = sizes.map((L) => ({ label: `L = ${L}`, points: curves.get(L)!.map((p) => ({ x: p.beta, y: p.q, error: p.dq })) }));
const qs = series.flatMap((s) => s.points.map((p) => p.y));
series.push({
  label: `beta_c = ${betaC}`,
  points: [
    { x: betaC, y: Math.min(...qs) },
    { x: betaC, y: Math.max(...qs) },
  ],
  dashed: true,
} as (typeof series)[number] & { dashed: boolean });
const file = `docs/cubic-${model}-binder.svg`;
const title = model === 'xy' ? '3D XY' : '3D Heisenberg';
writeFileSync(file, plotSvg(series, { title: `${title} (simple cubic): Binder ratio Q = &lt;m^4&gt; / &lt;m^2&gt;^2 against beta`, xLabel: 'beta = J / T', yLabel: 'Q' }));
console.log(`wrote ${file}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
