/**
 * The fixed-point values of the 3D Ising model that the exact module cites (src/exact/cubic.ts) checked
 * with our own Monte Carlo: at beta_c = 0.221654626 on periodic L^3 cubes, the Binder ratio
 * Q = <m^4> / <m^2>^2 and xi_2nd / L (second-moment correlation length, src/correlation.ts) for
 * L = 8 .. 48 (Wolff clusters, `clustersPerStep` = L / 2 a step), then the extrapolation
 *
 *   Q(L) = Q* + a L^-omega,    xi_2nd(L) / L = (xi / L)* + b L^-omega,    omega = 0.832 (Hasenbusch 2010)
 *
 * by weighted least squares (the leading correction to scaling; beta_c is known to 2e-8, so the
 * shift of beta_c does not enter at these sizes), from every L >= Lmin. Compared with Q* = 1.6036(1)
 * and (xi_2nd / L)* = 0.6431(1) (Hasenbusch, Phys. Rev. B 82, 174433 (2010)). Figures for docs/cubic.md.
 *
 * Usage: npx tsx scripts/validate-cubic-fixed-point.ts [--sizes 8,12,16,24,32,48] [--sweeps 20000] [--backend wasm]
 */
import { createSimulation, CUBIC_CRITICAL_BETA, CUBIC_CRITICAL_BINDER_RATIO, CUBIC_CRITICAL_XI_OVER_L } from '../src/index.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const sizes = flag('sizes', '8,12,16,24,32,48').split(',').map(Number);
const sweeps = Number(flag('sweeps', '20000'));
const backend = flag('backend', 'wasm') as 'wasm' | 'js';
const OMEGA = 0.832;

interface Point { L: number; q: number; qErr: number; xi: number; xiErr: number }
const points: Point[] = [];
for (const L of sizes) {
  const t0 = performance.now();
  const sim = await createSimulation({ lattice: 'cubic', size: L, beta: CUBIC_CRITICAL_BETA, algorithm: 'wolff', clustersPerStep: Math.max(1, L / 2), seed: 1000 + L, backend });
  const r = sim.measure({ thermalize: 1000, sweeps, correlations: { every: 10 } });
  sim.dispose();
  const q = r.observables.binderRatio;
  const xi = r.correlations!.correlationLength;
  points.push({ L, q: q.mean, qErr: q.error, xi: xi.mean / L, xiErr: xi.error / L });
  console.log(`L = ${L}: Q = ${q.mean.toFixed(5)} +- ${q.error.toFixed(5)}, xi_2nd/L = ${(xi.mean / L).toFixed(5)} +- ${(xi.error / L).toFixed(5)} (${((performance.now() - t0) / 1000).toFixed(0)} s${r.warnings.length ? `; ${r.warnings.join('; ')}` : ''})`);
}

/** Weighted least squares of y = c + d x: c and its error, chi^2 per degree of freedom. */
function fit(xs: number[], ys: number[], es: number[]): { c: number; cErr: number; chi2dof: number } {
  let s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  xs.forEach((x, i) => {
    const w = 1 / es[i] ** 2;
    s += w; sx += w * x; sy += w * ys[i]; sxx += w * x * x; sxy += w * x * ys[i];
  });
  const det = s * sxx - sx * sx;
  const c = (sxx * sy - sx * sxy) / det;
  const d = (s * sxy - sx * sy) / det;
  const chi2 = xs.reduce((acc, x, i) => acc + ((ys[i] - c - d * x) / es[i]) ** 2, 0);
  return { c, cErr: Math.sqrt(sxx / det), chi2dof: chi2 / Math.max(1, xs.length - 2) };
}

for (const lmin of sizes.slice(0, -2)) {
  const use = points.filter((p) => p.L >= lmin);
  const xs = use.map((p) => p.L ** -OMEGA);
  const q = fit(xs, use.map((p) => p.q), use.map((p) => p.qErr));
  const xi = fit(xs, use.map((p) => p.xi), use.map((p) => p.xiErr));
  const zq = (q.c - CUBIC_CRITICAL_BINDER_RATIO) / q.cErr;
  const zx = (xi.c - CUBIC_CRITICAL_XI_OVER_L) / xi.cErr;
  console.log(
    `L >= ${lmin}: Q* = ${q.c.toFixed(4)} +- ${q.cErr.toFixed(4)} (chi2/dof ${q.chi2dof.toFixed(2)}; literature ${CUBIC_CRITICAL_BINDER_RATIO}, z = ${zq.toFixed(2)}), ` +
      `(xi/L)* = ${xi.c.toFixed(4)} +- ${xi.cErr.toFixed(4)} (chi2/dof ${xi.chi2dof.toFixed(2)}; literature ${CUBIC_CRITICAL_XI_OVER_L}, z = ${zx.toFixed(2)})`,
  );
}
