// An XY Metropolis run does not depend on how its sweeps are grouped into calls: a sweep draws the
// states of its four lane generators from the main generator when it starts (src/models/xy/kernel.ts),
// so recorded sweeps (the step size frozen) in calls of 1, 2 and 3 give the records, spins and
// generator state of one call, on both backends, on the square lattice and the cube, with row lengths
// that end in a single site (L = 10) and without (L = 8).
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationOptions } from '../src/index.js';

const W = 9;

async function grouped(options: SimulationOptions, sweeps: number, group: number) {
  const one = await createSimulation({ model: 'xy', seed: 23, ...options });
  const many = await createSimulation({ model: 'xy', seed: 23, ...options });
  // unrecorded sweeps tune the step size: the same thermalisation on both, then the step is frozen
  one.sweep(20);
  many.sweep(20);
  const whole = new Float64Array(W * sweeps);
  one.sweep(sweeps, whole);
  const parts = new Float64Array(W * sweeps);
  for (let done = 0; done < sweeps; done += group) {
    const k = Math.min(group, sweeps - done);
    const part = new Float64Array(W * k);
    many.sweep(k, part);
    parts.set(part, W * done);
  }
  const result = { whole, parts, spins: [one.snapshot().spins, many.snapshot().spins], rng: [one.snapshot().rngState, many.snapshot().rngState] };
  one.dispose();
  many.dispose();
  return result;
}

describe('XY Metropolis runs do not depend on how sweeps are grouped into calls', () => {
  const cases: [string, SimulationOptions][] = [
    ['square L=10 h=0.1', { size: 10, temperature: 0.9, field: 0.1 }],
    ['square L=8 over-relaxation 1', { size: 8, temperature: 1.1, overRelaxation: 1 }],
    ['cubic L=6', { lattice: 'cubic', size: 6, temperature: 2.2 }],
  ];
  for (const [name, options] of cases) {
    for (const backend of ['wasm', 'js'] as const) {
      it(`${name} (${backend}), calls of 1, 2 and 3 sweeps`, async () => {
        for (const group of [1, 2, 3]) {
          const r = await grouped({ ...options, backend }, 12, group);
          expect(Buffer.from(r.parts.buffer)).toEqual(Buffer.from(r.whole.buffer));
          expect(Buffer.from(r.spins[1].buffer)).toEqual(Buffer.from(r.spins[0].buffer));
          expect(r.rng[1]).toEqual(r.rng[0]);
        }
      });
    }
  }
});
