/**
 * The Mexican hat of the XY model from data, for the README and docs/models.md: F(m_x, m_y) =
 * -ln P / N below the transition (a ring) as a map, and the radial profiles F(|m|) below and above
 * it (a single well). Square lattice: 16 x 16 at T = 0.7 and 1.5 (T_BKT = 0.8929), Wolff; writes
 * docs/xy-mexican-hat.svg and docs/xy-landau-profile.svg. Cubic lattice (`--lattice cubic`): 16^3 at
 * T = 2.0 and 2.5 (T_c = 2.2018), Metropolis as `criticality landau` runs it; writes
 * docs/xy-cubic-mexican-hat.svg and docs/xy-cubic-landau-profile.svg.
 *
 *   npx tsx scripts/xy-hat-figure.ts [--lattice square|cubic] [--size 16] [--sweeps 50000]
 */
import { writeFileSync } from 'node:fs';
import { createSimulation, landau, type LandauResult } from '../src/index.js';
import { landauMapSvg, plotSvg } from './svg-plot.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const lattice = flag('lattice', 'square') as 'square' | 'cubic';
const cubic = lattice === 'cubic';
const size = Number(flag('size', '16'));
const sweeps = Number(flag('sweeps', '50000'));
const [below, above] = cubic ? [2, 2.5] : [0.7, 1.5];
const algorithm = cubic ? 'metropolis' : 'wolff';
const shape = cubic ? `${size} x ${size} x ${size}` : `${size} x ${size}`;
const prefix = cubic ? 'xy-cubic' : 'xy';

async function run(temperature: number): Promise<LandauResult> {
  const sim = await createSimulation({ model: 'xy', lattice, size, temperature, algorithm, seed: 1 });
  const r = landau(sim, { thermalize: cubic ? 1000 : 2000, sweeps, bins: 41 });
  sim.dispose();
  console.log(`T = ${temperature}: shape ${r.shape}, minimum ${r.fit?.minimum?.toFixed(3)}`);
  return r;
}

const low = await run(below);
const high = await run(above);
writeFileSync(
  new URL(`../docs/${prefix}-mexican-hat.svg`, import.meta.url),
  landauMapSvg(low.map!, `XY ${shape}, T = ${below}: F(m_x, m_y) = -ln P / N (yellow low, blue high, grey never visited)`),
);
const profile = (r: LandauResult) => r.points.filter((p) => p.F !== null && p.count >= 10).map((p) => ({ x: p.x, y: p.F as number, error: p.error ?? undefined }));
writeFileSync(
  new URL(`../docs/${prefix}-landau-profile.svg`, import.meta.url),
  plotSvg([{ label: `T = ${below} (${low.shape})`, points: profile(low) }, { label: `T = ${above} (${high.shape})`, points: profile(high) }], {
    title: `XY ${shape}: F(|m|) = -ln P / N, ${algorithm === 'wolff' ? 'Wolff' : 'Metropolis'}, ${sweeps} steps`,
    xLabel: '|m|',
    yLabel: 'F (per site, + const)',
  }),
);
console.log(`wrote docs/${prefix}-mexican-hat.svg and docs/${prefix}-landau-profile.svg`);
