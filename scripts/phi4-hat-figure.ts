/**
 * The Mexican hat of the 3D O(2) phi^4 field from data, for docs/models.md: F(m_x, m_y) = -ln P / N
 * of an 8 x 8 x 8 lattice at lambda = 2.1, beta = 0.6 (above beta_c = 0.5091503: a ring) as a map,
 * and the radial profiles F(|m|) at beta = 0.6 and beta = 0.45 (a single well). Hybrid steps.
 * Writes docs/phi4-mexican-hat.svg and docs/phi4-landau-profile.svg.
 *
 *   npx tsx scripts/phi4-hat-figure.ts [--size 8] [--sweeps 50000]
 */
import { writeFileSync } from 'node:fs';
import { createSimulation, landau, type LandauResult } from '../src/index.js';
import { landauMapSvg, plotSvg } from './svg-plot.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const size = Number(flag('size', '8'));
const sweeps = Number(flag('sweeps', '50000'));

async function run(beta: number): Promise<LandauResult> {
  const sim = await createSimulation({ model: 'phi4', lattice: 'cubic', size, beta, lambda: 2.1, algorithm: 'hybrid', seed: 1 });
  const r = landau(sim, { thermalize: 2000, sweeps, bins: 41 });
  sim.dispose();
  console.log(`beta = ${beta}: shape ${r.shape}, minimum ${r.fit?.minimum?.toFixed(3)}`);
  return r;
}

const low = await run(0.6);
const high = await run(0.45);
const shape = `${size} x ${size} x ${size}`;
writeFileSync(
  new URL('../docs/phi4-mexican-hat.svg', import.meta.url),
  landauMapSvg(low.map!, `phi^4 ${shape}, lambda 2.1, beta 0.6: F(m_x, m_y) (yellow low, grey unvisited)`),
);
const profile = (r: LandauResult) => r.points.filter((p) => p.F !== null && p.count >= 10).map((p) => ({ x: p.x, y: p.F as number, error: p.error ?? undefined }));
writeFileSync(
  new URL('../docs/phi4-landau-profile.svg', import.meta.url),
  plotSvg(
    [
      { label: `beta = 0.6: ${low.shape}`, points: profile(low) },
      { label: `beta = 0.45: ${high.shape}`, points: profile(high) },
    ],
    { title: `O(2) phi^4 ${shape}, lambda = 2.1: F(|m|) = -ln P / N, hybrid, ${sweeps} steps`, xLabel: '|m|', yLabel: 'F (per site, + const)' },
  ),
);
console.log('wrote docs/phi4-mexican-hat.svg and docs/phi4-landau-profile.svg');
