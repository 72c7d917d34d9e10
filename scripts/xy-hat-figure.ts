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
import { plotSvg } from './svg-plot.js';

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

/** The map as an SVG of coloured cells (yellow = lowest F, dark blue = highest visited; never visited: grey). */
function mapSvg(r: LandauResult, title: string): string {
  const map = r.map!;
  const n = map.x.length;
  const cell = 10;
  const pad = 40;
  const values = map.F.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const rects: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const F = map.F[i][j];
      if (F === null) continue;
      const t = (F - lo) / (hi - lo || 1);
      // yellow (lowest F) to dark blue (highest F visited)
      const [r0, g0, b0] = [255, 225, 40];
      const [r1, g1, b1] = [25, 25, 110];
      const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
      // row i is m_x, column j is m_y; draw m_y upwards
      rects.push(`<rect x="${pad + i * cell}" y="${pad + (n - 1 - j) * cell}" width="${cell}" height="${cell}" fill="rgb(${mix(r0, r1)},${mix(g0, g1)},${mix(b0, b1)})"/>`);
    }
  }
  const w = 2 * pad + n * cell;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${w + 10}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="20" text-anchor="middle">${title}</text>
<rect x="${pad}" y="${pad}" width="${n * cell}" height="${n * cell}" fill="#d8d8d8"/>
${rects.join('\n')}
<rect x="${pad}" y="${pad}" width="${n * cell}" height="${n * cell}" fill="none" stroke="black"/>
<text x="${w / 2}" y="${w - 8}" text-anchor="middle">m_x from ${map.x[0].toFixed(2)} to ${map.x[n - 1].toFixed(2)}</text>
<text x="14" y="${w / 2}" text-anchor="middle" transform="rotate(-90 14 ${w / 2})">m_y</text>
</svg>
`;
}

const low = await run(0.7);
const high = await run(1.5);
writeFileSync(new URL('../docs/xy-mexican-hat.svg', import.meta.url), mapSvg(low, `XY ${size} x ${size}, T = 0.7: F(m_x, m_y) = -ln P / N (yellow low, blue high, grey never visited)`));
const profile = (r: LandauResult) => r.points.filter((p) => p.F !== null && p.count >= 10).map((p) => ({ x: p.x, y: p.F as number, error: p.error ?? undefined }));
writeFileSync(
  new URL('../docs/xy-landau-profile.svg', import.meta.url),
  plotSvg([{ label: `T = 0.7 (${low.shape})`, points: profile(low) }, { label: `T = 1.5 (${high.shape})`, points: profile(high) }], { title: `XY ${size} x ${size}: F(|m|) = -ln P / N, Wolff, ${sweeps} steps`, xLabel: '|m|', yLabel: 'F (per site, + const)' }),
);
console.log('wrote docs/xy-mexican-hat.svg and docs/xy-landau-profile.svg');
