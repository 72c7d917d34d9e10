// RG flow of observables on a 32 x 32 lattice, 2 x 2 majority blocks down to 4 x 4 (levels 0..3):
// below Tc (T = 2.0) towards the ordered fixed point, above (T = 3.0) towards the disordered one,
// at Onsager's Tc staying put. Both backends; 10^4 configurations, one every 2 sweeps.
// Tolerances: a change between levels counts when it exceeds 4 combined standard errors.
import { describe, expect, it } from 'vitest';
import { createSimulation, CRITICAL_TEMPERATURE, rgFlow } from '../src/index.js';
import type { Observable, RgResult } from '../src/index.js';

/** Critical Binder cumulant of the periodic square-lattice Ising model (Salas & Sokal, J. Stat. Phys. 98, 551 (2000)). */
const BINDER_CRITICAL = 0.61069;

async function flowAt(temperature: number, backend: 'wasm' | 'js'): Promise<RgResult> {
  const sim = await createSimulation({ size: 32, temperature, seed: 11, backend });
  return rgFlow(sim, { thermalize: 2000, samples: 10_000, every: 2 });
}

/** b - a in units of the combined error. */
function z(a: Observable, b: Observable): number {
  return (b.mean - a.mean) / Math.hypot(a.error, b.error);
}

describe('RG flow', { timeout: 60_000 }, () => {
  for (const backend of ['wasm', 'js'] as const) {
    it(`T = 2.0 flows to the ordered fixed point (${backend})`, async () => {
      const r = await flowAt(2.0, backend);
      expect(r.flow.map((l) => l.size)).toEqual([32, 16, 8, 4]);
      expect(r.direction).toBe('ordered');
      for (let k = 1; k < r.flow.length; k++) {
        expect(z(r.flow[k - 1].nn, r.flow[k].nn), `nn grows at level ${k}`).toBeGreaterThan(4);
        expect(z(r.flow[k - 1].absMagnetization, r.flow[k].absMagnetization), `|m| grows at level ${k}`).toBeGreaterThan(4);
        expect(z(r.flow[k - 1].binder, r.flow[k].binder), `U4 does not fall at level ${k}`).toBeGreaterThan(-4);
      }
      const last = r.flow[r.flow.length - 1];
      expect(last.nn.mean).toBeGreaterThan(0.99);
      expect(last.absMagnetization.mean).toBeGreaterThan(0.99);
      expect(last.binder.mean).toBeGreaterThan(0.666);
      const entropy = r.flow.slice(0, -1).map((l) => l.patternEntropy!.perSpin);
      for (let k = 1; k < entropy.length; k++) expect(z(entropy[k - 1], entropy[k]), `entropy falls at level ${k}`).toBeLessThan(-4);
    });

    it(`T = 3.0 flows to the disordered fixed point (${backend})`, async () => {
      const r = await flowAt(3.0, backend);
      expect(r.direction).toBe('disordered');
      for (let k = 1; k < r.flow.length; k++) {
        expect(z(r.flow[k - 1].nn, r.flow[k].nn), `nn falls at level ${k}`).toBeLessThan(-4);
        expect(z(r.flow[k - 1].plaquette, r.flow[k].plaquette), `plaquette falls at level ${k}`).toBeLessThan(-4);
      }
      const last = r.flow[r.flow.length - 1];
      expect(last.nn.mean).toBeLessThan(0.1);
      expect(last.binder.mean).toBeLessThan(0.1);
      const entropy = r.flow.slice(0, -1).map((l) => l.patternEntropy!.perSpin);
      for (let k = 1; k < entropy.length; k++) expect(z(entropy[k - 1], entropy[k]), `entropy grows at level ${k}`).toBeGreaterThan(4);
      expect(entropy[entropy.length - 1].mean).toBeGreaterThan(0.68); // -> ln 2 = 0.693 per spin
    });

    it(`T = Tc stays put (${backend})`, async () => {
      const r = await flowAt(CRITICAL_TEMPERATURE, backend);
      expect(r.direction).toBe('critical');
      // nn odds change by less than a factor sqrt 2 per level (that is what 'critical' means)
      for (const l of r.flow) {
        // U4 is scale invariant at Tc: every level near the critical value
        expect(Math.abs(l.binder.mean - BINDER_CRITICAL), `U4 at level ${l.level}`).toBeLessThan(Math.max(4 * l.binder.error, 0.02));
      }
      // the entropy of the blocks of the two largest lattices (32 and 16) agrees to 0.01 nats per spin
      // (it changes by 0.065 between them at T = 2.0 and by 0.044 at T = 3.0)
      const [s0, s1] = r.flow.map((l) => l.patternEntropy?.perSpin.mean ?? NaN);
      expect(Math.abs(s1 - s0)).toBeLessThan(0.01);
    });
  }
});
