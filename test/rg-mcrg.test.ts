// Monte Carlo RG at Onsager's Tc on a 32 x 32 lattice (2 x 2 majority blocks, levels 32 -> 16 -> 8 -> 4):
// the thermal exponent y_t = 1/nu (exact 1) and the magnetic y_h (exact 15/8) from the leading
// eigenvalues of the linearised RG matrix. A small run (2 x 10^4 sweeps), so looser bounds than the
// documented run (scripts/validate-mcrg.ts): nu within 10% of 1 and y_h within 3% of 15/8 at the
// transition 16 -> 8 with every operator; also every estimate carries a finite jackknife error.
import { describe, expect, it } from 'vitest';
import { createSimulation, CRITICAL_TEMPERATURE, rgFlow } from '../src/index.js';
import type { McrgEntry, McrgEstimate, RgResult } from '../src/index.js';

function estimated(entries: McrgEntry[], level: number, operators: number): McrgEstimate {
  const e = entries.find((x) => x.level === level && x.operators.length === operators);
  expect(e?.state, JSON.stringify(e)).toBe('estimated');
  return e as McrgEstimate;
}

async function run(backend: 'wasm' | 'js') {
  const sim = await createSimulation({ size: 32, temperature: CRITICAL_TEMPERATURE, seed: 3, backend });
  return rgFlow(sim, { thermalize: 2000, samples: 10_000, every: 2, levels: 3 });
}

describe('MCRG exponents at Tc', { timeout: 60_000 }, () => {
  it('y_t and y_h near the exact 1 and 15/8, on both backends', async () => {
    const r = await run('wasm');
    const thermal = estimated(r.mcrg.thermal, 1, 4);
    const magnetic = estimated(r.mcrg.magnetic, 1, 3);
    expect(thermal.operators).toEqual(['nn', 'nnn', 'plaquette', 'nn3']);
    expect(magnetic.operators).toEqual(['magnetization', 'plaquette3', 'row3']);
    expect(Math.abs(thermal.nu!.mean - 1)).toBeLessThan(0.1);
    expect(Math.abs(magnetic.exponent.mean / 1.875 - 1)).toBeLessThan(0.03);
    expect(thermal.eigenvalue.mean).toBeCloseTo(2 ** thermal.exponent.mean, 12);
    for (const e of [...r.mcrg.thermal, ...r.mcrg.magnetic]) {
      if (e.state !== 'estimated') continue;
      expect(Number.isFinite(e.exponent.mean) && e.exponent.error > 0 && e.exponent.error < 0.05, JSON.stringify(e)).toBe(true);
    }
    // more operators move y_t towards 1 (one operator, nn alone, is the crudest truncation)
    expect(Math.abs(thermal.exponent.mean - 1)).toBeLessThan(Math.abs(estimated(r.mcrg.thermal, 1, 1).exponent.mean - 1));
    expect(await run('js')).toEqual({ ...r, backend: 'js' });
  });
});
