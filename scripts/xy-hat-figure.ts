/**
 * The Mexican hat of the 2D XY model from data, for the README and docs/models.md: F(m_x, m_y) =
 * -ln P / N of a 16 x 16 lattice at T = 0.7 (below T_BKT: a ring) as a map, and the radial profiles
 * F(|m|) at T = 0.7 and T = 1.5 (a single well). Writes docs/xy-mexican-hat.svg and
 * docs/xy-landau-profile.svg.
 *
 *   npx tsx scripts/xy-hat-figure.ts [--size 16] [--sweeps 50000]
 */
import { writeFileSync } from 'node:fs';
import { createSimulation, landau, type LandauResult } from '../src/index.js';
import { landauMapSvg, plotSvg } from './svg-plot.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const size = Number(flag('size', '16'));
const sweeps = Number(flag('sweeps', '50000'));

async function run(temperature: number): Promise<LandauResult> {
  const sim = await createSimulation({ model: 'xy', size, temperature, algorithm: 'wolff', seed: 1 });
  const r = landau(sim, { thermalize: 2000, sweeps, bins: 41 });
  sim.dispose();
  console.log(`T = ${temperature}: shape ${r.shape}, minimum ${r.fit?.minimum?.toFixed(3)}`);
  return r;
}

const low = await run(0.7);
const high = await run(1.5);
writeFileSync(new URL('../docs/xy-mexican-hat.svg', import.meta.url), landauMapSvg(low.map!, `XY ${size} x ${size}, T = 0.7: F(m_x, m_y) = -ln P / N (yellow low, blue high, grey never visited)`));
const profile = (r: LandauResult) => r.points.filter((p) => p.F !== null && p.count >= 10).map((p) => ({ x: p.x, y: p.F as number, error: p.error ?? undefined }));
writeFileSync(
  new URL('../docs/xy-landau-profile.svg', import.meta.url),
  plotSvg([{ label: `T = 0.7 (${low.shape})`, points: profile(low) }, { label: `T = 1.5 (${high.shape})`, points: profile(high) }], { title: `XY ${size} x ${size}: F(|m|) = -ln P / N, Wolff, ${sweeps} steps`, xLabel: '|m|', yLabel: 'F (per site, + const)' }),
);
console.log('wrote docs/xy-mexican-hat.svg and docs/xy-landau-profile.svg');
