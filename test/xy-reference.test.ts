// The 2D XY model against independent reference values (test/fixtures/xy-reference.json, from
// scripts/reference/xy-reference.c: a plain C program sharing no code with criticality, long Wolff
// runs with binning errors): e, |m|, m^2 and the helicity modulus at L = 16, T = 0.7, 0.9, 1.1, for
// Wolff, Metropolis, the heat bath and Swendsen-Wang by embedding on both backends, |z| < 4 with z = (ours - reference) / sqrt(err^2 + err_ref^2).
// The full grid (L = 16 and 32, 10^5 steps through the CLI) is scripts/validate-xy-reference.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationOptions } from '../src/index.js';

interface Value { mean: number; error: number }
interface Point { L: number; T: number; algorithm: string; values: Record<string, Value>; errors250: Record<string, number> }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/xy-reference.json', import.meta.url), 'utf8')) as {
  provenance: { sourceSha256: string };
  points: Point[];
  crossCheck: Point;
};
const OBSERVABLES = ['energy', 'absMagnetization', 'magnetization2', 'helicityModulus'] as const;

const CASES: [number, SimulationOptions][] = [
  [0.7, { algorithm: 'wolff', backend: 'wasm', sweeps: 20000 }],
  [0.9, { algorithm: 'wolff', backend: 'js', sweeps: 20000 }],
  [1.1, { algorithm: 'wolff', backend: 'wasm', sweeps: 20000 }],
  [0.7, { algorithm: 'metropolis', backend: 'js', sweeps: 20000 }],
  [0.9, { algorithm: 'metropolis', backend: 'wasm', sweeps: 40000 }],
  [1.1, { algorithm: 'metropolis', backend: 'js', sweeps: 20000 }],
  [0.7, { algorithm: 'heat-bath', backend: 'js', sweeps: 20000 }],
  [0.9, { algorithm: 'heat-bath', backend: 'wasm', overRelaxation: 1, sweeps: 20000 }],
  [0.9, { algorithm: 'swendsen-wang', backend: 'js', sweeps: 20000 }],
  [1.1, { algorithm: 'swendsen-wang', backend: 'wasm', sweeps: 20000 }],
] as unknown as [number, SimulationOptions][];

describe('XY against the independent C reference (L = 16)', () => {
  it('the fixture comes from the committed C program, and its errors have converged in the bin length', () => {
    const source = readFileSync(new URL('../scripts/reference/xy-reference.c', import.meta.url));
    expect(createHash('sha256').update(source).digest('hex')).toBe(fixture.provenance.sourceSha256);
    expect(fixture.points.map((p) => `${p.L}/${p.T}`)).toEqual(['16/0.7', '16/0.9', '16/1.1', '32/0.7', '32/0.9', '32/1.1']);
    for (const p of fixture.points) {
      for (const o of OBSERVABLES) {
        // 250 bins of 4x the length: the same error within 25% (no autocorrelation left between bins)
        expect(p.errors250[o] / p.values[o].error).toBeGreaterThan(0.75);
        expect(p.errors250[o] / p.values[o].error).toBeLessThan(1.33);
      }
    }
    // the C program's own Metropolis update agrees with its Wolff update
    const wolff = fixture.points.find((p) => p.L === fixture.crossCheck.L && p.T === fixture.crossCheck.T)!;
    for (const o of OBSERVABLES) {
      const z = (fixture.crossCheck.values[o].mean - wolff.values[o].mean) / Math.hypot(fixture.crossCheck.values[o].error, wolff.values[o].error);
      expect(Math.abs(z)).toBeLessThan(4);
    }
  });

  for (const [temperature, options] of CASES) {
    const { sweeps, ...rest } = options as SimulationOptions & { sweeps: number };
    it(`${rest.algorithm} ${rest.backend} T = ${temperature}`, async () => {
      const reference = fixture.points.find((p) => p.L === 16 && p.T === temperature)!;
      const sim = await createSimulation({ model: 'xy', size: 16, temperature, seed: 1300 + Math.round(temperature * 10), ...rest });
      const { observables } = sim.measure({ thermalize: 1000, sweeps });
      sim.dispose();
      for (const o of OBSERVABLES) {
        const ours = observables[o as keyof typeof observables] as Value;
        const ref = reference.values[o];
        const z = (ours.mean - ref.mean) / Math.hypot(ours.error, ref.error);
        expect(Math.abs(z), `${o}: ${ours.mean} +- ${ours.error} vs ${ref.mean} +- ${ref.error}`).toBeLessThan(4);
      }
    });
  }
});
